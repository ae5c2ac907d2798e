"""Extraction beyond one machine: shards written on a Dask cluster load into the same graph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_support import synthetic
from test_crash_safety import dump_graph
from test_parallel_load import REPO_ROOT, _cli_load, _env

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.knowledge import KnowledgeGraph
from govkg.loaders.documents import Document, iter_documents
from govkg.loaders.extract import default_extractor
from govkg.loaders.shards import dask_address, read_shards


def _govkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govkg.cli", *args], env=_env(), cwd=REPO_ROOT, capture_output=True, text=True
    )


def _dump(data_dir: Path) -> tuple[list[str], list[str]]:
    with KnowledgeGraph.open(Settings(data_dir=data_dir, store="falkordb")) as kg:
        assert isinstance(kg.store, FalkorStore)
        return dump_graph(kg.store)


def test_dask_shards_load_into_the_same_graph_as_jobs_1(tmp_path: Path, shared_dir: Path) -> None:
    import distributed  # the dask extra, which `python3 scripts/dev.py test` installs

    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 40, seed=12)
    inputs = [str(corpus), str(shared_dir / "corpus")]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        on_dask = _govkg("extract", *inputs, "-o", str(tmp_path / "dask"), "--executor", address)
    assert on_dask.returncode == 0, on_dask.stderr
    here = _govkg("extract", *inputs, "-o", str(tmp_path / "here"))
    assert here.returncode == 0, here.stderr
    dask_shards = sorted((tmp_path / "dask").glob("*.jsonl"))
    assert dask_shards and [p.read_bytes() for p in dask_shards] == [
        p.read_bytes() for p in sorted((tmp_path / "here").glob("*.jsonl"))
    ]
    # the shards give back exactly the Extractions of this process
    docs = [d for d in iter_documents([corpus, shared_dir / "corpus"]) if isinstance(d, Document)]
    assert list(read_shards(tmp_path / "dask")) == [default_extractor().extract(d) for d in docs]

    loaded = _govkg("load", "--from-extractions", str(tmp_path / "dask"), "--data-dir", str(tmp_path / "a"))
    assert loaded.returncode == 0, loaded.stderr
    assert "reports read 45, loaded 45" in loaded.stdout
    direct = _cli_load([corpus, shared_dir / "corpus"], tmp_path / "b", 1)
    assert direct.returncode == 0, direct.stderr
    assert _dump(tmp_path / "a") == _dump(tmp_path / "b")


def test_bad_executor_and_missing_shards_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dask://HOST:PORT"):
        dask_address("tcp://127.0.0.1:8786")
    assert dask_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    none = _govkg("load", "--from-extractions", str(tmp_path), "--data-dir", str(tmp_path / "d"))
    assert none.returncode == 1 and "no extractions-*.jsonl shards" in none.stderr
