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
_LIMIT_TAIL = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)
_LIMIT_ANY_TAIL = re.compile(r"\bLIMIT\s+\S+\s*$", re.IGNORECASE)
_UNION = re.compile(r"\bUNION(\s+ALL)?\b", re.IGNORECASE)
_CLAUSE = re.compile(r"\b(RETURN|WITH|MATCH|UNWIND|CALL|YIELD|WHERE|OPTIONAL)\b", re.IGNORECASE)
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


def _capped_branch(text: str, code: str, cap: int) -> str:
    """One UNION branch with its final RETURN limited to ``cap`` rows (``text`` and ``code`` align)."""
    stripped = code.rstrip()
    last = None
    for clause in _CLAUSE.finditer(stripped):
        last = clause
    if last is None or last.group(1).upper() != "RETURN":
        return text  # ends in CALL ... YIELD or similar: nothing to append to
    if m := _LIMIT_TAIL.search(stripped):
        if int(m.group(1)) <= cap:
            return text
        return text[: m.start(1)] + str(cap) + text[m.end(1) :]
    if _LIMIT_ANY_TAIL.search(stripped):
        return text  # LIMIT $param or an expression: left as written
    return text.rstrip() + f"\nLIMIT {cap}"


def cap_rows(text: str, code: str, cap: int) -> str:
    """The query with each final RETURN limited to ``cap`` rows, so the engine stops there.

    ``code`` is ``code_only(text)`` (same length, same offsets). A trailing ``LIMIT n`` over
    the cap is lowered to it; other queries get ``LIMIT cap`` appended to each UNION branch.
    """
    if len(code) != len(text):
        return text
    cuts = [0]
    for m in _UNION.finditer(code):
        cuts += [m.start(), m.end()]
    cuts.append(len(code))
    out: list[str] = []
    for i in range(0, len(cuts), 2):
        a, b = cuts[i], cuts[i + 1]
        out.append(_capped_branch(text[a:b], code[a:b], cap) + (" " if b < len(code) else ""))
        if b < len(code):
            out.append(text[b : cuts[i + 2]])
    return "".join(out).rstrip()
