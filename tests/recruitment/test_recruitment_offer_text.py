"""The offer text: every version is kept, and "Rédiger à nouveau" never silently replaces a
recruiter's edits."""

from __future__ import annotations

from sqlalchemy import select

from collectivia.core.roles import Role
from collectivia.recruitment.models import Posting
from support import csrf_of, text_of


def _posting(database) -> Posting:
    with database.session() as session:
        posting = session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")
                                  ).scalar_one()
        session.expunge(posting)
        return posting


def _edited_text(original: str) -> str:
    return original.replace("Vous rejoindrez une équipe",
                            "Vous rejoindrez l'équipe de six gestionnaires de la DRH, une équipe")


def test_redrafting_asks_before_replacing_text_the_recruiter_edited(client, login, demo_database):
    posting = _posting(demo_database)
    url = f"/recrutement/offres/{posting.id}"
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, url)
    edited = _edited_text(posting.offer_text)
    client.post(f"{url}/texte", data={"csrf_token": token, "texte": edited})

    asked = client.post(f"{url}/rediger", data={"csrf_token": token})
    page = text_of(asked)
    assert asked.status_code == 200 and "Rédiger à nouveau l'offre ?" in page
    assert "modifié par Julien Moreau" in page and "six gestionnaires" in page
    assert "six gestionnaires" in _posting(demo_database).offer_text      # nothing replaced yet

    done = client.post(f"{url}/rediger", data={"csrf_token": token, "confirmer": "oui"},
                       follow_redirects=True)
    assert "version 3 ; les versions précédentes restent consultables" in text_of(done)
    assert "six gestionnaires" not in _posting(demo_database).offer_text
    history = text_of(client.get(url))
    assert "Version 2" in history and "modifié par un agent (Julien Moreau)" in history
    kept = text_of(client.get(f"{url}/versions/2"))
    assert "six gestionnaires" in kept and "n'est plus le texte actuel" in kept


def test_redrafting_a_text_nobody_edited_needs_no_confirmation(client, login, demo_database):
    posting = _posting(demo_database)
    url = f"/recrutement/offres/{posting.id}"
    login(client, Role.GESTIONNAIRE_RH)
    response = client.post(f"{url}/rediger", data={"csrf_token": csrf_of(client, url)},
                           follow_redirects=True)
    assert "Texte de l'offre rédigé" in text_of(response)
    assert "Version 2" in text_of(response)


def test_the_jury_reads_past_versions_but_cannot_redraft(client, login, demo_database):
    posting = _posting(demo_database)
    login(client, Role.MEMBRE_JURY)
    assert "C'est le texte actuel" in text_of(client.get(f"/recrutement/offres/{posting.id}/versions/1"))
    assert client.get(f"/recrutement/offres/{posting.id}/versions/9").status_code == 404
    token = csrf_of(client, f"/recrutement/offres/{posting.id}")
    assert client.post(f"/recrutement/offres/{posting.id}/rediger",
                       data={"csrf_token": token, "confirmer": "oui"}).status_code == 403


def test_the_offer_announces_the_retention_period_the_purge_enforces(client, login, settings,
                                                                     demo_database):
    posting = _posting(demo_database)
    login(client, Role.RECRUTEUR)
    url = f"/recrutement/offres/{posting.id}"
    client.post(f"{url}/rediger", data={"csrf_token": csrf_of(client, url)})
    text = client.get(f"{url}/offre.txt").text
    assert "conservées deux ans après la clôture du recrutement, puis supprimées" in text
    settings.recruitment_retention_months = 18
    client.post(f"{url}/rediger", data={"csrf_token": csrf_of(client, url)})
    assert "conservées 18 mois après la clôture" in client.get(f"{url}/offre.txt").text
