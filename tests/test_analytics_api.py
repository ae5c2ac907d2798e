"""The /analytics routes over the embedded store, checked against the analytics on the same data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from govkg.config import Settings
from govkg.graph import analytics as an
from govkg.loaders.extraction import Extraction


@pytest.fixture
def client(falkor_store: Any, extractions: list[Extraction], tmp_path: Path) -> Iterator[TestClient]:
    """The app over a store loaded with the sample extractions."""
    from govkg.api.app import create_app
    from govkg.graph.writer import write_extraction

    for ex in extractions:
        write_extraction(falkor_store, ex)
    app = create_app(Settings(data_dir=tmp_path / "unused"), store=falkor_store)
    with TestClient(app) as c:
        yield c


def test_events_page_and_filters(client: TestClient, falkor_store: Any) -> None:
    events = an.adoption_events(falkor_store)
    body = client.get("/analytics/events", params={"limit": 3}).json()
    assert body["count"] == len(events)
    assert body["data"] == [e.as_row() for e in events[:3]]
    by_name = client.get("/analytics/events", params={"practice": "枫桥经验", "level": "county"}).json()
    assert {(r["region_code"], r["first_year"]) for r in by_name["data"]} == {
        (e.region_code, e.first_year) for e in events if e.practice_key == "fengqiao" and e.level == "county"
    }
    assert all(r["evidence"] and r["evidence_report_id"] for r in by_name["data"])
    within = client.get("/analytics/events", params={"within": "包头市"}).json()
    assert within["count"] > 0
    assert all(r["region_code"].startswith("1502") for r in within["data"])
    assert client.get("/analytics/events", params={"practice": "没有这个做法"}).status_code == 404
    assert client.get("/analytics/events", params={"limit": 0}).status_code == 422


def test_diffusion_bundles_central_similar(client: TestClient, falkor_store: Any) -> None:
    events = an.adoption_events(falkor_store)
    curve = client.get("/analytics/diffusion/枫桥经验").json()
    expected = an.diffusion_curve(events, "fengqiao").as_dict()
    assert curve == {**expected, "pair_count": len(expected["pairs"])}
    short = client.get("/analytics/diffusion/fengqiao", params={"max_pairs": 0}).json()
    assert (short["pairs"], short["pair_count"]) == ([], len(expected["pairs"]))
    assert curve["cumulative"][-1] == len({e.region_code for e in events if e.practice_key == "fengqiao"})
    assert client.get("/analytics/diffusion/没有这个做法").status_code == 404

    bundles = client.get("/analytics/bundles", params={"seed": 1}).json()
    computed = an.practice_bundles(an.coadoption_graph(events), seed=1)
    assert [tuple(b["practices"]) for b in bundles["data"]] == [b.practices for b in computed]

    central = client.get("/analytics/central", params={"top": 3}).json()
    report = an.centrality(events, top=3)
    assert [c["key"] for c in central["practices"]] == [c.key for c in report.practices]
    assert [c["key"] for c in central["regions"]] == [c.key for c in report.regions]

    similar = client.get("/analytics/similar/昆都仑区", params={"k": 2}).json()
    assert similar["region"] == "150203"
    assert [(s["code"], s["score"]) for s in similar["data"]] == [
        (s.code, s.score) for s in an.similar_regions(events, "150203", k=2)
    ]
    assert client.get("/analytics/similar/999999").status_code == 404
    assert client.get("/analytics/similar/150203", params={"k": 0}).status_code == 422
