"""The workforce map in Chromium: an HR officer imports a staff table and reviews titles by
keyboard and mouse; every /cartographie page passes axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import axe_violations, sign_in, violations_by_page

DATA = Path(__file__).parent.parent / "workforce" / "data"


@pytest.fixture
def settings(settings):
    """As in the demo, the web process runs the job queue itself (SQLite)."""
    return settings.model_copy(update={"jobs_in_process": True})


def test_hr_imports_a_staff_table_then_reviews_its_titles(page, live_server):
    sign_in(page, live_server, "rh", "admiville-rh")
    page.goto(f"{live_server}/cartographie/import")
    page.get_by_label("Tableau des effectifs").set_input_files(
        str(DATA / "effectifs_admiville.xlsx"))
    page.get_by_role("button", name="Contrôler le fichier").click()
    page.wait_for_load_state("networkidle")
    assert "Rien n'est encore enregistré" in page.inner_text("main")
    assert page.get_by_label("Métier (intitulé du poste) (obligatoire)").input_value() == "13"
    page.get_by_role("button", name="Importer 110 agents").click()
    # the import is queued; its progress page follows it and shows the outcome when it ends
    page.wait_for_url("**/taches/*")
    result = page.get_by_role("link", name="Vérifier les intitulés à rapprocher")
    result.wait_for(timeout=30_000)
    assert "Tableau des effectifs importé comme brouillon : 110 agents" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    result.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cartographie/revue")
    page.get_by_label("Décision pour « Secrétaire des élus »").select_option("autre")
    page.get_by_label("Métier du référentiel pour « Secrétaire des élus »").fill(
        "CNFPT - Assistant-e de direction")
    page.get_by_role("button", name="Enregistrer les décisions").click()
    page.wait_for_load_state("networkidle")
    assert "1 décision de rapprochement enregistrée ; elle s'appliquera" in page.get_by_role("status").inner_text()
    page.goto(f"{live_server}/cartographie?source=oit2025")
    assert page.get_by_label("Mesure de l'exposition").input_value() == "oit2025"
    assert page.get_by_role("img", name="Exposition par direction").count() == 1


def test_workforce_pages_have_no_serious_accessibility_violation(page, live_server):
    problems = {}
    pages = {
        "rh": ["/cartographie", "/cartographie/import", "/cartographie/revue",
               "/cartographie/revue?tous=1", "/cartographie/metiers",
               "/cartographie/metiers/4110", "/cartographie/annexe",
               "/cartographie?source=oit2025", "/cartographie/rapport"],
        "representant": ["/cartographie", "/cartographie/metiers"],
    }
    problems.update(violations_by_page(page, live_server, pages))
    page.context.clear_cookies()
    sign_in(page, live_server, "rh", "admiville-rh")
    page.goto(f"{live_server}/cartographie/import")
    page.get_by_label("Tableau des effectifs").set_input_files(str(DATA / "effectifs_admiville.csv"))
    page.get_by_role("button", name="Contrôler le fichier").click()
    page.wait_for_load_state("networkidle")
    problems["rh preview"] = axe_violations(page)
    assert {k: v for k, v in problems.items() if v} == {}
