"""Keep proving it (issue 14): random file trees — names with arbitrary bytes, links in and out,
FIFOs, junk, empty files and sub-directories — are read without an exception escaping, without
reading outside the root, and with every entry accounted for (a document or a named rejection)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.loaders.documents import DocumentError, iter_documents
from govkg.loaders.files import OUTSIDE, SKIPPED_NAMES, display_name

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOOD = (EXAMPLES / "beijing_chaoyang.txt").read_bytes()
SECRET = "SECRET-OUTSIDE-静水流深-77"
KINDS = (
    "good",
    "junk",
    "empty",
    "dir",
    "link_in",
    "link_out",
    "link_dir_out",
    "link_parent",
    "fifo",
    "dangling",
)

names = st.binary(min_size=1, max_size=10).filter(lambda b: b"/" not in b and b"\x00" not in b)
entries = st.lists(
    st.tuples(names, st.sampled_from(KINDS), st.binary(max_size=300)),
    min_size=1,
    max_size=8,
    unique_by=lambda e: e[0].lower(),
)


def _build(root: Path, outside: Path, spec: list[tuple[bytes, str, bytes]]) -> dict[str, str]:
    """Create the entries; display name -> kind, for the entries a walk must account for."""
    expected: dict[str, str] = {}
    raw_root = os.fsencode(root)
    first_good: str | None = None
    for raw, kind, junk in spec:
        name_b = raw + (b"" if kind in ("dir", "link_dir_out", "link_parent") else b".txt")
        path = os.fsdecode(raw_root + b"/" + name_b)
        if kind == "good":
            Path(path).write_bytes(GOOD)
            first_good = first_good or path
        elif kind == "junk":
            Path(path).write_bytes(junk)
        elif kind == "empty":
            Path(path).write_bytes(b"")
        elif kind == "dir":
            os.mkdir(path)
            Path(path, "inner.txt").write_bytes(GOOD)
        elif kind == "link_in":
            target = os.fsdecode(raw_root + b"/anchor.txt")
            Path(target).write_bytes(GOOD)
            expected[display_name(target)] = "good"
            os.symlink(target, path)
        elif kind == "link_out":
            os.symlink(outside / "secret.txt", path)
        elif kind == "link_dir_out":
            os.symlink(outside, path)
        elif kind == "link_parent":
            os.symlink("..", path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dangling":
            os.symlink(os.fsdecode(raw_root + b"/missing-target"), path)
        hidden = name_b.startswith(b".")
        skipped = SKIPPED_NAMES.match(os.fsdecode(name_b)) is not None and kind not in ("dir",)
        if hidden or skipped:
            continue
        if kind == "dir":
            expected[display_name(Path(path, "inner.txt"))] = "good"
        else:
            expected[display_name(path)] = kind
    return expected


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(entries)
def test_random_trees_are_read_safely_and_fully_accounted(spec: list[tuple[bytes, str, bytes]]) -> None:
    base = Path(tempfile.mkdtemp(prefix="govkg-tree-"))
    try:
        root, outside = base / "root", base / "outside"
        root.mkdir()
        outside.mkdir()
        (outside / "secret.txt").write_text(SECRET + "\n北京市朝阳区推行网格化管理。", encoding="utf-8")
        expected = _build(root, outside, spec)
        docs: dict[str, str] = {}
        rejected: dict[str, str] = {}
        for item in iter_documents([root]):  # must not raise
            if isinstance(item, DocumentError):
                rejected[item.path] = item.reason
            else:
                docs[item.source] = item.text
        assert all(SECRET not in text for text in docs.values()), "read outside the root"
        seen = set(docs) | set(rejected)
        for name, kind in expected.items():
            assert name in seen, (name, kind, docs.keys(), rejected)
            if kind in ("good", "link_in"):
                assert name in docs, (name, rejected.get(name))
            elif kind in ("link_out", "link_dir_out", "link_parent"):
                assert rejected[name] == OUTSIDE
            elif kind == "fifo":
                assert rejected[name].startswith("not a regular file")
            elif kind in ("empty", "dangling"):
                assert name in rejected
        # Nothing is reported that is not in the tree.
        assert seen <= set(expected), seen - set(expected)
        for reason in rejected.values():
            assert reason and "\n" not in reason
    finally:
        shutil.rmtree(base, ignore_errors=True)
