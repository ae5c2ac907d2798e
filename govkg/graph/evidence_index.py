"""Evidence search for the embedded store: the evidence sentences' character bigrams in a SQLite
full-text (FTS5) index kept on disk beside the graph, brought up to date from the graph itself.

FalkorDB rebuilds every index from the stored properties each time its server starts, and its
full-text index has no n-gram tokenizer: a bigram property and its index held ~100 MB of a 20k-report
store's memory and ~5 s of every start (docs/performance.md). This index is derived data. It records
which complete reports it holds (with the time each was loaded) and the store's write generation it
last saw; when the generation has moved (a write from any process), the next search compares the
report lists, indexes the new reports' sentences and drops those of reports that are gone. A crash,
a deleted report or a lost file therefore costs at most re-indexing, never a wrong answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from govkg.graph.model import sentence_grams

log = logging.getLogger(__name__)

# Reports whose sentences one graph query reads while indexing, and ids per SQLite statement.
REPORT_BATCH = 500
# Up to this many sentences holding every bigram of a search are sorted; with more, the sentences
# are read in the search's order until enough are found (both cost at most ~sqrt(limit x total)).
SORT_AT_MOST = 5000
# Searches remembered per index (a page of search results asks twice: a count, then the page).
REMEMBERED = 64
SCHEMA_VERSION = "1"
# How long a refresh waits for another process's refresh of the same file.
BUSY_WAIT_MS = 120_000

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, stamp TEXT NOT NULL)",
    # text is the sentence folded to simplified characters and lower-cased: what a search matches
    "CREATE TABLE IF NOT EXISTS sentences (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
    "report_id TEXT NOT NULL, pos INTEGER NOT NULL, facts INTEGER NOT NULL, text TEXT NOT NULL, "
    "grams TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sentences_report ON sentences (report_id)",
    # the order searches list sentences in: a common word's first page is found without sorting
    "CREATE INDEX IF NOT EXISTS sentences_rank ON sentences (facts DESC, report_id, pos)",
    # an external-content index: the bigrams are stored once, in sentences
    "CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(grams, content='sentences', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')",
)

COMPLETE_REPORTS = "MATCH (r:Report) WHERE r.complete = true RETURN r.id AS id, r.loaded_at AS stamp"
REPORT_SENTENCES = """
UNWIND $ids AS rid
MATCH (s:Sentence {report_id: rid})
RETURN s.id AS id, s.report_id AS report_id, s.offset AS pos, coalesce(s.facts, 0) AS facts,
       coalesce(s.folded, s.text) AS text
