"""NLP backends: the protocol, span merging and resolution, settings, and HanLP run for real offline.

The HanLP cases use the tiny REGION/ORG model shipped in govkg/loaders/data/hanlp-ner
(trained from examples/ by tools/train_hanlp_ner.py); they are skipped only when the
optional ``hanlp`` extra is not installed.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from govkg.config import Settings
from govkg.loaders.documents import Document, iter_documents
from govkg.loaders.extract import Extractor
from govkg.loaders.extraction import Extraction
from govkg.loaders.nlp import (
    ORG,
    REGION,
    BackendAgencyMatcher,
    BackendRegionMatcher,
    BuiltinBackend,
    HanLPBackend,
    HanLPModelMissing,
    HanLPUnavailable,
    NlpBackend,
    Span,
    backend_from_settings,
    default_model_dir,
    merge_spans,
    resolve_model_dir,
    resolve_region_spans,
)
from govkg.loaders.regions import RegionMatcher

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
HAVE_HANLP = importlib.util.find_spec("hanlp") is not None
needs_hanlp = pytest.mark.skipif(
    not HAVE_HANLP, reason="the optional hanlp extra is not installed (pip install 'govkg[hanlp]')"
)

# From examples/neimenggu_baotou_kundulun.txt (written for the project).
KUNDULUN = "2021年以来，昆都仑区在城市社区全面推行楼长制，把平安建设的触角延伸到每一栋楼、每一个单元。"
KUNDULUN_CODE = "150203"
BAOTOU_SCOPE = ("150203", "150200", "150000")


class FixedBackend:
    """A backend that returns the spans it was given, whatever the text."""

    name = "fixed"

    def __init__(self, spans: list[Span]) -> None:
        self._spans = spans

    def spans(self, text: str) -> list[Span]:
        """The fixed spans that fit inside ``text``."""
        return [s for s in self._spans if s.end <= len(text)]


def backend_extractor(backend: NlpBackend) -> Extractor:
    """An Extractor whose region and agency matchers consult ``backend``."""
    ex = Extractor(agencies=BackendAgencyMatcher(backend))
    ex.region_matcher = BackendRegionMatcher(ex.gazetteer, backend)
    return ex


def example_docs() -> list[Document]:
    """The sample reports in examples/."""
    return [d for d in iter_documents([EXAMPLES]) if isinstance(d, Document)]


def assert_evidence_invariants(ex: Extraction) -> None:
    """Every fact's evidence sits in the report text at its offset, and names known regions/practices."""
    text = ex.report.text
    codes = {r.code for r in ex.regions}
    keys = {p.key for p in ex.practices}
    for a in ex.adoptions:
        assert text[a.evidence.offset : a.evidence.offset + len(a.evidence.sentence)] == a.evidence.sentence
        assert a.region_code in codes
        assert a.practice_key in keys
    for i in ex.implementations:
        assert text[i.evidence.offset : i.evidence.offset + len(i.evidence.sentence)] == i.evidence.sentence
    for m in ex.measurements:
        assert text[m.evidence.offset : m.evidence.offset + len(m.evidence.sentence)] == m.evidence.sentence


# -- protocol, merging, resolution (no model needed) ------------------------------------------
def test_builtin_backend_proposes_nothing() -> None:
    backend: NlpBackend = BuiltinBackend()
    assert backend.name == "builtin"
    assert backend.spans(KUNDULUN) == []


def test_merge_spans_dictionary_wins_every_overlap() -> None:
    dictionary = [(0, 3), (10, 14)]
    model = [(2, 5), (5, 8), (12, 20), (20, 22), (6, 9), (30, 30)]
    # (2,5) and (12,20) touch dictionary spans; (6,9) overlaps the kept (5,8); (30,30) is empty.
    assert merge_spans(dictionary, model) == [1, 3]
    assert merge_spans([], [(4, 6), (0, 8)]) == [1]
    assert merge_spans([(0, 5)], []) == []


