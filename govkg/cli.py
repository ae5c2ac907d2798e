"""The `govkg` command: demo, load, serve, query, export, stats, extract, plot."""

from __future__ import annotations

import json
import os
import signal
import sys
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer

from govkg import __version__
from govkg.config import Settings, default_data_dir

app = typer.Typer(
    help="govkg: a knowledge graph of Chinese local social-governance practice.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(
    help="Write facts or the graph out in formats other tools read.", no_args_is_help=True
)
plot_app = typer.Typer(
    help="Draw figures from the graph (each written as PNG and SVG, names in Chinese): "
    "diffusion, map, network, heatmap.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")
app.add_typer(plot_app, name="plot")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM/SIGHUP end govkg like Ctrl-C: the stores close (server stopped, AOF flushed)."""
    signal.signal(signum, signal.SIG_DFL)  # a second signal ends the process at once
    raise SystemExit(128 + signum)


@app.callback()
def _main() -> None:
    """Install the signal handlers every command needs (the store's server is a child process)."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)


StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", help="'falkordb' (embedded, default) or a Neo4j URI such as neo4j://localhost:7687"
    ),
]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help=f"Data directory (default: GOVKG_DATA_DIR if set, else {default_data_dir()})"
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON lines (every column) instead of a table")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="CSV (every column) instead of a table")]
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


@contextmanager
def _writing(settings: Settings, what: str) -> Any:
    """Be the data directory's one writer: wait (GOVKG_WRITER_WAIT) for another, or exit 1 naming it."""
    from contextlib import ExitStack

    from govkg.graph.writer_lock import WriterBusy, writer_lock

    with ExitStack() as stack:
        try:
            settings.ensure_data_dir()
            stack.enter_context(writer_lock(settings.data_dir, what, settings.writer_wait))
        except (WriterBusy, PermissionError) as exc:
            _fail(str(exc))
            raise
        yield


def _names(kg: Any, practice: str | None = None, within: str | None = None) -> tuple[str | None, str | None]:
    """Resolve --practice/--within like REST does (names, aliases, either script); exit 2 if unknown."""
    try:
        key = kg.practice(practice)["key"] if practice else None
        code = kg.region(within)["code"] if within else None
    except LookupError as exc:
        _fail(str(exc), 2)
        raise
    return key, code


def _level(level: str | None) -> None:
    """Refuse an unknown --level (exit 2), listing the valid ones."""
    from govkg.queries.names import InvalidValue, check_level

    try:
        check_level(level)
    except InvalidValue as exc:
        _fail(str(exc), 2)


@contextmanager
def _output(path: Path | None, binary: bool = False) -> Any:
    """stdout, or ``path`` written atomically: a temporary file beside it, renamed over it only
    when the export is complete. An export that fails or is interrupted (Ctrl-C, SIGTERM)
    removes its temporary file and leaves ``path`` as it was."""
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    import os
    import signal
    import tempfile
    import threading

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or Path("."))
    umask = os.umask(0o022)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # as a plain open() would have made it, not mkstemp's 0600
    previous = None
    if threading.current_thread() is threading.main_thread():

        def stop(signum: int, _frame: Any) -> None:
            raise SystemExit(128 + signum)

        previous = signal.signal(signal.SIGTERM, stop)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


@app.command()
def version() -> None:
    """Print the govkg version."""
    typer.echo(__version__)


