"""Analytics routes: adoption events, diffusion curves, practice bundles, centrality, similar regions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from govkg.api.deps import (
    CatalogDep,
    Limit,
    Offset,
    QuerySlot,
    SettingsDep,
    StoreDep,
    resolve_practice,
    resolve_region,
)
from govkg.api.errors import NotFound
from govkg.graph import analytics
from govkg.queries.names import check_level

router = APIRouter(prefix="/analytics", tags=["analytics"])

LevelQ = Annotated[
    str | None, Query(description="only regions of this level (province, prefecture, county, ...)")
]


class EventPage(BaseModel):
    """A page of adoption events."""

    data: list[analytics.AdoptionEvent]  # the export's own row type, so API and files agree
    count: int
    limit: int
    offset: int


class PairOut(BaseModel):
    """Two regions under one parent; the leader adopted first."""

    parent_code: str
    parent_name: str
    leader_code: str
    leader_name: str
    leader_year: int
    follower_code: str
    follower_name: str
    follower_year: int
    lag: int


class DiffusionOut(BaseModel):
    """Cumulative adoption curve of one practice, overall and per province, and leader/follower pairs."""

    practice_key: str
    practice_name: str
    years: list[int]
    new: list[int]
    cumulative: list[int]
    by_province: dict[str, list[int]]
    undated: int
    adopters: int
    pair_count: int
    pairs: list[PairOut]


class BundleOut(BaseModel):
    """A community of practices adopted together."""

    index: int
    practices: list[str]
    names: list[str]
    categories: list[str]
    internal_weight: int


class BundleList(BaseModel):
    """Practice bundles, largest first."""

    data: list[BundleOut]
    count: int


class CentralOut(BaseModel):
    """A practice or region with its degree, strength and PageRank in its projection."""

    kind: str
    key: str
    name: str
    degree: int
    strength: float
    pagerank: float


class CentralityOut(BaseModel):
    """Most central practices and regions."""

    practices: list[CentralOut]
    regions: list[CentralOut]


class SimilarOut(BaseModel):
    """A region with a similar practice portfolio."""

    code: str
    name: str
    level: str
    score: float
    shared: int


class SimilarList(BaseModel):
    """Most similar regions, best first."""

    region: str
    weighted: bool
    data: list[SimilarOut]
    count: int


def _dump(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


@router.get("/events", operation_id="listAdoptionEvents", response_model=EventPage)
def list_events(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    limit: Limit = 100,
    offset: Offset = 0,
    practice: Annotated[str | None, Query(description="practice key, name or alias")] = None,
    within: Annotated[str | None, Query(description="only regions that are this one or under it")] = None,
    level: LevelQ = None,
) -> dict[str, Any]:
    """First adoption per (region, practice), with supporting reports and the earliest evidence."""
    check_level(level)
    key = resolve_practice(store, catalog, settings, practice)["key"] if practice else None
    code = resolve_region(store, catalog, settings, within)["code"] if within else None
    events = [
        e
        for e in analytics.adoption_events(store, practice=key, within=code)
        if level is None or e.level == level
    ]
    return {
        "data": [e.as_row() for e in events[offset : offset + limit]],
        "count": len(events),
        "limit": limit,
        "offset": offset,
    }


@router.get("/diffusion/{practice}", operation_id="getDiffusion", response_model=DiffusionOut)
def get_diffusion(
    practice: str,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    level: LevelQ = None,
    max_pairs: Annotated[
        int, Query(ge=0, le=100_000, description="at most this many leader/follower pairs")
    ] = 1000,
) -> dict[str, Any]:
    """Cumulative adoption curve of a practice by year, overall and per province; leader/follower pairs."""
    check_level(level)
    key = str(resolve_practice(store, catalog, settings, practice)["key"])
    events = analytics.adoption_events(store, practice=key, evidence=False)
    if not events:
        raise NotFound(f"no region adopted practice {practice!r}")
    curve = analytics.diffusion_curve(events, key, level=level).as_dict()
    curve["pair_count"] = len(curve["pairs"])
    curve["pairs"] = curve["pairs"][:max_pairs]
    return curve


@router.get("/bundles", operation_id="listPracticeBundles", response_model=BundleList)
def list_bundles(
    store: StoreDep,
    _slot: QuerySlot,
    min_regions: Annotated[
        int, Query(ge=1, le=1_000_000, description="minimum shared regions for an edge")
    ] = 1,
    resolution: Annotated[float, Query(gt=0, le=100, description="Louvain resolution")] = 1.0,
    seed: Annotated[int, Query(ge=0, le=2**31 - 1, description="Louvain random seed")] = 0,
) -> dict[str, Any]:
    """Practice bundles: Louvain communities of the co-adoption network."""
    bundles = analytics.bundles_from_store(store, seed=seed, resolution=resolution, min_regions=min_regions)
    return {"data": [_dump(b) for b in bundles], "count": len(bundles)}


@router.get("/central", operation_id="listCentral", response_model=CentralityOut)
def list_central(
    store: StoreDep,
    _slot: QuerySlot,
    top: Annotated[int, Query(ge=1, le=1000, description="how many practices and regions")] = 10,
) -> dict[str, Any]:
    """Most connected practices and regions: degree and PageRank in the bipartite projections."""
    report = analytics.centrality_from_store(store, top=top)
    return {"practices": [_dump(c) for c in report.practices], "regions": [_dump(c) for c in report.regions]}


@router.get("/similar/{code}", operation_id="listSimilarRegions", response_model=SimilarList)
def list_similar(
    code: str,
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    k: Annotated[int, Query(ge=1, le=1000, description="how many regions")] = 10,
    weighted: Annotated[bool, Query(description="weight practices by number of supporting reports")] = False,
    same_level: Annotated[bool, Query(description="compare only with regions of the same level")] = False,
) -> dict[str, Any]:
    """Regions whose practice portfolios are most similar (Jaccard, or weighted Jaccard)."""
    region = resolve_region(store, catalog, settings, code)
    resolved = str(region["code"])
    events = analytics.adoption_events(store, evidence=False)
    level = next((e.level for e in events if e.region_code == resolved), None)
    if level is None:
        raise NotFound(f"region {code!r} has no adoptions")
    similar = analytics.similar_regions(
        events, resolved, k=k, weighted=weighted, level=level if same_level else None
    )
    return {
        "region": resolved,
        "weighted": weighted,
        "data": [_dump(s) for s in similar],
        "count": len(similar),
    }
