"""The `govkg` command end to end on the embedded store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govkg.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("GOVKG_DATA_DIR", str(data))
    monkeypatch.delenv("GOVKG_STORE", raising=False)
    return data


def test_load_reports_bad_files_by_name_and_loads_the_good_ones(env: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "beijing_chaoyang.txt", corpus / "good.txt")
    shutil.copy(EXAMPLES / "gbk_guangdong_shenzhen_futian.txt", corpus / "good_gbk.txt")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    runner = CliRunner()
    result = runner.invoke(app, ["load", str(corpus), "-q"])
    assert result.exit_code == 2, result.output
    for name in ("binary.txt", "empty.txt", "undecodable.txt"):
        assert any(name in line and ":" in line for line in result.stderr.splitlines()), result.stderr
    assert "loaded 2" in result.stdout
    rejected = [json.loads(line) for line in (env / "rejected.jsonl").read_text().splitlines()]
    assert {Path(r["path"]).name for r in rejected} == {"binary.txt", "empty.txt", "undecodable.txt"}
    assert all(r["reason"] and r["time"] for r in rejected)

    again = runner.invoke(app, ["load", str(corpus / "good.txt"), "-q"])
    assert again.exit_code == 0
    assert "already loaded 1" in again.stdout


def test_query_export_and_stats(env: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["load", str(EXAMPLES), "-q"]).exit_code == 0
    rows = runner.invoke(app, ["query", "practice_adopters", "-p", "key=fengqiao", "--json"])
    assert rows.exit_code == 0, rows.output
    adopters = [json.loads(line) for line in rows.stdout.splitlines()]
    assert any(r["name"] == "枫桥镇" for r in adopters)

    out = runner.invoke(app, ["export", "adoptions", "--format", "jsonl"])
    assert out.exit_code == 0
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    assert facts and all(f["evidence"] and f["region_code"] and f["practice"] for f in facts)

    stats = json.loads(runner.invoke(app, ["stats"]).stdout)
    # every example file is one report, but README.md is none and reports.jsonl holds four
    assert stats["labels"]["Report"] == len(list(EXAMPLES.glob("*.*"))) - 2 + 4
    assert stats["relationship_types"]["ADOPTED"] == len({(f["region_code"], f["practice"]) for f in facts})

    bad = runner.invoke(app, ["query", "practice_adopters", "-p", "rollup=maybe", "-p", "key=x"])
    assert bad.exit_code == 2
    assert "rollup" in bad.stderr
    assert runner.invoke(app, ["query", "no_such_query"]).exit_code == 2


def test_demo_loads_examples_without_serving(env: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000" in result.stdout
    assert result.stdout.splitlines()[0].startswith("govkg explorer: http://127.0.0.1:8000/")
    assert result.stdout.count("curl ") == 3
