"""The CLI in a researcher's terms: names in either script, tables at 80 columns, --json/--csv, plots."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from govkg.cli import app
from govkg.tables import render_table

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-data")
    data.chmod(0o700)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVKG_DATA_DIR", str(data))
        result = CliRunner().invoke(app, ["load", "-q", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture
def run(loaded: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GOVKG_DATA_DIR", str(loaded))
    monkeypatch.delenv("GOVKG_STORE", raising=False)
    return CliRunner()


def test_table_wraps_long_text_within_80_columns() -> None:
    rows = [
        {"region": "达尔罕茂明安联合旗", "year": 2021, "evidence": "旗里推行“草原110”联防机制，" * 6},
        {"region": "青山区", "year": None, "evidence": "短句。"},
    ]
    out = io.StringIO()
    render_table(rows, out)
    lines = out.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "草原110" in out.getvalue().replace("\n", "").replace("│", "").replace(" ", "")


def test_adoptions_table_json_and_csv(run: CliRunner) -> None:
    table = run.invoke(app, ["adoptions", "--practice", "楓橋經驗"])
    assert table.exit_code == 0, table.output
    assert max(cell_len(line) for line in table.stdout.splitlines()) <= 80
    assert "report_title" in table.stdout and "evidence" in table.stdout
    lines = run.invoke(app, ["adoptions", "--practice", "新时代枫桥经验", "--json"]).stdout.splitlines()
    facts = [json.loads(line) for line in lines]
    assert facts and all(
        f["practice_key"] == "fengqiao" and f["evidence"] and f["report_title"] for f in facts
    )
    rows = list(
        csv.DictReader(io.StringIO(run.invoke(app, ["adoptions", "--practice", "枫桥经验", "--csv"]).stdout))
    )
    assert [r["report_id"] for r in rows] == [f["report_id"] for f in facts]


def test_unknown_names_exit_2_with_the_reason(run: CliRunner) -> None:
    bad = run.invoke(app, ["adoptions", "--practice", "枫乔经验"])
    assert bad.exit_code == 2 and "unknown practice" in bad.stderr and "枫桥经验" in bad.stderr
    bad = run.invoke(app, ["export", "events", "--within", "不存在市"])
    assert bad.exit_code == 2 and "unknown region" in bad.stderr
    for args in (
        ["export", "matrix", "--level", "planet"],
        ["plot", "diffusion", "grid", "-o", "x", "--level", "planet"],
    ):
        bad = run.invoke(app, args)
        assert bad.exit_code == 2 and "province, prefecture, county" in bad.stderr


def test_metrics_command(run: CliRunner) -> None:
    out = run.invoke(app, ["metrics", "网格", "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all("网格" in r["indicator"] and r["evidence"] and r["region_chain"] for r in rows)


def test_plot_help_lists_every_figure(run: CliRunner) -> None:
    out = run.invoke(app, ["plot", "--help"])
    for name in ("diffusion", "map", "network", "heatmap"):
        assert name in out.stdout


@pytest.mark.parametrize(
    "args",
    [["map", "楓橋經驗"], ["network"], ["heatmap"], ["diffusion", "网格化管理"]],
)
def test_plots_write_png_and_svg(run: CliRunner, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "figure"
    result = run.invoke(app, ["plot", args[0], "-o", str(out), *args[1:]])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "figure.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "figure.svg").read_bytes()[:2000]


def _all_help(runner: CliRunner) -> str:
    import typer.main

    command = typer.main.get_command(app)
    texts = []

    def walk(cmd: object, path: list[str]) -> None:
        texts.append(runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"}).stdout)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(command, [])
    return "\n".join(texts)


def test_help_names_the_default_data_dir_and_nothing_outside_the_package(run: CliRunner) -> None:
    from govkg.config import default_data_dir

    text = _all_help(run)
    assert str(default_data_dir()) in text
    assert "../" not in text and "shared/" not in text


def test_demo_and_serve_banner_show_the_data_dir_and_explorer(run: CliRunner, loaded: Path) -> None:
    out = run.invoke(app, ["demo", "--no-serve", "--port", "8123"])
    assert out.exit_code == 0, out.output
    assert "explorer:       http://127.0.0.1:8123/" in out.stdout
    assert f"data directory: {loaded}" in out.stdout


def test_store_settings_have_one_name() -> None:
    from govkg.config import Settings
    from govkg.graph.neo4j_store import Neo4jStore
    from govkg.graph.store import StoreError

    assert Settings(neo4j_uri="neo4j://old-alias:7687").effective_store() == "neo4j://old-alias:7687"
    assert Settings(store="neo4j://a:7687", neo4j_uri="neo4j://b:7687").effective_store() == "neo4j://a:7687"
    with pytest.raises(StoreError, match="GOVKG_STORE"):
        Neo4jStore.from_settings(Settings(store="falkordb"), verify=False)


def test_exports_open_in_pandas(run: CliRunner, tmp_path: Path) -> None:
    import pandas as pd  # the analytics extra brings it

    events = tmp_path / "events.parquet"
    assert run.invoke(app, ["export", "events", "--format", "parquet", "-o", str(events)]).exit_code == 0
    frame = pd.read_parquet(events)
    assert len(frame) > 0 and {"region_code", "practice_key", "first_year"} <= set(frame.columns)
    metrics = run.invoke(app, ["metrics", "--csv"]).stdout
    table = pd.read_csv(io.StringIO(metrics))
    assert len(table) > 0 and "indicator" in table.columns
