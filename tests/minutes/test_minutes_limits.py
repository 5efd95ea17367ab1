"""A recording is held to the same limits as any model call, and never held in memory:
the upload streams to a temporary file, bounded as it arrives, and a transcription is
refused when the direction's budget or the agent's quota cannot pay for it."""

from __future__ import annotations

import os
import socket
import threading
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.llm.models import DirectionBudget, TokenQuota, UsageRecord
from collectivia.minutes.models import MeetingMinutes
from fakes import settings_with, wav_of
from support import after_jobs, csrf_of, login_as, text_of

MB = 1_000_000


@contextmanager
def served(app):
    """The real app under uvicorn on loopback: unlike the test client, it receives a body in
    pieces as a browser sends it, with no declared length when the client streams."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def streamed_form(fields: dict[str, str], filename: str, audio_chunks, boundary="limite-cia"):
    """A multipart body sent piece by piece (chunked: no Content-Length), fields first."""
    for name, value in fields.items():
        yield (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
               f"{value}\r\n").encode()
    yield (f'--{boundary}\r\nContent-Disposition: form-data; name="enregistrement"; '
           f'filename="{filename}"\r\nContent-Type: audio/wav\r\n\r\n').encode()
    yield from audio_chunks
    yield f"\r\n--{boundary}--\r\n".encode()


@contextmanager
def agent_on(settings, database):
    """An agent signed in on the served app, with the upload form's CSRF token."""
    from collectivia.web.app import create_app

    with served(create_app(settings, database)) as base, httpx.Client(base_url=base) as agent:
        login_as(agent, Role.AGENT)
        yield agent, csrf_of(agent, "/comptes-rendus")


def post_streamed(agent, token: str, audio_chunks):
    return agent.post("/comptes-rendus", content=streamed_form(
        {"csrf_token": token, "titre": "Conseil du 4 mars"}, "conseil.wav", audio_chunks),
        headers={"Content-Type": "multipart/form-data; boundary=limite-cia"})


def silent_wav(seconds: int, rate: int = 8000, chunk: int = 64 * 1024):
    """A mono 8-bit WAV of `seconds`, produced in chunks, never whole in memory."""
    header = wav_of(0, rate)
    size = seconds * rate
    yield header[:4] + (36 + size).to_bytes(4, "little") + header[8:40] + size.to_bytes(4, "little")
    for start in range(0, size, chunk):
        yield b"\x80" * min(chunk, size - start)


