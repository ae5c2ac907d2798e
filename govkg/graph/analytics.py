"""Policy-diffusion analytics over adoption facts: events, diffusion, bundles, similarity, centrality.

Every analysis is a pure function over plain rows (``AdoptionFact``/``AdoptionEvent``) so it
can be checked on hand-made data; the ``*_from_store`` wrappers read the rows through the
query catalog, so the same code runs on either store.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, cast

import networkx as nx

if TYPE_CHECKING:
    from govkg.graph.store import GraphStore

EVENT_FORMATS = ("csv", "jsonl", "parquet")
Output = str | Path | IO[str] | IO[bytes]


# --- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdoptionFact:
    """One ADOPTED edge as read from the store, with the context analytics need."""

    region_code: str
    region_name: str
    level: str
    practice_key: str
    practice_name: str
    category: str
    year: int | None
    report_id: str
    evidence: str
    offset: int
    parent_code: str | None = None
    parent_name: str | None = None
    province_code: str | None = None
    province_name: str | None = None


def _opt_str(v: Any) -> str | None:
    return None if v is None or v == "" else str(v)


def _opt_int(v: Any) -> int | None:
    return None if v is None or v == "" else int(v)


def facts_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[AdoptionFact]:
    """Turn ``analytics_adoptions`` rows (plain dicts) into typed facts."""
    out = []
    for r in rows:
        out.append(
            AdoptionFact(
                region_code=str(r["region_code"]),
                region_name=str(r.get("region_name") or ""),
                level=str(r.get("level") or ""),
                practice_key=str(r["practice_key"]),
                practice_name=str(r.get("practice_name") or ""),
                category=str(r.get("category") or ""),
                year=_opt_int(r.get("year")),
                report_id=str(r.get("report_id") or ""),
                evidence=str(r.get("evidence") or ""),
                offset=_opt_int(r.get("offset")) or 0,
                parent_code=_opt_str(r.get("parent_code")),
                parent_name=_opt_str(r.get("parent_name")),
                province_code=_opt_str(r.get("province_code")),
                province_name=_opt_str(r.get("province_name")),
            )
        )
    return out


def join_rows(
    facts: Iterable[Mapping[str, Any]],
    regions: Iterable[Mapping[str, Any]],
    practices: Iterable[Mapping[str, Any]],
) -> Iterator[dict[str, Any]]:
    """Combine fact rows with region and practice rows into the flat rows facts_from_rows takes.

    The store sends each region's and practice's details once rather than on every fact:
    result cells, not the engine, dominate the cost of reading ~100k facts.
    """
    region = {str(r["code"]): r for r in regions}
    practice = {str(p["key"]): p for p in practices}
    for f in facts:
        r = region.get(str(f["region_code"]), {})
        p = practice.get(str(f["practice_key"]), {})
        yield {
            **f,
            "region_name": r.get("name"),
            "level": r.get("level"),
            "parent_code": r.get("parent_code"),
            "parent_name": r.get("parent_name"),
            "province_code": r.get("province_code"),
            "province_name": r.get("province_name"),
            "practice_name": p.get("name"),
            "category": p.get("category"),
        }


def read_adoption_facts(
    store: GraphStore, practice: str | None = None, within: str | None = None
) -> list[AdoptionFact]:
    """Read adoption facts through the catalog (analytics_adoptions, _regions, _practices)."""
    from govkg.queries.catalog import run_query

    facts = run_query(store, "analytics_adoptions", {"practice": practice, "within": within})
    regions = run_query(store, "analytics_regions", {"within": within})
    practices = run_query(store, "analytics_practices", {})
    return facts_from_rows(join_rows(facts, regions, practices))


# --- adoption events ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdoptionEvent:
    """First adoption of a practice by a region: one row of a policy-diffusion table."""

    region_code: str
    region_name: str
    level: str
    parent_code: str | None
    parent_name: str | None
    province_code: str | None
    province_name: str | None
    practice_key: str
    practice_name: str
    category: str
    first_year: int | None
    reports: int
    evidence: str
    evidence_report_id: str
    evidence_offset: int

    def as_row(self) -> dict[str, Any]:
        """The event as a flat dict (the column order of every export)."""
        return {name: getattr(self, name) for name in EVENT_FIELDS}


EVENT_FIELDS = tuple(f.name for f in fields(AdoptionEvent))


def _year_key(year: int | None) -> tuple[int, int]:
    # undated facts sort after every dated one
    return (1, 0) if year is None else (0, year)


def events_from_facts(facts: Iterable[AdoptionFact]) -> list[AdoptionEvent]:
    """One event per (region, practice): earliest year, supporting reports, earliest evidence."""
    groups: dict[tuple[str, str], list[AdoptionFact]] = defaultdict(list)
    for f in facts:
        groups[(f.region_code, f.practice_key)].append(f)
    events = []
    for (code, key), group in sorted(groups.items()):
        if len(group) == 1:
            first = group[0]
        else:
            first = min(group, key=lambda f: (_year_key(f.year), f.report_id, f.offset))
        events.append(
            AdoptionEvent(
                region_code=code,
                region_name=first.region_name,
                level=first.level,
                parent_code=first.parent_code,
                parent_name=first.parent_name,
                province_code=first.province_code,
                province_name=first.province_name,
                practice_key=key,
                practice_name=first.practice_name,
                category=first.category,
                first_year=first.year,
                reports=1 if len(group) == 1 else len({f.report_id for f in group}),
                evidence=first.evidence,
                evidence_report_id=first.report_id,
                evidence_offset=first.offset,
            )
        )
    return events


def adoption_events(
    store: GraphStore, practice: str | None = None, within: str | None = None, evidence: bool = True
) -> list[AdoptionEvent]:
    """Adoption events read from a store's ADOPTED aggregates through the catalog.

    Equal to ``events_from_facts(read_adoption_facts(...))`` but read from one edge per (region,
    practice) instead of every fact. ``evidence=False`` skips the earliest-sentence lookup (its
    fields are then empty) for analytics that use only who adopted what, when.
    """
    from govkg.queries.catalog import run_query

    rows = run_query(
        store, "analytics_events", {"practice": practice, "within": within, "evidence": evidence}
    )
    regions = {str(r["code"]): r for r in run_query(store, "analytics_regions", {"within": within})}
    practices = {str(p["key"]): p for p in run_query(store, "analytics_practices", {})}
    events = []
    for row in rows:
        r = regions.get(str(row["region_code"]), {})
        p = practices.get(str(row["practice_key"]), {})
        events.append(
            AdoptionEvent(
                region_code=str(row["region_code"]),
                region_name=str(r.get("name") or ""),
                level=str(r.get("level") or ""),
                parent_code=_opt_str(r.get("parent_code")),
                parent_name=_opt_str(r.get("parent_name")),
                province_code=_opt_str(r.get("province_code")),
                province_name=_opt_str(r.get("province_name")),
                practice_key=str(row["practice_key"]),
                practice_name=str(p.get("name") or ""),
                category=str(p.get("category") or ""),
                first_year=_opt_int(row.get("first_year")),
                reports=int(row.get("reports") or 0),
                evidence=str(row.get("evidence") or ""),
                evidence_report_id=str(row.get("report_id") or ""),
                evidence_offset=_opt_int(row.get("offset")) or 0,
            )
        )
    return events


@contextmanager
def _text_out(out: Output) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(cast(BinaryIO, out), encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _binary_out(out: Output) -> IO[bytes] | str:
    if isinstance(out, str | Path):
        return str(out)
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise ValueError("parquet is binary: give a file path or a binary stream")
        out.flush()
        return buffer  # type: ignore[no-any-return]
    return out  # type: ignore[return-value]


def write_events(events: Iterable[AdoptionEvent], out: Output, fmt: str = "csv") -> int:
    """Write events as csv, jsonl or parquet to a path or stream; return the number of rows."""
    if fmt not in EVENT_FORMATS:
        raise ValueError(f"unknown events format {fmt!r}: use one of {', '.join(EVENT_FORMATS)}")
    rows = [e.as_row() for e in events]
    if fmt == "parquet":
        _write_parquet(rows, _binary_out(out))
        return len(rows)
    with _text_out(out) as fh:
        if fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=EVENT_FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def export_events(
    store: GraphStore,
    out: Output,
    fmt: str = "csv",
    practice: str | None = None,
    within: str | None = None,
) -> int:
    """Read adoption events from a store and write them (csv, jsonl or parquet); return the row count."""
    return write_events(adoption_events(store, practice=practice, within=within), out, fmt)


def _write_parquet(rows: list[dict[str, Any]], sink: IO[bytes] | str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        raise RuntimeError(
            "parquet export needs pyarrow: pip install 'govkg[analytics]' (or use csv/jsonl)"
        ) from exc
    schema = pa.schema(
        [
            (name, pa.int64() if name in ("first_year", "reports", "evidence_offset") else pa.string())
            for name in EVENT_FIELDS
        ]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, sink)


# --- diffusion ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeaderFollower:
    """Two regions under the same parent: the leader adopted a practice in an earlier year."""

    parent_code: str
    parent_name: str
    leader_code: str
    leader_name: str
    leader_year: int
    follower_code: str
    follower_name: str
    follower_year: int

    @property
    def lag(self) -> int:
        """Years between the leader's and the follower's first adoption."""
        return self.follower_year - self.leader_year


@dataclass(frozen=True)
class DiffusionCurve:
    """Cumulative number of adopting regions by year, overall and per province."""

    practice_key: str
    practice_name: str
    years: tuple[int, ...]
    new: tuple[int, ...]
    cumulative: tuple[int, ...]
    by_province: dict[str, tuple[int, ...]]
    undated: int
    pairs: tuple[LeaderFollower, ...] = ()

    @property
    def adopters(self) -> int:
        """All adopting regions, dated or not."""
        return (self.cumulative[-1] if self.cumulative else 0) + self.undated

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (lists, with each pair's lag)."""
        return {
            "practice_key": self.practice_key,
            "practice_name": self.practice_name,
            "years": list(self.years),
            "new": list(self.new),
            "cumulative": list(self.cumulative),
            "by_province": {k: list(v) for k, v in self.by_province.items()},
            "undated": self.undated,
            "adopters": self.adopters,
            "pairs": [{**asdict(p), "lag": p.lag} for p in self.pairs],
        }


