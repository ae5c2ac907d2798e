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
# Steps of a reduce() whose accumulator is a string, list or map (each step may copy it whole).
MAX_REDUCE_STEPS = 10_000
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
_PARAM_REF = re.compile(r"\$(\w+)")
_PARAM_ALIAS = re.compile(r"\$(\w+)\s+AS\s+(\w+)", re.IGNORECASE)
_NAME_REF = re.compile(r"(?<![.$\w])([A-Za-z_]\w*)\b(?!\s*[(:])")
_STRING_SPAN = re.compile(r"'[ \n]*'|\"[ \n]*\"")
_UNWIND_RANGE = re.compile(r"(?<![.$])\bUNWIND\s+range\s*\(", re.IGNORECASE)
_REDUCE_HEAD = re.compile(r"(?<![.$\w])reduce\s*$", re.IGNORECASE)
_QUANTIFIER_HEAD = re.compile(r"(?<![.$\w])(any|all|none|single)\s*$", re.IGNORECASE)
_ACC = re.compile(r"^\s*(\w+)\s*=")
_ITERATION = re.compile(r"^\s*\w+\s+IN\b", re.IGNORECASE)
_BODY_CUT = re.compile(r"\||\bWHERE\b", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")
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


def _call_args(code: str, start: int, end: int, pairs: Mapping[int, int]) -> list[str]:
    """The top-level, comma-separated arguments inside the bracket pair (start, end)."""
    cuts = [start, *_top_level_commas(code, start, end, pairs), end]
    return [code[x + 1 : y] for x, y in itertools.pairwise(cuts)]


def _range_sizes(code: str, shape: Brackets, params: Mapping[str, Any], max_range: int) -> dict[int, int]:
    """Opening-bracket offset of each range() call -> the number of elements it builds."""
    sizes: dict[int, int] = {}
    for m in _RANGE.finditer(code):
        start = m.end() - 1
        args = _call_args(code, start, shape.pairs[start], shape.pairs)
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
        sizes[start] = max(0, (hi - lo) // step + 1)
    return sizes


def _source_size(code: str, a: int, b: int, shape: Brackets, sizes: Mapping[int, int]) -> int | None:
    """Elements of the list code[a:b] when it is one range() call or a list literal, else None."""
    text = code[a:b]
    lead = len(text) - len(text.lstrip())
    first = a + lead
    if m := _RANGE.match(code, first):
        opener = m.end() - 1
        if not code[shape.pairs[opener] + 1 : b].strip():
            return sizes.get(opener)
    if code.startswith("[", first) and not code[shape.pairs[first] + 1 : b].strip():
        inner = code[first + 1 : shape.pairs[first]]
        return (
            len(_top_level_commas(code, first, shape.pairs[first], shape.pairs)) + 1 if inner.strip() else 0
        )
    return None


@dataclass(frozen=True, slots=True)
class _Scope:
    """An iteration inside brackets: ``var IN source | body`` (comprehension, quantifier, reduce)."""

    source: tuple[int, int]
    body: tuple[int, int]
    accumulator: str | None = None
    init: str = ""


def _scopes(code: str, shape: Brackets) -> list[_Scope]:
    """Every ``x IN list`` iteration the query's brackets hold, with its source and body spans."""
    found: list[_Scope] = []
    for start, end in shape.pairs.items():
        if code[start] not in "[(":
            continue
        inner = top_level(code[start + 1 : end])
        offset = start + 1
        accumulator, init = None, ""
        if code[start] == "(":
            head = code[max(0, start - 8) : start]
            if _REDUCE_HEAD.search(head):
                acc = _ACC.match(inner)
                comma = inner.find(",")
                if acc is None or comma < 0:
                    continue
                accumulator, init = acc.group(1), inner[acc.end() : comma].strip()
                inner, offset = inner[comma + 1 :], offset + comma + 1
            elif not _QUANTIFIER_HEAD.search(head):
                continue
        it = _ITERATION.match(inner)
        if it is None:
            continue
        src_start = offset + it.end()
        cut = _BODY_CUT.search(inner, it.end())
        src_end = offset + cut.start() if cut else end
        body_start = offset + cut.end() if cut else end
        found.append(_Scope((src_start, src_end), (body_start, end), accumulator, init))
    return found


def _unwind_scopes(code: str, shape: Brackets) -> list[_Scope]:
    """``UNWIND range(…) AS x`` at the query's level: what follows runs once per element."""
    flat = top_level(code)
    unions = [m.start() for m in _UNION.finditer(flat)]
    found: list[_Scope] = []
    for m in _UNWIND_RANGE.finditer(flat):
        opener = m.end() - 1
        close = shape.pairs.get(opener)
        if close is None:
            continue
        end = min([u for u in unions if u > close], default=len(code))
        found.append(_Scope((m.end() - len("range("), close + 1), (close + 1, end)))
    return found


def _value_bytes(value: Any) -> int:
    """A rough size of a parameter value in the engine: text bytes plus 16 per value."""
    if isinstance(value, str):
        return 16 + len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, list):
        return 16 + sum(_value_bytes(v) for v in value)
    if isinstance(value, dict):
        return 16 + sum(len(str(k)) + _value_bytes(v) for k, v in value.items())
    return 16


def _body_bytes(
    code: str, body: tuple[int, int], params: Mapping[str, Any], aliases: Mapping[str, int]
) -> int:
    """Bytes of the parameters, their WITH aliases and the string literals an iteration body names."""
    text = code[body[0] : body[1]]
    total = sum(_value_bytes(params.get(m.group(1))) for m in _PARAM_REF.finditer(text))
    total += sum(aliases.get(m.group(1), 0) for m in _NAME_REF.finditer(text))
    return total + sum(len(m.group(0)) for m in _STRING_SPAN.finditer(text))


def _check_copies(
    code: str,
    shape: Brackets,
    scopes: list[_Scope],
    sizes: Mapping[int, int],
    params: Mapping[str, Any],
    max_bytes: int,
) -> None:
    """Refuse iterations that copy a large parameter or literal once per element past ``max_bytes``."""
    aliases = {m.group(2): _value_bytes(params.get(m.group(1))) for m in _PARAM_ALIAS.finditer(code)}
    for scope in scopes:
        per_element = _body_bytes(code, scope.body, params, aliases)
        if per_element < 1024:
            continue  # names and short literals: the range bound already covers them
        elements = max(1, _source_size(code, *scope.source, shape, sizes) or 1)
        for outer in scopes:
            if outer is not scope and outer.body[0] <= scope.source[0] < outer.body[1]:
                elements *= max(1, _source_size(code, *outer.source, shape, sizes) or 1)
        if elements * per_element > max_bytes:
            raise QueryShapeError(
                f"an iteration over {elements} elements repeats {per_element} bytes of parameters or "
                f"text in each: about {elements * per_element >> 20} MiB, over the {max_bytes >> 20} MiB "
                "a query may build (GOVKG_QUERY_MEMORY)"
            )


def check_shape(
    code: str, params: Mapping[str, Any], max_range: int, max_bytes: int = 256 * 1024 * 1024
) -> None:
    """Refuse a query over the nesting, token, list-literal, range() or reduce() bounds (QueryShapeError).

    A range() inside the body of an iteration over another range (``[x IN range(…) | range(…)]``,
    ``reduce``, ``any``/``all``/``none``/``single``) or after ``UNWIND range(…)`` is built once
    per element, so its size counts that many times. A reduce() whose accumulator starts as
    anything but a number (a string, a list, a map) grows each step: it may use the accumulator
    once per step and run over at most MAX_REDUCE_STEPS elements of a range or list literal,
    since the engine checks neither its memory cap nor its timeout inside one expression.
    An iteration whose body names parameters or string literals of 1 KiB or more may copy them
    at most ``max_bytes`` in all (the engine copies them per element, past its own cap).
    """
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
    sizes = _range_sizes(code, shape, params, max_range)
    scopes = _scopes(code, shape) + _unwind_scopes(code, shape)
    for scope in scopes:
        if scope.accumulator is not None:
            _check_reduce(code, scope, shape, sizes)
    _check_copies(code, shape, scopes, sizes, params, max_bytes)
    total, nested = 0, False
    for opener, size in sizes.items():
        weight = size
        for scope in scopes:
            if scope.body[0] <= opener < scope.body[1]:
                weight *= max(1, _source_size(code, *scope.source, shape, sizes) or 1)
        nested = nested or weight != size
        total += weight
        if total > max_range:
            why = " (a range inside an iteration or after an UNWIND counts once per element)"
            raise QueryShapeError(
                f"range() calls in this query build {total} elements in all{why if nested else ''}, "
                f"over the limit of {max_range} (GOVKG_CYPHER_MAX_RANGE)"
            )


def _check_reduce(code: str, scope: _Scope, shape: Brackets, sizes: Mapping[int, int]) -> None:
    """Refuse a reduce() whose non-numeric accumulator could grow past any bound (see check_shape)."""
    if _NUMBER.match(scope.init):
        return
    acc = scope.accumulator or ""
    uses = len(re.findall(rf"(?<![.$\w]){re.escape(acc)}\b", code[scope.body[0] : scope.body[1]]))
    if uses > 1:
        raise QueryShapeError(
            f"reduce() uses its accumulator {acc!r} {uses} times per step, so its value can double "
            "each step; use it once"
        )
    steps = _source_size(code, *scope.source, shape, sizes)
    if steps is None or steps > MAX_REDUCE_STEPS:
        raise QueryShapeError(
            f"reduce() grows its accumulator {acc!r} (it starts as {scope.init.strip()[:20] or '?'}, not a "
            f"number) over {'a list from the graph' if steps is None else f'{steps} elements'}: on "
            f"/cypher that needs a range or list literal of at most {MAX_REDUCE_STEPS} elements; "
            "return the list and combine it yourself"
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


# A Cartesian product of this many scanning inputs is refused: its rows multiply, and what
# collect() builds from them escapes the engine's per-query memory cap. Inputs found by an index
# or id lookup (a few rows: `MATCH (a:Region {code: $a}), (b:Region {code: $b}), …`) do not count.
MAX_PRODUCT_INPUTS = 3
# With collect() in the query, two scans are enough: on 1,000 reports (33,000 nodes)
# `MATCH (a), (b) RETURN collect([a, b])` took the server to 1.1 GiB under a 256 MiB cap.
MAX_COLLECTED_PRODUCT_INPUTS = 2
_COLLECT = re.compile(r"(?<![.$\w])collect\s*\(", re.IGNORECASE)
_PRODUCT = re.compile(r"cartesian\s*product", re.IGNORECASE)
_LOOKUP = re.compile(r"index\s*(seek|scan)|by\s*id|id\s*seek", re.IGNORECASE)
_SCAN = re.compile(r"all\s*nodes?\s*scan|label\s*scan|unwind|procedure|call", re.IGNORECASE)


def check_plan(plan: list[str], code: str = "") -> None:
    """Refuse a plan (indented lines, as the stores' ``explain`` gives) multiplying 3+ scans,
    or 2+ when the query (``code``, its code-only text) collects.

    FalkorDB lists every input under one Cartesian Product; Neo4j nests binary ones, so an
    input that is itself a product counts with its own inputs.
    """
    limit = MAX_COLLECTED_PRODUCT_INPUTS if _COLLECT.search(code) else MAX_PRODUCT_INPUTS
    levels = [(len(line) - len(line.lstrip(" "))) // 4 for line in plan]

    def subtree(i: int) -> list[str]:
        j = i + 1
        while j < len(plan) and levels[j] > levels[i]:
            j += 1
        return plan[i:j]

    def scanning(i: int) -> bool:
        lines = subtree(i)
        return any(_SCAN.search(x) for x in lines) or not any(_LOOKUP.search(x) for x in lines)

    def inputs(i: int) -> int:
        count = 0
        for j in range(i + 1, i + len(subtree(i))):
            if levels[j] == levels[i] + 1:
                if _PRODUCT.search(plan[j]):
                    count += inputs(j)
                elif scanning(j):
                    count += 1
        return count

    for i, line in enumerate(plan):
        if _PRODUCT.search(line) and (n := inputs(i)) >= limit:
            collected = " and collects the rows" if limit == MAX_COLLECTED_PRODUCT_INPUTS else ""
            raise QueryShapeError(
                f"the query's plan multiplies {n} scans of unconnected patterns (a Cartesian "
                f"product){collected}; connect them with a relationship or a shared variable, "
                "look them up by key, or run them separately"
            )
