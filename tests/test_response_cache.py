"""The API's answer cache: replayed while the store is unwritten, never stale after any write."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import neo4j
import pytest
from api_support import API_KEY, EXAMPLES_DIR
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.cache import AnswerCache, Entry, content_tag
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extraction
from govkg.loaders.extraction import Adoption, Evidence, Extraction, Practice, Region, Report

KEY = {"X-API-Key": API_KEY}


GRID = Practice("grid_management", "网格化管理", "基层治理", ())
FENGQIAO = Practice("fengqiao", "枫桥经验", "基层治理", ())


def adoption_of(
    region: Region, parents: list[Region], rid: str, year: int, practice: Practice = GRID
) -> Extraction:
    """One invented report: ``region`` adopted ``practice`` (网格化管理 unless named) in ``year``."""
    text = f"{year}年，{region.name}全面推行{practice.name}。"
    report = Report(id=rid, title=f"{region.name}{practice.name}", source="hand-made", text=text, year=year)
    return Extraction(
        report=report,
        subject_region=region.code,
        regions=[*parents, region],
        practices=[practice],
        adoptions=[Adoption(region.code, practice.key, rid, year, Evidence(text, 0))],
        categories={"基层治理": ""},
    )


PROVINCE = Region("330000", "浙江省", "province")
CITY = Region("330600", "绍兴市", "prefecture", "330000")
ZHUJI = Region("330681", "诸暨市", "county", "330600")
SHANGYU = Region("330604", "上虞区", "county", "330600")


def client_for(store: GraphStore, data_dir: Path, **settings: Any) -> TestClient:
    app = create_app(Settings(data_dir=data_dir, api_key=API_KEY, **settings), store)
    return TestClient(app, raise_server_exceptions=True)


def adopters(c: TestClient, **headers: str) -> tuple[list[str], Any]:
    r = c.get("/practices/grid_management/adopters", headers=headers)
    assert r.status_code == 200, r.text
    return [a["code"] for a in r.json()["data"]], r


def test_a_repeated_read_is_replayed_until_a_write_then_recomputed(
    falkor_store: FalkorStore, data_dir: Path
) -> None:
    write_extraction(falkor_store, adoption_of(ZHUJI, [PROVINCE, CITY], "cafe000000000001", 2019))
    with client_for(falkor_store, data_dir) as c:
        codes, first = adopters(c)
        assert codes == ["330681"] and first.headers["x-cache"] == "miss"
        assert first.headers["etag"].startswith('W/"') and first.headers["cache-control"] == "no-cache"
        again, second = adopters(c)
        assert again == codes and second.headers["x-cache"] == "hit"
        assert second.content == first.content and second.headers["etag"] == first.headers["etag"]
        # A write by anyone using the store (here the loader's own writer) moves the generation.
        write_extraction(falkor_store, adoption_of(SHANGYU, [PROVINCE, CITY], "cafe000000000002", 2020))
        codes, third = adopters(c)
        assert sorted(codes) == ["330604", "330681"] and third.headers["x-cache"] == "miss"


def test_writes_through_the_api_invalidate_what_was_kept(falkor_store: FalkorStore, data_dir: Path) -> None:
    with client_for(falkor_store, data_dir) as c:
        assert c.get("/reports").json()["count"] == 0
        assert c.get("/reports").headers["x-cache"] == "hit"
        text = (EXAMPLES_DIR / "zhejiang_zhuji_fengqiao.txt").read_text(encoding="utf-8")
        posted = c.post("/reports", json={"text": text, "source": "test"}, headers=KEY)
        assert posted.status_code == 201, posted.text
        rid = posted.json()["report"]["id"]
        listed = c.get("/reports")
        assert listed.headers["x-cache"] == "miss" and [r["id"] for r in listed.json()["data"]] == [rid]
        assert c.get(f"/reports/{rid}").status_code == 200
        assert c.delete(f"/reports/{rid}", headers=KEY).status_code == 200
        assert c.get(f"/reports/{rid}").status_code == 404
        assert c.get("/reports").json()["count"] == 0


def test_a_load_by_another_process_invalidates_what_was_kept(
    falkor_store: FalkorStore, data_dir: Path
) -> None:
    with client_for(falkor_store, data_dir) as c:
        before = c.get("/reports").json()["count"]
        assert before == 0 and c.get("/reports").headers["x-cache"] == "hit"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
        env |= {"GOVKG_STORE": "falkordb", "GOVKG_GRAPH_NAME": falkor_store.graph_name}
        source = EXAMPLES_DIR / "zhejiang_zhuji_fengqiao.txt"
        done = subprocess.run(
            [sys.executable, "-m", "govkg.cli", "load", str(source), "--data-dir", str(data_dir), "-q"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        after = c.get("/reports")
        assert after.headers["x-cache"] == "miss" and after.json()["count"] == 1


def test_etag_revalidation_and_no_cache(falkor_store: FalkorStore, data_dir: Path) -> None:
    write_extraction(falkor_store, adoption_of(ZHUJI, [PROVINCE, CITY], "cafe000000000001", 2019))
    with client_for(falkor_store, data_dir) as c:
        adopters(c)
        _, kept = adopters(c)
        etag = kept.headers["etag"]
        r = c.get("/practices/grid_management/adopters", headers={"If-None-Match": etag})
        assert r.status_code == 304 and r.content == b"" and r.headers["etag"] == etag
        _, fresh = adopters(c, **{"Cache-Control": "no-cache"})
        assert fresh.headers["x-cache"] == "miss" and fresh.json() == kept.json()
        # A recomputed answer that is still the client's copy is a 304 too.
        both = {"If-None-Match": etag, "Cache-Control": "no-cache"}
        r = c.get("/practices/grid_management/adopters", headers=both)
        assert r.status_code == 304 and r.headers["etag"] == etag
        # A write that leaves this answer as it was (another practice) still revalidates it.
        write_extraction(
            falkor_store, adoption_of(SHANGYU, [PROVINCE, CITY], "cafe000000000003", 2020, FENGQIAO)
        )
        r = c.get("/practices/grid_management/adopters", headers={"If-None-Match": etag})
        assert r.status_code == 304 and r.headers["etag"] == etag
        write_extraction(falkor_store, adoption_of(SHANGYU, [PROVINCE, CITY], "cafe000000000002", 2020))
        r = c.get("/practices/grid_management/adopters", headers={"If-None-Match": etag})
        assert r.status_code == 200 and len(r.json()["data"]) == 2  # the old tag no longer matches
        assert r.headers["etag"] != etag


def test_errors_health_and_other_queries_are_not_kept(falkor_store: FalkorStore, data_dir: Path) -> None:
    with client_for(falkor_store, data_dir) as c:
        for _ in range(2):
            assert c.get("/practices/no_such_practice/adopters").status_code == 404
            assert "x-cache" not in c.get("/health").headers
        assert "x-cache" not in c.get("/practices/no_such_practice/adopters").headers
        a = c.get("/reports", params={"limit": 1})
        b = c.get("/reports", params={"limit": 2})
        assert a.headers["x-cache"] == b.headers["x-cache"] == "miss"  # the query string is in the key


def test_the_cache_can_be_switched_off(falkor_store: FalkorStore, data_dir: Path) -> None:
    with client_for(falkor_store, data_dir, response_cache_mb=0) as c:
        c.get("/reports")
        assert "x-cache" not in c.get("/reports").headers


def test_both_stores_replay_until_a_write_then_recompute(any_store: GraphStore, data_dir: Path) -> None:
    write_extraction(any_store, adoption_of(ZHUJI, [PROVINCE, CITY], "cafe000000000001", 2019))
    with client_for(any_store, data_dir) as c:
        codes, first = adopters(c)
        assert codes == ["330681"] and first.headers["x-cache"] == "miss"
        again, second = adopters(c)
        assert again == codes and second.headers["x-cache"] == "hit"
        assert second.content == first.content
        write_extraction(any_store, adoption_of(SHANGYU, [PROVINCE, CITY], "cafe000000000002", 2020))
        codes, third = adopters(c)
        assert sorted(codes) == ["330604", "330681"] and third.headers["x-cache"] == "miss"
        assert adopters(c)[1].headers["x-cache"] == "hit"


@pytest.mark.neo4j
def test_a_write_by_another_neo4j_client_invalidates_what_was_kept(
    neo4j_store: Neo4jStore, data_dir: Path
) -> None:
    # An analyst's edit in Neo4j Browser is a transaction of another client: the server's
    # bookmark moves, so the kept answer is not replayed.
    write_extraction(neo4j_store, adoption_of(ZHUJI, [PROVINCE, CITY], "cafe000000000001", 2019))
    with client_for(neo4j_store, data_dir) as c:
        adopters(c)
        assert adopters(c)[1].headers["x-cache"] == "hit"
        uri = os.environ["GOVKG_TEST_NEO4J_URI"]
        auth = (
            os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j"),
            os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j"),
        )
        database = os.environ.get("GOVKG_TEST_NEO4J_DATABASE") or None
        with neo4j.GraphDatabase.driver(uri, auth=auth) as other, other.session(database=database) as session:
            session.run("MATCH (r:Region {code: '330681'}) SET r.name = '诸暨'").consume()
        codes, r = adopters(c)
        assert codes == ["330681"] and r.headers["x-cache"] == "miss"
        assert r.json()["data"][0]["name"] == "诸暨"


@pytest.mark.parametrize("size", [10, 40])
def test_answer_cache_keeps_within_its_byte_bound_least_recent_out(size: int) -> None:
    cache = AnswerCache(max_bytes=100)
    gen = (1, 1)
    for i in range(5):
        cache.put((str(i),), Entry(gen, [], b"x" * size, b"t"))
        assert cache.get(("0",), gen) is not None or i * size >= 100 - size
    kept = [i for i in range(5) if cache.get((str(i),), gen) is not None]
    assert sum(size for _ in kept) <= 100 and kept[-1] == 4
    assert cache.get(("4",), (1, 2)) is None and cache.get(("4",), gen) is None  # stale: dropped
    cache.put(("big",), Entry(gen, [], b"x" * 101, b"t"))
    assert cache.get(("big",), gen) is None


def test_the_tag_names_the_decoded_content_not_the_moment_it_was_compressed() -> None:
    body = "甲县推行网格化管理。".encode() * 200
    first, later = gzip.compress(body, mtime=1), gzip.compress(body, mtime=2)
    assert first != later  # gzip stamps the time
    zipped = [(b"content-encoding", b"gzip")]
    assert content_tag(first, zipped) == content_tag(later, zipped) == content_tag(body, [])
    assert content_tag(gzip.compress(body + b"x", mtime=1), zipped) != content_tag(first, zipped)
