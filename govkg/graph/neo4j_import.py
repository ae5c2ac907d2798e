"""Export a govkg graph as CSV files for ``neo4j-admin database import full``.

The bulk importer builds a fresh Neo4j database far faster than transactional
writes. It wants one CSV per node label, with the key column typed as the label's
ID space (``code:ID(Region)``) and the other columns typed (``year:long``,
``aliases:string[]``), and relationship CSVs whose ``:START_ID(Label)`` /
``:END_ID(Label)`` columns name those ID spaces. A relationship type joining
several label pairs (MENTIONS, OF_REGION) gets one file per pair.

Empty strings and nulls are both written as empty cells, which the importer
leaves unset. Arrays use the importer's default delimiter ``;``.
"""

from __future__ import annotations

import csv
import shlex
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govkg.graph import model
from govkg.graph.store import GraphStore
from govkg.queries.catalog import Catalog

ARRAY_DELIMITER = ";"
PAGE_SIZE = 10_000
START_PAGE = 2_000  # start nodes per page of relationships
DATABASE = "neo4j"


@dataclass(slots=True)
class ImportFiles:
    """What export_neo4j_import wrote, with row counts and the import command to run."""

    out_dir: Path
    node_files: dict[str, Path] = field(default_factory=dict)  # label -> CSV
    relationship_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)  # (type, from, to)
    node_counts: dict[str, int] = field(default_factory=dict)  # label -> rows
    relationship_counts: dict[str, int] = field(default_factory=dict)  # type -> rows
    command: str = ""


def _keyset(store: GraphStore, text: str, id_column: str, limit: int) -> Iterator[dict[str, Any]]:
    """Rows of a keyset-paged export query: pages of ``limit`` ids after the last one seen."""
    after = -1
    while True:
        rows = store.run_read(text, {"after_id": after, "limit": limit})
        yield from rows
        ids = {int(r[id_column]) for r in rows}
        if len(ids) < limit:
            return
        after = max(ids)


def _sort_key(*values: Any) -> tuple[tuple[bool, Any], ...]:
    """ORDER BY over these values as the engines order them: nulls last."""
    return tuple((v is None, "" if v is None else v) for v in values)


