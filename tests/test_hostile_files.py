"""Hostile input: each bad file gives one clear DocumentError and the good files beside it still load."""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

import pytest

from govkg.loaders.documents import Document, DocumentError, iter_documents, read_file

GOOD = "平安建设工作情况\n2023年6月1日\n全区推行网格化管理，调解成功率98.6%。\n"


def _walk(*paths: Path) -> tuple[list[Document], dict[str, str]]:
    """Documents and {path: reason} from a walk over paths."""
    docs: list[Document] = []
    errors: dict[str, str] = {}
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            assert "\n" not in str(item)
            assert str(item) == f"{item.path}: {item.reason}"
            errors[item.path] = item.reason
        else:
            docs.append(item)
    return docs, errors


def _with_good(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def _reason(path: Path) -> str:
    with pytest.raises(DocumentError) as info:
        read_file(path)
    assert info.value.path.startswith(str(path))
    return info.value.reason


def test_bad_files_reported_and_good_file_still_loads(tmp_path: Path) -> None:
    d = _with_good(tmp_path)
    (d / "blob.dat").write_bytes(b"\x00\x01\x02\x03binary\x00\x00" * 100)
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_bytes(b"  \r\n\t\n")
    (d / "bundle.zip").write_bytes(b"PK\x03\x04rest")
    (d / "junk.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    (d / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    docs, errors = _walk(d)
    assert [Path(x.source).name for x in docs] == ["good.txt"]
    assert errors == {
        str(d / "blob.dat"): "binary file",
        str(d / "image.txt"): "binary file",
        str(d / "empty.txt"): "empty file",
        str(d / "blank.md"): "empty file",
        str(d / "bundle.zip"): "unsupported file type .zip",
        str(d / "junk.txt"): "cannot decode as UTF-8 or GB18030",
    }


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    docs, errors = _walk(tmp_path / "nope.txt", _with_good(tmp_path))
    assert len(docs) == 1
    assert errors == {str(tmp_path / "nope.txt"): "no such file"}


def test_truncated_utf8_drops_the_partial_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(GOOD.encode("utf-8") + "结尾".encode()[:-1])
    (doc,) = read_file(path)
    assert doc.encoding == "utf-8"
    assert doc.text == GOOD + "结"
    assert doc.meta["note"] == "incomplete character at end of file dropped (2 bytes)"


def test_truncated_gbk_drops_the_partial_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(GOOD.encode("gbk") + "尾".encode("gbk")[:1])
    (doc,) = read_file(path)
    assert doc.encoding == "gbk" and doc.text == GOOD
    assert "dropped (1 byte)" in doc.meta["note"]


def test_mixed_encodings_read_line_by_line_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("第一行是UTF-8编码的文字。\n".encode() + "第二行是GBK编码的文字。\n".encode("gbk"))
    (doc,) = read_file(path)
    assert doc.encoding == "mixed"
    assert doc.text == "第一行是UTF-8编码的文字。\n第二行是GBK编码的文字。\n"
    assert doc.meta["note"].startswith("mixed encodings: 1 of 3 lines")


def test_file_over_the_cap_is_refused_with_size_and_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVKG_MAX_FILE_BYTES", "1000")
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 40, encoding="utf-8")
    size = big.stat().st_size
    assert _reason(big) == f"file is {size} bytes, over the cap of 1000 bytes (GOVKG_MAX_FILE_BYTES)"
    small = tmp_path / "small.txt"
    small.write_text(GOOD, encoding="utf-8")
    assert len(read_file(small)) == 1


def test_default_cap_checked_before_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)  # sparse: nothing is written, and nothing may be read
    cap = 64 * 1024 * 1024
    assert _reason(sparse) == f"file is {cap + 1} bytes, over the cap of {cap} bytes (GOVKG_MAX_FILE_BYTES)"


def test_bad_cap_setting_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVKG_MAX_FILE_BYTES", "lots")
    with pytest.raises(ValueError, match="GOVKG_MAX_FILE_BYTES"):
        read_file(_with_good(tmp_path) / "good.txt")


