"""The routes the explorer reads besides the resource API: the page, the tile grid, the catalog, docs."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from api_support import Facts, load_corpus
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.tilegrid import PROVINCE_TILES
from govkg.queries.catalog import Catalog


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Facts]]:
    data_dir = tmp_path_factory.mktemp("explorer-api")
    data_dir.chmod(0o700)
    store = FalkorStore(data_dir, graph_name="govkg_explorer_api")
    store.clear()
    store.ensure_schema()
    facts = Facts(load_corpus(store))
    try:
        with TestClient(create_app(Settings(data_dir=data_dir), store)) as client:
            yield client, facts
    finally:
        store.close()


def _local_urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)


def test_page_and_its_assets_are_served_locally(loaded: tuple[TestClient, Facts]) -> None:
    client, _ = loaded
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    urls = _local_urls(page.text)
    assert "/static/vendor/echarts.min.js" in urls
    for url in urls:
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url
        else:
            assert url.startswith(("/", "#")), f"the page links outside the server: {url}"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_use_vendored_assets(loaded: tuple[TestClient, Facts], path: str) -> None:
    client, _ = loaded
    html = client.get(path).text
    assert "http://" not in html
    assert "https://" not in html
    scripts = [u for u in _local_urls(html) if u.endswith((".js", ".css"))]
    assert scripts
    for url in scripts:  # the vendored assets, and govkg's own contrast overrides for Swagger UI
        assert url.startswith("/static/vendor/") or url == "/static/explorer/swagger-contrast.css"
        assert client.get(url).status_code == 200


def test_tilegrid_route_serves_the_layout(loaded: tuple[TestClient, Facts]) -> None:
    client, _ = loaded
    grid = client.get("/tilegrid").json()
    assert {(t["code"], t["row"], t["col"]) for t in grid["tiles"]} == {
        (code, row, col) for code, (row, col) in PROVINCE_TILES.items()
    }
    assert all(t["row"] < grid["rows"] and t["col"] < grid["cols"] for t in grid["tiles"])


def test_queries_route_lists_the_catalog(loaded: tuple[TestClient, Facts]) -> None:
    client, _ = loaded
    listed = {q["name"]: q for q in client.get("/queries").json()}
    catalog = Catalog.default()
    assert set(listed) == set(catalog.names())
    adopters = listed["practice_adopters"]
    assert adopters["text"] == catalog.get("practice_adopters").text_for("falkordb")
    key = next(p for p in adopters["params"] if p["name"] == "key")
    assert key["required"] is True


def test_rolled_up_adopters_count_the_regions_below(loaded: tuple[TestClient, Facts]) -> None:
    client, facts = loaded
    rows = client.get(
        "/practices/fengqiao/adopters", params={"rollup": "true", "level": "province", "limit": 1000}
    ).json()["data"]
    assert rows
    adopters = facts.adopters("fengqiao")
    for row in rows:
        below = {code for code in adopters if row["code"] in facts.ancestors(code)}
        assert row["adopting_regions"] == len(below), row["code"]


def test_cooccurrence_of_one_practice_equals_the_full_list_filtered(loaded: tuple[TestClient, Facts]) -> None:
    client, facts = loaded
    adopters: dict[str, set[str]] = {}
    for r, p in facts.adoptions:
        adopters.setdefault(p, set()).add(r)
    expected = {
        tuple(sorted((key, "fengqiao"))): adopters[key] & adopters["fengqiao"]
        for key in adopters
        if key != "fengqiao" and adopters[key] & adopters["fengqiao"]
    }
    assert expected
    body = client.get("/cooccurrence", params={"practice": "楓橋經驗", "limit": 1000}).json()
    got = {(pair["a"], pair["b"]): set(pair["region_codes"]) for pair in body["data"]}
    assert got == expected
    full = client.get("/cooccurrence", params={"limit": 1000}).json()["data"]
    assert [p for p in full if "fengqiao" in (p["a"], p["b"])] == body["data"]
    assert client.get("/cooccurrence", params={"practice": "no-such-practice"}).status_code == 404


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_declare_their_language(loaded: tuple[TestClient, Facts], path: str) -> None:
    client, _ = loaded
    assert '<html lang="en">' in client.get(path).text


def test_most_active_regions_come_first_and_agree_with_the_full_list(
    loaded: tuple[TestClient, Facts],
) -> None:
    # The home page's "most active regions": paged in the query, the same regions and counts as
    # the full region list sorted by practices adopted.
    client, _ = loaded
    everyone = client.get("/regions", params={"limit": 1000}).json()["data"]
    active = [r for r in everyone if r["practices"] > 0]
    assert active, "the corpus has regions with adoptions"
    top = client.get("/regions", params={"sort": "practices", "limit": 5})
    assert top.status_code == 200
    body = top.json()
    assert body["count"] == len(active)
    counts = [r["practices"] for r in body["data"]]
    assert counts == sorted(counts, reverse=True)
    assert counts == sorted((r["practices"] for r in active), reverse=True)[:5]
    by_code = {r["code"]: r for r in everyone}
    for r in body["data"]:
        assert r["practices"] == by_code[r["code"]]["practices"]
        assert r["name"] == by_code[r["code"]]["name"] and r["parent"] == by_code[r["code"]]["parent"]
    second = client.get("/regions", params={"sort": "practices", "limit": 5, "offset": 5}).json()["data"]
    assert not {r["code"] for r in second} & {r["code"] for r in body["data"]}
    counties = client.get("/regions", params={"sort": "practices", "level": "county", "limit": 100}).json()
    assert {r["level"] for r in counties["data"]} == {"county"}
    assert counties["count"] == sum(1 for r in active if r["level"] == "county")
    # With a name filter the list is filtered first, then sorted the same way.
    named = client.get("/regions", params={"sort": "practices", "q": "区", "limit": 1000}).json()["data"]
    assert [r["practices"] for r in named] == sorted((r["practices"] for r in named), reverse=True)
    assert all("区" in r["name"] or "区" in (r.get("short") or "") or r["aliases"] for r in named)
    assert client.get("/regions", params={"sort": "planet"}).status_code == 422


def test_cooccurrence_counts_pages_and_codes_agree_with_the_single_pass(
    loaded: tuple[TestClient, Facts],
) -> None:
    # Without a practice the route counts pairs first and lists the codes of one page only; with
    # codes=false it lists none. Both must say what the one-pass query of a practice says.
    client, _ = loaded
    full = client.get("/cooccurrence", params={"limit": 1000}).json()
    assert full["count"] == len(full["data"]) > 3
    counts = [p["regions"] for p in full["data"]]
    assert counts == sorted(counts, reverse=True)
    for pair in full["data"]:
        assert len(pair["region_codes"]) == pair["regions"] == len(set(pair["region_codes"]))
        assert pair["region_codes"] == sorted(pair["region_codes"])
    second = client.get("/cooccurrence", params={"limit": 2, "offset": 2}).json()
    assert second["count"] == full["count"] and second["data"] == full["data"][2:4]
    bare = client.get("/cooccurrence", params={"limit": 1000, "codes": "false"}).json()
    assert [(p["a"], p["b"], p["regions"]) for p in bare["data"]] == [
        (p["a"], p["b"], p["regions"]) for p in full["data"]
    ]
    assert all(p["region_codes"] == [] for p in bare["data"])
    key = full["data"][0]["a"]
    one = client.get("/cooccurrence", params={"practice": key, "limit": 1000}).json()["data"]
    one_bare = client.get("/cooccurrence", params={"practice": key, "codes": "false", "limit": 1000}).json()[
        "data"
    ]
    mine = [p for p in full["data"] if key in (p["a"], p["b"])]
    assert sorted((p["a"], p["b"], p["regions"], tuple(p["region_codes"])) for p in one) == sorted(
        (p["a"], p["b"], p["regions"], tuple(p["region_codes"])) for p in mine
    )
    assert sorted((p["a"], p["b"], p["regions"]) for p in one_bare) == sorted(
        (p["a"], p["b"], p["regions"]) for p in mine
    )
