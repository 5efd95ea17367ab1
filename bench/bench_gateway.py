"""Gateway overhead: CollectivIA's /v1 gateway vs a direct call vs LiteLLM's proxy.

Every server runs in its own process on loopback, in front of the same fake
OpenAI upstream (tests/llm/fake_openai_upstream.py, which answers at once):
  - direct: the client calls the upstream itself (baseline);
  - CollectivIA, privacy off (the privacy engine swapped for an identity, bench only);
  - CollectivIA, privacy on (French PII detection + vault, as in production);
  - LiteLLM proxy (`litellm[proxy]`, extra `bench`; run from its own venv, see below).
Measures: added latency of one non-streaming call over the direct call (median,
p95), and requests per second with 50 concurrent streaming clients.

LiteLLM is installed in a separate virtualenv (LITELLM_VENV, default
/tmp/litellm-venv): installing it into the project venv would downgrade
packages the project uses (rich, openai, filelock, python-dateutil).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_<name>.py
    import smoke

ROOT = Path(__file__).resolve().parent.parent
RESULTS = smoke.results_dir() / "gateway.md"
LITELLM_VENV = Path(os.environ.get("LITELLM_VENV", "/tmp/litellm-venv"))
SEQUENTIAL = smoke.size(200, 5)
WARMUP = smoke.size(20, 1)
CLIENTS = smoke.size(50, 3)
STREAMS_PER_CLIENT = smoke.size(8, 2)
LITELLM_KEY = "sk-bench-" + "a1b2c3d4" * 6  # master key (no database: the only key)
PROMPT = ("Rédige un courriel à Mme Sophie Martin (sophie.martin@exemple.fr) pour lui confirmer "
          "son rendez-vous du 12 mars au service des ressources humaines.")

COLLECTIVIA_SERVER = """
import os, sys, uvicorn
from collectivia.web.app import create_app
if os.environ.get("BENCH_PRIVACY") == "off":
    import collectivia.assistant.protection as protection
    from collectivia.privacy import ProtectedText
    class Identity:
        PrivacyFailure = Exception
        class CallPseudonyms:
            originals = {}
        @staticmethod
        def protect(session, text, **kw): return ProtectedText(text=text, policy="assistant")
        @staticmethod
        def protect_texts(session, texts, **kw):
            return [ProtectedText(text=text, policy="assistant") for text in texts]
        @staticmethod
        def protect_call(text, **kw): return ProtectedText(text=text, policy="assistant")
        @staticmethod
        def restore(originals, text): return text
        @staticmethod
        def reidentify(session, text, **kw): return text
        @staticmethod
        def forget(session, *scopes): return 0
    protection._privacy = lambda: Identity
uvicorn.run(create_app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
            timeout_keep_alive=30)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} ({url})")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"server not up after {timeout}s: {url}")


def start(cmd: list[str], env: dict, health: str, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=log.open("w"),
                               stderr=subprocess.STDOUT, cwd=ROOT)
    wait_until_up(health, process)
    return process


def prepare_database(workdir: Path, backends: str) -> tuple[str, str]:
    """A migrated demo database and a personal API token for the demo agent (no quota)."""
    sys.path.insert(0, str(ROOT / "src"))
    from collectivia.assistant.tokens import create_token
    from collectivia.core.db import Database
    from collectivia.core.demo import load_demo
    from collectivia.core.migrate import upgrade
    from collectivia.core.users import find_by_login
    from collectivia.llm.usage import set_quota

    url = f"sqlite:///{workdir / 'bench.db'}"
    upgrade(url)
    database = Database(url)
    with database.session() as session:
        load_demo(session)
        admin, agent = find_by_login(session, "admin"), find_by_login(session, "agent")
        set_quota(session, admin, login="agent", tokens_per_day=100_000_000)
        _, token = create_token(session, agent, "bench")
    database.dispose()
    return url, token


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latencies(base_url: str, headers: dict, model: str) -> list[float]:
    body = {"model": model, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 64}
    timings = []
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
        for i in range(WARMUP + SEQUENTIAL):
            start = time.perf_counter()
            response = client.post("/chat/completions", json=body)
            elapsed = time.perf_counter() - start
            response.raise_for_status()
            assert response.json()["choices"][0]["message"]["content"]
            if i >= WARMUP:
                timings.append(elapsed)
    return timings


