"""Builtin extraction throughput on one core, as a ratio to bare automaton passes over the same text.

    python bench/bench_extract.py [--repeat N] [PATH ...]
    python bench/bench_extract.py --synthetic 500          # the synthetic corpus (bench/synthetic.py)
    python bench/bench_extract.py --big 50 --big 2 --big 4 # one report of N MB (the seeds repeated)

Reads the reports once (reading is excluded), then measures in the same run, in CPU seconds of
this process (so other work on a busy machine does not skew the ratios):
(a) bare passes of every report's folded text through the pipeline's automata — the practice
    automaton (PracticeMatcher.scan) and the region automaton (every hit iterated in Python);
(b) the whole builtin pipeline (Extractor.extract: sentences, regions, agencies, practices,
    discovery, metrics, attribution, years).
Targets (issue 15): pipeline >= 400k chars/s on one core and >= 1/5 of the bare region pass.

--big MB builds one report of about MB megabytes at run time by repeating the five seed reports
(../shared/corpus, never copied into the repository) and times its extraction with the default
time cap (GOVKG_EXTRACT_TIMEOUT) in force: the figure is its chars/s, or the cap's rejection.
Several --big values also print the cost ratio between sizes (linear: the size ratio).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from synthetic import SyntheticCorpus

from govkg.config import Settings
from govkg.loaders.documents import Document, from_text, iter_documents
from govkg.loaders.extract import ExtractionTimeout, Extractor

ROOT = Path(__file__).resolve().parents[1]


def big_reports(sizes: list[float], ex: Extractor) -> None:
    """Time one report of each size (MB of UTF-8), built from the seed reports repeated."""
    corpus = ROOT.parent / "shared" / "corpus"
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    cap = Settings().extract_timeout
    ex.extract(from_text(seeds, source="warm.txt"))
    costs: list[tuple[float, float]] = []
    for mb in sizes:
        text = "\n".join([seeds] * (int(mb * 1e6 / len(seeds.encode())) + 1))
        doc = from_text(text, source=f"big-{mb:g}MB.txt")
        t0 = time.process_time()
        wall = time.perf_counter()
        try:
            got = ex.extract(doc, time_limit=cap)
            outcome = f"{len(got.adoptions)} adoptions, {len(got.measurements)} measurements"
        except ExtractionTimeout as exc:
            outcome = f"rejected: {exc}"
        cpu, wall = time.process_time() - t0, time.perf_counter() - wall
        costs.append((len(text), cpu))
        print(
            f"one report of {len(text.encode()) / 1e6:5.1f} MB ({len(text):,} chars): "
            f"CPU {cpu:6.1f} s, wall {wall:6.1f} s, {len(text) / cpu:,.0f} chars/s; {outcome}"
        )
    for (c1, t1), (c2, t2) in itertools.pairwise(costs):
        print(f"cost ratio {c2 / c1:.2f}x the text -> {t2 / t1:.2f}x the CPU time (linear: equal)")


def _cpu(fn: Callable[[], None], repeat: int) -> float:
    t0 = time.process_time()
    for _ in range(repeat):
        fn()
    return time.process_time() - t0


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=20, help="passes over the corpus per measurement")
    ap.add_argument("--synthetic", type=int, default=0, help="use N synthetic reports instead of PATHs")
    ap.add_argument("--big", type=float, action="append", default=[], help="time one report of this many MB")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    if args.big:
        big_reports(args.big, Extractor())
        return
    if args.synthetic:
        docs = list(SyntheticCorpus.default().documents(args.synthetic))
    else:
        paths = args.paths or [ROOT.parent / "shared" / "corpus", ROOT / "examples"]
        docs = [d for d in iter_documents(paths) if isinstance(d, Document)]
    chars = sum(len(d.text) for d in docs) * args.repeat
    ex = Extractor()
    for d in docs:
        ex.extract(d)  # warm: gazetteer, automata, village tables
    region_automaton = ex.region_matcher._automaton

    def bare_practices() -> None:
        for d in docs:
            ex.practice_matcher.scan(d.folded)

    def bare_regions() -> None:
        for d in docs:
            for _ in region_automaton.iter(d.folded):
                pass

    facts = 0

    def pipeline() -> None:
        nonlocal facts
        for d in docs:
            facts += len(ex.extract(d).adoptions)

    bare = {
        "practice automaton": _cpu(bare_practices, args.repeat),
        "region automaton": _cpu(bare_regions, args.repeat),
    }
    full = _cpu(pipeline, args.repeat)
    print(f"reports {len(docs)} x {args.repeat} passes, {chars:,} characters (CPU time of this process)")
    for name, secs in bare.items():
        print(f"bare pass, {name:<22} {chars / secs:>12,.0f} chars/s")
    per_pass = facts // args.repeat
    print(f"builtin pipeline                   {chars / full:>12,.0f} chars/s  ({per_pass} adoptions/pass)")
    for name, secs in bare.items():
        print(f"ratio pipeline / {name:<18} {secs / full:>8.3f}   (target >= 0.200 of the region pass)")


if __name__ == "__main__":
    main()
