"""Evidence for a page of aggregate rows, read after the page in one flat query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govkg.api.deps import run
from govkg.api.routes.common import provenance
from govkg.api.schemas import Provenance
from govkg.config import Settings
from govkg.graph.store import GraphStore
from govkg.graph.writer import rank_fact_id
from govkg.queries.catalog import Catalog


def sampled_evidence(
    store: GraphStore,
    catalog: Catalog,
    settings: Settings,
    samples: Sequence[Any],
    limit: int,
    codes: Sequence[str | None] | None = None,
) -> list[list[Provenance]]:
    """For each row's sample ranks (see writer.fact_rank), its first `limit` facts' provenance,
    earliest first; `codes` gives each row's region for facts that name none. A sample naming a
    fact that is gone is skipped rather than dropping its row."""
    picks = [sorted(str(k) for k in (s or []))[:limit] if limit > 0 else [] for s in samples]
    ids = sorted({rank_fact_id(k) for row in picks for k in row})
    found: dict[str, dict[str, Any]] = {}
    if ids:
        found = {str(r["id"]): r for r in run(store, catalog, "fact_evidence", settings, {"facts": ids})}
    out = []
    for i, row in enumerate(picks):
        code = codes[i] if codes is not None else None
        out.append(provenance([found[f] for f in map(rank_fact_id, row) if f in found], code))
    return out
