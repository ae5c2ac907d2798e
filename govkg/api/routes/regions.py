"""Regions: list, detail, practices, agencies, metrics, comparison and similar regions."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from govkg.api.deps import (
    CatalogDep,
    Limit,
    Offset,
    QuerySlot,
    SettingsDep,
    StoreDep,
    page,
    resolve_region,
    run,
)
from govkg.api.errors import ApiError, NotFound
from govkg.api.routes.common import AMBIGUOUS, ERRORS, answer, opt_int, strings
from govkg.api.routes.evidence import sampled_evidence
from govkg.api.schemas import (
    AgencyOut,
    ComparedPractice,
    Comparison,
    Implementation,
    MetricOut,
    Page,
    PairScore,
    Provenance,
    RegionDetail,
    RegionPractice,
    RegionRef,
    RegionSummary,
    SimilarRegion,
)
from govkg.config import Settings
from govkg.graph.store import GraphStore
from govkg.queries.catalog import Catalog
from govkg.queries.names import check_level

router = APIRouter(prefix="/regions", tags=["regions"], responses=ERRORS)

RegionCode = Annotated[
    str, Path(description="region code, official name, short name or alias", max_length=200)
]
EVIDENCE_SAMPLE = 3


@router.get("", operation_id="listRegions", response_model=Page[RegionSummary])
def list_regions(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, description="substring of the name or an alias")] = None,
    level: Annotated[
        str | None, Query(max_length=40, description="only regions of this level (province … village)")
    ] = None,
    parent: Annotated[
        str | None, Query(max_length=200, description="only direct children of this region (code or name)")
    ] = None,
    sort: Annotated[
        Literal["code", "practices"],
        Query(description="code (default), or practices: the regions that adopted the most practices first"),
    ] = "code",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[RegionSummary]:
    """Regions by name or alias, level and parent, with the number of practices each adopted."""
    check_level(level)
    if sort == "practices" and not q and not parent:
        # Most active regions, paged in the query (the explorer's home page asks this on every visit).
        top = run(
            store, catalog, "active_regions", settings, {"level": level, "limit": limit, "offset": offset}
        )
        total = run(store, catalog, "regions_adopting_count", settings, {"level": level})
        return Page(
            data=[_summary(r) for r in top],
            count=int(total[0]["count"]) if total else 0,
            limit=limit,
            offset=offset,
        )
    parent_code = resolve_region(store, catalog, settings, parent)["code"] if parent else None
    rows = run(store, catalog, "regions", settings, {"q": q or None, "level": level, "parent": parent_code})
    if sort == "practices":
        rows = sorted(
            (r for r in rows if opt_int(r.get("practices"))),
            key=lambda r: (-(opt_int(r.get("practices")) or 0), str(r["code"])),
        )
    return page([_summary(r) for r in rows], limit, offset)


def _summary(r: dict[str, Any]) -> RegionSummary:
    return RegionSummary(
        code=r["code"],
        name=r.get("name") or r["code"],
        level=r.get("level"),
        short=r.get("short") or None,
        aliases=strings(r.get("aliases")),
        parent=r.get("parent"),
        practices=opt_int(r.get("practices")) or 0,
    )


def _portfolios(
    store: GraphStore, catalog: Catalog, settings: Settings, codes: list[str] | None
) -> tuple[dict[str, dict[str, list[Provenance]]], dict[str, RegionRef], dict[str, str | None]]:
    """Per region: practice key → its provenance; plus region refs and practice names."""
    rows = run(store, catalog, "region_portfolios", settings, {"codes": codes})
    facts: dict[str, dict[str, list[Provenance]]] = defaultdict(lambda: defaultdict(list))
    refs: dict[str, RegionRef] = {}
    names: dict[str, str | None] = {}
    for r in rows:
        code, key = r["code"], r["practice"]
        refs.setdefault(code, RegionRef(code=code, name=r.get("region_name"), level=r.get("level")))
        names.setdefault(key, r.get("practice_name"))
        facts[code][key].append(
            Provenance(
                report_id=str(r["report_id"]),
                evidence=r.get("evidence"),
                year=opt_int(r.get("year")),
                region_code=code,
                offset=opt_int(r.get("offset")),
                report_title=r.get("report_title"),
                report_date=r.get("report_date"),
                report_source=r.get("report_source"),
            )
        )
    return facts, refs, names


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


@router.get(
    "/compare",
    operation_id="compareRegions",
    response_model=Comparison,
    responses=AMBIGUOUS,
)
def compare_regions(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    codes: Annotated[
        str, Query(max_length=1000, description="2 or 3 region codes or names, comma-separated")
    ],
) -> Comparison:
    """Shared and distinct practices of 2–3 regions, with the Jaccard similarity of their portfolios."""
    raw = [c.strip() for c in codes.split(",") if c.strip()]
    if not 2 <= len(raw) <= 3:
        raise ApiError(422, f"query parameter 'codes' needs 2 or 3 region codes, got {len(raw)}")
    found = [resolve_region(store, catalog, settings, c) for c in raw]
    wanted = list(dict.fromkeys(f["code"] for f in found))
    if len(wanted) < 2:
        raise ApiError(422, "query parameter 'codes' names the same region more than once")
    facts, _, names = _portfolios(store, catalog, settings, wanted)
    sets = {c: set(facts.get(c, {})) for c in wanted}
    shared_keys = set.intersection(*sets.values())

    def compared(key: str, regions: list[str]) -> ComparedPractice:
        evidence = [p for c in regions for p in facts[c][key][:EVIDENCE_SAMPLE]]
        return ComparedPractice(key=key, name=names.get(key), regions=regions, evidence=evidence)

    shared = [compared(k, wanted) for k in sorted(shared_keys)]
    distinct = {
        c: [compared(k, [c]) for k in sorted(sets[c] - set().union(*(sets[o] for o in wanted if o != c)))]
        for c in wanted
    }
    pairs = [
        PairScore(a=a, b=b, jaccard=round(jaccard(sets[a], sets[b]), 6), shared=len(sets[a] & sets[b]))
        for a, b in combinations(wanted, 2)
    ]
    union = set().union(*sets.values())
    overall = len(shared_keys) / len(union) if union else 0.0
    refs = [RegionRef(code=f["code"], name=f.get("name"), level=f.get("level")) for f in found]
    unique_refs = list({r.code: r for r in refs}.values())
    return Comparison(
        regions=unique_refs, shared=shared, distinct=distinct, jaccard=round(overall, 6), pairs=pairs
    )


@router.get("/{code}", operation_id="getRegion", response_model=RegionDetail, responses=AMBIGUOUS)
def get_region(code: RegionCode, store: StoreDep, catalog: CatalogDep, settings: SettingsDep) -> RegionDetail:
    """A region with its path to the root (nearest first) and its children."""
    found = resolve_region(store, catalog, settings, code)
    rows = run(store, catalog, "region_detail", settings, {"code": found["code"]})
    if not rows:
        raise NotFound(f"unknown region {code!r}")
    r = rows[0]
    path = run(store, catalog, "region_ancestors", settings, {"code": found["code"]})
    children = run(store, catalog, "region_children", settings, {"code": found["code"]})
    return RegionDetail(
        code=r["code"],
        name=r.get("name") or r["code"],
        level=r.get("level"),
        short=r.get("short") or None,
        aliases=strings(r.get("aliases")),
        path=[RegionRef(code=a["code"], name=a.get("name"), level=a.get("level")) for a in path],
        children=[RegionRef(code=c["code"], name=c.get("name"), level=c.get("level")) for c in children],
        practices=opt_int(r.get("practices")) or 0,
        reports=opt_int(r.get("reports")) or 0,
    )


@router.get(
    "/{code}/practices",
    operation_id="listRegionPractices",
    response_model=Page[RegionPractice],
    responses=AMBIGUOUS,
)
def list_region_practices(
    code: RegionCode,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    include_descendants: Annotated[
        bool, Query(description="also practices adopted by regions under it")
    ] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Practices a region (optionally with every region under it) adopted, with evidence."""
    found = resolve_region(store, catalog, settings, code)
    rows = run(
        store,
        catalog,
        "region_adoptions",
        settings,
        {"code": found["code"], "include_descendants": include_descendants, "evidence_limit": 0},
    )
    shown = rows[offset : offset + limit]
    # Evidence for the page only, read after it from the rows' sample ranks.
    evidence = sampled_evidence(store, catalog, settings, [r.get("sample") for r in shown], EVIDENCE_SAMPLE)
    items = [
        RegionPractice(
            key=r["key"],
            name=r.get("name"),
            category=r.get("category"),
            regions=strings(r.get("regions")),
            reports=opt_int(r.get("reports")) or 0,
            first_year=opt_int(r.get("first_year")),
            evidence=ev,
        )
        for r, ev in zip(shown, evidence, strict=True)
    ]
    return answer(Page(data=items, count=len(rows), limit=limit, offset=offset))


