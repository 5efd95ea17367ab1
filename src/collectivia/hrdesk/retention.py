"""How long Questions RH keeps what agents asked: the purge run every night by the job queue.

A question, its answer, the agent's opinion and its hand-over to the HR
service (ticket, review flags) go `hrdesk_retention_days` after it was asked.
A hand-over the HR service has not answered yet waits: the agent is owed an
answer. The FAQ stays (written by the HR service, it names no agent). The
pseudonyms of an agent's questions share one vault scope per agent, so they
go when that agent has no question left.
"""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.hrdesk.models import TICKET_OPEN, HrFeedback, HrQuestion, HrReview, HrTicket
from collectivia.settings import Settings


def remove_questions(session: Session, ids: list[int]) -> dict[str, int]:
    """Delete these questions with their opinions, hand-overs and review flags; counts only."""
    counts = {"questions": len(ids), "avis": 0, "demandes": 0}
    if not ids:
        return counts
    tickets = list(session.execute(select(HrTicket.id).where(HrTicket.question_id.in_(ids))).scalars())
    if tickets:
        session.execute(delete(HrReview).where(HrReview.ticket_id.in_(tickets)))
        counts["demandes"] = len(tickets)
        session.execute(delete(HrTicket).where(HrTicket.id.in_(tickets)))
    counts["avis"] = cast(CursorResult, session.execute(
        delete(HrFeedback).where(HrFeedback.question_id.in_(ids)))).rowcount or 0
    owners = set(session.execute(select(HrQuestion.user_id).where(HrQuestion.id.in_(ids))).scalars())
    session.execute(delete(HrQuestion).where(HrQuestion.id.in_(ids)))
    _forget_finished_scopes(session, owners)
    session.expire_all()
    return counts


def _forget_finished_scopes(session: Session, owners: set[int]) -> None:
    from collectivia.privacy.service import forget

    left = set(session.execute(select(HrQuestion.user_id).where(HrQuestion.user_id.in_(owners))
                               .group_by(HrQuestion.user_id).having(func.count() > 0)).scalars())
    forget(session, *[f"hrdesk:{owner}" for owner in sorted(owners - left)])


def purge_expired(session: Session, settings: Settings) -> dict[str, int]:
    """Remove questions older than the retention period (audited, counts only); how many
    questions, opinions and hand-overs went."""
    limit = clock.now() - timedelta(days=settings.hrdesk_retention_days)
    waiting = select(HrTicket.question_id).where(HrTicket.status == TICKET_OPEN)
    ids = list(session.execute(select(HrQuestion.id).where(
        HrQuestion.asked_at < limit, HrQuestion.id.not_in(waiting))).scalars())
    counts = remove_questions(session, ids)
    audit.record(session, "hrdesk.purge", details={**counts,
                                                    "conservation_jours": settings.hrdesk_retention_days})
    return counts
