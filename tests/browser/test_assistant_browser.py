"""An agent drafts with the assistant in Chromium: streamed answer, AI label, copy button,
the same without JavaScript; the assistant's pages pass axe-core."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser_support import axe_violations, sign_in, violations_by_page
from collectivia.settings import Settings

LABEL = "Rédigé avec l'aide de l'IA — modèle redaction — à relire"


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([upstream.backend(params_b=8)]))


def test_an_agent_gets_a_streamed_labelled_answer_and_copies_it(page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    assert axe_violations(page) == []
    page.get_by_label("Tâche").select_option(label="Rédiger un courrier")
    page.get_by_label("Votre demande").fill("Invite Mme Sophie LEMAIRE-ROUSSEL à la réunion "
                                            "de rentrée des agents d'accueil de la mairie.")
    page.get_by_role("button", name="Envoyer").click()
    label = page.locator(".message-ai .ai-label")
    label.wait_for()
    assert label.inner_text() == LABEL
    answer = page.locator(".message-ai .message-text").inner_text()
    assert answer.startswith("Réponse : Invite Mme Sophie LEMAIRE-ROUSSEL à la réunion")
    assert "LEMAIRE" not in upstream.sent_text()
    assert "/assistant/conversations/" in page.url
    copy = page.get_by_role("button", name="Copier le texte avec sa mention IA")
    copy.click()
    # the label changes once the clipboard promise resolves: wait for it, don't sample it
    expect(page.get_by_role("button", name="Copié (avec la mention IA)")).to_be_visible()
    assert axe_violations(page) == []
    page.reload()
    assert page.locator(".message-ai .ai-label").inner_text() == LABEL


def test_the_assistant_works_without_javascript(browser, live_server, upstream):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server, "rh", "admiville-rh")
        page.goto(f"{live_server}/assistant")
        page.get_by_label("Votre demande").fill("Reformule : les congés se posent avant mai.")
        page.get_by_role("button", name="Envoyer").click()
        page.wait_for_load_state("networkidle")
        assert "Réponse : Reformule : les congés se posent avant mai." in page.locator(
            ".message-ai").inner_text()
        assert page.locator(".message-ai .ai-label").inner_text() == LABEL
    finally:
        context.close()


PAGES = {
    "agent": ["/profil"],
    "rh": ["/assistant/consignes"],
    "referent": ["/assistant/usage"],
    "admin": ["/assistant/administration"],
}


def test_the_assistant_pages_have_no_serious_accessibility_violation(page, live_server):
    problems = {}
    problems.update(violations_by_page(page, live_server, PAGES))
    assert {k: v for k, v in problems.items() if v} == {}
