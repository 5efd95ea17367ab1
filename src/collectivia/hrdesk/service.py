"""Questions RH as users act on it: ask, hand over, answer a hand-over, publish, give feedback.

Every agent asks and sees only their own questions; the HR service
(gestionnaire_rh) answers the hand-overs and curates the FAQ. The audit log
records what happened (outcome, counts, ids), never the question's text.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import Conflict, InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.hrdesk.answer import Answer
from collectivia.hrdesk.answering import respond
from collectivia.hrdesk import faq
from collectivia.hrdesk.faq import joined_refs, parse_refs
from collectivia.hrdesk.models import (ABSTAINED, TICKET_ANSWERED, TICKET_OPEN, FaqEntry,
                                       HrFeedback, HrQuestion, HrTicket)
from collectivia.knowledge.service import find_cited

HR = (Role.GESTIONNAIRE_RH,)
MAX_DETAILS = 4000
MAX_RESPONSE = 8000
MAX_COMMENT = 2000


def ask(session: Session, user: User, question: str, settings=None,
        on: date | None = None) -> tuple[HrQuestion, Answer]:
    """Answer the question from the texts in force on `on` (the day it is asked unless the agent
    names another) and keep it (for the agent's history and the HR dashboard)."""
    ensure_role(user, *ALL_ROLES, action="poser une question RH")
    answer = respond(session, user, question, settings=settings, on=on)
    record = HrQuestion(
        user_id=user.id, text=answer.question, outcome=answer.outcome, answer=answer.text,
        citations=json.dumps([{"ref": p.citation, "chunk_id": p.chunk_id,
                               "version": p.version_label} for p in answer.cited]
                             + [{"ref": p.citation, "chunk_id": p.chunk_id, "lie": True,
                                 "version": p.version_label} for p in answer.related],
                             ensure_ascii=False),
        reason=answer.reason, mode=answer.mode, model=answer.model, flagged=answer.flagged,
        faq_id=answer.faq.id if answer.faq else None, latency_ms=answer.latency_ms, as_of=on)
    session.add(record)
    if answer.faq is not None:
        answer.faq.uses += 1
    session.flush()
    audit.record(session, "hrdesk.question", actor=user, object_type="hrdesk_question",
                 object_id=record.id, details={"issue": answer.outcome, "citations": len(answer.cited),
                                               "mode": answer.mode, "signalee": answer.flagged})
    return record, answer


def own_question(session: Session, user: User, question_id: int) -> HrQuestion:
    """A question of this user (HR may open any, to answer it)."""
    ensure_role(user, *ALL_ROLES, action="consulter une question RH")
    question = session.get(HrQuestion, question_id)
    if question is None or (question.user_id != user.id and user.role not in HR):
        raise NotFound("Cette question n'existe pas ou ne vous appartient pas.")
    return question


def history(session: Session, user: User, limit: int = 20) -> list[HrQuestion]:
    ensure_role(user, *ALL_ROLES, action="consulter ses questions RH")
    return list(session.execute(select(HrQuestion).where(HrQuestion.user_id == user.id)
                                .order_by(HrQuestion.id.desc()).limit(limit)).scalars())


def hand_over(session: Session, user: User, question_id: int, details: str = "") -> HrTicket:
    """"Transmettre au service RH": a ticket in the HR queue (once per question)."""
    question = own_question(session, user, question_id)
    if question.user_id != user.id:
        raise NotFound("Cette question n'existe pas ou ne vous appartient pas.")
    if question.ticket is not None:
        raise Conflict("Cette question a déjà été transmise au service RH.")
    details = details.strip()
    if len(details) > MAX_DETAILS:
        raise InvalidInput(f"Vos précisions sont trop longues ({MAX_DETAILS} caractères au plus).")
    ticket = HrTicket(question_id=question.id, details=details)
    session.add(ticket)
    session.flush()
    audit.record(session, "hrdesk.handover", actor=user, object_type="hrdesk_ticket",
                 object_id=ticket.id, details={"question": question.id,
                                               "sans_reponse": question.outcome == ABSTAINED})
    return ticket


def ticket_queue(session: Session, user: User, status: str = TICKET_OPEN) -> list[HrTicket]:
    ensure_role(user, *HR, action="traiter les questions transmises")
    return list(session.execute(select(HrTicket).where(HrTicket.status == status)
                                .order_by(HrTicket.created_at)).scalars())


def my_tickets(session: Session, user: User) -> list[HrTicket]:
    ensure_role(user, *ALL_ROLES, action="suivre ses questions transmises")
    return list(session.execute(select(HrTicket).join(HrQuestion).where(
        HrQuestion.user_id == user.id).order_by(HrTicket.created_at.desc())).scalars())


def get_ticket(session: Session, user: User, ticket_id: int) -> HrTicket:
    ensure_role(user, *HR, action="traiter les questions transmises")
    ticket = session.get(HrTicket, ticket_id)
    if ticket is None:
        raise NotFound("Cette demande n'existe pas.")
    return ticket


def _check_refs(session: Session, user: User, refs: str) -> str:
    """The references, each found in the code or the collectivité's texts (NotFound with the
    reference if not), stored as the answer will show them."""
    parsed = parse_refs(refs)
    for ref in parsed:
        find_cited(session, user, ref)
    return joined_refs(parsed)


def answer_ticket(session: Session, user: User, ticket_id: int, response: str, refs: str = "",
                  publish: bool = False, faq_question: str = "") -> HrTicket:
    """The HR service answers; optionally publishes the answer to the FAQ."""
    ticket = get_ticket(session, user, ticket_id)
    response = response.strip()
    if not response:
        raise InvalidInput("Écrivez la réponse à transmettre à l'agent.")
    if len(response) > MAX_RESPONSE:
        raise InvalidInput(f"La réponse est trop longue ({MAX_RESPONSE} caractères au plus).")
    if ticket.status == TICKET_ANSWERED:
        raise Conflict("Cette demande a déjà reçu une réponse.")
    refs = _check_refs(session, user, refs)
    ticket.response, ticket.status, ticket.refs = response, TICKET_ANSWERED, refs
    ticket.answered_by_id, ticket.answered_at = user.id, clock.now()
    audit.record(session, "hrdesk.ticket_answered", actor=user, object_type="hrdesk_ticket",
                 object_id=ticket.id, details={"publie_faq": publish})
    if publish:
        publish_faq(session, user, faq_question or ticket.question.text, response, refs,
                    ticket_id=ticket.id)
    return ticket


def publish_faq(session: Session, user: User, question: str, answer: str, refs: str = "",
                ticket_id: int | None = None) -> FaqEntry:
    ensure_role(user, *HR, action="publier dans la FAQ")
    question, answer = " ".join(question.split()), answer.strip()
    if not question or not answer:
        raise InvalidInput("Une entrée de FAQ a besoin d'une question et d'une réponse.")
    if len(question) > 1000 or len(answer) > MAX_RESPONSE:
        raise InvalidInput("La question (1 000 caractères) ou la réponse (8 000) est trop longue.")
    entry = FaqEntry(question=question, answer=answer, refs=_check_refs(session, user, refs),
                     ticket_id=ticket_id, created_by_id=user.id)
    faq.vector_of(entry)
    session.add(entry)
    session.flush()
    audit.record(session, "hrdesk.faq_published", actor=user, object_type="hrdesk_faq",
                 object_id=entry.id)
    return entry


def faq_entries(session: Session, user: User, include_inactive: bool = False) -> list[FaqEntry]:
    ensure_role(user, *ALL_ROLES, action="consulter la FAQ")
    query = select(FaqEntry).order_by(FaqEntry.uses.desc(), FaqEntry.id.desc())
    if not (include_inactive and user.role in HR):
        query = query.where(FaqEntry.active.is_(True))
    return list(session.execute(query).scalars())


def withdraw_faq(session: Session, user: User, entry_id: int) -> FaqEntry:
    ensure_role(user, *HR, action="retirer une entrée de la FAQ")
    entry = session.get(FaqEntry, entry_id)
    if entry is None:
        raise NotFound("Cette entrée de FAQ n'existe pas.")
    entry.active = False
    audit.record(session, "hrdesk.faq_withdrawn", actor=user, object_type="hrdesk_faq",
                 object_id=entry.id)
    return entry


def give_feedback(session: Session, user: User, question_id: int, useful: bool,
                  comment: str = "") -> HrFeedback:
    question = own_question(session, user, question_id)
    if question.user_id != user.id:
        raise NotFound("Cette question n'existe pas ou ne vous appartient pas.")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise InvalidInput(f"Votre commentaire est trop long ({MAX_COMMENT} caractères au plus).")
    feedback = question.feedback or HrFeedback(question_id=question.id, useful=useful)
    feedback.useful, feedback.comment, feedback.created_at = useful, comment, clock.now()
    session.add(feedback)
    session.flush()
    audit.record(session, "hrdesk.feedback", actor=user, object_type="hrdesk_question",
                 object_id=question.id, details={"utile": useful, "commentaire": bool(comment)})
    return feedback


def cited_refs(question: HrQuestion) -> list[dict]:
    """The articles the answer cites as its sources."""
    return [c for c in json.loads(question.citations or "[]") if not c.get("lie")]


def linked_refs(question: HrQuestion) -> list[dict]:
    """The related texts offered to read under the answer or the abstention, never as the answer."""
    return [c for c in json.loads(question.citations or "[]") if c.get("lie")]