@app.command()
def load(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Report files or directories (txt, html, json, jsonl)")
    ] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
    force: Annotated[bool, typer.Option(help="Re-extract and rewrite reports already loaded")] = False,
    fresh: Annotated[bool, typer.Option(help="Empty the graph first")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or progress lines")] = False,
    follow_links: Annotated[
        bool, typer.Option(help="Follow symlinks that point outside the folders given (refused by default)")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Extraction processes (default: the cores available)"),
    ] = None,
    from_extractions: Annotated[
        Path | None,
        typer.Option(
            help="Write the Extraction shards of this directory (govkg extract -o) instead of reports"
        ),
    ] = None,
) -> None:
    """Load reports into the graph. Exit status 0: all loaded; 2: some files rejected; 1: failure.

    Progress: a bar with reports/s and ETA on a terminal, a plain line every 10 s otherwise.
    """
    from govkg.loading import default_jobs, finish_warming, warm_extractor

    settings = _settings(store, data_dir)
    if follow_links:
        settings = settings.model_copy(update={"follow_links": True})
    if paths and from_extractions is None:
        warm_extractor(paths, settings, force=force or fresh)  # built while the store starts, not after
    try:
        with _writing(settings, "govkg load"), _opened(settings) as kg:
            if fresh:
                kg.clear()
            if from_extractions is not None:
                from govkg.loading import load_from_extractions

                try:
                    summary = load_from_extractions(kg.store, from_extractions, settings, force=force)
                except (FileNotFoundError, ValueError) as exc:
                    _fail(str(exc))
                    raise
            elif paths:
                summary = kg.load(paths, force=force, progress=not quiet, jobs=jobs or default_jobs())
            else:
                _fail("give report files or directories, or --from-extractions DIR")
                raise AssertionError  # unreachable
    finally:
        finish_warming()  # a thread still building at exit would be stopped mid-way
    for rej in summary.rejected:
        typer.echo(f"rejected  {rej.path}: {rej.reason}", err=True)
    for fail in summary.failed:
        typer.echo(f"failed    {fail.path}: {fail.reason}", err=True)
    for guess in summary.guessed:
        typer.echo(f"guessed   {guess.path}: {guess.reason}", err=True)
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
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="API worker processes, all on the same store (each has its own query slots and "
            "/cypher rate limits)",
        ),
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs)."""
    settings = _settings(store, data_dir)
    try:
        settings.ensure_data_dir()  # refuse a world-writable data dir before listening, not on first query
    except PermissionError as exc:
        _fail(str(exc))
    _banner(settings, f"http://{host}:{port}")
    _serve(settings, host, port, workers)


def _banner(settings: Settings, base: str) -> None:
    """Where to look and where the data lives: printed by `govkg serve` and by the demo."""
    store = settings.effective_store()
    where = "embedded FalkorDB" if store in ("falkordb", "embedded", "") else store
    typer.echo(
        f"govkg {__version__}\n"
        f"  explorer:       {base}/\n"
        f"  API docs:       {base}/docs  ({base}/redoc)\n"
        f"  store:          {where}\n"
        f"  data directory: {settings.data_dir}"
    )


def _serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    import uvicorn

    from govkg.api.app import create_app

    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        return
    # Worker processes build the app from the environment, so the store and data directory this
    # command resolved go there. They share the embedded store's server (each holds a lease on it;
    # the last to leave stops it) or the Neo4j server.
    os.environ["GOVKG_STORE"] = settings.store
    os.environ["GOVKG_DATA_DIR"] = str(settings.data_dir)
    uvicorn.run(
        "govkg.api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info"
    )


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
    with _writing(settings, "govkg demo"), _opened(settings) as kg:
        summary = kg.load([EXAMPLES], progress=False)
        stats = kg.stats()
    typer.echo(
        f"loaded {summary.loaded} reports from {EXAMPLES} ({summary.skipped} already there); "
        f"graph: {stats.get('nodes', 0)} nodes, {stats.get('relationships', 0)} relationships"
    )
    typer.echo("")
    _banner(settings, base)
    typer.echo("Try:")
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
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
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
    _emit(rows, as_json, as_csv)


def _emit(rows: list[dict[str, Any]], as_json: bool, as_csv: bool, columns: list[str] | None = None) -> None:
    """Rows as a table that fits the terminal, or as JSON lines / CSV for scripts."""
    from govkg.tables import write_rows

    if as_json and as_csv:
        _fail("choose one of --json and --csv", 2)
    write_rows(rows, sys.stdout, "json" if as_json else "csv" if as_csv else "table", columns)


ADOPTION_COLUMNS = [
    "region_name",
    "practice_name",
    "year",
    "evidence",
    "report_title",
    "region_code",
    "report_id",
]


@app.command()
def adoptions(
    practice: PracticeOpt = None,
    region: Annotated[str | None, typer.Option(help="Exactly this region (code or name)")] = None,
    within: WithinOpt = None,
    year_from: Annotated[int | None, typer.Option(help="Only facts from this year on")] = None,
    year_to: Annotated[int | None, typer.Option(help="Only facts up to this year")] = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Adoption facts with their evidence sentence and report title, e.g. --practice 楓橋經驗."""
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        try:
            facts = list(
                kg.adoptions(
                    practice=practice, region=region, within=within, year_from=year_from, year_to=year_to
                )
            )
        except (LookupError, ValueError) as exc:
            _fail(str(exc), 2)
            return
    rows = [asdict(f) for f in facts]
    first = [c for c in ADOPTION_COLUMNS if not (practice and c == "practice_name")]
    columns = first + [c for c in (rows[0] if rows else {}) if c not in first]
    _emit(rows, as_json, as_csv, columns)


