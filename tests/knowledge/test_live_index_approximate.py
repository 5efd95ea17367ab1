"""A large collectivité's index searches its vectors approximately; its answers must be those of
the exact index, and its rights those of the asker.

Two indexes of the shipped code (1,284 articles and their e5 vectors): one
exact, as every index under 200,000 passages is, one made approximate from
500 vectors and reading every list, so that its answers must be the exact
ones to the last rank (how close a quarter of the lists comes is measured by
bench/bench_knowledge_scale.py); real HR questions embedded by e5.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pytest

from collectivia.knowledge import corpus, embeddings
from collectivia.knowledge.dense import LISTS, DenseVectors
from collectivia.knowledge.index import tokens
from collectivia.knowledge.live_index import LiveIndex

Row = namedtuple("Row", "id document_id heading ref text is_article vector")
QUESTIONS = [
    "Combien de jours de congé annuel pour un agent à temps partiel ?",
    "Un stagiaire peut-il demander une disponibilité ?",
    "Quelle est la durée du congé de paternité ?",
    "Le télétravail peut-il être refusé par l'employeur ?",
    "Quand un agent peut-il être placé en congé de longue maladie ?",
]


@pytest.fixture(scope="module")
def shipped_rows():
    """The shipped code's articles as the database returns passages, 20 to a document."""
    drafts = corpus.shipped_drafts()
    vectors = corpus.shipped_vectors([corpus.draft_passage(d) for d in drafts])
    return [Row(i + 1, i // 20 + 1, d.heading(), d.ref, d.text, d.is_article,
                embeddings.to_bytes(v)) for i, (d, v) in enumerate(zip(drafts, vectors, strict=True))]


@pytest.fixture(scope="module")
def questions():
    return [(tokens(q), embeddings.embed_query(q)) for q in QUESTIONS]


def both(rows) -> tuple[LiveIndex, LiveIndex]:
    exact, approximate = LiveIndex(), LiveIndex(DenseVectors(approximate_from=500, probes=LISTS))
    for index in (exact, approximate):
        index._append(rows)
    assert approximate.dense.approximate and not exact.dense.approximate
    return exact, approximate


def found(index: LiveIndex, question, **options) -> list[tuple[int, int | None, int | None]]:
    return [(r.position, r.bm25_rank, r.dense_rank) for r in index.search(*question, **options)]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_the_approximate_index_answers_as_the_exact_one(shipped_rows, questions, mode):
    exact, approximate = both(shipped_rows)
    allowed = np.random.default_rng(1).random(exact.rows) < 0.9
    for question in questions:
        assert found(approximate, question, allowed=allowed, k=10, mode=mode) == found(
            exact, question, allowed=allowed, k=10, mode=mode)


def test_a_removed_passage_is_no_longer_found_and_the_rest_is_unchanged(shipped_rows, questions):
    exact, approximate = both(shipped_rows)
    first = approximate.search(*questions[2], k=10)[0].position
    for index in (exact, approximate):
        index._remove(int(index.chunk_ids[first]))
    assert first not in [r.position for r in approximate.search(*questions[2], k=10)]
    assert found(approximate, questions[2], k=10) == found(exact, questions[2], k=10)


def test_an_agent_never_gets_a_passage_of_a_document_they_may_not_read(shipped_rows, questions):
    _, approximate = both(shipped_rows)
    readable = approximate.readable(approximate.doc_ids[:approximate.rows] % 3 != 0)
    for question in questions:
        for mode in ("hybrid", "dense", "bm25"):
            for ranked in approximate.search(*question, k=20, mode=mode, readable=readable):
                assert approximate.doc_ids[ranked.position] % 3 != 0
