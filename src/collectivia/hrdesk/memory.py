"""What training questions teach the re-ranker: which articles answer questions like this one.

The code's wording and the agents' wording are far apart ("télétravail" is in
one article among twelve that say "jours"; a "dispo de 3 ans" is a
disponibilité, not a liste d'aptitude). The training questions, written blind
from the articles by helpers, bridge that gap with data instead of rules: for
a new question, the nearest training questions (cosine of their e5 vectors)
vote for the articles that answer them, and the nearest unanswerable ones say
"this looks like a question the texts do not answer". The votes are features
of the re-ranker, not answers: a candidate still needs its own sentences and
the search's evidence to be cited.

Only the train split is shipped (`data/hrdesk_questions.npz`: the vectors, in
float16, and the article ids of each question), never the questions' text;
the calibration split measures what the memory is worth on questions it does
not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MEMORY_FILE = Path(__file__).resolve().parents[1] / "data" / "hrdesk_questions.npz"
NEIGHBOURS = 10


@dataclass(frozen=True)
class Evidence:
    """What the nearest training questions say about a new one."""

    article_similarity: dict[str, float]    # article -> cosine of the closest question it answers
    article_votes: dict[str, float]         # article -> share of the neighbours' similarity
    nearest_answerable: float
    nearest_unanswerable: float

    def similarity(self, ref: str) -> float:
        return self.article_similarity.get(ref, 0.0)

    def votes(self, ref: str) -> float:
        return self.article_votes.get(ref, 0.0)

    def chapter_similarity(self, ref: str) -> float:
        """The same for the article's chapter ("L822" for "L822-24"): the memory has seen
        questions on the leave for an accident de service, if not on this very article."""
        return self.article_similarity.get(chapter(ref), 0.0)

    def chapter_votes(self, ref: str) -> float:
        return self.article_votes.get(chapter(ref), 0.0)


NO_EVIDENCE = Evidence({}, {}, 0.0, 0.0)


def chapter(ref: str) -> str:
    """"L822-24" -> "L822": in the code's numbering, the book, title and chapter."""
    return ref.split("-")[0] + "*"


@dataclass(frozen=True)
class QuestionMemory:
    vectors: np.ndarray             # (n, 384) float32, L2-normalised
    articles: list[tuple[str, ...]]  # the articles answering each question (empty: unanswerable)

    @property
    def answerable(self) -> np.ndarray:
        return np.array([bool(a) for a in self.articles], dtype=bool)

    def without(self, position: int) -> QuestionMemory:
        """The memory minus one question: a training question must not vote for itself."""
        keep = np.arange(len(self.articles)) != position
        return QuestionMemory(self.vectors[keep], [a for k, a in zip(keep, self.articles) if k])

    def evidence(self, vector: np.ndarray | None) -> Evidence:
        if vector is None or not len(self.articles):
            return NO_EVIDENCE
        cosines = np.einsum("ij,j->i", self.vectors, vector.astype(np.float32))
        answerable = self.answerable
        best: dict[str, float] = {}
        for i in np.flatnonzero(answerable):
            for key in _keys(self.articles[i]):
                best[key] = max(best.get(key, 0.0), float(cosines[i]))
        nearest = np.argsort(-cosines)[:NEIGHBOURS]
        votes: dict[str, float] = {}
        for i in nearest:
            for key in _keys(self.articles[i]):
                votes[key] = votes.get(key, 0.0) + float(cosines[i])
        total = float(cosines[nearest].sum()) or 1.0
        return Evidence(best, {r: v / total for r, v in votes.items()},
                        float(cosines[answerable].max(initial=0.0)),
                        float(cosines[~answerable].max(initial=0.0)))

    def save(self, path: Path = MEMORY_FILE) -> None:
        np.savez_compressed(path, vectors=self.vectors.astype(np.float16),
                            articles=np.array(["|".join(a) for a in self.articles], dtype=str))


def _keys(articles: tuple[str, ...]) -> set[str]:
    """The articles a question names, and their chapters (each counted once)."""
    return set(articles) | {chapter(a) for a in articles}


def load(path: Path = MEMORY_FILE) -> QuestionMemory:
    with np.load(path, allow_pickle=False) as data:
        return QuestionMemory(data["vectors"].astype(np.float32),
                              [tuple(a.split("|")) if a else () for a in data["articles"]])


@lru_cache(maxsize=1)
def shipped() -> QuestionMemory:
    return load()
