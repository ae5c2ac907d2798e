"""Cheap exact pre-checks for regular expressions: the literal runs every match must contain.

A text lacking one of them cannot match, so the regex scan over it can be skipped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["Gated", "gate", "gate_any", "required_runs"]


def required_runs(pattern: str) -> list[str]:
    """The runs of literal characters every match of ``pattern`` contains, longest first ([]
    when none is certain, e.g. for a case-insensitive pattern or one of alternatives only)."""
    parsed = _parsed(pattern)
    if parsed is None:
        return []
    runs: list[str] = []

    def walk(items: Any) -> None:
        for step in _steps(items):
            if isinstance(step, str):
                runs.append(step)
                continue
            name, arg = step
            if name == "SUBPATTERN" and not arg[1] and not arg[2]:  # no flags of its own
                walk(arg[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
                walk(arg[2])
            # branches, classes, backreferences: nothing certain

    walk(parsed)
    return sorted(dict.fromkeys(runs), key=len, reverse=True)


def gate(pattern: str) -> re.Pattern[str] | None:
    """A search for literal strings one of which every match of ``pattern`` contains (a text it
    does not find cannot match), or None when the pattern guarantees no such set."""
    return gate_any([pattern])


def gate_any(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """A search for literal strings one of which every match of any of ``patterns`` contains (a
    text it does not find matches none of them), or None when one pattern guarantees no such set."""
    found: set[str] = set()
    for pattern in patterns:
        parsed = _parsed(pattern)
        got = None if parsed is None else _any_of(parsed)
        if not got:
            return None
        found |= got
    # a string holding another of the set adds nothing to the search (委 covers 政法委)
    words = sorted(w for w in found if not any(o != w and o in w for o in found))
    return re.compile("|".join(map(re.escape, words))) if words else None


def _parsed(pattern: str) -> Any:
    """The parse of ``pattern``, or None when its flags leave no literal certain."""
    from re import _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern)
    return None if parsed.state.flags & (re.IGNORECASE | re.VERBOSE) else parsed


def _steps(items: Any) -> Iterator[str | tuple[str, Any]]:
    """A parsed sequence as its literal runs (joined across zero-width assertions, which keep the
    characters on both sides adjacent) and its other consuming items as (name, argument)."""
    run: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
        elif name not in ("ASSERT", "ASSERT_NOT", "AT"):
            if run:
                yield "".join(run)
                run = []
            yield name, arg
    if run:
        yield "".join(run)


def _any_of(items: Any) -> set[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` holds (the best such
    set found: longest shortest string, then fewest strings), or None."""
    options: list[set[str]] = []
    for step in _steps(items):
        if isinstance(step, str):
            options.append({step})
            continue
        name, arg = step
        got: set[str] | None = None
        if name == "SUBPATTERN" and not arg[1] and not arg[2]:
            got = _any_of(arg[-1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            got = _any_of(arg[2])
        elif name == "BRANCH":
            branches = [_any_of(b) for b in arg[1]]
            if all(b is not None for b in branches):
                got = set().union(*(b for b in branches if b is not None))
        elif name == "IN" and all(str(o) == "LITERAL" for o, _ in arg):
            got = {chr(c) for _, c in arg}
        if got:
            options.append(got)
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


class Gated:
    """A compiled pattern whose scans first ask its :func:`gate`: one fast search for literal
    strings instead of the full pattern tried at every position of a text that cannot match."""

    __slots__ = ("_gate", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._gate = gate(pattern.pattern)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        if self._gate is not None and self._gate.search(text, pos, endpos) is None:
            return iter(())
        return self.pattern.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        if self._gate is not None and self._gate.search(text, pos, endpos) is None:
            return None
        return self.pattern.search(text, pos, endpos)
