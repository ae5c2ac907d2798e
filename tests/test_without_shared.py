"""In a clone without ../shared: the API/store/fuzz tests still run, and the skips are counted aloud.

The repository's tracked files are copied to a temporary folder (so ../shared does not exist
beside the copy) and pytest runs there on a test file that needs ../shared and on API tests,
which must not (and must pass there, not skip).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

# Test modules that must not read ../shared at all (they use examples/ or invented data).
INDEPENDENT = [
    "test_api.py",
    "test_api_safety.py",
    "test_explorer_api.py",
    "test_schemathesis.py",
    "test_properties.py",
    "test_hostile_files.py",
    "test_falkor_store.py",
    "test_neo4j_store.py",
    "test_contract.py",
    "test_writer.py",
    "test_names.py",
    "test_metrics_api.py",
]
SHARED_WORDS = re.compile(r"shared_dir|SHARED|CORPUS_DIR|/\s*[\"']shared[\"']|/shared/")  # code, not prose


@pytest.mark.parametrize("name", INDEPENDENT)
def test_api_store_and_fuzz_tests_do_not_read_shared(name: str) -> None:
    path = REPO_ROOT / "tests" / name
    if not path.exists():
        pytest.fail(f"{name} is listed as independent of ../shared but does not exist")
    assert not SHARED_WORDS.search(path.read_text(encoding="utf-8")), f"{name} refers to ../shared"


def _clone(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z", "govkg", "tests", "examples", "pyproject.toml"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    repo = target / "govkg-clone"
    for raw in filter(None, files):
        rel = raw.decode()
        src = REPO_ROOT / rel
        if src.is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / rel)
    return repo


@pytest.mark.slow
def test_a_clone_without_shared_says_how_many_tests_it_skipped(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.fail("this test copies the tracked files with git; run it from a git checkout")
    repo = _clone(tmp_path)
    assert not (repo.parent / "shared").exists()
    env = {**os.environ, "PYTHONPATH": str(repo)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "tests/test_metrics.py",
            "tests/test_names.py",
            "tests/test_api.py",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-3000:]
    passed = re.search(r"(\d+) passed", out)
    assert passed and int(passed.group(1)) >= 40, out[-2000:]  # the API tests ran, not skipped
    assert "test_api.py" not in "".join(line for line in out.splitlines() if line.startswith("SKIPPED"))
    assert "1 tests skipped because ../shared is missing" in out, out[-2000:]
    assert "The API, store and fuzz tests use examples/" in out
