"""GET /browser-guide: the Neo4j Browser guide, for `:play http://<api>/browser-guide`."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["browser"])


@cache
def guide_html() -> str:
    """The packaged guide (govkg/api/static/browser_guide.html)."""
    return resources.files("govkg.api").joinpath("static/browser_guide.html").read_text(encoding="utf-8")


@router.get(
    "/browser-guide",
    response_class=HTMLResponse,
    operation_id="browser_guide",
    summary="Neo4j Browser guide walking through the govkg graph",
)
def browser_guide() -> HTMLResponse:
    """Serve the guide; Browser fetches it cross-origin, so this route alone allows any origin."""
    # Neo4j Browser also needs this host in browser.remote_content_hostname_whitelist.
    return HTMLResponse(guide_html(), headers={"Access-Control-Allow-Origin": "*"})
