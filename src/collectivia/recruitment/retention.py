"""Retention (RGPD): candidates' data ends when the period the offer announces is over, or
earlier, when a candidate asks for it to be erased.

The offer tells candidates their data is kept for a set time after the
recruitment closes (`recruitment_retention_months`, two years by default);
`collectivia recruitment purge`, run every night, keeps that promise. What goes,
for each candidature: its row (CV text, anonymous CV, letter), its uploaded
originals in the file store (unless another row still names the same file:
another candidature, a CV batch still queued), its screenings, corrections and decisions, and its pseudonym scope
in the privacy vault (`candidate:<id>`), so that nothing left can be
re-identified. What stays: the posting and its offer texts (public), the number
of candidatures removed, and the audit log, whose events carry counts and
identifiers, never a name.

Rows are deleted (and flushed) before files: if the transaction then fails,
the next run finds the rows again and finishes the work.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.privacy.service import forget
from collectivia.recruitment.candidates import get_candidate
from collectivia.recruitment.models import (
    Candidate, CandidateDocument, Correction, Decision, Posting, Screening)
from collectivia.recruitment.service import MANAGERS

CLOSED = "clôturée"


def retention_months(settings) -> int:
    return max(1, settings.recruitment_retention_months)


def months_after(moment: datetime, months: int) -> datetime:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge_date(posting: Posting, settings) -> datetime | None:
    """When the posting's candidatures will be purged; None while it is not closed."""
    if posting.status != CLOSED or posting.closed_at is None:
        return None
    return months_after(posting.closed_at, retention_months(settings))


@dataclass
class Removal:
    """What removing candidatures deleted: counts only, the shape of the audit details."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("candidatures", "documents", "fichiers", "analyses", "corrections", "decisions",
         "pseudonymes"), 0))

    def add(self, other: Removal) -> None:
        for key, value in other.counts.items():
            self.counts[key] += value


def _count(session: Session, model, ids: list[int]) -> int:
    return session.execute(select(func.count()).select_from(model)
                           .where(model.candidate_id.in_(ids))).scalar_one()


def remove_candidates(session: Session, settings, posting: Posting, ids: list[int]) -> Removal:
    """Delete these candidatures of the posting, their originals and their pseudonyms."""
    removal = Removal()
    if not ids:
        return removal
    digests = set(session.execute(select(CandidateDocument.sha256)
                                  .where(CandidateDocument.candidate_id.in_(ids))).scalars())
    counts = removal.counts
    counts["candidatures"] = len(ids)
    for key, model in (("documents", CandidateDocument), ("analyses", Screening),
                       ("corrections", Correction), ("decisions", Decision)):
        counts[key] = _count(session, model, ids)
        session.execute(delete(model).where(model.candidate_id.in_(ids)))
    session.execute(delete(Candidate).where(Candidate.id.in_(ids)))
    counts["pseudonymes"] = forget(session, *[f"candidate:{i}" for i in ids])
    posting.candidates_removed += len(ids)
    session.flush()
    session.expire(posting, ["candidates"])
    # a file another row still names stays (another candidature's, a queued batch's input)
    counts["fichiers"] = FileStore(settings).discard_unreferenced(session, sorted(digests))
    return removal


def purge_expired(session: Session, settings) -> Removal:
    """Remove the candidatures of every posting closed for longer than the retention period.

    Run by the system (`collectivia recruitment purge`, nightly): audited per posting and
    once for the run, with counts.
    """
    months = retention_months(settings)
    limit = months_after(clock.now(), -months)
    due = list(session.execute(
        select(Posting).where(Posting.status == CLOSED, Posting.closed_at <= limit)
        .order_by(Posting.id)).scalars())
    total, postings = Removal(), 0
    for posting in due:
        ids = [c.id for c in posting.candidates]
        if not ids:
            continue
        removal = remove_candidates(session, settings, posting, ids)
        posting.purged_at = clock.now()
        postings += 1
        total.add(removal)
        audit.record(session, "recruitment.posting.purge", object_type="offre",
                     object_id=posting.id, details={**removal.counts, "conservation_mois": months})
    audit.record(session, "recruitment.purge",
                 details={"offres": postings, **total.counts, "conservation_mois": months})
    return total


def erase_candidate(session: Session, user: User, settings, candidate_id: int,
                    confirmed: bool) -> tuple[Posting, Removal]:
    """Erase one candidature now, on the candidate's request (RGPD, article 17)."""
    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    if not confirmed:
        raise InvalidInput("Cochez la case confirmant que la personne a demandé l'effacement de "
                           "sa candidature : l'effacement est définitif.")
    posting = candidate.posting
    removal = remove_candidates(session, settings, posting, [candidate.id])
    audit.record(session, "recruitment.candidate.erase", actor=user, object_type="candidature",
                 object_id=candidate_id, details={"offre": posting.id, **removal.counts})
    return posting, removal
