"""Other users' pages while one client uploads hostile files: errors and p95 vs quiet, on SQLite
and on PostgreSQL with two web workers.

Issue 17's target: 20 clients browsing for 60 s while one client sends the
hostile-files corpus (tests/hostile/corpus.py) to every upload route; the
other users' error rate stays 0 and their p95 within 2x of a quiet run. The
first server is `collectivia demo` in its own process (SQLite, one worker), as
a small collectivité runs it; the second is `collectivia serve --workers 2` with
a `collectivia worker` on a PostgreSQL copy of the demo (tests/scaling/cluster.py
starts them as the multi-process tests do), as a département runs it. The
clients are threads of this process.
`COLLECTIVIA_BENCH_SECONDS` shortens both runs (a smoke run; the results
file says how long each run lasted).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_<name>.py
    import smoke

ROOT = Path(__file__).parent.parent
RESULTS = smoke.results_dir() / "hostile_uploads.md"
CLIENTS = smoke.size(20, 3)
SECONDS = float(os.environ.get("COLLECTIVIA_BENCH_SECONDS", smoke.size("60", "2")))
HOST: dict[str, str] = {}   # the Host header naming the collectivité (the PostgreSQL cluster)
PAGES = {  # role -> pages its users open in turn (candidate pages are audited)
    "recruteur": ["/recrutement", "/recrutement/candidatures/{candidate}?original=1"],
    "agent": ["/", "/assistant", "/questions-rh"],
    "dpo": ["/admin/journal", "/gouvernance"],
    "gestionnaire_rh": ["/cartographie", "/questions-rh/documents"],
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(var_dir: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "COLLECTIVIA_VAR_DIR": str(var_dir)}
    env.pop("COLLECTIVIA_DATABASE_URL", None)
    command = str(Path(sys.executable).parent / "collectivia")
    server = subprocess.Popen([command, "demo", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start: " + server.stderr.read().decode()[-2000:])


def _signed_in(base: str, login: str, password: str) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from support import csrf_of

    with httpx.Client(base_url=base, timeout=60, headers=HOST) as client:
        token = csrf_of(client)
        client.post("/connexion", data={"identifiant": login, "mot_de_passe": password,
                                        "csrf_token": token})
        return dict(client.cookies)


def _browse(base: str, cookies: dict, pages: list[str], until: float,
            latencies: list[float], errors: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=120, cookies=cookies, headers=HOST) as client:
        i = 0
        while time.monotonic() < until:
            path = pages[i % len(pages)]
            i += 1
            started = time.monotonic()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            latencies.append(time.monotonic() - started)
            if status != 200:
                errors.append(f"{path}: {status}")


def _upload_hostile(base: str, cookies: dict, forms: list[tuple[str, str, str, dict, str]],
                    until: float, uploads: list[tuple[float, int]]) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    from corpus import CORPUS

    files = {name: make() for name, make in CORPUS.items()}
    sys.path.insert(0, str(ROOT / "tests"))
    from support import csrf_of

    clients = {role: httpx.Client(base_url=base, timeout=120, cookies=cookies[role], headers=HOST)
               for role in cookies}
    while time.monotonic() < until:
        for role, page, action, fields, field in forms:
            token = csrf_of(clients[role], page)
            for name, data in files.items():
                if time.monotonic() >= until:
                    return
                started = time.monotonic()
                status = clients[role].post(action, data={"csrf_token": token, **fields},
                                            files={field: (name, data)}).status_code
                uploads.append((time.monotonic() - started, status))


def _run(bases: list[str], cookies: dict, posting: int, candidate: int, hostile: bool) -> dict:
    """Browsing clients spread in turn over `bases` (machines behind one reverse proxy); the
    hostile uploads go to the first."""
    latencies: list[float] = []
    errors: list[str] = []
    uploads: list[tuple[float, int]] = []
    until = time.monotonic() + SECONDS
    roles = list(PAGES)
    threads = [threading.Thread(target=_browse, args=(
        bases[i % len(bases)], cookies[roles[i % len(roles)]],
        [p.format(candidate=candidate) for p in PAGES[roles[i % len(roles)]]], until,
        latencies, errors)) for i in range(CLIENTS)]
    if hostile:
        forms = [("recruteur", "/recrutement", f"/recrutement/offres/{posting}/candidatures", {},
                  "fichiers"),
                 ("gestionnaire_rh", "/cartographie/import", "/cartographie/import", {}, "fichier"),
                 ("gestionnaire_rh", "/questions-rh/documents", "/questions-rh/documents",
                  {"titre": "Note", "diffusion": "public"}, "fichier"),
                 ("referent_ia", "/gouvernance/ia-fantome", "/gouvernance/ia-fantome", {}, "fichier")]
        threads.append(threading.Thread(target=_upload_hostile,
                                        args=(bases[0], cookies, forms, until, uploads)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(latencies)
    return {"requests": len(latencies), "errors": len(errors), "examples": errors[:5],
            "p50": statistics.median(ordered) if ordered else 0.0,
            "p95": ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0,
            "uploads": len(uploads), "upload_5xx": sum(1 for _, s in uploads if s >= 500),
            "upload_max": max((d for d, _ in uploads), default=0.0)}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        server, base = _start_server(Path(tmp))
        try:
            sqlite = _measure(base)
        finally:
            server.terminate()
            server.wait(timeout=30)
        postgres = None if smoke.enabled() else _on_postgres(Path(tmp))
    if postgres is None:
        smoke.note("hostile uploads: the PostgreSQL run (2 web workers) skipped")
    _report(sqlite, postgres)


def _measure(*bases: str) -> tuple[dict, dict]:
    """The quiet run, then the run with hostile uploads, against the servers at `bases` (a
    session opened on one is valid on the others: they share one database and secret key)."""
    from collectivia.core.demo import DEMO_ACCOUNTS

    accounts = {a.role.value: (a.login, a.password) for a in DEMO_ACCOUNTS}
    cookies = {role: _signed_in(bases[0], *accounts[role]) for role in (*PAGES, "referent_ia")}
    posting, candidate = _demo_posting(bases[0], cookies["recruteur"])
    for base in bases:
        for role, pages in PAGES.items():      # models loaded before anything is timed
            with httpx.Client(base_url=base, timeout=120, cookies=cookies[role],
                              headers=HOST) as c:
                for page in pages:
                    c.get(page.format(candidate=candidate))
    return (_run(list(bases), cookies, posting, candidate, hostile=False),
            _run(list(bases), cookies, posting, candidate, hostile=True))


def _on_postgres(var_dir: Path) -> tuple[dict, dict] | None:
    """The same runs against two web workers and a job worker on a PostgreSQL copy of the demo."""
    sys.path.insert(0, str(ROOT / "tests" / "scaling"))
    from cluster import Cluster, environment

    try:
        from bench.bench_scaling import _demo_database, _drop
    except ImportError:
        from bench_scaling import _demo_database, _drop
    try:
        url = _demo_database(var_dir / "pg-demo")
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: the SQLite figures stand alone
        print(f"PostgreSQL run skipped: {exc}")
        return None
    cluster = Cluster(environment({"a.test": url}, var_dir / "pg"))
    try:
        (port,) = cluster.serve(1, workers=2)
        cluster.work(1)
        time.sleep(6)                          # both uvicorn workers up, not only the first
        HOST["Host"] = "a.test"
        return _measure(f"http://127.0.0.1:{port}")
    finally:
        HOST.clear()
        cluster.stop()
        _drop(url)


def _demo_posting(base: str, cookies: dict) -> tuple[int, int]:
    """The demo posting's id and one of its candidatures', read from the pages."""
    import re

    with httpx.Client(base_url=base, timeout=60, cookies=cookies, headers=HOST) as client:
        posting = int(re.search(r"/recrutement/offres/(\d+)", client.get("/recrutement").text)[1])
        page = client.get(f"/recrutement/offres/{posting}").text
    return posting, int(re.search(r"/recrutement/candidatures/(\d+)", page)[1])


def _report(sqlite: tuple[dict, dict], postgres: tuple[dict, dict] | None) -> None:
    lines = [*_section("SQLite, one server process", *sqlite)]
    if postgres is not None:
        lines += ["", *_section("PostgreSQL, `serve --workers 2` and one `collectivia worker`",
                                *postgres)]
    if SECONDS < 60:
        lines.append(f"- smoke run: {SECONDS:.0f} s per run instead of 60 "
                     "(COLLECTIVIA_BENCH_SECONDS); not the issue's measurement.")
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text)


def _section(title: str, quiet: dict, loud: dict) -> list[str]:
    ratio = loud["p95"] / quiet["p95"] if quiet["p95"] else float("nan")
    error_rate = loud["errors"] / max(loud["requests"], 1)
    lines = [
        f"## Hostile uploads ({title})",
        "",
        f"{CLIENTS} clients on pages of four roles for {SECONDS:.0f} s, quiet, then again while one "
        "client sends the hostile-files corpus (tests/hostile/corpus.py) to the CV, staff-table, "
        "HR-document and proxy-log forms. Target (issue 17): error rate 0, p95 within 2x.",
        "",
        "| run | requests | errors | p50 (s) | p95 (s) |",
        "|---|---|---|---|---|",
        f"| quiet | {quiet['requests']} | {quiet['errors']} | {quiet['p50']:.3f} | {quiet['p95']:.3f} |",
        f"| with hostile uploads | {loud['requests']} | {loud['errors']} | {loud['p50']:.3f} | "
        f"{loud['p95']:.3f} |",
        "",
        f"- other users' error rate with hostile uploads: {error_rate:.2%}; p95 ratio hostile / "
        f"quiet: {ratio:.2f}x",
        f"- hostile uploads sent: {loud['uploads']}, answered 5xx: {loud['upload_5xx']}, slowest "
        f"refusal: {loud['upload_max']:.2f} s",
    ]
    if loud["examples"] or quiet["examples"]:
        lines.append(f"- first errors: {quiet['examples'] + loud['examples']}")
    return lines


if __name__ == "__main__":
    main()
