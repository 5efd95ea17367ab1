"""Every role's main pages fit a phone (375 px) and a laptop (1,366 px): nothing makes the page
wider than the screen (wide tables scroll inside their own box), the header and navigation leave
room for the content on a phone, axe-core finds no serious violation, and the favicon answers."""

from __future__ import annotations

import re

import pytest

from collectivia.core.demo import DEMO_ACCOUNTS
from browser_support import axe_violations, overflowing, sign_in

PHONE = {"width": 375, "height": 667}
LAPTOP = {"width": 1366, "height": 768}

# a handful of pages per role: its home and the pages it works in most, widest tables included
MAIN_PAGES = {
    "agent": ["/", "/assistant", "/questions-rh", "/gouvernance", "/profil"],
    "rh": ["/", "/questions-rh/tableau-de-bord", "/cartographie", "/cartographie/metiers",
           "/recrutement/tableau-de-bord"],
    "recruteur": ["/", "/recrutement", "FIRST_POSTING", "FIRST_POSTING_PIPELINE", "FIRST_CANDIDATE"],
    "jury": ["/", "/recrutement", "FIRST_CANDIDATE"],
    "dpo": ["/", "/admin/journal", "/confidentialite"],
    "referent": ["/", "/gouvernance/comite", "/gouvernance/cas-usage", "/cartographie"],
    "representant": ["/", "/cartographie"],
    # not /admin/taches: listing the queue registers it, and the fixture's teardown would then
    # drain it with asyncio.run() inside Playwright's running loop
    "admin": ["/", "/admin/utilisateurs", "/admin/journal", "/assistant/administration"],
}
PASSWORDS = {a.login: a.password for a in DEMO_ACCOUNTS}


def _resolve(page, base_url: str, path: str) -> str:
    """Demo ids are not fixed: the first posting, or the first candidate of a posting that has one."""
    if path not in ("FIRST_POSTING", "FIRST_POSTING_PIPELINE", "FIRST_CANDIDATE"):
        return path
    page.goto(f"{base_url}/recrutement")
    links = [a.get_attribute("href") for a in page.locator("a[href^='/recrutement/offres/']").all()]
    postings = [href for href in links if re.fullmatch(r"/recrutement/offres/\d+", href)]
    if path == "FIRST_POSTING":
        return postings[0]
    if path == "FIRST_POSTING_PIPELINE":
        return postings[0] + "/suivi"
    for posting in postings:
        page.goto(f"{base_url}{posting}")
        candidates = page.locator("a[href^='/recrutement/candidatures/']")
        if candidates.count():
            return candidates.first.get_attribute("href")
    raise AssertionError("the demo has no candidate")


@pytest.mark.parametrize("login", MAIN_PAGES, ids=str)
def test_main_pages_fit_the_screen_and_pass_axe_on_phone_and_laptop(browser, live_server, login):
    context = browser.new_context(locale="fr-FR", bypass_csp=True, viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server, login, PASSWORDS[login])
        problems = {}
        for path in [_resolve(page, live_server, p) for p in MAIN_PAGES[login]]:
            for name, size in (("375", PHONE), ("1366", LAPTOP)):
                page.set_viewport_size(size)
                response = page.goto(f"{live_server}{path}")
                assert response.status == 200, f"{login} {path}"
                found = {"overflow": overflowing(page), "axe": axe_violations(page)}
                if size is PHONE:
                    # header, navigation and AI notice leave most of the first screen to the page
                    top = page.evaluate("document.getElementById('contenu').getBoundingClientRect().top")
                    found["content starts at"] = top if top > PHONE["height"] / 2 else None
                problems.update({f"{login} {path} @{name} {k}": v for k, v in found.items() if v})
        assert problems == {}
    finally:
        context.close()


def test_the_menu_button_opens_the_navigation_with_the_keyboard(browser, live_server):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server, "rh", PASSWORDS["rh"])
        menu = page.get_by_role("button", name="Menu")
        nav = page.locator("#navigation-principale")  # folded: out of the accessibility tree
        assert menu.get_attribute("aria-controls") == nav.get_attribute("id")
        assert menu.get_attribute("aria-expanded") == "false" and not nav.is_visible()
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('menu-toggle')"):
                break
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        assert nav.get_by_role("link", name="Cartographie des métiers").is_visible()
        page.keyboard.press("Tab")  # the navigation follows the button in the tab order
        assert page.evaluate("document.activeElement.textContent") == "Accueil"
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false" and not nav.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
        # on a laptop the navigation is always shown and the button is not
        page.set_viewport_size(LAPTOP)
        assert nav.is_visible() and not menu.is_visible()
    finally:
        context.close()


def test_without_javascript_the_navigation_stays_reachable_on_a_phone(browser, live_server):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server, "admin", PASSWORDS["admin"])
        nav = page.get_by_role("navigation", name="Navigation principale")
        assert nav.get_by_role("link", name="Utilisateurs").count() == 1
        assert nav.is_visible() and not page.locator(".menu-toggle").is_visible()
        assert overflowing(page) is None
    finally:
        context.close()


def test_the_favicon_answers_at_both_addresses(page, live_server):
    for path in ("/favicon.ico", "/static/favicon.svg"):
        response = page.request.get(f"{live_server}{path}")
        assert response.status == 200, path
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text().startswith("<svg")
    page.goto(f"{live_server}/connexion")
    assert page.locator("link[rel=icon]").get_attribute("href") == "/static/favicon.svg"


def test_a_printed_page_keeps_the_content_and_writes_out_link_addresses(browser, live_server):
    context = browser.new_context(locale="fr-FR", viewport=LAPTOP)
    page = context.new_page()
    try:
        sign_in(page, live_server, "rh", PASSWORDS["rh"])
        page.goto(f"{live_server}/recrutement/tableau-de-bord")
        page.emulate_media(media="print")
        assert not page.locator("#navigation-principale").is_visible()
        assert page.locator("main h1").is_visible()
        link = page.locator("main a[href^='/']").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
            "rgba(0, 0, 0, 0)", "transparent")
    finally:
        context.close()
