"""Search over practice, region and agency names and over evidence sentences."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from govkg.api.deps import CatalogDep, Limit, Offset, QuerySlot, SettingsDep, StoreDep, run
from govkg.api.routes.common import ERRORS, answer, opt_int
from govkg.api.schemas import Page, SearchHit
from govkg.graph.store import QueryError
from govkg.loaders.documents import fold

router = APIRouter(tags=["search"], responses=ERRORS)

KIND_ORDER = {"practice": 0, "region": 1, "agency": 2, "evidence": 3}
# Scores: an exact name beats an exact alias beats a name containing the text beats evidence;
# evidence sentences score below 1, higher the more facts they state.
EXACT_NAME, EXACT_ALIAS, PARTIAL_NAME = 3.0, 2.0, 1.0
EVIDENCE_LIMIT = 500


def evidence_query_text(text: str) -> str:
    """The text an evidence search looks for: folded to simplified characters, lower case, with
    only letters and digits kept (the sentences' bigram index knows nothing else)."""
    return "".join(ch for ch in fold(text).lower() if ch.isalnum())


def name_score(text: str, name: str | None, aliases: list[str]) -> float:
    """How well a node's names match the searched text (see EXACT_NAME and friends)."""
    if name == text:
        return EXACT_NAME
    if text in aliases:
        return EXACT_ALIAS
    return PARTIAL_NAME


def evidence_hit(r: dict[str, Any]) -> SearchHit:
    """One evidence sentence (with every fact it states) as a search hit."""
    facts = [f for f in r.get("facts") or [] if isinstance(f, dict)]
    first = facts[0] if facts else {}
    n = len(facts)
    return SearchHit(
        kind="evidence",
        key=str(r["id"]),
        name=first.get("practice_name"),
        score=n / (n + 1),
        report_id=str(r["report_id"]),
        evidence=r.get("evidence"),
        region_code=first.get("region_code"),
        practice_key=first.get("practice_key"),
        offset=opt_int(r.get("offset")),
        report_title=r.get("report_title"),
        report_date=r.get("report_date"),
        report_source=r.get("report_source"),
        facts=facts,
    )


@router.get("/search", operation_id="search", response_model=Page[SearchHit])
def search(
    store: StoreDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    _slot: QuerySlot,
    q: Annotated[str, Query(min_length=1, max_length=200, description="text to look for (Chinese)")],
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Practices, regions and agencies by name or alias (exact name first, then exact alias, then
    names containing the text), then evidence sentences containing the text, each sentence once with
    all its facts, most facts first (on Neo4j among its full-text index's best-scored 2,000 that
    contain it: a common word is in tens of thousands). Traditional and simplified characters are one."""
    raw = q.strip()
    if not raw:
        return answer(Page(data=[], count=0, limit=limit, offset=offset))
    texts = list(dict.fromkeys([fold(raw), raw]))
    hits: dict[tuple[str, str], SearchHit] = {}

    def add(kind: str, key: str, name: str | None, aliases: list[str], extra: float = 0.0) -> None:
        score = max(name_score(t, name, aliases) for t in texts) + extra
        old = hits.get((kind, key))
        if old is None or (old.score or 0.0) < score:
            hits[(kind, key)] = SearchHit(kind=kind, key=key, name=name, score=score)

    for text in texts:
        for r in run(store, catalog, "search_names", settings, {"q": text}):
            add(r["kind"], str(r["key"]), r.get("name"), [str(a) for a in r.get("aliases") or []])
        # The full-text index finds whole words a substring match may miss (and ranks them).
        try:
            for r in run(store, catalog, "search", settings, {"q": text}):
                if r.get("key") is not None:
                    add(r["kind"], str(r["key"]), r.get("name"), [], 0.0)
        except QueryError:
            pass  # a query the index syntax rejects: the substring search still answers
    ranked = sorted(
        hits.values(), key=lambda h: (-(h.score or 0.0), KIND_ORDER.get(h.kind, 9), h.name or "", h.key)
    )
    count = len(ranked)
    needle = evidence_query_text(raw)
    if len(needle) >= 2:
        # Sentences are read only as far as the page reaches; the count comes from a cheaper query.
        counted = run(store, catalog, "search_evidence_count", settings, {"q": needle, "cap": EVIDENCE_LIMIT})
        count += min(EVIDENCE_LIMIT, (opt_int(counted[0].get("count")) or 0) if counted else 0)
        wanted = min(EVIDENCE_LIMIT, offset + limit - len(ranked))
        if wanted > 0:
            rows = run(store, catalog, "search_evidence", settings, {"q": needle, "limit": wanted})
            ranked += [evidence_hit(r) for r in rows]
    return answer(Page(data=ranked[offset : offset + limit], count=count, limit=limit, offset=offset))
