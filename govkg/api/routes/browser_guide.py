"""GET /browser-guide: the Neo4j Browser guide, for `:play http://<api>/browser-guide`."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

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


# Browser fetches guides with `pragma` and `cache-control` request headers, which make Chromium
# send a CORS preflight first; without an answer to it the guide never loads.
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "pragma, cache-control",
    "Access-Control-Max-Age": "600",
}


@router.options("/browser-guide", include_in_schema=False)
def browser_guide_preflight() -> Response:
    """Answer Browser's CORS preflight for the guide: any origin may GET it with its cache headers."""
    return Response(status_code=204, headers=PREFLIGHT_HEADERS)
