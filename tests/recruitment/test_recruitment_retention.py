"""Candidates' data ends as the offer promises: two years (a setting) after the posting closes,
or at once when the person asks. Both are audited with counts, never a name."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from typer.testing import CliRunner

from collectivia.core import clock
from collectivia.core.files import FileStore
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.privacy.models import VaultEntry
from collectivia.recruitment import candidates, retention, service
from collectivia.recruitment.models import Candidate, CandidateDocument, Decision, Posting
from support import csrf_of, text_of

CV = """Alice ALPHA
5 rue des Écoles, 33000 Bordeaux
Tél. : 06 39 98 00 11 | alice.alpha@example.org

EXPÉRIENCE PROFESSIONNELLE
03/2018 - 08/2025 : Gestionnaire de paie - Mairie de Cenon
- Calcul et contrôle de la paie de 300 agents sous CIRIL RH
"""


def _demo_posting(session) -> Posting:
    return session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")).scalar_one()


def _count(session, model, *where) -> int:
    return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _candidate_pseudonyms(session) -> int:
    return _count(session, VaultEntry, VaultEntry.scope.like("candidate:%"))


def _close_with_an_uploaded_cv(session, settings) -> tuple[Posting, str]:
    recruiter = find_by_login(session, "recruteur")
    posting = _demo_posting(session)
    candidates.upload(session, recruiter, settings, posting.id, [("cv-alice.txt", CV.encode())])
    service.set_status(session, recruiter, posting.id, "clôturée")
    digest = session.execute(select(CandidateDocument.sha256)).scalar_one()
    return posting, digest


def _travel_to(moment) -> None:
    clock.travel((moment - clock.now()).total_seconds())


def _events(session, action: str) -> list[AuditEvent]:
    return list(session.execute(select(AuditEvent).where(AuditEvent.action == action)
                                .order_by(AuditEvent.id)).scalars())


def test_candidates_data_stays_until_two_years_after_the_posting_closes(session, settings):
    posting, digest = _close_with_an_uploaded_cv(session, settings)
    assert _candidate_pseudonyms(session) > 0 and FileStore(settings).exists(digest)
    deadline = retention.purge_date(posting, settings)
    assert (deadline - posting.closed_at).days in (730, 731)

    _travel_to(retention.months_after(posting.closed_at, 23))
    assert retention.purge_expired(session, settings).counts["candidatures"] == 0
    assert len(posting.candidates) == 9

    _travel_to(deadline)
    removed = retention.purge_expired(session, settings).counts
    assert removed["candidatures"] == 9 and removed["documents"] == 1 and removed["fichiers"] == 1
    assert removed["decisions"] == 1 and removed["pseudonymes"] > 0
    assert _count(session, Candidate) == 0 and _count(session, Decision) == 0
    assert _candidate_pseudonyms(session) == 0
    assert not FileStore(settings).exists(digest)
    session.refresh(posting)
    assert posting.candidates_removed == 9 and posting.purged_at is not None
    assert "DONNÉES PERSONNELLES" in posting.offer_text        # the public offer stays

    event = _events(session, "recruitment.posting.purge")[-1]
    assert json.loads(event.details)["candidatures"] == 9 and event.object_id == str(posting.id)
    assert "Alice" not in event.details and "ALPHA" not in event.details
    assert json.loads(_events(session, "recruitment.purge")[-1].details)["offres"] == 1


def test_the_purge_keeps_a_cv_a_batch_still_queued_will_read(session, settings):
    """The same CV sent again in a batch the worker has not read yet: purging the old
    candidature must not delete the file the batch is about to read."""
    from collectivia.recruitment import background

    posting, digest = _close_with_an_uploaded_cv(session, settings)
    recruiter = find_by_login(session, "recruteur")
    other = Posting(**{c: getattr(posting, c) for c in (
        "intitule", "direction", "categorie", "filiere", "cadre_emplois", "missions",
        "required_json", "optional_json", "definitions_json", "date_publication")},
        reference="REC-TEST-003")
    session.add(other)
    session.flush()
    background.start_batch(session, recruiter, settings, other.id, [("cv-alice.txt", CV.encode())])

    _travel_to(retention.purge_date(posting, settings))
    removed = retention.purge_expired(session, settings).counts
    assert removed["documents"] == 1 and removed["fichiers"] == 0
    assert FileStore(settings).exists(digest)


def test_the_retention_period_is_a_setting(session, settings):
    settings.recruitment_retention_months = 6
    posting, _ = _close_with_an_uploaded_cv(session, settings)
    _travel_to(retention.months_after(posting.closed_at, 6))
    assert retention.purge_expired(session, settings).counts["candidatures"] == 9


def test_a_posting_still_open_is_never_purged(session, settings):
    clock.travel(5 * 365 * 86400)
    assert retention.purge_expired(session, settings).counts["candidatures"] == 0
    assert len(_demo_posting(session).candidates) == 8


def test_the_nightly_purge_runs_from_the_command_line(settings, demo_database, monkeypatch):
    from collectivia.cli import app as cli
    from collectivia.settings import get_settings

    with demo_database.session() as session:
        posting, digest = _close_with_an_uploaded_cv(session, settings)
        deadline = retention.purge_date(posting, settings)
    monkeypatch.setenv("COLLECTIVIA_DATABASE_URL", demo_database.url)
    monkeypatch.setenv("COLLECTIVIA_VAR_DIR", str(settings.var_dir))
    # the command signs its audit events with the test database's key (required on PostgreSQL)
    monkeypatch.setenv("COLLECTIVIA_AUDIT_KEY", settings.resolved_audit_key().decode("utf-8"))
    get_settings.cache_clear()
    _travel_to(deadline)
    result = CliRunner().invoke(cli, ["recruitment", "purge"])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "9 candidatures supprimées (offres clôturées depuis plus de 24 mois) :" in result.output
    assert not FileStore(settings).exists(digest)


def test_erased_numbers_are_never_given_to_a_new_candidature(session, settings):
    recruiter = find_by_login(session, "recruteur")
    posting = _demo_posting(session)
    retention.erase_candidate(session, recruiter, settings, posting.candidates[-1].id, True)
    candidates.upload(session, recruiter, settings, posting.id, [("cv-alice.txt", CV.encode())])
    assert [c.label for c in posting.candidates][-1] == "Candidature n° 9"


def _candidate_id(demo_database) -> int:
    with demo_database.session() as session:
        return _demo_posting(session).candidates[2].id


def test_a_recruiter_erases_a_candidature_on_the_persons_request(client, login, demo_database):
    candidate_id = _candidate_id(demo_database)
    url = f"/recrutement/candidatures/{candidate_id}"
    login(client, Role.RECRUTEUR)
    page = text_of(client.get(url))                                  # the anonymous CV is made
    assert "Effacer la candidature" in page
    assert "supprimées deux ans après la clôture du recrutement" in page   # the notice says so
    token = csrf_of(client, url)
    unconfirmed = client.post(f"{url}/effacement", data={"csrf_token": token}, follow_redirects=True)
    assert "Cochez la case confirmant que la personne a demandé l'effacement" in text_of(unconfirmed)

    done = client.post(f"{url}/effacement", data={"csrf_token": token, "demande_confirmee": "oui"},
                       follow_redirects=True)
    page = text_of(done)
    assert "Candidature effacée à la demande de la personne" in page
    assert "1 candidature déjà supprimée à la demande des personnes" in page
    assert client.get(url).status_code == 404
    with demo_database.session() as session:
        assert session.get(Candidate, candidate_id) is None
        assert _count(session, VaultEntry, VaultEntry.scope == f"candidate:{candidate_id}") == 0
        event = _events(session, "recruitment.candidate.erase")[-1]
        assert event.actor.startswith("Julien Moreau") and event.object_id == str(candidate_id)
        assert json.loads(event.details)["candidatures"] == 1 and json.loads(event.details)["pseudonymes"] > 0


def test_only_recruiters_erase_and_never_without_the_forms_token(client, login, demo_database):
    candidate_id = _candidate_id(demo_database)
    url = f"/recrutement/candidatures/{candidate_id}"
    login(client, Role.MEMBRE_JURY)
    token = csrf_of(client, url)
    assert "Effacer la candidature" not in text_of(client.get(url))
    assert client.post(f"{url}/effacement", data={"csrf_token": token,
                                                  "demande_confirmee": "oui"}).status_code == 403
    client.cookies.clear()
    login(client, Role.RECRUTEUR)
    forged = client.post(f"{url}/effacement", data={"demande_confirmee": "oui"})
    assert forged.status_code in (400, 403)
    with demo_database.session() as session:
        assert session.get(Candidate, candidate_id) is not None