def resolve_practice(events: Iterable[AdoptionEvent], practice: str) -> str:
    """The practice key named by ``practice`` (a key or an exact name); KeyError if none adopted it."""
    keys = {e.practice_key: e.practice_name for e in events}
    if practice in keys:
        return practice
    named = sorted(k for k, name in keys.items() if name == practice)
    if named:
        return named[0]
    raise KeyError(f"no region adopted a practice with key or name {practice!r}")


def _cumulate(counts: Mapping[int, int], years: Sequence[int]) -> tuple[int, ...]:
    return tuple(itertools.accumulate(counts.get(y, 0) for y in years))


def diffusion_curve(
    events: Iterable[AdoptionEvent], practice: str, level: str | None = None
) -> DiffusionCurve:
    """The diffusion curve of one practice (key or name), optionally only regions of one level."""
    events = list(events)
    key = resolve_practice(events, practice)
    mine = [e for e in events if e.practice_key == key and (level is None or e.level == level)]
    dated = [e for e in mine if e.first_year is not None]
    per_year = Counter(e.first_year for e in dated if e.first_year is not None)
    years: tuple[int, ...] = tuple(range(min(per_year), max(per_year) + 1)) if per_year else ()
    provinces: dict[str, Counter[int]] = defaultdict(Counter)
    for e in dated:
        assert e.first_year is not None
        provinces[e.province_name or e.province_code or "unknown"][e.first_year] += 1
    name = next((e.practice_name for e in events if e.practice_key == key), key)
    return DiffusionCurve(
        practice_key=key,
        practice_name=name,
        years=years,
        new=tuple(per_year.get(y, 0) for y in years),
        cumulative=_cumulate(per_year, years),
        by_province={p: _cumulate(c, years) for p, c in sorted(provinces.items())},
        undated=len(mine) - len(dated),
        pairs=tuple(leader_follower_pairs(dated)),
    )


