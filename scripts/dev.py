#!/usr/bin/env python3
"""Set up govkg in ./.venv and run it: `python3 scripts/dev.py demo` or `python3 scripts/dev.py test`.

`python3 scripts/dev.py eval` scores extraction on the seed and dev gold sets in ../shared
(one table, then the errors by class; `--backend hanlp` adds the HanLP rows, `--help` for more).

Needs only Python 3.11+ on the PATH. The first run creates the virtual environment
and installs govkg into it (editable); later runs reinstall only when pyproject.toml
changed. `test` also installs the hanlp extra and the Cypher linter (when npm is
present), checks ruff and mypy, starts a local Neo4j 5.26 from Maven Central (needs Java 17/21
and Maven; scripts/neo4j_local.py) unless GOVKG_TEST_NEO4J_URI names one, then runs the whole
test suite, slow tests included, with GOVKG_TEST_NEO4J_URI/_USER/_PASSWORD set.
`python3 scripts/dev.py neo4j` starts that same local server on its own and keeps it running until Ctrl-C.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

import neo4j_local  # scripts/neo4j_local.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXTRAS = {"demo": "", "test": "dev,analytics,hanlp,dask", "serve": "", "eval": "", "neo4j": ""}


def run(*cmd: str | Path, cwd: Path = ROOT) -> None:
    """Run a command, echoing it, and stop on failure."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=cwd, check=True)


def ensure_env(extras: str) -> None:
    """Create .venv and install govkg with the given extras, unless already done for this pyproject."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must explain itself on an old Python
        sys.exit(f"govkg needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()[:16]
    stamp = VENV / f".installed-{digest}"
    if stamp.exists():
        return
    py = BIN / "python"
    run(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(py, "-m", "pip", "install", "--quiet", "-e", target)
    stamp.touch()


def ensure_linter() -> None:
    """Install Neo4j's Cypher linter (pinned in tools/cypher-lint) when npm is available."""
    lint = ROOT / "tools" / "cypher-lint"
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: the Neo4j linter tests will be skipped", flush=True)
        return
    if not (lint / "node_modules").is_dir():
        run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error", cwd=lint)


def run_tests(rest: list[str]) -> int:
    """Run pytest with a live Neo4j: the one GOVKG_TEST_NEO4J_URI names, else a local server started here."""
    env = {**os.environ, "GOVKG_REQUIRE_NEO4J": "1"}
    env.setdefault("GOVKG_SCREENSHOTS", "1")  # the browser tests refresh the README's docs/img/ screenshots
    server = None

    def _terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # so `finally` stops the server when CI or a user kills the run

    signal.signal(signal.SIGTERM, _terminate)
    if not env.get("GOVKG_TEST_NEO4J_URI"):
        try:
            began = time.monotonic()
            server = neo4j_local.start()
        except neo4j_local.SetupError as exc:
            print(f"error: the test suite needs a Neo4j server: {exc}", flush=True)
            return 1
        print(f"Neo4j {server.version} up at {server.uri} in {time.monotonic() - began:.1f} s", flush=True)
        env.update(server.env())
    try:
        # -m "slow or not slow" includes the slow tests that the default addopts leave out.
        return subprocess.call(
            [str(BIN / "python"), "-m", "pytest", "-m", "slow or not slow", *rest], cwd=ROOT, env=env
        )
    finally:
        if server is not None:
            server.stop()


def ensure_chromium() -> None:
    """Install Debian's Chromium and a CJK font for the browser tests (never a downloaded browser)."""
    if Path("/usr/bin/chromium").exists():
        return
    apt = shutil.which("apt-get")
    if apt is None:
        print("apt-get not found: install Chromium as /usr/bin/chromium for the browser tests", flush=True)
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run(*sudo, apt, "update")
    run(*sudo, apt, "install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk")


def main(argv: list[str]) -> int:
    """Entry point."""
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "neo4j":
        return neo4j_local.main(["start", *rest])
    ensure_env(EXTRAS[cmd])
    if cmd == "test":
        ensure_linter()
        ensure_chromium()
        py = str(BIN / "python")
        # The code standards are part of the test command: ruff clean, formatted, mypy --strict clean.
        for check in (["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy", "govkg"]):
            if subprocess.call([py, "-m", *check], cwd=ROOT) != 0:
                print(f"failed: {' '.join(check)}", flush=True)
                return 1
        return run_tests(rest)
    if cmd == "eval":
        return subprocess.call([str(BIN / "python"), "-m", "govkg.evaluation", *rest], cwd=ROOT)
    return subprocess.call([str(BIN / "govkg"), cmd, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
