"""The web explorer at `/`, the map layout and query catalog it reads, and offline API docs.

The explorer is a static page (govkg/api/static/explorer) that calls only the public REST API.
Swagger UI and ReDoc are served from assets vendored in govkg/api/static/vendor, so /docs and
/redoc work without the internet.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from govkg.api.deps import CatalogDep, SettingsDep
from govkg.api.routes.common import ERRORS
from govkg.api.routes.meta import dialect_of
from govkg.api.schemas import Out
from govkg.graph.tilegrid import GRID_COLS, GRID_ROWS, tile_rows

router = APIRouter(responses=ERRORS)

STATIC_URL = "/static"
VENDOR = f"{STATIC_URL}/vendor"
FAVICON = f"{STATIC_URL}/explorer/favicon.svg"


def static_dir() -> Path:
    """The packaged static folder (explorer page, vendored scripts)."""
    return Path(str(resources.files("govkg.api").joinpath("static")))


@cache
def _index_html() -> str:
    return (static_dir() / "explorer" / "index.html").read_text(encoding="utf-8")


class Tile(Out):
    """One provincial unit on the tile-grid map."""

    code: str
    row: int
    col: int
    name: str
    short: str
    en: str


class TileGrid(Out):
    """The tile-grid layout of the 34 provincial units (drawn by govkg, no boundary data)."""

    rows: int
    cols: int
    tiles: list[Tile]


class QueryParamOut(Out):
    """A declared parameter of a catalog query."""

    name: str
    type: str
    required: bool
    default: Any = None
    description: str


class CatalogQuery(Out):
    """A named catalog query with its parameters and the Cypher text the current store runs."""

    name: str
    description: str
    params: list[QueryParamOut]
    text: str


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def explorer_page() -> HTMLResponse:
    """The explorer: one page, routed by the URL fragment (/#/practice/fengqiao, ...)."""
    return HTMLResponse(_index_html())


@router.get("/tilegrid", tags=["explorer"], operation_id="getTileGrid", response_model=TileGrid)
def get_tile_grid() -> TileGrid:
    """The tile-grid map layout: each provincial unit's 2-digit code, row, column and names."""
    return TileGrid(rows=GRID_ROWS, cols=GRID_COLS, tiles=[Tile.model_validate(t) for t in tile_rows()])


@router.get("/queries", tags=["cypher"], operation_id="listQueries", response_model=list[CatalogQuery])
def list_queries(catalog: CatalogDep, settings: SettingsDep) -> list[CatalogQuery]:
    """The named query catalog: each query's description, parameters and text for this store."""
    dialect = dialect_of(settings)
    return [
        CatalogQuery(
            name=q.name,
            description=q.description,
            params=[
                QueryParamOut(
                    name=p.name,
                    type=p.type,
                    required=p.required,
                    default=p.default,
                    description=p.description,
                )
                for p in q.params
            ],
            text=q.text_for(dialect),
        )
        for q in catalog
    ]


def _with_lang(page: HTMLResponse) -> HTMLResponse:
    """FastAPI's docs pages declare no language; say English (screen readers and axe ask for it)."""
    body = bytes(page.body).replace(b"<html>", b'<html lang="en">', 1)
    return HTMLResponse(body.decode("utf-8"))


def _with_contrast_css(page: HTMLResponse) -> HTMLResponse:
    """Add govkg's contrast overrides after Swagger UI's own stylesheet."""
    link = f'<link type="text/css" rel="stylesheet" href="{STATIC_URL}/explorer/swagger-contrast.css">'
    body = bytes(page.body).decode("utf-8").replace("</head>", link + "\n</head>", 1)
    return HTMLResponse(body)


@router.get("/docs", include_in_schema=False)
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI from the vendored swagger-ui-dist; no request leaves the server.

    Deep links are off: with them every operation's summary button holds a focusable link,
    a control nested in a control that keyboard and screen-reader users cannot reach reliably.
    """
    page = get_swagger_ui_html(
        openapi_url=str(request.app.openapi_url),
        title="govkg API",
        swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui.css",
        swagger_favicon_url=FAVICON,
        swagger_ui_parameters={"validatorUrl": None, "deepLinking": False},
    )
    return _with_lang(_with_contrast_css(page))


@router.get("/redoc", include_in_schema=False)
def redoc(request: Request) -> HTMLResponse:
    """ReDoc from the vendored standalone bundle, without web fonts."""
    return _with_lang(
        get_redoc_html(
            openapi_url=str(request.app.openapi_url),
            title="govkg API",
            redoc_js_url=f"{VENDOR}/redoc.standalone.js",
            redoc_favicon_url=FAVICON,
            with_google_fonts=False,
        )
    )
