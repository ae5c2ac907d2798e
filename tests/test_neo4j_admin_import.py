"""`govkg export neo4j-import` CSVs imported by Neo4j's own `neo4j-admin database import full`.

The seed and dev reports are loaded into the embedded store with `govkg load`; `govkg export
neo4j-import` writes the CSVs and prints the import command, which runs with neo4j-admin from
the Maven-fetched jars (scripts/neo4j_local.py) into a fresh NEO4J_HOME. A second server is
started on that database; its node and relationship counts per label and type, and the answers
of three catalog queries, must equal the embedded store's.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_compare import differences, report
from test_neo4j_local import nl

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.queries.catalog import Catalog

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
CATALOG = Catalog.default()
COUNTS = """
MATCH (n) WITH labels(n)[0] AS label, count(*) AS n RETURN 'node' AS kind, label AS name, n
UNION ALL
MATCH ()-[r]->() WITH type(r) AS t, count(*) AS n RETURN 'edge' AS kind, t AS name, n
"""

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def govkg(*args: str, data_dir: Path) -> str:
    """Run the govkg CLI on the embedded store in data_dir; its standard output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["GOVKG_STORE"] = "falkordb"
    done = subprocess.run(
        [sys.executable, "-m", "govkg.cli", *args, "--data-dir", str(data_dir)],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"govkg {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}"
    return done.stdout


def answers(store: GraphStore) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Counts per label and type, and three catalog queries under a few parameter sets."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {("counts", ""): store.run_read(COUNTS)}
    keys = [
        r["key"] for r in store.run_read("MATCH (p:Practice)<-[:ADOPTED]-() RETURN DISTINCT p.key AS key")
    ]
    codes = [
        r["code"] for r in store.run_read("MATCH (r:Region)-[:ADOPTED]->() RETURN DISTINCT r.code AS code")
    ]
    assert len(keys) > 10 and len(codes) > 10
    sets = {
        "practice_adopters": [{"key": k, "rollup": True} for k in sorted(keys)[:6]],
        "region_practices": [{"code": c} for c in sorted(codes)[:6]],
        "stats": [{}],
    }
    for name, params_list in sets.items():
        query = CATALOG.get(name)
        for raw in params_list:
            params = query.bind(raw)
            out[(name, repr(sorted(params.items())))] = store.run_read(query.text_for(store.dialect), params)
    return out


@pytest.fixture
def imported_server(tmp_path: Path) -> Iterator[tuple[Path, Any]]:
    """The embedded data dir loaded with seeds + dev, and a Neo4j server on its imported database."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared data folder {SHARED_DIR} is missing")
    data_dir = tmp_path / "data"
    govkg(
        "load", str(SHARED_DIR / "corpus"), str(SHARED_DIR / "gold" / "dev" / "docs"), "-q", data_dir=data_dir
    )
    command = (
        govkg("export", "neo4j-import", str(tmp_path / "csv"), data_dir=data_dir).strip().splitlines()[-1]
    )
    args = shlex.split(command)
    assert args[:4] == ["neo4j-admin", "database", "import", "full"], command
    home = tmp_path / "neo4j-home"
    nl.write_home(home, nl.server_config(nl.free_port(), nl.free_port()))
    done = nl.admin(home, args[1:])
    assert done.returncode == 0, f"neo4j-admin import failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert "IMPORT DONE" in done.stdout, done.stdout[-2000:]
    server = nl.start(home, heap="512m")
    try:
        yield data_dir, server
    finally:
        server.stop()


def test_imported_database_equals_the_embedded_store(imported_server: tuple[Path, Any]) -> None:
    data_dir, server = imported_server
    with FalkorStore(data_dir) as embedded:
        expected = answers(embedded)
    imported = Neo4jStore(server.uri, server.user, server.password)
    try:
        got = answers(imported)
    finally:
        imported.close()
    counts = {(r["kind"], r["name"]): r["n"] for r in got[("counts", "")]}
    assert counts[("node", "Report")] >= 40 and counts[("edge", "ADOPTED")] > 100, counts
    diffs = differences(expected, got, names=("embedded", "imported"))
    assert not diffs, report(diffs)
