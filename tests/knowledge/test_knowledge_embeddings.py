"""The e5 vectors: the same whichever way the texts are batched and however many cores embed them."""

from __future__ import annotations

import threading

import numpy as np

from collectivia.knowledge import embeddings

TITLES = [f"Agent d'entretien des espaces verts, secteur {n}" for n in range(40)]


def test_a_list_spread_over_the_cores_gets_the_vectors_of_one_text_at_a_time():
    together = embeddings.embed_many(TITLES, as_queries=True, batch=8)
    one_by_one = np.vstack([embeddings.embed_query(t) for t in TITLES])
    assert together.shape == (40, embeddings.DIM)
    assert np.allclose(together, one_by_one, atol=1e-5)


def test_passages_are_stored_compact_and_in_order():
    vectors = embeddings.embed_passages(TITLES[:3])
    assert vectors.dtype == np.float16 and vectors.shape == (3, embeddings.DIM)
    assert np.allclose(vectors[2], embeddings.embed_many([TITLES[2]], as_queries=False)[0], atol=1e-3)


def test_requests_embedding_at_the_same_time_each_get_their_own_vector():
    expected = {t: embeddings.embed_query(t) for t in TITLES[:6]}
    got: dict[str, np.ndarray] = {}

    def ask(text: str) -> None:
        got[text] = embeddings.embed_query(text)

    threads = [threading.Thread(target=ask, args=(t,)) for t in TITLES[:6] for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(np.allclose(got[t], expected[t], atol=1e-6) for t in expected)
