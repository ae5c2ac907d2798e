"""Neo4j Browser on the local Neo4j 5.26, in Debian's Chromium driven by Playwright.

The server is the one `python3 scripts/dev.py test` started (GOVKG_TEST_NEO4J_URI and _HTTP_URL);
the seed corpus and examples/ are loaded into it, and the govkg API serves the guide on 127.0.0.1
(a host in the server's browser.remote_content_hostname_whitelist). Browser is opened at
/browser/, logs in, applies docker/neo4j/style.grass with `:style`, runs `:play <guide URL>`,
steps through every slide, runs the guide's first query and a query from the second slide,
and checks that the result frames draw nodes. The screenshots go to docs/img/neo4j-*.png
(shown in docs/neo4j.md). Chromium runs headless with a fresh profile; requests for anything
but 127.0.0.1 (Browser's web fonts, telemetry) are aborted in the page.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import load_corpus
from playwright import sync_api as playwright_api

from govkg.api.app import create_app
from govkg.api.routes.browser_guide import guide_html
from govkg.config import Settings
from govkg.graph.neo4j_store import Neo4jStore

REPO_ROOT = Path(__file__).resolve().parents[1]
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
SHOTS = REPO_ROOT / "docs" / "img"
STYLE = REPO_ROOT / "docker" / "neo4j" / "style.grass"
WAIT_MS = 60_000

pytestmark = pytest.mark.neo4j


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def http_url(neo4j_store: Neo4jStore) -> str:
    """Neo4j's HTTP root (Browser at /browser/), from GOVKG_TEST_NEO4J_HTTP_URL."""
    url = os.environ.get("GOVKG_TEST_NEO4J_HTTP_URL")
    if not url:
        if os.environ.get("GOVKG_REQUIRE_NEO4J") == "1":
            pytest.fail("GOVKG_TEST_NEO4J_HTTP_URL not set although GOVKG_REQUIRE_NEO4J=1")
        pytest.skip("GOVKG_TEST_NEO4J_HTTP_URL not set: the Browser test needs the local server's HTTP port")
    return url.rstrip("/")


