"""Passage vectors of uploaded documents, computed in the background.

Embedding costs ~0.3 s a passage on this 2-core machine: a 100-article
règlement intérieur would hold the upload request for half a minute. So an
upload is stored and indexed for BM25 at once (searchable when the page comes
back), marked `vectors_pending`, and one background thread per process embeds
its passages batch by batch. When the last batch is written the flag drops, the
index fingerprint changes and the next search rebuilds the index with the
vectors. If the process stops half-way, the document stays pending (still
found by its words) and the next `start` finishes it (the server calls it when
it starts, the HR documents page when it shows a pending document); a failing
model leaves the document pending and is logged. One thread per process: with
several server processes each would embed the same documents (same result,
twice the work), so CollectivIA is served by one process.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import select, update

from collectivia.core.db import Database
from collectivia.knowledge import embeddings
from collectivia.knowledge.models import KnowledgeChunk, KnowledgeDocument

log = logging.getLogger(__name__)
BATCH = 16

_lock = threading.Lock()
_workers: dict[str, tuple[threading.Thread, threading.Event]] = {}    # per database URL


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
            for row, vector in zip(rows, vectors):
                session.execute(update(KnowledgeChunk).where(KnowledgeChunk.id == row.id)
                                .values(vector=embeddings.to_bytes(vector)))
        done += len(rows)
    with database.session() as session:
        session.execute(update(KnowledgeDocument).where(KnowledgeDocument.id == document_id)
                        .values(vectors_pending=False))
    return done


def embed_pending(database: Database) -> int:
    """Every pending document, oldest first (what the background thread runs). A document
    that fails is logged and left pending; the others still get their vectors."""
    done = 0
    for document_id in pending_documents(database):
        try:
            done += embed_document(database, document_id)
        except Exception:      # noqa: BLE001 - logged; the document stays searchable by its words
            log.exception("passage embedding failed for knowledge document %s", document_id)
    return done


def start(database: Database) -> None:
    """Make sure a background thread will embed what is pending (a no-op if nothing is)."""
    with _lock:
        current = _workers.get(database.url)
        if current is not None:
            current[1].set()           # the running thread looks again before it stops
            return
        again = threading.Event()
        again.set()
        worker = threading.Thread(target=_run, args=(database, again), daemon=True,
                                  name="knowledge-embeddings")
        _workers[database.url] = (worker, again)
        worker.start()


def wait(timeout: float = 120.0) -> None:
    """Block until the background threads are done (tests, and the CLI before it exits)."""
    for worker, _ in list(_workers.values()):
        worker.join(timeout)


def _run(database: Database, again: threading.Event) -> None:
    while True:
        with _lock:                    # stop and deregister atomically: no request is missed
            if not again.is_set():
                _workers.pop(database.url, None)
                return
            again.clear()
        try:
            embed_pending(database)
        except Exception:      # noqa: BLE001 - e.g. the database is gone: log, then stop
            log.exception("background passage embedding stopped")
            with _lock:
                _workers.pop(database.url, None)
            return