def leader_follower_pairs(events: Iterable[AdoptionEvent]) -> list[LeaderFollower]:
    """For adopters sharing a parent, every pair where one adopted strictly earlier (one practice)."""
    siblings: dict[str, list[AdoptionEvent]] = defaultdict(list)
    parent_names: dict[str, str] = {}
    for e in events:
        if e.parent_code is not None and e.first_year is not None:
            siblings[e.parent_code].append(e)
            parent_names.setdefault(e.parent_code, e.parent_name or "")
    pairs = []
    for parent, group in sorted(siblings.items()):
        group.sort(key=lambda e: (e.first_year, e.region_code))
        for a, b in itertools.combinations(group, 2):
            assert a.first_year is not None and b.first_year is not None
            if a.first_year < b.first_year:
                pairs.append(
                    LeaderFollower(
                        parent_code=parent,
                        parent_name=parent_names.get(parent, ""),
                        leader_code=a.region_code,
                        leader_name=a.region_name,
                        leader_year=a.first_year,
                        follower_code=b.region_code,
                        follower_name=b.region_name,
                        follower_year=b.first_year,
                    )
                )
    return pairs


def diffusion_from_store(store: GraphStore, practice: str, level: str | None = None) -> DiffusionCurve:
    """The diffusion curve of one practice read from a store."""
    return diffusion_curve(adoption_events(store, evidence=False), practice, level=level)


