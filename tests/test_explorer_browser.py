"""The web explorer in a real browser: Debian's Chromium driven by Playwright.

The app runs on 127.0.0.1 over the embedded store loaded with the seed corpus and the dev gold
documents. Every page is checked for requests leaving 127.0.0.1 and with axe-core (no serious
or critical violation); `scripts/dev.py test` leaves screenshots in docs/img/ for the README.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import CORPUS_DIR, REPO_ROOT, SHARED_DIR
from playwright import sync_api as playwright_api

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.writer import write_extraction
from govkg.loaders.documents import DocumentError, iter_documents
from govkg.loaders.extract import extract

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = REPO_ROOT / "tests" / "assets" / "axe.min.js"
# Screenshots for the README: `scripts/dev.py test` (and so CI) sets GOVKG_SCREENSHOTS=1 and they go to
# docs/img/; another value is a folder to write them to; unset, none are taken (so a plain pytest run in a
# working tree does not rewrite tracked images).
_SHOTS_ENV = os.environ.get("GOVKG_SCREENSHOTS", "")
SHOTS: Path | None = (
    (REPO_ROOT / "docs" / "img") if _SHOTS_ENV == "1" else Path(_SHOTS_ENV) if _SHOTS_ENV else None
)
DEV_DOCS = SHARED_DIR / "gold" / "dev" / "docs"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on 127.0.0.1 over a store loaded with the seed corpus and ../shared/gold/dev/docs."""
    import uvicorn

    if not CORPUS_DIR.is_dir() or not DEV_DOCS.is_dir():
        # counted and explained by conftest's summary of tests that need ../shared
        pytest.skip(f"needs ../shared (seed reports and dev set) beside the repository: {DEV_DOCS}")
    data_dir = tmp_path_factory.mktemp("explorer") / "data"
    data_dir.mkdir(mode=0o700)
    store = FalkorStore(data_dir, graph_name="govkg_explorer")
    store.clear()
    store.ensure_schema()
    for doc in iter_documents([CORPUS_DIR, DEV_DOCS]):
        if not isinstance(doc, DocumentError):
            write_extraction(store, extract(doc))
    port = _free_port()
    app = create_app(Settings(data_dir=data_dir), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's Chromium with a fresh user-data-dir (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install -y chromium` (scripts/dev.py test does it)")
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1366, "height": 800},
            accept_downloads=True,
            locale="zh-CN",
        )
        try:
            yield context
        finally:
            context.close()


class Visit:
    """A page with a record of every request that left 127.0.0.1 and of script errors."""

    def __init__(self, context: Any, base: str) -> None:
        self.base = base
        self.page = context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, request: Any) -> None:
        url: str = request.url
        if url.startswith(("data:", "blob:")):
            return
        if urllib.parse.urlsplit(url).hostname != "127.0.0.1":
            self.outside.append(url)

    def open(self, path: str) -> Any:
        """Go to `path` and wait until the explorer finished rendering it."""
        before = self.page.evaluate("document.body && document.body.dataset.ready || ''")
        self.page.goto(self.base + path)
        self.wait_ready(before)
        return self.page

    def wait_ready(self, before: str = "") -> None:
        """Wait for the explorer's render to finish (body[data-ready] changes, main not busy)."""
        self.page.wait_for_function(
            "b => document.body.dataset.ready && document.body.dataset.ready !== b"
            " && document.getElementById('main').getAttribute('aria-busy') === 'false'",
            arg=before,
        )

    def check(self, shot: str | None = None) -> None:
        """No request left 127.0.0.1, no script error, no serious axe violation; save a screenshot."""
        assert self.outside == [], f"requests left 127.0.0.1: {self.outside}"
        assert self.errors == [], f"script errors: {self.errors}"
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html'][:120]})"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], "axe-core serious violations:\n" + "\n".join(serious)
        if shot and SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SHOTS / f"explorer-{shot}.png"))

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser_context: Any, base_url: str) -> Iterator[Visit]:
    v = Visit(browser_context, base_url)
    try:
        yield v
    finally:
        v.close()


