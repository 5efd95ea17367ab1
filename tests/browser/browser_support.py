"""Browser helpers: signing in through the form, running axe-core."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def sign_in(page, base_url: str, login: str, password: str) -> None:
    page.goto(f"{base_url}/connexion")
    page.get_by_label("Identifiant").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core in the page; return the violations of the given impacts."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]


def violations_by_page(page, base_url: str, pages_by_login: dict[str, list[str]]
                       ) -> dict[str, list[dict]]:
    """Sign in as each demo login and run axe-core on its pages: {"login /path": violations}."""
    problems = {}
    for login, paths in pages_by_login.items():
        page.context.clear_cookies()
        sign_in(page, base_url, login, f"admiville-{login}")
        for path in paths:
            page.goto(f"{base_url}{path}")
            problems[f"{login} {path}"] = axe_violations(page)
    return problems


def overflowing(page) -> dict | None:
    """The page's width and the elements that stick out (outside any scrolling box) when the
    page is wider than the window, else None."""
    return page.evaluate("""() => {
        const width = window.innerWidth;
        if (document.documentElement.scrollWidth <= width) return null;
        const clipped = e => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
            }
            return false;
        };
        const culprits = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
            .slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                                + (e.className ? '.' + e.className : '')
                                + ' ' + Math.round(e.getBoundingClientRect().right));
        return {scrollWidth: document.documentElement.scrollWidth, width, culprits};
    }""")


# a desktop and a phone, for pages checked on both
SCREENS = {"bureau": {"width": 1280, "height": 800}, "téléphone": {"width": 375, "height": 667}}
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


def open_as(page, base_url: str, login: str, path: str, screen: str = "bureau") -> None:
    """The demo `login` signed in on that screen, at `path`."""
    page.set_viewport_size(SCREENS[screen])
    sign_in(page, base_url, login, f"admiville-{login}")
    page.goto(f"{base_url}{path}")


def page_problems(page, impacts=EVERY_IMPACT) -> dict:
    """What a person would meet on the page as shown: axe-core's violations (every impact by
    default: new pages start clean) and anything wider than the screen; {} when none."""
    found = {"axe": axe_violations(page, impacts), "débordement": overflowing(page)}
    return {what: value for what, value in found.items() if value}
