"""Reference frames shipped as data: Nantes' boussole and the DGAFP's 26 HR use cases.

Both are read from `data/governance/` (sources in data/SOURCES.md). The
DGAFP list is matched against a newly proposed use case by stemmed-word
overlap, so that an agent proposing "détecter l'épuisement des agents" is
shown, before anyone instructs the file, that the DGAFP ranks early detection
of mental-health problems "à proscrire".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import Stemmer

from collectivia.core.text import strip_accents

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "governance"

# Words too common in use-case descriptions to say anything about similarity.
STOP_WORDS = frozenset("""
a au aux avec ce ces dans de des du en et la le les leur leurs l d un une ou par pour sur
se sa son ses qui que quoi dont est sont etre plus tout tous toute toutes afin entre lors
agent agents collectivite ia intelligence artificielle outil outils utiliser utilisation
service services automatiquement automatique aide aider partir via nos notre votre
""".split())


@dataclass(frozen=True)
class ReferenceUseCase:
    label: str
    category: str
    category_label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    use_case: ReferenceUseCase
    score: float


def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def boussole() -> dict[str, Any]:
    """The seven Nantes criteria, their guiding questions and the 0-3 scale."""
    return _load("boussole_nantes.json")


def criteria() -> list[dict[str, str]]:
    return boussole()["criteria"]


def scale() -> dict[int, str]:
    return {int(k): v for k, v in boussole()["scale"].items()}


@lru_cache(maxsize=1)
def dgafp() -> dict[str, Any]:
    return _load("dgafp_hr_use_cases.json")


@lru_cache(maxsize=1)
def dgafp_use_cases() -> tuple[ReferenceUseCase, ...]:
    data = dgafp()
    return tuple(ReferenceUseCase(u["label"], u["category"], data["categories"][u["category"]],
                                  tuple(u.get("aliases", ())))
                 for u in data["use_cases"])


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("french")


def stems(text: str) -> frozenset[str]:
    """Meaningful word stems of a text, accents folded (rédaction ~ redaction)."""
    words = re.findall(r"[a-zà-öø-ÿœ]+", text.lower().replace("’", "'"))
    kept = [w for w in words if len(w) > 1 and strip_accents(w) not in STOP_WORDS]
    return frozenset(strip_accents(s) for s in _stemmer().stemWords(kept))


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[ReferenceUseCase, frozenset[str]], ...]:
    return tuple((case, stems(phrase)) for case in dgafp_use_cases()
                 for phrase in (case.label, *case.aliases))


def _shared(phrase: frozenset[str], words: frozenset[str]) -> int:
    """Stems of the phrase found in the text; a stem also matches a longer or shorter form of
    itself of 5 letters or more (candidat ~ candidatur, preselect ~ preselection)."""
    count = 0
    for stem in phrase:
        if stem in words or (len(stem) >= 5 and any(
                len(w) >= 5 and (w.startswith(stem) or stem.startswith(w)) for w in words)):
            count += 1
    return count


def similar_reference_cases(text: str, limit: int = 3) -> list[Match]:
    """The DGAFP use cases a description resembles, best first.

    A phrase (a label or one of its aliases) matches when at least two of its
    words are in the text and make half of it, or when three of them are and
    make 40 % of it: long aliases still match a description that paraphrases them.
    """
    words = stems(text)
    best: dict[str, Match] = {}
    for case, phrase in _phrases():
        if not phrase:
            continue
        shared = _shared(phrase, words)
        score = shared / len(phrase)
        if (score >= 0.5 and shared >= min(2, len(phrase))) or (shared >= 3 and score >= 0.4):
            if case.label not in best or best[case.label].score < score:
                best[case.label] = Match(case, round(score, 2))
    return sorted(best.values(), key=lambda m: -m.score)[:limit]


@dataclass(frozen=True)
class MatcherScore:
    related: int           # proposals that paraphrase a DGAFP case
    top1: int              # ... whose best match is that case
    found: int             # ... where that case is among the matches shown
    proscribed: int        # proposals paraphrasing an "à proscrire" case
    proscribed_flagged: int
    unrelated: int         # proposals matching no DGAFP case
    false_alarms: int      # ... for which a match is shown anyway


def evaluate_matcher(name: str = "dgafp_paraphrases_dev.jsonl") -> MatcherScore:
    """Score the matcher on hand-written agent phrasings (data/governance/, see SOURCES.md)."""
    rows = [json.loads(line) for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    category = {c.label: c.category for c in dgafp_use_cases()}
    related = top1 = found = proscribed = flagged = unrelated = false_alarms = 0
    for row in rows:
        labels = [m.use_case.label for m in similar_reference_cases(row["text"])]
        expected = row["expected"]
        if expected is None:
            unrelated += 1
            false_alarms += bool(labels)
            continue
        related += 1
        top1 += bool(labels) and labels[0] == expected
        found += expected in labels
        if category[expected] == "a_proscrire":
            proscribed += 1
            flagged += any(category[label] == "a_proscrire" for label in labels)
    return MatcherScore(related, top1, found, proscribed, flagged, unrelated, false_alarms)