def store_rows(
    store: GraphStore, catalog: Catalog | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node and relationship of the store, in the order export_nodes and export_relationships
    give them, read in keyset pages (a query sorting the whole graph exceeds the engine's per-query
    memory cap at a few thousand reports)."""
    catalog = catalog or Catalog.default()
    nodes = list(
        _keyset(store, catalog.get("export_nodes_after").text_for(store.dialect), "node_id", PAGE_SIZE)
    )
    nodes.sort(key=lambda r: _sort_key(r["label"], r["node_key"]))
    text = catalog.get("export_relationships_after").text_for(store.dialect)
    rels = [r for r in _keyset(store, text, "start_id", START_PAGE) if r["type"] is not None]
    rels.sort(
        key=lambda r: _sort_key(
            r["type"], r["start_label"], r["start_key"], r["end_label"], r["end_key"],
            (r["props"] or {}).get("report_id"), (r["props"] or {}).get("offset"),
        )
    )  # fmt: skip
    return nodes, rels


def _type_of(values: list[Any]) -> str:
    """The importer type suffix for a column holding these (non-null) values."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list | tuple) for v in present):
        items = [x for v in present for x in v]
        inner = _type_of(items) if items else ""
        return (inner or ":string") + "[]"
    if present and all(isinstance(v, bool) for v in present):
        return ":boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return ":long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return ":double"
    return ""  # string, the importer's default


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        parts = [_cell(v) for v in value]
        bad = [p for p in parts if ARRAY_DELIMITER in p]
        if bad:
            raise ValueError(f"array element {bad[0]!r} contains the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(parts)
    return str(value)


def _columns(props: list[dict[str, Any]], skip: str | None = None) -> list[tuple[str, str]]:
    """(property, typed header) pairs for every property seen, sorted by name (the stores return
    properties in orders of their own; sorted, the same graph gives the same CSVs)."""
    names = sorted({k for p in props for k in p if k != skip})
    return [(k, k + _type_of([p.get(k) for p in props])) for k in names]


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    """Write a header and rows (consumed one at a time); return the number of rows."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def import_command(files: ImportFiles, database: str = DATABASE) -> str:
    """The ``neo4j-admin database import full`` command line for these files.

    The database name comes first: ``--nodes``/``--relationships`` take any number of files,
    so a name after them would be read as one more file (neo4j-admin 5.26: "File 'neo4j'
    doesn't exist"). Report texts span lines, so multi-line fields are switched on.
    """
    args = ["neo4j-admin", "database", "import", "full", database, "--multiline-fields=true"]
    args += [f"--nodes={label}={path}" for label, path in sorted(files.node_files.items())]
    args += [
        f"--relationships={rel_type}={path}"
        for (rel_type, _, _), path in sorted(files.relationship_files.items())
    ]
    return shlex.join(args)


def export_neo4j_import(store: GraphStore, out_dir: Path, catalog: Catalog | None = None) -> ImportFiles:
    """Write node and relationship CSVs of the whole graph into out_dir; return them and the command."""
    nodes, rels = store_rows(store, catalog)
    return write_import_files(nodes, rels, out_dir)


def export_from_extractions(directory: Path, out_dir: Path, loaded_at: str | None = None) -> ImportFiles:
    """The CSVs export_neo4j_import would write after `govkg load --from-extractions directory`,
    built from the extraction shards alone, with no store (govkg.graph.offline)."""
    import time

    from govkg.graph.offline import OfflineGraph
    from govkg.loaders.practices import Taxonomy
    from govkg.loaders.shards import read_shards

    graph = OfflineGraph(loaded_at or time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    taxonomy = Taxonomy.default()
    graph.add_taxonomy(taxonomy.practices.values(), taxonomy.categories)
    for ex in read_shards(directory):
        graph.add(ex)
    return write_import_files(graph.node_rows(), graph.relationship_rows(), out_dir)


def write_import_files(
    node_rows: Iterable[dict[str, Any]], relationship_rows: Iterable[dict[str, Any]], out_dir: Path
) -> ImportFiles:
    """Write the CSVs of export_nodes-shaped and export_relationships-shaped rows into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ImportFiles(out_dir=out_dir)

    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in node_rows:
        props = row["props"]
        if row["label"] == "Sentence" and props.get("grams") is None:
            # the embedded store keeps its evidence index beside the graph; Neo4j's index reads these
            props = {**props, "grams": model.sentence_grams(props.get("folded") or props["text"])}
        nodes[row["label"]].append(props)
    for label, props in sorted(nodes.items()):
        key = model.UNIQUE_KEYS.get(label)
        if key is None:
            raise ValueError(f"label {label!r} is not in govkg.graph.model")
        columns = _columns(props, skip=key)
        header = [f"{key}:ID({label})", *(typed for _, typed in columns), ":LABEL"]
        rows = ([_cell(p.get(key)), *(_cell(p.get(name)) for name, _ in columns), label] for p in props)
        path = out_dir / f"nodes_{label}.csv"
        files.node_files[label] = path
        files.node_counts[label] = _write_csv(path, header, rows)

    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in relationship_rows:
        rels[(row["type"], row["start_label"], row["end_label"])].append(row)
    for (rel_type, start, end), group in sorted(rels.items()):
        props = [r["props"] for r in group]
        columns = _columns(props)
        header = [f":START_ID({start})", f":END_ID({end})", *(typed for _, typed in columns), ":TYPE"]
        rel_rows = (
            [
                _cell(r["start_key"]),
                _cell(r["end_key"]),
                *(_cell(r["props"].get(n)) for n, _ in columns),
                rel_type,
            ]
            for r in group
        )
        path = out_dir / f"rels_{rel_type}_{start}_{end}.csv"
        files.relationship_files[(rel_type, start, end)] = path
        written = _write_csv(path, header, rel_rows)
        files.relationship_counts[rel_type] = files.relationship_counts.get(rel_type, 0) + written

    files.command = import_command(files)
    return files
