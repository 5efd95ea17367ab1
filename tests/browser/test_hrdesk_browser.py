"""An agent asks a question in Chromium, sees the cited article and opens it; pages pass axe-core."""

from __future__ import annotations

from browser_support import axe_violations, sign_in


def test_an_agent_asks_and_sees_the_cited_article(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/questions-rh")
    page.get_by_label("Votre question").fill("Formation syndicale : combien de jours par an ?")
    page.get_by_role("button", name="Poser la question").click()
    page.wait_for_load_state("networkidle")
    answer = page.get_by_role("region", name="Réponse", exact=True)
    text = answer.inner_text()
    assert "douze jours ouvrables par an" in text and "[L215-1, version en vigueur au 15/01/2024]" in text
    problems = {"réponse": axe_violations(page)}
    page.get_by_role("link", name="Lire l'article L215-1 en entier").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Article L215-1"
    problems["article"] = axe_violations(page)
    page.goto(f"{live_server}/questions-rh")
    problems["accueil"] = axe_violations(page)
    assert {k: v for k, v in problems.items() if v} == {}


def test_an_unanswerable_question_offers_the_hand_over(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/questions-rh")
    page.get_by_label("Votre question").fill("Combien coûte un abonnement de bus ?")
    page.get_by_role("button", name="Poser la question").click()
    page.wait_for_load_state("networkidle")
    assert "Les textes ne répondent pas à votre question" in page.locator("main").inner_text()
    page.get_by_role("button", name="Transmettre au service RH").click()
    page.wait_for_load_state("networkidle")
    assert "transmise au service RH" in page.get_by_role("status").inner_text()


def test_hr_pages_have_no_serious_accessibility_violation(page, live_server):
    sign_in(page, live_server, "rh", "admiville-rh")
    problems = {}
    for path in ("/questions-rh", "/questions-rh/faq", "/questions-rh/demandes",
                 "/questions-rh/documents", "/questions-rh/vocabulaire",
                 "/questions-rh/tableau-de-bord"):
        page.goto(f"{live_server}{path}")
        problems[path] = axe_violations(page)
    assert {k: v for k, v in problems.items() if v} == {}


def test_related_texts_are_offered_under_the_abstention_never_as_the_answer(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/questions-rh")
    page.get_by_label("Votre question").fill(
        "Est-ce que la mairie doit me donner un ordinateur pour le télétravail ?")
    page.get_by_role("button", name="Poser la question").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=2, name="Les textes ne répondent pas à votre question").count() == 1
    related = page.get_by_role("region", name="Textes proches, qui ne répondent pas à votre question")
    assert "Lire l'article L430-1 en entier" in related.inner_text()
    assert page.get_by_role("region", name="Articles cités").count() == 0
    assert not axe_violations(page)
