"""The ethics committee reads, beside the registry, what each use case costs and brings, how well
Questions RH answers and whether recruitment treats groups alike — aggregates only, since staff
representatives sit on it."""

from __future__ import annotations

from sqlalchemy import select

from collectivia.core import clock
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.governance import benefits, committee
from collectivia.hrdesk.models import HrFeedback, HrQuestion
from collectivia.llm.models import UsageRecord
from collectivia.recruitment import oversight
from collectivia.recruitment.models import Posting
from support import text_of

QUESTION = "Puis-je poser un congé pour le mariage de ma sœur Zoé Lagarrigue ?"


def _hrdesk_month(session) -> None:
    """One Questions RH answer this month: a model call, rated 30 min saved, found useful."""
    agent = find_by_login(session, "agent")
    question = HrQuestion(user_id=agent.id, text=QUESTION, outcome="répondu", answer="Oui [L621-1].",
                          mode="modèle")
    session.add(question)
    session.flush()
    session.add(HrFeedback(question_id=question.id, useful=True))
    session.add(UsageRecord(at=clock.now(), user_id=agent.id, source="questions-rh", model="petit",
                            prompt_tokens=1200, completion_tokens=80, cost_eur=0.25, energy_kwh=0.002))
    benefits.rate(session, agent, "questions-rh", question.id, 30, True)


def test_the_committee_reads_the_same_selection_ratios_as_the_campaigns_bias_audit(session):
    """Counted in SQL over every campaign, without reading a CV: the AI Act file's figures."""
    postings = list(session.execute(select(Posting.id)).scalars())
    audit = oversight.bias_audit(session, find_by_login(session, "dpo"), postings,
                                 counterfactual_check=False)
    parity = committee.recruitment_parity(session)
    assert [(p.dimension, p.stage, p.ratio) for p in parity] == \
        [(t.dimension, t.stage, t.ratio) for t in audit.tables]
    by_sex = next(p for p in parity if (p.dimension, p.stage) == ("sexe", "pré-sélection"))
    assert by_sex.candidates == 8 and by_sex.flagged      # the demo pre-selected one woman, no man


def test_a_staff_representative_sees_time_saved_and_satisfaction_beside_cost_quality_and_bias(
        client, login, demo_database):
    with demo_database.session() as s:
        _hrdesk_month(s)
    login(client, Role.REPRESENTANT_PERSONNEL)
    page = text_of(client.get("/gouvernance/comite"))
    row = page[page.index("Questions RH : réponses sourcées"):]
    row = " ".join(row[:row.index("</tr>")].split())
    # calls, cost, energy, hours saved (ratings), satisfaction, euros per hour saved
    for cell in ("1", "0,25", "0,002", "0,5 (1 avis)", "100 %", "0,50"):
        assert f">{cell}</td>" in row, cell
    assert "Questions RH par mois" in page and "Six derniers mois" in page
    assert "écart signalé" in page
    assert "Lagarrigue" not in page          # figures only, never a question's text


def test_agents_do_not_read_the_committees_figures(client, login):
    login(client, Role.AGENT)
    assert client.get("/gouvernance/comite").status_code == 403
