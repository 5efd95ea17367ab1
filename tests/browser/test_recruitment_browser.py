"""A recruiter compares candidates in Chromium; the recruitment pages pass axe-core. On a
candidature's page the criteria and their quotes sit beside the CV on a desktop (stacked,
criteria first, on a phone), and « Candidature précédente / suivante » follow the table."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import SCREENS, axe_violations, open_as, page_problems, sign_in


def _open_demo_posting(page, live_server):
    page.goto(f"{live_server}/recrutement")
    page.get_by_role("link", name="Gestionnaire carrière et paie").click()
    page.wait_for_load_state("networkidle")


def test_recruiter_sees_the_comparison_table_and_a_candidate(page, live_server):
    # the first anonymous CV loads the privacy engine's language model (tens of seconds)
    page.set_default_timeout(120_000)
    sign_in(page, live_server, "recruteur", "admiville-recruteur")
    _open_demo_posting(page, live_server)
    table = page.get_by_role("table", name="8 candidatures — critères obligatoires")
    assert table.get_by_role("row").count() == 9
    assert "Groupe A" in table.inner_text() and "rempli" in table.inner_text()
    assert axe_violations(page) == []
    table.get_by_role("link", name="Candidature n° 1").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Critères obligatoires : ce que dit le CV").is_visible()
    assert page.locator("q.evidence").count() >= 1
    assert axe_violations(page) == []


def test_jury_and_dpo_pages_pass_axe(page, live_server):
    sign_in(page, live_server, "jury", "admiville-jury")
    _open_demo_posting(page, live_server)
    assert "Déposer des candidatures" not in page.content()
    assert axe_violations(page) == []
    page.goto(f"{live_server}/recrutement/offres/nouvelle")
    sign_in(page, live_server, "dpo", "admiville-dpo")
    _open_demo_posting(page, live_server)
    assert page.get_by_role("heading", name="5. Audit de biais").is_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server}/recrutement/tableau-de-bord")
    assert axe_violations(page) == []


def test_new_posting_form_passes_axe(page, live_server):
    sign_in(page, live_server, "rh", "admiville-rh")
    page.goto(f"{live_server}/recrutement/offres/nouvelle")
    assert page.get_by_label("Critères obligatoires (un par ligne)").is_visible()
    assert axe_violations(page) == []


def _table_order(page, live_server) -> list[str]:
    """The candidatures' addresses in the order of the demo posting's comparison table."""
    _open_demo_posting(page, live_server)
    table = page.get_by_role("table", name="8 candidatures — critères obligatoires")
    return [link.get_attribute("href") for link in table.get_by_role("rowheader").get_by_role("link").all()]


def _box(locator) -> dict:
    box = locator.bounding_box()
    return {**box, "right": box["x"] + box["width"], "bottom": box["y"] + box["height"]}


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_a_recruiter_reads_the_criteria_beside_the_cv_and_goes_on_with_the_keyboard(
        page, live_server, screen):
    page.set_default_timeout(120_000)     # the first anonymous CV loads the privacy engine
    open_as(page, live_server, "recruteur", "/recrutement", screen)
    order = _table_order(page, live_server)
    page.goto(f"{live_server}{order[1]}")

    criteria = _box(page.get_by_role("region", name="Critères obligatoires : ce que dit le CV"))
    cv = page.get_by_role("region", name="CV anonyme")
    if screen == "bureau":
        # side by side, level with each other; the CV scrolls in its own panel
        assert _box(cv)["x"] >= criteria["right"]
        assert abs(_box(cv)["y"] - criteria["y"]) < 120
        assert cv.evaluate("e => getComputedStyle(e).overflowY === 'auto' && e.scrollHeight > e.clientHeight")
        # a quote's link brings its CV line into view beside it, and gives it the focus
        link = page.get_by_role("link", name="Voir la ligne").first
        link.click()
        line = page.locator("mark.is-shown")
        expect(line).to_be_focused()
        expect(line).to_be_in_viewport()
        expect(link).to_be_in_viewport()
    else:
        # stacked, criteria first, and nothing wider than the phone (page_problems below)
        assert _box(cv)["y"] >= criteria["bottom"]
    assert page_problems(page) == {}

    nav = page.get_by_role("navigation", name="Candidatures de l'offre, dans l'ordre du tableau comparatif")
    expect(nav).to_contain_text("Candidature 2 sur 8")
    expect(nav.get_by_role("link", name="Candidature précédente")).to_have_attribute("href", order[0])
    page.goto(f"{live_server}{order[1]}")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Candidature suivante":
            break
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("href", order[2])
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") != "none"   # focus visible
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}{order[2]}")
    expect(nav).to_contain_text("Candidature 3 sur 8")


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_the_jury_s_candidate_page_passes_axe_on_every_screen(page, live_server, screen):
    page.set_default_timeout(120_000)
    open_as(page, live_server, "jury", "/recrutement", screen)
    order = _table_order(page, live_server)
    page.goto(f"{live_server}{order[-1]}")   # the last: no « Candidature suivante »
    nav = page.get_by_role("navigation", name="Candidatures de l'offre, dans l'ordre du tableau comparatif")
    expect(nav).to_contain_text("Candidature 8 sur 8")
    expect(nav.get_by_role("link")).to_have_count(1)
    assert page_problems(page) == {}