# --- co-adoption network and bundles ---------------------------------------------------------


def _portfolio_sets(events: Iterable[AdoptionEvent]) -> dict[str, set[str]]:
    sets: dict[str, set[str]] = defaultdict(set)
    for e in events:
        sets[e.region_code].add(e.practice_key)
    return sets


def coadoption_graph(events: Iterable[AdoptionEvent], min_regions: int = 1) -> nx.Graph:
    """Practices as nodes; edge weight = number of regions adopting both (kept if >= min_regions)."""
    events = list(events)
    adopters: Counter[str] = Counter()
    info: dict[str, tuple[str, str]] = {}
    for e in events:
        adopters[e.practice_key] += 1
        info.setdefault(e.practice_key, (e.practice_name, e.category))
    pairs: Counter[tuple[str, str]] = Counter()
    for practices in _portfolio_sets(events).values():
        pairs.update(itertools.combinations(sorted(practices), 2))
    g = nx.Graph()
    for key in sorted(info):
        name, category = info[key]
        g.add_node(key, name=name, category=category, adopters=adopters[key])
    for (a, b), w in sorted(pairs.items()):
        if w >= min_regions:
            g.add_edge(a, b, weight=w)
    return g


@dataclass(frozen=True, slots=True)
class Bundle:
    """A community of practices that tend to be adopted together."""

    index: int
    practices: tuple[str, ...]
    names: tuple[str, ...]
    categories: tuple[str, ...]
    internal_weight: int


