"""Loading reports: files -> documents -> extractions -> graph.

Reports are read in this process, extracted here or (``jobs`` > 1) in worker processes,
and written from this process only, in the order they were read, so a load with any
number of workers writes exactly what a single-process load writes.

A broken file is rejected with a one-line reason (in the summary and in
``<data dir>/rejected.jsonl``) and the load goes on. A report is journalled as done
only after all the statements of its group succeeded, and it is skipped on a later load
only when the journal says done *and* the store holds its Report node (written in a
group's last statement), so a report cut off half-way, or lost by the store, is written
again in full.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from govkg.config import Settings
from govkg.graph.journal import LoadJournal
from govkg.graph.manifest import FileStamp, LoadManifest
from govkg.graph.store import GraphStore, QueryError, StoreError, is_embedded
from govkg.graph.writer import (
    PreparedReport,
    WriteStats,
    already_loaded,
    existing_reports,
    prepare,
    write_extractions,
    write_taxonomy,
)
from govkg.graph.writer_lock import writer_lock
from govkg.heap import settle
from govkg.loaders.documents import Document, DocumentError, iter_files, read_documents
from govkg.loaders.extract import ExtractionTimeout, Extractor, default_extractor, extractor_for
from govkg.loaders.extraction import Extraction
from govkg.loaders.files import display_name
from govkg.loaders.practices import Taxonomy

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file (or record) that could not be loaded, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class LoadSummary:
    """What one load did."""

    read: int = 0
    loaded: int = 0
    skipped: int = 0  # already in the graph
    rejected: list[Rejected] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)  # read fine, but extraction or writing failed
    guessed: list[Rejected] = field(
        default_factory=list
    )  # loaded, but the encoding was a guess (reason says which)
    nodes_created: int = 0
    edges_created: int = 0
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when everything loaded, 2 when some files were rejected, 1 when writing failed."""
        if self.failed:
            return 1
        return 2 if self.rejected else 0


def journal_path(settings: Settings) -> Path:
    """The journal file for the store in force (one per store and graph)."""
    ident = f"{settings.effective_store()}|{settings.graph_name}|{settings.neo4j_database or ''}"
    digest = hashlib.sha256(ident.encode()).hexdigest()[:12]
    return settings.data_dir / f"load-journal-{digest}.jsonl"


