"""The Neo4j Browser guide: well-formed slides, queries Neo4j's linter accepts, answers on FalkorDB."""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from govkg.api.routes.browser_guide import guide_html, router
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.writer import write_extraction
from govkg.loaders.extraction import Extraction

REPO_ROOT = Path(__file__).resolve().parents[1]
# Procedures only Neo4j has: the schema picture and its full-text index procedures.
NEO4J_ONLY = ("db.schema.visualization", "db.index.fulltext.")


class GuideParser(HTMLParser):
    """Collects the slides and the text of every runnable <pre> block."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.slides = 0
        self.runnable: list[str] = []
        self._in_runnable = False
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "slide":
            self.slides += 1
        if tag == "pre" and "runnable" in classes and "code" in classes:
            self._in_runnable, self._buf = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._in_runnable:
            self.runnable.append("".join(self._buf).strip())
            self._in_runnable = False

    def handle_data(self, data: str) -> None:
        if self._in_runnable:
            self._buf.append(data)


@pytest.fixture(scope="module")
def guide() -> GuideParser:
    parser = GuideParser()
    parser.feed(guide_html())
    parser.close()
    return parser


def _lint_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cypher_schema", REPO_ROOT / "tools" / "cypher_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_guide_has_the_browser_structure(guide: GuideParser) -> None:
    assert guide.tags.index("article") < guide.tags.index("carousel") < guide.tags.index("slide")
    assert guide.slides >= 4
    assert len(guide.runnable) >= 8
    assert '<article class="guide">' in guide_html()


def test_guide_covers_the_researcher_questions(guide: GuideParser) -> None:
    joined = "\n".join(guide.runnable)
    assert "枫桥经验" in joined
    assert "[c:COVERS]" in joined  # roll-up
    assert "p1.key < p2.key" in joined  # co-adoption
    assert "(f)-[:IN]->(s:Sentence)" in joined  # evidence for an edge


def test_every_runnable_query_passes_neo4j_linter(guide: GuideParser) -> None:
    tool = _lint_tool()
    missing = tool.linter_missing()
    if missing:
        pytest.skip(f"Cypher linter unavailable: {missing}")
    answer = tool.run_lint(tool.lint_input((f"guide[{i}]", q, []) for i, q in enumerate(guide.runnable)))
    assert answer["checked"] == len(guide.runnable)
    assert answer["errors"] == [], answer["errors"]
    assert answer["warnings"] == [], answer["warnings"]


def test_runnable_queries_answer_on_falkordb(
    guide: GuideParser, falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    for ex in extractions:
        write_extraction(falkor_store, ex)
    answers: dict[int, list[dict[str, Any]]] = {}
    for i, query in enumerate(guide.runnable):
        if any(proc in query for proc in NEO4J_ONLY):
            continue
        answers[i] = falkor_store.run_read(query)
    skipped = len(guide.runnable) - len(answers)
    assert skipped == 3  # schema visualisation and the two full-text searches
    assert all(rows for rows in answers.values()), [i for i, rows in answers.items() if not rows]

    adopters = {a.region_code for ex in extractions for a in ex.adoptions if a.practice_key == "fengqiao"}
    table = next(rows for rows in answers.values() if rows and "first_year" in rows[0] and "code" in rows[0])
    assert {row["code"] for row in table} == adopters

    evidence = next(rows for rows in answers.values() if rows and "evidence" in rows[0])
    sentences = {
        a.evidence.sentence for ex in extractions for a in ex.adoptions if a.practice_key == "fengqiao"
    }
    assert {row["evidence"] for row in evidence} == sentences


def test_route_serves_guide_with_cors_for_browser() -> None:
    app = FastAPI()
    app.include_router(router)
    response = TestClient(app).get("/browser-guide")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["access-control-allow-origin"] == "*"
    assert "<carousel" in response.text


def test_route_answers_browsers_cors_preflight() -> None:
    """Browser sends pragma/cache-control with its guide fetch, so Chromium asks first."""
    app = FastAPI()
    app.include_router(router)
    response = TestClient(app).options(
        "/browser-guide",
        headers={
            "Origin": "http://127.0.0.1:7474",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {"pragma", "cache-control"} <= allowed
