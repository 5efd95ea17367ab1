"""« Textes à jour »: the HR page of the legal sources, what their last update changed,
the décrets followed, and the answers to review because an article they cite changed."""

from __future__ import annotations

import json

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from collectivia.core.roles import Role, ensure_role
from collectivia.hrdesk import law_changes
from collectivia.knowledge.legal import followed, versions
from collectivia.knowledge.models import KnowledgeChunk, LegalSource
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
HR = frozenset({Role.GESTIONNAIRE_RH})
PAGE = "/questions-rh/textes-a-jour"
ACCESS = {f"GET {PAGE}": HR}


def _last_changes(source: LegalSource, session) -> list[dict]:
    """The articles the last update changed, with the ids to open them."""
    if not source.updates:
        return []
    changes = json.loads(source.updates[0].changes or "[]")
    return [c | {"chunk_id": c.get("new_chunk_id") or c.get("old_chunk_id")} for c in changes]


@router.get(PAGE)
def sources_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HR, action="consulter les textes à jour")
        sources = followed.ensure_listed(session)
        reviews = law_changes.open_reviews(session, user)
        chunks = {c.id: c for c in session.execute(select(KnowledgeChunk).where(KnowledgeChunk.id.in_(
            [r.new_chunk_id or r.old_chunk_id for r in reviews] or [0]))).scalars()}
        corpus = versions.corpus_date(session)
        settings = settings_of(request)
        return render(request, "hrdesk/law_sources.html", {
            "sources": sources, "changes": {s.id: _last_changes(s, session) for s in sources},
            "reviews": reviews, "diffs": {r.id: law_changes.diff_parts(r) for r in reviews},
            "chunks": chunks, "corpus_date": corpus, "stale": versions.is_stale(corpus),
            "unlisted": [t for t in followed.shipped_list() if not t.legal_id],
            "credentials": bool(settings.legifrance_client_id and settings.legifrance_client_secret)})


@router.post(PAGE + "/suivi/{source_id}")
def toggle_follow(request: Request, source_id: int, suivre: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HR, action="choisir les textes suivis")
        source = session.get(LegalSource, source_id)
        if source is not None:
            source.followed = suivre == "oui"
            flash(request, f"« {source.short_title or source.title} » "
                           + ("est suivi : il sera mis à jour chaque nuit." if source.followed
                              else "n'est plus suivi."))
        return RedirectResponse(PAGE, status_code=303)


@router.post(PAGE + "/revues/{review_id}")
def mark_reviewed(request: Request, review_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        review = law_changes.resolve(session, user, review_id)
        flash(request, f"Réponse marquée comme revue (article {review.ref})."
                       + (" L'entrée de FAQ est de nouveau proposée aux agents."
                          if review.faq_id else ""))
        return RedirectResponse(PAGE, status_code=303)
