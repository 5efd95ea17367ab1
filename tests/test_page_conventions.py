"""Conventions every page keeps, checked on each role's pages as served: one primary button
(the page's main action; the others look secondary, so « Supprimer l'espace » never looks
like the thing to do), and forms that wait on a model or an upload say so and send once
(`data-slow`, read by slow-forms.js; without JavaScript they post as usual)."""

from __future__ import annotations

import re

import pytest

from collectivia.core.roles import Role

PAGES = {
    Role.AGENT: ["/", "/assistant", "/questions-rh", "/espaces", "/espaces/1", "/comptes-rendus",
                 "/gouvernance", "/profil"],
    Role.GESTIONNAIRE_RH: ["/", "/questions-rh/tableau-de-bord", "/questions-rh/documents",
                           "/assistant/consignes", "/cartographie", "/recrutement"],
    Role.RECRUTEUR: ["/", "/recrutement", "/recrutement/offres/1", "/recrutement/candidatures/1"],
    Role.DPO: ["/", "/gouvernance/personnes", "/admin/journal", "/confidentialite"],
    Role.REFERENT_IA: ["/", "/gouvernance/comite", "/gouvernance/cas-usage", "/gouvernance/ia-fantome"],
    Role.ADMIN: ["/", "/admin/utilisateurs", "/admin/modeles", "/assistant/administration"],
}


def primary_buttons(html: str) -> list[str]:
    """The buttons and button-styled links drawn as primary (class « button » without
    « button-secondary »), by their text."""
    found = []
    for _tag, classes, text in re.findall(
            r'<(button|a|input)\b[^>]*class="([^"]*)"[^>]*>(.*?)(?:</\1>|$)', html, flags=re.M):
        names = classes.split()
        if "button" in names and "button-secondary" not in names:
            found.append(" ".join(re.sub(r"<[^>]+>", " ", text).split()))
    return found


@pytest.mark.parametrize("role", PAGES, ids=str)
def test_each_page_has_at_most_one_primary_button(client, login, role):
    login(client, role)
    crowded = {}
    for path in PAGES[role]:
        response = client.get(path)
        assert response.status_code == 200, path
        primary = primary_buttons(response.text)
        if len(primary) > 1:
            crowded[path] = primary
    assert crowded == {}


def test_the_workspace_page_offers_asking_as_its_one_main_action(client, login):
    login(client, Role.AGENT)
    assert primary_buttons(client.get("/espaces/1").text) == ["Demander"]


def _form_posting_to(html: str, action: str) -> str:
    match = re.search(rf'<form\b[^>]*action="{re.escape(action)}"[^>]*>', html)
    assert match, action
    return match.group(0)


def test_a_question_to_a_workspace_waits_on_a_model_and_says_so(client, login):
    login(client, Role.AGENT)
    form = _form_posting_to(client.get("/espaces/1").text, "/espaces/1/questions")
    assert 'data-slow="Recherche de la réponse…"' in form


def test_a_recording_upload_says_it_is_being_sent_and_transcribed(client, login):
    login(client, Role.AGENT)
    form = _form_posting_to(client.get("/comptes-rendus").text, "/comptes-rendus")
    assert 'data-slow="Envoi et transcription en cours…"' in form
    # without JavaScript it is still a plain form that posts the file
    assert 'method="post"' in form and 'enctype="multipart/form-data"' in form
