"""Practices: list, detail, adopters and the diffusion timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from govkg.api.deps import (
    CatalogDep,
    Limit,
    Offset,
    SettingsDep,
    StoreDep,
    page,
    resolve_practice,
    resolve_region,
    run,
    runner,
)
from govkg.api.errors import NotFound
from govkg.api.routes.common import AMBIGUOUS, ERRORS, answer, opt_int, strings
from govkg.api.routes.evidence import sampled_evidence
from govkg.api.schemas import (
    Adopter,
    Page,
    PracticeDetail,
    PracticeSummary,
    Ref,
    Timeline,
    TimelinePoint,
    TimelineRegion,
)
from govkg.queries.names import check_category, check_level, check_years

router = APIRouter(prefix="/practices", tags=["practices"], responses=ERRORS)

PracticeKey = Annotated[str, Path(description="practice key, canonical name or alias", max_length=200)]
Year = Annotated[int | None, Query(ge=1900, le=2100)]
MinConfidence = Annotated[
    float | None, Query(ge=0.0, le=1.0, description="only facts extracted with at least this confidence")
]


@router.get("", operation_id="listPractices", response_model=Page[PracticeSummary])
def list_practices(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    category: Annotated[str | None, Query(max_length=200, description="only this category")] = None,
    q: Annotated[str | None, Query(max_length=200, description="substring of the name or an alias")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[PracticeSummary]:
    """Practices with their number of adopting regions and first year of adoption."""
    category = check_category(runner(store, catalog, settings), category)
    rows = run(store, catalog, "practices", settings, {"category": category, "q": q or None})
    items = [
        PracticeSummary(
            key=r["key"],
            name=r.get("name") or r["key"],
            category=r.get("category"),
            aliases=strings(r.get("aliases")),
            adopters=opt_int(r.get("adopters")) or 0,
            first_year=opt_int(r.get("first_year")),
        )
        for r in rows
    ]
    return page(items, limit, offset)


@router.get(
    "/{key}",
    operation_id="getPractice",
    response_model=PracticeDetail,
    responses=AMBIGUOUS,
)
def get_practice(
    key: PracticeKey, store: StoreDep, catalog: CatalogDep, settings: SettingsDep
) -> PracticeDetail:
    """One practice: names, category, variants, description and adoption span."""
    found = resolve_practice(store, catalog, settings, key)
    rows = run(store, catalog, "practice_detail", settings, {"key": found["key"]})
    if not rows:
        raise NotFound(f"unknown practice {key!r}")
    r = rows[0]
    parent = Ref(key=r["variant_of_key"], name=r.get("variant_of_name")) if r.get("variant_of_key") else None
    return PracticeDetail(
        key=r["key"],
        name=r.get("name") or r["key"],
        category=r.get("category"),
        aliases=strings(r.get("aliases")),
        description=r.get("description") or None,
        origin=r.get("origin"),
        variant_of=parent,
        variants=[Ref(key=v["key"], name=v.get("name")) for v in r.get("variants") or []],
        adopters=opt_int(r.get("adopters")) or 0,
        reports=opt_int(r.get("reports")) or 0,
        first_year=opt_int(r.get("first_year")),
        last_year=opt_int(r.get("last_year")),
    )


@router.get(
    "/{key}/adopters",
    operation_id="listPracticeAdopters",
    response_model=Page[Adopter],
    responses=AMBIGUOUS,
)
def list_adopters(
    key: PracticeKey,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    level: Annotated[
        str | None, Query(max_length=40, description="only regions of this level (province … village)")
    ] = None,
    within: Annotated[
        str | None, Query(max_length=200, description="only this region (code or name) and those under it")
    ] = None,
    rollup: Annotated[bool, Query(description="credit each region with its descendants' adoptions")] = False,
    year_from: Year = None,
    year_to: Year = None,
    min_confidence: MinConfidence = None,
    limit: Limit = 100,
    offset: Offset = 0,
    evidence_limit: Annotated[
        int,
        Query(
            ge=0,
            le=3,
            description="evidence facts per region, earliest first (0 for counts only: maps, lists)",
        ),
    ] = 3,
) -> Response:
    """Regions that adopted a practice, with supporting reports, first year and evidence."""

    check_level(level)
    check_years(year_from, year_to)
    found = resolve_practice(store, catalog, settings, key)
    within_code = resolve_region(store, catalog, settings, within)["code"] if within else None
    params = {
        "key": found["key"],
        "rollup": rollup,
        "level": level,
        "within": within_code,
        "year_from": year_from,
        "year_to": year_to,
        "min_confidence": min_confidence,
    }
    # Paged inside the query (the aggregates are sorted by the engine); the page's evidence is read
    # after it from its sample ranks, in one flat query (sampled_evidence).
    paging = {"limit": limit, "offset": offset, "evidence_limit": 0}
    rows = run(store, catalog, "adopters", settings, {**params, **paging})
    if 0 < len(rows) < limit or (not rows and offset == 0):
        total = offset + len(rows)  # the page holds the last row: no count needed
    else:
        total = sum(
            opt_int(r.get("count")) or 0 for r in run(store, catalog, "adopters_count", settings, params)
        )
    evidence = sampled_evidence(
        store, catalog, settings, [r.get("sample") for r in rows], evidence_limit, [r["code"] for r in rows]
    )
    items = [
        Adopter(
            code=r["code"],
            name=r.get("name"),
            level=r.get("level"),
            reports=opt_int(r.get("reports")) or 0,
            first_year=opt_int(r.get("first_year")),
            last_year=opt_int(r.get("last_year")),
            adopting_regions=opt_int(r.get("adopting_regions")),
            facts=opt_int(r.get("facts")),
            evidence=ev,
        )
        for r, ev in zip(rows, evidence, strict=True)
    ]
    return answer(Page(data=items, count=total, limit=limit, offset=offset))


@router.get(
    "/{key}/timeline",
    operation_id="getPracticeTimeline",
    response_model=Timeline,
    responses=AMBIGUOUS,
)
def get_timeline(
    key: PracticeKey,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    regions: Annotated[
        bool,
        Query(description="list each year's new regions with their first evidence (false: the counts only)"),
    ] = True,
    regions_per_year: Annotated[
        int,
        Query(
            ge=1,
            le=10_000,
            description="at most this many of each year's new regions listed, by code "
            "(new_regions counts all)",
        ),
    ] = 20,
) -> Response:
    """The diffusion curve: per year, the regions adopting for the first time and the running total."""
    found = resolve_practice(store, catalog, settings, key)
    by_year: dict[int, list[TimelineRegion]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    undated = 0
    # The curve from the aggregates; the listed regions (if any) cut per year in the query.
    for r in run(store, catalog, "practice_timeline_counts", settings, {"key": found["key"]}):
        year = opt_int(r.get("year"))
        if year is None:
            undated += opt_int(r.get("regions")) or 0
        else:
            counts[year] += opt_int(r.get("regions")) or 0
    if regions:
        params = {"key": found["key"], "limit": regions_per_year}
        for r in run(store, catalog, "practice_timeline", settings, params):
            year = opt_int(r.get("year"))
            if year is None:
                continue
            by_year[year].append(
                TimelineRegion(
                    code=r["code"],
                    name=r.get("name"),
                    level=r.get("level"),
                    report_id=str(r.get("report_id")),
                    evidence=r.get("evidence"),
                    offset=opt_int(r.get("offset")),
                    report_title=r.get("report_title"),
                    report_date=r.get("report_date"),
                    report_source=r.get("report_source"),
                )
            )
    points = []
    total = 0
    for year in sorted(counts):
        total += counts[year]
        first = sorted(by_year[year], key=lambda t: t.code)
        points.append(TimelinePoint(year=year, new_regions=counts[year], cumulative=total, regions=first))
    practice = Ref(key=found["key"], name=found.get("name"))
    return answer(Timeline(practice=practice, undated_regions=undated, points=points))
