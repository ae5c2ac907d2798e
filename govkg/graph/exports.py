"""The graph, or a filtered subgraph, as GraphML, GEXF (Gephi) or node-link JSON.

Node ids are ``<type>:<key>`` (e.g. ``Region:150203``) so keys of different types never
collide. Attribute values are plain strings and ints: the GraphML and GEXF writers reject
``None`` and lists, so missing values are left out or written as empty strings.
networkx writes GraphML through lxml when it is installed (the ``analytics`` extra), a few
times faster than its ElementTree fallback on a 100k-edge graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import networkx as nx

if TYPE_CHECKING:
    from govkg.graph.store import GraphStore

GRAPH_FORMATS = ("graphml", "gexf", "json")
FACT_TYPES = ("ADOPTED", "IMPLEMENTS")


def node_id(type_: str, key: str) -> str:
    """The export id of a node: its type and business key."""
    return f"{type_}:{key}"


def build_graph(
    nodes: Iterable[Mapping[str, Any]],
    facts: Iterable[Mapping[str, Any]],
    structure: Iterable[Mapping[str, Any]],
    filtered: bool = False,
) -> nx.MultiDiGraph:
    """Assemble a MultiDiGraph from the three export queries' rows.

    Unfiltered, every node is kept. Filtered, only the endpoints of the given fact edges
    are kept, plus the structural neighbours that give them context (the practices'
    categories and variants, the agencies' regions, and the PART_OF chain above the kept
    regions).
    """
    info = {node_id(str(n["type"]), str(n["key"])): n for n in nodes}
    g = nx.MultiDiGraph()
    fact_rows = sorted(
        facts, key=lambda r: (str(r["type"]), str(r["source"]), str(r["target"]), str(r.get("report_id")))
    )
    struct_rows = sorted(structure, key=lambda r: (str(r["type"]), str(r["source"]), str(r["target"])))
    keep: set[str]
    if filtered:
        keep = set()
        for r in fact_rows:
            keep.add(node_id(str(r["source_type"]), str(r["source"])))
            keep.add(node_id("Practice", str(r["target"])))
        keep |= _context(keep, struct_rows)
    else:
        keep = set(info)
    for nid in sorted(keep):
        if nid in info:
            g.add_node(nid, **_node_attrs(info[nid]))
    for r in fact_rows:
        src, dst = node_id(str(r["source_type"]), str(r["source"])), node_id("Practice", str(r["target"]))
        if src in g and dst in g:
            attrs: dict[str, Any] = {"type": str(r["type"]), "report_id": str(r.get("report_id") or "")}
            if r.get("year") is not None:
                attrs["year"] = int(r["year"])
            if r.get("evidence"):
                attrs["evidence"] = str(r["evidence"])
            g.add_edge(src, dst, key=f"{r['type']}:{attrs['report_id']}", **attrs)
    for r in struct_rows:
        src = node_id(str(r["source_type"]), str(r["source"]))
        dst = node_id(str(r["target_type"]), str(r["target"]))
        if src in g and dst in g:
            g.add_edge(src, dst, key=str(r["type"]), type=str(r["type"]), report_id="")
    return g


def _context(keep: set[str], struct_rows: list[Mapping[str, Any]]) -> set[str]:
    up: dict[str, list[str]] = {}
    for r in struct_rows:
        src = node_id(str(r["source_type"]), str(r["source"]))
        up.setdefault(src, []).append(node_id(str(r["target_type"]), str(r["target"])))
    out: set[str] = set()
    todo = list(keep)
    while todo:
        nid = todo.pop()
        for nxt in up.get(nid, ()):
            # climb PART_OF from regions and agencies; one hop from practices (category, variant)
            if nxt not in keep and nxt not in out:
                out.add(nxt)
                if nxt.startswith("Region:"):
                    todo.append(nxt)
    return out


def _node_attrs(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "label": str(row.get("name") or row["key"]),
        "type": str(row["type"]),
        "category": str(row.get("category") or ""),
        "level": str(row.get("level") or ""),
        "code": str(row["key"]),
    }


def read_graph(
    store: GraphStore,
    practice: str | None = None,
    within: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> nx.MultiDiGraph:
    """Read the whole graph, or the subgraph the filters select, through the catalog."""
    from govkg.queries.catalog import run_query

    filters = {"practice": practice, "within": within, "year_from": year_from, "year_to": year_to}
    return build_graph(
        run_query(store, "analytics_graph_nodes", {}),
        run_query(store, "analytics_graph_facts", filters),
        run_query(store, "analytics_graph_structure", {}),
        filtered=any(v is not None for v in filters.values()),
    )


def write_graph(graph: nx.MultiDiGraph, fmt: str, out: str | Path | IO[bytes] | IO[str]) -> None:
    """Write a graph as graphml, gexf (bytes) or node-link json (text) to a path or stream."""
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(GRAPH_FORMATS)}")
    if fmt == "json":
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
        if isinstance(out, str | Path):
            Path(out).write_text(text + "\n", encoding="utf-8")
        elif hasattr(out, "encoding"):
            cast(IO[str], out).write(text + "\n")
        else:
            cast(IO[bytes], out).write((text + "\n").encode("utf-8"))
        return
    sink: Any = out
    if not isinstance(out, str | Path) and hasattr(out, "encoding"):
        sink = getattr(out, "buffer", None)
        if sink is None:
            raise ValueError(f"{fmt} is written as bytes: give a file path or a binary stream")
        out.flush()
    if fmt == "graphml":
        nx.write_graphml(graph, sink, encoding="utf-8")
    else:
        nx.write_gexf(gexf_ready(graph), sink, encoding="utf-8", prettyprint=False)


def gexf_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose edges carry their relationship type as ``label``.

    GEXF reserves an edge's ``type`` for directed/undirected, so the relationship type goes
    in the edge label, which Gephi shows.
    """
    out = graph.copy()
    for _, _, data in out.edges(data=True):
        data["label"] = data.pop("type")
    return out


def export_graph(
    store: GraphStore,
    fmt: str,
    out: str | Path | IO[bytes] | IO[str],
    practice: str | None = None,
    within: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> tuple[int, int]:
    """Export the (filtered) graph from a store; return (nodes, edges) written."""
    graph = read_graph(store, practice=practice, within=within, year_from=year_from, year_to=year_to)
    write_graph(graph, fmt, out)
    return graph.number_of_nodes(), graph.number_of_edges()
