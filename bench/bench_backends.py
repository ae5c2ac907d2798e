#!/usr/bin/env python3
"""Compare the builtin and hanlp NLP backends on the seed gold: adoption quality and chars/s.

Each backend runs the same extraction pipeline over the corpus; the adoptions are written
in the scorer's format (what ``govkg export adoptions`` writes: source, region, practice,
practice_aliases ...) straight from the Extraction objects, scored by
``../shared/tools/score_adoptions.py``, and printed side by side with throughput measured
in the same run (model loading is timed separately).

    python bench/bench_backends.py [--model DIR] [--backends builtin hanlp]
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from govkg.loaders.documents import Document, iter_documents
from govkg.loaders.extract import Extractor
from govkg.loaders.extraction import Extraction
from govkg.loaders.nlp import (
    BackendAgencyMatcher,
    BackendRegionMatcher,
    BuiltinBackend,
    HanLPBackend,
    HanLPModelMissing,
    HanLPUnavailable,
    NlpBackend,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


def make_extractor(backend: NlpBackend) -> Extractor:
    """An Extractor driven by ``backend``: by its own parameter once it has one, else via the matchers."""
    if "backend" in inspect.signature(Extractor).parameters:
        factory: Any = Extractor  # the parameter is newer than this script may be
        return cast(Extractor, factory(backend=backend))
    if isinstance(backend, BuiltinBackend):
        return Extractor()
    ex = Extractor(agencies=BackendAgencyMatcher(backend))
    ex.region_matcher = BackendRegionMatcher(ex.gazetteer, backend)
    return ex


def adoption_rows(ex: Extraction) -> list[dict[str, Any]]:
    """The extraction's adoptions as the scorer's JSON rows."""
    regions = {r.code: r for r in ex.regions}
    practices = {p.key: p for p in ex.practices}
    rows = []
    for a in ex.adoptions:
        region = regions.get(a.region_code)
        practice = practices.get(a.practice_key)
        rows.append(
            {
                "source": ex.report.source,
                "report_id": ex.report.id,
                "region": region.name if region else a.region_code,
                "region_code": a.region_code,
                "region_level": region.level if region else None,
                "practice": practice.name if practice else a.practice_key,
                "practice_aliases": list(practice.aliases) if practice else [],
                "year": a.year,
                "evidence": a.evidence.sentence,
            }
        )
    return rows


def load_scorer(path: Path) -> ModuleType:
    """Import the shared scoring script as a module."""
    spec = importlib.util.spec_from_file_location("score_adoptions", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(
    name: str, backend: NlpBackend, docs: Sequence[Document], out_dir: Path
) -> tuple[Path, float, float, int]:
    """Extract every document with ``backend``; returns (predictions file, load s, extract s, chars)."""
    t0 = time.perf_counter()
    if isinstance(backend, HanLPBackend):
        backend.load()
    extractor = make_extractor(backend)
    extractor.extract(docs[0])  # warm the matchers' caches outside the timed loop
    load_s = time.perf_counter() - t0
    if isinstance(backend, HanLPBackend):
        backend.clear_cache()
    rows: list[dict[str, Any]] = []
    t1 = time.perf_counter()
    for doc in docs:
        rows.extend(adoption_rows(extractor.extract(doc)))
    extract_s = time.perf_counter() - t1
    pred = out_dir / f"{name}.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return pred, load_s, extract_s, sum(len(d.text) for d in docs)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison and print one line per backend plus the speed ratio."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "seed_adoptions.jsonl")
    ap.add_argument("--docs", type=Path, default=SHARED / "gold" / "seed_docs.jsonl")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_adoptions.py")
    ap.add_argument("--model", default=None, help="HanLP model directory (default: the shipped one)")
    ap.add_argument("--backends", nargs="+", default=["builtin", "hanlp"], choices=["builtin", "hanlp"])
    ap.add_argument("--keep", type=Path, default=None, help="write the predictions here")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: the benchmark needs ../shared beside the repository")
        return 1
    scorer = load_scorer(args.scorer)
    gold = read_jsonl(args.gold)
    subjects = {d["doc"]: d.get("subject_region", "") for d in read_jsonl(args.docs)}
    docs = [d for d in iter_documents([args.corpus]) if isinstance(d, Document)]
    print(f"{len(docs)} reports, {sum(len(d.text) for d in docs)} chars, {len(gold)} gold adoptions")
    header = f"{'backend':<8} {'chars/s':>9} {'load s':>7} {'all F1':>7} {'P':>6} {'R':>6} {'keys F1':>8} "
    print(header + f"{'sub F1':>7} {'regions F1':>10}")
    speeds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in args.backends:
            backend: NlpBackend = BuiltinBackend() if name == "builtin" else HanLPBackend(args.model)
            try:
                pred, load_s, extract_s, chars = run(name, backend, docs, out_dir)
            except (HanLPUnavailable, HanLPModelMissing) as exc:
                print(f"{name:<8} skipped: {exc}")
                continue
            rep = scorer.score(gold, read_jsonl(pred), subjects)
            speeds[name] = chars / extract_s if extract_s else float("inf")
            a, k = rep["adoption_all"], rep["adoption_strict_region"]
            print(
                f"{name:<8} {speeds[name]:>9.0f} {load_s:>7.1f} {a['f1']:>7.4f} {a['precision']:>6.3f} "
                f"{a['recall']:>6.3f} {k['f1']:>8.4f} {rep['subregion_adoption']['f1']:>7.4f} "
                f"{rep['adopting_region_per_doc']['f1']:>10.4f}"
            )
    if "builtin" in speeds and "hanlp" in speeds:
        print(f"hanlp runs at {speeds['hanlp'] / speeds['builtin']:.3f}x the builtin backend's chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
