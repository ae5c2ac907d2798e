"""`govkg serve` answers at once: the store opens in the background and /health says `starting`."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govkg.api import deps
from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.store import GraphStore


def test_health_says_starting_until_the_store_is_open(
    falkor_store: FalkorStore, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    opened: list[float] = []

    def slow_open(settings: Settings) -> GraphStore:  # a store that takes a while to load its data
        assert release.wait(30), "the test never released the store"
        opened.append(time.monotonic())
        return falkor_store

    monkeypatch.setattr(deps, "open_store", slow_open)
    monkeypatch.setattr(FalkorStore, "close", lambda self: None)  # the fixture closes it
    with TestClient(create_app(Settings(data_dir=data_dir))) as client:
        r = client.get("/health")
        assert r.status_code == 503
        assert r.json()["status"] == "starting" and r.headers["retry-after"] == "1"
        assert not opened  # it answered while the store was still opening
        release.set()
        for _ in range(300):
            r = client.get("/health")
            if r.status_code == 200:
                break
            time.sleep(0.05)
        assert r.status_code == 200 and r.json()["status"] == "ok"
        assert len(opened) == 1  # opened once, by the background start


def test_a_store_that_cannot_open_at_start_is_reported_not_starting(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_open(settings: Settings) -> GraphStore:
        raise deps.StoreError("no server here")

    monkeypatch.setattr(deps, "open_store", failing_open)
    with TestClient(create_app(Settings(data_dir=data_dir))) as client:
        for _ in range(200):
            r = client.get("/health")
            if r.json().get("status") != "starting":
                break
            time.sleep(0.05)
        assert r.status_code == 503 and "unavailable" in r.text


def test_an_api_on_the_embedded_store_starts_without_importing_the_neo4j_driver(tmp_path: Path) -> None:
    # The driver (and the pandas it pulls in) cost ~0.4 s of `govkg serve`'s start before /health answers.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from govkg.api.app import create_app\n"
        "from govkg.config import Settings\n"
        f"create_app(Settings(data_dir={str(tmp_path)!r}))\n"
        "print('neo4j' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_an_api_on_neo4j_answers_its_connection_errors_as_unavailable(tmp_path: Path) -> None:
    from neo4j.exceptions import ServiceUnavailable, SessionExpired

    app = create_app(Settings(data_dir=tmp_path, store="bolt://127.0.0.1:1"))
    assert {ServiceUnavailable, SessionExpired} <= set(app.exception_handlers)
    embedded = create_app(Settings(data_dir=tmp_path))
    assert ServiceUnavailable not in embedded.exception_handlers
