"""The screening aid without a model: per criterion, met / not met / not stated, with evidence.

Every answer quotes one line of the CV verbatim, so the recruiter can check
it in a second; durations are counted in whole months, start and end months
included, overlapping jobs counted once. The screening reads only the
sections and dated activities of the CV, never identity lines: two CVs that
differ only by name, sex, age or address get the same results.

Candidates are then put in groups (A, B, C) by the share of required
criteria met — groups, not verdicts: the criteria behind each group are shown
and any result can be corrected by the recruiter with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria import (
    MET, NOT_MET, NOT_STATED, Criterion, CriterionResult)
from collectivia.recruitment import evidence, experience_meaning, semantic
from collectivia.recruitment.cv import ParsedCv, fold, month_label, parse_cv

__all__ = ["MET", "NOT_MET", "NOT_STATED", "CriterionResult", "DateIssue", "Screening", "screen"]
GAP_MONTHS, OVERLAP_MONTHS = 6, 2


@dataclass
class DateIssue:
    kind: str          # "gap" | "overlap"
    start: int         # month index (first month concerned)
    end: int           # month index (last month concerned)
    message: str

    @property
    def months(self) -> int:
        return self.end - self.start + 1


@dataclass
class Screening:
    results: list[CriterionResult]
    optional: list[CriterionResult]
    date_issues: list[DateIssue]
    group: str
    questions: list[str] = field(default_factory=list)

    @property
    def met_count(self) -> int:
        return sum(r.met for r in self.results)


# ---- dates ----------------------------------------------------------------------------------

VOLUNTEERING = re.compile(r"\bbenevol|\bvolontariat\b|\bservice civique\b")
# A gap is a time « sans emploi ni formation »: unpaid volunteering does not fill one (a service
# civique, paid and full time, does).
UNPAID = re.compile(r"\bbenevole\b|\bbenevolement\b|^\W*benevolat\b")   # not « coordinatrice des bénévoles »


def date_issues(cv: ParsedCv, today: int) -> list[DateIssue]:
    """Gaps of 6 months or more between dated activities (or up to today); job overlaps >= 2 months."""
    issues: list[DateIssue] = []
    activities = sorted((a for a in cv.busy if not a.approximate and not UNPAID.search(fold(a.line))),
                        key=lambda a: (a.start, a.end))
    covered_until, last = None, None
    for activity in activities:
        if covered_until is not None and last is not None and activity.start - covered_until - 1 >= GAP_MONTHS:
            # what starts only in the reference month (« 09/2025 – en cours ») has not ended the gap
            # yet: it runs up to that month, as when nothing follows
            issues.append(DateIssue(
                "gap", covered_until + 1, today if activity.start >= today > 0 else activity.start - 1,
                f"Période sans activité de {activity.start - covered_until - 1} mois entre "
                f"{month_label(covered_until)} (fin de « {last.label} ») et "
                f"{month_label(activity.start)} (début de « {activity.label} »)"))
        if covered_until is None or activity.end > covered_until:
            covered_until, last = activity.end, activity
    if covered_until is not None and last is not None and today - covered_until >= GAP_MONTHS:
        issues.append(DateIssue(
            "gap", covered_until + 1, today,
            f"Aucune activité mentionnée depuis {month_label(covered_until)} (fin de « {last.label} »), "
            f"soit {today - covered_until} mois sans activité à la date de référence ({month_label(today)})"))
    # volunteering beside a job is no overlap of two jobs (« Bénévole | Bibliothèque associative »)
    # nor is a step inside a job (« puis chef d'équipe depuis 01/2021 » under « Depuis 02/2017 … »)
    jobs = sorted((a for a in cv.jobs if not a.approximate and not a.within and not VOLUNTEERING.search(fold(a.line))),
                  key=lambda a: (a.start, a.end))
    for i, first in enumerate(jobs):
        for second in jobs[i + 1:]:
            start, end = max(first.start, second.start), min(first.end, second.end)
            if end - start + 1 >= OVERLAP_MONTHS:
                issues.append(DateIssue(
                    "overlap", start, end,
                    f"Chevauchement de {end - start + 1} mois ({month_label(start)} à {month_label(end)}) "
                    f"entre « {first.label} » ({first.period_label()}) et « {second.label} » "
                    f"({second.period_label()})"))
    return issues


# ---- the whole screening ----------------------------------------------------------------------

def group_of(results: list[CriterionResult]) -> str:
    """A: every required criterion met; B: more than half; C: half or fewer."""
    return group_of_statuses([r.status for r in results])


def group_of_statuses(statuses: list[str]) -> str:
    met = sum(s == MET for s in statuses)
    if statuses and met == len(statuses):
        return "A"
    return "B" if met * 2 > len(statuses) else "C"


def interview_questions(criteria: list[Criterion], results: list[CriterionResult]) -> list[str]:
    """One question per required criterion that the CV does not evidence."""
    questions = []
    for criterion, result in zip(criteria, results, strict=True):
        if result.met:
            continue
        question = criterion.question(result)
        if result.status == NOT_MET and result.evidence:
            question += f" (le CV indique : « {result.evidence.strip()[:160]} »)"
        questions.append(f"{criterion.text} — {question}")
    return questions


def screen(text: str, required: list[Criterion], optional: list[Criterion], today: int,
           by_meaning: bool = True, learned: bool = True) -> Screening:
    """Each criterion checked by its type's rule, reviewed by the learned evidence model
    (`evidence.review`), then (`by_meaning`) a meaning match proposed for the criteria still
    without evidence (`semantic.propose`) and for experience short of its months, jobs read by
    meaning (`experience_meaning.propose`). Any "rempli" they add quotes a verbatim line, to check."""
    cv = parse_cv(text, today)
    both = [c.check(cv) for c in required + optional]
    if learned:
        both = evidence.review(cv, required + optional, both)
    if by_meaning:
        both = semantic.propose(cv, required + optional, both)
        both = experience_meaning.propose(cv, required + optional, both)
    results, extra = both[:len(required)], both[len(required):]
    return Screening(results, extra, date_issues(cv, today), group_of(results),
                     interview_questions(required, results))
