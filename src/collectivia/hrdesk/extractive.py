"""The answer without a model: the sentences of the cited articles that answer, quoted.

Nothing is generated: every sentence shown is copied from an article the
citation policy chose, quoted, and followed by the article's reference and
version ([L621-1, version en vigueur au 15/01/2024]). An article's text is cut into
"units": a sentence, or an introduction ending with ":" together with its
enumerated items ("1° Pendant trois mois...; 2° ..."), because the items alone
mean nothing. Units are scored by the weight (rarity in the base) of the
question's stems they contain, plus a bonus when the question asks for a
duration, an age or a number of days and the unit gives one. A sentence of the
collectivité's own notes also counts the words of the heading it stands under:
a note names the benefit once, in its heading ("Prime de fin d'année"), and
gives the figure below without repeating it ("Elle s'élève à 312 euros"); an
article of a legal text names its subject in its own sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from collectivia.hrdesk.questions import QuestionKind
from collectivia.knowledge.chunking import units_of
from collectivia.knowledge.index import tokens
from collectivia.knowledge.retrieval import Passage


@dataclass
class Unit:
    passage: Passage
    order: int
    text: str
    score: float = 0.0


@lru_cache(maxsize=8192)
def stemmed_units(text: str) -> tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]:
    """The units of an article with their stems, computed once per article text: the
    re-ranker scores the sentences of fifty candidates for every question."""
    return tuple((unit, tuple(stems), frozenset(stems))
                 for unit in units_of(text) for stems in [tokens(unit)])


@lru_cache(maxsize=4096)
def heading_stems(section: str) -> frozenset[str]:
    """The stems of the nearest heading of a section path ("Avantages > Prime de fin d'année")."""
    return frozenset(tokens(section.split(" > ")[-1])) if section else frozenset()


def score_units(question_stems: list[str], passages: list[Passage], weight, kind: QuestionKind
                ) -> list[Unit]:
    """Every unit of the passages, scored against the question (best first).

    A unit earns the weight of each question stem it contains, and again half
    the weight of each pair of consecutive question stems it contains side by
    side: "longue maladie" must beat "longue durée" for a question on the first.
    """
    wanted = {s: weight(s) for s in set(question_stems)}
    pairs = {(a, b) for a, b in pairwise(question_stems) if a != b}
    scored = []
    for passage in passages:
        above = frozenset() if passage.legal else heading_stems(passage.section)
        for order, (text, unit_stems, stems) in enumerate(stemmed_units(passage.text)):
            stems = stems | above
            overlap = sum(w for s, w in wanted.items() if s in stems)
            if overlap <= 0:
                continue
            adjacent = pairs & set(pairwise(unit_stems))
            overlap += sum(wanted[a] + wanted[b] for a, b in adjacent) / 2
            score = overlap / math.sqrt(1 + len(stems) / 25)
            if kind.wants_quantity and kind.gives_quantity(text):
                score *= 1.5
            scored.append(Unit(passage, order, text, score))
    return sorted(scored, key=lambda u: -u.score)


def quoted_units(candidate, most: int = 3) -> list[Unit]:
    """The sentences of a cited article that answer: its best one, and those of the same article
    that match nearly as well, in the article's order; its opening when none shares a word."""
    units = candidate.units
    if not units:
        return [Unit(candidate.passage, i, text) for i, text
                in enumerate(units_of(candidate.passage.text)[:1])]
    best = units[0].score
    chosen = [u for u in units[:most] if u.score >= 0.6 * best]
    return sorted(chosen, key=lambda u: u.order)


def source_label(passage: Passage) -> str:
    """"L621-1, version en vigueur au 15/01/2024": the article and the version quoted."""
    label = passage.version_label
    return f"{passage.citation}, {label}" if label else passage.citation


def compose(cited: list) -> tuple[str, list[Passage]]:
    """The quoted sentences of each cited article, one paragraph per article, each followed by
    the article's reference and version: « ... » [L621-1, version en vigueur au 15/01/2024]."""
    parts = []
    for candidate in cited:
        text = " ".join(u.text for u in quoted_units(candidate)).strip()
        parts.append(f"« {text} » [{source_label(candidate.passage)}]")
    return "\n\n".join(parts), [c.passage for c in cited]