async def _stream_once(client: httpx.AsyncClient, model: str) -> bool:
    body = {"model": model, "stream": True, "max_tokens": 64,
            "messages": [{"role": "user", "content": PROMPT}]}
    try:
        async with client.stream("POST", "/chat/completions", json=body) as response:
            if response.status_code != 200:
                await response.aread()
                return False
            done = False
            async for line in response.aiter_lines():
                if line.strip() == "data: [DONE]":
                    done = True
            return done
    except httpx.TransportError:  # counted as a failure, reported in the table
        return False


async def _throughput(base_url: str, headers: dict, model: str) -> tuple[float, int]:
    limits = httpx.Limits(max_connections=CLIENTS * 2, max_keepalive_connections=CLIENTS * 2,
                          keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=120,
                                 limits=limits) as client:
        await _stream_once(client, model)  # warm-up

        async def worker() -> int:
            return sum([await _stream_once(client, model) for _ in range(STREAMS_PER_CLIENT)])

        start = time.perf_counter()
        ok = sum(await asyncio.gather(*(worker() for _ in range(CLIENTS))))
        elapsed = time.perf_counter() - start
    total = CLIENTS * STREAMS_PER_CLIENT
    return ok / elapsed, total - ok


def measure(name: str, base_url: str, headers: dict, model: str) -> dict:
    timings = latencies(base_url, headers, model)
    rps, failures = asyncio.run(_throughput(base_url, headers, model))
    row = {"name": name, "median_ms": statistics.median(timings) * 1000,
           "p95_ms": percentile(timings, 0.95) * 1000, "rps": rps, "failures": failures}
    print(f"{name:<32} median {row['median_ms']:7.2f} ms  p95 {row['p95_ms']:7.2f} ms  "
          f"{rps:7.1f} req/s (50 streaming clients), failures {failures}")
    return row


def litellm_target(upstream_url: str, workdir: Path) -> tuple[subprocess.Popen | None, str, str]:
    """Start LiteLLM's proxy if its venv is there; else (None, "", reason)."""
    binary = LITELLM_VENV / "bin" / "litellm"
    if smoke.enabled():
        return None, "", "[smoke] LiteLLM proxy skipped (heavy peer)"
    if not binary.exists():
        return None, "", (f"LiteLLM absent ({binary} introuvable) : "
                          "python -m venv /tmp/litellm-venv && /tmp/litellm-venv/bin/pip install "
                          "'litellm[proxy]'")
    port = free_port()
    config = workdir / "litellm.yaml"
    config.write_text(
        "model_list:\n"
        "  - model_name: redaction\n"
        "    litellm_params:\n"
        "      model: openai/bench-model\n"
        f"      api_base: {upstream_url}\n"
        "      api_key: sk-bench\n"
        "litellm_settings:\n"
        "  drop_params: true\n"
        "  telemetry: false\n")
    env = {"LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR",
           "NO_DOCS": "True", "DISABLE_ADMIN_UI": "True", "LITELLM_MASTER_KEY": LITELLM_KEY}
    try:
        process = start([str(binary), "--config", str(config), "--port", str(port),
                         "--num_workers", "1"], env,
                        f"http://127.0.0.1:{port}/health/liveliness", workdir / "litellm.log")
    except RuntimeError as exc:
        tail = (workdir / "litellm.log").read_text()[-1500:]
        return None, "", f"le proxy LiteLLM n'a pas démarré ({exc}) : {tail}"
    return process, f"http://127.0.0.1:{port}", ""


