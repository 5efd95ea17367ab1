"""Bringing the shipped code up to date keeps every version, and only what changed is a change.

The shipped Code général de la fonction publique is the version of 15 January
2024. Since then, article L822-3 was modified by article 189 of loi n° 2025-127
du 14 février 2025: from 1 March 2025, 90 % of the traitement (no longer all of
it) during the first three months of a congé de maladie ordinaire.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select

from collectivia.core.roles import Role
from collectivia.knowledge.legal import legi, versions
from collectivia.knowledge.legal.followed import follow, import_legi
from collectivia.knowledge.legal.store import import_text
from collectivia.knowledge.models import KnowledgeChunk, LegalSource, LegalUpdate
from collectivia.knowledge.retrieval import search
from collectivia.knowledge.service import find_article, shipped_code
from collectivia.core.models import User

FIXTURES = Path(__file__).parent / "legal_fixtures" / "legi"


def agent(session) -> User:
    return session.execute(select(User).where(User.role == Role.AGENT)).scalars().first()


def l822_3(session) -> list[KnowledgeChunk]:
    code = shipped_code(session)
    return list(session.execute(select(KnowledgeChunk).where(
        KnowledgeChunk.document_id == code.id, KnowledgeChunk.ref == "L822-3")
        .order_by(KnowledgeChunk.id)).scalars())


def test_the_new_version_of_l822_3_joins_the_shipped_code_and_the_old_one_is_kept(demo_database):
    [outcome] = import_legi(demo_database, FIXTURES / "cgfp", version_date=date(2025, 7, 15))
    assert "1 modifié," in outcome.line() and "0 abrogé ;" in outcome.line()
    with demo_database.session() as session:
        old, new = l822_3(session)
        assert (old.valid_from, old.valid_until, old.status) == (date(2022, 3, 1), date(2025, 3, 1),
                                                                 "MODIFIE")
        assert old.legal_id == "LEGIARTI000044425001" and "l'intégralité" in old.text
        assert (new.valid_from, new.valid_until) == (date(2025, 3, 1), None)
        assert "90 % de son traitement" in new.text and new.vector is not None   # embedded
        assert shipped_code(session).version_date == date(2025, 7, 15)
        # L822-4 did not change: it adopts its Légifrance id, and is no change
        update = session.execute(select(LegalUpdate)).scalar_one()
        assert json.loads(update.changes) == [{
            "ref": "L822-3", "change": "modifié", "effective": "2025-03-01",
            "old_chunk_id": old.id, "new_chunk_id": new.id}]
        source = session.execute(select(LegalSource).where(
            LegalSource.legal_id == "LEGITEXT000044416551")).scalar_one()
        assert (source.channel, source.version_date) == ("legi", date(2025, 7, 15))


def test_importing_the_same_export_again_changes_nothing(demo_database):
    import_legi(demo_database, FIXTURES / "cgfp")
    [again] = import_legi(demo_database, FIXTURES / "cgfp")
    assert again.report.changes == [] and again.report.versions_added == 0


def test_search_and_the_article_page_use_the_version_in_force_on_the_question_s_date(demo_database):
    import_legi(demo_database, FIXTURES / "cgfp", version_date=date(2025, 7, 15))
    with demo_database.session() as session:
        user = agent(session)
        question = "traitement pendant les trois premiers mois de congé de maladie"
        now = [p for p in search(session, user, question, k=20) if p.ref == "L822-3"]
        then = [p for p in search(session, user, question, k=20, on=date(2025, 1, 10))
                if p.ref == "L822-3"]
        assert len(now) == 1 and "90 %" in now[0].text
        assert len(then) == 1 and "l'intégralité" in then[0].text
        assert now[0].version_label == "version en vigueur au 15/07/2025"
        assert then[0].version_label == "version en vigueur au 28/02/2025"
        assert "90 %" in find_article(session, user, "L822-3").text
        assert "l'intégralité" in find_article(session, user, "L822-3", date(2024, 6, 1)).text


def test_a_cited_version_that_was_replaced_is_announced_with_the_date_of_the_new_one(demo_database):
    import_legi(demo_database, FIXTURES / "cgfp", version_date=date(2025, 7, 15))
    with demo_database.session() as session:
        old, new = l822_3(session)
        [notice] = versions.notices(session, [old.id, new.id])
        assert notice.chunk_id == old.id and notice.newer_chunk_id == new.id
        assert "nouvelle version est en vigueur depuis le 01/03/2025" in notice.message


def test_a_decret_is_added_as_its_own_text_and_its_repealed_article_is_never_retrieved(
        demo_database):
    [outcome] = import_legi(demo_database, FIXTURES / "decret_85_1250", everything=True,
                            version_date=date(2025, 7, 15))
    assert outcome.report.count("ajouté") == 2          # articles 1 and 3; 6 ended in 2024
    with demo_database.session() as session:
        user = agent(session)
        found = search(session, user, "jours de congé supplémentaires de fractionnement", k=5)
        decret = [p for p in found if p.document_title == "Décret n° 85-1250 du 26 novembre 1985"]
        assert decret and decret[0].citation == "Décret n° 85-1250 du 26 novembre 1985, art. 1"
        assert all(p.ref != "6" for p in search(session, user, "disposition d'essai article abrogé",
                                                k=50) if p.document_id == decret[0].document_id)
        repealed = session.execute(select(KnowledgeChunk).where(
            KnowledgeChunk.document_id == decret[0].document_id, KnowledgeChunk.ref == "6")
        ).scalar_one()
        assert "a été abrogé le 01/01/2024" in versions.notices(session, [repealed.id])[0].message



def test_a_decret_followed_by_its_id_is_named_by_its_title_once_imported(demo_database):
    """HR can follow a text by its Légifrance id alone: the first import gives it its title,
    which its passages are cited by and answers citing its articles are recognised by."""
    with demo_database.session() as session:
        session.execute(delete(LegalSource))
        follow(session, "JORFTEXT000000690444")
    import_legi(demo_database, FIXTURES / "decret_85_1250")
    with demo_database.session() as session:
        source = session.execute(select(LegalSource).where(
            LegalSource.legal_id == "JORFTEXT000000690444")).scalar_one()
        assert source.short_title == "Décret n° 85-1250 du 26 novembre 1985"
        assert source.document.title == "Décret n° 85-1250 du 26 novembre 1985"

def test_a_consultation_missing_most_articles_is_refused_rather_than_repealing_them(demo_database):
    [code] = legi.read_path(FIXTURES / "cgfp")
    code.complete, code.version_date = True, date(2025, 7, 15)
    with demo_database.session() as session:
        try:
            import_text(session, code, "piste")
        except Exception as exc:       # noqa: BLE001 - the message is what the operator reads
            assert "réponse incomplète" in str(exc)
        else:
            raise AssertionError("a partial consultation repealed the code")


def test_the_corpus_is_stale_after_twelve_months():
    assert versions.is_stale(date(2024, 1, 15), on=date(2025, 1, 16))
    assert not versions.is_stale(date(2024, 1, 15), on=date(2025, 1, 14))
    assert not versions.is_stale(None)
