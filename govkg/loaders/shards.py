"""Extractions as JSONL shards, so extraction can run elsewhere (a Dask cluster) and be loaded later.

``extract_to_shards`` reads reports here, extracts them in this process, in local worker
processes, or on a Dask cluster (``dask://HOST:PORT``; the optional ``dask`` extra), and writes
``extractions-00000.jsonl``, … in reading order, one Extraction per line; ``read_shards`` gives
them back, equal to the originals. ``govkg load --from-extractions DIR`` writes them into a store.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from govkg.config import Settings
from govkg.loaders.documents import Document, DocumentError, iter_documents
from govkg.loaders.extract import ExtractionTimeout, extractor_for
from govkg.loaders.extraction import Extraction

SHARD_PREFIX = "extractions-"
_ADAPTER: TypeAdapter[Extraction] = TypeAdapter(Extraction)


def shard_paths(directory: Path) -> list[Path]:
    """The shard files of ``directory``, in order."""
    return sorted(directory.glob(f"{SHARD_PREFIX}*.jsonl"))


def read_shards(directory: Path) -> Iterator[Extraction]:
    """Every Extraction in the shards of ``directory``, in the order they were written."""
    paths = shard_paths(directory)
    if not paths:
        raise FileNotFoundError(
            f"{directory}: no {SHARD_PREFIX}*.jsonl shards (write them with govkg extract -o)"
        )
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                try:
                    yield _ADAPTER.validate_json(line)
                except ValueError as exc:
                    raise ValueError(f"{path}:{n}: not an Extraction: {exc}") from exc


def _extract_with(settings: Settings, doc: Document) -> Extraction | str:
    """One report's Extraction, or the reason it has none (runs on a worker)."""
    try:
        return extractor_for(settings).extract(doc, time_limit=settings.extract_timeout)
    except ExtractionTimeout as exc:
        return str(exc)
    except Exception as exc:
        return f"extraction failed: {type(exc).__name__}: {exc}"


def dask_address(executor: str) -> str:
    """``dask://HOST:PORT`` -> the scheduler address ``tcp://HOST:PORT``."""
    if not executor.startswith("dask://") or len(executor) <= len("dask://"):
        raise ValueError(f"executor must be dask://HOST:PORT, not {executor!r}")
    return "tcp://" + executor[len("dask://") :]


def _dask_map(address: str, settings: Settings, batch: int) -> Callable[[list[Document]], list[Any]]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise RuntimeError("the Dask executor needs the dask extra: pip install 'govkg[dask]'") from exc
    client = Client(address)  # type: ignore[no-untyped-call]

    def run(docs: list[Document]) -> list[Any]:
        futures = client.map(_extract_with, [settings] * len(docs), docs, pure=False)
        return list(client.gather(futures))  # type: ignore[no-untyped-call]

    return run


def extract_to_shards(
    paths: Iterable[str | Path],
    out_dir: Path,
    settings: Settings,
    *,
    executor: str | None = None,
    shard_size: int = 1000,
    on_rejected: Callable[[str, str], None] | None = None,
) -> int:
    """Extract every report under ``paths`` into JSONL shards in ``out_dir``; the number written.

    ``executor`` None extracts here; ``dask://HOST:PORT`` sends batches of reports to that Dask
    scheduler's workers and writes their Extractions back in reading order, so the shards are
    the same whichever executor made them.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in shard_paths(out_dir):
        old.unlink()
    run: Callable[[list[Document]], list[Any]]
    if executor:
        run = _dask_map(dask_address(executor), settings, shard_size)
    else:
        run = lambda docs: [_extract_with(settings, d) for d in docs]  # noqa: E731
    written = 0
    shard = 0
    batch: list[Document] = []
    seen: set[str] = set()

    def flush() -> None:
        nonlocal written, shard
        if not batch:
            return
        results = run(batch)
        tmp = out_dir / f".{SHARD_PREFIX}{shard:05d}.jsonl.partial"
        with tmp.open("w", encoding="utf-8") as fh:
            for doc, got in zip(batch, results, strict=True):
                if isinstance(got, str):
                    if on_rejected:
                        on_rejected(doc.source, got)
                    continue
                fh.write(json.dumps(dataclasses.asdict(got), ensure_ascii=False, sort_keys=True) + "\n")
                written += 1
        tmp.replace(out_dir / f"{SHARD_PREFIX}{shard:05d}.jsonl")
        shard += 1
        batch.clear()

    for item in iter_documents(paths, follow_links=settings.follow_links):
        if isinstance(item, DocumentError):
            if on_rejected:
                on_rejected(str(item.path), item.reason)
            continue
        if item.id in seen:
            continue
        seen.add(item.id)
        batch.append(item)
        if len(batch) >= shard_size:
            flush()
    flush()
    return written
