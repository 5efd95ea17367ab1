"""Each process's index follows the passages added and removed, without rebuilding.

The scores must be those of a full rebuild (the re-ranker and the answer
decision were calibrated on them), and a process must see another's upload
at its next search.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from collectivia.core.users import find_by_login
from collectivia.knowledge import embeddings, retrieval
from collectivia.knowledge.index import HybridIndex, tokens
from collectivia.knowledge.models import KnowledgeChunk
from collectivia.knowledge.service import UploadForm, delete_document, ingest
from collectivia.settings import Settings

NOTE = (b"# Note horaires\n\nArticle 1 : Plages fixes\n\nLes plages fixes vont de 9 h 30 a 11 h 30."
        b"\n\nArticle 2 : Badgeuse\n\nChaque agent badge a l'arrivee et au depart.\n")
QUESTIONS = ["plages fixes des horaires variables", "congé de paternité naissance naissance",
             "badgeuse arrivée départ agent", "disponibilité pour convenances personnelles"]


def rebuilt(session) -> tuple[HybridIndex, list[int]]:
    """What the old code built on every change: the whole index from the table."""
    rows = session.execute(select(KnowledgeChunk).order_by(KnowledgeChunk.id)).scalars().all()
    texts = [embeddings.passage_text(r.heading, r.ref, r.text, r.is_article) for r in rows]
    vectors = np.zeros((len(rows), embeddings.DIM), dtype=np.float32)
    for i, row in enumerate(rows):
        vector = embeddings.from_bytes(row.vector)
        if vector is not None:
            vectors[i] = vector
    return HybridIndex(texts, vectors), [r.id for r in rows]


def assert_same_scores(session) -> None:
    loaded = retrieval.loaded_index(session)
    full, ids = rebuilt(session)
    alive = loaded.index.alive[:loaded.index.rows]
    assert sorted(loaded.chunk_ids[alive].tolist()) == ids
    order = np.argsort(loaded.chunk_ids[alive])
    query_vector = np.ones(embeddings.DIM, dtype=np.float32) / np.sqrt(embeddings.DIM)
    for question in QUESTIONS:
        stems = tokens(question)
        assert np.array_equal(loaded.index.bm25_scores(stems)[alive][order],
                              full.bm25_scores(stems)), question
        assert np.allclose(loaded.index.dense_scores(query_vector)[alive][order],
                           full.dense_scores(query_vector), atol=1e-6)
    assert loaded.index.size == full.size and loaded.index.doc_freq == full.doc_freq


def test_scores_equal_a_full_rebuild_after_adds_and_removals(session, tmp_path):
    rh = find_by_login(session, "rh")
    assert_same_scores(session)
    first = retrieval.loaded_index(session).index
    document = ingest(session, rh, Settings(var_dir=tmp_path), data=NOTE, filename="note.md",
                      form=UploadForm(title="Note horaires"))
    session.flush()
    assert_same_scores(session)
    assert retrieval.loaded_index(session).index is first      # caught up, not rebuilt
    found = retrieval.search(session, rh, "plages fixes", k=3, mode="bm25")
    assert found[0].document_title == "Note horaires"
    delete_document(session, rh, document.id)
    session.flush()
    assert_same_scores(session)
    assert all(p.document_title != "Note horaires"
               for p in retrieval.search(session, rh, "plages fixes", k=5, mode="bm25"))


def test_a_vector_computed_later_reaches_the_index(session, tmp_path):
    rh = find_by_login(session, "rh")
    document = ingest(session, rh, Settings(var_dir=tmp_path), data=NOTE, filename="note.md",
                      form=UploadForm(title="Note horaires"))
    session.flush()
    loaded = retrieval.loaded_index(session)
    row = loaded.index.row_of[document.chunks[0].id]
    assert loaded.index.unembedded[row]
    vector = np.zeros(embeddings.DIM, dtype=np.float16)
    vector[0] = 1
    document.chunks[0].vector = embeddings.to_bytes(vector)
    session.flush()
    index = retrieval.loaded_index(session).index
    assert not index.unembedded[index.row_of[document.chunks[0].id]]
    assert index.dense.bytes_per_vector == 2 * embeddings.DIM    # float16: 768 bytes a passage
