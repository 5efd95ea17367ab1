"""Searching the knowledge base as a given user: rights first, then hybrid ranking.

Each process keeps one `LiveIndex` per database in memory and, on every
search, reads the content's version (one number, `knowledge_index_changes`):
if any worker added or removed passages since, only those are applied
(knowledge.live_index), so an upload through another process is searchable
at once without rebuilding anything. Databases copied from one template (the
tests' copies of one demo database) start from one load of it.

Need-to-know holds for counts as for passages: the search's scores, the words
"absent from the texts" and their rarity are all read through `readable`,
the index restricted to the documents the asker may read, so a restricted
note changes nothing an agent can observe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.knowledge import embeddings
from collectivia.knowledge.access import readable_document_ids
from collectivia.knowledge.index import Ranked, tokens
from collectivia.knowledge.legal.versions import LEGAL_KIND, out_of_force_ids, today, version_label
from collectivia.knowledge.live_index import LiveIndex, Readable, current_version
from collectivia.knowledge.models import KnowledgeChunk, KnowledgeDocument


@dataclass
class LoadedIndex:
    version: int
    index: LiveIndex
    chunk_ids: np.ndarray
    doc_ids: np.ndarray


_live: OrderedDict[str, LiveIndex] = OrderedDict()     # per database URL
_loads: OrderedDict[tuple, LiveIndex] = OrderedDict()  # first loads, by content
_lock = threading.Lock()
KEPT = 8


def _content_key(session: Session) -> tuple:
    """What identifies a content on its first load: its version and its documents."""
    count, highest = session.execute(
        select(func.count(KnowledgeChunk.id), func.max(KnowledgeChunk.id))).one()
    documents = session.execute(select(
        KnowledgeDocument.id, KnowledgeDocument.sha256, KnowledgeDocument.chunk_count,
        KnowledgeDocument.created_at, KnowledgeDocument.vectors_pending)
        .order_by(KnowledgeDocument.id)).all()
    return (current_version(session), count, highest,
            tuple(tuple(str(v) for v in row) for row in documents))


def _first_load(session: Session) -> LiveIndex:
    key = _content_key(session)
    base = _loads.get(key)
    if base is None:
        base = LiveIndex().load(session)
        _loads[key] = base
        while len(_loads) > KEPT:
            _loads.popitem(last=False)
    return base.clone()


def loaded_index(session: Session) -> LoadedIndex:
    """This database's index, brought up to the content's version (changes only)."""
    url = str(session.get_bind().engine.url)      # the bind may be an Engine or a Connection
    with _lock:
        index = _live.get(url)
        if index is None or not index.catch_up(session):
            index = _live[url] = _first_load(session)
        _live.move_to_end(url)
        while len(_live) > KEPT:
            _live.popitem(last=False)
        rows = index.rows
        return LoadedIndex(index.version, index, index.chunk_ids[:rows], index.doc_ids[:rows])


@dataclass
class Passage:
    """A retrieved chunk as the answer and the page show it."""

    chunk_id: int
    document_id: int
    document_title: str
    ref: str
    is_article: bool
    section: str
    text: str
    version_date: date | None
    shipped: bool
    score: float = 0.0
    bm25: float = 0.0
    dense: float = 0.0
    bm25_rank: int | None = None
    dense_rank: int | None = None
    valid_from: date | None = None      # a legal article's version: when it was in force
    valid_until: date | None = None
    legal: bool = False                 # a legal text (the code, a décret from Légifrance)

    @property
    def version_label(self) -> str:
        """"version en vigueur au 15/01/2024" for a legal article, "version du …" for a note."""
        if self.legal or self.shipped:
            return version_label(self.valid_from, self.valid_until, self.version_date)
        return f"version du {self.version_date:%d/%m/%Y}" if self.version_date else ""

    @property
    def citation(self) -> str:
        """What an answer writes between brackets: "L621-1", or "Note télétravail, art. 3"."""
        if self.shipped:
            return self.ref
        label = f"art. {self.ref}" if self.is_article else self.ref
        return f"{self.document_title}, {label}"


def passage_of(chunk: KnowledgeChunk, ranked: Ranked | None = None) -> Passage:
    doc = chunk.document
    passage = Passage(chunk.id, doc.id, doc.title, chunk.ref, chunk.is_article, chunk.section,
                      chunk.text, doc.version_date, doc.shipped, valid_from=chunk.valid_from,
                      valid_until=chunk.valid_until, legal=doc.shipped or doc.kind == LEGAL_KIND)
    if ranked is not None:
        passage.score, passage.bm25, passage.dense = ranked.score, ranked.bm25, ranked.dense
        passage.bm25_rank, passage.dense_rank = ranked.bm25_rank, ranked.dense_rank
    return passage


@dataclass
class Query:
    """A question prepared once for the index: its stems and its vector."""

    text: str
    stems: list[str]
    vector: np.ndarray | None

    @classmethod
    def of(cls, text: str, with_vector: bool = True) -> Query:
        return cls(text, tokens(text), embeddings.embed_query(text) if with_vector else None)


def readable(session: Session, documents: Collection[int]) -> Readable:
    """The index as someone who may read these documents sees it (`readable_document_ids` for a
    user's rights; a workspace's own documents for its members)."""
    loaded = loaded_index(session)
    return loaded.index.readable(np.isin(loaded.doc_ids, list(documents)))


def search(session: Session, user: User, query: Query | str, k: int = 10,
           mode: str = "hybrid", on: date | None = None,
           within: Collection[int] | None = None) -> list[Passage]:
    """The k best passages the user may read, in the version in force on `on` (the day of the
    question by default): rights and dates both applied before ranking, and the BM25 weights
    those of the readable passages alone. `within` searches these documents only, instead of the
    user's readable ones: for a caller that checked the rights itself (a shared workspace, for
    its members)."""
    if isinstance(query, str):
        query = Query.of(query, with_vector=mode != "bm25")
    view = readable(session, readable_document_ids(session, user) if within is None else within)
    allowed = view.mask.copy()
    masked = out_of_force_ids(session, on or today())
    if masked:
        allowed &= ~np.isin(view.index.chunk_ids[:view.rows], masked)
    ranked = view.index.search(query.stems, query.vector, allowed=allowed, k=k, mode=mode,
                               readable=view)
    if not ranked:
        return []
    ids = [int(view.index.chunk_ids[r.position]) for r in ranked]
    chunks = {c.id: c for c in session.execute(
        select(KnowledgeChunk).where(KnowledgeChunk.id.in_(ids))
        .join(KnowledgeDocument)).scalars()}
    return [passage_of(chunks[i], r) for i, r in zip(ids, ranked, strict=True) if i in chunks]


def unknown_terms(view: Readable, query: Query) -> list[str]:
    """Stems of the question that no passage the asker may read contains at all."""
    return [s for s in dict.fromkeys(query.stems) if not view.known(s)]
