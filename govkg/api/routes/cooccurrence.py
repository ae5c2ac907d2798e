"""Practice pairs adopted by the same regions."""

from __future__ import annotations

from typing import Annotated

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
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[CoPair]:
    """Practice pairs with the number and codes of the regions that adopted both."""
    key = resolve_practice(store, catalog, settings, practice)["key"] if practice else None
    rows = run(store, catalog, "cooccurrence", settings, {"min_regions": min_regions, "practice": key})
    items = [
        CoPair(
            a=r["a"],
            a_name=r.get("a_name"),
            b=r["b"],
            b_name=r.get("b_name"),
            regions=opt_int(r.get("regions")) or 0,
            region_codes=strings(r.get("region_codes")),
        )
        for r in rows
    ]
    return page(items, limit, offset)
