"""The dense search of a large index is approximate; it must still find what the exact one finds,
follow additions and removals, and never hand a passage to someone who may not read it.

The vectors are clustered as passages are (40 topics of 100 passages, each
a topic's direction moved by noise, as in bench/bench_knowledge_scale.py);
the questions are topics' directions.
An index is made approximate from 1,000 vectors here (200,000 in use), so
these tests run the IVF path in milliseconds.
"""

from __future__ import annotations

import numpy as np
import pytest

from collectivia.knowledge import dense
from collectivia.knowledge.dense import DenseVectors
from collectivia.knowledge.embeddings import DIM

TOPICS, PER_TOPIC = 40, 100


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def passages(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(4,000, DIM) float16 vectors of passages, and the 40 topics' directions."""
    rng = np.random.default_rng(seed)
    topics = unit(rng.standard_normal((TOPICS, DIM), dtype=np.float32))
    vectors = np.repeat(topics, PER_TOPIC, axis=0)
    vectors = unit(vectors + 0.02 * rng.standard_normal(vectors.shape, dtype=np.float32))
    return vectors.astype(np.float16), topics


def exact(vectors: np.ndarray, query: np.ndarray, allowed: np.ndarray, n: int) -> list[int]:
    """The n allowed rows nearest the question, by brute force."""
    scores = vectors.astype(np.float32) @ query
    scores[~allowed] = -np.inf
    order = np.argsort(-scores, kind="stable")[:n]
    return [int(r) for r in order if np.isfinite(scores[r])]


def assert_exact(found: np.ndarray, vectors: np.ndarray, query: np.ndarray, allowed: np.ndarray,
                 n: int) -> None:
    """`found` is the brute-force answer: allowed rows, as many, as near, in the same order (two
    rows as near to the float32 rounding may come either way)."""
    truth = exact(vectors, query, allowed, n)
    cosines = vectors.astype(np.float32) @ query
    assert len(found) == len(truth) and allowed[found].all()
    assert np.allclose(cosines[found], cosines[truth], atol=1e-5)


def index_of(vectors: np.ndarray, approximate_from: int = 1_000, batch: int = 500,
             **options) -> DenseVectors:
    """Vectors appended in batches, as a worker catching up appends passages."""
    index = DenseVectors(approximate_from=approximate_from, **options)
    for start in range(0, len(vectors), batch):
        chunk = vectors[start:start + batch]
        index.append(chunk, np.ones(len(chunk), dtype=bool))
    return index


def test_a_small_index_is_searched_exactly():
    vectors, topics = passages()
    index = index_of(vectors, approximate_from=10_000)
    assert not index.approximate
    allowed = np.random.default_rng(1).random(len(vectors)) < 0.9
    for query in topics[:10]:
        rows, scores = index.best(query, allowed, 100)
        assert_exact(rows, vectors, query, allowed, 100)
        assert np.allclose(scores, vectors[rows].astype(np.float32) @ query, atol=1e-6)


def test_the_approximate_index_finds_the_exact_top_ten():
    vectors, topics = passages()
    index = index_of(vectors)
    assert index.approximate and index.probes < index.lists
    allowed = np.random.default_rng(1).random(len(vectors)) < 0.9
    for query in unit(topics + 0.02):
        rows, _ = index.best(query, allowed, 100)
        assert_exact(rows[:10], vectors, query, allowed, 10)


def test_reading_every_list_is_the_exact_search():
    vectors, topics = passages()
    index = index_of(vectors, probes=dense.LISTS)
    allowed = np.random.default_rng(2).random(len(vectors)) < 0.5
    for query in topics[:10]:
        rows, _ = index.best(query, allowed, 100)
        assert_exact(rows, vectors, query, allowed, 100)


def test_added_passages_are_found_and_removed_ones_never():
    vectors, topics = passages()
    index = index_of(vectors[:3_000])
    assert index.approximate
    index.append(vectors[3_000:], np.ones(1_000, dtype=bool))       # topics 30-39 arrive
    gone = np.arange(3_100, 3_150)
    index.remove(gone)
    present = np.ones(len(vectors), dtype=bool)
    present[gone] = False
    rows, _ = index.best(topics[31], np.ones(len(vectors), dtype=bool), 50)
    assert_exact(rows, vectors, topics[31], present, 50)
    assert not set(rows.tolist()) & set(gone.tolist())


def test_a_passage_without_a_vector_is_never_a_dense_candidate():
    vectors, topics = passages()
    has_vector = np.ones(len(vectors), dtype=bool)
    has_vector[:PER_TOPIC] = False                                   # topic 0 not embedded yet
    index = DenseVectors(approximate_from=1_000)
    index.append(np.where(has_vector[:, None], vectors, 0), has_vector)
    rows, _ = index.best(topics[0], np.ones(len(vectors), dtype=bool), 100)
    assert len(rows) == 100 and rows.min() >= PER_TOPIC


@pytest.mark.parametrize("approximate_from", [10_000, 1_000])
def test_the_rights_mask_is_never_crossed(approximate_from):
    vectors, topics = passages()
    index = index_of(vectors, approximate_from=approximate_from)
    allowed = np.random.default_rng(3).random(len(vectors)) < 0.3
    for query in topics:
        rows, _ = index.best(query, allowed, 100)
        assert len(rows) == 100 and allowed[rows].all()


def test_a_very_selective_mask_gives_the_exact_rows():
    """Five readable passages (a workspace's note): all five, best first, from any index."""
    vectors, topics = passages()
    index = index_of(vectors)
    allowed = np.zeros(len(vectors), dtype=bool)
    allowed[[5, 250, 1_234, 2_500, 3_999]] = True
    rows, _ = index.best(topics[12], allowed, 100)
    assert_exact(rows, vectors, topics[12], allowed, 100)


def test_lists_holding_too_few_allowed_rows_fall_back_to_the_exact_search():
    """The mask allows three topics far from the question: the lists read (one, scaled by the
    mask's share) hold too few of them, and the search reads every list instead."""
    vectors, topics = passages()
    index = index_of(vectors, probes=1)
    allowed = np.zeros(len(vectors), dtype=bool)
    allowed[20 * PER_TOPIC:23 * PER_TOPIC] = True
    rows, _ = index.best(topics[0], allowed, 100)
    assert_exact(rows, vectors, topics[0], allowed, 100)


def test_a_copy_is_independent():
    vectors, topics = passages()
    index = index_of(vectors)
    twin = index.clone()
    twin.remove(np.arange(PER_TOPIC))
    everything = np.ones(len(vectors), dtype=bool)
    assert index.best(topics[0], everything, 10)[0].max() < PER_TOPIC
    assert twin.best(topics[0], everything, 10)[0].min() >= PER_TOPIC


def test_vectors_stay_float16():
    vectors, _ = passages()
    for approximate_from in (10_000, 1_000):
        index = index_of(vectors, approximate_from=approximate_from)
        assert index.bytes_per_vector == 2 * DIM                    # 768 bytes a passage
        assert np.array_equal(index.vectors(np.arange(50)), vectors[:50].astype(np.float32))