@router.get(
    "/{code}/agencies",
    operation_id="listRegionAgencies",
    response_model=Page[AgencyOut],
    responses=AMBIGUOUS,
)
def list_region_agencies(
    code: RegionCode,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[AgencyOut]:
    """Agencies of a region and the practices each implements, with evidence."""
    found = resolve_region(store, catalog, settings, code)
    rows = run(store, catalog, "region_agencies", settings, {"code": found["code"]})
    items = [
        AgencyOut(
            key=r["key"],
            name=r.get("name") or r["key"],
            kind=r.get("kind"),
            region_code=r.get("region_code"),
            implements=[
                Implementation(
                    practice_key=i["practice_key"],
                    practice_name=i.get("practice_name"),
                    report_id=str(i["report_id"]),
                    year=opt_int(i.get("year")),
                    evidence=i.get("evidence"),
                    offset=opt_int(i.get("offset")),
                    report_title=i.get("report_title"),
                    report_date=i.get("report_date"),
                    report_source=i.get("report_source"),
                )
                for i in r.get("implements") or []
            ],
        )
        for r in rows
    ]
    return page(items, limit, offset)


def metric(r: dict[str, Any]) -> MetricOut:
    """A measurement row as a MetricOut."""
    value = r.get("value")
    return MetricOut(
        key=r["key"],
        indicator=r.get("indicator"),
        value=float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None,
        unit=r.get("unit"),
        raw=r.get("raw"),
        year=opt_int(r.get("year")),
        approximate=r.get("approximate") if isinstance(r.get("approximate"), bool) else None,
        region_code=r.get("region_code"),
        practice_key=r.get("practice_key"),
        report_id=r.get("report_id"),
        evidence=r.get("evidence"),
        offset=opt_int(r.get("offset")),
        report_title=r.get("report_title"),
        report_date=r.get("report_date"),
        report_source=r.get("report_source"),
    )


@router.get(
    "/{code}/metrics",
    operation_id="listRegionMetrics",
    response_model=Page[MetricOut],
    responses=AMBIGUOUS,
)
def list_region_metrics(
    code: RegionCode,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[MetricOut]:
    """Quantities reported for a region, each with its report and sentence."""
    found = resolve_region(store, catalog, settings, code)
    rows = run(store, catalog, "region_metrics", settings, {"code": found["code"]})
    return page([metric(r) for r in rows], limit, offset)


@router.get(
    "/{code}/similar",
    operation_id="listRegionSimilar",
    response_model=Page[SimilarRegion],
    responses=AMBIGUOUS,
)
def list_similar_regions(
    code: RegionCode,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    k: Annotated[int, Query(ge=1, le=100, description="how many regions to return")] = 10,
) -> Page[SimilarRegion]:
    """The k regions whose practice portfolios overlap most with this one's (Jaccard)."""
    found = resolve_region(store, catalog, settings, code)
    facts, refs, _ = _portfolios(store, catalog, settings, None)
    mine = set(facts.get(found["code"], {}))
    scored = []
    for other, practices in facts.items():
        if other == found["code"]:
            continue
        theirs = set(practices)
        score = jaccard(mine, theirs)
        if score > 0:
            ref = refs[other]
            scored.append(
                SimilarRegion(
                    code=other,
                    name=ref.name,
                    level=ref.level,
                    jaccard=round(score, 6),
                    shared=sorted(mine & theirs),
                    practices=len(theirs),
                )
            )
    scored.sort(key=lambda s: (-s.jaccard, s.code))
    return Page(data=scored[:k], count=len(scored), limit=k, offset=0)
