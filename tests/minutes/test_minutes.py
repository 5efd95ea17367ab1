"""Comptes rendus from a recording: upload, transcription job, pseudonymised drafting,
edits, Word export, refusals, retention, and the gateway's transcription endpoint."""

from __future__ import annotations

import pytest

import io
import json
from datetime import timedelta

import docx
from sqlalchemy import select

from collectivia.core import clock
from collectivia.core.files import FileStore
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.minutes.models import MeetingMinutes
from collectivia.privacy.models import VaultEntry
from fakes import settings_with, wav_of
from support import after_jobs, api_token, csrf_of, text_of

MARIE, PHONE = "Marie Lefèvre", "06 12 34 56 78"


def upload(client, data: bytes, name: str = "reunion.wav", title: str = "Conseil du 4 mars"):
    return client.post("/comptes-rendus", data={"csrf_token": csrf_of(client, "/comptes-rendus"),
                                                "titre": title},
                       files={"enregistrement": (name, data, "audio/wav")}, follow_redirects=False)


def stored_files(settings) -> list:
    root = FileStore(settings).root
    return [p for p in root.rglob("*") if p.is_file() and ".pending" not in p.parts] if root.exists() else []


def test_a_recording_becomes_minutes_without_personal_data_reaching_the_chat_model(
        client, login, demo_database, settings, transcriber, drafter):
    login(client, Role.AGENT)
    queued = upload(client, wav_of(2.0))
    assert queued.status_code == 303
    page = text_of(after_jobs(client, queued, demo_database))
    assert "Compte rendu rédigé" in page
    assert transcriber.uploads[0]["model"] == "ecoute-model"
    assert transcriber.uploads[0]["bytes"] == len(wav_of(2.0))
    sent = drafter.sent_text()
    assert "Personne 1" in sent and MARIE not in sent and PHONE not in sent
    with demo_database.session() as session:
        meeting = session.execute(select(MeetingMinutes)).scalar_one()
        assert MARIE not in meeting.transcript and MARIE not in meeting.minutes_json
    shown = text_of(client.get(f"/comptes-rendus/{meeting.id}"))
    assert f"Séance ouverte par {MARIE}." in shown and PHONE in shown
    assert "Refaire la toiture du gymnase." in shown
    assert not stored_files(settings), "the audio must be deleted once transcribed"


def test_the_agent_edits_the_minutes_and_exports_them_to_word_with_the_ai_mention(
        client, login, demo_database):
    login(client, Role.AGENT)
    after_jobs(client, upload(client, wav_of(1.0)), demo_database)
    with demo_database.session() as session:
        meeting_id = session.execute(select(MeetingMinutes.id)).scalar_one()
    saved = client.post(f"/comptes-rendus/{meeting_id}", data={
        "csrf_token": csrf_of(client, f"/comptes-rendus/{meeting_id}"), "lignes": "2",
        "resume": f"Séance présidée par {MARIE}.", "decisions": "Refaire la toiture.\nVoter le budget.",
        "qui_0": MARIE, "quoi_0": "Appeler l'entreprise", "quand_0": "15 janvier"},
        follow_redirects=False)
    assert saved.status_code == 303
    with demo_database.session() as session:
        assert MARIE not in session.get(MeetingMinutes, meeting_id).minutes_json
    exported = client.get(f"/comptes-rendus/{meeting_id}/export.docx")
    assert exported.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs)
    assert "Voter le budget." in text and "Refaire la toiture." in text
    assert "avec l'aide de l'intelligence artificielle" in text
    assert "modifié par l'agent" in text


def test_hostile_oversized_or_non_audio_files_are_refused_in_french_and_nothing_is_stored(
        client, login, demo_database, settings, transcriber):
    login(client, Role.AGENT)
    cases = {
        "faux.mp3": b"%PDF-1.7\n" + b"0" * 2000,                                  # renamed PDF
        "tronque.wav": b"RIFF\x00\x00\x00\x00WAVEfmt ",                          # cut header
        "boucle.m4a": b"\x00\x00\x00\x00ftypM4A " + b"\x00\x00\x00\x04moov" * 4,  # bad box sizes
        "vide.ogg": b"",
    }
    for name, data in cases.items():
        refused = upload(client, data, name)
        assert refused.status_code == 422, name
        assert "Rien n'a été enregistré" in text_of(refused) or "vide" in text_of(refused), name
        assert 'aria-invalid="true"' in refused.text
    too_long = upload(client, wav_of(4 * 3600, rate=1) + b"")  # header says four hours
    assert "plus que la durée admise" in text_of(too_long)
    too_big = upload(client, wav_of(300.0))                     # 2.4 MB > 2 MB
    assert too_big.status_code == 413 and "trop volumineuse" in too_big.text
    with demo_database.session() as session:
        assert session.execute(select(MeetingMinutes)).first() is None
    assert not stored_files(settings) and not transcriber.uploads


