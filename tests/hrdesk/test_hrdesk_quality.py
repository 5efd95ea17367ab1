"""The chatbot keeps its quality on questions it was never tuned on.

`bench/data/hr_qa_fresh.jsonl` (50 questions written from the code by someone who never saw the
retriever, and the re-ranker never trained on) is scored like the shared dev set. The floors sit
a little under what the shipped re-ranker scores there (recall@5 0.873, citation precision 1.000,
abstention 1.000, 64 % of answerable questions answered with a cited article): a change that
makes the bot find fewer articles, cite wrongly or answer what the code does not say fails here,
not in front of an agent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from collectivia.core.models import User
from collectivia.hrdesk import evaluation

FRESH = Path(__file__).resolve().parents[2] / "bench" / "data" / "hr_qa_fresh.jsonl"


@pytest.fixture
def fresh_scores(session):
    agent = session.execute(select(User).where(User.login == "agent")).scalar_one()
    outcomes = evaluation.run(session, agent, evaluation.read_items(FRESH))
    return evaluation.score(outcomes), evaluation.report_lines(outcomes, evaluation.score(outcomes))


def test_on_unseen_questions_the_bot_finds_cites_and_abstains_as_measured(fresh_scores):
    scores, _ = fresh_scores
    assert scores.answerable == 42 and scores.unanswerable == 8
    assert scores.recall_at_5 >= 0.85
    # 0.90 here (3 wrong citations in 30): the bar is set for 0.95 on the 470 questions of the
    # calibration split, a sample nine times larger than these 50
    assert scores.citation_precision >= 0.90
    assert scores.abstention_accuracy >= 0.85
    assert scores.cited_answer_rate >= 0.55


def test_the_report_ends_with_the_line_the_eval_readme_asks_for(fresh_scores):
    _, lines = fresh_scores
    fields = dict(part.split("=") for part in lines[-1].split())
    assert list(fields) == ["recall_at_5", "citation_precision", "abstention_accuracy", "p95_ms",
                            "answered_with_citation"]
    assert all(len(fields[k].split(".")[1]) == 3 for k in fields if k != "p95_ms")
    assert fields["p95_ms"].isdigit()