"""
# Without a usable index file (a data directory it cannot write, say) the sentences are scanned.
SCAN = """
MATCH (s:Sentence)
WHERE toLower(coalesce(s.folded, s.text)) CONTAINS $q
WITH s
ORDER BY coalesce(s.facts, 0) DESC, s.report_id, s.offset
LIMIT $cap
RETURN s.id AS id
"""


# A report list travels as one JSON array parameter.
_DROP = (
    "INSERT INTO search(search, rowid, grams) SELECT 'delete', rowid, grams FROM sentences "
    "WHERE report_id IN (SELECT value FROM json_each(?))",
    "DELETE FROM sentences WHERE report_id IN (SELECT value FROM json_each(?))",
    "DELETE FROM reports WHERE id IN (SELECT value FROM json_each(?))",
)
# The sentences holding every bigram of a search (the temporary table hits), then those holding
# the text itself in the search's order: few hits are sorted, many are read in the rank index's
# order until enough are found. A text of one character has no bigram: every sentence is read.
_HITS = "INSERT INTO hits SELECT rowid FROM search WHERE search MATCH ?"
_SORTED = (
    "SELECT s.id FROM hits JOIN sentences s ON s.rowid = hits.rowid WHERE instr(s.text, ?) > 0 "
    "ORDER BY s.facts DESC, s.report_id, s.pos LIMIT ?"
)
_IN_ORDER = (
    "SELECT s.id FROM sentences s INDEXED BY sentences_rank WHERE s.rowid IN hits "
    "AND instr(s.text, ?) > 0 ORDER BY s.facts DESC, s.report_id, s.pos LIMIT ?"
)
_EVERY = (
    "SELECT s.id FROM sentences s INDEXED BY sentences_rank WHERE instr(s.text, ?) > 0 "
    "ORDER BY s.facts DESC, s.report_id, s.pos LIMIT ?"
)


class _Store(Protocol):
    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[dict[str, Any]]: ...


def match_expression(needle: str) -> str:
    """The FTS5 query for sentences holding every bigram of ``needle`` (letters and digits only)."""
    return " ".join('"' + g.replace('"', '""') + '"' for g in sentence_grams(needle).split())


def _chunks(items: Sequence[str], size: int = REPORT_BATCH) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def index_path(data_dir: Path, graph_name: str) -> Path:
    """Where the evidence index of graph ``graph_name`` lives in a data directory (a name that is
    not a plain file name is hashed)."""
    safe = graph_name if re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", graph_name) else None
    return data_dir / f"evidence-{safe or hashlib.sha1(graph_name.encode()).hexdigest()[:16]}.sqlite"


class EvidenceIndex:
    """The evidence sentences of one graph, searchable by substring, in an SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()  # one refresh at a time in this process
        self._found: dict[tuple[str, str], tuple[int, list[str]]] = {}  # (version, needle) -> cap, ids

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            try:
                db = self._open()
            except sqlite3.DatabaseError as exc:
                # derived data: a file that is not this index (damaged, or another version's) is
                # removed and indexed anew from the graph; an error again is the caller's
                log.warning("evidence index %s unreadable (%s): indexing anew", self.path, exc)
                self._remove_files()
                db = self._open()
            self._local.db = db
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=BUSY_WAIT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # derived data: a lost last transaction is re-indexed, so no fsync per commit
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA temp_store=MEMORY")
            db.execute("PRAGMA cache_size=-1024")  # 1 MiB per connection (one per API thread)
            version = self._schema(db)
            if version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"version {version}, not {SCHEMA_VERSION}")
        except BaseException:
            db.close()
            raise
        return db

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    @staticmethod
    def _schema(db: sqlite3.Connection) -> str:
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
            (version,) = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return str(version)

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def _seen(self, db: sqlite3.Connection) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return None if row is None else str(row[0])

    def refresh(self, store: _Store, version: str | None, wait: bool = True) -> int:
        """Bring the index up to the graph's complete reports; how many reports it added or dropped.

        ``version`` names the graph's state (the store's server and its write generation): an index
        that last saw the same version is up to date; None always compares the report lists. With
        ``wait=False`` (a search) an index another process is bringing up to date is left to it: the
        search reads what is there rather than waiting. Another thread of this process is waited for:
        it brings the index to the version this search reads (a first search beside it would
        otherwise read an index still empty)."""
        db = self._db()
        if version is not None and self._seen(db) == version:
            return 0
        self._lock.acquire()
        try:
            if not self._begin_write(db, wait):
                return 0
            try:
                if version is not None and self._seen(db) == version:
                    db.execute("ROLLBACK")
                    return 0
                changed = self._catch_up(db, store)
                if version is not None:
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (version,))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        finally:
            self._lock.release()
        return changed

    @staticmethod
    def _begin_write(db: sqlite3.Connection, wait: bool) -> bool:
        """Take the file's write lock (one refresh at a time across processes); False when another
        process holds it and ``wait`` is False."""
        if wait:
            db.execute("BEGIN IMMEDIATE")
            return True
        db.execute("PRAGMA busy_timeout=0")
        try:
            db.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError:  # locked: another process is indexing
            return False
        finally:
            db.execute(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")

    def _catch_up(self, db: sqlite3.Connection, store: _Store) -> int:
        graph = {str(r["id"]): str(r["stamp"]) for r in store.run_read(COMPLETE_REPORTS)}
        held = dict(db.execute("SELECT id, stamp FROM reports").fetchall())
        gone = [rid for rid, stamp in held.items() if graph.get(rid) != stamp]
        new = sorted(rid for rid, stamp in graph.items() if held.get(rid) != stamp)
        for ids in _chunks(gone):
            self._drop(db, ids)
        for ids in _chunks(new):
            self._add(db, store.run_read(REPORT_SENTENCES, {"ids": list(ids)}))
            db.executemany("INSERT INTO reports VALUES (?, ?)", [(rid, graph[rid]) for rid in ids])
        if gone or new:
            log.info("evidence index %s: %d report(s) added, %d dropped", self.path, len(new), len(gone))
        return len(gone) + len(new)

    @staticmethod
    def _drop(db: sqlite3.Connection, ids: Sequence[str]) -> None:
        for statement in _DROP:
            db.execute(statement, (json.dumps(list(ids)),))

    @staticmethod
    def _add(db: sqlite3.Connection, rows: Iterable[Mapping[str, Any]]) -> None:
        first = db.execute("SELECT coalesce(max(rowid), 0) FROM sentences").fetchone()[0] + 1

        def values(i: int, r: Mapping[str, Any]) -> tuple[Any, ...]:
            text = str(r["text"]).lower()
            return (first + i, str(r["id"]), str(r["report_id"]), int(r["pos"]), int(r["facts"]), text)

        db.executemany(
            "INSERT INTO sentences (rowid, id, report_id, pos, facts, text, grams) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*v, sentence_grams(v[5])) for v in (values(i, r) for i, r in enumerate(rows))],
        )
        db.execute(
            "INSERT INTO search(rowid, grams) SELECT rowid, grams FROM sentences WHERE rowid >= ?", (first,)
        )

    def find(self, needle: str, cap: int) -> list[str]:
        """Ids of up to ``cap`` indexed sentences containing ``needle`` (folded, lower case, letters
        and digits), most facts first, then by report and position. Answers are remembered for the
        graph version the index holds."""
        if not needle:
            return []
        version = self._seen(self._db())
        key = (version or "", needle)
        known = self._found.get(key) if version is not None else None
        if known is not None and known[0] >= cap:
            return known[1][:cap]
        ids = self._search(needle, cap)
        if version is not None:
            if len(self._found) >= REMEMBERED:
                self._found.clear()
            self._found[key] = (cap, ids)
        return ids

    def _search(self, needle: str, cap: int) -> list[str]:
        db = self._db()
        if len(needle) < 2:  # no bigram to look up: every sentence is read, in order
            return [str(r[0]) for r in db.execute(_EVERY, (needle, cap))]
        db.execute("CREATE TEMP TABLE IF NOT EXISTS hits (rowid INTEGER PRIMARY KEY)")
        db.execute("BEGIN")
        try:
            db.execute("DELETE FROM hits")
            found = db.execute(_HITS, (match_expression(needle),)).rowcount
            query = _SORTED if found <= SORT_AT_MOST else _IN_ORDER
            ids = [str(r[0]) for r in db.execute(query, (needle, cap))]
        finally:
            db.execute("ROLLBACK")  # the hits are this search's alone
        return ids

    def reset(self) -> None:
        """Forget everything indexed (the next refresh indexes the graph anew)."""
        db = self._db()
        with self._lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("INSERT INTO search(search) VALUES ('delete-all')")
                db.execute("DELETE FROM sentences")
                db.execute("DELETE FROM reports")
                db.execute("DELETE FROM meta WHERE key = 'generation'")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise


def evidence_ids(
    index: EvidenceIndex | None, store: _Store, version: str | None, needle: str, cap: int
) -> list[str]:
    """Sentence ids containing ``needle``, from the index brought up to the graph's ``version``
    (see EvidenceIndex.refresh), else by a scan of the graph's sentences (no usable index file:
    the answer is the same, only slower)."""
    if index is not None:
        try:
            index.refresh(store, version, wait=False)
            return index.find(needle, cap)
        except (sqlite3.Error, OSError) as exc:
            log.warning("evidence index %s unusable (%s): scanning the sentences instead", index.path, exc)
    return [str(r["id"]) for r in store.run_read(SCAN, {"q": needle, "cap": cap})]
