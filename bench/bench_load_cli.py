"""`govkg load` as users run it: a subprocess on N synthetic report files, wall-clock time.

    python bench/bench_load_cli.py --n 1000 --n 5000 --jobs 2

For each N, in a temporary directory (removed afterwards): write N synthetic reports
(bench/synthetic.py), then time, each as its own `python -m govkg.cli load` process on the
embedded store:
  1. a first load with --jobs 1, into data dir A;
  2. a first load with --jobs J (default: the cores available), into data dir B;
  3. a re-load of the same N files into B (all already loaded: the manifest path);
  4. +100 new reports into B (incremental cost at this graph size), --rounds times, each into a
     fresh copy of B as step 3 left it (the median is printed, with the fastest and slowest);
  5. +100 other new reports into B while `govkg serve` holds B's store (a deployment with the API
     running: the loader shares the running server instead of starting one from the snapshot).
Printed: seconds and reports/s of each step, and ratios measured in the same run
(jobs J / jobs 1 speed-up, re-load / first load, +100 time across sizes, cold and served); and,
from step 5, how long `govkg serve` took until /health first answered (`starting` while the store
opens) and until it said `ok` (the store open), and the resident memory of the store's server then.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import SyntheticCorpus

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _load(corpus: Path, data_dir: Path, jobs: int) -> tuple[float, str]:
    env = _env()
    cmd = [sys.executable, "-m", "govkg.cli", "load", str(corpus), "--data-dir", str(data_dir), "-q"]
    started = time.perf_counter()
    done = subprocess.run([*cmd, "--jobs", str(jobs)], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"govkg load failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, done.stdout.strip().splitlines()[-1]


def _rss_mb(pid: int) -> float:
    """Resident memory of a process, MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def _serving(data_dir: Path) -> Iterator[tuple[float, float, float]]:
    """`govkg serve` on data_dir until the block ends, its store open (/health 200 with status ok);
    yields the seconds until /health first answered (any status: `starting` while the store opens),
    the seconds until it said ok, and the store server's resident memory (MB) then."""
    from urllib.error import HTTPError

    from govkg.graph.falkor_store import server_pid

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "govkg.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    started = time.perf_counter()
    api = subprocess.Popen(cmd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = float("nan")
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                    if first != first:  # nan: the first answer
                        first = time.perf_counter() - started
                    if r.status == 200 and json.load(r).get("status") == "ok":
                        break
            except HTTPError:  # 503 while the store opens is an answer too
                if first != first:
                    first = time.perf_counter() - started
            except OSError:
                pass
            if api.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("govkg serve did not come up")
            time.sleep(0.05)
        ready = time.perf_counter() - started
        pid = server_pid(data_dir)
        yield first, ready, (_rss_mb(pid) if pid is not None else float("nan"))
    finally:
        api.terminate()
        api.wait(120)


def _extra(gen: SyntheticCorpus, out: Path, seed: int) -> Path:
    """100 reports not in the corpus (another seed)."""
    out.mkdir(exist_ok=True)
    for i in range(100):
        _, text = gen.report(i, seed)
        (out / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return out


def _plus100(extra: Path, data_dir: Path, jobs: int, rounds: int) -> list[float]:
    """+100 into copies of data_dir (as it is now, its server stopped), one per round; seconds each."""
    times = []
    for r in range(rounds):
        copy = data_dir.with_name(f"{data_dir.name}-plus100-{r}")
        shutil.copytree(data_dir, copy)
        times.append(_load(extra, copy, jobs)[0])
        shutil.rmtree(copy, ignore_errors=True)
    return sorted(times)


def run(n: int, jobs: int, seed: int, rounds: int = 3, jobs1: bool = True) -> tuple[float, float]:
    """Time the five steps at size n; return the +100 times, cold (the median) and with the API on."""
    work = Path(tempfile.mkdtemp(prefix=f"govkg-bench-load-{n}-"))
    try:
        corpus = work / "corpus"
        gen = SyntheticCorpus.default()
        gen.write(corpus, n, seed)
        extra, served_extra = _extra(gen, work / "extra", seed + 1), _extra(gen, work / "extra2", seed + 2)
        t1 = _load(corpus, work / "a", 1)[0] if jobs1 else float("nan")
        shutil.rmtree(work / "a", ignore_errors=True)
        tj, line = _load(corpus, work / "b", jobs)
        tr, _ = _load(corpus, work / "b", jobs)
        cold = _plus100(extra, work / "b", jobs, rounds)
        t100 = cold[len(cold) // 2]
        _load(extra, work / "b", jobs)  # step 5 adds to the graph of step 4
        with _serving(work / "b") as (first, ready, rss):
            t100s, _ = _load(served_extra, work / "b", jobs)
        print(f"n={n:,}: {line}")
        print(f"  first load --jobs 1      {t1:8.1f} s  {n / t1:7.1f} reports/s")
        print(
            f"  first load --jobs {jobs:<2}     {tj:8.1f} s  {n / tj:7.1f} reports/s"
            f"  ({t1 / tj:.2f}x --jobs 1)"
        )
        print(
            f"  re-load (all loaded)     {tr:8.1f} s  {n / tr:7.1f} reports/s"
            f"  ({tr / tj:.3f} of the first load)"
        )
        spread = f"  (median of {len(cold)}: {cold[0]:.1f}-{cold[-1]:.1f} s)" if len(cold) > 1 else ""
        print(f"  +100 new reports         {t100:8.1f} s{spread}")
        print(f"  +100, govkg serve on     {t100s:8.1f} s")
        print(f"  govkg serve first /health{first:8.1f} s  (issue 15: <= 1 s, `starting` allowed)")
        print(f"  govkg serve until ok     {ready:8.1f} s  store server RSS {rss:.0f} MB")
        return t100, t100s
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    """Run the benchmark at each --n and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, action="append", help="corpus sizes (default: 1000)")
    ap.add_argument(
        "--jobs", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3, help="cold +100 loads per size (median printed)")
    ap.add_argument("--no-jobs1", action="store_true", help="skip the --jobs 1 first load (step 1)")
    args = ap.parse_args()
    sizes = args.n or [1000]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    plus100 = [(n, run(n, args.jobs, args.seed, args.rounds, not args.no_jobs1)) for n in sizes]
    (n0, (base, served_base)), *rest = plus100
    for n, (t, served) in rest:
        ratio, served_ratio = t / base, served / served_base
        print(f"+100 into {n:,} / +100 into {n0:,}: {ratio:.2f} cold, {served_ratio:.2f} with the API on")


if __name__ == "__main__":
    main()
