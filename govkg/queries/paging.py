"""Keyset pages of complete report ids: the key the streaming exports page on."""

from __future__ import annotations

from collections.abc import Iterator

from govkg.queries.names import Runner

# Ids asked of report_page per call. Each call orders the ids after the last one seen, so fewer,
# larger calls keep that cost low as the graph grows; the ids are then handed out in chunks.
IDS_PAGE = 5000


def report_pages(run: Runner, chunk: int) -> Iterator[list[str]]:
    """Ids of complete reports in id order, ``chunk`` at a time (keyset on the report id)."""
    size = max(chunk, IDS_PAGE)
    after = ""
    while True:
        ids = [str(r["id"]) for r in run("report_page", {"after": after, "limit": size})]
        for i in range(0, len(ids), chunk):
            yield ids[i : i + chunk]
        if len(ids) < size:
            return
        after = ids[-1]
