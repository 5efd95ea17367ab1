"""A recruiter compares candidates in Chromium; the recruitment pages pass axe-core."""

from __future__ import annotations

from browser_support import axe_violations, sign_in


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
