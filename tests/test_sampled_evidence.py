"""The API's second step for aggregate pages: evidence read from the rows' sample ranks
(govkg.api.routes.evidence), on both stores."""

from __future__ import annotations

from govkg.api.routes.evidence import sampled_evidence
from govkg.config import Settings
from govkg.graph.store import GraphStore
from govkg.graph.writer import fact_rank, write_extraction
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import Catalog

CATALOG = Catalog.default()
SETTINGS = Settings()


def adopters(store: GraphStore, key: str) -> list[dict]:
    """The adopters page of a practice, without evidence: its rows carry the sample ranks."""
    params = {"key": key, "evidence_limit": 0, "limit": 100}
    query = CATALOG.get("adopters")
    return store.run_read(query.text_for(store.dialect), query.bind(params))


def test_evidence_follows_the_sample_ranks_earliest_first(
    any_store: GraphStore, extractions: list[Extraction]
) -> None:
    for ex in extractions:
        write_extraction(any_store, ex)
    rows = {r["code"]: r for r in adopters(any_store, "fengqiao")}
    # 昆都仑区's 枫桥经验 is in one report; 包头市's in another, dated a year earlier
    found = sampled_evidence(any_store, CATALOG, SETTINGS, [rows["150203"]["sample"]], 3, ["150203"])
    assert [[p.evidence for p in row] for row in found] == [
        ["昆都仑区深化枫桥经验，建立矛盾纠纷多元化解中心。"]
    ]
    (only,) = found[0]
    assert (only.year, only.region_code, only.report_title) == (2023, "150203", "昆都仑区2023年平安建设报告")
    assert only.offset is not None and only.report_id == extractions[1].report.id

    # Ranks sort by year first: given out of order, the earlier fact still comes first.
    both = [rows["150203"]["sample"][0], rows["150200"]["sample"][0]]
    (row,) = sampled_evidence(
        any_store,
        CATALOG,
        SETTINGS,
        [
            both[::-1],
        ],
        3,
    )
    assert [p.year for p in row] == [2022, 2023]
    (cut,) = sampled_evidence(any_store, CATALOG, SETTINGS, [both], 1)
    assert [p.year for p in cut] == [2022]
    assert sampled_evidence(any_store, CATALOG, SETTINGS, [both, None], 0) == [[], []]


def test_a_rank_naming_no_fact_is_skipped_and_keeps_its_row(
    any_store: GraphStore, extractions: list[Extraction]
) -> None:
    for ex in extractions:
        write_extraction(any_store, ex)
    real = adopters(any_store, "grid")[0]["sample"][0]
    ghost = fact_rank(2001, "feedfacefeedface", 7, "feedfacefeedface|adoption|150203|grid")
    rows = sampled_evidence(any_store, CATALOG, SETTINGS, [[ghost, real], [ghost], []], 3, ["150203"] * 3)
    assert [len(r) for r in rows] == [1, 0, 0]
    assert rows[0][0].report_id != "feedfacefeedface"
