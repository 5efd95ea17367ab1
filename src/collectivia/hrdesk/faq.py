"""The FAQ the HR service builds from its answers, and how a new question finds an entry.

An entry matches when the new question means the same thing (cosine of the
e5 vectors) and shares most of its words; both conditions, because e5 puts
any two HR questions fairly close together. A matching entry is answered
before the texts are searched: it is the HR service's own word.
"""

from __future__ import annotations

import re
from datetime import date
from typing import cast

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.knowledge import embeddings
from collectivia.knowledge.chunking import normalise_article_id
from collectivia.core.errors import NotFound
from collectivia.knowledge.retrieval import Passage, Query
from collectivia.hrdesk.models import FaqEntry

SAME_MEANING = 0.93
CLOSE_MEANING = 0.89
SHARED_WORDS = 0.5


def _jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def vector_of(entry: FaqEntry) -> np.ndarray:
    """The entry's question vector, computed on first use (demo entries are stored without)."""
    if entry.vector is None:
        entry.vector = embeddings.to_bytes(embeddings.embed_query(entry.question))
    return cast(np.ndarray, embeddings.from_bytes(entry.vector))      # set just above


def match(session: Session, query: Query) -> FaqEntry | None:
    """The published entry meaning the same as the question; never one HR must review because
    an article it cites has changed (the texts in force answer instead)."""
    if query.vector is None:
        return None
    from collectivia.hrdesk.law_changes import entries_to_review

    held = entries_to_review(session)
    entries = [e for e in session.execute(select(FaqEntry).where(FaqEntry.active.is_(True))).scalars()
               if e.id not in held]
    best, best_score = None, 0.0
    for entry in entries:
        vector = vector_of(entry)
        cosine = float(np.dot(vector.astype(np.float32), query.vector))
        shared = _jaccard(Query.of(entry.question, with_vector=False).stems, query.stems)
        if cosine >= SAME_MEANING or (cosine >= CLOSE_MEANING and shared >= SHARED_WORDS):
            if cosine > best_score:
                best, best_score = entry, cosine
    return best


CODE_ID = re.compile(r"^\s*(?:art(?:icle)?\.?\s*)?[LRD]\.?\s*\d", re.I)


def parse_refs(value: str) -> list[str]:
    """The references an HR answer rests on, separated by ";" or line breaks, or by commas
    between code articles ("L621-1, L612-3"): a reference to the collectivité's own texts
    has a comma of its own ("Règlement intérieur, art. 1") and is kept whole."""
    refs = []
    for piece in re.split(r"[;\n]", value):
        parts = [p for p in piece.split(",") if p.strip()]
        if parts and all(CODE_ID.match(p) for p in parts):
            refs += [normalise_article_id(p) for p in parts]
        elif piece.strip():
            refs.append(normalise_article_id(piece))
    return refs


def joined_refs(refs: list[str]) -> str:
    return "; ".join(refs)


def cited_passages(session: Session, user: User, entry: FaqEntry, on: date | None = None
                   ) -> list[Passage]:
    from collectivia.knowledge.service import find_cited

    passages = []
    for ref in parse_refs(entry.refs):
        try:
            passages.append(find_cited(session, user, ref, on))
        except NotFound:
            continue
    return passages
