"""The whole path on the seed reports, held to the extraction targets against the hand-made gold.

Reports are loaded into the embedded store with `load_paths`, exported in the scorer's format
by `KnowledgeGraph.export_adoptions`, and scored with ../shared/tools/score_adoptions.py itself.
Agencies and metrics are compared with seed_agencies.jsonl and seed_metrics.jsonl.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from govkg.config import Settings
from govkg.knowledge import KnowledgeGraph
from govkg.loaders.documents import read_file
from govkg.loaders.extract import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
pytestmark = pytest.mark.skipif(
    not (SHARED / "gold").is_dir(), reason="../shared/gold is not beside the repo"
)


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_adoptions", SHARED / "tools" / "score_adoptions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir = tmp_path_factory.mktemp("seed-gold")
    data_dir.chmod(0o700)
    kg = KnowledgeGraph.open(Settings(data_dir=data_dir))
    try:
        summary = kg.load([SHARED / "corpus"])
        assert summary.loaded == len(list((SHARED / "corpus").glob("*.txt")))
        out = io.StringIO()
        kg.export_adoptions(out)
    finally:
        kg.close()
    pred = [json.loads(line) for line in out.getvalue().splitlines()]
    scorer = _scorer()
    docs = {d["doc"]: d.get("subject_region", "") for d in _jsonl(SHARED / "gold" / "seed_docs.jsonl")}
    result: dict[str, Any] = scorer.score(_jsonl(SHARED / "gold" / "seed_adoptions.jsonl"), pred, docs)
    return result


def test_export_has_the_scorers_fields(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    with KnowledgeGraph.open(Settings(data_dir=data_dir)) as kg:
        kg.load([SHARED / "corpus"])
        out = io.StringIO()
        n = kg.export_adoptions(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(rows) > 50
    fields = {"source", "report_id", "region", "region_code", "region_level", "practice", "practice_aliases"}
    assert all(fields | {"year", "evidence", "confidence", "method"} <= row.keys() for row in rows)
    assert all(0.0 < row["confidence"] <= 1.0 for row in rows)
    assert all(Path(row["source"]).stem.startswith(("00",)) for row in rows)


def test_adoption_targets(report: dict[str, Any]) -> None:
    assert report["adoption_all"]["f1"] >= 0.90, report["adoption_all"]
    assert report["adoption_strict_region"]["precision"] >= 0.95, report["adoption_strict_region"]
    assert report["subregion_adoption"]["f1"] >= 0.80, report["subregion_adoption"]
    assert report["named_program_recall"]["recall"] >= 0.75, report["named_program_recall"]


@functools.cache
def _extractions() -> dict[str, Any]:
    out = {}
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        (doc,) = read_file(path)
        out[path.stem] = extract(doc)
    return out


def test_agency_f1() -> None:
    gold: dict[str, set[str]] = defaultdict(set)
    for row in _jsonl(SHARED / "gold" / "seed_agencies.jsonl"):
        gold[row["doc"]].add(row["agency"])
    tp = n_pred = n_gold = 0
    for doc, ex in _extractions().items():
        pred = {a.name for a in ex.agencies}
        tp += len(pred & gold[doc])
        n_pred += len(pred)
        n_gold += len(gold[doc])
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.85, (precision, recall)


def test_metric_recall_by_value_and_unit() -> None:
    gold: dict[str, set[tuple[float, str]]] = defaultdict(set)
    for row in _jsonl(SHARED / "gold" / "seed_metrics.jsonl"):
        gold[row["doc"]].add((float(row["value"]), row["unit"]))
    hit = total = 0
    for doc, ex in _extractions().items():
        pred = {(m.value, m.unit) for m in ex.measurements}
        hit += len(gold[doc] & pred)
        total += len(gold[doc])
    assert hit / total >= 0.80, (hit, total)


def test_every_fact_is_evidenced_at_its_offset() -> None:
    for ex in _extractions().values():
        text = ex.report.text
        facts = [*ex.adoptions, *ex.implementations, *ex.measurements]
        assert facts
        for fact in facts:
            ev = fact.evidence
            assert text[ev.offset : ev.offset + len(ev.sentence)] == ev.sentence


def test_offsets_point_into_the_stored_report_text(tmp_path: Path) -> None:
    with KnowledgeGraph.open(Settings(data_dir=tmp_path / "d")) as kg:
        kg.load([SHARED / "corpus"])
        texts = {
            r["id"]: r["text"]
            for r in kg.store.run_read("MATCH (r:Report) RETURN r.id AS id, r.text AS text")
        }
        facts = list(kg.adoptions())
    assert len(texts) == 5 and facts
    for f in facts:
        assert texts[f.report_id][f.offset : f.offset + len(f.evidence)] == f.evidence