@pytest.fixture
def guide_url(neo4j_store: Neo4jStore, tmp_path: Path) -> Iterator[str]:
    """The seed corpus loaded into Neo4j, and the govkg API on it serving /browser-guide."""
    import uvicorn

    load_corpus(neo4j_store)
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    port = free_port()
    app = create_app(Settings(data_dir=data_dir), neo4j_store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the API did not start"
    try:
        yield f"http://127.0.0.1:{port}/browser-guide"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    """A page in Debian's Chromium, headless, with a fresh user-data-dir (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install -y chromium` (scripts/dev.py test does it)")
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def run_command(page: Any, command: str) -> None:
    """Paste a command into Browser's main editor and run it.

    Pasted, not typed: typing `{` makes the editor close the brace itself, which would add a
    stray `}` to a style sheet.
    """
    page.get_by_test_id("activeEditor").first.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.evaluate("text => navigator.clipboard.writeText(text)", command)
    page.keyboard.press("Control+V")
    page.get_by_test_id("editor-Run").first.click()


def drawn_nodes(page: Any) -> int:
    """How many nodes the newest result frame draws in its graph view."""
    frame = page.get_by_test_id("frame").first
    frame.locator("svg g.node").first.wait_for(timeout=WAIT_MS)
    return int(frame.locator("svg g.node").count())


def slide_titles() -> list[str]:
    """The <h3> of each slide of the packaged guide, in order."""
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<h3>(.*?)</h3>", guide_html(), re.S)]


def play_guide(page: Any, url: str) -> Any:
    """Run `:play url` and return the guide's carousel.

    Browser reads the host allow-list from the server after connecting; a `:play` issued before
    that finishes is refused as not allowed, so one refused attempt is retried.
    """
    for attempt in range(3):
        run_command(page, f":play {url}")
        carousel = page.get_by_test_id("frame").first.get_by_test_id("carousel")
        try:
            carousel.wait_for(timeout=20_000)
            return carousel
        except playwright_api.TimeoutError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def counter(carousel: Any) -> tuple[int, int]:
    """The carousel's "n / total" position."""
    found = re.search(r"(\d+) / (\d+)", carousel.inner_text())
    assert found, carousel.inner_text()[:200]
    return int(found.group(1)), int(found.group(2))


def test_browser_logs_in_plays_the_guide_and_draws_its_first_query(
    page: Any, http_url: str, guide_url: str, neo4j_store: Neo4jStore
) -> None:
    outside: list[str] = []

    def keep_local(route: Any) -> None:
        # Browser's page asks for web fonts and telemetry scripts; nothing may leave 127.0.0.1.
        if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", keep_local)
    SHOTS.mkdir(parents=True, exist_ok=True)
    bolt = urllib.parse.urlsplit(os.environ["GOVKG_TEST_NEO4J_URI"])

    # Log in.
    page.goto(f"{http_url}/browser/", wait_until="domcontentloaded")
    page.get_by_test_id("boltaddress").wait_for(timeout=WAIT_MS)
    page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(f"{bolt.hostname}:{bolt.port}")
    page.get_by_test_id("username").fill(os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j"))
    page.get_by_test_id("password").fill(os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j"))
    page.screenshot(path=str(SHOTS / "neo4j-browser-login.png"))
    page.get_by_test_id("connect").click()
    page.get_by_text("You are connected as user").first.wait_for(timeout=WAIT_MS)

    # The project's style file, applied as a user pastes it after `:style`.
    run_command(page, ":style " + STYLE.read_text(encoding="utf-8"))
    page.get_by_test_id("frame").first.get_by_text("node.Region").first.wait_for(timeout=WAIT_MS)

    # The guide, fetched by Browser itself from the API (an allow-listed host).
    carousel = play_guide(page, guide_url)
    titles = slide_titles()
    assert counter(carousel) == (1, len(titles))
    carousel.get_by_text(titles[0]).first.wait_for(timeout=WAIT_MS)
    page.screenshot(path=str(SHOTS / "neo4j-browser-guide.png"))
    for n, title in enumerate(titles[1:], start=2):  # step through every slide
        carousel.locator("button.next-slide").first.click()
        assert counter(carousel) == (n, len(titles))
        assert title in carousel.inner_text()
    for _ in titles[1:]:
        carousel.locator("button.previous-slide").first.click()
    assert counter(carousel) == (1, len(titles))

    # The first slide's first query: a click copies it into the editor, Run runs it.
    first = carousel.locator("pre.runnable").first
    assert "db.schema.visualization" in first.inner_text()
    first.click()
    page.get_by_test_id("editor-Run").first.click()
    labels = {r["label"] for r in neo4j_store.run_read("CALL db.labels() YIELD label RETURN label")}
    nodes = drawn_nodes(page)
    assert nodes >= len(labels) >= 5, (nodes, labels)
    page.screenshot(path=str(SHOTS / "neo4j-browser-schema.png"))

    # A question of the second slide (who adopted a practice), for the practice most regions
    # adopted, drawn with the style's colours and captions.
    top = neo4j_store.run_read(
        "MATCH (r:Region)-[:ADOPTED]->(p:Practice) "
        "RETURN p.name AS name, count(DISTINCT r) AS n ORDER BY n DESC, name LIMIT 1"
    )[0]
    assert top["n"] >= 2, top
    run_command(page, f"MATCH (r:Region)-[a:ADOPTED]->(p:Practice {{name: '{top['name']}'}}) RETURN r, a, p")
    assert drawn_nodes(page) == top["n"] + 1
    # The style file's colours: regions blue, practices red.
    fills = {
        (f or "").upper()
        for f in page.get_by_test_id("frame")
        .first.locator("svg g.node circle")
        .evaluate_all("cs => cs.map(c => c.getAttribute('fill'))")
    }
    assert {"#4C8EDA", "#F16667"} <= fills, fills
    page.screenshot(path=str(SHOTS / "neo4j-browser-adopters.png"))
    assert all(urllib.parse.urlsplit(u).hostname != "127.0.0.1" for u in outside)
