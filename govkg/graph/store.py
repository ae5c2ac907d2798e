"""The GraphStore protocol every backend implements, and open_store(uri)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from govkg.config import Settings

Row = dict[str, Any]


class StoreError(RuntimeError):
    """The store could not be reached or started; the message says why and what to do."""


class QueryError(ValueError):
    """The engine refused a query (syntax error, write in a read-only call, timeout)."""


@runtime_checkable
class GraphStore(Protocol):
    """A graph database govkg can write to and query with catalog Cypher.

    Results are always plain Python values (dicts, lists, str, int, float, bool,
    None), never driver objects.
    """

    dialect: str  # "neo4j" | "falkordb": picks `<name>.<dialect>.cypher` overrides

    def ensure_schema(self) -> None:
        """Create constraints and indexes idempotently."""

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """Run a read-only query; a write attempt raises QueryError."""

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one write statement atomically (retried on transient errors where the engine allows)."""

    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]:
        """Run one write statement; its rows and the engine's counters (nodes_created, ...)."""

    def ping(self) -> bool:
        """True when the store answers."""

    def clear(self) -> None:
        """Delete every node and relationship (tests and `govkg load --fresh`)."""

    def close(self) -> None:
        """Release connections and stop anything this store started."""


def is_embedded(uri: str) -> bool:
    """Whether a ``settings.store`` value names the embedded (FalkorDB) store."""
    return uri in ("falkordb", "embedded", "") or uri.startswith("falkordb:")


def open_store(settings: Settings) -> GraphStore:
    """Open the store named by ``settings.store``: ``falkordb`` (embedded) or a neo4j URI."""
    uri = settings.store
    if is_embedded(uri):
        from govkg.graph.falkor_store import FalkorStore

        return FalkorStore.from_settings(settings)
    if uri.startswith(("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")):
        from govkg.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    raise StoreError(
        f"unknown store {uri!r}: use 'falkordb' (embedded, the default) or a Neo4j URI "
        "such as neo4j://localhost:7687 or bolt://localhost:7687"
    )
