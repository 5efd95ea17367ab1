"""What training questions teach the re-ranker: which articles answer questions like this one.

The code's wording and the agents' wording are far apart ("télétravail" is in
one article among twelve that say "jours"; a "dispo de 3 ans" is a
disponibilité, not a liste d'aptitude). The training questions, written blind
from the articles by helpers, bridge that gap with data instead of rules: for
a new question, the nearest training questions vote for the articles that
answer them, and the nearest unanswerable ones say "this looks like a question
the texts do not answer". Nearness is read twice: by meaning (cosine of the e5
vectors) and by words (cosine of tf-idf bags of stems), because e5 puts all HR
questions close together while a rare word the agent used ("jumeaux", "RQTH",
"astreinte") is shared with the few questions on the same subject. The memory
also knows how often each article answers agents at all. These are features
of the re-ranker, not answers: a candidate still needs its own sentences and
the search's evidence to be cited.

Only the train split is shipped (`data/hrdesk_questions.npz`: the vectors in
float16, each question's bag of stems as tf-idf weights, and the article ids
that answer it), never the questions' text; the calibration split measures
what the memory is worth on questions it does not hold.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

MEMORY_FILE = Path(__file__).resolve().parents[1] / "data" / "hrdesk_questions.npz"
NEIGHBOURS = 10


@dataclass(frozen=True)
class Votes:
    """What the training questions close to a new one say, nearness read one way."""

    nearness: np.ndarray                    # per question of the memory
    questions_of: dict[str, np.ndarray]     # article or chapter -> the questions it answers
    share: dict[str, float]                 # ... its share of the nearest questions' nearness

    def similarity(self, key: str) -> float:
        """Nearness of the closest question the article (or chapter) answers; read only for
        the candidates, not for every article the memory knows."""
        rows = self.questions_of.get(key)
        return max(0.0, float(self.nearness[rows].max())) if rows is not None else 0.0

    def votes(self, key: str) -> float:
        return self.share.get(key, 0.0)


NO_VOTES = Votes(np.zeros(0, np.float32), {}, {})


@dataclass(frozen=True)
class Evidence:
    """What the training questions say about a new one."""

    meaning: Votes                  # neighbours by e5 cosine
    words: Votes                    # neighbours by the stems they share
    nearest_answerable: float
    nearest_unanswerable: float
    article_counts: dict[str, int] = field(default_factory=dict)  # article -> questions it answers

    def similarity(self, ref: str) -> float:
        return self.meaning.similarity(ref)

    def votes(self, ref: str) -> float:
        return self.meaning.votes(ref)

    def chapter_similarity(self, ref: str) -> float:
        """The same for the article's chapter ("L822" for "L822-24"): the memory has seen
        questions on the leave for an accident de service, if not on this very article."""
        return self.meaning.similarity(chapter(ref))

    def chapter_votes(self, ref: str) -> float:
        return self.meaning.votes(chapter(ref))

    def prior(self, ref: str) -> float:
        """How many training questions the article answers (log): agents ask about the same
        few dozen articles again and again (leave, part-time, sick pay), and an article no
        one ever asked about is rarely the answer, however many words it shares."""
        return math.log1p(self.article_counts.get(ref, 0))

    def chapter_prior(self, ref: str) -> float:
        return math.log1p(self.article_counts.get(chapter(ref), 0))


NO_EVIDENCE = Evidence(NO_VOTES, NO_VOTES, 0.0, 0.0)


def chapter(ref: str) -> str:
    """"L822-24" -> "L822": in the code's numbering, the book, title and chapter."""
    return ref.split("-")[0] + "*"


@dataclass(frozen=True)
class Words:
    """Bags of stems as tf-idf vectors (sublinear tf, smoothed idf, unit length), fitted on
    the training questions: plain numpy, no learning library at run time."""

    vocabulary: dict[str, int]
    idf: np.ndarray                 # (V,) float32
    matrix: np.ndarray              # (n, V) float32, one unit-length row per question

    @classmethod
    def fit(cls, questions: list[list[str]]) -> Words:
        vocabulary = {s: i for i, s in enumerate(sorted({s for q in questions for s in q}))}
        df = np.zeros(len(vocabulary), np.float32)
        for stems in questions:
            df[[vocabulary[s] for s in set(stems)]] += 1
        idf = (np.log((1 + len(questions)) / (1 + df)) + 1).astype(np.float32)
        words = cls(vocabulary, idf, np.zeros((0, len(vocabulary)), np.float32))
        return cls(vocabulary, idf, np.vstack([words.vector(q) for q in questions])
                   if questions else words.matrix)

    def vector(self, stems: list[str]) -> np.ndarray:
        v = np.zeros(len(self.vocabulary), np.float32)
        for stem, count in Counter(s for s in stems if s in self.vocabulary).items():
            v[self.vocabulary[stem]] = (1 + math.log(count)) * self.idf[self.vocabulary[stem]]
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v


