"""Benchmark the web explorer's pages: latency of every API call each page makes, at N reports.

Writes N synthetic report files (bench/synthetic.py, default 20,000) and loads them into a
temporary embedded store with `govkg load --jobs J` (or reuses a store given with --data-dir),
starts uvicorn on a free 127.0.0.1 port, and calls each page's requests — the same URLs
govkg/api/static/explorer/explorer.js fetches — `--repeat` times one after another, as one
browser would. Prints p50 and p95 per call, the slowest call per page, and each p95 as a ratio
to the p95 of /health measured in the same run. Target: every p95 < 300 ms. With `--browser N`
it then opens each page N times in Debian's Chromium and prints the time to the rendered page,
and any error a page shows.

    .venv/bin/python bench/bench_explorer.py --n 20000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from bench_api import REPO, free_port, start_server, wait_ready
from synthetic import SyntheticCorpus

GRAPH = "govkg_bench_explorer"
TARGET_MS = 300.0
Call = tuple[str, str, dict[str, Any] | None]  # method, path, JSON body


def build(data_dir: Path, n: int, seed: int, jobs: int) -> None:
    """Write n synthetic report files and load them with `govkg load --jobs J`, as a user would."""
    corpus = data_dir.parent / "corpus"
    SyntheticCorpus.default().write(corpus, n, seed)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env.update(PYTHONPATH=str(REPO), GOVKG_GRAPH_NAME=GRAPH, GOVKG_STORE="falkordb")
    cmd = [sys.executable, "-m", "govkg.cli", "load", str(corpus), "--data-dir", str(data_dir), "-q"]
    t0 = time.perf_counter()
    done = subprocess.run([*cmd, "--jobs", str(jobs)], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"govkg load failed ({done.returncode}): {done.stderr[-2000:]}")
    shutil.rmtree(corpus, ignore_errors=True)
    print(f"loaded {n} synthetic reports with --jobs {jobs} in {time.perf_counter() - t0:.0f} s", flush=True)


@dataclass(frozen=True)
class Targets:
    """What the pages are opened on: the busiest practice, a busy province and city, another city,
    a report about the practice."""

    key: str
    name: str
    province: str
    region: str
    other: str
    report: str


def targets(c: httpx.Client) -> Targets:
    """The busiest practice, region and report of the corpus, found through the API."""
    practices = c.get("/practices", params={"limit": 1000}).json()["data"]
    key = max(practices, key=lambda p: (p["adopters"], p["key"]))["key"]
    k = quote(key, safe="")
    provinces = c.get(f"/practices/{k}/adopters", params={"level": "province", "rollup": "true"}).json()
    prefectures = c.get(f"/practices/{k}/adopters", params={"level": "prefecture", "rollup": "true"}).json()
    report = c.get("/adoptions", params={"practice": key, "limit": 1}).json()["data"][0]["report_id"]
    return Targets(
        key=key,
        name=next(p["name"] for p in practices if p["key"] == key),
        province=provinces["data"][0]["code"],
        region=prefectures["data"][0]["code"],
        other=prefectures["data"][1]["code"],
        report=report,
    )


def routes(t: Targets) -> dict[str, str]:
    """Each explorer page's own URL (the hash routes explorer.js serves) for the targets."""
    return {
        "home": "/#/",
        "search": f"/#/search?q={quote(t.name, safe='')}",
        "practice": f"/#/practice/{quote(t.key, safe='')}?province={t.province[:2]}",
        "region": f"/#/region/{t.region}?compare={t.other}",
        "report": f"/#/report/{t.report}",
        "cypher": "/#/cypher",
    }


def pages(c: httpx.Client, t: Targets) -> dict[str, list[Call]]:
    """Each explorer page's API calls, for the busiest practice, region and report of the corpus."""
    key, province, region, other, report = t.key, t.province, t.region, t.other, t.report
    k = quote(key, safe="")
    q = quote(t.name, safe="")
    cypher = {
        "query": "MATCH (r:Region)-[a:ADOPTED]->(p:Practice {key: $key}) "
        "RETURN r.code AS code, r.name AS name, a.reports AS reports ORDER BY reports DESC LIMIT 20",
        "params": {"key": key},
    }
    get = "GET"
    return {
        "home": [
            (get, "/stats", None),
            (get, "/practices?limit=1000", None),
            (get, "/regions?sort=practices&limit=10", None),
            (get, "/reports?limit=10", None),
        ],
        "search": [(get, f"/search?q={q}&limit=200", None), (get, f"/reports?q={q}&limit=50", None)],
        "practice": [
            (get, f"/practices/{k}", None),
            (get, f"/practices/{k}/adopters?limit=1000&evidence_limit=1", None),
            (get, f"/practices/{k}/adopters?rollup=true&limit=1000&evidence_limit=0", None),
            (get, f"/practices/{k}/timeline?regions=false", None),
            (get, f"/cooccurrence?practice={k}&codes=false&limit=1000", None),
            (get, "/tilegrid", None),
            (get, f"/practices/{k}/adopters?level=province&rollup=true&limit=1000&evidence_limit=0", None),
            (get, f"/practices/{k}/adopters?within={province}&rollup=true&limit=1000&evidence_limit=0", None),
        ],
        "region": [
            (get, f"/regions/{region}", None),
            (get, f"/regions/{region}/practices?limit=1000", None),
            (get, f"/regions/{region}/practices?include_descendants=true&limit=1000", None),
            (get, f"/regions/{region}/agencies?limit=200", None),
            (get, f"/regions/{region}/metrics?limit=200", None),
            (get, f"/regions/compare?codes={region},{other}", None),
        ],
        "report": [(get, f"/reports/{report}", None)],
        "cypher": [(get, "/queries", None), ("POST", "/cypher", cypher)],
    }


