"""The NLP backend is chosen by configuration and drives the same pipeline and Extraction type."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from govkg.config import Settings
from govkg.loaders.documents import read_file
from govkg.loaders.extract import default_extractor, extractor_for

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "neimenggu_baotou_kundulun.txt"
HAS_HANLP = importlib.util.find_spec("hanlp") is not None


def test_builtin_is_the_default(tmp_path: Path) -> None:
    ex = extractor_for(Settings(data_dir=tmp_path))
    assert ex is default_extractor()
    assert ex.backend.name == "builtin"


@pytest.mark.skipif(
    not HAS_HANLP, reason="the optional hanlp extra is not installed (pip install 'govkg[hanlp]')"
)
def test_hanlp_backend_runs_the_real_model_through_the_pipeline(tmp_path: Path) -> None:
    ex = extractor_for(Settings(data_dir=tmp_path, nlp_backend="hanlp"))
    assert ex.backend.name == "hanlp"
    (doc,) = read_file(EXAMPLE)
    assert any(span.label == "REGION" for span in ex.backend.spans(doc.folded))
    got = ex.extract(doc)
    base = default_extractor().extract(doc)
    assert got.subject_region == base.subject_region
    # the model's spans pass through the same resolution: nothing the dictionaries found is lost
    assert {(a.region_code, a.practice_key) for a in base.adoptions} <= {
        (a.region_code, a.practice_key) for a in got.adoptions
    }
    for a in got.adoptions:
        assert (
            doc.text[a.evidence.offset : a.evidence.offset + len(a.evidence.sentence)] == a.evidence.sentence
        )


def test_unknown_backend_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nlp_backend"):
        Settings(data_dir=tmp_path, nlp_backend="spacy")
