"""`govkg export neo4j-import --from-extractions`: the bulk-import CSVs built from extraction shards
alone equal, file for file, the CSVs exported from a store loaded with the same shards."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from govkg.config import Settings
from govkg.graph.neo4j_import import export_from_extractions, export_neo4j_import
from govkg.graph.offline import OfflineGraph
from govkg.graph.store import GraphStore
from govkg.loaders.extraction import Extraction
from govkg.loaders.shards import extract_to_shards
from govkg.loading import load_from_extractions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def without_loaded_at(path: Path) -> list[list[str]]:
    """The CSV's cells, the load time blanked (each path stamps the time it ran)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    drop = [i for i, name in enumerate(rows[0]) if name == "loaded_at"]
    return [[cell for i, cell in enumerate(row) if i not in drop] for row in rows]


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ extracted into JSONL shards (two shards, to read across a boundary)."""
    out = tmp_path_factory.mktemp("shards")
    settings = Settings(data_dir=tmp_path_factory.mktemp("extract-data"))
    assert extract_to_shards([EXAMPLES], out, settings, shard_size=7) >= 10
    assert len(list(out.glob("*.jsonl"))) >= 2
    return out


def test_csvs_from_shards_equal_the_store_export(any_store: GraphStore, shards: Path, tmp_path: Path) -> None:
    summary = load_from_extractions(any_store, shards, Settings(data_dir=tmp_path / "d"))
    assert summary.loaded >= 10
    stored = export_neo4j_import(any_store, tmp_path / "store")
    offline = export_from_extractions(shards, tmp_path / "offline")
    assert offline.node_counts == stored.node_counts
    assert offline.relationship_counts == stored.relationship_counts
    assert {"ADOPTED", "COVERS", "IMPLEMENTS", "MENTIONS"} <= set(stored.relationship_counts)
    assert [p.name for p in offline.node_files.values()] == [p.name for p in stored.node_files.values()]
    pairs = [(stored.node_files[k], offline.node_files[k]) for k in stored.node_files]
    pairs += [
        (stored.relationship_files[k], offline.relationship_files[k]) for k in stored.relationship_files
    ]
    assert set(offline.relationship_files) == set(stored.relationship_files)
    for a, b in pairs:
        assert without_loaded_at(a) == without_loaded_at(b), a.name
    assert offline.command.replace(str(tmp_path / "offline"), "D") == stored.command.replace(
        str(tmp_path / "store"), "D"
    )


def test_a_report_given_twice_is_written_once(extractions: list[Extraction]) -> None:
    once, twice = OfflineGraph("t"), OfflineGraph("t")
    for ex in extractions:
        assert once.add(ex)
    for ex in [*extractions, extractions[0]]:
        twice.add(ex)
    assert list(twice.node_rows()) == list(once.node_rows())
    assert list(twice.relationship_rows()) == list(once.relationship_rows())
    adopted = [r for r in once.relationship_rows() if r["type"] == "ADOPTED"]
    assert adopted and all(r["props"]["reports"] >= 1 and len(r["props"]["sample"]) <= 3 for r in adopted)


def test_cli_builds_the_csvs_without_a_store(shards: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from govkg.cli import app

    data_dir = tmp_path / "never-made"
    result = CliRunner().invoke(
        app,
        [
            "export",
            "neo4j-import",
            str(tmp_path / "csv"),
            "--from-extractions",
            str(shards),
            "--data-dir",
            str(data_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("neo4j-admin database import full neo4j")
    assert (tmp_path / "csv" / "nodes_Report.csv").is_file()
    assert not data_dir.exists()  # no store was opened, no data directory made
    missing = CliRunner().invoke(
        app, ["export", "neo4j-import", str(tmp_path / "x"), "--from-extractions", str(tmp_path)]
    )
    assert missing.exit_code == 1 and "no extractions-" in missing.output


def test_store_rows_are_read_in_keyset_pages_in_the_export_order(
    any_store: GraphStore, shards: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govkg.graph import neo4j_import
    from govkg.queries.catalog import Catalog

    load_from_extractions(any_store, shards, Settings(data_dir=tmp_path / "d"))
    catalog = Catalog.default()
    whole = {"offset": 0, "limit": 10**7}
    nodes = any_store.run_read(catalog.get("export_nodes").text_for(any_store.dialect), whole)
    rels = any_store.run_read(catalog.get("export_relationships").text_for(any_store.dialect), whole)
    monkeypatch.setattr(neo4j_import, "PAGE_SIZE", 7)
    monkeypatch.setattr(neo4j_import, "START_PAGE", 5)
    paged_nodes, paged_rels = neo4j_import.store_rows(any_store)
    assert len(nodes) > 100 and len(rels) > 100
    assert [{k: r[k] for k in nodes[0]} for r in paged_nodes] == nodes
    assert [{k: r[k] for k in rels[0]} for r in paged_rels] == rels
