"""Grouped loading: one report that cannot be written costs only itself, and a later load finishes it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.store import Row
from govkg.loading import load_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
POISON = "贵阳市"  # the statements carrying this report's rows fail


class FlakyStore:
    """Delegates to a real store but refuses every write whose parameters mention POISON."""

    def __init__(self, inner: FalkorStore) -> None:
        self.inner = inner
        self.dialect = inner.dialect
        self.refused = 0

    def _check(self, params: Mapping[str, Any] | None) -> None:
        if POISON in json.dumps(params or {}, ensure_ascii=False):
            self.refused += 1
            raise RuntimeError("simulated engine failure")

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self._check(params)
        return self.inner.run_write(query, params)

    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]:
        self._check(params)
        return self.inner.run_write_stats(query, params)

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> Any:
        return self.inner.run_read(query, params, timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_failing_report_does_not_take_its_group_down(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    settings = Settings(data_dir=tmp_path / "data", load_group=50)
    with FalkorStore(settings.data_dir) as real:
        real.ensure_schema()
        flaky = FlakyStore(real)
        first = load_paths(flaky, [corpus], settings)  # type: ignore[arg-type]
        assert flaky.refused >= 2  # the group, then the report alone
        assert [Path(f.path).name for f in first.failed] == ["guizhou_guiyang_fanzha.txt"]
        assert first.loaded == first.read - 1 and first.exit_code == 1

        second = load_paths(real, [corpus], settings)
        assert second.loaded == 1 and second.skipped == first.loaded and second.exit_code == 0
        titles = {r["t"] for r in real.run_read("MATCH (r:Report) RETURN r.title AS t")}
        assert len(titles) == first.read