FAILURES: dict[str, str] = {}


def timed(c: httpx.Client, call: Call, repeat: int) -> list[float]:
    """Latencies in ms of `repeat` sequential calls (after one warm-up call); failures are noted."""
    method, path, body = call
    out = []
    for i in range(repeat + 1):
        t0 = time.perf_counter()
        r = c.request(method, path, json=body)
        ms = (time.perf_counter() - t0) * 1000
        if r.status_code != 200:
            FAILURES[f"{method} {path}"] = f"{r.status_code} {r.text[:200]}"
        if i:
            out.append(ms)
    return out


CHROMIUM = Path("/usr/bin/chromium")
READY = (
    "() => document.body.dataset.ready"
    " && document.getElementById('main').getAttribute('aria-busy') === 'false'"
)


def browse(base: str, t: Targets, repeat: int) -> int:
    """Open each page in Debian's Chromium (Playwright) `repeat` times, each in a fresh tab of one
    browser, as a researcher following a shared link would: time from navigation to the explorer's
    ready mark (body[data-ready], main not busy), and check the page shows no error and raised no
    script error. Prints p50/p95 per page; returns how many pages failed."""
    from playwright import sync_api

    failed = 0
    print(f"\npages in Chromium, {repeat} loads each (navigation to rendered)")
    print(f"{'page':9} {'p50 ms':>8} {'p95 ms':>8}  url")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 800}, locale="zh-CN")
            for page_name, route in routes(t).items():
                times, problems = [], []
                for i in range(repeat + 1):
                    tab = context.new_page()
                    errors: list[str] = []
                    tab.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023 (read before the next tab)
                    t0 = time.perf_counter()
                    tab.goto(base + route)
                    tab.wait_for_function(READY, timeout=120_000)
                    ms = (time.perf_counter() - t0) * 1000
                    shown = tab.locator("#main .error").all_inner_texts()
                    problems += errors + shown
                    if i:  # the first load warms the browser cache and the server
                        times.append(ms)
                    tab.close()
                mark = "" if not problems else f"  <-- {problems[0][:120]}"
                failed += bool(problems)
                mid, hi = statistics.median(times), p95(times)
                print(f"{page_name:9} {mid:8.0f} {hi:8.0f}  {route}{mark}")
        finally:
            browser.close()
    print(f"{failed} page(s) showed an error")
    return failed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) the store, serve it, time every page's calls and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="synthetic reports to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="`govkg load --jobs` when building"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per URL")
    parser.add_argument("--data-dir", type=Path, help="reuse this store (written by an earlier --keep run)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store and print its path")
    parser.add_argument(
        "--browser", type=int, default=0, metavar="N", help="also open each page N times in Chromium"
    )
    args = parser.parse_args(argv)

    tmp = None
    if args.data_dir is not None:
        data_dir = args.data_dir
    else:
        tmp = Path(tempfile.mkdtemp(prefix="govkg-bench-explorer-"))
        data_dir = tmp / "data"
        data_dir.mkdir(mode=0o700)
        build(data_dir, args.n, args.seed, args.jobs)
        if args.keep:
            print(f"store kept in {data_dir} (reuse with --data-dir)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(data_dir, GRAPH, port)
    try:
        wait_ready(base, proc, timeout=900)
        with httpx.Client(base_url=base, timeout=120.0) as c:
            stats = c.get("/stats")
            if stats.status_code == 200:
                body = stats.json()
                adopted = body["relationships"].get("ADOPTED", 0)
                print(f"store: {body['reports']} reports, {adopted} ADOPTED edges")
            else:
                print(f"store: /stats answered {stats.status_code} ({stats.text[:120]})")
            health = p95(timed(c, ("GET", "/health", None), args.repeat))
            print(f"baseline /health p95 {health:.1f} ms; {args.repeat} timed calls per URL\n")
            print(f"{'page':9} {'p50 ms':>8} {'p95 ms':>8} {'× /health':>10}  call")
            worst: dict[str, tuple[float, str]] = {}
            over = 0
            chosen = targets(c)
            for page, calls in pages(c, chosen).items():
                for call in calls:
                    got = timed(c, call, args.repeat)
                    hi = p95(got)
                    over += hi >= TARGET_MS
                    label = f"{call[0]} {call[1]}"
                    flag = "  <-- over target" if hi >= TARGET_MS else ""
                    mid = statistics.median(got)
                    print(f"{page:9} {mid:8.1f} {hi:8.1f} {hi / health:10.1f}  {label}{flag}")
                    if hi > worst.get(page, (0.0, ""))[0]:
                        worst[page] = (hi, label)
            print("\nslowest call per page (p95):")
            for page, (hi, label) in worst.items():
                print(f"  {page:9} {hi:8.1f} ms  {label}")
            print(f"\n{over} call(s) at or over the {TARGET_MS:.0f} ms p95 target")
            for label, why in FAILURES.items():
                print(f"  failed: {label}: {why}")
        if args.browser:
            browse(base, chosen, args.browser)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