def test_region_spans_resolve_through_the_matcher_with_shifted_offsets() -> None:
    matcher = RegionMatcher()
    start = KUNDULUN.index("昆都仑区")
    spans = [Span(start, start + 4, REGION), Span(0, 5, ORG)]
    found = resolve_region_spans(KUNDULUN, spans, matcher.find, BAOTOU_SCOPE)
    assert [(m.start, m.end, m.region.code) for m in found] == [(start, start + 4, KUNDULUN_CODE)]
    assert KUNDULUN[found[0].start : found[0].end] == found[0].surface


def test_backend_matcher_adds_no_duplicate_of_a_dictionary_mention() -> None:
    start = KUNDULUN.index("昆都仑区")
    plain = RegionMatcher().find(KUNDULUN, BAOTOU_SCOPE)
    wrapped = BackendRegionMatcher(None, FixedBackend([Span(start, start + 4, REGION)]))
    assert [(m.start, m.end, m.region.code) for m in wrapped.find(KUNDULUN, BAOTOU_SCOPE)] == [
        (m.start, m.end, m.region.code) for m in plain
    ]


def test_backend_driven_run_keeps_the_extraction_invariants() -> None:
    # Spans at arbitrary places: whatever a backend proposes, the Extraction stays well-formed.
    backend = FixedBackend([Span(0, 4, REGION), Span(5, 11, ORG), Span(20, 26, REGION)])
    extractor = backend_extractor(backend)
    builtin = Extractor()
    for doc in example_docs():
        ex = extractor.extract(doc)
        assert isinstance(ex, Extraction)
        assert_evidence_invariants(ex)
        assert ex.report.id == builtin.extract(doc).report.id


# -- settings and model resolution ------------------------------------------------------------
def test_backend_from_settings_builtin() -> None:
    assert isinstance(backend_from_settings(Settings(nlp_backend="builtin")), BuiltinBackend)


def test_backend_from_settings_hanlp_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hanlp", None)  # makes `import hanlp` raise ImportError
    with pytest.raises(HanLPUnavailable, match=r"pip install 'govkg\[hanlp\]'"):
        backend_from_settings(Settings(nlp_backend="hanlp"))
    with pytest.raises(HanLPUnavailable, match="pip install"):
        HanLPBackend(default_model_dir()).load()


@needs_hanlp
def test_backend_from_settings_hanlp_uses_the_model_setting(tmp_path: Path) -> None:
    backend = backend_from_settings(Settings(nlp_backend="hanlp", hanlp_model=str(tmp_path)))
    assert isinstance(backend, HanLPBackend)
    assert backend.name == "hanlp" and backend.model == str(tmp_path)
    default = backend_from_settings(Settings(nlp_backend="hanlp"))
    assert isinstance(default, HanLPBackend) and default.model == str(default_model_dir())


def test_missing_model_is_a_clear_error_not_a_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANLP_HOME", str(tmp_path / "home"))
    with pytest.raises(HanLPModelMissing, match="GOVKG_HANLP_MODEL") as info:
        resolve_model_dir("no-such-model")
    assert "never downloads" in str(info.value)
    assert not (tmp_path / "home").exists()


def test_model_id_is_found_under_hanlp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "home" / "ner" / "tiny"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("HANLP_HOME", str(tmp_path / "home"))
    assert resolve_model_dir("ner/tiny") == model


# -- HanLP for real, offline ------------------------------------------------------------------
@pytest.fixture(scope="session")
def hanlp_backend() -> Iterator[HanLPBackend]:
    """The shipped tiny model, loaded once."""
    if not HAVE_HANLP:
        pytest.skip("the optional hanlp extra is not installed (pip install 'govkg[hanlp]')")
    backend = HanLPBackend(default_model_dir())
    backend.load()
    yield backend


def test_shipped_model_is_small_and_complete() -> None:
    files = {p.name: p.stat().st_size for p in default_model_dir().iterdir()}
    assert {"config.json", "vocabs.json", "model.pt"} <= set(files)
    assert sum(files.values()) < 3 * 1024 * 1024


