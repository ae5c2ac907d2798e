"""Exports to a file are atomic: an interrupted or failed export leaves no partial file."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from govkg.cli import _output


def test_a_finished_export_replaces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "adoptions.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with _output(out) as fh:
        fh.write('{"a": 1}\n')
        assert out.read_text(encoding="utf-8") == "old\n"  # not touched until complete
    assert out.read_text(encoding="utf-8") == '{"a": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adoptions.jsonl"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_export_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "graph.gexf"
    with pytest.raises(RuntimeError), _output(out, binary=True) as fh:
        fh.write(b"<gexf>")
        raise RuntimeError("query timeout in the middle of the export")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_an_export_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("region,practice\n", encoding="utf-8")
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stopped, _output(out) as fh:
        fh.write("half a row,")
        os.kill(os.getpid(), signal.SIGTERM)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert out.read_text(encoding="utf-8") == "region,practice\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]
    assert signal.getsignal(signal.SIGTERM) == before  # the previous handler is back
