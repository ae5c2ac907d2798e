"""The REST API over the embedded store loaded with examples/ (read routes)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from api_support import API_KEY, Facts, load_corpus
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FalkorStore, Facts, Path]]:
    """One embedded store with examples/ loaded, used by all the read tests."""
    data_dir = tmp_path_factory.mktemp("api-data")
    data_dir.chmod(0o700)
    store = FalkorStore(data_dir, graph_name="govkg_api_test")
    store.clear()
    store.ensure_schema()
    facts = Facts(load_corpus(store))
    try:
        yield store, facts, data_dir
    finally:
        store.close()


@pytest.fixture(scope="module")
def client(loaded: tuple[FalkorStore, Facts, Path]) -> Iterator[TestClient]:
    """A TestClient over the loaded store; server errors are raised, so a 500 fails the test."""
    store, _, data_dir = loaded
    app = create_app(Settings(data_dir=data_dir, api_key=API_KEY), store)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def facts(loaded: tuple[FalkorStore, Facts, Path]) -> Facts:
    """The independent view of what was loaded."""
    return loaded[1]


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    """GET and check the status; return the JSON body."""
    r = client.get(url, params=params)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def all_pages(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list."""
    body = get(client, url, limit=1000, **params)
    assert body["count"] == len(body["data"]) or body["count"] > 1000
    return list(body["data"])


def busiest_practice(facts: Facts) -> str:
    """The practice with the most adopting regions (ties broken by key)."""
    counts = Counter(p for (_, p) in facts.adoptions)
    return sorted(counts, key=lambda k: (-counts[k], k))[0]


# ---- practices ----


def test_practices_list_counts_adopters_like_the_extractions(client: TestClient, facts: Facts) -> None:
    items = all_pages(client, "/practices")
    assert items, "the corpus yields practices"
    by_key = {p["key"]: p for p in items}
    for key in {p for (_, p) in facts.adoptions}:
        assert by_key[key]["adopters"] == len(facts.adopters(key)), key
        years = [y for (r, p), s in facts.adoptions.items() if p == key for _, y in s if y is not None]
        assert by_key[key]["first_year"] == (min(years) if years else None)


def test_practices_filters_and_paging(client: TestClient) -> None:
    every = get(client, "/practices", limit=1000)
    category = every["data"][0]["category"]
    filtered = get(client, "/practices", category=category, limit=1000)
    assert filtered["count"] == sum(1 for p in every["data"] if p["category"] == category)
    assert all(p["category"] == category for p in filtered["data"])
    q = get(client, "/practices", q="枫桥", limit=1000)
    assert q["data"] and all("枫桥" in p["name"] or any("枫桥" in a for a in p["aliases"]) for p in q["data"])
    page2 = get(client, "/practices", limit=2, offset=2)
    assert page2["count"] == every["count"] and page2["limit"] == 2 and page2["offset"] == 2
    assert [p["key"] for p in page2["data"]] == [p["key"] for p in every["data"][2:4]]


def test_practice_detail_by_key_name_and_alias(client: TestClient, facts: Facts) -> None:
    by_name = get(client, "/practices/枫桥经验")
    assert by_name["key"] == "fengqiao"
    assert by_name["adopters"] == len(facts.adopters("fengqiao"))
    assert get(client, "/practices/fengqiao") == by_name
    assert get(client, f"/practices/{by_name['aliases'][0]}") == by_name
    reports = {rep for (r, p), s in facts.adoptions.items() if p == "fengqiao" for rep, _ in s}
    assert by_name["reports"] == len(reports)


def test_unknown_practice_is_404_naming_it(client: TestClient) -> None:
    body = get(client, "/practices/没有这种做法", 404)
    assert "没有这种做法" in body["detail"]
    assert "没有这种做法" in get(client, "/practices/没有这种做法/adopters", 404)["detail"]
    assert "没有这种做法" in get(client, "/practices/没有这种做法/timeline", 404)["detail"]


