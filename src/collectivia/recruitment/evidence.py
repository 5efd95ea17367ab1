"""A learned second look at the criteria read by terms: which CV line, if any, evidences them.

The rules of the knowledge, software, skill and duration-free experience types
look for the criterion's own terms; a CV often says the same thing with the
definition's words ("Préparation des mandats de paiement" for « Pratique de la
chaîne d'exécution comptable publique »), or names an example the criterion
lists in a longer phrase. A logistic regression, trained on the postings of the
fit split (`make train-recruitment`, see `evidence_training`), scores each
usable CV line for a criterion from features that do not depend on the posting:
share of the criterion's words on the line, of the definition's words, listed
examples named, words of what the definition rules out, a pending or
beginner's mention ("prévu", "en préparation", "notions"), the line's section,
whether it is a dated job line.

A threshold chosen on the calibration split (postings the weights never saw)
decides what the score may change: a criterion the rules left "non mentionné"
becomes "rempli" when its best line scores at least `promote` — with that
line, verbatim, as its quote, and marked as a proposal the recruiter checks.

It never overrides a rule's answer: a "rempli" set aside when no line looked
like the usual evidence was tried (calibration +7) and dropped, because it
demoted products the lexicon knows and the line does not name as a category
(« Civil Net RH » for « logiciel de paie ou SIRH »: 10 wrong on the dev set).
Nor does it write "non rempli": a shortfall is the rules' to state, from a
line that shows it. Features read line text and section only, never identity
lines, so twin CVs get the same results. When no model file is shipped,
results are left as the rules gave them.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from collectivia.recruitment.criteria import MET, NOT_STATED, Criterion, CriterionResult
from collectivia.recruitment.criteria.base import (
    PENDING, definition_parts, examples, has, phrase_in, stem_matches, stems, ungendered)
from collectivia.recruitment.cv import CvLine, ParsedCv

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "recruitment" / "evidence_model.json"
SECTIONS = ("header", "letter", "experience", "education", "skills", "languages", "other")
KINDS = ("knowledge", "software", "skill", "experience")
FEATURES = (["head_share", "head_hits", "definition_share", "definition_hits", "examples_named",
             "any_example", "excluded_hits", "pending_or_beginner", "dated_line", "log_words"]
            + [f"section_{s}" for s in SECTIONS] + [f"kind_{k}" for k in KINDS])


@dataclass(frozen=True)
class Terms:
    """What a criterion's lines are compared with: its own words, examples, and definition."""

    head: list[str]
    examples: list[str]
    definition: list[str]
    excluded: list[str]

    @classmethod
    def of(cls, criterion: Criterion) -> Terms:
        counts, excluded = definition_parts(criterion.definition)
        head = re.sub(r"\([^)]*\)", " ", criterion.text)
        # not « (depuis 10/2022) », nor a complement of the noun before the brackets: « un budget
        # (d'activités, de séjour) » lists budgets, and « séjour de vacances » is none
        named = [e for e in examples(criterion.text) + examples(counts)
                 if any(w not in RULE_WORDS and not w.isdigit() for w in stems(e))
                 and not re.match(r"(?:de|du|des|d')\b", e)]
        return cls(stems(head), list(dict.fromkeys(named)), _content(stems(counts)), _content(stems(excluded)))


# The words definitions use to state their rules (counted, obtained, described, included, from, after,
# overlaps, explicit…: among the most frequent in the labelled postings' definitions), and numbers:
# a line sharing only these with a definition says nothing about the criterion (« après huit ans
# comme caissière » for an electrical clearance « obtenue en 10/2022 ou après »).
RULE_WORDS = frozenset("""compt comptent compte obtenu decrit compri inclu debut fois period cumul dure jour
chevauch chevauchent seul equivalent certain somm apre avant minim mention explicit seuil simultane doubl
ancien etranger franc donne annee depui""".split())


def _content(words: list[str]) -> list[str]:
    return [w for w in words if len(w) >= 4 and w not in RULE_WORDS and not w.isdigit()]


def _hits(words: list[str], terms: list[str]) -> int:
    return sum(any(stem_matches(t, w) or (len(t) >= 5 and w.startswith(t)) for w in words) for t in terms)


