"""The graph, or a filtered subgraph, as GraphML, GEXF (Gephi) or node-link JSON.

Node ids are ``<type>:<key>`` (e.g. ``Region:150203``) so keys of different types never
collide. Attribute values are plain strings and ints: the GraphML and GEXF writers reject
``None`` and lists, so missing values are left out or written as empty strings.
networkx writes GraphML through lxml when it is installed (the ``analytics`` extra), a few
times faster than its ElementTree fallback on a 100k-edge graph.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar, cast
from xml.sax.saxutils import escape, quoteattr

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


def _context(keep: set[str], struct_rows: Sequence[Mapping[str, Any]]) -> set[str]:
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


# -- streaming GraphML and GEXF ---------------------------------------------------------------------

_NODE_ATTRS = ("type", "category", "level", "code")  # and label, which GEXF writes on the element
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPORT_PAGE = 200


def _text(value: Any) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def _attr(value: Any) -> str:
    return quoteattr(_XML_INVALID.sub("", str(value)))


def fact_pages(store: GraphStore, filters: Mapping[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """The fact edges' rows (analytics_graph_facts' columns), a page of reports at a time, keyset-
    paged on the report id; duplicates (type, source, target, report) within a page dropped."""
    from govkg.queries.catalog import run_query
    from govkg.queries.paging import report_pages

    for ids in report_pages(lambda name, params: run_query(store, name, params), REPORT_PAGE):
        rows = run_query(store, "analytics_graph_facts_of_reports", {"reports": ids, **filters})
        seen: set[tuple[str, str, str, str]] = set()
        page = []
        for r in rows:
            key = (str(r["type"]), str(r["source"]), str(r["target"]), str(r.get("report_id")))
            if key not in seen:
                seen.add(key)
                page.append(r)
        yield page


def export_graph(
    store: GraphStore,
    fmt: str,
    out: str | Path | IO[bytes] | IO[str],
    practice: str | None = None,
    within: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> tuple[int, int]:
    """Export the (filtered) graph from a store as GraphML, GEXF or node-link JSON; return (nodes,
    edges) written. Streamed, nodes then edges, reading the facts in keyset pages: memory holds
    the nodes and structural edges, never all facts. Read back with networkx, the file is the
    graph build_graph and write_graph would give."""
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}: use one of {', '.join(GRAPH_FORMATS)}")
    from govkg.queries.catalog import run_query

    filters = {"practice": practice, "within": within, "year_from": year_from, "year_to": year_to}
    info = {node_id(str(n["type"]), str(n["key"])): n for n in run_query(store, "analytics_graph_nodes", {})}
    structure = sorted(
        run_query(store, "analytics_graph_structure", {}),
        key=lambda r: (str(r["type"]), str(r["source"]), str(r["target"])),
    )
    if any(v is not None for v in filters.values()):
        keep: set[str] = set()
        for page in fact_pages(store, filters):  # a first pass for the endpoints only
            for r in page:
                keep.add(node_id(str(r["source_type"]), str(r["source"])))
                keep.add(node_id("Practice", str(r["target"])))
        keep |= _context(keep, structure)
    else:
        keep = set(info)
    kept = sorted(n for n in keep if n in info)
    present = set(kept)
    with _sink(out, text_ok=fmt == "json") as sink:
        write: _GexfWriter | _GraphmlWriter | _JsonWriter
        write = (
            _GexfWriter(sink)
            if fmt == "gexf"
            else _GraphmlWriter(sink)
            if fmt == "graphml"
            else _JsonWriter(sink)
        )
        write.begin()
        for nid in kept:
            write.node(nid, _node_attrs(info[nid]))
        write.end_nodes()
        edges = 0
        for page in fact_pages(store, filters):
            for r in page:
                src, dst = (
                    node_id(str(r["source_type"]), str(r["source"])),
                    node_id("Practice", str(r["target"])),
                )
                if src in present and dst in present:
                    report_id = str(r.get("report_id") or "")
                    attrs: dict[str, Any] = {"report_id": report_id}
                    if r.get("year") is not None:
                        attrs["year"] = int(r["year"])
                    if r.get("evidence"):
                        attrs["evidence"] = str(r["evidence"])
                    write.edge(src, dst, f"{r['type']}:{report_id}", str(r["type"]), attrs)
                    edges += 1
        for r in structure:
            src = node_id(str(r["source_type"]), str(r["source"]))
            dst = node_id(str(r["target_type"]), str(r["target"]))
            if src in present and dst in present:
                write.edge(src, dst, str(r["type"]), str(r["type"]), {"report_id": ""})
                edges += 1
        write.end()
    return len(kept), edges


@contextmanager
def _sink(out: str | Path | IO[bytes] | IO[str], text_ok: bool = False) -> Iterator[Callable[[str], Any]]:
    """A function writing text to ``out`` as UTF-8: a path, a binary stream, or (when ``text_ok``,
    or through its buffer) a text stream."""
    if isinstance(out, str | Path):
        # a temporary file beside the target, renamed over it only once the export is complete
        target = Path(out)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield lambda text: fh.write(text.encode("utf-8"))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    if not hasattr(out, "encoding"):
        binary = cast(IO[bytes], out)
        yield lambda text: binary.write(text.encode("utf-8"))
        return
    if text_ok:
        yield cast(IO[str], out).write
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        raise ValueError("graphml and gexf are written as bytes: give a file path or a binary stream")
    out.flush()
    yield lambda text: buffer.write(text.encode("utf-8"))


class _JsonWriter:
    """Node-link JSON as write_graph writes it (networkx's node_link_data, edges under "edges"),
    one node or edge at a time."""

    def __init__(self, write: Callable[[str], Any]) -> None:
        self._w = write
        self.first = True

    def _item(self, data: Mapping[str, Any]) -> None:
        self._w(("\n  " if self.first else ",\n  ") + json.dumps(data, ensure_ascii=False))
        self.first = False

    def begin(self) -> None:
        self._w('{\n "directed": true,\n "multigraph": true,\n "graph": {},\n "nodes": [')

    def node(self, nid: str, attrs: Mapping[str, Any]) -> None:
        self._item({**attrs, "id": nid})

    def end_nodes(self) -> None:
        self._w('\n ],\n "edges": [')
        self.first = True

    def edge(self, src: str, dst: str, key: str, type_: str, attrs: Mapping[str, Any]) -> None:
        self._item({"type": type_, **attrs, "source": src, "target": dst, "key": key})

    def end(self) -> None:
        self._w("\n ]\n}\n")


class _GraphmlWriter:
    """GraphML as networkx writes it (the same keys and types), one element at a time."""

    _KEYS = (
        ("d0", "node", "label", "string"),
        *((f"d{i}", "node", name, "string") for i, name in enumerate(_NODE_ATTRS, 1)),
        ("d5", "edge", "type", "string"),
        ("d6", "edge", "report_id", "string"),
        ("d7", "edge", "year", "long"),
        ("d8", "edge", "evidence", "string"),
    )
    _EDGE_KEY: ClassVar[dict[str, str]] = {"type": "d5", "report_id": "d6", "year": "d7", "evidence": "d8"}

    def __init__(self, write: Callable[[str], Any]) -> None:
        self._w = write

    def begin(self) -> None:
        self._w(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        for key, domain, name, type_ in self._KEYS:
            self._w(f'<key id="{key}" for="{domain}" attr.name="{name}" attr.type="{type_}"/>\n')
        self._w('<graph edgedefault="directed">\n')

    def node(self, nid: str, attrs: Mapping[str, Any]) -> None:
        data = "".join(
            f'  <data key="{key}">{_text(attrs[name])}</data>\n'
            for key, domain, name, _ in self._KEYS
            if domain == "node"
        )
        self._w(f"<node id={_attr(nid)}>\n{data}</node>\n")

    def end_nodes(self) -> None:
        pass

    def edge(self, src: str, dst: str, key: str, type_: str, attrs: Mapping[str, Any]) -> None:
        data = "".join(
            f'  <data key="{self._EDGE_KEY[name]}">{_text(value)}</data>\n'
            for name, value in {"type": type_, **attrs}.items()
        )
        self._w(f"<edge source={_attr(src)} target={_attr(dst)} id={_attr(key)}>\n{data}</edge>\n")

    def end(self) -> None:
        self._w("</graph></graphml>\n")


class _GexfWriter:
    """GEXF 1.2 as networkx writes it (gexf_ready: the relationship type as the edge label, the
    multigraph key as networkx_key), one element at a time."""

    _EDGE_ATTRS = (("4", "report_id", "string"), ("5", "networkx_key", "string"), ("6", "year", "long"),
                   ("7", "evidence", "string"))  # fmt: skip
    _EDGE_ID: ClassVar[dict[str, str]] = {name: aid for aid, name, _ in _EDGE_ATTRS}

    def __init__(self, write: Callable[[str], Any]) -> None:
        self._w = write
        self.edges = 0

    def begin(self) -> None:
        self._w(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<gexf xmlns="http://www.gexf.net/1.2draft" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.gexf.net/1.2draft '
            'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">'
            "<meta><creator>govkg</creator></meta>"
            '<graph defaultedgetype="directed" mode="static" name="">'
            '<attributes mode="static" class="edge">'
        )
        for aid, name, type_ in self._EDGE_ATTRS:
            self._w(f'<attribute id="{aid}" title="{name}" type="{type_}" />')
        self._w('</attributes><attributes mode="static" class="node">')
        for i, name in enumerate(_NODE_ATTRS):
            self._w(f'<attribute id="{i}" title="{name}" type="string" />')
        self._w("</attributes>\n<nodes>")

    def node(self, nid: str, attrs: Mapping[str, Any]) -> None:
        values = "".join(
            f'<attvalue for="{aid}" value={_attr(attrs[name])} />' for aid, name in enumerate(_NODE_ATTRS)
        )
        self._w(
            f"<node id={_attr(nid)} label={_attr(attrs['label'])}><attvalues>{values}</attvalues></node>\n"
        )

    def end_nodes(self) -> None:
        self._w("</nodes>\n<edges>")

    def edge(self, src: str, dst: str, key: str, type_: str, attrs: Mapping[str, Any]) -> None:
        values = "".join(
            f'<attvalue for="{self._EDGE_ID[name]}" value={_attr(value)} />'
            for name, value in {**attrs, "networkx_key": key}.items()
        )
        self._w(
            f'<edge source={_attr(src)} target={_attr(dst)} id="{self.edges}" label={_attr(type_)}>'
            f"<attvalues>{values}</attvalues></edge>\n"
        )
        self.edges += 1

    def end(self) -> None:
        self._w("</edges></graph></gexf>\n")
