"""Several web workers on one PostgreSQL: requests/s and p95 with 1, 2 and 4 workers, and how long
a second process takes to show a document uploaded through the first.

The servers are real `collectivia serve --workers N` processes with a
`collectivia worker` beside them (tests/scaling/cluster.py starts them the
way the multi-process tests do); the clients are threads of this process,
each signed in once. On this 2-core machine the clients, the servers and
PostgreSQL share the same cores, so the ratio says more than the absolute
figures. `COLLECTIVIA_BENCH_SECONDS` sets each load run (default 20 s).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tests" / "scaling"))
sys.path.insert(0, str(ROOT / "tests"))

from cluster import Agent, Cluster, environment  # noqa: E402

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_<name>.py
    import smoke

RESULTS = smoke.results_dir() / "scaling.md"
SECONDS = float(os.environ.get("COLLECTIVIA_BENCH_SECONDS", smoke.size("20", "2")))
CLIENTS = smoke.size(16, 4)
PAGES = ["/", "/assistant", "/questions-rh"]
PG_ADMIN = os.environ.get("COLLECTIVIA_TEST_PG_ADMIN",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _demo_database(var_dir: Path) -> str:
    """A fresh PostgreSQL database holding the demo collectivité."""
    import subprocess

    name = f"collectivia_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    env = environment({"a.test": url}, var_dir)
    env["COLLECTIVIA_DATABASE_URL"] = url
    subprocess.run([str(Path(sys.executable).parent / "collectivia"), "demo", "--no-serve"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return url


def _drop(url: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def _load(port: int) -> tuple[float, float, int]:
    """(requests/s, p95 seconds, errors) of CLIENTS signed-in agents browsing for SECONDS."""
    agents = []
    for _ in range(4):      # four sessions shared by the client threads: argon2 is not measured
        agent = Agent("a.test")
        assert agent.login(port, "agent", _password("agent")).status_code == 303
        agents.append(agent)
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + SECONDS
    lock = threading.Lock()

    def client(i: int) -> None:
        agent, n = agents[i % len(agents)], 0
        while time.monotonic() < stop:
            start = time.monotonic()
            status = agent.get(port, PAGES[n % len(PAGES)]).status_code
            with lock:
                latencies.append(time.monotonic() - start)
                errors[0] += status != 200
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return len(latencies) / SECONDS, p95, errors[0]


def _password(login: str) -> str:
    from collectivia.core.demo import DEMO_ACCOUNTS

    return next(a.password for a in DEMO_ACCOUNTS if a.login == login)


def _upload_seen(cluster: Cluster) -> tuple[float, float, float]:
    """Seconds the upload request took on the first process, then, counted from its answer,
    until the second process lists it and until a worker has embedded it."""
    first, second = cluster.ports[-2:]
    hr = Agent("a.test")
    hr.login(first, "rh", _password("rh"))
    title = f"Note {uuid.uuid4().hex[:6]}"
    other = Agent("a.test")
    other.cookie = hr.cookie
    token = hr.csrf(first, "/questions-rh/documents")
    other.get(second, "/questions-rh/documents")          # the page warm on the second process
    start = time.monotonic()
    hr.post(first, "/questions-rh/documents", {"titre": title, "diffusion": "public",
                                                "csrf_token": token},
            files={"fichier": ("note.md", b"# Note\n\nArticle 1 : Horaires\n\nDe 9 h a 17 h.\n")})
    request = time.monotonic() - start
    start = time.monotonic()
    listed = embedded = None
    while time.monotonic() - start < 120 and embedded is None:
        page = other.get(second, "/questions-rh/documents").text
        if listed is None and title in page:
            listed = time.monotonic() - start
        if listed is not None and "en cours de calcul" not in page:
            embedded = time.monotonic() - start
        time.sleep(0.05)
    return request, listed or float("nan"), embedded or float("nan")


def main() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
    url = _demo_database(var_dir)
    figures = {}
    try:
        for workers in smoke.size((1, 2, 4), (1,)):
            cluster = Cluster(environment({"a.test": url}, var_dir / f"w{workers}"))
            try:
                (port,) = cluster.serve(1, workers=workers)
                time.sleep(3 * workers)          # every uvicorn worker up, not only the first
                figures[workers] = _load(port)
            finally:
                cluster.stop()
        cluster = Cluster(environment({"a.test": url}, var_dir / "pair"))
        try:
            cluster.serve(2)
            cluster.work(1)
            request, listed, embedded = _upload_seen(cluster)
        finally:
            cluster.stop()
    finally:
        _drop(url)
    if smoke.enabled():
        smoke.note("scaling: the 2- and 4-worker load runs skipped; their rows repeat the 1-worker one")
        figures[2] = figures[4] = figures[1]
    rps1, p951, _ = figures[1]
    lines = [
        "## Scaling out (PostgreSQL, `collectivia serve --workers N`)\n",
        f"{CLIENTS} signed-in clients browsing {', '.join(PAGES)} for {SECONDS:.0f} s per run, "
        "clients, servers and PostgreSQL on the same 2 cores: more workers than cores can only "
        "show what they cost, not what a bigger machine gains.\n",
        "| workers | requests/s | p95 (ms) | errors | requests/s vs 1 | p95 vs 1 |",
        "|---|---|---|---|---|---|",
        *(f"| {n} | {rps:.1f} | {p95 * 1000:.0f} | {err} | x{rps / rps1:.2f} | x{p95 / p951:.2f} |"
          for n, (rps, p95, err) in sorted(figures.items())),
        "",
        f"An upload through process 1 (request {request:.2f} s) is listed by process 2 "
        f"{listed:.2f} s after its answer, and embedded by `collectivia worker` (searchable by "
        f"meaning) {embedded:.2f} s after it.\n",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