def line_features(terms: Terms, kind: str, line: CvLine, dated: bool) -> list[float]:
    """The features of one (criterion, line) pair, in the order of `FEATURES`."""
    folded = line.folded
    words = re.findall(r"[a-z0-9]+", ungendered(folded))
    head, definition = _hits(words, terms.head), _hits(words, terms.definition)
    named = sum(_names(folded, e) for e in terms.examples)
    return ([head / max(1, len(terms.head)), min(head, 3), definition / max(1, len(terms.definition)),
             min(definition, 5), min(named, 2), float(named > 0), min(_hits(words, terms.excluded), 3),
             float(bool(PENDING.search(folded))), float(dated), math.log1p(len(words))]
            + [float(line.section == s) for s in SECTIONS] + [float(kind == k) for k in KINDS])


def _names(folded: str, example: str) -> bool:
    """A listed example is on the line; a short code (« BR », « B2V ») as a whole word only: « BR »
    does not start « Braga »."""
    if len(example) <= 3 or re.search(r"\d", example):
        return has(example, folded)
    return phrase_in(folded, example)


def shares_terms(features: list[float]) -> bool:
    """Whether the line shares a word with the criterion or its definition, or names one of its
    examples. A line that does not is never a proposal, however its section and length score:
    a quote must be about the criterion (a name line was once proposed for « un ETL »)."""
    named = FEATURES.index
    return (features[named("head_hits")] + features[named("definition_hits")]
            + features[named("examples_named")]) > 0


def reviewable(criterion: Criterion) -> bool:
    """The types whose rules read terms (a level, a permit, a duration or a status are facts)."""
    return criterion.kind in KINDS and criterion.semantic


def evidence_lines(cv: ParsedCv) -> list[CvLine]:
    """Usable lines that say something (not a bare date or heading)."""
    return [line for line in cv.usable_lines() if re.search(r"[^\W\d_]{3,}", line.text) and not line.headline]


@dataclass(frozen=True)
class EvidenceModel:
    coefficients: list[float]
    intercept: float
    promote: float          # >= : a "non mentionné" becomes a proposed "rempli"

    def probability(self, features: list[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.coefficients, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def best_line(self, criterion: Criterion, cv: ParsedCv) -> tuple[CvLine | None, float]:
        """The CV line that best evidences the criterion, and its probability."""
        terms, dated = Terms.of(criterion), {a.line for a in cv.activities}
        featured = [(line_features(terms, criterion.kind, line, line.text.strip() in dated), line)
                    for line in evidence_lines(cv)]
        scored = [(self.probability(features), line) for features, line in featured
                  if shares_terms(features)]
        if not scored:
            return None, 0.0
        probability, line = max(scored, key=lambda pair: pair[0])
        return line, probability

    def review(self, cv: ParsedCv, criteria: list[Criterion],
               results: list[CriterionResult]) -> list[CriterionResult]:
        """The rules' results, each reviewable "non mentionné" proposed as met when a line scores enough."""
        reviewed = []
        for criterion, result in zip(criteria, results, strict=True):
            if reviewable(criterion) and result.status == NOT_STATED:
                line, probability = self.best_line(criterion, cv)
                if line is not None and probability >= self.promote:
                    result = CriterionResult(
                        criterion.text, MET, line.text,
                        f"Proposition du modèle appris (probabilité {probability:.2f} ≥ {self.promote:.2f}) : "
                        "ligne du CV à vérifier", proposal=True)
            reviewed.append(result)
        return reviewed


@lru_cache(maxsize=1)
def shipped() -> EvidenceModel | None:
    """The model trained by `make train-recruitment`, or None when none is shipped."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if data.get("features") != FEATURES:
        raise ValueError(f"{MODEL_FILE.name} was trained on other features: run make train-recruitment")
    return EvidenceModel(data["coefficients"], data["intercept"], data["promote"])


def review(cv: ParsedCv, criteria: list[Criterion], results: list[CriterionResult]) -> list[CriterionResult]:
    model = shipped()
    return model.review(cv, criteria, results) if model else results
