"""The data directory and the embedded server's socket are private to the user.

govkg creates its data dir mode 0700, tightens a group- or world-readable one, and refuses
a world-writable one (someone else could swap the socket, the journal or the database
files) with a message naming the `chmod` that fixes it; the CLI exits 1 with that message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govkg.cli import app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.store import StoreError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX-only")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _world_writable(path: Path) -> Path:
    path.mkdir()
    path.chmod(0o777)
    return path


def test_new_data_dir_is_created_private(tmp_path: Path) -> None:
    """A data dir govkg creates is 0700."""
    d = Settings(data_dir=tmp_path / "a" / "govkg").ensure_data_dir()
    assert _mode(d) == 0o700


def test_readable_data_dir_is_tightened(tmp_path: Path) -> None:
    """An existing 0755 data dir is narrowed to 0700."""
    d = tmp_path / "govkg"
    d.mkdir()
    d.chmod(0o755)
    Settings(data_dir=d).ensure_data_dir()
    assert _mode(d) == 0o700


def test_world_writable_data_dir_is_refused(tmp_path: Path) -> None:
    """ensure_data_dir raises PermissionError with the chmod hint and leaves the mode alone."""
    d = _world_writable(tmp_path / "govkg")
    with pytest.raises(PermissionError, match=r"world-writable.*chmod 700"):
        Settings(data_dir=d).ensure_data_dir()
    assert _mode(d) == 0o777


def test_embedded_store_refuses_world_writable_dir(tmp_path: Path) -> None:
    """The embedded store will not start a server in a world-writable dir."""
    d = _world_writable(tmp_path / "govkg")
    with pytest.raises(StoreError, match="chmod 700"):
        FalkorStore.from_settings(Settings(data_dir=d))
    with pytest.raises(StoreError, match="chmod 700"):
        FalkorStore(d)
    assert not (d / "falkor.sock").exists()


def test_server_socket_and_files_are_private(tmp_path: Path) -> None:
    """The FalkorDB socket is 0700 (owner only) inside a 0700 data dir owned by the user."""
    d = tmp_path / "govkg"
    with FalkorStore.from_settings(Settings(data_dir=d)) as store:
        assert store.started_server
        sock = store.socket_path
        assert stat.S_ISSOCK(sock.lstat().st_mode)
        assert _mode(sock) & 0o077 == 0, oct(_mode(sock))
        assert _mode(d) == 0o700
        assert d.stat().st_uid == os.getuid() and sock.lstat().st_uid == os.getuid()
    assert not sock.exists()  # the server this store started is gone


@pytest.mark.parametrize(
    "args",
    [["load", "{examples}"], ["stats"], ["serve", "--port", "1"], ["query", "stats"]],
    ids=["load", "stats", "serve", "query"],
)
def test_cli_exits_1_on_world_writable_dir(tmp_path: Path, args: list[str]) -> None:
    """Every command that opens the data dir exits 1 with the one-line chmod hint."""
    d = _world_writable(tmp_path / "govkg")
    examples = Path(__file__).resolve().parents[1] / "examples"
    argv = [a.replace("{examples}", str(examples)) for a in args] + ["--data-dir", str(d)]
    result = CliRunner().invoke(app, argv, env={"GOVKG_STORE": "falkordb"})
    assert result.exit_code == 1, result.output
    assert "world-writable" in result.output and f"chmod 700 {d}" in result.output
    assert not (d / "falkor.sock").exists()
