"""Extraction is bounded: linear in text length, capped in time, read in sections when long.

The texts here are written for these tests (invented county and township names inside real
ones), except the linearity case, which repeats the seed reports read from ../shared.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from synthetic_support import synthetic

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.loaders.documents import Document, from_text, iter_documents
from govkg.loaders.extract import SECTION_CHARS, ExtractionTimeout, Extractor, default_extractor, sections
from govkg.loading import load_paths

PARAGRAPH = (
    "浙江省绍兴市诸暨市今年以来深入推进网格化管理，全市划分网格一千二百个。"
    "枫桥镇坚持和发展“枫桥经验”，矛盾纠纷就地化解率达到百分之九十。\n"
)


def _doc(text: str, source: str = "bounds.txt") -> Document:
    return from_text(text, source=source, title="诸暨市基层治理工作总结")


def test_sections_cut_at_line_breaks_and_cover_the_text() -> None:
    text = PARAGRAPH * 40
    spans = sections(text, size=1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))  # no gap, no overlap
    assert all(end - start <= 1000 for start, end in spans)
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])
    assert sections("短文本") == [(0, 3)]


def test_sections_without_line_breaks_cut_at_sentence_ends_or_anywhere() -> None:
    no_breaks = PARAGRAPH.replace("\n", "") * 30
    spans = sections(no_breaks, size=500)
    assert all(no_breaks[end - 1] in "。！？!?" for _, end in spans[:-1])
    solid = "网" * 1200
    assert sections(solid, size=500) == [(0, 500), (500, 1000), (1000, 1200)]


def test_a_long_report_read_in_sections_keeps_exact_evidence() -> None:
    copies = SECTION_CHARS // len(PARAGRAPH) * 2 + 5
    text = PARAGRAPH * copies
    assert len(sections(text)) >= 3
    long = Extractor().extract(_doc(text))
    short = Extractor().extract(_doc(PARAGRAPH))
    assert long.adoptions and short.measurements
    assert {(a.region_code, a.practice_key) for a in long.adoptions} == {
        (a.region_code, a.practice_key) for a in short.adoptions
    }
    # every paragraph, in every section, gives the same quantities attributed to the same places
    assert len(long.measurements) == copies * len(short.measurements)
    assert {(m.region_code, m.value, m.unit) for m in long.measurements} == {
        (m.region_code, m.value, m.unit) for m in short.measurements
    }
    for m in long.measurements:
        ev = m.evidence
        assert long.report.text[ev.offset : ev.offset + len(ev.sentence)] == ev.sentence


def test_time_cap_rejects_with_a_clear_reason() -> None:
    with pytest.raises(
        ExtractionTimeout, match=r"report too long to process in 1e-09 s \(\d[\d,]* characters\)"
    ):
        default_extractor().extract(_doc(PARAGRAPH * 50), time_limit=1e-9)
    assert default_extractor().extract(_doc(PARAGRAPH), time_limit=600).adoptions


class _SlowOn(Extractor):
    """The real extractor, except that one named report runs out of time."""

    def __init__(self, slow_source: str) -> None:
        base = default_extractor()
        super().__init__(base.gazetteer, base.taxonomy, base.agency_matcher)
        self.slow_source = slow_source

    def extract(self, doc: Document, *, time_limit: float | None = None) -> object:  # type: ignore[override]
        if doc.source.endswith(self.slow_source):
            raise ExtractionTimeout(time_limit or 0.0, len(doc.text))
        return super().extract(doc, time_limit=time_limit)


def test_a_report_over_the_time_cap_is_rejected_and_the_load_goes_on(
    falkor_store: FalkorStore, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("诸暨市平安建设\n" + PARAGRAPH, encoding="utf-8")
    (folder / "slow.txt").write_text("诸暨市综治工作\n" + PARAGRAPH * 2, encoding="utf-8")
    settings = Settings(data_dir=data_dir, extract_timeout=7)
    summary = load_paths(falkor_store, [folder], settings, extractor=_SlowOn("slow.txt"))  # type: ignore[arg-type]
    assert summary.loaded == 1 and not summary.failed
    assert [(Path(r.path).name, r.reason) for r in summary.rejected] == [
        ("slow.txt", f"report too long to process in 7 s ({len(PARAGRAPH * 2) + 8:,} characters)")
    ]
    assert summary.exit_code == 2
    logged = [json.loads(line) for line in (data_dir / "rejected.jsonl").read_text().splitlines()]
    assert logged[-1]["reason"].startswith("report too long to process in 7 s")


def test_post_reports_applies_the_time_cap(falkor_store: FalkorStore, data_dir: Path) -> None:
    settings = Settings(data_dir=data_dir, api_key="k" * 32, extract_timeout=1e-9)
    with TestClient(create_app(settings, falkor_store)) as client:
        r = client.post("/reports", json={"text": PARAGRAPH * 20}, headers={"X-API-Key": "k" * 32})
    assert r.status_code == 413
    assert "report too long to process in 1e-09 s" in r.text
    assert "GOVKG_EXTRACT_TIMEOUT" in r.text


@pytest.mark.slow
def test_extraction_time_is_linear_in_text_length(shared_dir: Path) -> None:
    """4 MB costs about twice 2 MB (a quadratic step would make it four times): ratio < 3."""
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((shared_dir / "corpus").glob("*.txt")))
    ex = default_extractor()
    ex.extract(_doc(seeds))  # warm the gazetteer and automata

    def cost(megabytes: int) -> float:
        text = "\n".join([seeds] * (megabytes * 1_000_000 // len(seeds.encode()) + 1))
        doc = _doc(text)
        started = time.process_time()
        ex.extract(doc)
        return time.process_time() - started

    two, four = cost(2), cost(4)
    assert four / two < 3.0, f"4 MB took {four:.2f} s, 2 MB {two:.2f} s: ratio {four / two:.2f}"


_EXTRACT_SCRIPT = """
import dataclasses, json, sys
from govkg.loaders.documents import Document, iter_documents
from govkg.loaders.extract import Extractor
docs = [d for d in iter_documents(sys.argv[1:]) if isinstance(d, Document)]
ex = Extractor()
out = {d.id: json.dumps(dataclasses.asdict(ex.extract(d)), ensure_ascii=False, sort_keys=True) for d in docs}
print(json.dumps(out, sort_keys=True))
"""


def _extract_in_order(docs: list[Document]) -> dict[str, str]:
    ex = Extractor()
    return {
        d.id: json.dumps(dataclasses.asdict(ex.extract(d)), ensure_ascii=False, sort_keys=True) for d in docs
    }


def test_extraction_does_not_depend_on_order_or_process(shared_dir: Path, tmp_path: Path) -> None:
    """Issue 14 item 8: a pure function of the report — same bytes in any order, in any process."""
    folder = tmp_path / "synthetic"
    synthetic().SyntheticCorpus.default().write(folder, 120, seed=11)
    paths = [*sorted((shared_dir / "corpus").glob("*.txt")), *sorted(folder.glob("*.txt"))]
    docs = [d for d in iter_documents(paths) if isinstance(d, Document)]
    forward = _extract_in_order(docs)
    backward = _extract_in_order(docs[::-1])  # same process, after the forward pass
    assert forward == backward
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    fresh = subprocess.run(
        [sys.executable, "-c", _EXTRACT_SCRIPT, *map(str, paths[::-1])],
        capture_output=True, text=True, env=env, check=True, cwd=repo,
    )  # fmt: skip
    assert json.loads(fresh.stdout) == forward