def get_json(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


def test_search_traditional_name_leads_to_practice_with_evidence(visit: Visit, base_url: str) -> None:
    page = visit.open("/")
    visit.check("home")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    # type in the page's search box with the keyboard and submit with Enter
    page.focus("#q")
    page.keyboard.type("楓橋經驗")
    before = page.evaluate("document.body.dataset.ready")
    page.keyboard.press("Enter")
    visit.wait_ready(before)
    assert "#/search?q=" in page.url
    link = page.locator("#hits-practices a[href='#/practice/fengqiao']").first
    assert link.is_visible()
    visit.check("search")
    before = page.evaluate("document.body.dataset.ready")
    link.focus()
    page.keyboard.press("Enter")
    visit.wait_ready(before)
    assert page.url.endswith("#/practice/fengqiao")
    assert page.locator("h1").inner_text().startswith("枫桥经验")
    adopters = get_json(base_url, "/practices/fengqiao/adopters?limit=1000")["data"]
    assert adopters, "the seed corpus has adopters of 枫桥经验"
    rows = page.locator("#adopters tbody tr")
    assert rows.count() == len(adopters)
    by_code = {a["code"]: a for a in adopters}
    for i in range(rows.count()):
        href = rows.nth(i).locator("td").nth(0).locator("a").get_attribute("href")
        code = urllib.parse.unquote(href.split("/")[-1])
        evidence = rows.nth(i).locator("td.evidence").inner_text()
        assert evidence, f"adopter {code} shown without evidence"
        assert evidence == by_code[code]["evidence"][0]["evidence"]
    visit.check("practice")


def _canvas_blue_pixels(page: Any, selector: str) -> int:
    return int(
        page.evaluate(
            """sel => {
                const canvas = document.querySelector(sel + ' canvas');
                const ctx = canvas.getContext('2d');
                const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                    if (d[i + 2] > 100 && d[i + 2] - d[i] > 60 && d[i + 3] > 0) n++;
                }
                return n;
            }""",
            selector,
        )
    )


def test_map_colours_provinces_and_drills_down(visit: Visit, base_url: str) -> None:
    page = visit.open("/#/practice/fengqiao")
    by_province = "/practices/fengqiao/adopters?level=province&rollup=true&limit=1000"
    provinces = get_json(base_url, by_province)["data"]
    assert provinces
    page.wait_for_selector("#map canvas")
    shown = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('map')).getOption().series[0].data"
        ".filter(d => d.value[2] > 0).map(d => [d.code, d.value[2]])"
    )
    assert sorted(map(tuple, shown)) == sorted((p["code"][:2], p["adopting_regions"]) for p in provinces)
    assert _canvas_blue_pixels(page, "#map") > 500, "no province is drawn in colour"
    # click Zhejiang's tile where ECharts drew it
    tile = next(t for t in get_json(base_url, "/tilegrid")["tiles"] if t["code"] == "33")
    x, y = page.evaluate(
        "([c, r]) => echarts.getInstanceByDom(document.getElementById('map'))"
        ".convertToPixel({seriesIndex: 0}, [c, r])",
        [tile["col"], tile["row"]],
    )
    box = page.locator("#map").bounding_box()
    before = page.evaluate("document.body.dataset.ready")
    page.mouse.click(box["x"] + x, box["y"] + y)
    visit.wait_ready(before)
    assert page.url.endswith("#/practice/fengqiao?province=33")
    page.wait_for_selector("#treemap canvas")
    within = get_json(base_url, "/practices/fengqiao/adopters?within=330000&rollup=true&limit=1000")["data"]
    listed = page.locator("#drill-list a").all_inner_texts()
    assert listed == [r["name"] for r in within]
    assert len(listed) >= 2, "the drill-down shows regions below the province"
    assert _canvas_blue_pixels(page, "#treemap") > 100
    page.locator("#drill").scroll_into_view_if_needed()
    visit.check("drilldown")
    # without a mouse: the province picker beside the map drills down too
    page = visit.open("/#/practice/fengqiao")
    before = page.evaluate("document.body.dataset.ready")
    page.focus("#province-pick")
    page.select_option("#province-pick", "33")
    visit.wait_ready(before)
    assert page.url.endswith("#/practice/fengqiao?province=33")
    assert page.locator("#drill-list a").all_inner_texts() == listed