def test_adopters_of_fengqiao_are_the_regions_the_corpus_names(client: TestClient, facts: Facts) -> None:
    items = all_pages(client, "/practices/枫桥经验/adopters")
    assert {a["code"] for a in items} == facts.adopters("fengqiao")
    for a in items:
        assert a["evidence"], "every adopter carries provenance"
        for ev in a["evidence"]:
            assert ev["report_id"] and ev["evidence"]
            assert ev["report_id"] in {rep for rep, _ in facts.adoptions[(a["code"], "fengqiao")]}


def test_adopters_pages_count_every_adopter_on_every_page(client: TestClient, facts: Facts) -> None:
    """Full pages ask the store for the count; a short last page and a page past the end give the
    same count (the first without asking)."""
    key = busiest_practice(facts)
    n = len(facts.adopters(key))
    assert n >= 3
    seen: list[str] = []
    for offset in range(0, n + 2, 2):
        body = get(client, f"/practices/{key}/adopters", limit=2, offset=offset, evidence_limit=0)
        assert body["count"] == n, offset
        seen += [a["code"] for a in body["data"]]
    assert sorted(seen) == sorted(facts.adopters(key))
    for rollup in (False, True):
        whole = get(client, f"/practices/{key}/adopters", limit=1000, rollup=rollup)
        assert whole["count"] == len(whole["data"]) > 0


def test_adopters_rollup_level_within_and_years(client: TestClient, facts: Facts) -> None:
    key = busiest_practice(facts)
    adopters = facts.adopters(key)
    rolled = {a["code"] for a in all_pages(client, f"/practices/{key}/adopters", rollup=True)}
    assert rolled == {anc for c in adopters for anc in facts.ancestors(c)}
    province = get(client, f"/practices/{key}/adopters", rollup=True, level="province", limit=1000)["data"]
    assert province and all(a["level"] == "province" for a in province)
    some = sorted(adopters)[0]
    top = facts.ancestors(some)[-1]
    within = {a["code"] for a in all_pages(client, f"/practices/{key}/adopters", within=top)}
    assert within == {c for c in adopters if top in facts.ancestors(c)}
    years = sorted({y for (r, p), s in facts.adoptions.items() if p == key for _, y in s if y is not None})
    if years:
        y = years[-1]
        late = {a["code"] for a in all_pages(client, f"/practices/{key}/adopters", year_from=y)}
        assert late == {
            r for (r, p), s in facts.adoptions.items() if p == key and any(yy == y for _, yy in s)
        }
        early = {a["code"] for a in all_pages(client, f"/practices/{key}/adopters", year_to=y - 1)}
        expected = {
            r
            for (r, p), s in facts.adoptions.items()
            if p == key and any(yy is not None and yy < y for _, yy in s)
        }
        assert early == expected


def test_timeline_is_the_cumulative_first_adoption_curve(client: TestClient, facts: Facts) -> None:
    key = busiest_practice(facts)
    body = get(client, f"/practices/{key}/timeline")
    first: dict[str, int] = {}
    for (r, p), s in facts.adoptions.items():
        years = [y for _, y in s if y is not None]
        if p == key and years:
            first[r] = min(years)
    expected = Counter(first.values())
    assert [(pt["year"], pt["new_regions"]) for pt in body["points"]] == sorted(expected.items())
    assert body["points"][-1]["cumulative"] == len(first) if first else body["points"] == []
    assert body["undated_regions"] == len(facts.adopters(key)) - len(first)
    for pt in body["points"]:
        for reg in pt["regions"]:
            assert first[reg["code"]] == pt["year"] and reg["report_id"] and reg["evidence"]


def test_timeline_lists_each_years_first_regions_by_code(client: TestClient, facts: Facts) -> None:
    key = busiest_practice(facts)
    first: dict[str, int] = {}
    for (r, p), s in facts.adoptions.items():
        years = [y for _, y in s if y is not None]
        if p == key and years:
            first[r] = min(years)
    cut = False
    for cap in (1, 2):
        body = get(client, f"/practices/{key}/timeline", regions_per_year=cap)
        for pt in body["points"]:
            codes = sorted(r for r, y in first.items() if y == pt["year"])
            assert pt["new_regions"] == len(codes)  # the count is never cut
            assert [reg["code"] for reg in pt["regions"]] == codes[:cap]
            cut = cut or len(codes) > cap
    assert cut, "the busiest seed practice should have a year with more new regions than the cap"
    assert "regions_per_year" in str(
        get(client, f"/practices/{key}/timeline", 422, regions_per_year=0)["detail"]
    )


