"""POST /cypher: read-only Cypher for power users, screened before it reaches the engine."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from govkg.api.cypher_limits import QueryShapeError, cap_rows, check_params, check_plan, check_shape
from govkg.api.deps import CypherGate, QuerySlot, SettingsDep, StoreDep
from govkg.api.errors import BadRequest
from govkg.api.routes.common import ERRORS, json_safe
from govkg.api.schemas import CypherIn, CypherOut, ErrorOut
from govkg.graph.store import QueryError

router = APIRouter(tags=["cypher"], responses=ERRORS)

# Read-only procedures a researcher may CALL (schema introspection and full-text lookup).
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.indexes",
        "db.constraints",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.idx.fulltext.querynodes",
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
    }
)

_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)", re.IGNORECASE)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_APOC = re.compile(r"\bapoc\s*\.", re.IGNORECASE)
_NAME_PUNCT = re.compile(r"[()\[\]{},;\n]")
_EXPLAIN = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.IGNORECASE)
# Query options before the query (`CYPHER 5 PROFILE …`, `CYPHER runtime=… `, FalkorDB's inline
# `CYPHER x=1`) could hide a PROFILE or change the plan: values go in params instead.
_OPTIONS = re.compile(r"^\s*CYPHER\b", re.IGNORECASE)


def code_only(query: str, *, aligned: bool = False) -> str:
    """The query with comments removed and string-literal contents blanked (quotes kept).

    Backtick-quoted names keep their text without the backticks, so `db`.`labels` reads as db.labels.
    With ``aligned``, every removed character becomes a space (newlines kept) and brackets,
    commas and ';' inside quoted names become '_', so offsets match the query's.
    Raises BadRequest on an unterminated string or block comment.
    """

    def blank(part: str) -> str:
        return "".join("\n" if c == "\n" else " " for c in part) if aligned else " "

    out: list[str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "/" and query.startswith("//", i):
            end = query.find("\n", i)
            end = n if end < 0 else end
            out.append(blank(query[i:end]))
            i = end
        elif ch == "/" and query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:
                raise BadRequest("unterminated /* comment in the query")
            out.append(blank(query[i : end + 2]))
            i = end + 2
        elif ch in "'\"":
            j = i + 1
            while j < n and query[j] != ch:
                j += 2 if query[j] == "\\" else 1
            if j >= n:
                raise BadRequest("unterminated string literal in the query")
            out.append(ch + blank(query[i + 1 : j]) + ch if aligned else ch + ch)
            i = j + 1
        elif ch == "`":
            end = query.find("`", i + 1)
            if end < 0:
                raise BadRequest("unterminated `quoted name` in the query")
            name = query[i + 1 : end]
            out.append(" " + _NAME_PUNCT.sub("_", name) + " " if aligned else name)
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def screen(query: str) -> str:
    """Refuse what a read-only endpoint must never send; return the text to run."""
    code = code_only(query).strip()
    if not code:
        raise BadRequest("the query is empty (only comments or whitespace)")
    body = code[:-1] if code.endswith(";") else code
    if ";" in body:
        raise BadRequest("only one statement per request: remove the ';' between statements")
    if _LOAD_CSV.search(body):
        raise BadRequest("LOAD CSV is not allowed on the read-only endpoint")
    if _APOC.search(body):
        raise BadRequest("apoc procedures and functions are not allowed on the read-only endpoint")
    for match in _CALL.finditer(body):
        name = re.sub(r"\s+", "", match.group(1)).lower()
        if name not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            raise BadRequest(f"CALL {name} is not allowed; read-only procedures allowed: {allowed}")
    text = query.strip()
    # Drop one trailing ';' (outside comments, as code_only showed) so both engines accept it.
    return text[:-1] if code.endswith(";") and text.endswith(";") else text


def _plan_rows(lines: list[str]) -> list[dict[str, str]]:
    return [{"plan": line} for line in lines if line.strip()]


@router.post(
    "/cypher",
    operation_id="runCypher",
    response_model=CypherOut,
    responses={
        400: {"model": ErrorOut, "description": "refused, write attempt, over a bound or syntax error"},
        429: {"model": ErrorOut, "description": "over the per-client rate (GOVKG_CYPHER_RATE)"},
    },
)
async def run_cypher(
    body: CypherIn, store: StoreDep, settings: SettingsDep, _gate: CypherGate, _slot: QuerySlot
) -> CypherOut:
    """Run one read-only Cypher query with the configured timeout and row cap.

    ``EXPLAIN <query>`` answers the plan (one row per line, column ``plan``) without running
    it; ``PROFILE`` is refused because it runs the query.
    """
    text = screen(body.query)
    try:
        check_params(body.params)
        code = code_only(text, aligned=True)
        if _OPTIONS.match(code):
            raise BadRequest("query options (CYPHER …) are not accepted on /cypher; pass values in params")
        explain = _EXPLAIN.match(code)
        if explain and explain.group(1).upper() == "PROFILE":
            raise BadRequest("PROFILE runs the query and is not allowed here; use EXPLAIN for the plan")
        if explain:
            text, code = text[explain.end() :], code[explain.end() :]
            if _EXPLAIN.match(code) or _OPTIONS.match(code):
                raise BadRequest(
                    "EXPLAIN takes one plain query (no PROFILE, EXPLAIN or CYPHER options after it)"
                )
        check_shape(code, body.params, settings.cypher_max_range, settings.query_memory)
        cap = settings.row_cap
        capped = text if explain else cap_rows(text, code, cap + 1, body.params)
    except QueryShapeError as exc:
        raise BadRequest(str(exc)) from exc
    explain_fn = getattr(store, "explain", None)
    try:
        if explain:
            if explain_fn is None:
                raise BadRequest("EXPLAIN is not supported by this store")
            lines = await run_in_threadpool(explain_fn, text, body.params)
            plan = _plan_rows(lines)
            return CypherOut(columns=["plan"], rows=plan, count=len(plan), truncated=False, row_cap=cap)
        if explain_fn is not None:  # the plan shows products the text alone cannot
            check_plan(await run_in_threadpool(explain_fn, capped, body.params), code)
        read_at_most = getattr(store, "read_at_most", None)
        if read_at_most is not None:  # streams and stops after cap + 1 rows
            rows = await run_in_threadpool(read_at_most, capped, body.params, settings.query_timeout, cap + 1)
        else:
            rows = await run_in_threadpool(store.run_read, capped, body.params, settings.query_timeout)
    except QueryShapeError as exc:
        raise BadRequest(str(exc)) from exc
    except QueryError as exc:
        raise BadRequest(f"the engine refused the query: {exc}") from exc
    kept = [json_safe(r) for r in rows[:cap]]
    columns = list(kept[0]) if kept else []
    return CypherOut(columns=columns, rows=kept, count=len(kept), truncated=len(rows) > cap, row_cap=cap)
