"""An agent drafts with the assistant in Chromium: streamed answer, AI label, copy button,
the same without JavaScript; Markdown shown formatted and any HTML in it inert; Enter sends;
stop, regenerate, edit and resend, rename, search; the assistant's pages pass axe-core,
on a desktop screen and at 375 px."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser_support import axe_violations, sign_in, violations_by_page
from collectivia.settings import Settings

LABEL = "Rédigé avec l'aide de l'IA — modèle redaction — à relire"


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    # as in tests/conftest.py: no job worker in the app's lifespan, no model warm-up
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    jobs_in_process=False, warm_up=False,
                    llm_backends=json.dumps([upstream.backend(params_b=8, timeout=10.0)]))


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
        # regenerate, edit and resend: plain forms, the server answers with the whole page
        page.get_by_role("button", name="Régénérer la réponse").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator(".message-ai")).to_have_count(1)
        page.get_by_text("Modifier cette demande").click()
        page.get_by_label("Demande modifiée").fill("Reformule en **gras** : congés avant mai.")
        page.get_by_role("button", name="Renvoyer la demande modifiée").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator(".message-ai .markdown strong")).to_have_text("gras")
        expect(page.locator(".message-user")).to_have_count(1)
        assert len(upstream.requests) == 3
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


MARKDOWN_QUESTION = ("Plan de la note.\n\n## Horaires d'été\n\n- **lundi** : 8 h\n- mardi\n\n"
                     "| Jour | Ouverture |\n|---|---|\n| lundi | 8 h |\n\n"
                     "<script>window.pirate = 'script'</script>\n\n"
                     "<img src=x onerror=\"window.pirate = 'image'\">")


def ask_in_page(page, text: str) -> None:
    """Type the question and press Enter, as agents do in every chat tool."""
    box = page.get_by_label("Votre demande")
    box.fill(text)
    box.press("Enter")
    expect(page.locator("#etat")).to_have_text(
        "Réponse terminée. Relisez-la avant de l'utiliser.", timeout=20_000)


def test_enter_sends_shift_enter_breaks_the_line_and_the_list_updates_live(
        page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    expect(page.get_by_text("Touche Entrée : envoyer ; Maj + Entrée : aller à la ligne.")
           ).to_be_visible()
    box = page.get_by_label("Votre demande")
    box.type("Horaires de l'accueil")
    box.press("Shift+Enter")
    box.type("pendant l'été")
    assert box.input_value() == "Horaires de l'accueil\npendant l'été"   # not sent yet
    assert upstream.requests == []
    box.press("Enter")
    expect(page.locator("#etat")).to_have_text(
        "Réponse terminée. Relisez-la avant de l'utiliser.", timeout=20_000)
    assert upstream.requests[0]["messages"][-1]["content"] == "Horaires de l'accueil\npendant l'été"
    conversations = page.get_by_role("navigation", name="Mes conversations")
    expect(conversations.get_by_role("link", name="Horaires de l'accueil")).to_have_attribute(
        "aria-current", "page")                       # listed at once, no reload
    expect(box).to_have_value("")
    expect(box).to_be_focused()


def test_a_markdown_answer_is_formatted_and_html_in_it_never_runs(page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    ask_in_page(page, MARKDOWN_QUESTION)
    answer = page.locator(".message-ai .markdown")
    expect(answer.get_by_role("heading", name="Horaires d'été")).to_be_visible()
    expect(answer.locator("li strong")).to_have_text("lundi")
    expect(answer.get_by_role("columnheader", name="Ouverture")).to_be_visible()
    expect(answer).to_contain_text("<script>window.pirate = 'script'</script>")  # shown as text
    assert answer.locator("script, img").count() == 0
    assert page.evaluate("window.pirate") is None
    page.reload()                                     # the no-JS rendering is the same
    expect(page.locator(".message-ai .markdown h4")).to_have_text("Horaires d'été")
    assert page.evaluate("window.pirate") is None


def test_the_attached_file_shows_as_a_chip_that_can_be_removed(page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    page.get_by_label("Pièce jointe (facultatif)").set_input_files(
        files=[{"name": "note-horaires.txt", "mimeType": "text/plain",
                "buffer": "Horaires d'été de l'accueil.".encode()}])
    expect(page.locator("#piece-choisie .chip")).to_have_text("Pièce jointe : note-horaires.txt")
    page.get_by_role("button", name="Retirer la pièce jointe note-horaires.txt").click()
    expect(page.locator("#piece-choisie")).to_be_hidden()
    page.get_by_label("Pièce jointe (facultatif)").set_input_files(
        files=[{"name": "note-horaires.txt", "mimeType": "text/plain",
                "buffer": "Horaires d'été de l'accueil.".encode()}])
    ask_in_page(page, "Résume la pièce jointe.")
    expect(page.locator(".message-user .chip")).to_have_text("Pièce jointe : note-horaires.txt")
    expect(page.locator("#piece-choisie")).to_be_hidden()


def test_regenerate_then_edit_and_resend_replace_the_answer_in_place(
        page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    ask_in_page(page, "Annonce pour la fête de la musique.")
    page.get_by_role("button", name="Régénérer la réponse").click()
    expect(page.locator("#etat")).to_have_text(
        "Réponse terminée. Relisez-la avant de l'utiliser.", timeout=20_000)
    expect(page.locator(".message-ai")).to_have_count(1)
    assert len(upstream.requests) == 2
    assert upstream.requests[1]["messages"] == upstream.requests[0]["messages"]
    page.get_by_text("Modifier cette demande").click()
    edited = page.get_by_label("Demande modifiée")
    edited.fill("Annonce pour la fête du sport.")
    page.get_by_role("button", name="Renvoyer la demande modifiée").click()
    expect(page.locator(".message-ai .markdown")).to_have_text(
        "Réponse : Annonce pour la fête du sport.")
    expect(page.locator(".message-user")).to_have_count(1)
    page.reload()
    expect(page.locator(".message-user .message-text")).to_have_text(
        "Annonce pour la fête du sport.")


def test_the_stop_button_ends_a_slow_answer_and_nothing_is_stored(page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    upstream.mode = "hang"
    page.get_by_label("Votre demande").fill("Une très longue note, s'il te plaît.")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("button", name="Arrêter la réponse").click()
    expect(page.locator("#etat")).to_have_text("Réponse arrêtée.")
    expect(page.get_by_text("Réponse arrêtée à votre demande")).to_be_visible()
    expect(page.get_by_role("button", name="Envoyer")).to_be_enabled()
    expect(page.get_by_role("button", name="Arrêter la réponse")).to_be_hidden()
    upstream.mode = "ok"
    page.goto(f"{live_server}/assistant")
    expect(page.get_by_text("Aucune conversation pour l'instant.")).to_be_visible()


def test_an_agent_renames_then_finds_a_conversation(page, live_server, upstream):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    ask_in_page(page, "Annonce pour la fête de la musique.")
    page.get_by_text("Renommer la conversation").click()     # there as soon as it is answered
    page.get_by_label("Nouveau titre").fill("Fête de la musique 2026")
    page.get_by_role("button", name="Enregistrer le titre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fête de la musique 2026")
    page.goto(f"{live_server}/assistant")
    ask_in_page(page, "Note sur les badges d'accès.")
    search = page.get_by_label("Rechercher dans mes conversations")
    search.fill("musique")
    search.press("Enter")
    results = page.get_by_role("list", name="Résultats pour « musique » : 1")
    expect(results.get_by_role("link")).to_have_text(["Fête de la musique 2026"])


@pytest.mark.parametrize("width", [1280, 375])
def test_a_conversation_with_every_control_passes_axe(page, live_server, upstream, width):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/assistant")
    page.get_by_label("Pièce jointe (facultatif)").set_input_files(
        files=[{"name": "note.txt", "mimeType": "text/plain", "buffer": b"Horaires."}])
    ask_in_page(page, MARKDOWN_QUESTION)
    page.get_by_label("Pièce jointe (facultatif)").set_input_files(
        files=[{"name": "autre.txt", "mimeType": "text/plain", "buffer": b"Horaires."}])
    page.get_by_text("Modifier cette demande").click()
    page.get_by_text("Renommer la conversation").click()
    assert axe_violations(page) == []
    page.goto(f"{live_server}/assistant?q=Plan")
    assert axe_violations(page) == []
    page.goto(f"{live_server}/profil")
    assert axe_violations(page) == []
