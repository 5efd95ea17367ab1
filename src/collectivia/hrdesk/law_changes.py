"""When the law changes: the HR service's own answers that cite it are flagged « à revoir ».

A FAQ entry or an answered hand-over that cites an article of the code or of a
followed décret relied on its wording then. When a Légifrance update modifies
or repeals that article (`knowledge.legal.store` calls `articles_changed`),
each such answer gets a review with the word-by-word difference between the two
versions. Until HR marks it reviewed, a flagged FAQ entry is no longer given to
agents: the texts in force answer instead (`faq.match`).

A code article is cited by its own number ("L822-3"). A décret's articles are
numbered 1, 2, 3… in every décret, so such a citation only means something
with the décret's number ("article 5 du décret n° 87-602"): both sides, the
answer and the changed article, are named alike by `decret_article`.
"""

from __future__ import annotations

import difflib
import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.hrdesk.faq import parse_refs
from collectivia.hrdesk.models import (REVIEW_FAQ, REVIEW_TICKET, TICKET_ANSWERED, FaqEntry,
                                       HrReview, HrTicket)
from collectivia.knowledge.chunking import normalise_article_id
from collectivia.knowledge.legal.articles import article_number

CODE_REF = re.compile(r"\b(L\.?\s?\d{1,4}(?:-\d+){1,2}(?:\s(?:A|B|bis|ter))?)\b")
# "décret n° 87-602", "décret n°2004-777", "décret 88-145": its number is the year, a dash, a rank
DECRET = r"\bd[ée]cret\s+(?:n\s?[°º]\s*)?(?P<decret>\d{2}(?:\d{2})?-\d{1,4})\b"
NUMBER = r"(?:\d+(?:er)?(?:-\d+)*(?:\s(?:bis|ter|quater))?|premier)"
# "article 5", "art. 1er", "article premier", "articles 5 et 6", "articles 2, 3 et 7"
ARTICLE = (r"\bart(?:icles?|\.)?\s*(?P<article>" + NUMBER + r"(?:\s*(?:,|\bet\b)\s*" + NUMBER
           + r")*)\b")
SIGNED = r"(?:\s+du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})?"        # " du 30 juillet 1987"
DECRET_TITLE = re.compile(DECRET, re.I)
DECRET_CITATIONS = (re.compile(ARTICLE + r"\s+du\s+" + DECRET, re.I),       # article 5 du décret…
                    re.compile(DECRET + SIGNED + r"\s*,?\s*" + ARTICLE, re.I))  # décret…, art. 5
REVIEWED_CHANGES = ("modifié", "abrogé")


def decret_article(decret: str, article: str) -> str:
    """"3 du décret n° 85-1250": what an answer's citation and a changed article are matched
    on, and what HR reads after « l'article » on the review."""
    return f"{article_number(article)} du décret n° {decret}"


def refs_in(refs: str, text: str) -> set[str]:
    """The articles an answer cites, in its declared references and in its words: the code's by
    their number, a décret's as `decret_article` names them."""
    cited = set(parse_refs(refs)) | {normalise_article_id(m) for m in CODE_REF.findall(text or "")}
    words = f"{refs}\n{text or ''}"
    return cited | {decret_article(m["decret"], article)
                    for pattern in DECRET_CITATIONS for m in pattern.finditer(words)
                    for article in _listed(m["article"])}


def _listed(articles: str) -> list[str]:
    """"5 et 6" -> ["5", "6"]; "premier" -> ["1"]."""
    return ["1" if part.lower() == "premier" else part
            for part in re.split(r"\s*(?:,|\bet\b)\s*", articles) if part]


