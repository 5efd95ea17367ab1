"""The sandbox's budget is the backstop for what the parsers' cheap checks did not foresee."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
import uvicorn

import sandbox_targets
from collectivia.core import sandbox
from collectivia.core.errors import InvalidInput
from collectivia.core.roles import Role
from corpus import pdf_drawing_operators
from support import csrf_of, login_as

QUICK = sandbox.Budget(cpu_seconds=1, memory_bytes=300_000_000, wall_seconds=5)


def test_a_result_comes_back_from_the_child():
    assert sandbox.run(sandbox_targets.double, 21) == 42


def test_a_parse_that_never_ends_is_stopped_by_its_cpu_budget():
    started = time.monotonic()
    with pytest.raises(InvalidInput) as error:
        sandbox.run(sandbox_targets.spin, budget=QUICK, subject="Le fichier « boucle.pdf »")
    assert "demande trop de calcul" in error.value.message
    assert time.monotonic() - started < 5


def test_a_parse_that_asks_for_gigabytes_is_refused_for_memory():
    with pytest.raises(InvalidInput) as error:
        sandbox.run(sandbox_targets.hog, budget=QUICK, subject="Le fichier « gros.xlsx »")
    assert "demande trop de mémoire" in error.value.message


def test_parsing_on_the_event_loop_is_a_bug_caught_at_once():
    async def on_loop():
        sandbox.run(sandbox_targets.double, 1)

    with pytest.raises(RuntimeError, match="event loop"):
        asyncio.run(on_loop())


def _serve(app) -> tuple[uvicorn.Server, threading.Thread, str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def test_healthz_answers_while_hostile_pdfs_are_uploaded(app):
    """The 4.8 MB PDF once froze /healthz for 38 s; four uploads at once must not even slow it."""
    server, thread, base = _serve(app)
    pdf = pdf_drawing_operators()
    refusals: list[str] = []

    def upload() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            login_as(client, Role.GESTIONNAIRE_RH)
            token = csrf_of(client, "/questions-rh/documents")
            for _ in range(3):
                response = client.post("/questions-rh/documents", data={
                    "csrf_token": token, "titre": "Plan", "diffusion": "public"},
                    files={"fichier": ("plan.pdf", pdf, "application/pdf")})
                refusals.append(response.text)

    uploaders = [threading.Thread(target=upload) for _ in range(4)]
    try:
        for t in uploaders:
            t.start()
        latencies = []
        with httpx.Client(base_url=base, timeout=30) as probe:
            while any(t.is_alive() for t in uploaders):
                started = time.monotonic()
                assert probe.get("/healthz").status_code == 200
                latencies.append(time.monotonic() - started)
                time.sleep(0.02)
        for t in uploaders:
            t.join()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert len(refusals) == 12 and all("opérations de dessin" in r for r in refusals)
    assert latencies and max(latencies) < 2.0, f"slowest /healthz: {max(latencies):.2f} s"
