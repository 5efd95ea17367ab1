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
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import Stemmer

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


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def stems(text: str) -> frozenset[str]:
    """Meaningful word stems of a text, accents folded (rédaction ~ redaction)."""
    words = re.findall(r"[a-zà-öø-ÿœ]+", text.lower().replace("’", "'"))
    kept = [w for w in words if len(w) > 1 and _strip_accents(w) not in STOP_WORDS]
    return frozenset(_strip_accents(s) for s in _stemmer().stemWords(kept))


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[ReferenceUseCase, frozenset[str]], ...]:
    return tuple((case, stems(phrase)) for case in dgafp_use_cases()
                 for phrase in (case.label, *case.aliases))


def similar_reference_cases(text: str, limit: int = 3) -> list[Match]:
    """The DGAFP use cases a description resembles, best first.

    A phrase matches when most of its words are in the text (60 %), or when
    at least three of them are and they make 40 % of it: long aliases still
    match a description that paraphrases them.
    """
    words = stems(text)
    best: dict[str, Match] = {}
    for case, phrase in _phrases():
        if not phrase:
            continue
        shared = len(phrase & words)
        score = shared / len(phrase)
        if (score >= 0.6 and shared >= min(2, len(phrase))) or (shared >= 3 and score >= 0.4):
            if case.label not in best or best[case.label].score < score:
                best[case.label] = Match(case, round(score, 2))
    return sorted(best.values(), key=lambda m: -m.score)[:limit]
