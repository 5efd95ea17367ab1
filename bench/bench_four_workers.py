"""Two machines behind one reverse proxy: the hostile-uploads mix on 4 web workers (2 `collectivia
serve --workers 2` processes on one PostgreSQL) beside 2 workers (one such process).

Issue 18 asks what a second machine brings. Here both "machines" are processes
of this 2-core computer, so the figures say what a second process costs and
whether anything breaks when requests of one session land on either process
(the browsing clients alternate between the two ports, as a reverse proxy
would send them; the hostile uploads go to the first). The load is
bench_hostile_uploads' (20 clients on four roles' pages, quiet then while one
client sends the hostile-files corpus), one `collectivia worker` running the
jobs in both set-ups. `COLLECTIVIA_BENCH_SECONDS` sets each run (default 30 s).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

try:
    from bench import bench_hostile_uploads as hostile
    from bench import smoke
    from bench.bench_scaling import _demo_database, _drop
except ImportError:  # run as a script, python bench/bench_<name>.py
    import bench_hostile_uploads as hostile
    import smoke
    from bench_scaling import _demo_database, _drop

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests" / "scaling"))

from cluster import Cluster, environment  # noqa: E402

RESULTS = smoke.results_dir() / "four_workers.md"
SET_UPS = smoke.size(((1, 2), (2, 2)), ((2, 1),))     # (serve processes, uvicorn workers each)


def _run_on(url: str, var_dir: Path, processes: int, workers: int) -> tuple[dict, dict]:
    cluster = Cluster(environment({"a.test": url}, var_dir))
    try:
        ports = cluster.serve(processes, workers=workers)
        cluster.work(1)
        time.sleep(3 * workers)                # every uvicorn worker up, not only the first
        hostile.HOST["Host"] = "a.test"
        return hostile._measure(*(f"http://127.0.0.1:{port}" for port in ports))
    finally:
        hostile.HOST.clear()
        cluster.stop()


def main() -> None:
    hostile.SECONDS = float(os.environ.get("COLLECTIVIA_BENCH_SECONDS", smoke.size("30", "2")))
    var_dir = Path(tempfile.mkdtemp(prefix="bench-four-workers-"))
    url = _demo_database(var_dir / "demo")
    load_before = os.getloadavg()[0]
    runs = {}
    try:
        for processes, workers in SET_UPS:
            runs[processes, workers] = _run_on(url, var_dir / f"p{processes}w{workers}",
                                               processes, workers)
    finally:
        _drop(url)
    lines = []
    for (processes, workers), (quiet, loud) in runs.items():
        title = (f"PostgreSQL, {processes} x `serve --workers {workers}` = "
                 f"{processes * workers} web workers, one `collectivia worker`")
        lines += [*hostile._section(title, quiet, loud), ""]
    if len(runs) == 2:
        (q2, l2), (q4, l4) = runs.values()
        lines.append(f"Ratios 4 workers (2 processes) / 2 workers (1 process): requests x"
                     f"{q4['requests'] / max(q2['requests'], 1):.2f} quiet, x"
                     f"{l4['requests'] / max(l2['requests'], 1):.2f} with hostile uploads; p95 x"
                     f"{q4['p95'] / q2['p95']:.2f} quiet, x{l4['p95'] / l2['p95']:.2f} with "
                     "hostile uploads. One 2-core computer plays both machines: the second process "
                     "adds no core, so the ratio measures its cost, not a second machine's gain.")
    lines.append(f"\n{hostile.SECONDS:.0f} s per run; load average {load_before:.1f} when the run "
                 f"started, {os.getloadavg()[0]:.1f} at its end (the machine is shared with "
                 "training jobs).\n")
    text = "\n".join(lines).replace("## Hostile uploads (", "## Hostile uploads on several web "
                                    "workers (", len(runs))
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
