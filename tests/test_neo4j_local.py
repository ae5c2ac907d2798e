"""scripts/neo4j_local.py: the local Neo4j server the test command starts.

The checks on a running server use the one `python3 scripts/dev.py test` started (GOVKG_TEST_NEO4J_URI);
the failure paths (no Java, no Maven) are checked with an empty PATH and no JDK folders.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import urlparse

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


def load_script() -> ModuleType:
    """Import scripts/neo4j_local.py (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("neo4j_local", REPO_ROOT / "scripts" / "neo4j_local.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["neo4j_local"] = module
    spec.loader.exec_module(module)
    return module


nl = load_script()


def test_local_server_caps_transaction_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """One read-only /cypher query may not exhaust the local server's heap (issue 14 item 10)."""
    monkeypatch.delenv("GOVKG_NEO4J_TX_MEMORY", raising=False)
    monkeypatch.delenv("GOVKG_NEO4J_TX_TOTAL_MEMORY", raising=False)
    conf = nl.server_config(17001, 17002)
    assert conf["db.memory.transaction.max"] == "256m"
    assert conf["dbms.memory.transaction.total.max"] == "512m"
    monkeypatch.setenv("GOVKG_NEO4J_TX_MEMORY", "64m")
    assert nl.server_config(17001, 17002)["db.memory.transaction.max"] == "64m"


def test_a_fresh_password_is_never_read_as_an_option() -> None:
    """neo4j-admin set-initial-password took a drawn '-dDG…' for an option and the start failed."""
    drawn = [nl.fresh_password() for _ in range(2000)]
    assert not any(p.startswith("-") for p in drawn)
    assert len(set(drawn)) == len(drawn) and min(map(len, drawn)) >= 20


def test_pom_pins_neo4j_5_26_and_browser() -> None:
    pom = (REPO_ROOT / "tools" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    assert re.fullmatch(r"5\.26\.\d+", nl.neo4j_version())
    for artifact in ("<artifactId>neo4j</artifactId>", "<artifactId>neo4j-browser</artifactId>"):
        assert artifact in pom


def test_compose_pins_the_version_the_tests_use() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker" / "docker-compose.yml").read_text(encoding="utf-8"))
    assert compose["services"]["neo4j"]["image"] == f"neo4j:{nl.neo4j_version()}-community"


def test_config_listens_on_loopback_only_with_auth() -> None:
    conf = nl.server_config(17001, 17002)
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == "127.0.0.1:17001"
    assert conf["server.bolt.advertised_address"] == "127.0.0.1:17001"
    assert conf["server.http.listen_address"] == "127.0.0.1:17002"
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["server.https.enabled"] == "false"
    assert nl.server_config(1, 2, {"server.https.enabled": "true"})["server.https.enabled"] == "true"


def test_home_layout_and_config_file(tmp_path: Path) -> None:
    nl.write_home(tmp_path, {"a.b": "1", "c.d": "x,y"})
    assert (tmp_path / "conf" / "neo4j.conf").read_text(encoding="utf-8") == "a.b=1\nc.d=x,y\n"
    assert all((tmp_path / d).is_dir() for d in ("data", "logs", "import", "plugins", "run"))


def test_missing_java_fails_with_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(nl, "JDK_DIRS", (tmp_path,))
    with pytest.raises(nl.SetupError, match=r"needs Java 17 or 21.*apt-get install -y openjdk-17"):
        nl.find_java()


def test_wrong_java_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "jdk-11" / "bin" / "java"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(fake.parent.parent))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(nl, "JDK_DIRS", ())
    with pytest.raises(nl.SetupError, match=r"found only: .*jdk-11/bin/java \(11\)"):
        nl.find_java()


def test_missing_maven_fails_with_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(nl.SetupError, match=r"Maven .*apt-get install -y openjdk-17-jdk-headless maven"):
        nl.find_maven()


def test_bolt_handshake_on_a_closed_port_is_refused() -> None:
    assert not nl.bolt_answers(nl.free_port(), timeout=0.5)


@pytest.mark.neo4j
def test_the_running_server_answers_bolt_and_http() -> None:
    uri = os.environ.get("GOVKG_TEST_NEO4J_URI")
    if not uri:
        if os.environ.get("GOVKG_REQUIRE_NEO4J") == "1":
            pytest.fail("GOVKG_TEST_NEO4J_URI not set although GOVKG_REQUIRE_NEO4J=1")
        pytest.skip("GOVKG_TEST_NEO4J_URI not set: the Neo4j leg needs a server")
    port = urlparse(uri).port
    assert port is not None and nl.bolt_answers(port)
