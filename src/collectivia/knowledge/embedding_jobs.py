"""Passage vectors of uploaded documents, computed by a queued job.

Embedding costs ~0.3 s a passage on this 2-core machine: a 100-article
règlement intérieur would hold the upload request for half a minute. So an
upload is stored and indexed for BM25 at once (searchable when the page comes
back), marked `vectors_pending`, and `start` queues one job
(`collectivia.jobs`) that embeds its passages batch by batch. The job is
claimed by one worker only (and holds the queue lock "embeddings": two
workers never embed side by side), so several web processes never embed the
same document twice. When the last batch is written the flag drops and the
next search sees the new vectors. If the worker stops half-way, the document
stays pending (still found by its words) and the job's retry, or the next
`start` (the HR documents page calls it when it shows a pending document),
finishes it; a failing model leaves the document pending and is logged.
"""

from __future__ import annotations

import logging

from sqlalchemy import select, update

from collectivia.core.db import Database
from collectivia.knowledge import embeddings
from collectivia.knowledge.models import KnowledgeChunk, KnowledgeDocument

log = logging.getLogger(__name__)
BATCH = 16


def pending_documents(database: Database) -> list[int]:
    with database.session() as session:
        return list(session.execute(select(KnowledgeDocument.id).where(
            KnowledgeDocument.vectors_pending.is_(True)).order_by(KnowledgeDocument.id)).scalars())


def embed_document(database: Database, document_id: int) -> int:
    """Embed the passages of one document still without a vector; the number embedded."""
    done = 0
    while True:
        with database.session() as session:
            rows = session.execute(
                select(KnowledgeChunk.id, KnowledgeChunk.heading, KnowledgeChunk.ref,
                       KnowledgeChunk.text, KnowledgeChunk.is_article)
                .where(KnowledgeChunk.document_id == document_id, KnowledgeChunk.vector.is_(None))
                .order_by(KnowledgeChunk.position).limit(BATCH)).all()
        if not rows:
            break
        # two passages per hold of the model's lock (~0.6 s): an agent's question asked
        # meanwhile waits at most that long for its own query vector
        vectors = embeddings.embed_passages(
            [embeddings.passage_text(r.heading, r.ref, r.text, r.is_article) for r in rows],
            batch=2)
        with database.session() as session:       # the document may have been removed meanwhile
            for row, vector in zip(rows, vectors, strict=True):
                session.execute(update(KnowledgeChunk).where(KnowledgeChunk.id == row.id)
                                .values(vector=embeddings.to_bytes(vector)))
        done += len(rows)
    with database.session() as session:
        session.execute(update(KnowledgeDocument).where(KnowledgeDocument.id == document_id)
                        .values(vectors_pending=False))
    return done


def embed_pending(database: Database) -> int:
    """Every pending document, oldest first (what the queued job runs). A document
    that fails is logged and left pending; the others still get their vectors."""
    done = 0
    for document_id in pending_documents(database):
        try:
            done += embed_document(database, document_id)
        except Exception:      # noqa: BLE001 - logged; the document stays searchable by its words
            log.exception("passage embedding failed for knowledge document %s", document_id)
    return done


def start(database: Database) -> None:
    """Queue the embedding of what is pending (at most one waiting job per database)."""
    from collectivia.jobs import queue, tasks

    queue.defer(database, tasks.EMBED)


def wait(timeout: float = 120.0) -> None:
    """Run the queued jobs of this process's databases now (tests, and one-shot commands)."""
    from collectivia.jobs import queue

    queue.drain_all()