def deleted_files_still_open() -> list[str]:
    """Files this process still holds open though they are deleted: a temporary file left
    behind by an upload would show here."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.endswith("(deleted)"):
            held.append(target)
    return held


def stored_files(settings) -> list[Path]:
    root = FileStore(settings).root
    return [p for p in root.rglob("*") if p.is_file() and ".pending" not in p.parts] if root.exists() else []


def test_a_large_recording_streams_to_disk_without_being_held_in_memory(
        tmp_path, demo_database, transcriber, drafter):
    settings = settings_with(tmp_path, [transcriber.backend(), drafter.backend()],
                             minutes_max_audio_bytes=60 * MB)
    with agent_on(settings, demo_database) as (agent, token):
        before = deleted_files_still_open()
        tracemalloc.start()
        try:
            accepted = post_streamed(agent, token, silent_wav(5000))      # 40 MB, in pieces
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert accepted.status_code == 303 and "/taches/" in accepted.headers["location"]
        assert peak < 12 * MB, f"{peak / MB:.0f} Mo held in memory for a 40 Mo upload"
        assert deleted_files_still_open() == before          # the temporary file is gone
    with demo_database.session() as session:
        meeting = session.execute(select(MeetingMinutes)).scalar_one()
        assert round(meeting.audio_seconds) == 5000 and meeting.audio_format == "wav"
    assert [p.stat().st_size for p in stored_files(settings)] == [5000 * 8000 + 44]


def test_past_the_bound_the_upload_is_cut_off_as_it_streams_with_a_french_message(
        tmp_path, demo_database, transcriber, drafter):
    settings = settings_with(tmp_path, [transcriber.backend(), drafter.backend()],
                             minutes_max_audio_bytes=2 * MB)
    with agent_on(settings, demo_database) as (agent, token):
        before = deleted_files_still_open()
        refused = post_streamed(agent, token, silent_wav(3600))    # 28.8 MB, length undeclared
        assert refused.status_code == 413
        assert "trop volumineuse (limite : 2.0 Mo). Rien n'a été enregistré." in text_of(refused)
        assert deleted_files_still_open() == before
        forged = post_streamed(agent, "x" * 32, silent_wav(1))
        assert forged.status_code == 403 and "jeton CSRF" in text_of(forged)
    with demo_database.session() as session:
        assert session.execute(select(MeetingMinutes)).first() is None
    assert not stored_files(settings) and not transcriber.uploads


def priced(transcriber) -> dict:
    """The transcription model at 10 € per million transcript tokens."""
    return transcriber.backend(price_out_eur_per_mtok=10.0)


def exhaust_budget_of(database, login: str = "agent") -> None:
    """The referent IA set the agent's direction's monthly budget to zero."""
    with database.session() as session:
        user = session.execute(select(User).where(User.login == login)).scalar_one()
        session.merge(DirectionBudget(direction_id=user.direction.id, micro_eur_per_month=0))


def upload(client, seconds: float = 60.0):
    return client.post("/comptes-rendus", data={"csrf_token": csrf_of(client, "/comptes-rendus"),
                                                "titre": "Conseil du 4 mars"},
                       files={"enregistrement": ("r.wav", wav_of(seconds), "audio/wav")},
                       follow_redirects=False)


@pytest.fixture
def priced_client(tmp_path, demo_database, transcriber, drafter):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    settings = settings_with(tmp_path, [priced(transcriber), drafter.backend()],
                             minutes_max_audio_bytes=2 * MB)
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as client:
        client.settings = settings
        yield client


def test_a_direction_over_its_budget_cannot_transcribe_on_the_page_or_the_gateway(
        priced_client, demo_database, transcriber):
    exhaust_budget_of(demo_database)
    login_as(priced_client, Role.AGENT)
    refused = upload(priced_client)
    assert refused.status_code == 429
    assert "Budget mensuel atteint pour la direction" in text_of(refused)
    assert "référent IA" in text_of(refused)
    page = priced_client.post("/profil/jetons", data={"csrf_token": csrf_of(priced_client, "/profil"),
                                                      "nom": "script"})
    token = page.text.split('id="nouveau-jeton" class="token-value" value="')[1].split('"')[0]
    priced_client.cookies.clear()
    gateway = priced_client.post("/v1/audio/transcriptions", headers={
        "Authorization": f"Bearer {token}"}, files={"file": ("r.wav", wav_of(60.0), "audio/wav")})
    assert gateway.status_code == 429 and gateway.json()["error"]["code"] == "insufficient_quota"
    with demo_database.session() as session:
        assert session.execute(select(MeetingMinutes)).first() is None
    assert not transcriber.uploads and not stored_files(priced_client.settings)


def test_a_budget_spent_between_upload_and_transcription_stops_the_job_and_holds_nothing(
        priced_client, demo_database, transcriber):
    login_as(priced_client, Role.AGENT)
    queued = upload(priced_client)
    assert queued.status_code == 303
    exhaust_budget_of(demo_database)
    page = text_of(after_jobs(priced_client, queued, demo_database))
    assert "Budget mensuel atteint" in page
    assert not transcriber.uploads and not stored_files(priced_client.settings)
    with demo_database.session() as session:
        meeting = session.execute(select(MeetingMinutes)).scalar_one()
        assert meeting.status == "echec" and "Budget mensuel atteint" in meeting.note


def test_the_transcription_counts_on_the_agents_quota_like_a_model_call(
        priced_client, demo_database, transcriber):
    with demo_database.session() as session:        # the agent's own quota: 100 tokens a day
        agent = session.execute(select(User).where(User.login == "agent")).scalar_one()
        session.add(TokenQuota(user_id=agent.id, tokens_per_day=100))
    login_as(priced_client, Role.AGENT)
    refused = upload(priced_client, seconds=60.0)          # about 300 tokens of transcript
    assert refused.status_code == 429 and "Quota quotidien atteint" in text_of(refused)
    accepted = upload(priced_client, seconds=10.0)         # about 50: it fits
    after_jobs(priced_client, accepted, demo_database)
    with demo_database.session() as session:
        [used] = session.execute(select(UsageRecord).where(
            UsageRecord.model == "transcription")).scalars()
        assert used.completion_tokens > 0 and used.cost_eur > 0
    assert len(transcriber.uploads) == 1
