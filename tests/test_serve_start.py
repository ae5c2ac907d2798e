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
