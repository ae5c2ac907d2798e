"""The `govkg` command: demo, load, serve, query, export, stats, extract, plot."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer

from govkg import __version__
from govkg.config import Settings

app = typer.Typer(
    help="govkg: a knowledge graph of Chinese local social-governance practice.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(
    help="Write facts or the graph out in formats other tools read.", no_args_is_help=True
)
plot_app = typer.Typer(help="Draw figures from the graph.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(plot_app, name="plot")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", help="'falkordb' (embedded, default) or a Neo4j URI such as neo4j://localhost:7687"
    ),
]
DataDirOpt = Annotated[
    Path | None, typer.Option("--data-dir", help="Data directory (default: GOVKG_DATA_DIR)")
]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout")]
PracticeOpt = Annotated[str | None, typer.Option(help="Only this practice (key, name or alias)")]
WithinOpt = Annotated[str | None, typer.Option(help="Only this region and those under it (code or name)")]


def _settings(store: str | None = None, data_dir: Path | None = None) -> Settings:
    overrides: dict[str, Any] = {}
    if store:
        overrides["store"] = store
    if data_dir:
        overrides["data_dir"] = data_dir
    try:
        return Settings(**overrides)
    except Exception as exc:
        _fail(f"invalid settings: {exc}")
        raise  # unreachable


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"govkg: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _opened(settings: Settings) -> Any:
    from govkg.graph.store import StoreError
    from govkg.knowledge import KnowledgeGraph

    try:
        kg = KnowledgeGraph.open(settings)
    except (StoreError, PermissionError) as exc:
        _fail(str(exc))
        raise
    try:
        yield kg
    finally:
        kg.close()


def _names(kg: Any, practice: str | None = None, within: str | None = None) -> tuple[str | None, str | None]:
    """Resolve --practice/--within like REST does (names, aliases, either script); exit 2 if unknown."""
    try:
        key = kg.practice(practice)["key"] if practice else None
        code = kg.region(within)["code"] if within else None
    except LookupError as exc:
        _fail(str(exc), 2)
        raise
    return key, code


@contextmanager
def _output(path: Path | None, binary: bool = False) -> Any:
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    if binary:
        with path.open("wb") as fh:
            yield fh
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


@app.command()
def version() -> None:
    """Print the govkg version."""
    typer.echo(__version__)


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories (txt, html, json, jsonl)")],
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
    force: Annotated[bool, typer.Option(help="Re-extract and rewrite reports already loaded")] = False,
    fresh: Annotated[bool, typer.Option(help="Empty the graph first")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")] = False,
    follow_links: Annotated[
        bool, typer.Option(help="Follow symlinks that point outside the folders given (refused by default)")
    ] = False,
) -> None:
    """Load reports into the graph. Exit status 0: all loaded; 2: some files rejected; 1: failure."""
    settings = _settings(store, data_dir)
    if follow_links:
        settings = settings.model_copy(update={"follow_links": True})
    with _opened(settings) as kg:
        if fresh:
            kg.clear()
        summary = kg.load(paths, force=force, progress=not quiet)
    for rej in summary.rejected:
        typer.echo(f"rejected  {rej.path}: {rej.reason}", err=True)
    for fail in summary.failed:
        typer.echo(f"failed    {fail.path}: {fail.reason}", err=True)
    typer.echo(
        f"reports read {summary.read}, loaded {summary.loaded}, already loaded {summary.skipped}, "
        f"rejected {len(summary.rejected)}, failed {len(summary.failed)}; "
        f"nodes written {summary.nodes_created}, edges written {summary.edges_created} "
        f"in {summary.seconds:.1f}s"
    )
    raise typer.Exit(summary.exit_code)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    settings = _settings(store, data_dir)
    try:
        settings.ensure_data_dir()  # refuse a world-writable data dir before listening, not on first query
    except PermissionError as exc:
        _fail(str(exc))
    _serve(settings, host, port)


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from govkg.api.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    data_dir: DataDirOpt = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Load the sample corpus and stop")] = False,
) -> None:
    """Load the sample corpus (examples/) into the embedded store and serve the API."""
    if not EXAMPLES.is_dir():
        _fail(f"sample corpus not found at {EXAMPLES}: run the demo from a clone of the govkg repository")
    settings = _settings("falkordb", data_dir)
    base = f"http://{host}:{port}"
    typer.echo(f"govkg explorer: {base}/  (open it in a browser once the sample is loaded)")
    with _opened(settings) as kg:
        summary = kg.load([EXAMPLES], progress=False)
        stats = kg.stats()
    typer.echo(
        f"loaded {summary.loaded} reports from {EXAMPLES} ({summary.skipped} already there); "
        f"graph: {stats.get('nodes', 0)} nodes, {stats.get('relationships', 0)} relationships"
    )
    typer.echo(f"\nExplorer: {base}/   API: {base}  (OpenAPI docs: {base}/docs, {base}/redoc)\nTry:")
    # Non-ASCII goes percent-encoded (or through --data-urlencode): HTTP servers refuse raw UTF-8.
    typer.echo(f"  curl '{base}/practices?limit=5'")
    typer.echo(f"  curl '{base}/practices/{quote('枫桥经验')}/adopters?rollup=true'")
    typer.echo(f"  curl -G '{base}/search' --data-urlencode 'q=网格' -d limit=3")
    if no_serve:
        return
    _serve(settings, host, port)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            _fail(f"--param takes key=value, not {pair!r}", 2)
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Catalog query name (omit with --list)")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value, repeatable")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the catalog's queries")] = False,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Run a named catalog query."""
    from govkg.queries.catalog import Catalog

    catalog = Catalog.default()
    if list_ or not name:
        for q in catalog:
            params = ", ".join(f"{p.name}{'' if p.required else '?'}:{p.type}" for p in q.params)
            typer.echo(f"{q.name}({params})\n    {q.description}")
        return
    try:
        catalog.get(name)
    except KeyError:
        _fail(f"no query named {name!r}; `govkg query --list` shows them", 2)
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        try:
            rows = kg.query(name, **_parse_params(param or []))
        except ValueError as exc:
            _fail(str(exc), 2)
            return
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    _print_table(rows)


