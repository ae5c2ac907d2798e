"""Neo4j 5.x / 2025.x through the official ``neo4j`` driver, behind the GraphStore protocol.

Writes run in managed write transactions (``session.execute_write``): the driver
retries the whole transaction function on transient failures (deadlocks, leader
switches, lost connections) with exponential back-off for up to
``max_transaction_retry_time`` (30 s by default), so a transaction function must be
idempotent — govkg's writes are single ``UNWIND … MERGE`` statements, which are.
Reads run in managed read transactions (``session.execute_read``), which Neo4j
refuses to write in, with the per-call timeout set through ``neo4j.unit_of_work``
(the driver only accepts ``neo4j.Query(text, timeout=…)`` in ``session.run``).
Every session shares the driver's bookmark manager, so a read sees earlier writes
even on a cluster.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j import graph as neo4j_graph
from neo4j import spatial as neo4j_spatial
from neo4j import time as neo4j_time

from govkg.graph import model
from govkg.graph.store import QueryError, Row, StoreError

if TYPE_CHECKING:
    from govkg.config import Settings

NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")

NAME_INDEX = "govkg_names"
EVIDENCE_INDEX = "govkg_sentences"

_CJK = "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
_FULLTEXT_LABELS = "|".join(model.FULLTEXT)
_FULLTEXT_PROPS = ", ".join(f"n.{p}" for p in sorted({p for ps in model.FULLTEXT.values() for p in ps}))

# Derived from govkg.graph.model so the two cannot drift apart.
SCHEMA_DDL: tuple[str, ...] = (
    *(f"DROP INDEX {label.lower()}_{prop} IF EXISTS" for label, prop in model.OBSOLETE_INDEXES),
    *(
        f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        for label, key in model.UNIQUE_KEYS.items()
    ),
    *(
        f"CREATE RANGE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, props in model.INDEXED.items()
        for prop in props
    ),
    # Full-text indexes take STRING and LIST<STRING> properties, so aliases are searchable too.
    f"CREATE FULLTEXT INDEX {NAME_INDEX} IF NOT EXISTS "
    f"FOR (n:{_FULLTEXT_LABELS}) ON EACH [{_FULLTEXT_PROPS}] {_CJK}",
    # Evidence sentences: their character bigrams, split on spaces (see model.sentence_grams).
    f"CREATE FULLTEXT INDEX {EVIDENCE_INDEX} IF NOT EXISTS "
    f"FOR (n:Sentence) ON EACH [{', '.join(f'n.{p}' for p in model.SENTENCE_FULLTEXT)}] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
)

# Wait until new indexes are ONLINE, so the first full-text query after start sees them.
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"
_GENERATION_PROBE = "RETURN 1"

_CLEAR_BATCH = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted"

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """Turn a driver value into plain Python: nodes and relationships become property dicts."""
    if isinstance(value, neo4j_graph.Node | neo4j_graph.Relationship):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [to_plain(n) for n in value.nodes],
            "relationships": [to_plain(r) for r in value.relationships],
        }
    if isinstance(value, neo4j_time.Date | neo4j_time.DateTime | neo4j_time.Time | neo4j_time.Duration):
        return value.iso_format()
    if isinstance(value, neo4j_spatial.Point):
        return {"srid": value.srid, "coordinates": [float(c) for c in value]}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def record_to_row(record: neo4j.Record) -> Row:
    """One result record as a dict keyed by the RETURN column names."""
    return {key: to_plain(record[key]) for key in record.keys()}  # noqa: SIM118


def _consume(tx: neo4j.ManagedTransaction, query: str, params: Mapping[str, Any]) -> list[Row]:
    # The result must be read inside the transaction function: it is gone once it returns.
    result = tx.run(query, parameters=dict(params))
    return [record_to_row(record) for record in result]


@contextmanager
def _memory_is_final() -> Iterator[None]:
    """Turn "over the transaction memory cap" into a QueryError inside a transaction function.

    Neo4j reports it as a transient error, which the driver would retry for up to 30 s; the
    same query would only hit the cap again.
    """
    try:
        yield
    except neo4j_errors.TransientError as exc:
        if "MemoryPoolOutOfMemory" not in (exc.code or ""):
            raise
        raise QueryError(
            f"the query needs more memory than the server allows one transaction "
            f"(db.memory.transaction.max): {exc.message}"
        ) from exc


# The counters run_write_stats reports, named as in FalkorDB's statistics and neo4j's SummaryCounters.
STAT_NAMES = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)


def _consume_with_stats(
    tx: neo4j.ManagedTransaction, query: str, params: Mapping[str, Any]
) -> tuple[list[Row], dict[str, int]]:
    result = tx.run(query, parameters=dict(params))
    rows = [record_to_row(record) for record in result]
    counters = result.consume().counters
    return rows, {name: int(getattr(counters, name)) for name in STAT_NAMES}


log = logging.getLogger(__name__)

# The server settings that cap what one transaction, and all of them, may take of the heap.
MEMORY_CAPS = ("db.memory.transaction.max", "dbms.memory.transaction.total.max")
_SHOW_MEMORY_CAPS = "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value"


class _Enough(Exception):
    """Raised inside a read transaction to stop streaming once enough rows have arrived."""


class Neo4jStore:
    """A GraphStore on a Neo4j server reached with the official Bolt driver."""

    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "neo4j",
        database: str | None = None,
        *,
        driver: neo4j.Driver | None = None,
    ) -> None:
        """Connect lazily to ``uri``; pass ``driver`` to reuse (or, in tests, fake) one."""
        if not uri.startswith(NEO4J_SCHEMES):
            raise StoreError(
                f"{uri!r} is not a Neo4j URI: use neo4j://, neo4j+s://, bolt:// (or +s/+ssc variants)"
            )
        self.uri = uri
        self.user = user
        self.database = database
        if driver is None:
            try:
                driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            except (neo4j_errors.ConfigurationError, ValueError) as exc:
                raise StoreError(f"cannot configure a Neo4j driver for {uri}: {exc}") from exc
        self._driver = driver

    @classmethod
    def from_settings(cls, settings: Settings, *, verify: bool = True) -> Neo4jStore:
        """Open the store the settings name (GOVKG_STORE; GOVKG_NEO4J_URI is its old alias) and check it."""
        uri = settings.effective_store()
        if not uri.startswith(NEO4J_SCHEMES):
            uri = settings.neo4j_uri or ""
        if not uri:
            raise StoreError("no Neo4j URI configured: set GOVKG_STORE=neo4j://host:7687")
        store = cls(uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)
        if verify:
            with store._translate_errors():
                store._driver.verify_connectivity()
            store.warn_without_memory_caps()
        return store

    def memory_caps(self) -> dict[str, str]:
        """The server's transaction memory caps (MEMORY_CAPS; '0B' means none), empty if unreadable."""
        try:
            rows = self.run_read(_SHOW_MEMORY_CAPS, {"names": list(MEMORY_CAPS)})
        except (QueryError, StoreError):
            return {}  # a user without the SHOW SETTINGS privilege, or an older server
        return {str(r["name"]): str(r["value"]) for r in rows}

    def warn_without_memory_caps(self) -> bool:
        """Log a warning when the server caps no transaction's memory; True when it warned."""
        caps = self.memory_caps()
        if not caps or caps.get(MEMORY_CAPS[0], "0B") not in ("0B", "0", ""):
            return False
        log.warning(
            "Neo4j at %s caps no transaction's memory (db.memory.transaction.max is %s): one "
            "/cypher query can take its whole heap; set it (and dbms.memory.transaction.total.max), "
            "see docs/neo4j.md",
            self.uri, caps.get(MEMORY_CAPS[0], "unset"),
        )  # fmt: skip
        return True

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        """Map driver exceptions onto StoreError (server side trouble) and QueryError (the query)."""
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise StoreError(
                f"Neo4j at {self.uri} refused the credentials of user {self.user!r}: "
                f"check GOVKG_NEO4J_USER / GOVKG_NEO4J_PASSWORD ({exc.message})"
            ) from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise StoreError(
                f"Neo4j at {self.uri} is unreachable ({exc}); start it, e.g. "
                "`docker compose -f docker/docker-compose.yml up --wait neo4j`, or fix GOVKG_STORE"
            ) from exc
        except neo4j_errors.ClientError as exc:
            raise QueryError(exc.message or str(exc)) from exc
        except neo4j_errors.Neo4jError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise QueryError(exc.message or str(exc)) from exc
            raise StoreError(f"Neo4j at {self.uri} failed: {exc.code}: {exc.message}") from exc
        except neo4j_errors.DriverError as exc:
            raise StoreError(f"Neo4j driver error talking to {self.uri}: {exc}") from exc

    def _in_session(self, work: Callable[[neo4j.Session], T], access: str = neo4j.WRITE_ACCESS) -> T:
        with self._translate_errors():
            session = self._driver.session(
                database=self.database,
                default_access_mode=access,
                bookmark_manager=self._driver.execute_query_bookmark_manager,
            )
            with session:
                return work(session)

    def ensure_schema(self) -> None:
        """Drop indexes the model no longer has, create constraints, name indexes and CJK full-text
        indexes (idempotently); wait until online."""
        for statement in SCHEMA_DDL:
            # Schema commands cannot share a transaction with data writes; one each.
            self.run_write(statement)
        self.run_write(AWAIT_INDEXES)

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """Run a query in a read transaction (Neo4j refuses writes there), optionally time-limited."""
        bound = dict(params or {})

        def read(tx: neo4j.ManagedTransaction) -> list[Row]:
            with _memory_is_final():
                return _consume(tx, query, bound)

        work = neo4j.unit_of_work(timeout=timeout)(read) if timeout is not None else read
        return self._in_session(lambda session: session.execute_read(work))

    def read_at_most(
        self, query: str, params: Mapping[str, Any] | None, timeout: float | None, max_rows: int
    ) -> list[Row]:
        """Like run_read, but stream and stop after ``max_rows`` rows (the rest is never sent).

        Records arrive in batches (the driver's fetch size); once enough are read the
        transaction is rolled back, which ends the query on the server.
        """
        bound = dict(params or {})
        rows: list[Row] = []

        def read(tx: neo4j.ManagedTransaction) -> list[Row]:
            rows.clear()  # a retried transaction starts again
            with _memory_is_final():
                for record in tx.run(query, parameters=bound):
                    rows.append(record_to_row(record))
                    if len(rows) >= max_rows:
                        raise _Enough
            return rows

        work = neo4j.unit_of_work(timeout=timeout)(read) if timeout is not None else read
        try:
            return self._in_session(lambda session: session.execute_read(work))
        except _Enough:
            return rows

    def explain(self, query: str, params: Mapping[str, Any] | None = None) -> list[str]:
        """The planner's plan for a read query, one line per operator (indented), without running it."""
        bound = dict(params or {})
        explained = "EXPLAIN\n" + query  # the caller's own query text, prefixed: no value is spliced

        def plan(tx: neo4j.ManagedTransaction) -> list[str]:
            summary = tx.run(explained, parameters=bound).consume()
            lines: list[str] = []

            def walk(op: Mapping[str, Any], depth: int) -> None:
                args = op.get("args") or {}
                details = args.get("Details") or ""
                lines.append(
                    "    " * depth + str(op.get("operatorType", "?")) + (f" | {details}" if details else "")
                )
                for child in op.get("children") or []:
                    walk(child, depth + 1)

            if summary.plan:
                walk(summary.plan, 0)
            return lines

        return self._in_session(lambda session: session.execute_read(plan))

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one statement in a managed write transaction, retried by the driver on transient errors."""
        bound = dict(params or {})

        def write(tx: neo4j.ManagedTransaction) -> list[Row]:
            return _consume(tx, query, bound)

        return self._in_session(lambda session: session.execute_write(write))

    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]:
        """Run one write statement like run_write; its rows and its counters (nodes_created, ...)."""
        bound = dict(params or {})

        def write(tx: neo4j.ManagedTransaction) -> tuple[list[Row], dict[str, int]]:
            return _consume_with_stats(tx, query, bound)

        return self._in_session(lambda session: session.execute_write(write))

    def generation(self) -> int | None:
        """A number that changes with every transaction committed to the database, by any client
        (Neo4j Browser too): answers computed after reading it are right while it has not changed.
        None if unreadable.

        It is the bookmark the server gives at the end of a read transaction, which names the last
        transaction the read could see (one round trip, ~2 ms here; Community has no counter to
        read, and `SHOW DATABASES … lastCommittedTxn` is empty outside a cluster). The session uses
        the store's bookmark manager, so later reads wait for that transaction on any cluster
        member: an answer is never older than the generation it is kept under."""

        def probe(session: neo4j.Session) -> list[str]:
            session.run(_GENERATION_PROBE).consume()  # auto-commit: one round trip fewer
            return sorted(session.last_bookmarks().raw_values)

        try:
            marks = self._in_session(probe, neo4j.READ_ACCESS)
        except (StoreError, QueryError, OSError):
            return None
        if not marks:
            return None
        digest = hashlib.blake2b("\n".join(marks).encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def ping(self) -> bool:
        """True when the server accepts a connection with these credentials."""
        try:
            self._driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
            return False
        return True

    def clear(self) -> None:
        """Delete every node and relationship, in batches so huge graphs do not exhaust memory."""
        while True:
            rows = self.run_write(_CLEAR_BATCH)
            if not rows or int(rows[0]["deleted"]) == 0:
                return

    def close(self) -> None:
        """Close the driver and its connection pool."""
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        """Use the store as a context manager that closes it."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on leaving the block."""
        self.close()
