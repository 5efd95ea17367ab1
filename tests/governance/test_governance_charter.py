"""The AI charter: versioned, accepted version by version, tracked and exportable."""

from __future__ import annotations

import csv
import io

import pytest

from collectivia.core.errors import Conflict, Forbidden, InvalidInput
from collectivia.core.roles import Role
from collectivia.core.users import UserForm, create_user, find_by_login
from collectivia.governance import charter, charter_required
from support import csrf_of, text_of

BODY = "## Règles\n\n- Je relis tout ce que produit l'IA avant usage.\n- Je ne saisis aucune donnée personnelle."


def test_demo_agents_have_accepted_version_1_so_the_assistant_opens(session):
    assert charter_required(session, find_by_login(session, "agent")) is None
    assert charter.current(session).version == 1
    assert "Ce que je ne fais pas" in charter.current(session).body  # drafted from the check-list


def test_a_new_account_must_accept_before_using_the_assistant(session):
    newcomer = create_user(session, None, UserForm(login="nouveau", full_name="Nina Nouvelle",
                                                   role="agent", service_id=None,
                                                   password="mot-de-passe-solide"),
                           system=True)
    assert charter_required(session, newcomer) == "/gouvernance/charte"
    charter.accept(session, newcomer, 1)
    assert charter_required(session, newcomer) is None


def test_a_new_version_asks_everyone_again_and_keeps_earlier_acceptances(session):
    agent, referent = find_by_login(session, "agent"), find_by_login(session, "referent")
    version = charter.publish(session, referent, "Charte IA, édition 2", BODY, "Règles resserrées")
    assert version.version == 2
    assert charter_required(session, agent) == "/gouvernance/charte"
    rows = charter.export_rows(session, referent)
    assert [r[:2] for r in rows if r[1] == "agent"] == [["1", "agent"]]


def test_no_charter_means_nothing_to_accept(database):
    with database.session() as s:
        someone = create_user(s, None, UserForm(login="seul", full_name="Sam Seul", role="agent", service_id=None,
                                                password="mot-de-passe-solide"), system=True)
        assert charter_required(s, someone) is None


def test_accepting_a_replaced_version_is_refused_and_records_nothing(session):
    agent, referent = find_by_login(session, "agent"), find_by_login(session, "referent")
    charter.publish(session, referent, "Charte IA, édition 2", BODY)
    with pytest.raises(Conflict, match="modifiée pendant votre lecture"):
        charter.accept(session, agent, 1)
    assert charter_required(session, agent) == "/gouvernance/charte"
    charter.accept(session, agent, 2)
    charter.accept(session, agent, 2)  # a double click changes nothing
    assert sum(1 for r in charter.export_rows(session, referent) if r[1] == "agent") == 2


def test_only_the_referent_and_admin_publish_and_an_unchanged_text_is_not_a_version(session):
    with pytest.raises(Forbidden):
        charter.publish(session, find_by_login(session, "dpo"), "Charte", BODY)
    referent = find_by_login(session, "referent")
    current = charter.current(session)
    with pytest.raises(Conflict, match="n'a pas changé"):
        charter.publish(session, referent, current.title, current.body)
    with pytest.raises(InvalidInput, match="trop court"):
        charter.publish(session, referent, "Charte IA", "Soyez sages.")


def test_the_text_is_rendered_as_headings_paragraphs_and_lists():
    assert charter.blocks("# Titre\n\nUn paragraphe\nsur deux lignes.\n\n- a\n- b") == [
        ("h", "Titre"), ("p", "Un paragraphe sur deux lignes."), ("ul", ["a", "b"])]


def test_an_agent_reading_a_version_replaced_meanwhile_sees_the_new_one_and_loses_nothing(client, login):
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/charte/modifier")
    client.post("/gouvernance/charte/modifier", data={
        "csrf_token": token, "titre": "Charte IA, édition 2", "texte": BODY, "note": "v2"})
    client.post("/deconnexion", data={"csrf_token": token})
    login(client, Role.AGENT)
    token = csrf_of(client, "/gouvernance/charte")
    stale = client.post("/gouvernance/charte/acceptation", data={"csrf_token": token, "version": "1"})
    assert stale.status_code == 409
    page = text_of(stale)
    assert "la version 2 remplace la version 1" in page
    assert "J'ai lu et j'accepte la charte (version 2)" in page
    done = client.post("/gouvernance/charte/acceptation", data={
        "csrf_token": token, "version": "2", "suivant": "/assistant"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/assistant"


def test_an_open_redirect_after_acceptance_is_not_possible(client, login):
    login(client, Role.AGENT)
    token = csrf_of(client, "/gouvernance/charte")
    done = client.post("/gouvernance/charte/acceptation", data={
        "csrf_token": token, "version": "1", "suivant": "//evil.example"}, follow_redirects=False)
    assert done.headers["location"] == "/gouvernance"


def test_the_dpo_follows_acceptance_by_direction_and_exports_it(client, login):
    login(client, Role.DPO)
    page = text_of(client.get("/gouvernance/charte/suivi"))
    assert "Comptes actifs ayant accepté la version 1, par direction" in page
    assert "Ressources" in page and "100 %" in page
    export = client.get("/gouvernance/charte/acceptations.csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == charter.EXPORT_HEADER
    assert {r[1] for r in rows[1:]} >= {"agent", "dpo", "referent"}


def test_the_staff_representative_sees_aggregates_but_not_names(client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    assert client.get("/gouvernance/charte/suivi").status_code == 200
    assert client.get("/gouvernance/charte/acceptations.csv").status_code == 403


def test_two_editors_publishing_at_once_cannot_both_create_the_same_version(session, monkeypatch):
    referent, admin = find_by_login(session, "referent"), find_by_login(session, "admin")
    version_1 = charter.current(session)
    charter.publish(session, referent, "Charte IA, édition 2", BODY)
    # the admin's request read the charter before the referent's version landed
    monkeypatch.setattr(charter, "current", lambda _session: version_1)
    with pytest.raises(Conflict, match="vient d'être publiée"):
        charter.publish(session, admin, "Charte IA, édition 2 bis", BODY + "\n\n- Encore une règle.")
    monkeypatch.undo()
    assert charter.current(session).title == "Charte IA, édition 2"


def test_the_assistant_sends_an_agent_to_a_new_charter_first(client, login):
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/charte/modifier")
    client.post("/gouvernance/charte/modifier", data={
        "csrf_token": token, "titre": "Charte IA, édition 2", "texte": BODY})
    client.post("/deconnexion", data={"csrf_token": token})
    login(client, Role.AGENT)
    assert "/gouvernance/charte" in client.get("/assistant").text
