"""A slow form sends once: a double click, or Enter pressed while it works, makes no second
request; the pressed button says what is going on and a status region announces it; back on
the page from the history, the form can be sent again."""

from __future__ import annotations

from browser_support import axe_violations, sign_in

QUESTION = "Formation syndicale : combien de jours par an ?"
WAIT = "Recherche de la réponse… Merci de patienter : la page s'affichera d'elle-même."


def _question_form_with_a_server_that_never_answers(page, live_server) -> list:
    """The agent's question form, filled. Its POSTs are recorded in the returned list and
    answered « 204 No Content », so the page stays as the person sees it while a slow server
    works (a held request would leave Playwright waiting for the next page)."""
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/questions-rh")
    sent = []

    def record(route):
        if route.request.method != "POST":
            return route.continue_()
        sent.append(route.request.post_data)
        return route.fulfill(status=204)

    page.route("**/questions-rh", record)
    page.get_by_label("Votre question").fill(QUESTION)
    return sent


def test_a_double_click_sends_a_slow_form_once_and_the_wait_is_announced(page, live_server):
    sent = _question_form_with_a_server_that_never_answers(page, live_server)
    form = page.locator("form.hrdesk-ask")
    button = form.locator("button[type=submit]")

    button.dblclick()
    page.get_by_label("Situation à la date du (facultatif)").press("Enter")  # Enter sends too
    page.wait_for_timeout(300)

    assert len(sent) == 1
    assert button.is_disabled() and button.inner_text() == "Recherche de la réponse…"
    assert form.get_attribute("aria-busy") == "true"
    assert form.get_by_role("status").inner_text() == WAIT
    assert axe_violations(page) == []


def test_a_form_left_busy_in_the_back_forward_cache_is_usable_again(page, live_server):
    """Chromium may show the page exactly as it was left, busy: its pageshow frees the form."""
    _question_form_with_a_server_that_never_answers(page, live_server)
    form = page.locator("form.hrdesk-ask")
    form.locator("button[type=submit]").click()
    page.wait_for_timeout(300)
    assert form.locator("button[type=submit]").is_disabled()

    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")

    assert form.get_by_role("button", name="Poser la question").is_enabled()
    assert form.get_attribute("aria-busy") is None
    assert form.get_by_role("status").inner_text() == ""


def test_back_from_the_answer_the_question_form_can_be_sent_again(page, live_server):
    sign_in(page, live_server, "agent", "admiville-agent")
    page.goto(f"{live_server}/questions-rh")
    page.get_by_label("Votre question").fill(QUESTION)
    page.get_by_role("button", name="Poser la question").click()
    page.wait_for_url("**/questions-rh/reponses/**")
    assert "douze jours ouvrables par an" in page.get_by_role("region", name="Réponse", exact=True).inner_text()

    page.go_back()
    page.wait_for_url("**/questions-rh")
    form = page.locator("form.hrdesk-ask")
    assert form.get_by_role("button", name="Poser la question").is_enabled()
    assert form.get_by_role("status").inner_text() == ""
