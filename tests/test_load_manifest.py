"""Re-loading skips unchanged files without reading them (the load manifest), and reads
again any file that changed, whose report was deleted, or whose graph was cleared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from synthetic_support import synthetic

from govkg import loading
from govkg.config import Settings
from govkg.graph import writer
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.journal import LoadJournal
from govkg.graph.manifest import FileStamp, LoadManifest
from govkg.loaders.documents import Document, DocumentError, read_documents
from govkg.loading import journal_path, load_paths, manifest_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the loader opens (a spy around the real reader)."""
    seen: list[str] = []
    real = loading.read_documents

    def spy(path: Path) -> Iterator[Document | DocumentError]:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(loading, "read_documents", spy)
    return seen


def test_unchanged_files_are_skipped_unread(
    falkor_store: FalkorStore, data_dir: Path, tmp_path: Path, reads: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    paths = synthetic().SyntheticCorpus.default().write(corpus, 30, seed=9)
    settings = Settings(data_dir=data_dir)
    first = load_paths(falkor_store, [corpus], settings)
    assert (first.read, first.loaded, first.skipped) == (30, 30, 0)
    assert len(reads) == 30 and len(LoadManifest(manifest_path(settings))) == 30

    reads.clear()
    again = load_paths(falkor_store, [corpus], settings)
    assert (again.read, again.loaded, again.skipped) == (30, 0, 30)
    assert reads == []  # not one file opened

    # a changed file is read and loaded; a deleted report's file is read and loaded again
    paths[3].write_text(paths[3].read_text(encoding="utf-8") + "本县新增网格员二十名。\n", encoding="utf-8")
    gone = next(read_documents(paths[7]))
    assert isinstance(gone, Document)
    writer.delete_report(falkor_store, gone.id)
    LoadJournal(journal_path(settings)).mark_deleted(gone.id)
    reads.clear()
    third = load_paths(falkor_store, [corpus], settings)
    assert sorted(reads) == sorted([paths[3].name, paths[7].name])
    assert (third.read, third.loaded, third.skipped) == (30, 2, 28)


def test_a_graph_emptied_behind_the_journal_is_reloaded(
    falkor_store: FalkorStore, data_dir: Path, tmp_path: Path, reads: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 12, seed=4)
    settings = Settings(data_dir=data_dir)
    load_paths(falkor_store, [corpus], settings)
    falkor_store.clear()  # the journal and manifest still say done; the store says otherwise
    reads.clear()
    summary = load_paths(falkor_store, [corpus], settings)
    assert (summary.loaded, summary.skipped) == (12, 0) and len(reads) == 12


def test_force_reads_everything(
    falkor_store: FalkorStore, data_dir: Path, tmp_path: Path, reads: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 5, seed=2)
    settings = Settings(data_dir=data_dir)
    load_paths(falkor_store, [corpus], settings)
    reads.clear()
    summary = load_paths(falkor_store, [corpus], settings, force=True)
    assert summary.loaded == 5 and len(reads) == 5


def test_manifest_file_round_trip_and_torn_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    stamp = FileStamp.of(f)
    assert stamp is not None and stamp.size == 1
    m = LoadManifest(tmp_path / "manifest.jsonl")
    m.record(stamp, ["r1", "r2"])
    with (tmp_path / "manifest.jsonl").open("a") as fh:
        fh.write('{"path": "/half-written", "size"')  # a crash mid-append
    again = LoadManifest(tmp_path / "manifest.jsonl")
    assert again.ids(stamp) == ("r1", "r2") and len(again) == 1
    os.utime(f, ns=(stamp.mtime_ns + 10**9, stamp.mtime_ns + 10**9))
    changed = FileStamp.of(f)
    assert changed is not None and again.ids(changed) is None


def test_the_extractor_is_warmed_only_for_files_the_manifest_does_not_know(
    falkor_store: FalkorStore, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 5, seed=4)
    settings = Settings(data_dir=data_dir)
    assert loading._has_unknown_files([corpus], settings)  # nothing loaded yet
    load_paths(falkor_store, [corpus], settings)
    assert not loading._has_unknown_files([corpus], settings)  # a re-load needs no extractor
    (corpus / "new.txt").write_text("某县推进网格化管理,全县划分网格一百个。\n", encoding="utf-8")
    assert loading._has_unknown_files([corpus], settings)

    built: list[str] = []
    monkeypatch.setattr(loading, "default_extractor", lambda: built.append("built"))
    for force, expected in ((False, ["built"]), (True, ["built"])):
        built.clear()
        monkeypatch.setattr(loading, "_warming", None)
        loading.warm_extractor([corpus], settings, force=force)
        loading.finish_warming()
        assert built == expected
    (corpus / "new.txt").unlink()
    for force, expected in ((False, []), (True, ["built"])):
        built.clear()
        monkeypatch.setattr(loading, "_warming", None)
        loading.warm_extractor([corpus], settings, force=force)
        loading.finish_warming()
        assert built == expected  # --force re-extracts known files too


def test_threads_asking_for_the_extractor_at_once_share_one_build(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from govkg.loaders import extract

    builds: list[int] = []

    class Slow:
        def __init__(self) -> None:
            builds.append(1)
            threading.Event().wait(0.2)  # long enough for every thread to ask meanwhile

    monkeypatch.setattr(extract, "_default", None)
    monkeypatch.setattr(extract, "Extractor", Slow)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(extract.default_extractor())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1 and len(got) == 4 and all(g is got[0] for g in got)
