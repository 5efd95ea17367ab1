"""Which of the best-scored jobs to propose first: a small learned re-ranker.

The ranking score (`candidates`) is a fixed mix of shared words and e5
meaning. On titles by a new author its first job was the expected one for
only ~3 titles in 4: a fixed mix cannot know that a typed title close to a
job's *reference title* is stronger evidence than one close to its English
ISCO label, that the reference title's head word ("Gestionnaire",
"Responsable") typed first matters, or that the job named by an appellation
is right unless the meaning model disagrees.

So the best `POOL` jobs by ranking score (and the job an appellation names,
if not among them) are re-scored by a logistic regression over what speaks
for each: its word and meaning scores, its e5 cosine with its title, with its
appellations and with its ISCO label, how far each is from the best of the
pool, the words shared with its title and with its closest text (after
abbreviations are expanded and the site or service cut off), whether the
typed head word is a word of its title, whether a grade was typed. It is
fitted by `python -m collectivia.workforce.training` (`make train-workforce`)
on labelled titles and shipped as `data/workforce/reranker_model.json`;
run time needs numpy only.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from collectivia.workforce.appellations import reference_texts
from collectivia.workforce.candidates import Candidate, JobScores, query_words, word_index
from collectivia.workforce.matching import words_of
from collectivia.workforce.reference import DATA_DIR, inet_jobs

MODEL_FILE = DATA_DIR / "reranker_model.json"
POOL = 10
COSINE_FLOOR = 0.70     # a kind of text a job lacks (no appellation) counts as this cosine

FEATURES = ("score", "words", "meaning", "cos_title", "cos_appellation", "cos_isco",
            "score_gap", "words_gap", "meaning_gap", "cos_title_gap", "cos_appellation_gap",
            "first_rank", "named", "title_overlap", "title_typed", "best_overlap",
            "head_word", "head_reading", "grade")


@dataclass(frozen=True)
class Pool:
    """The jobs re-scored for one title (positions in `inet_jobs()` order) and their features."""

    positions: tuple[int, ...]
    features: np.ndarray          # (len(positions), len(FEATURES))


@lru_cache(maxsize=1)
def _job_words() -> tuple[list[frozenset[str]], list[list[frozenset[str]]]]:
    """Per job: the words of its reference title, and of each of its titles and appellations."""
    position = word_index().position
    titles: list[frozenset[str]] = [frozenset()] * len(position)
    texts: list[list[frozenset[str]]] = [[] for _ in position]
    for entry in reference_texts():
        if entry.kind == "isco":
            continue
        job = position[entry.job.metier]
        words = frozenset(words_of(entry.text))
        texts[job].append(words)
        if entry.kind == "intitulé":
            titles[job] = words
    return titles, texts


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def pool(scores: JobScores, readings: tuple[str, ...], *, named: int | None,
         grade: bool) -> Pool:
    """The best POOL jobs by ranking score (plus the appellation's job) and their features."""
    jobs = inet_jobs()
    order = sorted(range(len(jobs)), key=lambda i: (-scores.score[i], jobs[i].metier))[:POOL]
    if named is not None and named not in order:
        order.append(named)
    kinds = np.maximum(scores.by_kind[:, order], COSINE_FLOOR)
    score, words, meaning = scores.score[order], scores.words[order], scores.meaning[order]
    titles, texts = _job_words()
    typed = [frozenset(query_words(readings[scores.reading[i]])) for i in order]
    heads = [query_words(readings[scores.reading[i]])[:1] for i in order]
    rows = []
    for n, job in enumerate(order):
        rows.append((
            score[n], words[n], meaning[n], kinds[0, n], kinds[1, n], kinds[2, n],
            score[n] - score.max(), words[n] - words.max(), meaning[n] - meaning.max(),
            kinds[0, n] - kinds[0].max(), kinds[1, n] - kinds[1].max(),
            math.log1p(n), float(job == named),
            _jaccard(typed[n], titles[job]),
            len(typed[n] & titles[job]) / len(titles[job]) if titles[job] else 0.0,
            max((_jaccard(typed[n], t) for t in texts[job]), default=0.0),
            float(bool(heads[n]) and heads[n][0] in titles[job]),
            float(scores.reading[job] > 0), float(grade)))
    return Pool(tuple(order), np.array(rows, dtype=float))


@dataclass(frozen=True)
class Reranker:
    """Standardised logistic regression: P(this job is the one HR would choose)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = (features - self.mean) / self.scale @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def reranked(found: Pool, model: Reranker) -> list[Candidate]:
    """The pool's jobs, most probable first; each candidate's score is its probability."""
    jobs = inet_jobs()
    probabilities = model.probabilities(found.features)
    order = sorted(range(len(found.positions)),
                   key=lambda n: (-probabilities[n], jobs[found.positions[n]].metier))
    words, meaning = FEATURES.index("words"), FEATURES.index("meaning")
    return [Candidate(jobs[found.positions[n]], round(float(probabilities[n]), 4),
                      round(float(found.features[n, words]), 4),
                      round(float(found.features[n, meaning]), 4)) for n in order]


def model_from(data: dict) -> Reranker:
    if tuple(data["features"]) != FEATURES:
        raise ValueError("reranker_model.json was trained on other features: run make train-workforce")
    return Reranker(np.asarray(data["mean"]), np.asarray(data["scale"]),
                    np.asarray(data["coef"]), float(data["intercept"]))


@lru_cache(maxsize=1)
def shipped() -> Reranker:
    return model_from(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
