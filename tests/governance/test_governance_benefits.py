"""Benefits: agents say in one click how much time an AI answer saved; the DGS reads it per use
case and per month next to the cost, exports a cost / benefit summary, and evaluates each
experimentation against measured criteria."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import timedelta

import pytest

from collectivia.assistant.models import Conversation, Message
from collectivia.core import clock
from collectivia.core.errors import Forbidden, InvalidInput, NotFound
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.governance import benefits, evaluation
from collectivia.governance.models import BenefitRating, UseCase
from collectivia.hrdesk.models import HrQuestion
from collectivia.llm.models import UsageRecord
from support import csrf_of, text_of


def _answer(session, login: str = "agent") -> Message:
    """An assistant answer in one of `login`'s conversations."""
    user = find_by_login(session, login)
    conversation = Conversation(user_id=user.id, scope=f"test:{login}:{clock.now().timestamp()}",
                                title="Courrier aux familles", model="petit")
    session.add(conversation)
    session.flush()
    session.add(Message(conversation_id=conversation.id, role="user", content="Rédige", sent_text="Rédige"))
    answer = Message(conversation_id=conversation.id, role="assistant", content="Madame, Monsieur…",
                     sent_text="Madame, Monsieur…", model="petit")
    session.add(answer)
    session.flush()
    return answer


def _question(session, login: str = "agent") -> HrQuestion:
    question = HrQuestion(user_id=find_by_login(session, login).id, text="Combien de jours de congé ?",
                          outcome="répondu", answer="25 jours ouvrés.")
    session.add(question)
    session.flush()
    return question


def _module(session, module: str) -> UseCase:
    return benefits.use_case_of(session, module)


def test_a_rating_lands_on_the_registered_use_case_of_the_answers_module(session):
    agent = find_by_login(session, "agent")
    rating = benefits.rate(session, agent, "assistant", _answer(session).id, 15, True)
    assert rating.use_case_id == _module(session, "assistant").id
    rating = benefits.rate(session, agent, "questions-rh", _question(session).id, 5, None)
    assert rating.use_case_id == _module(session, "hrdesk").id


def test_a_second_click_changes_the_estimate_instead_of_counting_twice(session):
    agent = find_by_login(session, "agent")
    answer = _answer(session)
    benefits.rate(session, agent, "assistant", answer.id, 15, None)
    benefits.rate(session, agent, "assistant", answer.id, 30, None)
    benefits.rate(session, agent, "assistant", answer.id, None, False)
    rows = session.query(BenefitRating).filter_by(user_id=agent.id).all()
    assert [(r.minutes_saved, r.satisfied) for r in rows] == [(30, False)]


def test_nobody_rates_someone_elses_answer_or_an_unknown_one(session):
    other = find_by_login(session, "rh")
    with pytest.raises(NotFound):
        benefits.rate(session, other, "assistant", _answer(session, "agent").id, 15, None)
    with pytest.raises(NotFound):
        benefits.rate(session, other, "questions-rh", _question(session, "agent").id, 15, None)
    with pytest.raises(NotFound):
        benefits.rate(session, other, "ailleurs", 1, 15, None)


def test_only_the_offered_durations_are_accepted():
    assert benefits.parse_minutes("30") == 30
    assert benefits.parse_minutes("") is None
    for wrong in ("7", "600", "-5", "beaucoup"):
        with pytest.raises(InvalidInput):
            benefits.parse_minutes(wrong)


def test_the_report_puts_hours_saved_beside_tokens_euros_and_energy_per_month(session):
    agent = find_by_login(session, "agent")
    referent = find_by_login(session, "referent")
    last_month = (clock.now().replace(day=1) - timedelta(days=1)).replace(day=15, hour=10)
    earlier = [benefits.rate(session, agent, "assistant", _answer(session).id, 60, True),
               benefits.rate(session, find_by_login(session, "rh"), "assistant", _answer(session, "rh").id,
                             30, False)]
    for rating in earlier:
        rating.rated_at = last_month
    session.add(UsageRecord(at=last_month, user_id=agent.id, source="assistant", model="petit",
                            prompt_tokens=900, completion_tokens=100, cost_eur=1.5, energy_kwh=0.02))
    session.add(UsageRecord(at=last_month, user_id=agent.id, source="espaces", model="petit",
                            prompt_tokens=5000, completion_tokens=0, cost_eur=9.0))
    benefits.rate(session, agent, "assistant", _answer(session).id, 15, True)
    session.flush()

    assistant = next(b for b in benefits.report(session, referent) if b.use_case.platform_module == "assistant")
    previous, = [m for m in assistant.by_month if m.month == last_month.strftime("%Y-%m")]
    assert (previous.ratings, previous.hours, previous.satisfaction) == (2, 1.5, 0.5)
    assert (previous.calls, previous.tokens, previous.cost_eur) == (1, 1000, 1.5)   # not the workspace's call
    assert len(assistant.by_month) == 2
    assert assistant.total.minutes == 105
    assert assistant.eur_per_hour_saved == pytest.approx(1.5 / 1.75)


def test_agents_never_read_the_figures(session):
    with pytest.raises(Forbidden):
        benefits.report(session, find_by_login(session, "agent"))


