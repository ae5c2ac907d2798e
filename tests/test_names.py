"""One name resolver for REST, Python and CLI: both scripts, aliases, clear errors, enums refused.

The graph is the invented sample of conftest (包头市, 昆都仑区, 枫桥经验 …); traditional spellings
are typed here by hand, so nothing depends on ../shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extraction
from govkg.knowledge import KnowledgeGraph
from govkg.loaders.extraction import LEVELS, Extraction
from govkg.queries import names


@pytest.fixture
def kg(any_store: GraphStore, extractions: list[Extraction], data_dir: Path) -> KnowledgeGraph:
    for ex in extractions:
        write_extraction(any_store, ex)
    return KnowledgeGraph(any_store, Settings(data_dir=data_dir))


@pytest.fixture
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg.settings, kg.store)) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == status, (url, r.status_code, r.text[:400])
    return r.json()


def test_name_variants_fold_and_unquote() -> None:
    assert names.name_variants(" “楓橋經驗” ") == ["楓橋經驗", "枫桥经验"]
    assert names.name_variants("枫桥经验") == ["枫桥经验"]
    assert names.name_variants("   ") == []


def test_rest_paths_and_filters_accept_traditional_names(client: TestClient) -> None:
    simplified = get(client, "/practices/枫桥经验/adopters")
    traditional = get(client, "/practices/楓橋經驗/adopters")
    assert traditional == simplified and simplified["count"] == 3
    alias = get(client, "/practices/新時代楓橋經驗/adopters")
    assert alias == simplified
    facts = get(client, "/adoptions", practice="楓橋經驗")
    assert {f["region_code"] for f in facts["data"]} == {"150200", "150203", "632801"}
    assert get(client, "/regions/包頭市")["code"] == "150200"
    assert get(client, "/regions/崑區")["code"] == "150203"  # traditional alias
    by_code = get(client, "/adoptions", within="150000")
    assert by_code["count"] == 8 and get(client, "/adoptions", within="內蒙古自治區") == by_code


def test_rest_unknown_names_are_404_with_close_names(client: TestClient) -> None:
    body = get(client, "/practices/枫乔经验/adopters", status=404)
    assert "枫乔经验" in body["detail"] and "枫桥经验" in body["suggestions"]
    body = get(client, "/adoptions", status=404, practice="不存在的做法")
    assert "unknown practice" in body["detail"]
    body = get(client, "/regions/包头县", status=404)
    assert "包头市" in body["suggestions"]


def test_rest_unknown_enum_values_are_422_listing_valid_ones(client: TestClient) -> None:
    body = get(client, "/regions", status=422, level="planet")
    assert body["valid"] == list(LEVELS) and "planet" in body["detail"]
    body = get(client, "/practices/grid/adopters", status=422, level="galaxy")
    assert body["valid"] == list(LEVELS)
    body = get(client, "/practices", status=422, category="nonsense")
    assert {"基层治理", "local"} <= set(body["valid"])
    # a category in the other script is the same category
    folded = get(client, "/practices", category="基層治理")
    assert folded["count"] > 0 and folded == get(client, "/practices", category="基层治理")
    body = get(client, "/adoptions", status=422, year_from=2024, year_to=2020)
    assert "year_from" in body["detail"]
    body = get(client, "/practices/grid/adopters", status=422, year_from=2024, year_to=2020)
    assert "swap" in body["detail"]
    get(client, "/analytics/events", status=422, level="planet")


def test_python_api_resolves_like_rest(kg: KnowledgeGraph, client: TestClient) -> None:
    rest = {a["code"] for a in get(client, "/practices/枫桥经验/adopters")["data"]}
    for spelling in ("fengqiao", "枫桥经验", "楓橋經驗", "新时代枫桥经验"):
        assert {a.code for a in kg.adopters(spelling)} == rest
    facts = list(kg.adoptions(practice="新時代楓橋經驗"))
    assert {f.region_code for f in facts} == rest
    assert all(f.report_title for f in facts)
    below = {p.key for p in kg.region_practices("包头市", include_descendants=True)}
    assert {"fengqiao", "grid", "mediation", "snow", "sanzhi"} <= below
    assert {p.key for p in kg.region_practices("包頭市")} == {"fengqiao"}
    assert kg.region("海西州")["code"] == "632800"
    assert {a.code for a in kg.adopters("grid", within="內蒙古")} == {"150203"}


def test_python_api_raises_for_unknown_names_and_values(kg: KnowledgeGraph) -> None:
    with pytest.raises(names.UnknownName, match="unknown practice") as info:
        kg.adopters("枫乔经验")
    assert "枫桥经验" in info.value.suggestions
    with pytest.raises(LookupError, match="unknown region"):
        kg.region_practices("不存在市")
    with pytest.raises(names.UnknownName):
        kg.adoptions(practice="nothing-like-this")
    with pytest.raises(names.InvalidValue) as bad:
        kg.adopters("grid", level="planet")
    assert bad.value.valid == list(LEVELS)
    with pytest.raises(ValueError, match="category"):
        kg.practices(category="nonsense")
    with pytest.raises(ValueError, match="swap"):
        kg.adopters("grid", year_from=2023, year_to=2001)


def test_ambiguous_names_list_their_candidates() -> None:
    rows = {
        "resolve_region": [
            {"code": "110105", "name": "朝阳区", "level": "county"},
            {"code": "220104", "name": "朝阳区", "level": "county"},
        ]
    }

    def run(name: str, params: Any) -> list[dict[str, Any]]:
        return rows.get(name, [])

    with pytest.raises(names.AmbiguousName) as info:
        names.resolve_region(run, "朝陽區")
    assert [c["key"] for c in info.value.candidates] == ["110105", "220104"]