def write_results(rows: list[dict], note: str) -> None:
    direct = rows[0]
    by_name = {r["name"]: r for r in rows}
    lines = ["## gateway", "",
             f"Passerelle `/v1/chat/completions` devant un faux amont OpenAI (réponse immédiate) ; "
             f"latence : {SEQUENTIAL} appels séquentiels non streamés (après {WARMUP} d'échauffement) ; "
             f"débit : {CLIENTS} clients concurrents en streaming, {STREAMS_PER_CLIENT} requêtes "
             "chacun. Chaque serveur dans son propre processus (1 worker), même machine 2 cœurs.", "",
             "| cible | médiane (ms) | p95 (ms) | latence ajoutée médiane (ms) | latence ajoutée p95 (ms) "
             "| req/s (50 flux) | échecs |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        added = "—" if r is direct else f"{r['median_ms'] - direct['median_ms']:.2f}"
        added95 = "—" if r is direct else f"{r['p95_ms'] - direct['p95_ms']:.2f}"
        lines.append(f"| {r['name']} | {r['median_ms']:.2f} | {r['p95_ms']:.2f} | {added} | "
                     f"{added95} | {r['rps']:.1f} | {r['failures']} |")
    lite = by_name.get("LiteLLM proxy")
    if lite:
        lines += ["", "Ratios CollectivIA / LiteLLM (latence ajoutée : < 1 = moins de surcoût ; "
                  "débit : > 1 = plus de requêtes par seconde) :", "",
                  "| CollectivIA | latence ajoutée médiane | latence ajoutée p95 | débit |",
                  "|---|---:|---:|---:|"]
        lite_added = lite["median_ms"] - direct["median_ms"]
        lite_added95 = lite["p95_ms"] - direct["p95_ms"]
        for name in ("CollectivIA, confidentialité off", "CollectivIA, confidentialité on"):
            r = by_name[name]
            lines.append(f"| {name.split(', ')[1]} | "
                         f"{(r['median_ms'] - direct['median_ms']) / lite_added:.2f} | "
                         f"{(r['p95_ms'] - direct['p95_ms']) / lite_added95:.2f} | "
                         f"{r['rps'] / lite['rps']:.2f} |")
    if note:
        lines += ["", note]
    lines += ["", f"Charge de la machine à la fin de la mesure (load average 1 min) : "
                  f"{os.getloadavg()[0]:.1f} — machine partagée : comparer les ratios d'une même "
                  "exécution plutôt que les valeurs absolues."]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n")


def main() -> None:
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="bench-gateway-") as tmp:
        workdir = Path(tmp)
        try:
            up_port = free_port()
            processes.append(start(
                [sys.executable, "-m", "uvicorn", "--factory", "fake_openai_upstream:make_app",
                 "--port", str(up_port), "--log-level", "warning", "--timeout-keep-alive", "30"],
                {"PYTHONPATH": str(ROOT / "tests")},
                f"http://127.0.0.1:{up_port}/v1/models", workdir / "upstream.log"))
            upstream_url = f"http://127.0.0.1:{up_port}/v1"
            backends = json.dumps([{"name": "amont", "base_url": upstream_url, "timeout": 60,
                                    "models": [{"alias": "redaction", "model": "bench-model",
                                                "context": 8192, "params_b": 8}]}])
            db_url, token = prepare_database(workdir, backends)
            rows = [measure("appel direct (référence)", upstream_url, {}, "bench-model")]
            for privacy in ("off", "on"):
                port = free_port()
                env = {"PYTHONPATH": str(ROOT / "src"), "COLLECTIVIA_DATABASE_URL": db_url,
                       "COLLECTIVIA_SECRET_KEY": "bench-" + "k" * 40,
                       "COLLECTIVIA_VAR_DIR": str(workdir / "var"),
                       "COLLECTIVIA_LLM_BACKENDS": backends, "BENCH_PRIVACY": privacy}
                server = start([sys.executable, "-c", COLLECTIVIA_SERVER, str(port)], env,
                               f"http://127.0.0.1:{port}/healthz", workdir / f"cia-{privacy}.log")
                rows.append(measure(f"CollectivIA, confidentialité {privacy}",
                                    f"http://127.0.0.1:{port}/v1",
                                    {"Authorization": f"Bearer {token}"}, "redaction"))
                server.terminate()
                server.wait(20)
            litellm, lite_url, note = litellm_target(upstream_url, workdir)
            if litellm is not None:
                processes.append(litellm)
                rows.append(measure("LiteLLM proxy", lite_url,
                                    {"Authorization": f"Bearer {LITELLM_KEY}"}, "redaction"))
            else:
                print(note)
            write_results(rows, note)
        finally:
            for process in processes:
                process.terminate()
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(f"écrit : {RESULTS}")


if __name__ == "__main__":
    main()
