"""Bounds a /cypher query must keep before it reaches the engine, and the row cap pushed into it.

The engine parses and plans a query before its timeout or memory cap applies, and builds a
``range()`` list in one piece: these checks refuse the shapes that cost it most (deep nesting,
very long token streams, huge list literals, huge ranges) on the text itself. They read the
query with comments removed and string contents blanked (``cypher.code_only``).
"""

from __future__ import annotations

import ast
import itertools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Parse time roughly doubles per nesting level in FalkorDB (depth 16: 0.15 s; 22: 17 s).
MAX_NESTING = 12
MAX_TOKENS = 4_000
MAX_LIST_ITEMS = 1_000
# Parameters: nesting depth of maps/lists and total number of values.
MAX_PARAM_DEPTH = 8
MAX_PARAM_VALUES = 10_000
INT64 = (-(2**63), 2**63 - 1)

_TOKEN = re.compile(r"\$?\w+|\S")
_OPEN = {"(": ")", "[": "]", "{": "}"}
_RANGE = re.compile(r"\brange\s*\(", re.IGNORECASE)
_PARAM_NAME = re.compile(r"^[A-Za-z_]\w*$")
_LIMIT_TAIL = re.compile(r"(?<![.$])\bLIMIT\b(.+?)\s*$", re.IGNORECASE | re.DOTALL)
_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)
_UNION = re.compile(r"\bUNION(\s+ALL)?\b", re.IGNORECASE)
_CLAUSE = re.compile(r"(?<![.$])\b(RETURN|WITH|MATCH|UNWIND|CALL|YIELD|WHERE|OPTIONAL)\b", re.IGNORECASE)
_SIMPLE_INT_EXPR = re.compile(r"^[\d\s+\-*/()%]+$")


class QueryShapeError(ValueError):
    """The query text (or its parameters) is over one of the bounds; the message names it."""


@dataclass(frozen=True, slots=True)
class Brackets:
    """Matching brackets of a code-only query: opener position -> closer position, and depth."""

    pairs: dict[int, int]
    depth: int


def brackets(code: str) -> Brackets:
    """Pair the brackets of ``code``; QueryShapeError when unbalanced or nested over MAX_NESTING."""
    stack: list[tuple[str, int]] = []
    pairs: dict[int, int] = {}
    deepest = 0
    for i, ch in enumerate(code):
        if ch in _OPEN:
            stack.append((ch, i))
            if len(stack) > MAX_NESTING:
                raise QueryShapeError(
                    f"the query nests brackets more than {MAX_NESTING} deep; flatten it (use WITH)"
                )
            deepest = max(deepest, len(stack))
        elif ch in ")]}":
            if not stack or _OPEN[stack[-1][0]] != ch:
                raise QueryShapeError(f"unbalanced {ch!r} at offset {i} of the query")
            pairs[stack.pop()[1]] = i
    if stack:
        raise QueryShapeError(f"unclosed {stack[-1][0]!r} at offset {stack[-1][1]} of the query")
    return Brackets(pairs, deepest)


def _top_level_commas(code: str, start: int, end: int, pairs: Mapping[int, int]) -> list[int]:
    """Offsets of the commas directly inside the bracket pair (start, end)."""
    commas: list[int] = []
    i = start + 1
    while i < end:
        if i in pairs:
            i = pairs[i] + 1
            continue
        if code[i] == ",":
            commas.append(i)
        i += 1
    return commas


def _int_value(arg: str, params: Mapping[str, Any]) -> int | None:
    """The integer an argument of range() denotes, when it is a literal, a parameter or plain arithmetic."""
    text = arg.strip()
    if text.startswith("$") and _PARAM_NAME.match(text[1:]):
        value = params.get(text[1:])
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if text and _SIMPLE_INT_EXPR.match(text) and len(text) <= 60:
        try:
            return _arith(ast.parse(text, mode="eval").body)
        except (ArithmeticError, SyntaxError, ValueError):
            return None
    return None


_OPS: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a // b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
}


