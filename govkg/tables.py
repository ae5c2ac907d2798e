"""Rows for people and for scripts: a table that fits the terminal (80 columns when piped), JSON lines, CSV.

The table keeps every column readable at 80 columns: short columns keep their width, long
text (evidence, titles) wraps inside its column instead of being cut, and when there are too
many columns for the width, the later ones (columns come in priority order) and empty ones
are left out of the table and named below it (``--json`` and ``--csv`` always carry every column).
"""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from collections.abc import Sequence
from typing import IO, Any

__all__ = ["FORMATS", "cell_text", "render_table", "write_rows"]

FORMATS = ("table", "json", "csv")
MIN_WRAP = 16  # narrowest a wrapped text column may get


def cell_text(value: Any) -> str:
    """A value as table/CSV text: lists and dicts as compact JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _terminal_width(out: IO[str]) -> int:
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def _fit(rows: list[dict[str, str]], columns: list[str], width: int) -> list[str]:
    """The leading columns that fit ``width`` (all-empty ones skipped); long text counts as wrapped."""
    from rich.cells import cell_len

    def need(col: str) -> int:
        widest = max([cell_len(col), *(cell_len(r[col]) for r in rows)])
        return min(widest, max(MIN_WRAP, cell_len(col)))

    kept: list[str] = []
    used = 1
    for col in columns:
        if not any(r[col] for r in rows):
            continue
        if kept and used + need(col) + 3 > width:
            break
        kept.append(col)
        used += need(col) + 3
    return kept


def render_table(
    rows: Sequence[dict[str, Any]],
    out: IO[str],
    columns: Sequence[str] | None = None,
    width: int | None = None,
) -> None:
    """Print ``rows`` as a table no wider than the terminal (80 columns when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    if not rows:
        out.write("(no rows)\n")
        return
    cols = list(columns or rows[0].keys())
    text = [{c: cell_text(r.get(c)) for c in cols} for r in rows]
    width = width or _terminal_width(out)
    shown = _fit(text, cols, width)
    table = Table(*shown, expand=False, show_lines=False)
    for col in table.columns:
        col.overflow = "fold"
    for r in text:
        table.add_row(*(r[c] for c in shown))
    console = Console(file=out, width=width, soft_wrap=False, highlight=False, color_system=None)
    console.print(table)
    if len(shown) < len(cols):
        hidden = ", ".join(c for c in cols if c not in shown)
        note = f"(not shown at {width} columns: {hidden}; --json or --csv give every column)"
        out.write(textwrap.fill(note, width=width) + "\n")


def write_rows(
    rows: Sequence[dict[str, Any]], out: IO[str], fmt: str, columns: Sequence[str] | None = None
) -> None:
    """Write ``rows`` as a table, JSON lines or CSV (``fmt`` one of FORMATS)."""
    if fmt == "json":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        cols = list(columns or (rows[0].keys() if rows else []))
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(cols)
        for r in rows:
            writer.writerow([cell_text(r.get(c)) for c in cols])
    elif fmt == "table":
        render_table(rows, out, columns)
    else:
        raise ValueError(f"unknown output format {fmt!r}: use one of {', '.join(FORMATS)}")
