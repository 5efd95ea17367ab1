"""Matching a job title as typed in a staff table to the INET reference titles.

Two modes:

- **exact** — the reference method of the INET study's reproduction: equality
  after normalising both sides (typographic apostrophes, œ, accents, case,
  spaces, a "CNFPT - " style source prefix). Nothing else.
- **fuzzy** (default) — exact first, then what a human reader does with the
  titles HR software really holds: gendered and inclusive forms folded
  ("Agente", "Chargé·e"), abbreviations expanded ("Resp. serv. tech.",
  "A.S.V.P."; `data/workforce/synonymes_metiers.csv`), the site or service
  appended dropped (`cleaning`), a grade typed instead of a job said to be a
  grade (`appellations.grade_of`), then the reference jobs scored by shared
  words and by meaning against each job's title, usual appellations and ISCO
  label (`candidates`, `semantic`: the shipped e5 model) and the best of them
  re-ranked by a learned model (`reranking`).

A title is accepted without review only on strong evidence; otherwise the three
best jobs are proposed on the review screen, one click to confirm. Rules settle
what needs no judgement (the exact title, a whole-title synonym, a grade that
names no job, the reference title in another gender or misspelt); every other
title is ranked and its first proposal accepted only when the learned
acceptance model (`acceptance`, fitted and calibrated by `make train-workforce`
for <= 1.5 % wrong jobs accepted on calibration titles) is confident enough.
A table's titles needing the meaning model are embedded together first
(`prepare_titles`).
A usual appellation is no longer accepted on its own: "Chef de cuisine" is an
appellation of the cook's job, and new authors meant the kitchen manager.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from collectivia.core.text import fold
from collectivia.workforce.reference import DATA_DIR, InetJob, inet_by_title, inet_jobs

if TYPE_CHECKING:
    from collectivia.workforce.acceptance import AcceptanceModel, Evidence
    from collectivia.workforce.candidates import Candidate
    from collectivia.workforce.reranking import Reranker

SYNONYMS_FILE = DATA_DIR / "synonymes_metiers.csv"

_PREFIX = re.compile(r"^(?:cnfpt|cigref|rime|cpnef|vdl)\s*-\s*")


class MatchMode(StrEnum):
    EXACT = "exact"
    FUZZY = "fuzzy"


def normalise(title: str) -> str:
    """The key of the exact method (see the INET reproduction's `methode`)."""
    text = fold(title or "")
    text = re.sub(r"\s+", " ", text).strip()
    return _PREFIX.sub("", text).strip()


# --- fuzzy mode: words -----------------------------------------------------------------

STOPWORDS = frozenset("de du des la le les l d et en a au aux pour sur par un une ou dans".split())
# Endings written after a hyphen, a middle dot, a dot or in brackets in inclusive
# writing ("Chargé-e", "Directeur·trice", "agent.e", "animateur(trice)").
_FEMININE_SUFFIXES = frozenset(
    "e es ne nes se ses euse euses trice trices ere eres ice ices que ques le les te tes "
    "ienne iennes enne ennes ive ives ale ales elle elles ere ee".split())
# Feminine or plural word endings mapped to one form, applied to both sides.
_ENDINGS = (("trices", "teur"), ("trice", "teur"), ("euses", "eur"), ("euse", "eur"),
            ("ieres", "ier"), ("iere", "ier"), ("eres", "er"), ("ere", "er"),
            ("iennes", "ien"), ("ienne", "ien"), ("ennes", "en"), ("enne", "en"),
            ("elles", "el"), ("elle", "el"), ("ives", "if"), ("ive", "if"),
            ("ees", "e"), ("ee", "e"), ("ntes", "nt"), ("nte", "nt"), ("ales", "al"), ("ale", "al"),
            ("aux", "al"), ("eaux", "eau"))


def _word_form(word: str) -> str:
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)] + replacement
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def _drop_inclusive_endings(text: str) -> str:
    text = re.sub(r"\(([a-z]+)\)", r"-\1", text)              # animateur(trice)
    text = re.sub(r"(?<=[a-z])[·•.](?=[a-z])", "-", text)        # chargé·e, agent.e
    parts = []
    for token in text.split():
        pieces = token.split("-")
        kept = [p for i, p in enumerate(pieces) if i == 0 or p not in _FEMININE_SUFFIXES]
        parts.append(" ".join(p for p in kept if p))
    return " ".join(parts)


