"""Jobs in a criterion's domain by meaning, when the words of the rule do not reach them.

An experience criterion counts the months of the jobs in its domain. The
rule (`Experience.in_domain`) reads words: the domain's, its synonyms, the
jobs and examples the definition lists. A filière the lexicons have never
seen defeats it: « Canalisateur AEP/EU » is three years of « travaux de
réseaux d'eau potable ou d'assainissement », « Conductrice receveuse —
lignes urbaines » is « conduite de transport collectif de personnes », and
no word of theirs is the criterion's.

For an experience criterion with a duration that the rule leaves short, each
dated job the rule did not retain — and that the definition does not rule
out — is compared with the criterion (its text and what its definition says
counts) by the shipped multilingual-e5-small: the best cosine of the job's
title line and its first detail lines. A job reaching the threshold calibrated
on labelled postings (`data/recruitment/experience_threshold.json`, written
by `python -m collectivia.recruitment.calibration`) is added. When the jobs
then cover the minimum, the criterion becomes "rempli" **as a proposal**: the
note names the jobs read by meaning, the evidence is a job line, verbatim,
and the recruiter checks it. Nothing is ever made "non rempli" this way.

Vectors depend on the text only (cached by `semantic`), so twins get the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from collectivia.recruitment import semantic
from collectivia.recruitment.criteria import MET, CriterionResult
from collectivia.recruitment.criteria.experience import Experience
from collectivia.recruitment.cv import Activity, ParsedCv

THRESHOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "recruitment" / "experience_threshold.json"
_DETAIL_LINES = 3
_MIN_DETAIL_CHARS = 16


def threshold() -> float | None:
    """The calibrated cosine, or None when none is shipped (then no job is read by meaning)."""
    if not THRESHOLD_FILE.exists():
        return None
    value = float(json.loads(THRESHOLD_FILE.read_text(encoding="utf-8"))["threshold"])
    return value if value <= 1.0 else None


def job_texts(job: Activity) -> list[str]:
    """What a job says it was: its dated line and its first mission lines."""
    details = [d for d in job.details[:_DETAIL_LINES] if len(d.strip()) >= _MIN_DETAIL_CHARS]
    return [semantic.short_text(t) for t in [job.line, *details] if semantic.short_text(t)]


def job_scores(criterion: Experience, jobs: list[Activity]) -> list[float]:
    """Each job's best cosine with the criterion (title line or a mission line)."""
    if not jobs:
        return []
    texts = [job_texts(job) for job in jobs]
    flat = [t for group in texts for t in group]
    if not flat:
        return [0.0] * len(jobs)
    query = semantic.vectors([semantic.criterion_text(criterion)])[0]
    scores = semantic.vectors(flat) @ query
    out, at = [], 0
    for group in texts:
        out.append(float(np.max(scores[at:at + len(group)])) if group else 0.0)
        at += len(group)
    return out


def unread_jobs(cv: ParsedCv, criterion: Experience) -> tuple[list[Activity], list[Activity]]:
    """(jobs the rule retained, jobs it left that the definition does not rule out)."""
    retained = [j for j in cv.jobs if criterion.in_domain(j)]
    left = [j for j in cv.jobs if j not in retained and not criterion.ruled_out(j)]
    return retained, left


def propose(cv: ParsedCv, criteria: list, results: list[CriterionResult],
            cutoff: float | None = None) -> list[CriterionResult]:
    """The results, with each short experience criterion proposed as met when jobs read by
    meaning complete its months."""
    cutoff = threshold() if cutoff is None else cutoff
    if cutoff is None:
        return results
    proposed = list(results)
    for i, (criterion, result) in enumerate(zip(criteria, results, strict=True)):
        if result.status == MET or not isinstance(criterion, Experience) or not criterion.duration_given \
                or criterion.employer_domain:     # « en collectivité »: an employer, not a trade
            continue
        retained, left = unread_jobs(cv, criterion)
        added = [job for job, score in zip(left, job_scores(criterion, left), strict=True) if score >= cutoff]
        if not added:
            continue
        counted = criterion.check_jobs(cv, retained + added)
        if counted.status != MET:
            continue
        titles = " ; ".join(f"« {job.line.strip()[:80]} »" for job in added)
        proposed[i] = CriterionResult(
            criterion.text, MET, counted.evidence,
            f"{counted.note}. Proposition par le sens (multilingual-e5-small, seuil {cutoff:.3f}) : "
            f"emplois rapprochés du domaine sans ses mots, à vérifier : {titles}", proposal=True)
    return proposed