def _print_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    if not rows:
        typer.echo("(no rows)")
        return
    table = Table(*rows[0].keys())
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    Console().print(table)


def _cell(value: Any) -> str:
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


@app.command()
def stats(store: StoreOpt = None, data_dir: DataDirOpt = None) -> None:
    """Counts by label and relationship type."""
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        typer.echo(json.dumps(kg.stats(), ensure_ascii=False, indent=2))


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="One report file")],
) -> None:
    """Extract one report and print its Extraction as JSON, without writing anything."""
    from govkg.loaders.documents import DocumentError, iter_documents
    from govkg.loaders.extract import extract as run_extract

    bad = 0
    for doc in iter_documents([path]):
        if isinstance(doc, DocumentError):
            typer.echo(f"rejected  {doc}", err=True)
            bad += 1
            continue
        ex = run_extract(doc)
        data = asdict(ex)
        data["report"].pop("text", None)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    if bad:
        raise typer.Exit(2)


class AdoptionFormat(StrEnum):
    jsonl = "jsonl"


@export_app.command("adoptions")
def export_adoptions(
    fmt: Annotated[AdoptionFormat, typer.Option("--format", help="Output format")] = AdoptionFormat.jsonl,
    output: OutOpt = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """One JSON line per ADOPTED fact (the format ../shared/tools/score_adoptions.py scores)."""
    settings = _settings(store, data_dir)
    with _opened(settings) as kg, _output(output) as fh:
        n = kg.export_adoptions(fh)
    typer.echo(f"{n} adoption facts written", err=True)


class EventFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class GraphFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


@export_app.command("events")
def export_events(
    fmt: Annotated[EventFormat, typer.Option("--format", help="Output format")] = EventFormat.csv,
    output: OutOpt = None,
    practice: PracticeOpt = None,
    within: WithinOpt = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Adoption events: one row per (region, practice) with its first year, reports and earliest evidence."""
    from govkg.graph.analytics import adoption_events, write_events

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        practice, within = _names(kg, practice, within)
        events = adoption_events(kg.store, practice=practice, within=within)
    with _output(output, binary=fmt is EventFormat.parquet) as fh:
        n = write_events(events, fh, fmt.value)
    typer.echo(f"{n} adoption events written", err=True)


@export_app.command("graph")
def export_graph_cmd(
    fmt: Annotated[GraphFormat, typer.Option("--format", help="Output format")] = GraphFormat.graphml,
    output: OutOpt = None,
    practice: PracticeOpt = None,
    within: WithinOpt = None,
    year_from: Annotated[int | None, typer.Option(help="Only facts from this year on")] = None,
    year_to: Annotated[int | None, typer.Option(help="Only facts up to this year")] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """The graph, or a subgraph, as GraphML or GEXF (Gephi) or node-link JSON."""
    from govkg.graph.exports import export_graph

    settings = _settings(store, data_dir)
    with _opened(settings) as kg, _output(output, binary=fmt is not GraphFormat.json) as fh:
        practice, within = _names(kg, practice, within)
        nodes, edges = export_graph(
            kg.store, fmt.value, fh, practice=practice, within=within, year_from=year_from, year_to=year_to
        )
    typer.echo(f"{nodes} nodes, {edges} edges written", err=True)


@export_app.command("matrix")
def export_matrix(
    output: OutOpt = None,
    weighted: Annotated[bool, typer.Option(help="Cells count supporting reports instead of 0/1")] = False,
    level: Annotated[str | None, typer.Option(help="Only regions of this level")] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Region × practice matrix as CSV, for R and pandas."""
    from govkg.graph.analytics import adoption_events, write_matrix

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        events = adoption_events(kg.store)
    with _output(output) as fh:
        regions, practices = write_matrix(events, fh, weighted=weighted, level=level)
    typer.echo(f"{regions} regions × {practices} practices written", err=True)


@export_app.command("neo4j-import")
def export_neo4j_import_cmd(
    directory: Annotated[Path, typer.Argument(help="Directory for the CSV files")],
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Node and relationship CSVs for `neo4j-admin database import full`; prints the command."""
    from govkg.graph.neo4j_import import export_neo4j_import

    settings = _settings(store, data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    with _opened(settings) as kg:
        files = export_neo4j_import(kg.store, directory)
    counts = ", ".join(f"{label} {n}" for label, n in sorted(files.node_counts.items()))
    typer.echo(f"nodes: {counts}", err=True)
    typer.echo(files.command)


@plot_app.command("diffusion")
def plot_diffusion_cmd(
    practice: Annotated[str, typer.Argument(help="Practice key or name, e.g. 枫桥经验")],
    output: Annotated[Path, typer.Option("-o", "--output", help="PNG, SVG or PDF file")],
    level: Annotated[str | None, typer.Option(help="Only regions of this level")] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Plot a practice's cumulative adoption curve (overall and for the leading provinces)."""
    from govkg.graph.analytics import diffusion_from_store
    from govkg.graph.plots import plot_diffusion

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        key, _ = _names(kg, practice)
        try:
            curve = diffusion_from_store(kg.store, key or practice, level=level)
        except (KeyError, ValueError) as exc:
            _fail(str(exc), 2)
            return
    try:
        plot_diffusion(curve, output)
    except ModuleNotFoundError:
        _fail("plotting needs matplotlib: pip install 'govkg[analytics]'")
    typer.echo(f"wrote {output}", err=True)


if __name__ == "__main__":  # pragma: no cover
    app()
