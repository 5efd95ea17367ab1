"""Comptes rendus and the models' administration in Chromium: an agent's /comptes-rendus with
its upload form (and a refused file pointing at its field), an admin's /admin/modeles with the
declaration form (and a refused declaration). Every page passes axe-core and fits the screen,
on a desktop and at 375 px."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser_support import SCREENS, open_as, page_problems
from collectivia.settings import Settings


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    """A chat model and a transcription model, both on the loopback upstream."""
    backend = upstream.backend(params_b=8, timeout=10.0)
    backend["models"].append({"alias": "transcription", "model": "whisper",
                              "kind": "transcription"})
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    jobs_in_process=False, warm_up=False, llm_backends=json.dumps([backend]))


def drafted_meeting(database) -> int:
    """A meeting of the agent's whose compte rendu the model drafted (as the job leaves it)."""
    from datetime import timedelta

    from sqlalchemy import select

    from collectivia.core import clock
    from collectivia.core.models import User
    from collectivia.minutes.drafting import ActionItem, Minutes
    from collectivia.minutes.models import MeetingMinutes

    minutes = Minutes(resume="Séance ouverte à 18 h.", decisions=["Refaire la toiture du gymnase."],
                      actions=[ActionItem(qui="Services techniques", quoi="Demander trois devis",
                                          quand="15 janvier")])
    with database.session() as session:
        agent = session.execute(select(User).where(User.login == "agent")).scalar_one()
        meeting = MeetingMinutes(
            owner_id=agent.id, scope="compte-rendu-navigateur", title="Conseil d'école du 4 mars",
            audio_format="wav", audio_seconds=1800, status="redige", model="redaction",
            transcript="Bonjour à tous. Il est décidé de refaire la toiture du gymnase.",
            minutes_json=minutes.model_dump_json(), transcription_model="transcription",
            expires_at=clock.now() + timedelta(days=30))
        session.add(meeting)
        session.flush()
        return meeting.id


@pytest.mark.parametrize("size", SCREENS, ids=str)
def test_the_minutes_page_and_a_refused_recording_on_every_screen(page, live_server, size):
    open_as(page, live_server, "agent", "/comptes-rendus", size)
    expect(page.get_by_role("heading", level=1)).to_have_text("Comptes rendus de réunion")
    assert page_problems(page) == {}
    page.get_by_label("Titre de la réunion").fill("Conseil d'école du 4 mars")
    page.get_by_label("Enregistrement (MP3, M4A, WAV ou OGG").set_input_files(files=[{
        "name": "reunion.mp3", "mimeType": "audio/mpeg", "buffer": b"%PDF-1.7 pas un son"}])
    page.get_by_role("button", name="Déposer et transcrire").click()
    page.wait_for_load_state("networkidle")
    recording = page.get_by_label("Enregistrement (MP3, M4A, WAV ou OGG")
    expect(recording).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#erreur-enregistrement")).to_contain_text("n'est pas un enregistrement")
    assert page_problems(page) == {}


@pytest.mark.parametrize("size", SCREENS, ids=str)
def test_a_drafted_compte_rendu_reads_and_edits_on_every_screen(
        page, live_server, demo_database, size):
    meeting_id = drafted_meeting(demo_database)
    open_as(page, live_server, "agent", "/comptes-rendus", size)
    page.get_by_role("link", name="Conseil d'école du 4 mars").click()
    assert page.url.endswith(f"/comptes-rendus/{meeting_id}")
    expect(page.get_by_text("Refaire la toiture du gymnase.").first).to_be_visible()
    assert page_problems(page) == {}


@pytest.mark.parametrize("size", SCREENS, ids=str)
def test_the_models_administration_and_a_refused_declaration_on_every_screen(
        page, live_server, upstream, size):
    open_as(page, live_server, "admin", "/admin/modeles", size)
    assert page_problems(page) == {}
    page.get_by_label("Nom du moteur").fill("albert")
    first_model = page.get_by_role("group", name="Modèle 1", exact=False).first
    first_model.get_by_label("Alias (nom vu par les agents)").fill("vecteurs")
    first_model.get_by_label("Usage du modèle").select_option("embedding")
    page.get_by_role("button", name="Ajouter le moteur").click()      # no address: refused
    page.wait_for_load_state("networkidle")
    address = page.get_by_label("Adresse du serveur (base_url)")
    expect(address).to_have_attribute("aria-invalid", "true")
    assert page_problems(page) == {}
    address.fill(upstream.base_url)
    page.get_by_role("button", name="Ajouter le moteur").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("button", name="Vérifier le moteur albert")).to_be_visible()
    assert page_problems(page) == {}
