"""One name per setting across the README, docs, compose, scripts, bench and tests (issue 16).

govkg reads GOVKG_* settings only; the server the test suite and bench/ clear is named by
GOVKG_TEST_NEO4J_*; the bare NEO4J_URI/USER/PASSWORD/DATABASE names (read by nothing) and the
mixed spellings they caused are gone from every file a user or a contributor reads.
"""

from __future__ import annotations

import re
from pathlib import Path

from govkg.config import Settings

ROOT = Path(__file__).resolve().parent.parent
BARE = re.compile(r"(?<![A-Za-z0-9_])NEO4J_(URI|USER|PASSWORD|DATABASE|HTTP_URL)\b")
# The few places that name the bare variables on purpose: to say they are not read.
ALLOWED = {"tests/conftest.py", "tests/test_setting_names.py", "docs/neo4j.md"}


def _files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / ".ci" / "run"]
    for folder in ("docs", "docker", "scripts", "bench", "tests", "govkg"):
        found += [p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".md", ".yml", ".yaml", ".sh"}]
    return [p for p in found if p.is_file()]


def test_no_file_uses_the_bare_neo4j_names() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in _files()
        if p.relative_to(ROOT).as_posix() not in ALLOWED
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if BARE.search(line)
    ]
    assert offenders == []


def test_every_govkg_variable_the_docs_name_is_a_setting() -> None:
    fields = {f"GOVKG_{name.upper()}" for name in Settings.model_fields}
    # Not govkg settings on purpose: the test suite's server and switches, and the memory of the
    # local Neo4j that scripts/neo4j_local.py starts.
    test_only = {
        *(f"GOVKG_TEST_NEO4J_{k}" for k in ("URI", "USER", "PASSWORD", "DATABASE", "HTTP_URL")),
        "GOVKG_REQUIRE_NEO4J",
        "GOVKG_SCREENSHOTS",
        "GOVKG_NEO4J_HEAP",
        "GOVKG_NEO4J_PAGECACHE",
        "GOVKG_NEO4J_TX_MEMORY",
        "GOVKG_NEO4J_TX_TOTAL_MEMORY",
    }
    named: set[str] = set()
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), ROOT / "docker" / "docker-compose.yml"]:
        named |= set(re.findall(r"\bGOVKG_[A-Z0-9_]*[A-Z0-9]\b", doc.read_text(encoding="utf-8")))
    unknown = sorted(n for n in named if n not in fields | test_only)
    assert unknown == []