def record_rejection(settings: Settings, rejected: Rejected) -> None:
    """Append one rejection to ``<data dir>/rejected.jsonl``."""
    line = {
        "path": rejected.path,
        "reason": rejected.reason,
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    try:
        with (settings.data_dir / "rejected.jsonl").open(
            "a", encoding="utf-8", errors="backslashreplace"
        ) as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as e:  # the summary still names the file; a full disk must not abort the load
        log.warning("could not record the rejection of %s in rejected.jsonl: %s", rejected.path, e)


def load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    force: bool = False,
    extractor: Extractor | None = None,
    on_document: Callable[[str], None] | None = None,
    group: int | None = None,
    jobs: int = 1,
) -> LoadSummary:
    """Load every report under ``paths`` into ``store``; never stops on one bad file.

    Reports are written ``group`` (default: settings.load_group) at a time, their rows merged
    into shared statements (several times faster than one report per statement); each group's
    reports are journalled once all its statements succeeded. A group that fails is written
    again report by report, so one bad report costs only itself.

    ``jobs`` > 1 extracts in that many worker processes (each with the extractor the settings
    name; an explicit ``extractor`` always runs in this process). Extractions are taken back
    in reading order, so the writes, and the graph, are the same for any ``jobs``.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    settings.ensure_data_dir()
    with writer_lock(settings.data_dir, "govkg load", settings.writer_wait):
        return _load_paths(
            store,
            paths,
            settings,
            force=force,
            extractor=extractor,
            on_document=on_document,
            group=group,
            jobs=jobs,
        )


def _load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    force: bool = False,
    extractor: Extractor | None = None,
    on_document: Callable[[str], None] | None = None,
    group: int | None = None,
    jobs: int = 1,
) -> LoadSummary:
    journal = LoadJournal(journal_path(settings))
    manifest = LoadManifest(manifest_path(settings))
    loader = _Loader(store, journal, settings, group or settings.load_group)
    started = time.perf_counter()
    taxonomy = extractor.taxonomy if extractor is not None else Taxonomy.default()
    write_taxonomy(store, taxonomy.practices.values(), taxonomy.categories)
    parallel = jobs > 1 and extractor is None
    pool: ProcessPoolExecutor | None = None
    ex: Extractor | None = extractor  # built on the first report to extract: a re-load may need none
    inflight: deque[tuple[Document, Future[_Outcome]]] = deque()
    # Files read in full this load (stamp taken before reading -> their report ids).
    read_files: list[tuple[FileStamp, list[str]]] = []
    # Files the manifest says are loaded, waiting for one batched existence query.
    unchanged: list[tuple[Path, tuple[str, ...]]] = []

    def extract(doc: Document) -> None:
        nonlocal pool, ex
        if pool is None and parallel and len(loader.seen) > _START_WORKERS_AFTER:
            pool = _pool(settings, jobs)  # small loads never pay for starting workers
        if pool is None:
            if ex is None:
                ex = extractor_for(settings)
                settle()
            loader.take(doc, _extract_one(ex, doc, settings.extract_timeout))
            return
        inflight.append((doc, pool.submit(_worker_extract, doc)))
        # Bounded (documents wait in memory), but a group deep, so that the workers
        # extract the next group while this process writes the last one.
        while len(inflight) > max(4 * jobs, loader.group):
            done, future = inflight.popleft()
            loader.take(done, future.result())

    def read(path: Path, stamp: FileStamp | None) -> None:
        ids: list[str] | None = []
        for item in read_documents(path):
            if isinstance(item, DocumentError):
                ids = None  # a file with a bad record is read (and its record rejected) every time
                rej = Rejected(item.path, item.reason)
                loader.summary.rejected.append(rej)
                record_rejection(settings, rej)
            else:
                if ids is not None:
                    ids.append(item.id)
                if loader.accept(item, force):
                    extract(item)
            if on_document:
                on_document(item.path if isinstance(item, DocumentError) else item.source)
        if stamp is not None and ids:
            read_files.append((stamp, ids))

    def settle_unchanged() -> None:
        present = existing_reports(store, (i for _, ids in unchanged for i in ids))
        for path, ids in unchanged:
            if all(i in present for i in ids):
                loader.summary.read += len(ids)
                loader.summary.skipped += len(ids)
                for _ in ids:
                    if on_document:
                        on_document(str(path))
            else:
                read(path, FileStamp.of(path))
        unchanged.clear()

    try:
        for path, refused in iter_files(paths, follow_links=settings.follow_links):
            if refused is not None:
                rej = Rejected(display_name(path), display_name(refused))
                loader.summary.rejected.append(rej)
                record_rejection(settings, rej)
                if on_document:
                    on_document(str(path))
                continue
            stamp = FileStamp.of(path)
            known = manifest.ids(stamp) if stamp is not None and not force else None
            if known and all(journal.done(i) for i in known):
                unchanged.append((path, known))
                if len(unchanged) >= _MANIFEST_BATCH:
                    settle_unchanged()
            else:
                read(path, stamp)
        settle_unchanged()
        while inflight:
            doc, future = inflight.popleft()
            loader.take(doc, future.result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    loader.flush()
    for stamp, ids in read_files:
        if all(journal.done(i) for i in ids):
            manifest.record(stamp, ids)
    loader.index_evidence()
    loader.summary.seconds = time.perf_counter() - started
    return loader.summary


def load_from_extractions(
    store: GraphStore,
    directory: Path,
    settings: Settings,
    *,
    force: bool = False,
    on_document: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Write the Extractions of the JSONL shards in ``directory`` (govkg extract -o), in order,
    with the same groups, journal and skip rule as load_paths: the same graph as loading the
    reports themselves."""
    settings.ensure_data_dir()
    with writer_lock(settings.data_dir, "govkg load", settings.writer_wait):
        return _load_from_extractions(store, directory, settings, force=force, on_document=on_document)


