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
