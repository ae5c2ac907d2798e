"""No user input is spliced into Cypher text: values reach the engine as parameters.

The Python sources of the graph layer, the query catalog and the API are parsed, and every
expression that builds a string by formatting (f-strings, ``%``, ``.format``, ``+``) whose
literal parts contain Cypher clause words is reported. The only ones allowed are listed
below, each with the reason its inputs are trusted constants. The catalog's ``.cypher``
files are checked for formatting placeholders, which would mean text is filled in before
the engine sees it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
GOVKG = REPO_ROOT / "govkg"
PY_SOURCES = sorted(
    [
        *(GOVKG / "graph").glob("*.py"),
        *(GOVKG / "queries").glob("*.py"),
        *(GOVKG / "api").rglob("*.py"),
        GOVKG / "knowledge.py",
        GOVKG / "loading.py",
    ]
)
CYPHER_SOURCES = sorted((GOVKG / "queries").glob("*.cypher"))

CLAUSE = re.compile(
    r"\b(MATCH|MERGE|CREATE|WHERE|RETURN|UNWIND|DELETE|DETACH|REMOVE|SET|CALL|LOAD\s+CSV|"
    r"FOREACH|OPTIONAL|ORDER\s+BY|SKIP|LIMIT|YIELD|INDEX|CONSTRAINT)\b"
)

# (file relative to the repo, enclosing function) -> why the formatted values are trusted.
ALLOWED: dict[tuple[str, str], str] = {
    ("govkg/graph/falkor_store.py", "ensure_schema"): (
        "labels and property names come from govkg.graph.model (UNIQUE_KEYS, INDEXED, FULLTEXT); "
        "FalkorDB DDL takes no parameters for them"
    ),
    ("govkg/graph/neo4j_store.py", "<module>"): (
        "schema DDL built once at import from govkg.graph.model constants and fixed index names; "
        "Neo4j DDL takes no parameters for labels or names"
    ),
    ("govkg/graph/writer.py", "<module>"): (
        "the three aggregate recounts built once at import from two fixed fragments of the writer "
        "(_COMPLETE_FACT, _SET_ABSOLUTE with a fixed variable name), so they count alike; no caller "
        "value is spliced, every value reaches the engine as $pairs"
    ),
    ("govkg/api/cypher_limits.py", "_capped_branch"): (
        "appends `LIMIT n` where n is the row cap, an int from the server's settings, to the caller's "
        "own query text (which is sent as written anyway), after a final `CALL … YIELD` with a RETURN "
        "of the names the caller's own YIELD gave; no caller value is spliced"
    ),
    ("govkg/api/routes/cypher.py", "screen"): (
        "an error message naming the refused procedure for the client; it is never sent to the engine"
    ),
}


def _literal_text(node: ast.AST) -> str:
    """The constant string parts of a formatting expression."""
    return " ".join(
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def _is_formatting(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        sides = (node.left, node.right)
        has_str = any(isinstance(s, ast.Constant | ast.JoinedStr) for s in sides)
        all_const = all(isinstance(s, ast.Constant) for s in sides)
        return has_str and not all_const
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
    return False


def _enclosing(tree: ast.Module) -> dict[int, str]:
    """Line number -> name of the innermost function defining it ('<module>' outside any)."""
    owner: dict[int, str] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for line in range(fn.lineno, (fn.end_lineno or fn.lineno) + 1):
                # ast.walk visits outer functions first, so inner ones overwrite.
                owner[line] = fn.name
    return owner


def cypher_formatting(path: Path) -> list[tuple[int, str, str]]:
    """(line, function, source) of each string-formatting expression with Cypher clause words."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    owner = _enclosing(tree)
    found: list[tuple[int, str, str]] = []
    seen: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr) or not _is_formatting(node) or id(node) in seen:
            continue
        for inner in ast.walk(node):
            seen.add(id(inner))
        if CLAUSE.search(_literal_text(node)):
            segment = ast.get_source_segment(source, node) or ""
            found.append((node.lineno, owner.get(node.lineno, "<module>"), segment))
    return found


def test_the_scanner_finds_splicing() -> None:
    """Guard: the scanner catches each formatting style (else an empty answer proves nothing)."""
    sample = (
        "def bad(name, n):\n"
        "    a = f\"MATCH (p:Practice {{name: '{name}'}}) RETURN p\"\n"
        "    b = \"MATCH (p) WHERE p.name = '%s' RETURN p\" % name\n"
        "    c = \"MATCH (p) WHERE p.name = '{}'\".format(name)\n"
        '    d = "MATCH (p) RETURN p LIMIT " + str(n)\n'
        "    ok = 'MATCH (p) WHERE p.name = $name RETURN p'\n"
        "    msg = f'no practice named {name}'\n"
        "    return a, b, c, d, ok, msg\n"
    )
    path = REPO_ROOT / "tests" / "__splicing_sample__.py"
    try:
        path.write_text(sample, encoding="utf-8")
        hits = cypher_formatting(path)
    finally:
        path.unlink(missing_ok=True)
    assert [line for line, _, _ in hits] == [2, 3, 4, 5]


@pytest.mark.parametrize("path", PY_SOURCES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_cypher_is_built_by_string_formatting(path: Path) -> None:
    """Cypher text in the graph layer, catalog and API is constant; values go as parameters."""
    rel = str(path.relative_to(REPO_ROOT))
    offending = [
        f"{rel}:{line} in {fn}: {segment.splitlines()[0] if segment else ''}"
        for line, fn, segment in cypher_formatting(path)
        if (rel, fn) not in ALLOWED
    ]
    assert not offending, "Cypher built by string formatting:\n" + "\n".join(offending)


def test_allow_list_is_not_stale() -> None:
    """Every allow-list entry still matches a formatting site (remove it when the code goes)."""
    for rel, fn in ALLOWED:
        hits = cypher_formatting(REPO_ROOT / rel)
        assert any(f == fn for _, f, _ in hits), f"stale allow-list entry {rel}:{fn}"


PLACEHOLDER = re.compile(r"%[sdr(]|\{\s*\d*\s*\}|\{\s*[A-Za-z_]\w*\s*\}|\$\{")


@pytest.mark.parametrize("path", CYPHER_SOURCES, ids=lambda p: p.name)
def test_catalog_files_have_no_format_placeholders(path: Path) -> None:
    """Catalog queries use $parameters only: no %s, {}, {name} or ${name} templates."""
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("//")
    )
    assert not PLACEHOLDER.findall(text), f"{path.name} holds a text placeholder"
    assert CYPHER_SOURCES, "no catalog files found"


def test_catalog_runs_text_unchanged() -> None:
    """The catalog hands each query's text to the store as loaded; no format call touches it."""
    source = (GOVKG / "queries" / "catalog.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    format_calls = [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr in ("format", "format_map", "substitute", "safe_substitute")
    ]
    assert not format_calls, f"catalog.py formats text at lines {format_calls}"
