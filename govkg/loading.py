"""Loading reports: files -> documents -> extractions -> graph, one report at a time.

A broken file is rejected with a one-line reason (in the summary and in
``<data dir>/rejected.jsonl``) and the load goes on. A report is journalled as done
only after all its statements succeeded, and it is skipped on a later load only when
the journal says done *and* the store holds its Report node (written last), so a
report cut off half-way, or lost by the store, is written again in full.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from govkg.config import Settings
from govkg.graph.journal import LoadJournal
from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extraction
from govkg.loaders.documents import Document, DocumentError, iter_documents
from govkg.loaders.extract import Extractor, extractor_for

_REPORT_EXISTS = "MATCH (r:Report {id: $id}) RETURN r.id AS id"


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
    with (settings.data_dir / "rejected.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def load_paths(
    store: GraphStore,
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    force: bool = False,
    extractor: Extractor | None = None,
    on_document: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Load every report under ``paths`` into ``store``; never stops on one bad file."""
    settings.ensure_data_dir()
    journal = LoadJournal(journal_path(settings))
    ex = extractor or extractor_for(settings)
    summary = LoadSummary()
    started = time.perf_counter()
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            rej = Rejected(item.path, item.reason)
            summary.rejected.append(rej)
            record_rejection(settings, rej)
            if on_document:
                on_document(item.path)
            continue
        summary.read += 1
        _load_one(store, item, journal, ex, settings, summary, force)
        if on_document:
            on_document(item.source)
    summary.seconds = time.perf_counter() - started
    return summary


def _load_one(
    store: GraphStore,
    doc: Document,
    journal: LoadJournal,
    ex: Extractor,
    settings: Settings,
    summary: LoadSummary,
    force: bool,
) -> None:
    if not force and journal.done(doc.id) and store.run_read(_REPORT_EXISTS, {"id": doc.id}):
        summary.skipped += 1
        return
    try:
        extraction = ex.extract(doc)
    except Exception as exc:  # one report's failure must not abort the load
        summary.failed.append(Rejected(doc.source, f"extraction failed: {type(exc).__name__}: {exc}"))
        return
    try:
        stats = write_extraction(store, extraction, batch_size=settings.batch_size)
    except Exception as exc:
        summary.failed.append(Rejected(doc.source, f"writing failed: {type(exc).__name__}: {exc}"))
        return
    journal.mark_done(doc.id, doc.source, stats)
    summary.loaded += 1
    summary.nodes_created += stats.nodes_created
    summary.edges_created += stats.edges_created