def test_an_agent_rates_an_answer_without_javascript_and_comes_back_to_it(client, login, demo_database):
    with demo_database.session() as s:
        question_id = _question(s).id
    login(client, Role.AGENT)
    page = client.get(f"/questions-rh/reponses/{question_id}")
    assert "Temps gagné grâce à cette réponse" in text_of(page)
    token = csrf_of(client, f"/questions-rh/reponses/{question_id}")
    response = client.post("/gouvernance/temps-gagne", data={
        "csrf_token": token, "reponse": f"questions-rh:{question_id}", "minutes": "15",
        "retour": f"/questions-rh/reponses/{question_id}"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/questions-rh/reponses/{question_id}"
    assert "15 min de temps gagné" in text_of(client.get(response.headers["location"]))


def test_with_javascript_the_same_form_answers_in_place(client, login, demo_database):
    with demo_database.session() as s:
        answer = _answer(s)
        conversation_id, answer_id = answer.conversation_id, answer.id
    login(client, Role.AGENT)
    page = text_of(client.get(f"/assistant/conversations/{conversation_id}"))
    assert f'value="assistant:{answer_id}"' in page
    token = csrf_of(client, f"/assistant/conversations/{conversation_id}")
    response = client.post("/gouvernance/temps-gagne", headers={"Accept": "application/json"}, data={
        "csrf_token": token, "reponse": f"assistant:{answer_id}", "satisfait": "oui"})
    assert response.json() == {"message": "Merci, votre estimation est enregistrée : réponse satisfaisante."}


def test_a_return_address_never_leads_off_the_site(client, login, demo_database):
    with demo_database.session() as s:
        question_id = _question(s).id
    login(client, Role.AGENT)
    token = csrf_of(client, "/questions-rh")
    response = client.post("/gouvernance/temps-gagne", data={
        "csrf_token": token, "reponse": f"questions-rh:{question_id}", "minutes": "5",
        "retour": "//ailleurs.example/piege"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_the_dgs_exports_the_cost_benefit_summary_as_csv_and_odt(client, login, demo_database):
    with demo_database.session() as s:
        agent = find_by_login(s, "agent")
        benefits.rate(s, agent, "assistant", _answer(s).id, 60, True)
    login(client, Role.REFERENT_IA)
    page = text_of(client.get("/gouvernance/benefices"))
    assert "1,0 h gagnées" in page or "1.0 h gagnées" in page
    rows = list(csv.reader(io.StringIO(client.get("/gouvernance/benefices.csv").text.lstrip("\ufeff")),
                           delimiter=";"))
    assert rows[0] == benefits.SUMMARY_HEADER
    total = next(r for r in rows if r[2] == "12 derniers mois" and r[0].startswith("Assistant"))
    assert total[3:6] == ["1", "1.0", "100"]
    odt = client.get("/gouvernance/benefices.odt")
    with zipfile.ZipFile(io.BytesIO(odt.content)) as document:
        content = document.read("content.xml").decode("utf-8")
    assert "Bilan coûts / bénéfices" in content and "Assistant d'IA générative" in content
    with demo_database.session() as s:
        exports = [e.object_id for e in s.query(AuditEvent).filter_by(action="export")]
    assert {"temps-gagne-et-couts-ia.csv", "bilan-couts-benefices-ia.odt"} <= set(exports)


def test_an_experimentation_is_evaluated_on_measured_criteria(session):
    referent = find_by_login(session, "referent")
    use_case = _module(session, "hrdesk")
    criterion = evaluation.save(session, referent, use_case, {
        "label": "Part des réponses satisfaisantes", "target": "80 %"})
    assert evaluation.verdict(evaluation.criteria(session, referent, use_case)) == \
        "0 critère(s) atteint(s) sur 1 ; 1 encore à mesurer."
    with pytest.raises(InvalidInput, match="valeur mesurée"):
        evaluation.save(session, referent, use_case, {"label": "Part des réponses satisfaisantes",
                                                      "target": "80 %", "status": "atteint"}, criterion.id)
    evaluation.save(session, referent, use_case, {"label": "Part des réponses satisfaisantes", "target": "80 %",
                                                  "measured": "86 %", "status": "atteint"}, criterion.id)
    assert evaluation.verdict(evaluation.criteria(session, referent, use_case)) == "1 critère(s) atteint(s) sur 1."
    with pytest.raises(Forbidden):
        evaluation.save(session, find_by_login(session, "agent"), use_case, {"label": "Mon critère"})


def test_the_evaluation_page_shows_targets_and_measures_to_everyone(client, login, demo_database):
    with demo_database.session() as s:
        use_case_id = _module(s, "assistant").id
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, f"/gouvernance/cas-usage/{use_case_id}/evaluation")
    client.post(f"/gouvernance/cas-usage/{use_case_id}/evaluation", data={
        "csrf_token": token, "intitule": "Temps gagné par agent et par semaine", "cible": "30 min",
        "mesure": "42 min", "statut": "atteint"})
    login(client, Role.AGENT)
    page = text_of(client.get(f"/gouvernance/cas-usage/{use_case_id}/evaluation"))
    assert "Temps gagné par agent et par semaine" in page and "42 min" in page
    assert "Ajouter un critère" not in page


def test_questions_rh_shows_its_real_model_cost_beside_the_time_it_saved(session):
    """Questions RH's model calls are recorded by the usage accounting under « questions-rh »."""
    agent = find_by_login(session, "agent")
    benefits.rate(session, agent, "questions-rh", _question(session).id, 30, True)
    session.add(UsageRecord(at=clock.now(), user_id=agent.id, source="questions-rh", model="petit",
                            prompt_tokens=1200, completion_tokens=80, cost_eur=0.5, energy_kwh=0.001))
    session.flush()
    report = {b.use_case.platform_module: b for b in benefits.report(session, find_by_login(session, "referent"))}
    hrdesk = report["hrdesk"]
    assert hrdesk.counts_usage
    assert (hrdesk.total.calls, hrdesk.total.tokens, hrdesk.total.cost_eur) == (1, 1280, 0.5)
    assert hrdesk.eur_per_hour_saved == pytest.approx(1.0)
