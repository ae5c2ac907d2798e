"""Time and peak memory of each analysis on a synthetic 20k-report corpus, as ratios to a baseline.

    python bench/bench_analytics.py                      # synthetic rows only
    python bench/bench_analytics.py --data-dir DIR       # also through a loaded embedded store
    python bench/bench_analytics.py --load-reports 2000  # load that many synthetic reports into a
                                                         # temporary store first, then measure it

The synthetic corpus is deterministic: ~3000 regions (provinces, prefectures, counties),
80 practices in six categories with skewed popularity, 20k reports of about five
adoption facts each. The baseline is the time to turn the raw rows into typed facts.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govkg.graph import analytics as an
from govkg.graph import exports

CATEGORIES = ("基层治理", "矛盾化解", "治安防控", "科技支撑", "法治建设", "公共服务")


def synthetic_regions(rng: random.Random) -> list[dict[str, Any]]:
    """31 provinces, ~10 prefectures each, ~9 counties per prefecture, with GB/T-2260-shaped codes."""
    regions = []
    for p in range(31):
        pcode = f"{11 + p:02d}0000"
        regions.append({"code": pcode, "name": f"省{p}", "level": "province", "parent": None})
        for c in range(rng.randint(7, 12)):
            ccode = f"{pcode[:2]}{c + 1:02d}00"
            regions.append({"code": ccode, "name": f"省{p}市{c}", "level": "prefecture", "parent": pcode})
            for k in range(rng.randint(6, 11)):
                kcode = f"{ccode[:4]}{k + 1:02d}"
                regions.append(
                    {"code": kcode, "name": f"省{p}市{c}县{k}", "level": "county", "parent": ccode}
                )
    return regions


def synthetic_rows(reports: int = 20_000, seed: int = 6) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(regions, adoption rows shaped like analytics_adoptions' output)."""
    rng = random.Random(seed)
    regions = synthetic_regions(rng)
    by_code = {r["code"]: r for r in regions}
    children: dict[str, list[str]] = {}
    for r in regions:
        if r["parent"]:
            children.setdefault(r["parent"], []).append(r["code"])
    practices = [
        {"key": f"p{i:02d}", "name": f"做法{i}", "category": CATEGORIES[i % len(CATEGORIES)]}
        for i in range(80)
    ]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(practices))]  # skewed popularity
    origins = {p["key"]: rng.randint(2008, 2020) for p in practices}
    subjects = [r for r in regions if r["level"] != "province"]
    favoured: dict[str, tuple[list[dict[str, str]], list[float]]] = {}
    for r in regions:
        cats = set(rng.sample(CATEGORIES, 2))
        keep = [i for i, p in enumerate(practices) if p["category"] in cats]
        favoured[r["code"]] = ([practices[i] for i in keep], [weights[i] for i in keep])
    rows = []
    for n in range(reports):
        subject = rng.choice(subjects)
        year = rng.randint(2012, 2024)
        report_id = f"{n:016x}"
        offset = 0
        for _ in range(rng.randint(3, 7)):
            actor = subject
            if subject["level"] == "prefecture" and rng.random() < 0.6:
                actor = by_code[rng.choice(children[subject["code"]])]
            # regions lean towards two favourite categories, which gives the bundles something to find
            pool, pool_weights = favoured[actor["code"]] if rng.random() < 0.7 else (practices, weights)
            practice = rng.choices(pool, pool_weights)[0]
            parent = by_code[actor["parent"]] if actor["parent"] else None
            province = by_code[actor["code"][:2] + "0000"]
            evidence = f"{actor['name']}推行{practice['name']}。"
            rows.append(
                {
                    "region_code": actor["code"],
                    "region_name": actor["name"],
                    "level": actor["level"],
                    "parent_code": parent["code"] if parent else None,
                    "parent_name": parent["name"] if parent else None,
                    "province_code": province["code"],
                    "province_name": province["name"],
                    "practice_key": practice["key"],
                    "practice_name": practice["name"],
                    "category": practice["category"],
                    "year": max(year, origins[practice["key"]]) if rng.random() < 0.95 else None,
                    "report_id": report_id,
                    "evidence": evidence,
                    "offset": offset,
                }
            )
            offset += len(evidence)
    return regions, rows


