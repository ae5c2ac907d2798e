"""Property tests: readers fail only with DocumentError, extraction never fails, evidence is at its offset.

Random text alone rarely names a place and a practice in one sentence, so one strategy
mixes real region names (from the shipped gazetteer) and practice names (from the shipped
taxonomy) with action words, numbers and arbitrary Unicode; a guard checks that strategy
actually yields facts, so the offset property is tested on real output.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.loaders.documents import (
    Document,
    DocumentError,
    decode_bytes,
    from_text,
    html_to_text,
    iter_documents,
    read_file,
)
from govkg.loaders.extract import extract
from govkg.loaders.extraction import Adoption, Extraction, Implementation, Measurement
from govkg.loaders.practices import Taxonomy
from govkg.loaders.regions import Gazetteer

SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".md", "")
ACTIONS = ("推行", "建立", "全面推广", "深入开展", "创新", "坚持和发展", "建成", "设立", "我市", "全区")
FILLERS = ("。", "，", "；", "\n", "年", "万元", "个", "%", "约", "超过", "同比增长", "（", "）", "“", "”")


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    regions = sorted({surface for surface, r in Gazetteer.default().surfaces() if r.level != "village"})
    practices = sorted({p.name for p in Taxonomy.default().practices.values()})
    # A spread of region names keeps the strategy fast to draw from and covers every level.
    return tuple(regions[:: max(1, len(regions) // 400)]), tuple(practices)


REGIONS, PRACTICES = _names()

cjk_text = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12)
piece = st.one_of(
    st.sampled_from(REGIONS),
    st.sampled_from(PRACTICES),
    st.sampled_from(ACTIONS),
    st.sampled_from(FILLERS),
    st.integers(min_value=0, max_value=100_000).map(str),
    st.integers(min_value=1990, max_value=2030).map(lambda y: f"{y}年"),
    cjk_text,
    st.text(max_size=6),
)
sentence = st.lists(piece, min_size=2, max_size=10).map("".join).map(lambda s: s + "。")
report_text = st.lists(sentence, min_size=1, max_size=8).map("".join)


def _safe_doc(text: str) -> Document | None:
    try:
        return from_text(text, source="property-test")
    except DocumentError:
        return None


def _assert_evidence_at_offsets(ex: Extraction) -> None:
    text = ex.report.text
    facts: list[Adoption | Implementation | Measurement] = [
        *ex.adoptions,
        *ex.implementations,
        *ex.measurements,
    ]
    for fact in facts:
        ev = fact.evidence
        assert ev.sentence, f"a fact without evidence: {fact}"
        assert 0 <= ev.offset <= len(text) - len(ev.sentence)
        assert text[ev.offset : ev.offset + len(ev.sentence)] == ev.sentence


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_from_text_raises_only_document_error(text: str) -> None:
    """Arbitrary Unicode becomes a Document or a DocumentError, nothing else."""
    doc = _safe_doc(text)
    if doc is not None:
        assert doc.id and doc.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_decode_bytes_raises_only_document_error(data: bytes) -> None:
    """Arbitrary bytes decode to text or raise DocumentError."""
    try:
        text, encoding, _ = decode_bytes(data)
    except DocumentError as e:
        assert e.reason
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048), st.sampled_from(SUFFIXES))
def test_file_readers_raise_only_document_error(data: bytes, suffix: str) -> None:
    """Arbitrary bytes in a file of any accepted type: read_file raises only DocumentError;
    iter_documents yields Documents or DocumentErrors and never raises."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report{suffix}"
        path.write_bytes(data)
        try:
            docs = read_file(path)
        except DocumentError:
            docs = []
        assert all(isinstance(d, Document) and d.text for d in docs)
        items = list(iter_documents([tmp]))
        assert all(isinstance(i, Document | DocumentError) for i in items)
        assert len([i for i in items if isinstance(i, Document)]) >= len(docs)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_html_to_text_never_raises(html: str) -> None:
    """Any string is accepted by the HTML text extractor, which returns text without tags it removed."""
    text, title, published = html_to_text(html)
    assert isinstance(text, str)
    assert title is None or isinstance(title, str)
    assert published is None or isinstance(published, str)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=600))
def test_extract_never_raises_on_unicode(text: str) -> None:
    """The pipeline accepts every readable Unicode text, and its evidence sits at its offset."""
    doc = _safe_doc(text)
    if doc is None:
        return
    ex = extract(doc)
    assert ex.report.id == doc.id
    _assert_evidence_at_offsets(ex)


@settings(max_examples=120, deadline=None)
@given(report_text)
def test_extract_on_region_and_practice_text(text: str) -> None:
    """CJK text built from real place and practice names: no errors, every fact's evidence at its offset."""
    doc = _safe_doc(text)
    if doc is None:
        return
    ex = extract(doc)
    _assert_evidence_at_offsets(ex)


def test_the_mixed_strategy_produces_facts() -> None:
    """Guard: the name-mixing strategy drives the pipeline to real facts (else the offset test is empty)."""
    found = 0

    @settings(max_examples=60, deadline=None, database=None)
    @given(report_text)
    def count(text: str) -> None:
        nonlocal found
        doc = _safe_doc(text)
        if doc is not None:
            ex = extract(doc)
            _assert_evidence_at_offsets(ex)
            found += len(ex.adoptions) + len(ex.measurements)

    count()
    assert found > 0