@pytest.mark.hanlp
def test_hanlp_finds_a_region_that_resolves_to_the_right_division(hanlp_backend: HanLPBackend) -> None:
    spans = hanlp_backend.spans(KUNDULUN)
    regions = [s for s in spans if s.label == REGION]
    assert regions, f"no REGION span in {[(s.label, KUNDULUN[s.start : s.end]) for s in spans]}"
    found = resolve_region_spans(KUNDULUN, regions, RegionMatcher().find, BAOTOU_SCOPE)
    assert KUNDULUN_CODE in {m.region.code for m in found}
    for m in found:
        assert KUNDULUN[m.start : m.end] == m.surface


@pytest.mark.hanlp
def test_hanlp_offsets_skip_whitespace_and_follow_sentences(hanlp_backend: HanLPBackend) -> None:
    text = "  岳麓区 坚持和发展新时代枫桥经验。\n\n" + KUNDULUN
    spans = hanlp_backend.spans(text)
    assert spans == sorted(spans, key=lambda s: (s.start, -s.end))
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.label in (REGION, ORG)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
    shift = text.index(KUNDULUN)
    later = [(s.start - shift, s.end - shift, s.label) for s in spans if s.start >= shift]
    assert later == [(s.start, s.end, s.label) for s in hanlp_backend.spans(KUNDULUN)]
    assert hanlp_backend.spans("") == [] and hanlp_backend.spans(" \n ") == []


@pytest.mark.hanlp
def test_hanlp_cache_smaller_than_the_text_changes_nothing(hanlp_backend: HanLPBackend) -> None:
    text = "\n".join(f"第{i}段：{KUNDULUN}" for i in range(5))
    tiny = HanLPBackend(default_model_dir(), cache_size=2)
    assert tiny.spans(text) == hanlp_backend.spans(text)
    assert tiny.spans(text) == hanlp_backend.spans(text)  # second call: partly cached


@pytest.mark.hanlp
def test_hanlp_driven_extraction_has_the_same_type_and_invariants(hanlp_backend: HanLPBackend) -> None:
    extractor = backend_extractor(hanlp_backend)
    builtin = Extractor()
    total = 0
    for doc in example_docs():
        ex = extractor.extract(doc)
        assert type(ex) is Extraction
        assert_evidence_invariants(ex)
        base = builtin.extract(doc)
        assert ex.subject_region == base.subject_region
        total += len(ex.adoptions)
    assert total > 0


def _train_module() -> ModuleType:
    """tools/train_hanlp_ner.py imported as a module (registered, so its dataclasses resolve)."""
    if "train_hanlp_ner" in sys.modules:
        return sys.modules["train_hanlp_ner"]
    spec = importlib.util.spec_from_file_location(
        "train_hanlp_ner", REPO_ROOT / "tools" / "train_hanlp_ner.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_hanlp_ner"] = module
    spec.loader.exec_module(module)
    return module


def test_silver_data_labels_regions_and_agencies() -> None:
    train = _train_module()
    from govkg.loaders.regions import Gazetteer

    examples = train.silver_examples(example_docs(), Gazetteer.default())
    labels = {seg.label for ex in examples for seg in ex}
    assert {REGION, ORG} <= labels
    rows = [row for ex in examples for row in train.bio_rows(ex)]
    assert all(tag == "O" or tag[:2] in ("B-", "I-") for _, tag in rows)
    assert all(not tok.isspace() for tok, _ in rows)


@pytest.mark.hanlp
@needs_hanlp
def test_training_writes_a_model_hanlp_can_load(tmp_path: Path) -> None:
    import hanlp

    train = _train_module()
    figures = train.train(tmp_path / "model", epochs=2, copies=1)
    assert figures["train_sentences"] > figures["dev_sentences"] > 0
    ner = hanlp.load(str(tmp_path / "model"), verbose=False)
    tagged = ner.predict([list(KUNDULUN)])
    assert len(tagged) == 1 and isinstance(tagged[0], list)
    backend = HanLPBackend(tmp_path / "model")
    assert all(s.label in (REGION, ORG) for s in backend.spans(KUNDULUN))
