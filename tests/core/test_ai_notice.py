"""The AI notice sits on the pages that show what a model produced, and nowhere else.

A banner on every page, the login page included, is one people stop reading;
on the assistant, a Questions RH answer, the screening of candidates and the
map of jobs exposed to AI, it is the reminder that the text or figures came
from a model and must be checked.
"""

from __future__ import annotations

import re

import pytest

from collectivia.core.roles import Role
from support import csrf_of

NOTICE = "relisez-les et vérifiez-les avant tout usage"


def test_the_login_page_carries_no_ai_notice(client):
    assert NOTICE not in client.get("/connexion").text


@pytest.mark.parametrize("path", ["/", "/gouvernance", "/gouvernance/cas-usage", "/profil"])
def test_pages_without_ai_output_carry_no_ai_notice(client, login, path):
    login(client, Role.AGENT)
    response = client.get(path)
    assert response.status_code == 200
    assert NOTICE not in response.text


@pytest.mark.parametrize("path", ["/admin/utilisateurs", "/admin/journal", "/gouvernance/cas-usage/nouveau"])
def test_admin_pages_and_plain_forms_carry_no_ai_notice(client, login, path):
    login(client, Role.ADMIN)
    response = client.get(path)
    assert response.status_code == 200
    assert NOTICE not in response.text


def test_the_assistant_carries_the_ai_notice(client, login):
    login(client, Role.AGENT)
    assert NOTICE in client.get("/assistant").text


def test_a_questions_rh_answer_carries_the_ai_notice_but_the_question_form_does_not(client, login):
    login(client, Role.AGENT)
    form = client.get("/questions-rh")
    assert NOTICE not in form.text
    answer = client.post("/questions-rh", data={
        "question": "Combien de jours de congés annuels pour un agent à temps plein ?",
        "csrf_token": csrf_of(client, "/questions-rh")}, follow_redirects=True)
    assert "/questions-rh/reponses/" in str(answer.url)
    assert NOTICE in answer.text


@pytest.mark.parametrize("path", ["/cartographie", "/cartographie/metiers"])
def test_the_workforce_map_carries_the_ai_notice(client, login, path):
    login(client, Role.GESTIONNAIRE_RH)
    response = client.get(path)
    assert response.status_code == 200
    assert NOTICE in response.text


def test_the_screening_of_a_posting_carries_the_ai_notice(client, login):
    login(client, Role.RECRUTEUR)
    index = client.get("/recrutement").text
    first = re.search(r'href="/recrutement/offres/(\d+)"', index).group(1)
    response = client.get(f"/recrutement/offres/{first}")
    assert response.status_code == 200
    assert NOTICE in response.text
