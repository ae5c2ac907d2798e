"""Extraction is a pure function of (report, shipped data, settings): order never matters."""

from __future__ import annotations

from pathlib import Path

from govkg.loaders.documents import Document, read_file
from govkg.loaders.extract import Extractor
from govkg.loaders.extraction import Extraction

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Invented reports: the first writes a town with its county (a full chain), the others name
# the same bare town, which must not become a region because another report placed it.
INVENTED = [
    ("a.txt", "某报告\n东河区石桥镇推行“夜巡队”。石桥镇建成综治中心。"),
    ("b.txt", "另一报告\n东河区在石桥镇推行网格化管理。"),
    ("c.txt", "第三报告\n包头市东河区石桥镇开展平安创建。"),
]


def _docs(tmp: Path) -> list[Document]:
    docs: list[Document] = []
    for name, text in INVENTED:
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        docs.extend(read_file(path))
    for path in sorted(EXAMPLES.rglob("*.txt"))[:4]:
        docs.extend(read_file(path))
    for path in sorted((SHARED / "corpus").glob("*.txt"))[:2]:
        docs.extend(read_file(path))
    return docs


def _run(docs: list[Document]) -> dict[str, Extraction]:
    extractor = Extractor()  # a fresh pipeline each time, so only shipped data is shared
    return {doc.id: extractor.extract(doc) for doc in docs}


def test_two_orders_give_identical_extractions(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    assert len(docs) >= 4
    forward = _run(docs)
    backward = _run(list(reversed(docs)))
    shared = Extractor()
    interleaved = {doc.id: shared.extract(doc) for doc in [*docs, *docs]}
    assert forward == backward == interleaved


def test_a_unit_placed_by_one_report_is_not_a_region_in_another(tmp_path: Path) -> None:
    extractor = Extractor()
    a, b, _ = _docs(tmp_path)[:3]
    first = extractor.extract(a)
    assert any(r.name == "石桥镇" for r in first.regions)  # written after 东河区: placed
    second = extractor.extract(b)
    assert all(r.name != "石桥镇" for r in second.regions)
    assert any(u.surface == "石桥镇" for u in second.unresolved)
