"""Reads keep answering, consistently, while a load runs on the same embedded store.

A `govkg load` subprocess writes the sample reports plus a synthetic corpus through the
server this test started, while the test runs catalog queries in a loop. Each answer must
be one a finished set of reports could give:

- every adoption fact returned comes from a report whose Report node exists (the writer
  writes the Report node last, so a fact without it belongs to a half-written report);
- a report that is visible shows all of its facts (the same number as after the load);
- counts (nodes per label, relationships per type, adopters per practice, adoption facts,
  reports) never go down while the load only adds.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from synthetic_support import synthetic

from govkg.graph.falkor_store import FalkorStore
from govkg.queries.catalog import run_query

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
SYNTHETIC = REPO_ROOT / "bench" / "synthetic.py"
N_SYNTHETIC = 60
ALL_ROWS = 1_000_000


class Snapshot:
    """One round of answers from the catalog."""

    def __init__(self, store: FalkorStore) -> None:
        stats = run_query(store, "stats")
        self.sizes = Counter({(r["kind"], r["label"]): int(r["count"]) for r in stats})
        self.adopters = {r["key"]: int(r["adopters"]) for r in run_query(store, "practices")}
        self.adoptions = run_query(store, "adoptions", {"limit": ALL_ROWS})
        self.adoption_count = int(run_query(store, "adoptions_count")[0]["count"])
        self.facts_by_report = Counter(str(r["report_id"]) for r in self.adoptions)

    @property
    def reports(self) -> int:
        """Report nodes visible in this round."""
        return self.sizes[("node", "Report")]


def _assert_not_decreasing(before: Snapshot, after: Snapshot) -> None:
    for key, n in before.sizes.items():
        assert after.sizes[key] >= n, f"{key} went from {n} to {after.sizes[key]}"
    for key, n in before.adopters.items():
        assert after.adopters.get(key, 0) >= n, f"adopters of {key} went down"
    assert after.adoption_count >= before.adoption_count
    assert len(after.adoptions) >= len(before.adoptions)


def _assert_complete_reports(snap: Snapshot, final: Snapshot) -> None:
    for row in snap.adoptions:
        assert row["report_title"] is not None or row["report_source"] is not None, (
            f"an adoption of a half-written report is visible: {row['report_id']}"
        )
    for report_id, n in snap.facts_by_report.items():
        assert n == final.facts_by_report[report_id], f"report {report_id} shows {n} of its facts"
    assert snap.adoption_count >= len(snap.adoptions)  # counted just after, never fewer


def test_reads_are_consistent_during_a_load(tmp_path: Path) -> None:
    """Query in a loop while a subprocess loads; every answer fits some completed report set."""
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, N_SYNTHETIC, seed=5)
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["GOVKG_STORE"] = "falkordb"
    env["GOVKG_LOAD_GROUP"] = "3"  # small groups, so that queries see the load part-way
    with FalkorStore(data_dir) as store:
        store.ensure_schema()
        command = [sys.executable, "-m", "govkg.cli", "load", str(EXAMPLES), str(corpus)]
        loader = subprocess.Popen(
            [*command, "--data-dir", str(data_dir), "-q"],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        snaps: list[Snapshot] = []
        try:
            while loader.poll() is None:
                snaps.append(Snapshot(store))
            out, err = loader.communicate(timeout=300)
        finally:
            if loader.poll() is None:
                loader.kill()
                loader.wait()
        assert loader.returncode in (0, 2), err.decode(errors="replace")  # 2: a sample file rejected
        final = Snapshot(store)

    assert final.reports >= N_SYNTHETIC
    # The loop overlapped the load: it saw the graph part-way, not only empty and full.
    partial = [s for s in snaps if 0 < s.reports < final.reports]
    assert partial, f"no query ran mid-load ({len(snaps)} rounds); output: {out!r}"
    rounds = [*snaps, final]
    for before, after in itertools.pairwise(rounds):
        _assert_not_decreasing(before, after)
    for snap in snaps:
        _assert_complete_reports(snap, final)