def test_region_rollup_lists_what_a_sub_unit_did(visit: Visit, base_url: str) -> None:
    rolled = get_json(base_url, "/regions/330600/practices?include_descendants=true&limit=1000")["data"]
    below = [(p, c) for p in rolled for c in p["regions"] if c != "330600"]
    assert below, "绍兴市 has adoptions by units below it in the seed corpus"
    page = visit.open("/#/region/330600")
    rows = page.locator("#rollup tbody tr")
    assert rows.count() == len(rolled)
    for practice, code in below:
        href = "#/practice/" + urllib.parse.quote(practice["key"], safe="")
        row = page.locator("#rollup tbody tr", has=page.locator(f"a[href='{href}']"))
        assert row.count() == 1
        assert row.locator(f"a[href='#/region/{urllib.parse.quote(code, safe='')}']").count() == 1
    assert page.locator("nav.chain a").all_inner_texts() == ["浙江省"]
    visit.check("region")
    # the compare box: a stable URL, Jaccard and shared practices from /regions/compare
    page.fill("#compare-with", "330681")
    before = page.evaluate("document.body.dataset.ready")
    page.press("#compare-with", "Enter")
    visit.wait_ready(before)
    page.wait_for_selector("#compare-result dl")
    cmp = get_json(base_url, "/regions/compare?codes=330600,330681")
    assert f"{cmp['jaccard']:.3f}" in page.locator("#compare-result").inner_text()


def test_report_highlights_sit_at_the_fact_offsets(visit: Visit, base_url: str) -> None:
    reports = get_json(base_url, "/reports?limit=1000")["data"]
    rid = max(reports, key=lambda r: r["adoptions"])["id"]
    report = get_json(base_url, f"/reports/{rid}")
    text = report["text"]
    page = visit.open(f"/#/report/{rid}")
    marks = page.evaluate(
        "() => [...document.querySelectorAll('#report-text mark')]"
        ".map(m => [+m.dataset.start, +m.dataset.end, m.textContent])"
    )
    assert marks
    for start, end, shown in marks:
        assert shown == text[start:end]
    # the text around the highlights is the report text, unchanged
    assert page.locator("#report-text").evaluate("e => e.textContent") == text
    facts = [f for f in report["facts"] if f["offset"] is not None and f["evidence"]]
    assert facts
    for f in facts:
        assert text[f["offset"] : f["offset"] + len(f["evidence"])] == f["evidence"]
        covering = [m for m in marks if m[0] <= f["offset"] < m[1]]
        assert len(covering) == 1, f"fact at {f['offset']} is not highlighted"
        if covering[0][0] == f["offset"]:
            assert covering[0][2] == f["evidence"]
    # click a highlight: its facts are listed; click a fact: its sentence is focused and marked
    first = facts[0]
    mark = page.locator("#report-text mark", has_text=first["evidence"][:10]).first
    mark.click()
    assert first["practice_name"] in page.locator("#fact-detail").inner_text()
    last = facts[-1]
    page.locator(f"#facts li[data-offset='{last['offset']}'] button").first.click()
    active = page.evaluate("document.activeElement.dataset.start")
    assert int(active) <= last["offset"] < int(page.evaluate("document.activeElement.dataset.end"))
    assert page.evaluate("document.activeElement.classList.contains('active')")
    visit.check("report")


