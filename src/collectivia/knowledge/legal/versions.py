"""Which version of an article was in force on a date, and what changed after the one cited.

Retrieval and the answer decision see only the versions in force on the
question's date (by default the day it is asked): the older and the future
versions stay in the base, masked before ranking like a restricted document.
A citation says which wording it quotes ("version en vigueur au 15/01/2024");
when the base knows a newer version or a repeal of a cited article, the answer
says so. The corpus is as fresh as its oldest legal text: past twelve months,
Questions RH warns the agents that the texts may have changed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.knowledge.legal.articles import ENDED
from collectivia.knowledge.models import KnowledgeChunk, KnowledgeDocument

LEGAL_KIND = "legifrance"
STALE_AFTER_MONTHS = 12


def today() -> date:
    return clock.now().date()


def not_in_force(on: date):
    """SQL condition: a chunk version that was not (yet, or any more) in force on `on`."""
    return or_(KnowledgeChunk.valid_until <= on, KnowledgeChunk.valid_from > on)


def in_force(on: date):
    return and_(or_(KnowledgeChunk.valid_until.is_(None), KnowledgeChunk.valid_until > on),
                or_(KnowledgeChunk.valid_from.is_(None), KnowledgeChunk.valid_from <= on))


def out_of_force_ids(session: Session, on: date) -> list[int]:
    """The chunk versions to mask on that date (few: only replaced, repealed or future ones)."""
    return list(session.execute(select(KnowledgeChunk.id).where(not_in_force(on))).scalars())


def version_label(valid_from: date | None, valid_until: date | None,
                  corpus_date: date | None) -> str:
    """"version en vigueur au 15/01/2024": the last day the base knows this wording in force
    (the corpus date, or the eve of the day a newer version replaced it)."""
    if valid_from and corpus_date and valid_from > corpus_date:
        return f"version en vigueur à compter du {valid_from:%d/%m/%Y}"
    known = corpus_date
    if valid_until is not None:
        eve = valid_until - timedelta(days=1)
        known = min(eve, known) if known else eve
    return f"version en vigueur au {known:%d/%m/%Y}" if known else ""


@dataclass(frozen=True)
class VersionNotice:
    """A cited article the base knows to have changed after the cited version."""

    chunk_id: int
    ref: str
    message: str
    newer_chunk_id: int | None = None


def notices(session: Session, chunk_ids: list[int], on: date | None = None) -> list[VersionNotice]:
    """For each cited version: a newer version (in force or to come) or a repeal, in words."""
    on = on or today()
    found = []
    for chunk in session.execute(select(KnowledgeChunk).where(
            KnowledgeChunk.id.in_(chunk_ids))).scalars():
        newer = session.execute(select(KnowledgeChunk).where(
            KnowledgeChunk.document_id == chunk.document_id, KnowledgeChunk.ref == chunk.ref,
            KnowledgeChunk.id != chunk.id,
            KnowledgeChunk.valid_from > (chunk.valid_from or date.min))
            .order_by(KnowledgeChunk.valid_from)).scalars().first()
        label = chunk.ref if chunk.document.shipped else f"{chunk.ref} ({chunk.document.title})"
        if newer is not None and newer.valid_from is not None:
            verb = "est en vigueur depuis le" if newer.valid_from <= on else "entrera en vigueur le"
            found.append(VersionNotice(chunk.id, chunk.ref, (
                f"L'article {label} a été modifié : une nouvelle version {verb} "
                f"{newer.valid_from:%d/%m/%Y}. La réponse cite la version antérieure."), newer.id))
        elif chunk.valid_until is not None and chunk.status in ENDED:
            verb = "a été abrogé le" if chunk.valid_until <= on else "sera abrogé le"
            found.append(VersionNotice(chunk.id, chunk.ref,
                                       f"L'article {label} {verb} {chunk.valid_until:%d/%m/%Y}."))
    return found


def corpus_date(session: Session) -> date | None:
    """The date of the oldest legal text of the base (the shipped code, imported texts)."""
    return session.execute(select(func.min(KnowledgeDocument.version_date)).where(
        or_(KnowledgeDocument.shipped.is_(True), KnowledgeDocument.kind == LEGAL_KIND))
    ).scalar_one_or_none()


def months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def is_stale(corpus: date | None, on: date | None = None) -> bool:
    """Older than twelve months: the law has likely changed since."""
    return corpus is not None and corpus < months_before(on or today(), STALE_AFTER_MONTHS)
