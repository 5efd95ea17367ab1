"""Whether a typed title's best job is accepted without review: a small learned model.

A wrong job accepted automatically is worse than a proposal HR confirms in one
click: it puts the agent in the wrong row of the map without anyone looking.
The previous release accepted a title that was one of a job's usual
appellations from a fixed score, and on titles written by new authors 3 % of
titles went to a wrong job that way ("Chef de cuisine" as a cook, "Conducteur
de bus" as the referential's driver). An appellation is strong evidence only
when the meaning model agrees and no other job comes close.

So the decision reads the evidence the ranking already computed for every
job (`candidates.JobScores`): the re-ranker's probability for the first
proposal and its lead over the second (`reranking`), its word and meaning scores,
how far it leads the best *other* job in each, whether the typed words are
exactly one of its appellations, whether a grade was typed, whether a site or
service was cut off, how many typed words the referential has never seen. A
logistic regression (fitted by `python -m collectivia.workforce.training`,
`make train-workforce`) turns them into the probability that the first
proposal is right; the title is accepted when it reaches the threshold chosen
on calibration titles for a wrong-accept rate of at most 1.5 %. The weights ship
in `data/workforce/acceptance_model.json`; run time needs numpy only.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from collectivia.workforce.candidates import Candidate, JobScores, query_words, word_index
from collectivia.workforce.reference import DATA_DIR

MODEL_FILE = DATA_DIR / "acceptance_model.json"

FEATURES = ("score", "words", "meaning", "score_lead", "words_lead", "meaning_lead",
            "appellation", "grade", "site_cut", "unknown_words", "word_count",
            "reranked", "reranked_lead")


@dataclass(frozen=True)
class Evidence:
    """What speaks for the first proposal of one title, in FEATURES order."""

    values: tuple[float, ...]

    def as_dict(self) -> dict[str, float]:
        return dict(zip(FEATURES, self.values, strict=True))


def _lead(values: np.ndarray, position: int) -> float:
    """How far `position` is above the best other job (negative when another is above it)."""
    others = np.delete(values, position)
    return float(values[position] - others.max())


def evidence(scores: JobScores, position: int, readings: tuple[str, ...],
             ranked: list[Candidate], *, appellation: bool, grade: bool,
             site_cut: bool) -> Evidence:
    """The evidence for job `position` (in `inet_jobs()` order) as the first proposal.

    `ranked` is the re-ranker's list (`reranking`): its probability for the
    first job and its lead over the second are evidence too.
    """
    typed = query_words(readings[0]) if readings else ()
    unknown = sum(word not in word_index().idf for word in typed) / len(typed) if typed else 1.0
    return Evidence((
        float(scores.score[position]), float(scores.words[position]),
        float(scores.meaning[position]), _lead(scores.score, position),
        _lead(scores.words, position), _lead(scores.meaning, position),
        float(appellation), float(grade), float(site_cut), unknown, math.log1p(len(typed)),
        ranked[0].score, ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)))


@dataclass(frozen=True)
class AcceptanceModel:
    """Standardised logistic regression and its calibrated threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, found: Evidence) -> float:
        """Probability that the first proposal is the job HR would choose."""
        z = (np.asarray(found.values) - self.mean) / self.scale
        return float(1.0 / (1.0 + math.exp(-(float(z @ self.coef) + self.intercept))))

    def accepts(self, probability: float) -> bool:
        return probability >= self.threshold


def model_from(data: dict) -> AcceptanceModel:
    if tuple(data["features"]) != FEATURES:
        raise ValueError("acceptance_model.json was trained on other features: run make train-workforce")
    return AcceptanceModel(np.asarray(data["mean"]), np.asarray(data["scale"]),
                           np.asarray(data["coef"]), float(data["intercept"]),
                           float(data["threshold"]))


@lru_cache(maxsize=1)
def shipped() -> AcceptanceModel:
    return model_from(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