def measure(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(seconds, peak MiB allocated during the call, result); timed without tracemalloc running."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    del result
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, result


def report(title: str, cases: list[tuple[str, Callable[[], Any]]]) -> None:
    """Run the cases, the first being the baseline, and print time, memory and ratios."""
    print(f"\n{title}")
    print(f"  {'analysis':<38} {'seconds':>9} {'x base':>8} {'peak MiB':>9}  result")
    base = None
    for name, fn in cases:
        seconds, peak, result = measure(fn)
        base = base or max(seconds, 1e-9)
        print(f"  {name:<38} {seconds:>9.3f} {seconds / base:>8.1f} {peak:>9.1f}  {describe(result)}")


def describe(result: Any) -> str:
    """A short description of a result, to show the work was real."""
    if isinstance(result, list | dict | tuple):
        return f"{len(result)} items"
    if isinstance(result, an.DiffusionCurve):
        return f"{result.adopters} adopters, {len(result.pairs)} leader/follower pairs"
    if isinstance(result, an.CentralityReport):
        return f"top practice {result.practices[0].key}, top region {result.regions[0].key}"
    if hasattr(result, "number_of_edges"):
        return f"{result.number_of_nodes()} nodes, {result.number_of_edges()} edges"
    return str(result)


def analysis_cases(facts: Callable[[], list[an.AdoptionFact]]) -> list[tuple[str, Callable[[], Any]]]:
    """Every analysis, each reading its input from ``facts`` once prepared."""
    events = an.events_from_facts(facts())
    top = max({e.practice_key for e in events}, key=lambda k: sum(e.practice_key == k for e in events))
    busiest = max({e.region_code for e in events}, key=lambda c: sum(e.region_code == c for e in events))
    graph = an.coadoption_graph(events)
    return [
        ("adoption events", lambda: an.events_from_facts(facts())),
        ("events -> csv", lambda: an.write_events(events, io.StringIO(), "csv")),
        ("events -> parquet", lambda: an.write_events(events, io.BytesIO(), "parquet")),
        (f"diffusion curve ({top})", lambda: an.diffusion_curve(events, top)),
        ("co-adoption graph", lambda: an.coadoption_graph(events)),
        ("bundles (Louvain)", lambda: an.practice_bundles(graph, seed=0)),
        (f"similar regions ({busiest}, k=10)", lambda: an.similar_regions(events, busiest, k=10)),
        ("similar regions, weighted", lambda: an.similar_regions(events, busiest, k=10, weighted=True)),
        ("region x practice matrix csv", lambda: an.write_matrix(events, io.StringIO())),
        ("centrality (both projections)", lambda: an.centrality(events, top=10)),
    ]


def export_cases(
    regions: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> list[tuple[str, Callable[[], Any]]]:
    """Graph exports of the synthetic graph (regions, practices, one edge per adoption fact)."""
    nodes = [{"type": "Region", "key": r["code"], "name": r["name"], "level": r["level"]} for r in regions]
    nodes += [
        {"type": "Practice", "key": k, "name": n, "category": c}
        for k, n, c in sorted({(r["practice_key"], r["practice_name"], r["category"]) for r in rows})
    ]
    facts = [
        {"type": "ADOPTED", "source_type": "Region", "source": r["region_code"], "target": r["practice_key"],
         "year": r["year"], "report_id": r["report_id"], "evidence": r["evidence"]}
        for r in rows
    ]  # fmt: skip
    structure = [
        {"type": "PART_OF", "source_type": "Region", "source": r["code"], "target_type": "Region",
         "target": r["parent"]}
        for r in regions
        if r["parent"]
    ]  # fmt: skip
    graph = exports.build_graph(nodes, facts, structure)
    return [
        ("build export graph", lambda: exports.build_graph(nodes, facts, structure)),
        ("graph -> graphml", lambda: exports.write_graph(graph, "graphml", io.BytesIO())),
        ("graph -> gexf", lambda: exports.write_graph(graph, "gexf", io.BytesIO())),
        ("graph -> node-link json", lambda: exports.write_graph(graph, "json", io.BytesIO())),
    ]


def synthetic_extractions(rows: list[dict[str, Any]], regions: list[dict[str, Any]], limit: int) -> list[Any]:
    """The first ``limit`` synthetic reports as Extraction objects, for loading a store."""
    from govkg.loaders.extraction import Adoption, Evidence, Extraction, Practice, Region, Report

    by_code = {r["code"]: r for r in regions}
    reports: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["report_id"] in reports or len(reports) < limit:
            reports.setdefault(r["report_id"], []).append(r)
    out = []
    for rid, facts in reports.items():
        text = "".join(f["evidence"] for f in facts)
        codes: set[str] = set()
        for f in facts:
            code: str | None = f["region_code"]
            while code:
                codes.add(code)
                code = by_code[code]["parent"]
        ex = Extraction(report=Report(id=rid, title=f"报告{rid}", source=f"synthetic/{rid}", text=text))
        ex.regions = [
            Region(c, by_code[c]["name"], by_code[c]["level"], by_code[c]["parent"]) for c in sorted(codes)
        ]
        ex.practices = [
            Practice(k, n, c)
            for k, n, c in sorted({(f["practice_key"], f["practice_name"], f["category"]) for f in facts})
        ]
        ex.categories = {p.category: "" for p in ex.practices}
        ex.adoptions = [
            Adoption(
                f["region_code"], f["practice_key"], rid, f["year"], Evidence(f["evidence"], f["offset"])
            )
            for f in facts
        ]
        ex.report.year = facts[0]["year"]
        out.append(ex)
    return out


def store_cases(store: Any) -> list[tuple[str, Callable[[], Any]]]:
    """Reads through the store: a bare edge scan as baseline, then the catalog reads and analyses."""
    facts = an.read_adoption_facts(store)
    cases: list[tuple[str, Callable[[], Any]]] = [
        # baseline only: the cheapest read of every ADOPTED edge, not a catalog query
        (
            "baseline: scan ADOPTED edges",
            lambda: store.run_read("MATCH ()-[a:ADOPTED]->() RETURN a.year AS y"),
        ),
        ("read adoption facts (catalog)", lambda: an.read_adoption_facts(store)),
        ("adoption_events(store)", lambda: an.adoption_events(store)),
        ("read export graph (catalog)", lambda: exports.read_graph(store)),
    ]
    return cases + analysis_cases(lambda: facts)[1:]


def main() -> None:
    """Parse arguments, build the corpus, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--data-dir", type=Path, help="a data dir holding a loaded embedded store")
    parser.add_argument("--graph-name", default="govkg")
    parser.add_argument(
        "--load-reports", type=int, default=0, help="load N synthetic reports into a temp store"
    )
    args = parser.parse_args()

    start = time.perf_counter()
    regions, rows = synthetic_rows(args.reports)
    print(
        f"synthetic corpus: {args.reports} reports, {len(regions)} regions, "
        f"{len({r['practice_key'] for r in rows})} practices, {len(rows)} adoption facts "
        f"(built in {time.perf_counter() - start:.1f} s)"
    )
    cases = [
        ("baseline: rows -> typed facts", lambda: an.facts_from_rows(rows)),
        *analysis_cases(lambda: an.facts_from_rows(rows)),
    ]
    report("analytics on synthetic rows (ratios to the baseline)", cases)
    report("exports of the synthetic graph (ratios to the build)", export_cases(regions, rows))

    if args.data_dir or args.load_reports:
        from govkg.graph.falkor_store import FalkorStore

        with tempfile.TemporaryDirectory() as tmp:
            data_dir = args.data_dir or Path(tmp) / "data"
            store = FalkorStore(data_dir, graph_name=args.graph_name)
            try:
                if args.load_reports:
                    from govkg.graph.writer import write_extraction

                    store.clear()
                    store.ensure_schema()
                    start = time.perf_counter()
                    extractions = synthetic_extractions(rows, regions, args.load_reports)
                    for ex in extractions:
                        write_extraction(store, ex)
                    took = time.perf_counter() - start
                    print(f"\nloaded {len(extractions)} synthetic reports in {took:.1f} s")
                report(f"through the store in {data_dir} (ratios to a bare edge scan)", store_cases(store))
            finally:
                store.close()


if __name__ == "__main__":
    main()