METRIC_COLUMNS = ["indicator", "value", "unit", "year", "change", "region_name", "evidence", "report_title"]


@app.command()
def metrics(
    indicator: Annotated[
        str | None, typer.Argument(help="Text inside the indicator label, either script, e.g. 调解成功率")
    ] = None,
    within: WithinOpt = None,
    year_from: Annotated[int | None, typer.Option(help="Only measurements from this year on")] = None,
    year_to: Annotated[int | None, typer.Option(help="Only measurements up to this year")] = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """One indicator across regions: value, unit, year, change, region, evidence and report title."""
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        try:
            found = kg.metrics(indicator, within=within, year_from=year_from, year_to=year_to)
        except (LookupError, ValueError) as exc:
            _fail(str(exc), 2)
            return
    rows = []
    for m in found:
        row = asdict(m)
        row["region_chain"] = " > ".join(m.region_chain)
        rows.append(row)
    columns = METRIC_COLUMNS + [c for c in (rows[0] if rows else {}) if c not in METRIC_COLUMNS]
    _emit(rows, as_json, as_csv, columns)


@app.command()
def stats(store: StoreOpt = None, data_dir: DataDirOpt = None) -> None:
    """Counts by label and relationship type."""
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        typer.echo(json.dumps(kg.stats(), ensure_ascii=False, indent=2))


@app.command()
def migrate(store: StoreOpt = None, data_dir: DataDirOpt = None) -> None:
    """Bring a graph written by an earlier govkg to the current model, in place (safe to run again).

    Per-report ADOPTED/IMPLEMENTS edges become Facts with their Sentences, measurement sentences
    move to Sentence nodes, every report is counted into the aggregates, regions get their activity
    counts, copies and strings the model no longer stores (folded copies equal to their sentence,
    facts' rank strings) are removed, and so are reports whose write never finished. The
    alternative is a re-load:
    `govkg load --fresh` of the same files.
    """
    from govkg.graph.migrate import migrate as run_migration

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        result = run_migration(kg.store, on_step=lambda step: typer.echo(f"migrate: {step}", err=True))
    if result.changed:
        typer.echo(
            f"migrated: {result.adoptions} adoption and {result.implementations} implementation edges, "
            f"{result.measurements} measurement sentences, {result.reports} reports counted, "
            f"{result.regions} regions' activity counted, "
            f"the sentences of {result.sentences} reports given their fact counts, "
            f"{result.folded} redundant folded copies, {result.ranks} stored fact ranks and "
            f"{result.grams} sentences' stored search bigrams removed"
        )
    else:
        typer.echo("already on the current model: nothing to do")


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files (or, with -o, files and directories)")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write JSONL shards of Extractions into this directory"),
    ] = None,
    executor: Annotated[
        str | None,
        typer.Option(help="With -o: extract on a Dask cluster, dask://HOST:PORT (needs govkg[dask])"),
    ] = None,
) -> None:
    """Extract reports without writing to the graph: print each Extraction as JSON, or (-o DIR) write
    them as JSONL shards for `govkg load --from-extractions DIR`."""
    from govkg.loaders.documents import DocumentError, iter_documents
    from govkg.loaders.extract import extract as run_extract

    if output is not None:
        from govkg.loaders.shards import extract_to_shards

        rejected: list[str] = []

        def reject(path: str, reason: str) -> None:
            rejected.append(path)
            typer.echo(f"rejected  {path}: {reason}", err=True)

        try:
            n = extract_to_shards(paths, output, _settings(), executor=executor, on_rejected=reject)
        except (ValueError, RuntimeError, OSError) as exc:
            _fail(str(exc))
            raise
        typer.echo(f"{n} extractions written to {output}", err=True)
        raise typer.Exit(2 if rejected else 0)
    if executor:
        _fail("--executor needs -o DIR (the shards to write)")
    bad = 0
    for doc in iter_documents(paths):
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
    """One JSON line per ADOPTED fact (region, practice, year, evidence, report id and source)."""
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

    _level(level)
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        events = adoption_events(kg.store, evidence=False)
    with _output(output) as fh:
        regions, practices = write_matrix(events, fh, weighted=weighted, level=level)
    typer.echo(f"{regions} regions × {practices} practices written", err=True)