def _load_from_extractions(
    store: GraphStore,
    directory: Path,
    settings: Settings,
    *,
    force: bool = False,
    on_document: Callable[[str], None] | None = None,
) -> LoadSummary:
    from govkg.loaders.shards import read_shards

    settings.ensure_data_dir()
    loader = _Loader(store, LoadJournal(journal_path(settings)), settings, settings.load_group)
    started = time.perf_counter()
    taxonomy = Taxonomy.default()
    write_taxonomy(store, taxonomy.practices.values(), taxonomy.categories)
    for ex in read_shards(directory):
        rid = ex.report.id
        loader.summary.read += 1
        if rid in loader.seen or (not force and already_loaded(store, loader.journal, rid)):
            loader.summary.skipped += 1
        else:
            loader.seen.add(rid)
            loader.pending[rid] = ex
            if len(loader.pending) >= loader.group:
                loader.flush()
        if on_document:
            on_document(ex.report.source)
    loader.flush()
    loader.index_evidence()
    loader.summary.seconds = time.perf_counter() - started
    return loader.summary


_START_WORKERS_AFTER = 16  # reports extracted here before worker processes start
_MANIFEST_BATCH = 1000  # unchanged files settled by one existence query


_warming: threading.Thread | None = None


def warm_extractor(paths: Sequence[str | Path], settings: Settings, *, force: bool = False) -> None:
    """Start building the shared extractor in a background thread, when ``paths`` hold a file the
    load manifest does not know (or ``force``), and return at once.

    ``govkg load`` calls this before it opens the store: building the gazetteer and the automata
    (about a second) then overlaps the store's start, which at 20k reports spends seconds reading
    its snapshot while this process only waits. A re-load of known files builds nothing. Whoever
    needs the extractor first waits for this build rather than starting a second one.
    """
    global _warming

    def work() -> None:
        with contextlib.suppress(Exception):  # only a head start: the load reports any problem itself
            if force or _has_unknown_files(paths, settings):
                default_extractor()

    if _warming is None:
        _warming = threading.Thread(target=work, name="govkg-warm-extractor", daemon=True)
        _warming.start()


def finish_warming() -> None:
    """Wait for the thread warm_extractor started (a fork must not copy a half-built extractor)."""
    if _warming is not None:
        _warming.join()


def _has_unknown_files(paths: Sequence[str | Path], settings: Settings) -> bool:
    manifest = LoadManifest(manifest_path(settings))
    for path, refused in iter_files(paths, follow_links=settings.follow_links):
        stamp = FileStamp.of(path) if refused is None else None
        if refused is None and (stamp is None or not manifest.ids(stamp)):
            return True
    return False


def manifest_path(settings: Settings) -> Path:
    """The load manifest for the store in force (beside its journal)."""
    return journal_path(settings).with_name(journal_path(settings).name.replace("journal", "manifest"))


