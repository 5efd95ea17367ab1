"""Ranking the reference jobs for one typed title: shared words, then meaning.

Each job is named by several texts (its title, its usual appellations, its
ISCO label; see `appellations`). Two scores per job, each its best over the
job's texts:

- **words** — the share of the typed title's words found in the text, weighted
  by rarity (a word most jobs use, "agent", weighs little; a word no job uses,
  "pompage", weighs more than any), with a quarter for the share of the text's
  words typed;
- **meaning** — the e5 cosine (`semantic`), rescaled so that the usual range of
  short French titles, 0.80-1.00, spans 0-1.

The ranking score is a weighted mean of both (`WORDS_WEIGHT`, chosen on the
fit part of the training titles); it picks the pool of jobs the learned
re-ranker (`reranking`) orders. A title whose words are exactly those of one
job's text is an *appellation* of that job: strong evidence, not proof.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from collectivia.workforce import semantic
from collectivia.workforce.appellations import reference_texts
from collectivia.workforce.matching import spelled_out, words_of
from collectivia.workforce.reference import InetJob, inet_jobs

WORDS_WEIGHT = 0.5
COSINE_FLOOR = 0.80     # e5 cosines of unrelated short French titles sit around 0.78-0.82
SPELLING = 92           # whole-title similarity (0-100) under which a typo is not assumed


@dataclass(frozen=True)
class Candidate:
    job: InetJob
    score: float        # 0..1, the re-ranker's probability that this is the job
    words: float        # 0..1, best word coverage over the job's texts
    meaning: float      # 0..1, best rescaled cosine over the job's texts


class _WordIndex:
    """Reference texts as word sets, weighted by how few jobs use each word."""

    def __init__(self) -> None:
        jobs = inet_jobs()
        self.position = {job.metier: i for i, job in enumerate(jobs)}
        entries = [e for e in reference_texts() if e.kind != "isco"]
        self.words = [frozenset(words_of(e.text)) for e in entries]
        self.job_of = [self.position[e.job.metier] for e in entries]
        jobs_using: dict[str, set[int]] = {}
        for words, job in zip(self.words, self.job_of, strict=True):
            for word in words:
                jobs_using.setdefault(word, set()).add(job)
        n = len(jobs)
        self.idf = {w: math.log((n + 1) / (len(j) + 0.5)) for w, j in jobs_using.items()}
        self.unknown = math.log((n + 1) / 0.5) * 1.25
        self.totals = [sum(self.idf[w] for w in words) for words in self.words]
        self.postings: dict[str, list[int]] = {}
        for row, words in enumerate(self.words):
            for word in words:
                self.postings.setdefault(word, []).append(row)
        # the job(s) named by each exact word set: one job means an unambiguous appellation
        self.named: dict[frozenset[str], set[int]] = {}
        self.titled: dict[frozenset[str], set[int]] = {}   # the reference titles' own words
        for entry, words, job in zip(entries, self.words, self.job_of, strict=True):
            self.named.setdefault(words, set()).add(job)
            if entry.kind == "intitulé":
                self.titled.setdefault(words, set()).add(job)
        self.vocabulary = tuple(self.idf)

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.unknown)

    @lru_cache(maxsize=16384)  # noqa: B019 - one index per process
    def corrected(self, word: str) -> str:
        """A reference word for a typo ('comptabilitee' -> 'comptabilite'), else the word."""
        if word in self.idf or len(word) < 5:
            return word
        found = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=86)
        return found[0] if found else word

    def coverage(self, query: tuple[str, ...]) -> list[float]:
        """Best word score per job (0 for jobs sharing no word)."""
        best = [0.0] * len(self.position)
        words = set(query)
        total_q = sum(self.weight(w) for w in words)
        if not total_q:
            return best
        hits: dict[int, float] = {}
        for word in words:
            weight = self.idf.get(word)
            if weight is None:
                continue
            for row in self.postings[word]:
                hits[row] = hits.get(row, 0.0) + weight
        for row, hit in hits.items():
            score = 0.75 * hit / total_q + 0.25 * hit / self.totals[row]
            job = self.job_of[row]
            if score > best[job]:
                best[job] = score
        return best


@lru_cache(maxsize=1)
def word_index() -> _WordIndex:
    return _WordIndex()


def query_words(reading: str) -> tuple[str, ...]:
    index = word_index()
    return tuple(index.corrected(w) for w in words_of(reading))


def named_job(reading: str, *, title_only: bool = False) -> InetJob | None:
    """The job one of whose texts (or, `title_only`, whose reference title) has exactly these words.

    None when no job has such a text, or several do — unless only one of them is
    a CNFPT title: the territorial répertoire's title wins over a homonym of
    another source ("Assistant-e de direction" over the annex's bare
    "Assistant de direction").
    """
    index = word_index()
    table = index.titled if title_only else index.named
    jobs = [inet_jobs()[i] for i in table.get(frozenset(query_words(reading)), set())]
    cnfpt = [job for job in jobs if job.metier.startswith("CNFPT")]
    if len(jobs) == 1:
        return jobs[0]
    return cnfpt[0] if len(cnfpt) == 1 else None


@lru_cache(maxsize=1)
def _spelled_titles() -> tuple[list[str], list[InetJob]]:
    titles = [e for e in reference_texts() if e.kind == "intitulé"]
    return [" ".join(words_of(e.text)) for e in titles], [e.job for e in titles]


def misspelled_title(reading: str) -> InetJob | None:
    """The reference title a reading is a typo of ("Biblioteccaire", "Médcin généraliste").

    The whole folded title must be at least SPELLING similar (rapidfuzz ratio) to
    one reference title, and clearly closer to it than to any other.
    """
    texts, jobs = _spelled_titles()
    typed = " ".join(words_of(reading))
    found = process.extract(typed, texts, scorer=fuzz.ratio, limit=2, score_cutoff=SPELLING)
    if not found or (len(found) > 1 and found[0][1] - found[1][1] < 3):
        return None
    # a typo changes letters, not words: "PMO DSI" is not a misspelt "Directeur des SI"
    return jobs[found[0][2]] if len(found[0][0].split()) == len(typed.split()) else None


@dataclass(frozen=True)
class JobScores:
    """Per reference job (in `inet_jobs()` order): ranking score, word and meaning scores.

    Each job keeps the values of its best-scoring reading, and the raw e5
    cosines of that reading with each kind of its texts (`by_kind`, rows in
    `semantic.KINDS` order). The re-ranker and the acceptance model read the
    whole arrays, not only the top three: how far a job leads every other one,
    in words and in meaning, is evidence.
    """

    score: np.ndarray
    words: np.ndarray
    meaning: np.ndarray
    by_kind: np.ndarray
    reading: np.ndarray      # index of the reading each job's values come from


def job_scores(readings: tuple[str, ...]) -> JobScores:
    jobs = inet_jobs()
    best_score = np.full(len(jobs), -1.0)
    best_words = np.zeros(len(jobs))
    best_meaning = np.zeros(len(jobs))
    best_kind = np.full((len(semantic.KINDS), len(jobs)), -1.0)
    best_reading = np.zeros(len(jobs), dtype=int)
    for n, reading in enumerate(readings):
        words = np.array(word_index().coverage(query_words(reading)))
        by_kind = semantic.kind_similarities(spelled_out(reading))
        cosines = by_kind.max(axis=0)
        meaning = np.clip((cosines - COSINE_FLOOR) / (1 - COSINE_FLOOR), 0.0, 1.0)
        score = np.round(WORDS_WEIGHT * words + (1 - WORDS_WEIGHT) * meaning, 4)
        better = score > best_score
        best_score = np.where(better, score, best_score)
        best_words = np.where(better, words, best_words)
        best_meaning = np.where(better, meaning, best_meaning)
        best_kind = np.where(better, by_kind, best_kind)
        best_reading = np.where(better, n, best_reading)
    return JobScores(best_score, best_words, best_meaning, best_kind, best_reading)
