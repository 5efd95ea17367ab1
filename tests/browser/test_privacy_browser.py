"""The DPO's privacy page in Chromium: the test bench works by keyboard and passes axe-core."""

from __future__ import annotations

from browser_support import axe_violations, sign_in


def test_dpo_checks_what_a_model_would_receive(page, live_server):
    sign_in(page, live_server, "dpo", "admiville-dpo")
    page.goto(f"{live_server}/confidentialite")
    assert axe_violations(page) == []
    page.get_by_label("Texte à tester").fill("Mme Nadia Belkacem, 06 12 34 56 78, demande un RDV.")
    page.get_by_label("Politique").select_option("export")
    page.get_by_label("Texte à tester").press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    sent = page.get_by_label("Texte pseudonymisé").inner_text()
    assert sent == "Mme Personne 1, téléphone 1, demande un RDV."
    assert axe_violations(page) == []
