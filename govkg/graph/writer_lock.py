"""One writer per data directory: a lock file naming its holder, waited for (bounded) or refused.

A load writes a report in several statements and keeps aggregates up to date as it goes; a
second writer interleaving with it, or a start-up repair deleting the reports it is still
writing, would corrupt both. So `govkg load`, `KnowledgeGraph.clear`, the API's write routes
and the start-up repair of incomplete reports each hold ``writer.lock`` in the data directory
(an exclusive ``flock``, released by the kernel when its holder dies, even by kill -9). The
file names the holder's pid and what it is doing, for the message another writer gets.
Readers never take it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from govkg.graph.store import StoreError

WRITER_LOCK_NAME = "writer.lock"
WAIT_LOG_AFTER = 1.0
_POLL = 0.1

log = logging.getLogger(__name__)


class WriterBusy(StoreError):
    """Another process holds the data directory's writer lock (the message names its pid)."""

    def __init__(self, message: str, holder: str) -> None:
        super().__init__(message)
        self.holder = holder


# (lock path, thread id) -> [descriptor, depth]: a thread already holding the lock may take it
# again (`govkg load --fresh` clears, then loads); other threads and processes wait.
_HELD: dict[tuple[str, int], list[int]] = {}
_HELD_LOCK = threading.Lock()


def _drop_inherited() -> None:
    # A forked child (an extraction worker) must not keep the lock alive after its parent died.
    for fd, _ in list(_HELD.values()):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_drop_inherited)


def holder(data_dir: Path) -> str:
    """Who holds (or last held) the writer lock: "pid N (what, since T)", or "unknown"."""
    try:
        text = (Path(data_dir) / WRITER_LOCK_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"
    parts = text.split("\t")
    if len(parts) != 3:
        return "unknown"
    pid, what, since = parts
    return f"pid {pid} ({what}, since {since})"


@contextlib.contextmanager
def writer_lock(data_dir: Path, what: str, wait: float) -> Iterator[None]:
    """Hold the data directory's writer lock while the block runs.

    Waits up to ``wait`` seconds for another holder (logging once whom it waits for), then
    raises WriterBusy naming the holder's pid; ``wait=0`` refuses at once.
    """
    path = Path(data_dir) / WRITER_LOCK_NAME
    key = (str(path), threading.get_ident())
    with _HELD_LOCK:
        held = _HELD.get(key)
        if held is not None:
            held[1] += 1
    if held is not None:
        try:
            yield
        finally:
            with _HELD_LOCK:
                held[1] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        _acquire(fd, Path(data_dir), what, wait)
        with _HELD_LOCK:
            _HELD[key] = [fd, 1]
        try:
            os.ftruncate(fd, 0)
            stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            os.pwrite(fd, f"{os.getpid()}\t{what}\t{stamp}\n".encode(), 0)
            yield
        finally:
            with _HELD_LOCK:
                _HELD.pop(key, None)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, data_dir: Path, what: str, wait: float) -> None:
    start = time.monotonic()
    logged = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            waited = time.monotonic() - start
            if waited >= wait:
                who = holder(data_dir)
                raise WriterBusy(
                    f"another govkg process is writing to the graph in {data_dir}: {who}; "
                    + (f"still writing after {waited:.0f} s (GOVKG_WRITER_WAIT); " if wait > 0 else "")
                    + f"retry when it is done ({what} not started)",
                    who,
                ) from None
            if waited >= WAIT_LOG_AFTER and not logged:
                log.warning(
                    "waiting for another govkg process writing to the graph in %s: %s "
                    "(up to %.0f s, GOVKG_WRITER_WAIT)",
                    data_dir,
                    holder(data_dir),
                    wait,
                )
                logged = True
            time.sleep(_POLL)
