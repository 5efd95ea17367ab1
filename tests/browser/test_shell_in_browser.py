"""Each demo role signs in through Chromium and sees its own navigation; pages pass axe-core."""

from __future__ import annotations

import pytest

from collectivia.core.demo import DEMO_ACCOUNTS
from collectivia.web.modules import modules_for
from browser_support import axe_violations, sign_in, violations_by_page


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.login)
def test_each_role_sees_its_name_role_and_modules(page, live_server, account):
    sign_in(page, live_server, account.login, account.password)
    header = page.locator("header").inner_text()
    assert account.full_name in header
    assert account.role.label in header
    nav = page.get_by_role("navigation", name="Navigation principale")
    visible = set(nav.get_by_role("link").all_inner_texts())
    expected = {m.label for m in modules_for(account.role)}
    assert expected <= visible
    assert ("Utilisateurs" in visible) == (account.login == "admin")
    assert ("Journal d'audit" in visible) == (account.login in ("admin", "dpo"))
    assert ("Confidentialité" in visible) == (account.login in ("admin", "dpo", "referent"))
    # the AI notice is shown only on pages that show AI output, never on the home page
    assert page.get_by_role("complementary", name="Avertissement sur l'IA").count() == 0


def test_a_wrong_password_is_announced(page, live_server):
    sign_in(page, live_server, "agent", "pas le bon mot de passe")
    assert page.get_by_role("alert").inner_text() == "Identifiant ou mot de passe incorrect."


def test_the_login_form_works_with_the_keyboard_alone(page, live_server):
    page.goto(f"{live_server}/connexion")
    for _ in range(6):  # skip link, brand link, then the form
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "identifiant":
            break
    assert page.evaluate("document.activeElement.id") == "identifiant"
    page.keyboard.type("dpo")
    page.keyboard.press("Tab")
    page.keyboard.type("admiville-dpo")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert "Marc Lefèvre" in page.locator("header").inner_text()


PAGES_BY_ACCOUNT = {
    "admin": ["/", "/admin/utilisateurs", "/admin/journal", "/admin/journal/verification"],
    "agent": ["/", "/assistant", "/questions-rh", "/gouvernance"],
    "rh": ["/cartographie", "/recrutement"],
}


def test_existing_pages_have_no_serious_accessibility_violation(page, live_server):
    page.goto(f"{live_server}/connexion")
    problems = {"/connexion": axe_violations(page)}
    problems.update(violations_by_page(page, live_server, PAGES_BY_ACCOUNT))
    assert {k: v for k, v in problems.items() if v} == {}
