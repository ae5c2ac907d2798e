"""Progress of a long load: a bar with reports/s and ETA on a terminal, plain lines in logs."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def count_files(paths: Iterable[str | Path]) -> int | None:
    """How many files a load of ``paths`` will read (for the ETA); None when not knowable
    cheaply (a JSON or JSONL file holds any number of reports)."""
    total = 0
    for given in paths:
        root = Path(given)
        if root.is_file():
            names: Iterable[str] = [root.name]
        elif root.is_dir():
            names = (name for _, _dirs, files in os.walk(root) for name in files if not name.startswith("."))
        else:
            continue
        for name in names:
            if name.lower().endswith((".jsonl", ".json")):
                return None
            total += 1
    return total


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def progress_line(done: int, total: int | None, elapsed: float) -> str:
    """One plain progress line: count, rate and (with a total) the time left."""
    rate = done / elapsed if elapsed > 0 else 0.0
    head = f"{done}/{total}" if total else f"{done}"
    line = f"loading: {head} reports, {rate:.1f} reports/s"
    if total and rate > 0 and done < total:
        line += f", ETA {_duration((total - done) / rate)}"
    return line


@contextmanager
def load_progress(
    total: int | None, stream: TextIO | None = None, every: float = 10.0
) -> Iterator[Callable[[str], None]]:
    """Yield the per-document callback for load_paths. On a terminal it drives a rich bar
    (count, reports/s, ETA); elsewhere it writes a plain line every ``every`` seconds."""
    out = stream or sys.stderr
    if out.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns = (
            TextColumn("loading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} reports/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=Console(file=out), transient=True) as bar:
            task = bar.add_task("load", total=total, rate="0.0")
            started = time.monotonic()
            done = 0

            def advance(_: str) -> None:
                nonlocal done
                done += 1
                elapsed = time.monotonic() - started
                bar.update(task, advance=1, rate=f"{done / elapsed:.1f}" if elapsed > 0 else "0.0")

            yield advance
        return
    started = last = time.monotonic()
    count = 0

    def line(_: str) -> None:
        nonlocal count, last
        count += 1
        now = time.monotonic()
        if now - last >= every:
            last = now
            print(progress_line(count, total, now - started), file=out, flush=True)

    yield line
