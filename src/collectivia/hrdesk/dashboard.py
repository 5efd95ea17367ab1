"""The HR service's view of the chatbot: volume, answered, handed over, satisfaction, gaps.

Each question counts as what the agent got: a cited answer from the texts,
the FAQ, or "les textes ne répondent pas" (related texts offered under an
abstention do not make it an answer; nor do the "textes liés" of older
answers). The unanswered questions are the to-do list of the FAQ: what agents
ask that the texts do not answer. They are listed without the asker's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.core.roles import ensure_role
from collectivia.hrdesk.models import ABSTAINED, ANSWERED, FROM_FAQ, LINKED, HrQuestion
from collectivia.hrdesk.service import HR

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


@dataclass
class MonthStats:
    key: str            # "2026-11"
    label: str          # "novembre 2026"
    questions: int = 0
    answered: int = 0
    from_faq: int = 0
    abstained: int = 0
    handed_over: int = 0
    feedback: int = 0
    useful: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def answered_share(self):
        return self.share(self.answered + self.from_faq, self.questions)

    @property
    def handed_over_share(self):
        return self.share(self.handed_over, self.questions)

    @property
    def satisfaction(self):
        return self.share(self.useful, self.feedback)


@dataclass
class Dashboard:
    months: list[MonthStats]
    total: MonthStats
    unanswered: list[HrQuestion]
    unhelpful: list[HrQuestion]


def _tally(questions: list[HrQuestion]) -> tuple[list[MonthStats], MonthStats]:
    """Per month (latest first) and in total: what the agents got."""
    months: dict[str, MonthStats] = {}
    total = MonthStats("total", "Total")
    for q in questions:
        key = q.asked_at.strftime("%Y-%m")
        month = months.setdefault(key, MonthStats(key, f"{MONTHS[q.asked_at.month - 1]} "
                                                       f"{q.asked_at.year}"))
        for stats in (month, total):
            stats.questions += 1
            stats.answered += q.outcome == ANSWERED
            stats.from_faq += q.outcome == FROM_FAQ
            stats.abstained += q.outcome in (ABSTAINED, LINKED)
            stats.handed_over += q.ticket is not None
            if q.feedback is not None:
                stats.feedback += 1
                stats.useful += q.feedback.useful
    return sorted(months.values(), key=lambda m: m.key, reverse=True), total


def _questions(session: Session, since: datetime | None = None) -> list[HrQuestion]:
    query = select(HrQuestion).order_by(HrQuestion.asked_at)
    if since is not None:
        query = query.where(HrQuestion.asked_at >= since)
    return list(session.execute(query).scalars())


def build(session: Session, user: User, unanswered_limit: int = 50) -> Dashboard:
    ensure_role(user, *HR, action="consulter le tableau de bord Questions RH")
    questions = _questions(session)
    months, total = _tally(questions)
    unanswered = [q for q in reversed(questions)
                  if q.outcome in (ABSTAINED, LINKED)][:unanswered_limit]
    unhelpful = [q for q in reversed(questions)
                 if q.feedback is not None and not q.feedback.useful][:unanswered_limit]
    return Dashboard(months, total, unanswered, unhelpful)


def quality(session: Session, since: datetime) -> tuple[list[MonthStats], MonthStats]:
    """The figures alone, since a date: never a question's text nor who asked it. For readers
    outside the HR service (the ethics committee); the caller checks who reads."""
    return _tally(_questions(session, since))


def csv_rows(board: Dashboard) -> tuple[list[str], list[list]]:
    header = ["mois", "questions", "repondues_textes", "repondues_faq", "sans_reponse",
              "transmises_rh", "avis", "avis_utiles", "part_repondue", "part_transmise",
              "satisfaction"]
    rows = []
    for m in [*board.months, board.total]:
        rows.append([m.key if m.key != "total" else "total", m.questions, m.answered, m.from_faq,
                     m.abstained, m.handed_over, m.feedback, m.useful,
                     _pct(m.answered_share), _pct(m.handed_over_share), _pct(m.satisfaction)])
    return header, rows


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}".replace(".", ",")


def unanswered_rows(board: Dashboard) -> tuple[list[str], list[list]]:
    """The questions the texts did not answer (no asker's name): the FAQ's to-do list."""
    header = ["date", "question", "motif", "transmise_rh"]
    return header, [[q.asked_at.strftime("%Y-%m-%d %H:%M"), q.text, q.reason,
                     "oui" if q.ticket else "non"] for q in board.unanswered]
