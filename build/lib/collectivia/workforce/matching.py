"""Matching a job title as typed in a staff table to the INET reference titles.

Two modes:

- **exact** — the reference method of the INET study's reproduction: equality
  after normalising both sides (typographic apostrophes, œ, accents, case,
  spaces, a "CNFPT - " style source prefix). Nothing else.
- **fuzzy** (default) — exact first, then general rules a human would apply:
  gendered and inclusive forms reduced to one form ("Agente", "Chargé·e",
  "Infirmier ou infirmière"), plurals, a shipped list of abbreviations and
  synonyms (`data/workforce/synonymes_metiers.csv`), then a token score
  weighted by rarity: a word of the typed title that no reference title
  contains ("polyvalent", "élus") weighs a lot, so an out-of-referential job is
  left unmatched rather than attached to a look-alike. Below the acceptance
  threshold the best candidate is only *proposed* for human review.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz, process

from collectivia.workforce.reference import DATA_DIR, InetJob, inet_by_title, inet_jobs

SYNONYMS_FILE = DATA_DIR / "synonymes_metiers.csv"

# A fuzzy match is accepted without review from this confidence, and only if the
# runner-up is clearly behind; from SUGGEST it is proposed to the reviewer.
ACCEPT = 0.85
MARGIN = 0.08
SUGGEST = 0.45
# Character-level fallback for typos inside words ("Médcin", "Archvisite"): the whole
# folded title must be this similar (rapidfuzz ratio, 0-100) to one reference title.
SPELLING = 92

_PREFIX = re.compile(r"^(?:cnfpt|cigref|rime|cpnef|vdl)\s*-\s*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


class MatchMode(StrEnum):
    EXACT = "exact"
    FUZZY = "fuzzy"


def strip_accents(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(title: str) -> str:
    """The key of the exact method (see the INET reproduction's `methode`)."""
    text = strip_accents((title or "").translate(_APOSTROPHES)).lower()
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


@lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, expansion) pairs applied to the words of both sides, longest first."""
    rows = [(normalise(r["expression"]), normalise(r["remplacement"]))
            for r in _synonym_rows() if r["portee"] == "abreviation"]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def title_synonyms() -> dict[str, str]:
    """Whole typed titles (normalised) -> the reference title they name ("ATSEM")."""
    return {normalise(r["expression"]): r["remplacement"]
            for r in _synonym_rows() if r["portee"] == "intitule"}


def _apply_abbreviations(text: str) -> str:
    padded = f" {text} "
    for expression, replacement in abbreviations():
        padded = padded.replace(f" {expression} ", f" {replacement} ")
    return padded.strip()


@lru_cache(maxsize=65536)
def words_of(title: str) -> tuple[str, ...]:
    """The meaningful words of a title, gender and number folded, synonyms expanded."""
    # doubled letters are folded on both sides: "dirrection", "dess", "tricee" are the
    # commonest slips in typed titles, and no two job words differ only by one.
    text = re.sub(r"([a-z])\1+", r"\1", normalise(title))
    text = _apply_abbreviations(re.sub(r"[^a-z0-9·•.()\- ]+", " ", text.replace("'", " ")))
    text = _drop_inclusive_endings(text)
    words = re.sub(r"[^a-z0-9 ]+", " ", text).split()
    words = _drop_doublets(words)
    return tuple(_word_form(w) for w in words if w not in STOPWORDS)


# --- fuzzy mode: scoring ----------------------------------------------------------------

@dataclass(frozen=True)
class _Indexed:
    job: InetJob
    words: frozenset[str]


class _Reference:
    """The reference titles as word sets, with an IDF weight per word."""

    def __init__(self, jobs: tuple[InetJob, ...]):
        self.entries = [_Indexed(job, frozenset(words_of(job.metier))) for job in jobs]
        self.by_key = {normalise(job.metier): job for job in jobs}
        self.by_words: dict[frozenset[str], list[InetJob]] = {}
        self.postings: dict[str, list[_Indexed]] = {}   # word -> titles containing it
        counts: dict[str, int] = {}
        for entry in self.entries:
            self.by_words.setdefault(entry.words, []).append(entry.job)
            for word in entry.words:
                counts[word] = counts.get(word, 0) + 1
                self.postings.setdefault(word, []).append(entry)
        n = len(self.entries)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in counts.items()}
        # A word no reference title uses is as telling as the rarest one, and more.
        self.unknown_weight = math.log((n + 1) / 0.5) * 1.25
        self.vocabulary = tuple(self.idf)
        self.spelled = [" ".join(words_of(e.job.metier)) for e in self.entries]

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.unknown_weight)

    def closest_word(self, word: str) -> tuple[str, float]:
        """A reference word for a typo ('biblioteque'), with its similarity 0..1."""
        if word in self.idf or len(word) < 5:
            return word, 1.0 if word in self.idf else 0.0
        found = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=88)
        return (found[0], found[1] / 100) if found else (word, 0.0)


@lru_cache(maxsize=1)
def _reference() -> _Reference:
    return _Reference(inet_jobs())


@dataclass(frozen=True)
class Match:
    """The outcome for one distinct typed title."""

    title: str
    job: InetJob | None          # accepted match (None: not matched)
    suggestion: InetJob | None   # best candidate, for review, when not accepted
    confidence: float            # 0..1 of the accepted match or of the suggestion
    method: str                  # "exact", "synonyme", "approché", "à vérifier", "aucun"

    @property
    def matched(self) -> bool:
        return self.job is not None


def _score(ref: _Reference, query: tuple[str, ...], entry: _Indexed) -> float:
    """Weighted coverage of the typed words (mostly) and of the reference words."""
    total_q = sum(ref.weight(w) for w in query)
    total_r = sum(ref.weight(w) for w in entry.words)
    if not total_q or not total_r:
        return 0.0
    hit = sum(ref.weight(w) for w in query if w in entry.words)
    covered_q = hit / total_q
    covered_r = sum(ref.weight(w) for w in entry.words if w in query) / total_r
    return 0.75 * covered_q + 0.25 * covered_r


def _equivalent(jobs: list[InetJob]) -> bool:
    """Reference titles that give the same result (ISCO code and INET level): any will do."""
    return len({(j.isco08, j.niveau_inet) for j in jobs}) == 1


def _spelling_match(ref: _Reference, text: str) -> tuple[InetJob, float] | None:
    found = process.extract(text, ref.spelled, scorer=fuzz.ratio, limit=5, score_cutoff=SPELLING)
    if not found:
        return None
    top = found[0][1]
    close = [ref.entries[index].job for _, score, index in found if top - score < 3]
    return (close[0], round(top / 100, 3)) if _equivalent(close) else None


def _correct_typos(ref: _Reference, words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(ref.closest_word(w)[0] for w in words)


@lru_cache(maxsize=65536)
def match_title(title: str, mode: MatchMode = MatchMode.FUZZY) -> Match:
    ref = _reference()
    exact = ref.by_key.get(normalise(title))
    if exact is not None:
        return Match(title, exact, None, 1.0, "exact")
    if mode is MatchMode.EXACT or not normalise(title):
        return Match(title, None, None, 0.0, "aucun")
    synonym = title_synonyms().get(normalise(title))
    if synonym is not None:
        return Match(title, inet_by_title()[synonym], None, 0.95, "synonyme")
    query = _correct_typos(ref, words_of(title))
    if not query:
        return Match(title, None, None, 0.0, "aucun")
    same = ref.by_words.get(frozenset(query), [])
    if same and _equivalent(same):
        return Match(title, same[0], None, 0.98, "approché")
    # only titles sharing a word with the query can score above zero
    candidates = {id(e): e for w in query for e in ref.postings.get(w, ())}.values()
    scored = sorted(((_score(ref, query, e), e.job.metier, e.job) for e in candidates),
                    key=lambda s: (-s[0], s[1])) or [(0.0, "", None)]
    best, _, job = scored[0]
    confidence = round(best, 3)
    # accepted only if every close runner-up would give the same ISCO code and level
    close = [candidate for score, _, candidate in scored if best - score < MARGIN]
    if best >= ACCEPT and _equivalent(close):
        return Match(title, job, None, confidence, "approché")
    spelled = _spelling_match(ref, " ".join(words_of(title)))
    if spelled is not None:
        return Match(title, spelled[0], None, spelled[1], "approché")
    if best >= SUGGEST:
        return Match(title, None, job, confidence, "à vérifier")
    return Match(title, None, None, confidence, "aucun")
