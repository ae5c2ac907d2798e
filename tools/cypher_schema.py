"""Print govkg's graph schema as the DbSchema JSON Neo4j's Cypher linter takes.

    python tools/cypher_schema.py                  # the DbSchema object
    python tools/cypher_schema.py --queries        # {"schema": ..., "queries": [...]} for lint.mjs stdin
    python tools/cypher_schema.py --queries | node tools/cypher-lint/lint.mjs

``--queries`` collects every Neo4j text of the catalog: the ``*.cypher`` files that are
not ``<name>.falkordb.cypher`` overrides, with the parameters their headers declare.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govkg.graph import model

REPO_ROOT = Path(__file__).resolve().parents[1]
QUERIES_DIR = REPO_ROOT / "govkg" / "queries"
LINT_DIR = REPO_ROOT / "tools" / "cypher-lint"
_PARAM_LINE = re.compile(r"^\s*//\s*param\s+([A-Za-z_]\w*)\s*:", re.MULTILINE)


def db_schema() -> dict[str, Any]:
    """Labels, relationship types, property keys and (from)-[type]->(to) triples from govkg.graph.model."""
    return {
        "labels": sorted(model.NODE_TYPES),
        "relationshipTypes": sorted(model.REL_TYPES),
        "propertyKeys": model.property_names(),
        "graphSchema": [
            {"from": src, "relType": rel.type, "to": dst}
            for rel in model.REL_TYPES.values()
            for src in rel.sources
            for dst in rel.targets
        ],
    }


def header_parameters(text: str) -> list[str]:
    """The parameter names a catalog file's ``// param name: ...`` header lines declare."""
    return _PARAM_LINE.findall(text)


def neo4j_query_files(directory: Path = QUERIES_DIR) -> list[Path]:
    """The catalog files Neo4j runs: every ``.cypher`` except ``.falkordb.cypher`` overrides."""
    return sorted(p for p in directory.glob("*.cypher") if not p.name.endswith(".falkordb.cypher"))


def lint_input(texts: Iterable[tuple[str, str, list[str]]]) -> dict[str, Any]:
    """The stdin document for lint.mjs from (path, text, parameter names) triples."""
    return {
        "schema": db_schema(),
        "queries": [{"path": path, "text": text, "parameters": params} for path, text, params in texts],
    }


def catalog_lint_input(directory: Path = QUERIES_DIR) -> dict[str, Any]:
    """The lint.mjs stdin document for every Neo4j text in the catalog directory."""
    return lint_input(
        (str(p), text, header_parameters(text))
        for p in neo4j_query_files(directory)
        for text in [p.read_text(encoding="utf-8")]
    )


def linter_missing() -> str | None:
    """Why lint.mjs cannot run here (no node, or no ``npm ci`` yet), or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return f"{LINT_DIR}/node_modules is absent: run `npm ci` there"
    return None


def run_lint(doc: dict[str, Any]) -> dict[str, Any]:
    """Feed a lint.mjs stdin document to the linter; returns its --json answer plus ``exit``."""
    node = shutil.which("node") or "node"
    proc = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs"), "--json"],
        input=json.dumps(doc, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=LINT_DIR,
        check=False,
        timeout=120,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"lint.mjs failed ({proc.returncode}): {proc.stderr.strip()}")
    answer: dict[str, Any] = json.loads(proc.stdout)
    answer["exit"] = proc.returncode
    return answer


def main(argv: list[str] | None = None) -> int:
    """Write the schema (or schema plus catalog queries) as JSON to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--queries", action="store_true", help="also include the catalog's Neo4j texts")
    parser.add_argument("--dir", type=Path, default=QUERIES_DIR, help="catalog directory")
    args = parser.parse_args(argv)
    doc = catalog_lint_input(args.dir) if args.queries else db_schema()
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