def cited_as(change) -> str | None:
    """How an answer cites the changed article: by its number in the shipped code, with the
    décret's number (read from its document's title, "Décret n° 85-1250 du 26 novembre 1985")
    in a followed décret; None for another kind of text (a loi, an arrêté), not recognised."""
    if change.shipped:
        return change.ref
    decret = DECRET_TITLE.match(change.document_title)
    return decret_article(decret["decret"], change.ref) if decret else None


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[("=", same words), ("-", removed), ("+", added)…]: readable on a legal sentence where a
    line diff would show two whole paragraphs."""
    a, b = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("+", " ".join(b[j1:j2])))
    return parts


def _flag(session: Session, change, ref: str, kind: str, faq_id=None, ticket_id=None) -> bool:
    held = select(HrReview.id).where(HrReview.ref == ref, HrReview.resolved_at.is_(None),
                                     HrReview.faq_id == faq_id if faq_id else
                                     HrReview.ticket_id == ticket_id)
    if session.execute(held).first() is not None:
        return False
    session.add(HrReview(
        kind=kind, faq_id=faq_id, ticket_id=ticket_id, ref=ref, change=change.change,
        effective=change.effective,
        old_chunk_id=change.old_chunk.id if change.old_chunk is not None else None,
        new_chunk_id=change.new_chunk.id if change.new_chunk is not None else None,
        diff=json.dumps(word_diff(change.old_text, change.new_text), ensure_ascii=False)))
    return True


def articles_changed(session: Session, changes) -> int:
    """Flag every FAQ entry and answered hand-over citing a changed article of the code or of a
    décret."""
    relevant = [(ref, c) for c in changes if c.change in REVIEWED_CHANGES
                for ref in [cited_as(c)] if ref]
    if not relevant:
        return 0
    entries = list(session.execute(select(FaqEntry).where(FaqEntry.active.is_(True))).scalars())
    tickets = list(session.execute(select(HrTicket).where(
        HrTicket.status == TICKET_ANSWERED)).scalars())
    flagged = 0
    for ref, change in relevant:
        for entry in entries:
            if ref in refs_in(entry.refs, entry.answer):
                flagged += _flag(session, change, ref, REVIEW_FAQ, faq_id=entry.id)
        for ticket in tickets:
            if ref in refs_in(ticket.refs, ticket.response):
                flagged += _flag(session, change, ref, REVIEW_TICKET, ticket_id=ticket.id)
    session.flush()
    if flagged:
        audit.record(session, "hrdesk.reviews_flagged", object_type="hrdesk_review",
                     details={"a_revoir": flagged, "articles": sorted({ref for ref, _ in relevant})})
    return flagged


def entries_to_review(session: Session) -> set[int]:
    """FAQ entries held back until HR reviews them."""
    held = session.scalars(select(HrReview.faq_id).where(
        HrReview.faq_id.is_not(None), HrReview.resolved_at.is_(None)))
    return {faq_id for faq_id in held if faq_id is not None}


def open_reviews(session: Session, user: User) -> list[HrReview]:
    ensure_role(user, Role.GESTIONNAIRE_RH, action="consulter les réponses à revoir")
    return list(session.execute(select(HrReview).where(HrReview.resolved_at.is_(None))
                                .order_by(HrReview.created_at, HrReview.id)).scalars())


def diff_parts(review: HrReview) -> list[tuple[str, str]]:
    return [tuple(p) for p in json.loads(review.diff or "[]")]


def resolve(session: Session, user: User, review_id: int) -> HrReview:
    """HR has reread (and if need be corrected or withdrawn) the answer: it is given again."""
    ensure_role(user, Role.GESTIONNAIRE_RH, action="marquer une réponse comme revue")
    review = session.get(HrReview, review_id)
    if review is None or review.resolved_at is not None:
        raise NotFound("Cette réponse à revoir n'existe pas ou a déjà été revue.")
    review.resolved_at, review.resolved_by_id = clock.now(), user.id
    audit.record(session, "hrdesk.review_resolved", actor=user, object_type="hrdesk_review",
                 object_id=review.id, details={"article": review.ref, "type": review.kind})
    return review
