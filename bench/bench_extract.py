"""Builtin extraction throughput on one core, as a ratio to bare automaton passes over the same text.

    python bench/bench_extract.py [--repeat N] [PATH ...]

Reads the reports once (reading is excluded), then measures in the same run, in CPU seconds of
this process (so other work on a busy machine does not skew the ratios):
(a) bare passes of every report's folded text through the pipeline's automata — the practice
    automaton (PracticeMatcher.scan) and the region automaton (every hit iterated in Python);
(b) the whole builtin pipeline (Extractor.extract: sentences, regions, agencies, practices,
    discovery, metrics, attribution, years).
Target: pipeline >= 1/10 of a bare pass.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from govkg.loaders.documents import Document, iter_documents
from govkg.loaders.extract import Extractor

ROOT = Path(__file__).resolve().parents[1]


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
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
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
        print(f"ratio pipeline / {name:<18} {secs / full:>8.3f}   (target >= 0.100)")


if __name__ == "__main__":
    main()