def test_ten_megabyte_line_without_breaks(tmp_path: Path) -> None:
    line = "网格化管理推进平安建设" * 320_000  # 3.5 M characters, over 10 MB of UTF-8
    path = tmp_path / "long.txt"
    path.write_text(line, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    (doc,) = read_file(path)
    assert doc.text == line and len(doc.folded) == len(line)
    assert doc.title == line[:120]


def test_html_with_scripts_styles_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><style>body{x:1}</style><script>var s='</p>隐藏';</script></head>"
        "<body><p>甲&amp;乙&nbsp;丙&#x4E01;&quot;</p><noscript>开启脚本</noscript>"
        "<template><p>模板</p></template></body></html>",
        encoding="utf-8",
    )
    (doc,) = read_file(path)
    assert doc.text == '甲&乙 丙丁"'


def test_html_without_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><head><script>x()</script></head><body> </body></html>", encoding="utf-8")
    assert _reason(path) == "no visible text in HTML"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"text": 42}, "field 'text' must be a string, not int"),
        ({"content": ["a", "b"]}, "field 'content' must be a string, not list"),
        ({"title": "无正文"}, "no 'text' field (expected one of: text, content, body)"),
        ({"text": "  "}, "field 'text' is empty"),
        ("just a string", "expected a JSON object or a list of objects, got str"),
    ],
)
def test_json_wrong_types_and_missing_fields(tmp_path: Path, record: object, reason: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert _reason(path) == reason


def test_json_list_bad_item_does_not_hide_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "好的记录。"}, {"text": 1}, {"body": "也好。"}]), encoding="utf-8")
    docs, errors = _walk(path)
    assert [d.text for d in docs] == ["好的记录。", "也好。"]
    assert errors == {f"{path}#1": "field 'text' must be a string, not int"}


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert _reason(path) == "JSON nested too deeply"


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": "未闭合', encoding="utf-8")
    assert _reason(path).startswith("invalid JSON: Unterminated string")


def test_jsonl_bad_lines_named_and_others_load(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    lines = [
        json.dumps({"text": "第一条记录。", "title": "一"}, ensure_ascii=False),
        "{not json",
        "",
        json.dumps({"text": 7}),
        "[" * 200_000,
        json.dumps({"text": "第五条记录。"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _walk(path)
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#6"]
    assert set(errors) == {f"{path}#2", f"{path}#4", f"{path}#5"}
    assert errors[f"{path}#2"].startswith("invalid JSON")
    assert errors[f"{path}#4"] == "field 'text' must be a string, not int"
    assert errors[f"{path}#5"] == "JSON nested too deeply"
    with pytest.raises(DocumentError, match=r"#2: invalid JSON"):
        read_file(path)


def test_jsonl_line_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVKG_MAX_FILE_BYTES", "200")
    path = tmp_path / "r.jsonl"
    long_line = json.dumps({"text": "长" * 500}, ensure_ascii=False)
    short = json.dumps({"text": "短记录。"}, ensure_ascii=False)
    path.write_text("\n".join([short, long_line, short]) + "\n", encoding="utf-8")
    docs, errors = _walk(path)
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#3"]
    assert errors == {f"{path}#2": "line is over the cap of 200 bytes (GOVKG_MAX_FILE_BYTES)"}


def test_symlink_loops_reported_and_walk_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    _with_good(root)
    sub = root / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text(GOOD.replace("6月", "7月"), encoding="utf-8")
    os.symlink(root, sub / "back")
    os.symlink(sub / "self", sub / "self")
    docs, errors = _walk(root)
    assert sorted(Path(d.source).name for d in docs) == ["good.txt", "inner.txt"]
    assert errors == {
        str(sub / "back"): "symlink loop (directory links back to an ancestor)",
        str(sub / "self"): "symlink loop",
    }


@pytest.mark.slow
def test_large_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = json.dumps({"text": "市域社会治理现代化试点。" * 8000}, ensure_ascii=False) + "\n"
    with path.open("w", encoding="utf-8") as f:
        for i in range(700):
            f.write(record.replace("试点", f"试点{i:04d}", 1))
    assert path.stat().st_size > 200_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = sum(1 for item in iter_documents([path]) if isinstance(item, Document))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert count == 700
    assert grown_kib < 100 * 1024  # far less than the 200 MB file