def test_without_a_transcription_model_the_page_says_so_and_disables_the_form(
        tmp_path, demo_database, drafter, login):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    app = create_app(settings_with(tmp_path, [drafter.backend()]), demo_database)
    with TestClient(app, base_url="http://testserver") as client:
        login(client, Role.AGENT)
        page = text_of(client.get("/comptes-rendus"))
        assert "Aucun modèle de transcription n'est disponible" in page
        assert "<fieldset disabled" in page
        refused = upload(client, wav_of(1.0))
        assert refused.status_code == 503 and "Aucun modèle de transcription" in text_of(refused)


def test_without_a_chat_model_the_transcript_alone_is_shown_and_exported(
        tmp_path, demo_database, transcriber, login):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    app = create_app(settings_with(tmp_path, [transcriber.backend()]), demo_database)
    with TestClient(app, base_url="http://testserver") as client:
        login(client, Role.AGENT)
        page = text_of(after_jobs(client, upload(client, wav_of(1.0)), demo_database))
        assert "Aucun modèle de rédaction n'est disponible" in page
        with demo_database.session() as session:
            meeting_id = session.execute(select(MeetingMinutes.id)).scalar_one()
        shown = text_of(client.get(f"/comptes-rendus/{meeting_id}"))
        assert MARIE in shown and "Aucun modèle de rédaction" in shown
        exported = client.get(f"/comptes-rendus/{meeting_id}/export.docx")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(exported.content)).paragraphs)
        assert PHONE in text and "intelligence artificielle" in text


def test_a_failed_transcription_deletes_the_audio_too(client, login, demo_database, settings,
                                                      transcriber):
    transcriber.mode = "error"
    login(client, Role.AGENT)
    page = text_of(after_jobs(client, upload(client, wav_of(1.0)), demo_database))
    assert "ne répond pas" in page
    assert not stored_files(settings)


def test_transcripts_and_minutes_are_purged_after_the_retention_period(
        client, login, demo_database, settings):
    from collectivia.minutes.service import purge_expired

    login(client, Role.AGENT)
    after_jobs(client, upload(client, wav_of(1.0)), demo_database)
    with demo_database.session() as session:
        scope = session.execute(select(MeetingMinutes.scope)).scalar_one()
        assert session.execute(select(VaultEntry).where(VaultEntry.scope == scope)).first()
        assert purge_expired(session, settings) == 0
    clock.travel(timedelta(days=31).total_seconds())
    with demo_database.session() as session:
        assert purge_expired(session, settings) == 1
    with demo_database.session() as session:
        assert session.execute(select(MeetingMinutes)).first() is None
        assert session.execute(select(VaultEntry).where(VaultEntry.scope == scope)).first() is None


def test_another_agent_cannot_open_someone_elses_minutes(client, login, demo_database):
    login(client, Role.AGENT)
    after_jobs(client, upload(client, wav_of(1.0)), demo_database)
    with demo_database.session() as session:
        meeting_id = session.execute(select(MeetingMinutes.id)).scalar_one()
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/comptes-rendus")})
    login(client, Role.DPO)
    assert client.get(f"/comptes-rendus/{meeting_id}").status_code == 404


def test_the_gateway_transcribes_for_a_token_holder_only_and_audits_the_call(
        client, login, demo_database, transcriber):
    audio = {"file": ("r.wav", wav_of(1.0), "audio/wav")}
    anonymous = client.post("/v1/audio/transcriptions", files=audio)
    assert anonymous.status_code in (401, 403)
    refused = client.post("/v1/audio/transcriptions", files=audio, data={"model": "transcription"},
                          headers={"Authorization": "Bearer cia-faux"})
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_api_key" and not transcriber.uploads
    token = api_token(client, Role.AGENT)
    answered = client.post("/v1/audio/transcriptions", files=audio, data={"model": "transcription"},
                           headers={"Authorization": f"Bearer {token}"})
    assert answered.status_code == 200 and answered.json() == {"text": transcriber.text}
    assert transcriber.uploads[0]["authorization"] == "Bearer sk-test"
    with demo_database.session() as session:
        events = list(session.execute(select(AuditEvent).where(
            AuditEvent.action == "assistant.transcription")).scalars())
    assert len(events) == 1 and json.loads(events[0].details)["modele"] == "transcription"
    not_audio = client.post("/v1/audio/transcriptions", files={"file": ("x.mp3", b"hello", "audio/mpeg")},
                            headers={"Authorization": f"Bearer {token}"})
    assert not_audio.status_code == 400 and "enregistrement audio" in not_audio.json()["error"]["message"]
    from collectivia.llm.models import UsageRecord

    with demo_database.session() as session:
        assert session.execute(select(UsageRecord).where(UsageRecord.model == "transcription")).first()


@pytest.mark.parametrize("data", [b"\xff\xfb\x90\x00Xing", b"\xff\xfb\x90\x00Info\x00",
                                  b"RIFF\xff\xff\xff\x7fWAVEfmt \x10\x00\x00\x00"])
def test_a_header_announcing_more_than_the_file_holds_never_raises_anything_but_a_french_refusal(
        data):
    from collectivia.core.errors import InvalidInput
    from collectivia.minutes.audio import inspect

    try:
        inspect(data, max_bytes=10**8, max_seconds=3 * 3600)
    except InvalidInput as refusal:
        assert "enregistr" in refusal.message.lower()