def test_csv_download_equals_the_table_on_screen(visit: Visit) -> None:
    page = visit.open("/#/practice/fengqiao")
    page.click("#adopters th[data-key='first_year'] button")  # sort, so "what is on screen" is not API order
    assert page.get_attribute("#adopters th[data-key='first_year']", "aria-sort") == "ascending"
    headers = page.evaluate(
        "() => [...document.querySelectorAll('#adopters thead th')].map(t => t.dataset.key)"
    )
    shown = page.evaluate(
        "() => [...document.querySelectorAll('#adopters tbody tr')]"
        ".map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText))"
    )
    with page.expect_download() as info:
        page.click("#adopters-csv")
    data = Path(info.value.path()).read_text(encoding="utf-8")
    assert data.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(data[1:])))
    assert table[0] == headers
    assert table[1:] == shown
    with page.expect_download() as info:
        page.click("#adopters-json")
    rows = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [[r[k] for k in headers] for r in rows] == shown


def test_cypher_console_refuses_create_readably(visit: Visit, base_url: str) -> None:
    stats = get_json(base_url, "/stats")
    page = visit.open("/#/cypher")
    page.fill("#cypher-query", "CREATE (n:Region {code: 'x-explorer', name: 'x'}) RETURN n.code")
    page.click("#cypher-run")
    error = page.locator("#cypher-error")
    error.wait_for()
    message = error.inner_text()
    assert "400" in message
    assert "read-only" in message
    assert get_json(base_url, "/stats") == stats
    visit.check("cypher-refused")
    # an example from the catalog runs and fills the table
    page.select_option("#cypher-example", "practice_adopters")
    page.keyboard.press("Tab")
    assert "$key" in page.input_value("#cypher-query")
    page.focus("#cypher-query")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#cypher-table tbody tr")
    expected = get_json(base_url, "/practices/fengqiao/adopters?limit=1000")["count"]
    assert page.locator("#cypher-table tbody tr").count() == min(expected, 100)
    visit.check("cypher")


def test_search_finds_a_region_by_code_and_short_name(visit: Visit) -> None:
    page = visit.open("/#/search?q=330681")
    assert page.locator("#hits-regions a[href='#/region/330681']").inner_text() == "诸暨市"
    page = visit.open("/#/search?q=" + urllib.parse.quote("诸暨"))
    assert page.locator("#hits-regions a[href='#/region/330681']").count() == 1
    visit.check()


def test_unknown_names_and_empty_results_say_what_to_do(visit: Visit) -> None:
    page = visit.open("/#/practice/no-such-practice")
    alert = page.locator("[role=alert]")
    assert "Not found" in alert.inner_text()
    assert alert.locator("a[href='#/']").count() == 1
    visit.check()
    page = visit.open("/#/search?q=" + urllib.parse.quote("没有这种东西的词"))
    assert "Nothing found" in page.locator("main").inner_text()
    visit.check()
    # a failing call costs only its own section of the home page
    page.route(
        "**/reports?limit=10",
        lambda route: route.fulfill(status=503, content_type="application/json", body='{"detail": "busy"}'),
    )
    page = visit.open("/")
    alerts = page.locator("main [role=alert]")
    assert alerts.count() == 1
    assert "busy (503)" in alerts.inner_text()
    assert page.locator("main ol.hits li").count() > 0


@pytest.mark.parametrize(("path", "ready"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "redoc h1")])
def test_api_docs_render_offline(visit: Visit, path: str, ready: str) -> None:
    page = visit.page
    page.goto(visit.base + path)
    page.wait_for_selector(ready, timeout=30_000)
    assert "govkg" in page.locator(ready).first.inner_text()
    page.wait_for_load_state("networkidle")
    assert visit.outside == [], f"{path} made requests outside 127.0.0.1: {visit.outside}"
    assert visit.errors == []
    if path == "/docs":  # an operation opened, as a reader would, shows its parameters too
        page.locator(".opblock-summary-control").first.click()
        page.wait_for_selector(".opblock-body")
    visit.check()  # axe-core: no serious violation in the API docs either (contrast, nesting)
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"api{path.replace('/', '-')}.png"))