def practice_bundles(graph: nx.Graph, seed: int = 0, resolution: float = 1.0) -> list[Bundle]:
    """Louvain communities of the co-adoption graph (seeded), largest first."""
    if graph.number_of_nodes() == 0:
        return []
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    bundles = []
    for i, members in enumerate(ordered):
        sub = graph.subgraph(members)
        bundles.append(
            Bundle(
                index=i,
                practices=tuple(members),
                names=tuple(str(graph.nodes[m].get("name", m)) for m in members),
                categories=tuple(sorted({str(graph.nodes[m].get("category", "")) for m in members})),
                internal_weight=int(sub.size(weight="weight")),
            )
        )
    return bundles


def bundles_from_store(
    store: GraphStore, seed: int = 0, resolution: float = 1.0, min_regions: int = 1
) -> list[Bundle]:
    """Practice bundles computed from a store's adoption facts."""
    graph = coadoption_graph(adoption_events(store, evidence=False), min_regions=min_regions)
    return practice_bundles(graph, seed=seed, resolution=resolution)


# --- region similarity -----------------------------------------------------------------------


def portfolios(
    events: Iterable[AdoptionEvent], weighted: bool = False, level: str | None = None
) -> dict[str, dict[str, float]]:
    """Region code -> {practice key: weight}; weight 1, or the number of supporting reports."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for e in events:
        if level is None or e.level == level:
            out[e.region_code][e.practice_key] = float(e.reports) if weighted else 1.0
    return dict(out)


def jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Weighted Jaccard: sum of minima over sum of maxima (plain Jaccard for 0/1 weights)."""
    num = sum(min(w, b[k]) for k, w in a.items() if k in b)
    den = sum(a.values()) + sum(b.values()) - num
    return num / den if den else 0.0


@dataclass(frozen=True, slots=True)
class SimilarRegion:
    """A region and how similar its practice portfolio is to the one asked about."""

    code: str
    name: str
    level: str
    score: float
    shared: int


def similar_regions(
    events: Iterable[AdoptionEvent],
    code: str,
    k: int = 10,
    weighted: bool = False,
    level: str | None = None,
) -> list[SimilarRegion]:
    """The k regions whose portfolios are most similar to ``code``'s (ties by code)."""
    events = list(events)
    ports = portfolios(events, weighted=weighted, level=level)
    if code not in ports:
        mine = portfolios([e for e in events if e.region_code == code], weighted=weighted)
        if code not in mine:
            raise KeyError(f"region {code!r} has no adoptions")
        ports[code] = mine[code]
    names = {e.region_code: (e.region_name, e.level) for e in events}
    target = ports[code]
    scored = []
    for other, port in ports.items():
        if other == code:
            continue
        shared = sum(1 for p in port if p in target)
        if shared:
            scored.append((-jaccard(target, port), other, shared))
    scored.sort()
    return [
        SimilarRegion(code=c, name=names[c][0], level=names[c][1], score=-s, shared=n)
        for s, c, n in scored[:k]
    ]


def write_matrix(
    events: Iterable[AdoptionEvent], out: Output, weighted: bool = False, level: str | None = None
) -> tuple[int, int]:
    """Region × practice matrix as CSV (0/1 or report counts); return (regions, practices)."""
    events = [e for e in events if level is None or e.level == level]
    ports = portfolios(events, weighted=weighted)
    practices = sorted({e.practice_key for e in events})
    meta = {e.region_code: e for e in events}
    with _text_out(out) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["region_code", "region_name", "level", "province_name", *practices])
        for code in sorted(ports):
            e = meta[code]
            port = ports[code]
            writer.writerow(
                [
                    code,
                    e.region_name,
                    e.level,
                    e.province_name or "",
                    *(int(port.get(p, 0)) for p in practices),
                ]
            )
    return len(ports), len(practices)


def export_matrix(
    store: GraphStore, out: Output, weighted: bool = False, level: str | None = None
) -> tuple[int, int]:
    """Read adoption events from a store and write the region × practice matrix CSV."""
    return write_matrix(adoption_events(store, evidence=False), out, weighted=weighted, level=level)


