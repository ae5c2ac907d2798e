"""Cheap exact pre-checks for regular expressions: the literal runs every match must contain.

A text lacking one of them cannot match, so the regex scan over it can be skipped.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["required_runs"]


def required_runs(pattern: str) -> list[str]:
    """The runs of literal characters every match of ``pattern`` contains, longest first ([]
    when none is certain, e.g. for a case-insensitive pattern or one of alternatives only)."""
    from re import _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return []
    runs: list[str] = []
    current: list[str] = []

    def cut() -> None:
        if current:
            runs.append("".join(current))
            current.clear()

    def walk(items: Any) -> None:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                current.append(chr(arg))
                continue
            if name in ("ASSERT", "ASSERT_NOT", "AT"):
                continue  # zero-width: the characters on both sides stay adjacent
            cut()
            if name == "SUBPATTERN" and not arg[1] and not arg[2]:  # no flags of its own
                walk(arg[-1])
                cut()
            elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
                walk(arg[2])
                cut()
            # branches, classes, backreferences: nothing certain

    walk(parsed)
    cut()
    return sorted(dict.fromkeys(runs), key=len, reverse=True)