def test_timeline_counts_alone_draw_the_same_curve(client: TestClient, facts: Facts) -> None:
    for key in sorted({p for (_, p) in facts.adoptions})[:12]:
        full = get(client, f"/practices/{key}/timeline")
        counts = get(client, f"/practices/{key}/timeline", regions="false")
        assert counts["undated_regions"] == full["undated_regions"], key
        shape = [(pt["year"], pt["new_regions"], pt["cumulative"]) for pt in full["points"]]
        assert [(pt["year"], pt["new_regions"], pt["cumulative"]) for pt in counts["points"]] == shape, key
        assert all(pt["regions"] == [] for pt in counts["points"])


def test_adopters_evidence_limit_reads_that_many_facts(client: TestClient, facts: Facts) -> None:
    key = busiest_practice(facts)
    full = {a["code"]: a for a in all_pages(client, f"/practices/{key}/adopters")}
    for rollup in (False, True):
        for n in (0, 1, 2):
            items = all_pages(client, f"/practices/{key}/adopters", rollup=rollup, evidence_limit=n)
            reference = {a["code"]: a for a in all_pages(client, f"/practices/{key}/adopters", rollup=rollup)}
            assert [a["code"] for a in items] == list(reference), (rollup, n)
            for a in items:
                # the same counts, and the first n of the same earliest-first evidence
                assert {k: v for k, v in a.items() if k != "evidence"} == {
                    k: v for k, v in reference[a["code"]].items() if k != "evidence"
                }
                assert a["evidence"] == reference[a["code"]]["evidence"][:n]
    assert all(1 <= len(a["evidence"]) <= 3 for a in full.values())
    # filtered by year, the facts are counted at request time: the limit still holds
    year_filtered = all_pages(client, f"/practices/{key}/adopters", year_from=1990, evidence_limit=1)
    assert year_filtered and all(len(a["evidence"]) == 1 for a in year_filtered)
    refused = get(client, f"/practices/{key}/adopters", 422, evidence_limit=4)
    assert "evidence_limit" in str(refused["detail"])


# ---- regions ----


def test_regions_list_filters(client: TestClient, facts: Facts) -> None:
    everything = get(client, "/regions", limit=1000)
    assert everything["count"] == len(facts.parent)
    counties = all_pages(client, "/regions", level="county")
    assert counties and all(r["level"] == "county" for r in counties)
    kids = all_pages(client, "/regions", parent="150200")
    assert {r["code"] for r in kids} == {c for c, p in facts.parent.items() if p == "150200"}
    by_alias = all_pages(client, "/regions", q="包头")
    assert "150200" in {r["code"] for r in by_alias}


def test_region_by_name_has_path_and_children(client: TestClient, facts: Facts) -> None:
    body = get(client, "/regions/包头市")
    assert body["code"] == "150200"
    assert [p["code"] for p in body["path"]] == facts.ancestors("150200")[1:]
    assert {c["code"] for c in body["children"]} == {c for c, p in facts.parent.items() if p == "150200"}
    assert body["practices"] == len(facts.portfolio("150200"))
    assert get(client, "/regions/150200") == body


def test_unknown_region_is_404(client: TestClient) -> None:
    for url in (
        "/regions/999999",
        "/regions/999999/practices",
        "/regions/999999/agencies",
        "/regions/999999/metrics",
        "/regions/999999/similar",
    ):
        assert "999999" in get(client, url, 404)["detail"]


