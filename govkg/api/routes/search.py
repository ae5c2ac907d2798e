"""Search over practice, region and agency names and over evidence sentences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from govkg.api.deps import CatalogDep, Limit, Offset, QuerySlot, SettingsDep, StoreDep, page, run
from govkg.api.routes.common import ERRORS
from govkg.api.schemas import Page, SearchHit
from govkg.graph.store import QueryError

router = APIRouter(tags=["search"], responses=ERRORS)

KIND_ORDER = {"practice": 0, "region": 1, "agency": 2, "evidence": 3}


@router.get("/search", operation_id="search", response_model=Page[SearchHit])
def search(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    q: Annotated[str, Query(min_length=1, max_length=200, description="text to look for (Chinese)")],
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[SearchHit]:
    """Practices, regions and agencies by name or alias, then evidence sentences containing the text."""
    text = q.strip()
    if not text:
        return page([], limit, offset)
    hits: dict[tuple[str, str], SearchHit] = {}
    # The full-text index ranks whole-word hits; substring matching catches what a tokenizer splits.
    try:
        for r in run(store, catalog, "search", settings, {"q": text}):
            if r.get("key") is not None:
                hit = SearchHit(kind=r["kind"], key=str(r["key"]), name=r.get("name"), score=r.get("score"))
                hits.setdefault((hit.kind, hit.key), hit)
    except QueryError:
        pass  # no index or a query the index syntax rejects: substring search still answers
    for r in run(store, catalog, "search_names", settings, {"q": text}):
        hits.setdefault(
            (r["kind"], str(r["key"])), SearchHit(kind=r["kind"], key=str(r["key"]), name=r.get("name"))
        )
    ranked = sorted(
        hits.values(),
        key=lambda h: (KIND_ORDER.get(h.kind, 9), h.name != text, -(h.score or 0.0), h.key),
    )
    for r in run(store, catalog, "search_evidence", settings, {"q": text}):
        ranked.append(
            SearchHit(
                kind="evidence",
                key=f"{r['report_id']}:{r['region_code']}:{r['practice_key']}",
                name=r.get("practice_name"),
                report_id=str(r["report_id"]),
                evidence=r.get("evidence"),
                region_code=r.get("region_code"),
                practice_key=r.get("practice_key"),
            )
        )
    return page(ranked, limit, offset)
