"""Service routes: counts, health and version."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from govkg import __version__
from govkg.api.deps import CatalogDep, SettingsDep, StoreDep, run
from govkg.api.errors import Unavailable
from govkg.api.routes.common import ERRORS, opt_int
from govkg.api.schemas import HealthOut, StatsOut, VersionOut
from govkg.config import Settings
from govkg.graph.journal import last_load_time
from govkg.graph.store import StoreError

router = APIRouter(tags=["meta"], responses=ERRORS)


def dialect_of(settings: Settings) -> str:
    """The store dialect the settings name, without opening the store."""
    uri = settings.effective_store()
    return "falkordb" if uri in ("falkordb", "embedded", "") or uri.startswith("falkordb:") else "neo4j"


def store_label(settings: Settings) -> str:
    """Where the store is, without credentials."""
    uri = settings.effective_store()
    if dialect_of(settings) == "falkordb":
        return f"falkordb (embedded, {settings.data_dir})"
    return uri.split("@", 1)[-1] if "@" in uri else uri


@router.get("/stats", operation_id="getStats", response_model=StatsOut)
def get_stats(store: StoreDep, catalog: CatalogDep, settings: SettingsDep) -> StatsOut:
    """Counts by label and relationship type, number of reports and the last load time."""
    from govkg.loading import journal_path

    labels: dict[str, int] = {}
    rels: dict[str, int] = {}
    for r in run(store, catalog, "stats", settings):
        name = r.get("name") or r.get("label") or r.get("type")
        if name is None:
            continue
        count = opt_int(r.get("n", r.get("count"))) or 0
        target = labels if str(r.get("kind", "")).lower() in ("label", "node", "nodes") else rels
        target[str(name)] = target.get(str(name), 0) + count
    return StatsOut(
        labels=labels,
        relationships=rels,
        reports=labels.get("Report", 0),
        last_load=last_load_time(journal_path(settings)),
    )


@router.get(
    "/health",
    operation_id="getHealth",
    response_model=HealthOut,
)
def get_health(request: Request, settings: SettingsDep) -> HealthOut | JSONResponse:
    """200 when the store answers, 503 otherwise: status `starting` while it is being opened,
    `degraded` while a store whose server died is being restarted."""
    if request.app.state.store_holder.starting:
        return JSONResponse(
            status_code=503,
            content={
                "status": "starting",
                "store": dialect_of(settings),
                "detail": "the graph store is being opened (loading its data); retry shortly",
            },
            headers={"Retry-After": "1"},
        )
    holder = request.app.state.store_holder
    try:
        store = holder.get()
        ok = store.ping()
    except (StoreError, OSError) as exc:
        if holder.restarting:
            return JSONResponse(
                status_code=503,
                content={
                    "status": "degraded",
                    "store": dialect_of(settings),
                    "detail": "the graph store's server stopped; restarting it "
                    f"(attempt {holder.restarting})",
                },
                headers={"Retry-After": "1"},
            )
        raise Unavailable(f"the graph store is unavailable: {exc}") from exc
    if not ok:
        raise Unavailable("the graph store does not answer")
    return HealthOut(status="ok", store=store.dialect)


@router.get("/version", operation_id="getVersion", response_model=VersionOut)
def get_version(settings: SettingsDep) -> VersionOut:
    """The govkg version and the store it is configured for."""
    return VersionOut(govkg=__version__, dialect=dialect_of(settings), store=store_label(settings))
