"""Issue 14 item 9: the embedded store's server killed (SIGKILL) during `POST /reports`, at five
moments of the write: before its first statement, after the first, half-way, right before the
last (the one that marks the report complete and counts it into the aggregates), and after the
answer. The API restarts the server from its files and repairs what the crash cut off; the graph
then equals, in a full dump, either the graph without the report or the graph with it, and the
counts /stats gives agree with the listings. FalkorDB only: the kill is of the embedded server.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from synthetic_support import synthetic
from test_crash_safety import dump_graph

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.knowledge import KnowledgeGraph

API_KEY = "test-key-for-crash-moments"
N_BASE = 12
Dump = tuple[list[str], list[str]]


def _settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, store="falkordb", api_key=API_KEY)


def _dump(data_dir: Path) -> Dump:
    with FalkorStore(data_dir) as store:
        return dump_graph(store)


class WriteCounter:
    """Counts the write statements FalkorStore sends; kills the server before statement ``kill_at``."""

    def __init__(self) -> None:
        self.armed = False
        self.count = 0
        self.kill_at: int | None = None
        self.data_dir: Path | None = None

    def before_write(self) -> None:
        if not self.armed:
            return
        self.count += 1
        if self.count == self.kill_at and self.data_dir is not None:
            _kill_server(self.data_dir)


def _kill_server(data_dir: Path) -> None:
    pid = server_pid(data_dir)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    # Dead (a zombie until its parent, the API, reaps it) before the statement is sent.
    while Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z":
        time.sleep(0.005)


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> WriteCounter:
    found = WriteCounter()
    execute = FalkorStore._execute

    def counting(
        self: FalkorStore, query: str, params: Any, read_only: bool, timeout: Any, **how: Any
    ) -> Any:
        if not read_only:
            found.before_write()
        return execute(self, query, params, read_only, timeout, **how)

    monkeypatch.setattr(FalkorStore, "_execute", counting)
    return found


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A data dir holding N_BASE synthetic reports (server stopped), and one more report's text."""
    root = tmp_path_factory.mktemp("post-crash")
    corpus = root / "corpus"
    paths = synthetic().SyntheticCorpus.default().write(corpus, N_BASE + 1, seed=11)
    text = paths[-1].read_text(encoding="utf-8")
    paths[-1].unlink()
    data_dir = root / "base"
    with KnowledgeGraph.open(_settings(data_dir)) as kg:
        assert kg.load([corpus]).loaded == N_BASE
    yield data_dir, text


def _copy(base: Path, to: Path) -> Path:
    shutil.copytree(base, to)
    return to


def _post(client: TestClient, text: str) -> Any:
    body = {"text": text, "title": "合成报告（崩溃测试）", "source": "crash-test", "published": "2021-06-01"}
    return client.post("/reports", json=body, headers={"X-API-Key": API_KEY})


def _wait_healthy(client: TestClient) -> None:
    deadline = time.monotonic() + 60
    while client.get("/health").status_code != 200:
        assert time.monotonic() < deadline, "the API never answered again"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def reference(base: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Dump, Dump]:
    """The dumps without and with the posted report (posted with nothing killed)."""
    data_dir, text = base
    without = _dump(_copy(data_dir, tmp_path_factory.mktemp("without") / "d"))
    posted = _copy(data_dir, tmp_path_factory.mktemp("with") / "d")
    with TestClient(create_app(_settings(posted))) as client:
        _wait_healthy(client)
        assert _post(client, text).status_code == 201
    return without, _dump(posted)


def test_a_post_makes_several_write_statements(
    base: tuple[Path, str], tmp_path: Path, counter: WriteCounter
) -> None:
    data_dir, text = base
    with TestClient(create_app(_settings(_copy(data_dir, tmp_path / "d")))) as client:
        _wait_healthy(client)
        counter.armed = True
        assert _post(client, text).status_code == 201
    assert counter.count >= 4, "the moments below need a report written in several statements"


MOMENTS = ["before_first", "after_first", "half_way", "before_last", "after_answer"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_server_killed_during_post_reports_leaves_the_report_wholly_there_or_absent(
    base: tuple[Path, str],
    reference: tuple[Dump, Dump],
    tmp_path: Path,
    counter: WriteCounter,
    moment: str,
) -> None:
    data_dir, text = base
    without, with_report = reference
    # How many statements one post makes, on a copy with nothing killed.
    probe = _copy(data_dir, tmp_path / "probe")
    with TestClient(create_app(_settings(probe))) as client:
        _wait_healthy(client)
        counter.armed = True
        posted = _post(client, text)
        counter.armed = False
    assert posted.status_code == 201
    report_id = posted.json()["report"]["id"]
    total, counter.count = counter.count, 0

    crashed = _copy(data_dir, tmp_path / "crashed")
    counter.data_dir = crashed
    counter.kill_at = {
        "before_first": 1,
        "after_first": 2,
        "half_way": total // 2 + 1,
        "before_last": total,
    }.get(moment)
    with TestClient(create_app(_settings(crashed))) as client:
        _wait_healthy(client)
        counter.armed = True
        answer = _post(client, text)
        counter.armed = False
        if moment == "after_answer":
            assert answer.status_code == 201
            _kill_server(crashed)
        else:
            assert answer.status_code == 503, answer.text
        _wait_healthy(client)  # restarted from its files, half-written reports repaired
        stats = client.get("/stats").json()
        listed = client.get("/reports", params={"limit": 1000}).json()
        assert stats["reports"] == listed["count"] == len(listed["data"])
        present = client.get(f"/reports/{report_id}").status_code
    dump = _dump(crashed)
    if moment == "after_answer":
        assert dump == with_report and present == 200
    else:
        assert dump == without, "a report cut off mid-write is wholly absent after the restart"
        assert present == 404 and stats["reports"] == N_BASE
