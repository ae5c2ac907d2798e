"""Score extraction against hand-made gold sets, in-process: `python3 scripts/dev.py eval`.

Two sets, one table: the seed reports (``../shared/corpus`` + ``gold/seed_*.jsonl``) and the
development set (``../shared/gold/dev``). Reports are extracted in this process (no store),
turned into the export's JSONL rows and scored with the shared scorer
(``../shared/tools/score_adoptions.py``, imported from where it lies, never copied). After the
table come the misses and spurious facts, grouped by error class, so the next person sees
where extraction fails.

The table is a list of :class:`Column` objects; adding a measure is adding one column.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from govkg.config import Settings
from govkg.loaders.documents import read_file
from govkg.loaders.extract import Extractor, extractor_for
from govkg.loaders.extraction import Extraction
from govkg.metric_eval import metric_label_quality

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"

Row = dict[str, Any]


@dataclass(slots=True)
class GoldSet:
    """One scored set: where its reports, adoption gold and document table lie."""

    name: str
    reports: list[Path]
    gold: Path
    docs: Path
    agencies: Path | None = None
    metrics: Path | None = None


@dataclass(slots=True)
class SetResult:
    """Everything one (set, backend) run produced: the scorer's report plus our own figures."""

    name: str
    backend: str
    score: dict[str, Any]
    extras: dict[str, Any] = field(default_factory=dict)
    pred: list[Row] = field(default_factory=list)
    gold: list[Row] = field(default_factory=list)
    extractions: dict[str, Extraction] = field(default_factory=dict)


def gold_sets(shared: Path) -> list[GoldSet]:
    """The seed set and the development set under ``shared`` (those that exist)."""
    sets: list[GoldSet] = []
    gold = shared / "gold"
    if (gold / "seed_adoptions.jsonl").is_file():
        sets.append(
            GoldSet(
                "seeds",
                sorted((shared / "corpus").glob("*.txt")),
                gold / "seed_adoptions.jsonl",
                gold / "seed_docs.jsonl",
                gold / "seed_agencies.jsonl",
                gold / "seed_metrics.jsonl",
            )
        )
    dev = gold / "dev"
    if (dev / "gold.jsonl").is_file():
        sets.append(
            GoldSet("dev", sorted((dev / "docs").glob("*.txt")), dev / "gold.jsonl", dev / "docs.jsonl")
        )
    return sets


