"""Adoption facts with their evidence sentences and reports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from govkg.api.deps import (
    CatalogDep,
    Limit,
    Offset,
    SettingsDep,
    StoreDep,
    resolve_practice,
    resolve_region,
    run,
)
from govkg.api.routes.common import AMBIGUOUS, ERRORS, opt_float, opt_int
from govkg.api.schemas import AdoptionOut, Page
from govkg.queries.names import check_years

router = APIRouter(prefix="/adoptions", tags=["adoptions"], responses={**ERRORS, **AMBIGUOUS})

Year = Annotated[int | None, Query(ge=1900, le=2100)]
Name = Annotated[str | None, Query(max_length=200)]


def adoption(r: dict[str, Any]) -> AdoptionOut:
    """An adoption row as an AdoptionOut."""
    return AdoptionOut(
        region_code=r["region_code"],
        region_name=r.get("region_name"),
        region_level=r.get("region_level"),
        practice_key=r["practice_key"],
        practice_name=r.get("practice_name"),
        year=opt_int(r.get("year")),
        evidence=r.get("evidence"),
        offset=opt_int(r.get("offset")),
        report_id=str(r["report_id"]),
        report_title=r.get("report_title", r.get("title")),
        report_source=r.get("report_source", r.get("source")),
        report_date=r.get("report_date"),
        confidence=opt_float(r.get("confidence")),
        method=r.get("method"),
    )


@router.get("", operation_id="listAdoptions", response_model=Page[AdoptionOut])
def list_adoptions(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    practice: Annotated[str | None, Query(max_length=200, description="practice key, name or alias")] = None,
    region: Annotated[
        str | None, Query(max_length=200, description="exactly this region (code or name)")
    ] = None,
    within: Annotated[str | None, Query(max_length=200, description="this region or any under it")] = None,
    year_from: Year = None,
    year_to: Year = None,
    report: Annotated[str | None, Query(max_length=200, description="only facts from this report id")] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="only facts extracted with at least this confidence")
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[AdoptionOut]:
    """Adoption facts, each with its evidence sentence, report id, title and source."""
    check_years(year_from, year_to)
    params: dict[str, Any] = {
        "practice": resolve_practice(store, catalog, settings, practice)["key"] if practice else None,
        "region": resolve_region(store, catalog, settings, region)["code"] if region else None,
        "within": resolve_region(store, catalog, settings, within)["code"] if within else None,
        "year_from": year_from,
        "year_to": year_to,
        "report": report,
        "min_confidence": min_confidence,
    }
    total = run(store, catalog, "adoptions_count", settings, params)
    rows = run(store, catalog, "adoptions", settings, {**params, "limit": limit, "offset": offset})
    return Page(
        data=[adoption(r) for r in rows],
        count=(opt_int(total[0]["count"]) or 0) if total else 0,
        limit=limit,
        offset=offset,
    )


def report_facts(
    store: StoreDep, catalog: CatalogDep, settings: SettingsDep, report_id: str
) -> list[AdoptionOut]:
    """Every adoption fact of one report, in text order."""
    params = {"report": report_id}
    total = run(store, catalog, "adoptions_count", settings, params)
    n = (opt_int(total[0]["count"]) or 0) if total else 0
    rows = run(store, catalog, "adoptions", settings, {**params, "limit": max(n, 1), "offset": 0})
    return [adoption(r) for r in rows]
