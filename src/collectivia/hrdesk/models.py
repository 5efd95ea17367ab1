"""Questions RH tables: questions asked, hand-overs to the HR service, FAQ, feedback."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base
from collectivia.core.models import User

# what the bot did with a question
ANSWERED = "répondu"        # cited answer from the texts
FROM_FAQ = "faq"            # answer published earlier by the HR service
ABSTAINED = "sans_réponse"  # not confident: said so and offered the hand-over
LINKED = "textes_liés"      # no longer given (before the citation policy): passages shown without a
                            # citation; read as an abstention, since no article answered

TICKET_OPEN = "ouvert"
TICKET_ANSWERED = "répondu"


class HrQuestion(Base):
    """One question asked by an agent, and the answer the bot gave."""

    __tablename__ = "hrdesk_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    answer: Mapped[str] = mapped_column(Text, default="")
    # JSON: [{"ref", "chunk_id"}], plus "lie": true for a related text that is not a citation
    citations: Mapped[str] = mapped_column(Text, default="[]")
    reason: Mapped[str] = mapped_column(Text, default="")        # why the bot abstained
    mode: Mapped[str] = mapped_column(String(20), default="extractif")
    model: Mapped[str] = mapped_column(String(120), default="")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # model sentences removed
    faq_id: Mapped[int | None] = mapped_column(ForeignKey("hrdesk_faq.id", ondelete="SET NULL"),
                                               nullable=True)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    asked_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)
    # the date the question is about, when the agent gave one (else the day it was asked)
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True)

    user: Mapped[User] = relationship()
    ticket: Mapped[HrTicket | None] = relationship(back_populates="question", uselist=False)
    feedback: Mapped[HrFeedback | None] = relationship(back_populates="question", uselist=False)


class HrTicket(Base):
    """A question handed over to the HR service ("Transmettre au service RH")."""

    __tablename__ = "hrdesk_tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("hrdesk_questions.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=TICKET_OPEN, index=True)
    details: Mapped[str] = mapped_column(Text, default="")     # what the agent added
    response: Mapped[str] = mapped_column(Text, default="")
    refs: Mapped[str] = mapped_column(String(500), default="")     # articles the answer cites
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    question: Mapped[HrQuestion] = relationship(back_populates="ticket")
    answered_by: Mapped[User | None] = relationship()


class FaqEntry(Base):
    """An answer the HR service published: the bot gives it first when a question matches."""

    __tablename__ = "hrdesk_faq"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    refs: Mapped[str] = mapped_column(String(500), default="")   # "L621-1; Règlement, art. 1"
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    ticket_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the hand-over it came from
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # of the question


class HrFeedback(Base):
    """Utile / pas utile, and an optional comment, on one answer."""

    __tablename__ = "hrdesk_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("hrdesk_questions.id"), unique=True)
    useful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    question: Mapped[HrQuestion] = relationship(back_populates="feedback")


REVIEW_FAQ = "faq"
REVIEW_TICKET = "demande"


class HrReview(Base):
    """"À revoir": a FAQ entry or an answered hand-over citing an article that changed.

    Created when a Légifrance update modifies or repeals the article (`law_changes`), with
    the diff between the version the answer relied on and the new one; the FAQ entry is not
    given to agents until HR marks it reviewed.
    """

    __tablename__ = "hrdesk_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))            # faq, demande
    faq_id: Mapped[int | None] = mapped_column(ForeignKey("hrdesk_faq.id", ondelete="CASCADE"),
                                               nullable=True, index=True)
    ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("hrdesk_tickets.id", ondelete="CASCADE"), nullable=True)
    ref: Mapped[str] = mapped_column(String(80))
    change: Mapped[str] = mapped_column(String(20))          # modifié, abrogé
    effective: Mapped[date | None] = mapped_column(Date, nullable=True)
    old_chunk_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_chunk_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    diff: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)

    faq: Mapped[FaqEntry | None] = relationship()
    ticket: Mapped[HrTicket | None] = relationship()
