"""Gouvernance IA in Chromium: an agent proposes a use case, the referent IA starts its experiment."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import expect

from browser_support import axe_violations, sign_in, violations_by_page


def test_an_agent_proposes_and_the_referent_moves_it_to_experimentation(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/gouvernance")
    page.get_by_role("link", name="proposer un cas d'usage").click()
    page.get_by_label("Intitulé").fill("Fiches de poste de l'accueil")
    page.get_by_label("Besoin : quel problème voulez-vous résoudre ?").fill(
        "Rédiger les fiches de poste de l'accueil à partir du référentiel des métiers.")
    page.get_by_label("Gain attendu").fill("Une demi-journée par fiche")
    page.get_by_role("button", name="Envoyer la proposition").click()
    assert "le référent IA va l'instruire" in page.get_by_role("status").first.inner_text()
    assert "Rédaction de fiches de poste" in page.locator("#titre-dgafp + ul").inner_text()
    url = page.url

    page.context.clear_cookies()
    sign_in(page, live_server, "referent", "admiville-referent")
    page.goto(url)
    page.get_by_role("radio", name="En instruction").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.locator("#statut-actuel").inner_text() == "En instruction"

    page.get_by_role("radio", name="Expérimentation").check()
    page.get_by_label("Critères de réussite (obligatoires pour expérimenter)").fill(
        "Fiches validées par le service RH en moins d'une heure")
    page.get_by_label("Date de fin de l'expérimentation").fill(
        (date.today() + timedelta(days=60)).isoformat())
    page.get_by_label("Décision motivée").fill("Test sur trois fiches de l'accueil")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.locator("#statut-actuel").inner_text() == "Expérimentation"
    history = page.get_by_role("table", name="Chaque étape, qui l'a décidée et pourquoi").inner_text()
    assert "Test sur trois fiches de l'accueil" in history and "Sophie Garnier" in history
    assert axe_violations(page) == []


PAGES = {
    "agent": ["/gouvernance", "/gouvernance/cas-usage", "/gouvernance/cas-usage/nouveau",
              "/gouvernance/classification", "/gouvernance/charte", "/gouvernance/formation",
              "/gouvernance/registre", "/gouvernance/cas-usage/1"],
    "referent": ["/gouvernance/cas-usage/3", "/gouvernance/cas-usage/1/classification",
                 "/gouvernance/cas-usage/4/fiche", "/gouvernance/comite",
                 "/gouvernance/charte/modifier", "/gouvernance/charte/suivi", "/gouvernance/formation",
                 "/gouvernance/formation/1", "/gouvernance/ia-fantome",
                 "/gouvernance/ia-fantome/domaines", "/gouvernance/benefices",
                 "/gouvernance/cas-usage/1/evaluation"],
    "dpo": ["/gouvernance/personnes?q=Camille", "/gouvernance/personnes/donnees?compte=1",
            "/gouvernance/personnes/donnees?texte=Grondin", "/gouvernance/personnes/effacement?texte=Grondin"],
}


def test_governance_pages_have_no_serious_accessibility_violation(page, live_server):
    problems = {}
    problems.update(violations_by_page(page, live_server, PAGES))
    assert {k: v for k, v in problems.items() if v} == {}


def test_an_agent_says_in_one_click_how_much_time_an_answer_saved(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/questions-rh")
    page.get_by_label("Votre question").fill("Combien de jours de congés annuels ai-je ?")
    page.get_by_role("button", name="Poser la question").click()
    page.get_by_role("button", name="15 min").click()
    expect(page.locator(".benefit-status")).to_contain_text("15 min de temps gagné")
    expect(page.get_by_role("button", name="15 min")).to_have_attribute("aria-pressed", "true")
    assert page.url.endswith("/questions-rh/reponses/1"), "the agent stays on the answer"
    assert axe_violations(page) == []


def test_the_questionnaire_is_usable_with_the_keyboard(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/gouvernance/classification")
    page.get_by_label("Oui").first.focus()
    page.keyboard.press("Space")
    page.get_by_label("Il dialogue directement avec des personnes", exact=False).check()
    page.get_by_role("button", name="Qualifier le projet").press("Enter")
    assert "Obligations de transparence" in page.locator(".ai-act-result").inner_text()


def test_the_questionnaire_says_when_later_steps_no_longer_matter(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/gouvernance/classification")
    page.locator("#systeme_ia-oui").check()
    page.locator("#pratiques_interdites-notation_sociale").check()
    guide = page.locator(".guide")
    assert "Pratique interdite (article 5)" in guide.inner_text()
    assert "settled" in page.locator("#q-domaines_haut_risque").get_attribute("class")
    page.locator("#pratiques_interdites-notation_sociale").uncheck()
    assert guide.is_hidden()
    assert axe_violations(page) == []
