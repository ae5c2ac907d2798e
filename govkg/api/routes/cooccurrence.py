"""Practice pairs adopted by the same regions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from govkg.api.deps import (
    CatalogDep,
    Limit,
    Offset,
    QuerySlot,
    SettingsDep,
    StoreDep,
    page,
    resolve_practice,
    run,
)
from govkg.api.routes.common import ERRORS, opt_int, strings
from govkg.api.schemas import CoPair, Page

router = APIRouter(tags=["cooccurrence"], responses=ERRORS)


@router.get("/cooccurrence", operation_id="listCooccurrence", response_model=Page[CoPair])
def list_cooccurrence(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    min_regions: Annotated[
        int,
        Query(ge=1, le=1_000_000, description="only pairs adopted together by at least this many regions"),
    ] = 1,
    practice: Annotated[
        str | None, Query(max_length=200, description="only pairs with this practice (key, name or alias)")
    ] = None,
    codes: Annotated[
        bool, Query(description="list the codes of the regions behind each pair (false: counts only, faster)")
    ] = True,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[CoPair]:
    """Practice pairs with the number and codes of the regions that adopted both."""
    key = resolve_practice(store, catalog, settings, practice)["key"] if practice else None
    params = {"min_regions": min_regions, "practice": key}
    if codes and key is not None:
        # One practice's pairs: a single pass that collects the codes as it counts.
        return page([_pair(r) for r in run(store, catalog, "cooccurrence", settings, params)], limit, offset)
    # Counts first (streamed, no region sets: every pair of a large graph fits), then the codes
    # of the page's pairs only.
    counts = run(store, catalog, "cooccurrence_counts", settings, params)
    shown = counts[offset : offset + limit]
    lists: dict[tuple[str, str], list[str]] = {}
    if codes and shown:
        pairs = {"firsts": [str(r["a"]) for r in shown], "seconds": [str(r["b"]) for r in shown]}
        for r in run(store, catalog, "cooccurrence_regions", settings, pairs):
            lists[(str(r["a"]), str(r["b"]))] = strings(r.get("region_codes"))
    data = [_pair({**r, "region_codes": lists.get((str(r["a"]), str(r["b"])), [])}) for r in shown]
    return Page(data=data, count=len(counts), limit=limit, offset=offset)


def _pair(r: dict[str, Any]) -> CoPair:
    return CoPair(
        a=r["a"],
        a_name=r.get("a_name"),
        b=r["b"],
        b_name=r.get("b_name"),
        regions=opt_int(r.get("regions")) or 0,
        region_codes=strings(r.get("region_codes")),
    )