def test_region_practices_with_and_without_descendants(client: TestClient, facts: Facts) -> None:
    own = all_pages(client, "/regions/包头市/practices")
    assert {p["key"] for p in own} == facts.portfolio("150200")
    deep = all_pages(client, "/regions/包头市/practices", include_descendants="true")
    below = {c for c in facts.parent if "150200" in facts.ancestors(c)}
    assert {p["key"] for p in deep} == {p for (r, p) in facts.adoptions if r in below}
    assert any(len(p["evidence"]) > 1 for p in deep)
    for p in deep:
        facts_here = {(r, rep) for r in p["regions"] for rep, _ in facts.adoptions[(r, p["key"])]}
        assert {(e["region_code"], e["report_id"]) for e in p["evidence"]} <= facts_here
        assert len(p["evidence"]) == min(3, len(facts_here))
    for p in deep:
        assert set(p["regions"]) <= below
        assert p["evidence"] and all(e["report_id"] and e["region_code"] in below for e in p["evidence"])


def test_region_agencies_and_metrics_carry_provenance(client: TestClient, facts: Facts) -> None:
    expected_agencies = {a.key for ex in facts.extractions for a in ex.agencies if a.region_code == "150200"}
    agencies = all_pages(client, "/regions/150200/agencies")
    assert {a["key"] for a in agencies} == expected_agencies
    for a in agencies:
        for impl in a["implements"]:
            assert impl["report_id"] and impl["evidence"]
    expected_metrics = {
        m.key for ex in facts.extractions for m in ex.measurements if m.region_code == "150200"
    }
    metrics = all_pages(client, "/regions/150200/metrics")
    assert {m["key"] for m in metrics} == expected_metrics
    for m in metrics:
        assert m["report_id"] and m["evidence"] and m["raw"] in m["evidence"]


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets), computed here independently of the API."""
    return len(a & b) / len(a | b) if a | b else 0.0


def test_compare_regions(client: TestClient, facts: Facts) -> None:
    regions = sorted({r for (r, _) in facts.adoptions}, key=lambda c: (-len(facts.portfolio(c)), c))[:3]
    body = get(client, "/regions/compare", codes=",".join(regions))
    sets = {c: facts.portfolio(c) for c in regions}
    assert {p["key"] for p in body["shared"]} == set.intersection(*sets.values())
    for c in regions:
        others = set().union(*(sets[o] for o in regions if o != c))
        assert {p["key"] for p in body["distinct"][c]} == sets[c] - others
    for pair in body["pairs"]:
        assert pair["jaccard"] == pytest.approx(jaccard(sets[pair["a"]], sets[pair["b"]]), abs=1e-6)
    assert {(p["a"], p["b"]) for p in body["pairs"]} == set(combinations(regions, 2))
    for p in body["shared"]:
        assert {e["region_code"] for e in p["evidence"]} == set(regions)


def test_compare_needs_two_or_three_regions(client: TestClient) -> None:
    assert "codes" in get(client, "/regions/compare", 422, codes="150200")["detail"]
    assert "codes" in get(client, "/regions/compare", 422, codes="1,2,3,4")["detail"]
    assert "codes" in get(client, "/regions/compare", 422)["detail"]
    assert "999999" in get(client, "/regions/compare", 404, codes="150200,999999")["detail"]


def test_similar_regions_rank_by_jaccard(client: TestClient, facts: Facts) -> None:
    mine = facts.portfolio("150200")
    scores = {
        c: jaccard(mine, facts.portfolio(c)) for c in {r for (r, _) in facts.adoptions} if c != "150200"
    }
    positive = {c: s for c, s in scores.items() if s > 0}
    body = get(client, "/regions/150200/similar", k=5)
    assert body["count"] == len(positive)
    expected = sorted(positive, key=lambda c: (-positive[c], c))[:5]
    assert [r["code"] for r in body["data"]] == expected
    for r in body["data"]:
        assert set(r["shared"]) == mine & facts.portfolio(r["code"])


# ---- adoptions and reports ----


def test_adoptions_are_every_fact_with_provenance(client: TestClient, facts: Facts) -> None:
    body = get(client, "/adoptions", limit=1000)
    assert body["count"] == len(facts.facts())
    got = {(a["region_code"], a["practice_key"], a["report_id"]) for a in body["data"]}
    assert got == facts.facts()
    by_id = {ex.report.id: ex for ex in facts.extractions}
    for a in body["data"]:
        text = by_id[a["report_id"]].report.text
        assert text[a["offset"] : a["offset"] + len(a["evidence"])] == a["evidence"]
        assert a["report_title"] == by_id[a["report_id"]].report.title


def test_adoptions_filters(client: TestClient, facts: Facts) -> None:
    key = busiest_practice(facts)
    by_practice = get(client, "/adoptions", practice=key, limit=1000)
    assert {(a["region_code"], a["report_id"]) for a in by_practice["data"]} == {
        (r, rep) for (r, p, rep) in facts.facts() if p == key
    }
    by_name = get(client, "/adoptions", practice="枫桥经验", limit=1000)
    assert all(a["practice_key"] == "fengqiao" for a in by_name["data"]) and by_name["count"] > 0
    own = next(r for (r, _, _) in sorted(facts.facts()) if r.startswith("1502"))  # a unit of 包头市
    name = facts.names[own]
    region = get(client, "/adoptions", region=own, limit=1000)
    assert {a["region_code"] for a in region["data"]} == {own}
    assert region["count"] == sum(1 for (r, _, _) in facts.facts() if r == own)
    if get(client, f"/regions/{name}")["code"] == own:
        assert get(client, "/adoptions", region=name, limit=1000) == region
    within = get(client, "/adoptions", within="150200", limit=1000)
    assert within["count"] == sum(1 for (r, _, _) in facts.facts() if "150200" in facts.ancestors(r))
    rid = facts.extractions[0].report.id
    report = get(client, "/adoptions", report=rid, limit=1000)
    assert report["count"] == sum(1 for (_, _, rep) in facts.facts() if rep == rid)
    first = get(client, "/adoptions", limit=3)
    second = get(client, "/adoptions", limit=3, offset=3)
    assert not {a["evidence"] + a["report_id"] for a in first["data"]} & {
        a["evidence"] + a["report_id"] for a in second["data"]
    }
    years = get(client, "/adoptions", year_from=2020, year_to=2021, limit=1000)["data"]
    assert all(a["year"] is not None and 2020 <= a["year"] <= 2021 for a in years)


def test_reports_list_and_detail(client: TestClient, facts: Facts) -> None:
    reports = all_pages(client, "/reports")
    assert {r["id"] for r in reports} == {ex.report.id for ex in facts.extractions}
    ex = max(facts.extractions, key=lambda e: len(e.adoptions))
    body = get(client, f"/reports/{ex.report.id}")
    assert body["title"] == ex.report.title and body["chars"] == len(ex.report.text)
    assert {(f["region_code"], f["practice_key"]) for f in body["facts"]} == {
        (a.region_code, a.practice_key) for a in ex.adoptions
    }
    assert {m["key"] for m in body["measurements"]} == {m.key for m in ex.measurements}
    assert len(body["implementations"]) == len({(i.agency_key, i.practice_key) for i in ex.implementations})
    assert "nope" in get(client, "/reports/nope", 404)["detail"]
    year = next(r["year"] for r in reports if r["year"] is not None)
    assert all(r["year"] == year for r in get(client, "/reports", year=year)["data"])


# ---- search, co-occurrence, meta ----


def test_search_finds_names_and_evidence(client: TestClient) -> None:
    hits = get(client, "/search", q="枫桥", limit=1000)["data"]
    kinds = {h["kind"] for h in hits}
    assert {"practice", "evidence"} <= kinds
    assert any(h["kind"] == "practice" and h["key"] == "fengqiao" for h in hits)
    for h in hits:
        if h["kind"] == "evidence":
            assert "枫桥" in h["evidence"] and h["report_id"]
    assert get(client, "/search", q="包头市", limit=1)["data"][0]["key"] == "150200"
    full = get(client, "/search", q="枫桥经验")["data"][0]
    assert full["key"] == "fengqiao" and full["score"] is not None  # answered by the full-text index
    assert "q" in get(client, "/search", 422)["detail"]
    assert get(client, "/search", q="qqzzxx-none")["count"] == 0


def test_search_pages_agree_with_one_long_page(client: TestClient) -> None:
    whole = get(client, "/search", q="网格", limit=1000)
    assert whole["count"] == len(whole["data"]) and whole["count"] > 6
    assert {h["kind"] for h in whole["data"]} >= {"practice", "evidence"}
    paged: list[dict[str, Any]] = []
    for offset in range(0, whole["count"], 3):
        page_ = get(client, "/search", q="网格", limit=3, offset=offset)
        assert page_["count"] == whole["count"]
        paged += page_["data"]
    assert paged == whole["data"]


def test_cooccurrence_counts_shared_regions(client: TestClient, facts: Facts) -> None:
    adopters: dict[str, set[str]] = {}
    for r, p in facts.adoptions:
        adopters.setdefault(p, set()).add(r)
    expected = {
        (a, b): adopters[a] & adopters[b]
        for a, b in combinations(sorted(adopters), 2)
        if len(adopters[a] & adopters[b]) >= 2
    }
    body = get(client, "/cooccurrence", min_regions=2, limit=1000)
    assert body["count"] == len(expected)
    for pair in body["data"]:
        assert set(pair["region_codes"]) == expected[(pair["a"], pair["b"])]
        assert pair["regions"] == len(pair["region_codes"])
    assert "min_regions" in get(client, "/cooccurrence", 422, min_regions=0)["detail"]


def test_stats_health_version(client: TestClient, facts: Facts) -> None:
    stats = get(client, "/stats")
    assert stats["reports"] == len({ex.report.id for ex in facts.extractions})
    assert stats["labels"]["Region"] == len(facts.parent)
    assert stats["relationships"]["ADOPTED"] == len(facts.adoptions)  # one edge per (region, practice)
    assert stats["relationships"]["BY"] >= len(facts.facts())  # one Fact per (region, practice, report)
    assert get(client, "/health") == {"status": "ok", "store": "falkordb"}
    version = get(client, "/version")
    assert version["dialect"] == "falkordb" and version["govkg"]


# ---- parameters and behaviour ----


@pytest.mark.parametrize(
    ("url", "params", "name"),
    [
        ("/practices", {"limit": 1001}, "limit"),
        ("/practices", {"limit": 0}, "limit"),
        ("/practices", {"offset": -1}, "offset"),
        ("/practices/fengqiao/adopters", {"year_from": "soon"}, "year_from"),
        ("/practices/fengqiao/adopters", {"rollup": "maybe"}, "rollup"),
        ("/regions/150200/practices", {"include_descendants": "perhaps"}, "include_descendants"),
        ("/regions/150200/similar", {"k": 0}, "k"),
        ("/adoptions", {"year_to": "x"}, "year_to"),
    ],
)
def test_invalid_parameters_are_422_naming_them(
    client: TestClient, url: str, params: dict[str, Any], name: str
) -> None:
    body = get(client, url, 422, **params)
    assert f"'{name}'" in body["detail"]


def test_openapi_has_stable_unique_operation_ids(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    for expected in (
        "listPractices",
        "getPractice",
        "listPracticeAdopters",
        "getPracticeTimeline",
        "listRegions",
        "getRegion",
        "listRegionPractices",
        "listRegionAgencies",
        "listRegionMetrics",
        "compareRegions",
        "listRegionSimilar",
        "listAdoptions",
        "listReports",
        "getReport",
        "createReport",
        "deleteReport",
        "search",
        "listCooccurrence",
        "runCypher",
        "getStats",
        "getHealth",
        "getVersion",
    ):
        assert expected in ids


def test_gzip_and_request_log(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="govkg.api"):
        r = client.get("/adoptions", params={"limit": 200}, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers.get("content-encoding") == "gzip"
    assert any("GET /adoptions 200" in m and m.endswith("ms") for m in caplog.messages)
    assert (
        "access-control-allow-origin"
        not in client.get("/health", headers={"Origin": "http://x.test"}).headers
    )
