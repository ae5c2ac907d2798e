"""The data directory's writer lock (issue 14 item 13): one writer at a time, the holder named,
re-entrant in one thread, released when its holder dies, not kept alive by a forked child;
the API's write routes answer 503 naming the holder instead of writing beside a load."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.writer_lock import WriterBusy, holder, writer_lock

API_KEY = "writer-lock-test-key"


def _other_thread_gets_lock(data_dir: Path) -> bool:
    got: list[bool] = []

    def attempt() -> None:
        try:
            with writer_lock(data_dir, "other thread", wait=0):
                got.append(True)
        except WriterBusy:
            got.append(False)

    t = threading.Thread(target=attempt)
    t.start()
    t.join()
    return got[0]


def test_a_second_writer_is_refused_naming_the_holder(tmp_path: Path) -> None:
    refused: list[WriterBusy] = []

    def second() -> None:
        try:
            with writer_lock(tmp_path, "second writer", wait=0.3):
                pass
        except WriterBusy as e:
            refused.append(e)

    with writer_lock(tmp_path, "first writer", wait=0):
        assert holder(tmp_path).startswith(f"pid {os.getpid()} (first writer, since ")
        t = threading.Thread(target=second)
        t.start()
        t.join()
    assert len(refused) == 1
    message = str(refused[0])
    assert f"pid {os.getpid()} (first writer" in message and "GOVKG_WRITER_WAIT" in message
    assert _other_thread_gets_lock(tmp_path), "released on leaving the block"


def test_the_holding_thread_may_take_it_again(tmp_path: Path) -> None:
    with writer_lock(tmp_path, "outer", wait=0), writer_lock(tmp_path, "inner", wait=0):
        assert not _other_thread_gets_lock(tmp_path)
    assert _other_thread_gets_lock(tmp_path)


def test_a_killed_holder_releases_it_and_a_forked_child_does_not_keep_it(tmp_path: Path) -> None:
    # The child says it runs (its at-fork hook has run by then) before the parent is killed: on a
    # loaded machine a child not yet scheduled would still hold the inherited descriptor. One
    # write(2) each, so the two lines on the shared pipe do not interleave.
    code = (
        "import os, sys, time; from pathlib import Path; from govkg.graph.writer_lock import writer_lock\n"
        "with writer_lock(Path(sys.argv[1]), 'killed writer', wait=0):\n"
        "    if os.fork() == 0:\n"
        "        os.write(1, b'child\\n'); time.sleep(30); os._exit(0)\n"
        "    os.write(1, b'holding\\n'); time.sleep(600)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    try:
        assert proc.stdout is not None
        assert {proc.stdout.readline().strip(), proc.stdout.readline().strip()} == {"holding", "child"}
        assert not _other_thread_gets_lock(tmp_path)
        assert f"pid {proc.pid} (killed writer" in holder(tmp_path)
    finally:
        proc.kill()  # also when an assertion failed: the holder would sleep on for ten minutes
        proc.wait(30)
    assert _other_thread_gets_lock(tmp_path), "the kernel released it; the forked child holds no copy"


def test_api_writes_answer_503_naming_the_writer_while_another_writes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", store="falkordb", api_key=API_KEY)
    settings.ensure_data_dir()
    with TestClient(create_app(settings)) as client, writer_lock(settings.data_dir, "a load", wait=0):
        body = {"text": "测试县推行“合成示范做法”。", "source": "lock-test"}
        posted = client.post("/reports", json=body, headers={"X-API-Key": API_KEY})
        assert posted.status_code == 503
        assert f"pid {os.getpid()} (a load" in posted.json()["detail"]
        assert str(settings.data_dir) not in posted.text, "503 bodies name no paths"
        deleted = client.delete("/reports/abc", headers={"X-API-Key": API_KEY})
        assert deleted.status_code == 503