@export_app.command("neo4j-import")
def export_neo4j_import_cmd(
    directory: Annotated[Path, typer.Argument(help="Directory for the CSV files")],
    from_extractions: Annotated[
        Path | None,
        typer.Option(
            "--from-extractions",
            help="Build the CSVs from the JSONL shards `govkg extract -o DIR` wrote, without any store",
        ),
    ] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Node and relationship CSVs for `neo4j-admin database import full`; prints the command."""
    from govkg.graph.neo4j_import import export_from_extractions, export_neo4j_import

    directory.mkdir(parents=True, exist_ok=True)
    if from_extractions is not None:
        try:
            files = export_from_extractions(from_extractions, directory)
        except (FileNotFoundError, ValueError) as exc:
            _fail(str(exc), 1)
            raise
    else:
        settings = _settings(store, data_dir)
        with _opened(settings) as kg:
            files = export_neo4j_import(kg.store, directory)
    counts = ", ".join(f"{label} {n}" for label, n in sorted(files.node_counts.items()))
    typer.echo(f"nodes: {counts}", err=True)
    typer.echo(files.command)


FigureOpt = Annotated[
    Path,
    typer.Option(
        "-o", "--output", help="Where to write: NAME or NAME.png; NAME.png and NAME.svg are both written"
    ),
]


def _write_figure(draw: Any, output: Path) -> None:
    """Call ``draw(path)`` for the PNG and the SVG of one figure; exit 1 without matplotlib."""
    from govkg.graph.plots import figure_paths

    paths = figure_paths(output)
    try:
        for path in paths:
            draw(path)
    except RuntimeError as exc:  # matplotlib missing
        _fail(str(exc))
    typer.echo("wrote " + ", ".join(str(p) for p in paths), err=True)


def _events(kg: Any, practice: str | None = None) -> list[Any]:
    from govkg.graph.analytics import adoption_events

    return adoption_events(kg.store, practice=practice, evidence=False)


@plot_app.command("diffusion")
def plot_diffusion_cmd(
    practice: Annotated[
        str, typer.Argument(help="Practice key, name or alias (either script), e.g. 枫桥经验")
    ],
    output: FigureOpt,
    level: Annotated[str | None, typer.Option(help="Only regions of this level")] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Cumulative adoption curve of one practice, overall and for the leading provinces."""
    from govkg.graph.analytics import diffusion_from_store
    from govkg.graph.plots import plot_diffusion

    _level(level)
    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        key, _ = _names(kg, practice)
        try:
            curve = diffusion_from_store(kg.store, key or practice, level=level)
        except (KeyError, ValueError) as exc:
            _fail(str(exc).strip("\"'"), 2)
            return
    _write_figure(lambda path: plot_diffusion(curve, path), output)


@plot_app.command("map")
def plot_map_cmd(
    output: FigureOpt,
    practice: Annotated[
        str | None, typer.Argument(help="Practice key, name or alias; omit for adoptions of any practice")
    ] = None,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Adoption map: the 34 provincial units on a tile grid, shaded by adopting regions."""
    from govkg.graph.plots import plot_province_map, province_counts

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        key, _ = _names(kg, practice)
        name = kg.practice(key)["name"] if key else None
        counts = province_counts(_events(kg, key))
    title = f"Where {name} was adopted" if name else "Where practices were adopted"
    title += ": regions per province"
    _write_figure(lambda path: plot_province_map(counts, path, title), output)


@plot_app.command("network")
def plot_network_cmd(
    output: FigureOpt,
    top: Annotated[int, typer.Option(min=2, max=200, help="The practices adopted by most regions")] = 30,
    min_regions: Annotated[
        int, typer.Option(min=1, help="Draw an edge only for this many shared regions")
    ] = 1,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Co-adoption network of practices: an edge for every region adopting both (networkx layout)."""
    from govkg.graph.analytics import coadoption_graph
    from govkg.graph.plots import plot_coadoption

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        graph = coadoption_graph(_events(kg), min_regions=min_regions)
    _write_figure(lambda path: plot_coadoption(graph, path, top=top), output)


@plot_app.command("heatmap")
def plot_heatmap_cmd(
    output: FigureOpt,
    practices: Annotated[
        int, typer.Option(min=1, max=200, help="The practices adopted by most regions")
    ] = 20,
    store: StoreOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Practice × province heat map: how many regions of each province adopted each practice."""
    from govkg.graph.plots import plot_heatmap

    settings = _settings(store, data_dir)
    with _opened(settings) as kg:
        events = _events(kg)
    _write_figure(lambda path: plot_heatmap(events, path, practices=practices), output)


if __name__ == "__main__":  # pragma: no cover
    app()
