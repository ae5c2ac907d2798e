"""Neo4j's own Cypher linter over every Neo4j text govkg ships: catalog queries and schema DDL.

The linter starts slowly (a second or two per node process), so one module-scoped run
lints everything, the deliberately broken cases included, and each test reads its part.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from govkg.graph.neo4j_store import SCHEMA_DDL

REPO_ROOT = Path(__file__).resolve().parents[1]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cypher_schema", REPO_ROOT / "tools" / "cypher_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
_missing = tool.linter_missing()
pytestmark = pytest.mark.skipif(_missing is not None, reason=f"Cypher linter unavailable: {_missing}")

BROKEN: list[tuple[str, str, list[str]]] = [
    ("neg:syntax", "MATCH (r:Region\nRETURN r.code", []),
    ("neg:exists", "MATCH (r:Region) WHERE exists(r.short) RETURN r.code", []),
    ("neg:typo", "MATCH (r:Regoin) RETURN r.nmae AS name", []),
    ("neg:undeclared", "MATCH (r:Region {code: $code}) RETURN r.name AS name", []),
    ("pos:declared", "MATCH (r:Region {code: $code}) RETURN r.name AS name", ["code"]),
]


@pytest.fixture(scope="module")
def catalog_doc() -> dict[str, Any]:
    doc: dict[str, Any] = tool.catalog_lint_input()
    return doc


@pytest.fixture(scope="module")
def answer(catalog_doc: dict[str, Any]) -> dict[str, Any]:
    ddl: list[tuple[str, str, list[str]]] = [(f"ddl[{i}]", t, []) for i, t in enumerate(SCHEMA_DDL)]
    extra = tool.lint_input([*ddl, *BROKEN])["queries"]
    result: dict[str, Any] = tool.run_lint({**catalog_doc, "queries": catalog_doc["queries"] + extra})
    return result


def found(answer: dict[str, Any], kind: str, prefix: str) -> list[dict[str, Any]]:
    """The diagnostics of one kind ('errors' or 'warnings') for paths starting with prefix."""
    return [d for d in answer[kind] if d["path"].startswith(prefix)]


def test_schema_comes_from_the_model() -> None:
    schema = tool.db_schema()
    assert "Region" in schema["labels"] and "ADOPTED" in schema["relationshipTypes"]
    assert {"code", "text", "aliases", "sample"} <= set(schema["propertyKeys"])
    assert {"from": "Region", "relType": "ADOPTED", "to": "Practice"} in schema["graphSchema"]


def test_every_catalog_neo4j_text_lints_without_errors(
    catalog_doc: dict[str, Any], answer: dict[str, Any]
) -> None:
    assert catalog_doc["queries"], "no catalog .cypher files found"
    assert not any(q["path"].endswith(".falkordb.cypher") for q in catalog_doc["queries"])
    errors = found(answer, "errors", str(tool.QUERIES_DIR))
    assert errors == [], "\n".join(f"{e['path']}:{e['line']}:{e['column']}: {e['message']}" for e in errors)
    assert answer["checked"] == len(catalog_doc["queries"]) + len(SCHEMA_DDL) + len(BROKEN)


def test_schema_ddl_lints_clean(answer: dict[str, Any]) -> None:
    assert found(answer, "errors", "ddl[") == []
    assert found(answer, "warnings", "ddl[") == []


def test_any_error_makes_the_run_fail(answer: dict[str, Any]) -> None:
    assert answer["exit"] == 1


def test_syntax_error_is_an_error_at_its_line(answer: dict[str, Any]) -> None:
    errors = found(answer, "errors", "neg:syntax")
    assert errors and errors[0]["line"] == 2


def test_removed_exists_function_is_an_error(answer: dict[str, Any]) -> None:
    assert any("exists" in e["message"] for e in found(answer, "errors", "neg:exists"))


def test_misspelt_label_and_property_are_warnings(answer: dict[str, Any]) -> None:
    assert found(answer, "errors", "neg:typo") == []
    messages = " ".join(w["message"] for w in found(answer, "warnings", "neg:typo"))
    assert "Regoin" in messages and "nmae" in messages


def test_undeclared_parameter_is_an_error(answer: dict[str, Any]) -> None:
    assert any("$code" in e["message"] for e in found(answer, "errors", "neg:undeclared"))
    assert found(answer, "errors", "pos:declared") == []


def test_lint_script_reads_files_with_header_parameters(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(tool.db_schema()), encoding="utf-8")
    good = tmp_path / "good.cypher"
    good.write_text(
        "// name: good\n// param code: str — a code\nMATCH (r:Region {code: $code}) RETURN r.name\n"
    )
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (r:Region) WHERE exists(r.name) RETURN r\n")
    proc = subprocess.run(
        ["node", str(tool.LINT_DIR / "lint.mjs"), "--schema", str(schema), str(good), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert f"{bad}:1:" in proc.stdout and "error" in proc.stdout
    assert str(good) not in proc.stdout