# --- centrality ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Central:
    """A node's standing in its projection: neighbours, summed edge weight, PageRank."""

    kind: str  # "practice" | "region"
    key: str
    name: str
    degree: int
    strength: float
    pagerank: float


@dataclass
class CentralityReport:
    """Top practices and regions by PageRank on the bipartite graph's two projections."""

    practices: list[Central] = field(default_factory=list)
    regions: list[Central] = field(default_factory=list)


def projection_pagerank(
    members: Mapping[str, set[str]], alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict[str, float]:
    """PageRank on the weighted one-mode projection of a bipartite graph, without building it.

    ``members`` maps each node to its neighbours on the other side. The projection's edge
    weight is the number of shared neighbours (networkx's weighted_projected_graph), so
    W·x = B(Bᵀx) − diag(|N(v)|)·x; this keeps memory linear in the bipartite edges where
    the projection itself would be nearly complete. Iterates like nx.pagerank.
    """
    nodes = sorted(members)
    n = len(nodes)
    if n == 0:
        return {}
    other: dict[str, list[str]] = defaultdict(list)
    for v in nodes:
        for u in members[v]:
            other[u].append(v)
    size = {u: len(vs) for u, vs in other.items()}
    # weighted out-degree of v in the projection: sum over its neighbours of (their degree - 1)
    strength = {v: float(sum(size[u] - 1 for u in members[v])) for v in nodes}
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        last = x
        share = {v: last[v] / strength[v] for v in nodes if strength[v] > 0}
        dangling = sum(last[v] for v in nodes if strength[v] == 0)
        pooled = {u: sum(share.get(v, 0.0) for v in vs) for u, vs in other.items()}
        base = (1.0 - alpha) / n + alpha * dangling / n
        x = {
            v: base + alpha * (sum(pooled[u] for u in members[v]) - len(members[v]) * share.get(v, 0.0))
            for v in nodes
        }
        if sum(abs(x[v] - last[v]) for v in nodes) < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def _bitset_degrees(members: Mapping[str, set[str]]) -> dict[str, int]:
    # distinct projection neighbours via big-int bitsets: fast and linear in memory
    nodes = sorted(members)
    index = {v: i for i, v in enumerate(nodes)}
    masks: dict[str, int] = defaultdict(int)
    for v in nodes:
        for u in members[v]:
            masks[u] |= 1 << index[v]
    out = {}
    for v in nodes:
        union = 0
        for u in members[v]:
            union |= masks[u]
        out[v] = max(union.bit_count() - 1, 0)
    return out


def centrality(events: Iterable[AdoptionEvent], top: int = 10, alpha: float = 0.85) -> CentralityReport:
    """Degree, strength and PageRank of practices and regions in the bipartite projections."""
    events = list(events)
    regions = _portfolio_sets(events)
    practices: dict[str, set[str]] = defaultdict(set)
    names: dict[tuple[str, str], str] = {}
    for e in events:
        practices[e.practice_key].add(e.region_code)
        names[("practice", e.practice_key)] = e.practice_name
        names[("region", e.region_code)] = e.region_name

    def ranked(kind: str, members: Mapping[str, set[str]]) -> list[Central]:
        pr = projection_pagerank(members, alpha=alpha)
        degree = _bitset_degrees(members)
        size: Counter[str] = Counter(u for vs in members.values() for u in vs)
        items = [
            Central(
                kind=kind,
                key=v,
                name=names[(kind, v)],
                degree=degree[v],
                strength=float(sum(size[u] - 1 for u in members[v])),
                pagerank=pr[v],
            )
            for v in members
        ]
        items.sort(key=lambda c: (-c.pagerank, c.key))
        return items[:top]

    return CentralityReport(practices=ranked("practice", practices), regions=ranked("region", regions))


def centrality_from_store(store: GraphStore, top: int = 10) -> CentralityReport:
    """Centrality computed from a store's adoption facts."""
    return centrality(adoption_events(store, evidence=False), top=top)
