"""An agent works in a shared workspace in Chromium: the list of espaces, the workspace's page,
a question answered from its documents, the conversation shared with the members. Every page
passes axe-core and fits the screen, on a desktop and at 375 px."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser_support import SCREENS, open_as, page_problems
from collectivia.settings import Settings


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    # as in tests/conftest.py: no job worker in the app's lifespan, no model warm-up
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    jobs_in_process=False, warm_up=False,
                    llm_backends=json.dumps([upstream.backend(params_b=8, timeout=10.0)]))


@pytest.mark.parametrize("size", SCREENS, ids=str)
def test_a_member_asks_the_workspace_and_shares_the_answer_on_every_screen(
        page, live_server, upstream, size):
    open_as(page, live_server, "agent", "/espaces", size)
    assert page_problems(page) == {}
    page.get_by_role("link", name="Accueil des usagers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil des usagers")
    expect(page.get_by_role("region", name="Documents")).to_contain_text("Horaires de l'accueil")
    assert page_problems(page) == {}
    page.get_by_label("Votre question").fill("À quelle heure ouvre l'accueil le samedi ?")
    page.get_by_role("button", name="Demander").click()
    page.wait_for_load_state("networkidle")
    assert "/conversations/" in page.url
    assert "samedi" in upstream.sent_text()
    assert page_problems(page) == {}
    page.get_by_role("button", name="Partager avec les membres de l'espace").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("button", name="Ne plus partager")).to_be_visible()
    assert page_problems(page) == {}


def test_a_refused_workspace_form_points_at_its_field(page, live_server):
    open_as(page, live_server, "rh", "/espaces")
    page.get_by_label("Nom de l'espace").fill("   ")
    page.locator("form[aria-labelledby='creer']").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Créer l'espace").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Nom de l'espace")).to_have_attribute("aria-invalid", "true")
    assert page_problems(page) == {}