def _arith(node: ast.expr) -> int | None:
    """Integer arithmetic of literals (+ - * / %), as Cypher's integer division truncates."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _arith(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _arith(node.left), _arith(node.right)
        if left is None or right is None:
            return None
        result: int = _OPS[type(node.op)](left, right)
        return result
    return None


def check_shape(code: str, params: Mapping[str, Any], max_range: int) -> None:
    """Refuse a query over the nesting, token, list-literal or range() bounds (QueryShapeError)."""
    tokens = len(_TOKEN.findall(code))
    if tokens > MAX_TOKENS:
        raise QueryShapeError(f"the query has {tokens} tokens, over the limit of {MAX_TOKENS}")
    shape = brackets(code)
    for start, end in shape.pairs.items():
        if code[start] == "[":
            items = len(_top_level_commas(code, start, end, shape.pairs)) + 1
            if items > MAX_LIST_ITEMS:
                raise QueryShapeError(
                    f"a list literal has {items} items, over the limit of {MAX_LIST_ITEMS}; "
                    "pass long lists as a parameter"
                )
    total = 0
    for m in _RANGE.finditer(code):
        start = m.end() - 1
        end = shape.pairs[start]
        cuts = [start, *_top_level_commas(code, start, end, shape.pairs), end]
        args = [code[a + 1 : b] for a, b in itertools.pairwise(cuts)]
        values = [_int_value(a, params) for a in args]
        if len(args) not in (2, 3) or any(v is None for v in values):
            raise QueryShapeError(
                "range() on /cypher takes integer literals or integer parameters as bounds "
                f"(at most {max_range} elements in all)"
            )
        lo, hi, *rest = [int(v) for v in values if v is not None]
        step = rest[0] if rest else 1
        if step == 0:
            raise QueryShapeError("range() step must not be 0")
        size = max(0, (hi - lo) // step + 1)
        total += size
        if total > max_range:
            raise QueryShapeError(
                f"range() calls in this query build {total} elements in all, over the limit of "
                f"{max_range} (GOVKG_CYPHER_MAX_RANGE)"
            )


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameters the engine cannot take safely: bad names or map keys, NUL, huge numbers."""
    count = 0

    def walk(value: Any, where: str, depth: int) -> None:
        nonlocal count
        count += 1
        if count > MAX_PARAM_VALUES:
            raise QueryShapeError(f"params hold more than {MAX_PARAM_VALUES} values")
        if depth > MAX_PARAM_DEPTH:
            raise QueryShapeError(f"params.{where} nests deeper than {MAX_PARAM_DEPTH} levels")
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, int):
            if not INT64[0] <= value <= INT64[1]:
                raise QueryShapeError(f"params.{where} is outside the 64-bit integer range")
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise QueryShapeError(f"params.{where} is not a finite number")
        elif isinstance(value, str):
            if "\x00" in value:
                raise QueryShapeError(f"params.{where} contains a NUL character")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str) or not _PARAM_NAME.match(key):
                    raise QueryShapeError(
                        f"invalid map key {key!r} in params.{where}: use letters, digits and '_'"
                    )
                walk(item, f"{where}.{key}", depth + 1)
        else:
            raise QueryShapeError(f"params.{where} has an unsupported type {type(value).__name__}")

    for name, value in params.items():
        if not _PARAM_NAME.match(name):
            raise QueryShapeError(f"invalid parameter name {name!r} in params: use letters, digits and '_'")
        walk(value, name, 0)


def top_level(code: str) -> str:
    """``code`` with everything inside brackets blanked (brackets and newlines kept, offsets kept).

    Clause words then match only at the query's own level, never inside ``CALL { … }``,
    ``COUNT { … }`` or a list comprehension.
    """
    out: list[str] = []
    depth = 0
    for ch in code:
        if ch in ")]}":
            depth = max(0, depth - 1)
        out.append(ch if depth == 0 or ch == "\n" else " ")
        if ch in "([{":
            depth += 1
    return "".join(out)


def _limit_value(expr: str, params: Mapping[str, Any]) -> int:
    """The row count a trailing LIMIT denotes; QueryShapeError when it is not a plain integer."""
    value = _int_value(expr, params)
    if value is None:
        raise QueryShapeError(
            "the final limit of a /cypher query must be an integer literal or an integer "
            f"parameter (got {expr.strip()[:40]!r})"
        )
    return value


def _capped_branch(text: str, flat: str, cap: int, params: Mapping[str, Any]) -> str:
    """One UNION branch limited to ``cap`` rows (``text`` and its top-level ``flat`` code align)."""
    stripped = flat.rstrip()
    clauses = list(_CLAUSE.finditer(stripped))
    if not clauses:
        return text
    last = clauses[-1]
    if last.group(1).upper() == "WHERE" and len(clauses) > 1:
        last = clauses[-2]  # `YIELD … WHERE …`, `MATCH … WHERE …`: the clause the WHERE filters
    word = last.group(1).upper()
    if word == "YIELD":
        names = _yielded(text, stripped, last.end())
        return text if names is None else text.rstrip() + f"\nRETURN {', '.join(names)} LIMIT {cap}"
    if word != "RETURN":
        return text  # a standalone CALL (no YIELD): the procedure decides its rows
    if m := _LIMIT_TAIL.search(stripped, last.end()):
        value = _limit_value(text[m.start(1) : m.end(1)], params)
        if value <= cap:
            return text
        return text[: m.start(1)] + f" {cap}" + text[m.end(1) :]
    return text.rstrip() + f"\nLIMIT {cap}"


def _yielded(text: str, flat: str, after: int) -> list[str] | None:
    """The names ``CALL proc() YIELD a, b AS c [WHERE …]`` gives its rows (a, c); None for ``*``."""
    where = _WHERE.search(flat, after)
    items = text[after : where.start() if where else len(flat)]
    if items.strip() == "*":
        return None
    names = []
    for item in items.split(","):
        words = item.split()
        if not words:
            return None
        names.append(words[-1])  # `x` or `x AS y`: the name the row carries is the last word
    return names


def cap_rows(text: str, code: str, cap: int, params: Mapping[str, Any] | None = None) -> str:
    """The query with its result limited to ``cap`` rows, so the engine stops there.

    ``code`` is ``code_only(text, aligned=True)`` (same length, same offsets). Only the
    query's own (top-level) clauses count: a trailing ``LIMIT`` over the cap (a literal,
    plain arithmetic or an integer parameter) is lowered to it, a final RETURN without one
    gets ``LIMIT cap`` (after its ORDER BY / SKIP), each top-level UNION branch is capped,
    and a query ending in ``CALL … YIELD`` gets ``RETURN <yielded names> LIMIT cap``.
    Any other LIMIT expression is refused (QueryShapeError). ``CALL { … }`` bodies are untouched.
    """
    if len(code) != len(text):
        return text
    flat = top_level(code)
    cuts = [0]
    for m in _UNION.finditer(flat):
        cuts += [m.start(), m.end()]
    cuts.append(len(flat))
    out: list[str] = []
    for i in range(0, len(cuts), 2):
        a, b = cuts[i], cuts[i + 1]
        out.append(_capped_branch(text[a:b], flat[a:b], cap, params or {}) + (" " if b < len(flat) else ""))
        if b < len(flat):
            out.append(text[b : cuts[i + 2]])
    return "".join(out).rstrip()