def load_scorer(shared: Path) -> ModuleType:
    """Import the shared scorer from ``shared/tools/score_adoptions.py``."""
    path = shared / "tools" / "score_adoptions.py"
    spec = importlib.util.spec_from_file_location("score_adoptions", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{path}: the scorer is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[Row]:
    """Rows of a JSONL file (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def adoption_rows(ex: Extraction) -> list[Row]:
    """The rows `govkg export adoptions` writes for one Extraction (the scorer's input format)."""
    regions = {r.code: r for r in ex.regions}
    practices = {p.key: p for p in ex.practices}
    rows: list[Row] = []
    for a in ex.adoptions:
        region, practice = regions.get(a.region_code), practices.get(a.practice_key)
        if region is None or practice is None:
            continue
        rows.append(
            {
                "source": ex.report.source,
                "report_id": ex.report.id,
                "region": region.name,
                "region_code": region.code,
                "region_level": region.level,
                "practice": practice.name,
                "practice_aliases": list(practice.aliases),
                "year": a.year,
                "evidence": a.evidence.sentence,
                "surface": a.surface,
                "method": a.method,
                "confidence": a.confidence,
            }
        )
    return rows


def extract_set(extractor: Extractor, reports: Iterable[Path]) -> dict[str, Extraction]:
    """Extract every report of a set; keys are file stems (the gold's doc ids)."""
    out: dict[str, Extraction] = {}
    for path in reports:
        for doc in read_file(path):
            out[path.stem] = extractor.extract(doc)
    return out


def _agency_f1(extractions: dict[str, Extraction], path: Path) -> dict[str, float]:
    gold: dict[str, set[str]] = defaultdict(set)
    for row in read_jsonl(path):
        gold[row["doc"]].add(row["agency"])
    tp = n_pred = n_gold = 0
    for doc, ex in extractions.items():
        pred = {a.name for a in ex.agencies}
        tp += len(pred & gold[doc])
        n_pred += len(pred)
        n_gold += len(gold[doc])
    return _prf(tp, n_pred, n_gold)


def _metric_recall(extractions: dict[str, Extraction], path: Path) -> dict[str, float]:
    gold: dict[str, set[tuple[float, str]]] = defaultdict(set)
    for row in read_jsonl(path):
        gold[row["doc"]].add((float(row["value"]), row["unit"]))
    hit = total = 0
    for doc, ex in extractions.items():
        hit += len(gold[doc] & {(m.value, m.unit) for m in ex.measurements})
        total += len(gold[doc])
    return {"recall": hit / total if total else 0.0, "hit": hit, "gold": total}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _keyed(
    result: SetResult, scorer: ModuleType
) -> tuple[dict[tuple[str, str, str], Row], dict[tuple[str, str, str], Row]]:
    """Gold and predicted rows by (doc, normalised region, eval key), as the scorer matches them
    (the first predicted row of each triple, as the export gives one per report)."""
    norm_region: Callable[[str, bool], str] = scorer.region_key
    key_of: Callable[[list[str]], str] = scorer.practice_key
    gold = {(g["doc"], norm_region(g["region"], False), g["practice"]): g for g in result.gold}
    pred: dict[tuple[str, str, str], Row] = {}
    for p in result.pred:
        doc = Path(str(p["source"])).stem
        key = key_of([p.get("practice", ""), *(p.get("practice_aliases") or [])])
        pred.setdefault((doc, norm_region(str(p.get("region") or ""), False), key), p)
    return gold, pred


def year_agreement(result: SetResult, scorer: ModuleType) -> dict[str, float]:
    """How often a correct (doc, region, key) line also has the gold's year (null included): the
    scorer does not look at years, which users read on every fact."""
    gold, pred = _keyed(result, scorer)
    matched = [t for t in gold if t in pred and not t[2].startswith("OTHER:")]
    same = sum(1 for t in matched if pred[t].get("year") == gold[t].get("year"))
    return {"accuracy": same / len(matched) if matched else 0.0, "same": same, "matched": len(matched)}


def run_set(gs: GoldSet, scorer: ModuleType, extractor: Extractor, backend: str) -> SetResult:
    """Extract and score one gold set with one extractor."""
    extractions = extract_set(extractor, gs.reports)
    pred = [row for ex in extractions.values() for row in adoption_rows(ex)]
    gold = read_jsonl(gs.gold)
    subjects = {d["doc"]: d.get("subject_region", "") for d in read_jsonl(gs.docs)}
    result = SetResult(gs.name, backend, scorer.score(gold, pred, subjects), pred=pred, gold=gold)
    result.extractions = extractions
    result.extras["years"] = year_agreement(result, scorer)
    if gs.agencies is not None and gs.agencies.is_file():
        result.extras["agencies"] = _agency_f1(extractions, gs.agencies)
    if gs.metrics is not None and gs.metrics.is_file():
        result.extras["metrics"] = _metric_recall(extractions, gs.metrics)
        result.extras["metric labels"] = metric_label_quality(extractions, read_jsonl(gs.metrics))
    return result


# -- the table -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: a header and how to read its cell from a result."""

    header: str
    cell: Callable[[SetResult], str]


def _f(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float | int) else "-"


def _score(measure: str, stat: str) -> Callable[[SetResult], str]:
    return lambda r: _f(r.score.get(measure, {}).get(stat))


def _extra(measure: str, stat: str) -> Callable[[SetResult], str]:
    return lambda r: _f(r.extras.get(measure, {}).get(stat))


COLUMNS: list[Column] = [
    Column("set", lambda r: r.name),
    Column("backend", lambda r: r.backend),
    Column("all F1", _score("adoption_all", "f1")),
    Column("all P", _score("adoption_all", "precision")),
    Column("all R", _score("adoption_all", "recall")),
    Column("keys P", _score("adoption_strict_region", "precision")),
    Column("keys R", _score("adoption_strict_region", "recall")),
    Column("keys F1", _score("adoption_strict_region", "f1")),
    Column("sub F1", _score("subregion_adoption", "f1")),
    Column("prog R", _score("named_program_recall", "recall")),
    Column("practice/doc F1", _score("practice_per_doc", "f1")),
    Column("region/doc F1", _score("adopting_region_per_doc", "f1")),
    Column("year acc", _extra("years", "accuracy")),
    Column("agencies F1", _extra("agencies", "f1")),
    Column("metrics R", _extra("metrics", "recall")),
    Column("metric label F1", _extra("metric labels", "char_f1")),
]


def format_table(results: Sequence[SetResult], columns: Sequence[Column] = COLUMNS) -> str:
    """A fixed-width text table, one row per (set, backend)."""
    cells = [[c.header for c in columns], *([c.cell(r) for c in columns] for r in results)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- error classes ---------------------------------------------------------------------------

WHO_ACTS = "who acts"
PLACE = "what is a place"
MENTION = "mention is not adoption"
VARIANTS = "variants"
PROGRAMMES = "programmes"
YEARS = "years"


def classify_errors(result: SetResult, scorer: ModuleType) -> dict[str, list[str]]:
    """Misses and spurious facts of one result, grouped by the error classes of issue 11.

    A spurious fact by a region that adopts nothing in that report's gold is *what is a
    place*; a miss whose (doc, practice) was found for another region, or a spurious fact
    whose (doc, practice) is gold for another region, is *who acts*; a spurious fact of a practice the
    gold gives that report nowhere is *mention is not adoption*; a missed key that nothing
    predicted in the report is *variants*; a missed or spurious named programme (OTHER) is
    *programmes*; a correct line whose year differs from the gold's is *years*.
    """
    gold, pred = _keyed(result, scorer)
    gold_regions = {(d, r) for d, r, _ in gold}
    gold_practices = {(d, k) for d, _, k in gold}
    pred_practices = {(d, k) for d, _, k in pred}
    groups: dict[str, list[str]] = defaultdict(list)
    for t, g in sorted(gold.items()):
        doc, _, key = t
        if key.startswith("OTHER:"):
            name = scorer.norm(key.removeprefix("OTHER:"))  # as the scorer matches gold names
            if not any(
                d == doc and k.startswith("OTHER:") and scorer.other_match(k, {name}) for d, _, k in pred
            ):
                groups[PROGRAMMES].append(f"miss  {doc} {g['region']} {key} | {g['evidence'][:60]}")
            continue
        if t in pred:
            if pred[t].get("year") != g.get("year"):
                groups[YEARS].append(
                    f"year  {doc} {g['region']} {key} gold {g.get('year')} got {pred[t].get('year')}"
                    f" | {pred[t]['evidence'][:60]}"
                )
            continue
        cls = WHO_ACTS if (doc, key) in pred_practices else VARIANTS
        groups[cls].append(f"miss  {doc} {g['region']} {key} | {g.get('surface', '')} | {g['evidence'][:60]}")
    for t, p in sorted(pred.items()):
        doc, region, key = t
        if key.startswith("OTHER:"):
            if not any(
                d == doc
                and r == region
                and k.startswith("OTHER:")
                and scorer.other_match(key, {scorer.norm(k.removeprefix("OTHER:"))})
                for d, r, k in gold
            ):
                groups[PROGRAMMES].append(f"spur  {doc} {p['region']} {key} | {p['evidence'][:60]}")
            continue
        if t in gold:
            continue
        if (doc, region) not in gold_regions:
            cls = PLACE
        elif (doc, key) in gold_practices:
            cls = WHO_ACTS
        else:
            cls = MENTION
        groups[cls].append(
            f"spur  {doc} {p['region']} {key} [{p.get('method', '')}] | {p.get('surface', '')}"
            f" | {p['evidence'][:60]}"
        )
    return dict(groups)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table for the seeds and dev sets, then the errors grouped by class."""
    ap = argparse.ArgumentParser(prog="dev.py eval", description=main.__doc__)
    ap.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)"
    )
    ap.add_argument(
        "--backend",
        action="append",
        choices=("builtin", "hanlp"),
        help="NLP backend to score (repeatable; default builtin)",
    )
    ap.add_argument("--set", dest="sets", action="append", help="only these sets (seeds, dev)")
    ap.add_argument("--errors", type=int, default=30, help="error lines shown per class (0: none)")
    ap.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    args = ap.parse_args(argv)
    shared: Path = args.shared
    scorer = load_scorer(shared)
    sets = [s for s in gold_sets(shared) if not args.sets or s.name in args.sets]
    if not sets:
        print(f"{shared}: no gold sets found", file=sys.stderr)
        return 1
    results: list[SetResult] = []
    for backend in args.backend or ["builtin"]:
        try:
            extractor = extractor_for(Settings(nlp_backend=backend))
        except Exception as exc:  # a missing model is reported, the other rows still print
            print(f"backend {backend}: not available ({exc})", file=sys.stderr)
            continue
        results.extend(run_set(gs, scorer, extractor, backend) for gs in sets)
    print(format_table(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                [{"set": r.name, "backend": r.backend, **r.score, **r.extras} for r in results],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.errors:
        for r in results:
            groups = classify_errors(r, scorer)
            print(f"\n== {r.name} / {r.backend}: errors by class ==")
            for cls in (WHO_ACTS, PLACE, MENTION, VARIANTS, PROGRAMMES, YEARS):
                lines = groups.get(cls, [])
                print(f"-- {cls}: {len(lines)}")
                for line in lines[: args.errors]:
                    print("   " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