def _drop_doublets(words: list[str]) -> list[str]:
    """'infirmier ou infirmiere' -> 'infirmier': a word followed by 'ou' and its other gender."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if (i + 2 < len(words) and words[i + 1] == "ou"
                and _word_form(words[i]) == _word_form(words[i + 2])):
            out.append(words[i])
            i += 3
            continue
        out.append(words[i])
        i += 1
    return out


@lru_cache(maxsize=1)
def _synonym_rows() -> tuple[dict[str, str], ...]:
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _fold_doubles(text: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", text)


@lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, expansion) pairs applied to the words of both sides, longest first."""
    rows = [(_fold_doubles(normalise(r["expression"])), _fold_doubles(normalise(r["remplacement"])))
            for r in _synonym_rows() if r["portee"] == "abreviation"]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def title_synonyms() -> dict[str, str]:
    """Whole typed titles (normalised) -> the reference title they name ("ATSEM")."""
    return {normalise(r["expression"]): r["remplacement"]
            for r in _synonym_rows() if r["portee"] == "intitule"}


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every abbreviation (longest first), whole words only: one pass per title."""
    pairs = abbreviations()
    alternatives = "|".join(re.escape(expression) for expression, _ in pairs)
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)"), dict(pairs)


def _apply_abbreviations(text: str) -> str:
    pattern, expansions = _abbreviation_pattern()
    return pattern.sub(lambda m: expansions[m.group(0)], text).strip()


@lru_cache(maxsize=1)
def _spelled_abbreviations() -> tuple[tuple[str, str], ...]:
    rows = [(normalise(r["expression"]), normalise(r["remplacement"]))
            for r in _synonym_rows() if r["portee"] == "abreviation"]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _undotted(text: str) -> str:
    text = re.sub(r"\b(?:[a-z]\.){2,}[a-z]?\.?", lambda m: m.group(0).replace(".", ""), text)  # A.S.V.P.
    text = re.sub(r"\.(?=\s|$)", " ", text)      # "Resp. serv. tech.": the abbreviation's dot
    return re.sub(r"\s+", " ", text).strip()


def spelled_out(text: str) -> str:
    """A normalised title with its abbreviations written in full, for the meaning model."""
    padded = f" {re.sub(r'[^a-z0-9]+', ' ', _undotted(normalise(text)))} "
    for expression, replacement in _spelled_abbreviations():
        padded = padded.replace(f" {expression} ", f" {replacement} ")
    return re.sub(r"\s+", " ", padded).strip()


@lru_cache(maxsize=65536)
def words_of(title: str) -> tuple[str, ...]:
    """The meaningful words of a title, gender and number folded, synonyms expanded."""
    # doubled letters are folded on both sides: "dirrection", "dess", "tricee" are the
    # commonest slips in typed titles, and no two job words differ only by one.
    text = _undotted(_fold_doubles(normalise(title)))
    text = _apply_abbreviations(re.sub(r"[^a-z0-9·•.()\- ]+", " ", text.replace("'", " ")))
    text = _drop_inclusive_endings(text)
    words = re.sub(r"[^a-z0-9 ]+", " ", text).split()
    words = _drop_doublets(words)
    return tuple(_word_form(w) for w in words if w not in STOPWORDS)


# --- fuzzy mode: the decision ------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """The outcome for one distinct typed title."""

    title: str
    job: InetJob | None          # accepted automatically (None: left to HR's review)
    suggestion: InetJob | None   # the first proposal, when nothing is accepted
    confidence: float            # 0..1 of the accepted match or of the first proposal
    method: str                  # exact, synonyme, appellation, approché, à vérifier, grade, aucun
    proposals: tuple[InetJob, ...] = ()   # the best jobs for the review screen, best first
    grade: str | None = None     # the cadre d'emplois, when a grade was typed instead of a job

    @property
    def matched(self) -> bool:
        return self.job is not None

    @property
    def proposal(self) -> InetJob | None:
        """What the review screen puts first: the accepted job, else the first proposal."""
        return self.job or self.suggestion


def _accepted(title: str, job: InetJob, confidence: float, method: str) -> Match:
    return Match(title, job, None, confidence, method, (job,))


@dataclass(frozen=True)
class Weighing:
    """A title no rule settles: its jobs ranked for review and the evidence for the first."""

    title: str
    ranked: tuple[Candidate, ...]
    appellation: bool            # the typed words are exactly one of the first job's appellations
    evidence: Evidence
    grade: str | None = None     # the cadre d'emplois, when a grade that names a job was typed


@lru_cache(maxsize=65536)
def match_title(title: str, mode: MatchMode = MatchMode.FUZZY) -> Match:
    """Exact title, then (fuzzy mode) the rules, then the learned acceptance on ranked jobs.

    The first proposal is accepted without review only when the acceptance
    model (`acceptance`, calibrated for <= 1.5 % wrong jobs accepted) is
    confident enough; otherwise the three best are proposed for one-click review.
    """
    exact = _reference_keys().get(normalise(title))
    if exact is not None:
        return _accepted(title, exact, 1.0, "exact")
    if mode is MatchMode.EXACT or not normalise(title):
        return Match(title, None, None, 0.0, "aucun")
    from collectivia.workforce.acceptance import shipped

    weighed = weigh(title)
    if isinstance(weighed, Match):
        return weighed
    return decide(weighed, shipped())


@dataclass(frozen=True)
class Pending:
    """A title no rule settles, with what ranking it needs: its readings and what was recognised."""

    title: str
    texts: tuple[str, ...]        # the readings scored (whole title, head, without grade words)
    named: InetJob | None         # the job one of whose appellations the typed words are
    grade: str | None             # the cadre d'emplois, when a grade that names a job was typed
    site_cut: bool


@lru_cache(maxsize=65536)
def settle(title: str) -> Match | Pending:
    """The fuzzy rules that settle a title outright, else what its ranking needs.

    Settled outright: a whole-title synonym, a grade that names no job, the
    reference title itself in another gender or number or misspelt
    ("Infirmière", "Biblioteccaire"). No meaning model is run here: a table's
    pending titles are embedded together afterwards (`prepare_titles`).
    """
    from collectivia.workforce.appellations import grade_of, without_grade_words
    from collectivia.workforce.candidates import misspelled_title, named_job
    from collectivia.workforce.cleaning import readings

    texts = readings(title)
    for key in (normalise(title), *texts):
        synonym = title_synonyms().get(key)
        if synonym is not None:
            return _accepted(title, inet_by_title()[synonym], 0.95, "synonyme")
    grade = grade_of(title)
    if grade is not None and not grade.names_a_job:
        return Match(title, None, None, 0.0, "grade", grade=grade.cadre_emplois)
    site_cut = len(texts) > 1
    if grade is not None:
        texts = (without_grade_words(title), *texts)
    if not texts:
        return Match(title, None, None, 0.0, "aucun")
    titled = next((job for job in (named_job(t, title_only=True) or misspelled_title(t)
                                   for t in texts) if job), None)
    if titled is not None and grade is None:
        # the reference title itself, in another gender or number, or misspelt ("Infirmière")
        return _accepted(title, titled, 0.98, "approché")
    named = titled or next((job for job in map(named_job, texts) if job is not None), None)
    return Pending(title, texts, named, grade.cadre_emplois if grade is not None else None,
                   site_cut)


def prepare_titles(titles: Iterable[str], mode: MatchMode = MatchMode.FUZZY) -> int:
    """Embed every reading the ranking of these titles will need, in one call; returns how many.

    A table's analysis calls it with its distinct titles before matching them.
    """
    from collectivia.workforce import semantic

    if mode is MatchMode.EXACT:
        return 0
    keys = _reference_keys()
    pending = [settle(t) for t in titles if normalise(t) and normalise(t) not in keys]
    return semantic.prepare(spelled_out(text) for p in pending if isinstance(p, Pending)
                            for text in p.texts)


def weigh(title: str, reranker: Reranker | None = None) -> Match | Weighing:
    """The rules that settle a title outright, else its jobs re-ranked and the evidence for the first.

    Everything no rule settles is ranked by the learned re-ranker (`reranking`)
    over the best-scored jobs and the job an appellation names, if any.
    """
    from collectivia.workforce import reranking
    from collectivia.workforce.acceptance import evidence
    from collectivia.workforce.candidates import job_scores, word_index

    pending = settle(title)
    if isinstance(pending, Match):
        return pending
    scores = job_scores(pending.texts)
    position = word_index().position
    named = position[pending.named.metier] if pending.named is not None else None
    pooled = reranking.pool(scores, pending.texts, named=named, grade=pending.grade is not None)
    ranked = reranking.reranked(pooled, reranker or reranking.shipped())
    appellation = pending.named is not None and ranked[0].job == pending.named
    found = evidence(scores, position[ranked[0].job.metier], pending.texts, ranked,
                     appellation=appellation, grade=pending.grade is not None,
                     site_cut=pending.site_cut)
    return Weighing(title, tuple(ranked), appellation, found, pending.grade)


def decide(weighed: Weighing, model: AcceptanceModel) -> Match:
    """Accept the first proposal if the model is confident enough, else propose the three best."""
    best = weighed.ranked[0]
    proposals = tuple(c.job for c in weighed.ranked[:3])
    probability = model.probability(weighed.evidence)
    if model.accepts(probability):
        method = "appellation" if weighed.appellation else "approché"
        return Match(weighed.title, best.job, None, probability, method, proposals, weighed.grade)
    if weighed.appellation or best.words > 0 or best.meaning > 0:   # something is close
        return Match(weighed.title, None, best.job, probability, "à vérifier", proposals,
                     weighed.grade)
    return Match(weighed.title, None, None, probability, "aucun", grade=weighed.grade)


@lru_cache(maxsize=1)
def _reference_keys() -> dict[str, InetJob]:
    return {normalise(job.metier): job for job in inet_jobs()}
