"""neo4j-admin import CSVs exported from a small graph, checked against the graph itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from govkg.graph import model
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_import import ImportFiles, _cell, export_neo4j_import
from govkg.graph.writer import write_extraction
from govkg.loaders.extraction import Extraction


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of one CSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture
def exported(
    falkor_store: FalkorStore, extractions: list[Extraction], tmp_path: Path
) -> tuple[FalkorStore, ImportFiles]:
    for ex in extractions:
        write_extraction(falkor_store, ex)
    return falkor_store, export_neo4j_import(falkor_store, tmp_path / "import")


def test_one_node_file_per_label_with_matching_rows_and_ids(
    exported: tuple[FalkorStore, ImportFiles],
) -> None:
    store, files = exported
    labels = {r["label"] for r in store.run_read("MATCH (n) RETURN DISTINCT labels(n)[0] AS label")}
    assert set(files.node_files) == labels == set(model.NODE_TYPES)
    for label, path in files.node_files.items():
        key = model.UNIQUE_KEYS[label]
        header, rows = read_csv(path)
        assert header[0] == f"{key}:ID({label})" and header[-1] == ":LABEL"
        keys = store.run_read(f"MATCH (n:{label}) RETURN n.{key} AS k")
        assert sorted(r[header[0]] for r in rows) == sorted(str(r["k"]) for r in keys)
        assert files.node_counts[label] == len(rows) == len(keys)
        assert {r[":LABEL"] for r in rows} == {label}


def test_array_and_typed_columns(exported: tuple[FalkorStore, ImportFiles]) -> None:
    store, files = exported
    header, rows = read_csv(files.node_files["Practice"])
    assert "aliases:string[]" in header
    stored = {
        r["key"]: r["aliases"]
        for r in store.run_read("MATCH (p:Practice) RETURN p.key AS key, p.aliases AS aliases")
    }
    for row in rows:
        cell = row["aliases:string[]"]
        assert (cell.split(";") if cell else []) == list(stored[row["key:ID(Practice)"]] or [])
    report_header, _ = read_csv(files.node_files["Report"])
    assert "year:long" in report_header and "chars:long" in report_header
    m_header, _ = read_csv(files.node_files["Measurement"])
    assert "value:double" in m_header or "value:long" in m_header


def test_relationship_files_match_the_graph(exported: tuple[FalkorStore, ImportFiles]) -> None:
    store, files = exported
    counts = {r["t"]: r["n"] for r in store.run_read("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n")}
    assert files.relationship_counts == counts
    node_ids: dict[str, set[str]] = {}
    for label, path in files.node_files.items():
        header, rows = read_csv(path)
        node_ids[label] = {r[header[0]] for r in rows}
    total: dict[str, int] = {}
    for (rel_type, start, end), path in files.relationship_files.items():
        header, rows = read_csv(path)
        assert header[:2] == [f":START_ID({start})", f":END_ID({end})"] and header[-1] == ":TYPE"
        assert all(r[header[0]] in node_ids[start] and r[header[1]] in node_ids[end] for r in rows)
        assert {r[":TYPE"] for r in rows} == {rel_type}
        total[rel_type] = total.get(rel_type, 0) + len(rows)
    assert total == counts
    adopted_header, adopted = read_csv(files.relationship_files[("ADOPTED", "Region", "Practice")])
    assert {"reports:long", "facts:long", "first_year:long", "sample:string[]"} <= set(adopted_header)
    samples = {tuple(r["s"]) for r in store.run_read("MATCH ()-[a:ADOPTED]->() RETURN a.sample AS s")}
    assert {tuple(r["sample:string[]"].split(";")) for r in adopted} == samples
    fact_header, facts = read_csv(files.node_files["Fact"])
    assert {"report_id", "kind"} <= set(fact_header) and facts
    assert not any(h.startswith("rank") for h in fact_header)  # facts do not store their rank


def test_command_names_every_file(exported: tuple[FalkorStore, ImportFiles]) -> None:
    _, files = exported
    # The database first: the file options take several values and would swallow a name after them.
    assert files.command.startswith("neo4j-admin database import full neo4j --multiline-fields=true --nodes=")
    for label, path in files.node_files.items():
        assert f"--nodes={label}={path}" in files.command
    for (rel_type, _, _), path in files.relationship_files.items():
        assert f"--relationships={rel_type}={path}" in files.command


def test_empty_graph_exports_nothing(falkor_store: FalkorStore, tmp_path: Path) -> None:
    files = export_neo4j_import(falkor_store, tmp_path / "empty")
    assert files.node_files == {} and files.relationship_files == {}
    assert files.command == "neo4j-admin database import full neo4j --multiline-fields=true"


def test_array_delimiter_inside_a_value_is_refused() -> None:
    assert _cell(["a", "b"]) == "a;b"
    assert _cell(True) == "true" and _cell(None) == ""
    with pytest.raises(ValueError, match="delimiter"):
        _cell(["a;b"])
