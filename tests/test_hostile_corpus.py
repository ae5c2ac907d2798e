"""Keep proving it (issue 14): the hostile corpus loaded as one directory by `govkg load`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hostile_support import CAP, SECRET, write_good, write_hostile

from govkg.graph.falkor_store import FalkorStore

REPO_ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["GOVKG_MAX_FILE_BYTES"] = str(CAP)
    return env


def _govkg(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "govkg.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=900, check=False)


def _export(data_dir: Path, out: Path, root: Path) -> list[dict[str, object]]:
    done = _govkg("export", "adoptions", "--format", "jsonl", "-o", str(out), "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True).replace(str(root), "<root>")
    return sorted(json.loads(text), key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def test_hostile_corpus_loads_every_good_file_and_names_every_bad_one(tmp_path: Path) -> None:
    hostile, good = tmp_path / "hostile" / "corpus", tmp_path / "good" / "corpus"
    expected = write_hostile(hostile)
    good_names = write_good(good)
    data_h, data_g = tmp_path / "data-h", tmp_path / "data-g"
    for d in (data_h, data_g):
        d.mkdir(mode=0o700)

    done = _govkg("load", str(hostile), "--data-dir", str(data_h), "-q")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    rejected: dict[str, str] = {}
    for line in done.stderr.splitlines():
        if line.startswith("rejected  "):
            path, _, reason = line[len("rejected  ") :].partition(": ")
            rejected[path.removeprefix(f"{hostile}/")] = reason
    assert set(rejected) == set(expected), (set(rejected) ^ set(expected), done.stderr)
    for name, reason in expected.items():
        assert rejected[name].startswith(reason), (name, rejected[name])
    assert f"loaded {len(good_names)}," in done.stdout, done.stdout
    assert "failed 0" in done.stdout

    clean = _govkg("load", str(good), "--data-dir", str(data_g), "-q")
    assert clean.returncode == 0, clean.stderr
    assert _export(data_h, tmp_path / "h.jsonl", hostile) == _export(data_g, tmp_path / "g.jsonl", good)

    # Nothing outside the root was read: the secret is nowhere in the graph.
    with FalkorStore(data_h, graph_name="govkg") as store:
        hits = store.run_read("MATCH (r:Report) WHERE r.text CONTAINS $s RETURN count(r) AS n", {"s": SECRET})
        assert hits == [{"n": 0}]
        reports = store.run_read("MATCH (r:Report) RETURN count(r) AS n")
        assert reports == [{"n": len(good_names)}]