def default_jobs() -> int:
    """Worker processes for extraction by default: the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# What one extraction gave: the Extraction (prepared for writing, from a worker), or
# ("rejected" | "failed", reason). Plain data, so that it crosses process boundaries without
# pickling exception objects.
_Outcome = Extraction | PreparedReport | tuple[str, str]


def _extract_one(ex: Extractor, doc: Document, time_limit: float) -> _Outcome:
    try:
        return ex.extract(doc, time_limit=time_limit)
    except ExtractionTimeout as exc:  # the file itself is the problem: a rejection, not a failure
        return ("rejected", str(exc))
    except Exception as exc:  # one report's failure must not abort the load
        return ("failed", f"extraction failed: {type(exc).__name__}: {exc}")


_worker: tuple[Extractor, float, bool] | None = None


def _worker_init(settings: Settings) -> None:
    global _worker
    _die_with_parent()
    # the embedded store indexes evidence beside the graph: its sentence rows need no bigrams
    _worker = (extractor_for(settings), settings.extract_timeout, not is_embedded(settings.store))
    settle()  # forked: the parent's tables are frozen already; spawned: this worker's own


def _die_with_parent() -> None:
    """End this worker when the loader that started it ends, even by kill -9: a worker left
    behind would hold the loader's inherited files (the store's lock) and never exit."""
    parent = os.getppid()
    if sys.platform == "linux":
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills us with our parent
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:  # elsewhere (and as a second guard): look every second
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="govkg-parent-watch", daemon=True).start()


def _worker_extract(doc: Document) -> _Outcome:
    assert _worker is not None, "worker process not initialised"
    outcome = _extract_one(_worker[0], doc, _worker[1])
    if not isinstance(outcome, Extraction):
        return outcome
    try:
        # the write rows are built here, beside the extraction, so that the one writing process
        # (the load's bottleneck: it merges, sends and waits on the store) only merges them; it
        # needs the report beside them (to journal it), not the extraction's lists again
        prepared = prepare(outcome, _worker[2])
        return replace(
            prepared, extraction=Extraction(report=outcome.report, subject_region=outcome.subject_region)
        )
    except Exception as exc:
        return ("failed", f"preparing the write failed: {type(exc).__name__}: {exc}")


def _pool(settings: Settings, jobs: int) -> ProcessPoolExecutor:
    # On Linux workers are forked: they start at once and share the loaded gazetteer and
    # automata copy-on-write (they only extract; they never touch the store or the terminal).
    # Elsewhere they are spawned and build their own extractor.
    method = "fork" if sys.platform == "linux" else "spawn"
    finish_warming()
    settle()  # frozen before the fork: the workers' collectors never touch (and so copy) them
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(settings,))


class _Loader:
    """Collects extractions into groups and writes them with the journal's guarantees."""

    def __init__(self, store: GraphStore, journal: LoadJournal, settings: Settings, group: int) -> None:
        self.store = store
        self.journal = journal
        self.settings = settings
        self.group = group
        self.summary = LoadSummary()
        self.pending: dict[str, Extraction | PreparedReport] = {}
        self.seen: set[str] = set()  # report ids taken in this load (a duplicate file is skipped)

    def accept(self, doc: Document, force: bool) -> bool:
        """Count one document read; whether it is to be extracted (not loaded, not seen in this load)."""
        self.summary.read += 1
        if "guessed" in doc.meta.get("note", ""):
            self.summary.guessed.append(Rejected(doc.source, doc.meta["note"]))
        if doc.id in self.seen or (not force and already_loaded(self.store, self.journal, doc.id)):
            self.summary.skipped += 1
            return False
        self.seen.add(doc.id)
        return True

    def take(self, doc: Document, outcome: _Outcome) -> None:
        """Queue one extraction for writing (a full group is written), or record why there is none."""
        if isinstance(outcome, Extraction | PreparedReport):
            self.pending[doc.id] = outcome
            if len(self.pending) >= self.group:
                self.flush()
            return
        kind, reason = outcome
        rej = Rejected(doc.source, reason)
        if kind == "rejected":
            self.summary.rejected.append(rej)
            record_rejection(self.settings, rej)
        else:
            self.summary.failed.append(rej)

    def flush(self) -> None:
        """Write the queued reports as one group, or one by one if the group fails."""
        batch = list(self.pending.values())
        self.pending.clear()
        if not batch:
            return
        try:
            write_extractions(
                self.store, batch, self.settings.batch_size, group=len(batch), on_group=self._done
            )
        except Exception:
            for one in batch:
                try:
                    write_extractions(self.store, [one], self.settings.batch_size, on_group=self._done)
                except Exception as exc:
                    reason = f"writing failed: {type(exc).__name__}: {exc}"
                    ex = one.extraction if isinstance(one, PreparedReport) else one
                    self.summary.failed.append(Rejected(ex.report.source, reason))

    def index_evidence(self) -> None:
        """Bring a store's evidence index up to what this load wrote, so that the first search after
        it is quick; a failure only leaves that work to the first search."""
        refresh = getattr(self.store, "refresh_evidence", None)
        if not self.summary.loaded or not callable(refresh):
            return
        try:
            refresh()
        except (sqlite3.Error, OSError, StoreError, QueryError) as exc:
            log.warning("indexing the loaded evidence for search failed (the first search will): %s", exc)

    def _done(self, written: Sequence[Extraction], stats: WriteStats) -> None:
        self.journal.mark_all_done(
            ((one.report.id, one.report.source) for one in written), stats if len(written) == 1 else None
        )
        self.summary.loaded += len(written)
        self.summary.nodes_created += stats.nodes_created
        self.summary.edges_created += stats.edges_created
