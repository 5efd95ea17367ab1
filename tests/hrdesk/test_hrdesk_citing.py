"""The citing policy: an article is cited only when its best sentence clearly wins."""

from __future__ import annotations

from collectivia.hrdesk.extractive import CITE_MARGIN, CITE_STRONG, Unit, confident
from collectivia.knowledge.retrieval import Passage


def passage(chunk_id: int, ref: str) -> Passage:
    return Passage(chunk_id, 1, "Code", ref, True, "", "texte", None, True)


def test_a_strong_sentence_well_ahead_of_other_articles_is_cited():
    a, b = passage(1, "L822-3"), passage(2, "L822-8")
    units = [Unit(a, 0, "x", 2 * CITE_STRONG), Unit(a, 1, "y", CITE_STRONG), Unit(b, 0, "z", CITE_STRONG)]
    assert confident(units[:1], units)


def test_a_neighbouring_article_nearly_as_good_prevents_the_citation():
    a, b = passage(1, "L822-3"), passage(2, "L822-8")
    best = 2 * CITE_STRONG
    units = [Unit(a, 0, "x", best), Unit(b, 0, "z", best / CITE_MARGIN + 0.1)]
    assert not confident(units[:1], units)


def test_a_weak_sentence_is_never_cited_even_alone():
    a = passage(1, "L430-1")
    units = [Unit(a, 0, "x", CITE_STRONG - 0.5)]
    assert not confident(units, units)
    assert not confident([], [])