@dataclass(frozen=True)
class QuestionMemory:
    vectors: np.ndarray             # (n, 384) float32, L2-normalised
    articles: list[tuple[str, ...]]  # the articles answering each question (empty: unanswerable)
    words: Words | None = None      # the questions' stems (absent: no nearness by words)

    @property
    def answerable(self) -> np.ndarray:
        return np.array([bool(a) for a in self.articles], dtype=bool)

    @cached_property
    def article_counts(self) -> dict[str, int]:
        """Article (and chapter) -> how many questions of the memory it answers."""
        return dict(Counter(key for a in self.articles for key in _keys(a)))

    @cached_property
    def questions_of(self) -> dict[str, np.ndarray]:
        """Article (and chapter) -> the questions of the memory it answers."""
        rows: dict[str, list[int]] = {}
        for i, articles in enumerate(self.articles):
            for key in _keys(articles):
                rows.setdefault(key, []).append(i)
        return {key: np.array(r) for key, r in rows.items()}

    def without(self, position: int) -> QuestionMemory:
        """The memory minus one question: a training question must not vote for itself."""
        keep = np.arange(len(self.articles)) != position
        words = self.words and Words(self.words.vocabulary, self.words.idf, self.words.matrix[keep])
        return QuestionMemory(self.vectors[keep], [a for k, a in zip(keep, self.articles, strict=True) if k],
                              words)

    def evidence(self, vector: np.ndarray | None, stems: Sequence[str] = ()) -> Evidence:
        if vector is None or not len(self.articles):
            return NO_EVIDENCE
        cosines = np.einsum("ij,j->i", self.vectors, vector.astype(np.float32))
        answerable = self.answerable
        words = NO_VOTES
        if self.words is not None and stems:
            words = self._votes(self.words.matrix @ self.words.vector(list(stems)))
        return Evidence(self._votes(cosines), words,
                        float(cosines[answerable].max(initial=0.0)),
                        float(cosines[~answerable].max(initial=0.0)), self.article_counts)

    def _votes(self, nearness: np.ndarray) -> Votes:
        nearest = np.argsort(-nearness)[:NEIGHBOURS]
        share: dict[str, float] = {}
        for i in nearest:
            for key in _keys(self.articles[i]):
                share[key] = share.get(key, 0.0) + float(nearness[i])
        total = float(nearness[nearest].sum()) or 1.0
        return Votes(nearness, self.questions_of, {k: v / total for k, v in share.items()})

    def save(self, path: Path = MEMORY_FILE) -> None:
        words = self.words or Words.fit([])
        rows, columns = np.nonzero(words.matrix)
        np.savez_compressed(path, vectors=self.vectors.astype(np.float16),
                            articles=np.array(["|".join(a) for a in self.articles], dtype=str),
                            stems=np.array(sorted(words.vocabulary, key=words.vocabulary.__getitem__),
                                           dtype=str),
                            idf=words.idf, word_rows=rows.astype(np.int32),
                            word_columns=columns.astype(np.int32),
                            word_weights=words.matrix[rows, columns].astype(np.float32))


def _keys(articles: tuple[str, ...]) -> set[str]:
    """The articles a question names, and their chapters (each counted once)."""
    return set(articles) | {chapter(a) for a in articles}


def load(path: Path = MEMORY_FILE) -> QuestionMemory:
    with np.load(path, allow_pickle=False) as data:
        articles = [tuple(a.split("|")) if a else () for a in data["articles"]]
        words = None
        if "stems" in data:
            matrix = np.zeros((len(articles), len(data["stems"])), np.float32)
            matrix[data["word_rows"], data["word_columns"]] = data["word_weights"]
            words = Words({str(s): i for i, s in enumerate(data["stems"])},
                          data["idf"].astype(np.float32), matrix)
        return QuestionMemory(data["vectors"].astype(np.float32), articles, words)


@lru_cache(maxsize=1)
def shipped() -> QuestionMemory:
    return load()
