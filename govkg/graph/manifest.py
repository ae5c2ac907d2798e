"""The load manifest: which report ids a file held when it was last loaded in full.

One JSON line per file (path, size, mtime in ns, report ids), appended after the load that
wrote all of the file's reports; the last line for a path wins. A later load skips a file
without reading it when its size and mtime are unchanged, every one of its ids is done in
the journal, and the store still holds their Report nodes (asked in one query per batch of
files). Any change to the file, a deleted report or a cleared graph makes it read again.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govkg.graph.journal import read_jsonl

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one version of a file without reading it."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The stamp of ``path`` now (None when it cannot be stat'ed)."""
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        return cls(os.path.abspath(path), st.st_size, st.st_mtime_ns)


class LoadManifest:
    """(path, size, mtime) -> report ids, kept in memory and appended to a JSONL file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._files: dict[str, tuple[int, int, tuple[str, ...]]] = {}
        self._read()

    def _read(self) -> None:
        # a torn line from a crash mid-append is left out (read_jsonl): that file is read again
        for e in read_jsonl(self.path):
            try:
                self._files[str(e["path"])] = (int(e["size"]), int(e["mtime_ns"]), tuple(map(str, e["ids"])))
            except (KeyError, TypeError, ValueError):
                continue

    def ids(self, stamp: FileStamp) -> tuple[str, ...] | None:
        """The report ids of this exact version of the file, or None when unknown or changed."""
        known = self._files.get(stamp.path)
        if known is None or known[:2] != (stamp.size, stamp.mtime_ns):
            return None
        return known[2]

    def record(self, stamp: FileStamp, ids: Sequence[str]) -> None:
        """Remember that this version of the file holds exactly ``ids`` (all loaded)."""
        if self.ids(stamp) == tuple(ids):
            return
        self._files[stamp.path] = (stamp.size, stamp.mtime_ns, tuple(ids))
        line = {"path": stamp.path, "size": stamp.size, "mtime_ns": stamp.mtime_ns, "ids": list(ids)}
        try:
            with self.path.open("a", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(json.dumps(line, ensure_ascii=True) + "\n")
        except OSError as e:  # the manifest only saves time: never fail a load for it
            log.warning("could not update the load manifest %s: %s", self.path, e)

    def __len__(self) -> int:
        return len(self._files)
