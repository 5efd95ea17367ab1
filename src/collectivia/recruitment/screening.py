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
    DIPLOMA_LEVELS, DOMAIN_SYNONYMS, LANGUAGE_LEVELS, SKILL_FEATURES, SOFTWARE, SOFTWARE_CATEGORY_WORDS, Criterion, stem_matches)
from collectivia.recruitment.cv import (
    Activity, CvLine, ParsedCv, fold, month_label, parse_cv, union_months)

MET, NOT_MET, NOT_STATED = "rempli", "non rempli", "non mentionné"
GAP_MONTHS, OVERLAP_MONTHS = 6, 2


@dataclass
class CriterionResult:
    criterion: str
    status: str                  # MET | NOT_MET | NOT_STATED
    evidence: str | None         # a verbatim line of the CV
    note: str = ""

    @property
    def met(self) -> bool:
        return self.status == MET


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


# ---- experience -------------------------------------------------------------------------

def _mentions(text: str, terms: list[str]) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(t)}", text) for t in terms)


def _job_in_domain(job: Activity, criterion: Criterion) -> bool:
    """A job counts when its title names the domain, or a mission does the domain's work."""
    head = fold(job.line)
    title = head
    for detail in job.details:
        if re.match(r"(fonction|poste|intitule)", fold(detail)):
            title += " " + fold(detail)
    if criterion.employer_domain:
        return _mentions(title, criterion.domain_terms)
    if _mentions(_title_part(title), criterion.domain_terms):
        return True
    missions = [fold(part) for text in [job.line, *job.details] for part in re.split(r";|\. ", text)]
    return any(_mentions(m, criterion.domain_terms)
               and (not criterion.activity_terms or _mentions(m, criterion.activity_terms))
               for m in missions)


def _title_part(folded_line: str) -> str:
    """The title side of a dated line: missions after ';' or ' : ' are left out."""
    if "|" in folded_line:
        cells = [c for c in folded_line.split("|") if c.strip()]
        return " ".join(cells[:2])
    text = folded_line.split(";")[0]
    return re.split(r"mes missions|principales activites", text)[0]


def _check_experience(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    jobs = [j for j in cv.jobs if _job_in_domain(j, criterion)]
    if not jobs:
        return CriterionResult(criterion.text, NOT_STATED, None,
                               f"Aucun emploi correspondant (seuil {criterion.months} mois)")
    total = union_months(jobs)
    naive = sum(j.months for j in jobs)
    longest = max(jobs, key=lambda j: (j.months, -cv.activities.index(j)))
    parts = ", ".join(f"{j.period_label()} ({j.months} mois)" for j in sorted(jobs, key=lambda j: j.start))
    note = f"Emplois retenus : {parts} ; total sans double compte = {total} mois (seuil {criterion.months})"
    if naive != total:
        note += f" ; somme brute avec chevauchement = {naive} mois"
    status = MET if total >= criterion.months else NOT_MET
    return CriterionResult(criterion.text, status, longest.line, note)


# ---- diploma ----------------------------------------------------------------------------

_NOT_OBTAINED = re.compile(
    r"niveau\s+(?:bac|baccalaureat|licence|master|bts|dut|cap|bep)|non obtenu|non valide|en cours"
    r"|en preparation|preparation (?:au|du|d'un|a la)|inscrit|abandon|\bl[12]\b|1re annee|premiere annee"
    r"|2e annee|deuxieme annee|echec|ajourne|prevu|en attente")


_ACRONYMS = {"bp", "but", "cap", "bep", "bts", "btsa", "dut", "capa", "dea", "dess", "iep", "mba"}


_OLD_LEVELS = {"v": 3, "iv": 4, "iii": 5, "ii": 6, "i": 7}


def diploma_level(line: str) -> int:
    """The level of the diploma a line names (0: none). Acronyms must be written in capitals.

    A professional title or certification says its level ("titre professionnel ... niveau 5",
    or the former "niveau III").
    """
    folded = fold(line)
    titled = re.search(r"(?:titre|certification|rncp|diplome)[^;|]*\bniveau\s*(\d|iv|iii|ii|i|v)\b", folded)
    if titled:
        value = titled.group(1)
        return int(value) if value.isdigit() else _OLD_LEVELS[value]
    for level, pattern in DIPLOMA_LEVELS:
        for m in re.finditer(pattern, folded):
            word = m.group(0).strip()
            if word in _ACRONYMS and not re.search(rf"\b{word.upper()}\b", line):
                continue
            return level
    return 0


def _diploma_lines(cv: ParsedCv) -> list[tuple[CvLine, int, bool]]:
    found = []
    for line in cv.usable_lines():
        if line.section not in ("education", "experience", "skills", "other", "header"):
            continue
        level = diploma_level(line.text)
        if level and not re.search(r"concours|preparation au concours", line.folded):
            obtained = not _NOT_OBTAINED.search(line.folded)
            found.append((line, level, obtained))
    return found


def _check_diploma(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    found = _diploma_lines(cv)
    if not found:
        return CriterionResult(criterion.text, NOT_STATED, None, "Aucun diplôme mentionné")
    good = [f for f in found if f[2] and f[1] >= criterion.level]
    if good:
        line, level, _ = max(good, key=lambda f: f[1])
        return CriterionResult(criterion.text, MET, line.text,
                               f"Diplôme de niveau {level} (exigé : niveau {criterion.level})")
    line, level, obtained = max(found, key=lambda f: (f[1], f[2]))
    why = "non obtenu ou en cours" if not obtained else f"niveau {level} < niveau {criterion.level}"
    return CriterionResult(criterion.text, NOT_MET, line.text, f"Diplôme insuffisant ou non obtenu ({why})")


# ---- software, skills, permit, language, knowledge ------------------------------------------

def _software_names(criterion: Criterion) -> list[str]:
    names = list(criterion.names)
    for category in criterion.categories:
        names += SOFTWARE.get(category, [])
    return list(dict.fromkeys(names))


def _check_software(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    names = _software_names(criterion)
    category_words = [w for c in criterion.categories for w in SOFTWARE_CATEGORY_WORDS.get(c, [])]
    for line in cv.usable_lines():
        if any(re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", line.folded) for n in names):
            return CriterionResult(criterion.text, MET, line.text, "Logiciel nommé")
        generic = re.search(r"\b(logiciel|progiciel|sirh)\s+(?:de\s+\w+\s+)?([A-Z][\w.@-]+)", line.text)
        if generic and category_words and _mentions(line.folded, category_words):
            return CriterionResult(criterion.text, MET, line.text, "Logiciel nommé")
    return CriterionResult(criterion.text, NOT_STATED, None, "Aucun logiciel de la catégorie nommé")


def _has(term: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", text) is not None


def _check_skill(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    """A line naming the skill with an advanced feature; a weak mention ("notions") is quoted.

    Features specific to the skill ("TCD", "RECHERCHEV" for Excel) are evidence on their own.
    """
    name = criterion.names[0]
    specific = SKILL_FEATURES.get(name, [])
    weak_line = None
    for line in cv.usable_lines():
        for clause in re.split(r";|·|\|", line.folded):
            named = _has(name, clause)
            if not named and not any(_has(f, clause) for f in specific):
                continue
            weak = named and any(_has(w, clause) for w in criterion.weak)
            strong = any(_has(f, clause) for f in criterion.features)
            if not weak and (strong or not criterion.features_required):
                return CriterionResult(criterion.text, MET, line.text, "Niveau avancé indiqué")
            if weak_line is None:
                weak_line = line.text
    if weak_line is not None:
        return CriterionResult(criterion.text, NOT_MET, weak_line, "Mention insuffisante")
    return CriterionResult(criterion.text, NOT_STATED, None, "")


def _check_permit(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    category = criterion.names[0]
    for line in cv.lines:     # the permit often sits beside identity lines: only this fact is read
        if re.search(rf"\bpermis\s+(?:de conduire\s*:?\s*)?(?:[a-e1, ]+\s+et\s+)?{category}\b", line.folded) \
                or re.search(rf"\bpermis\b[^.;]*\b{category}\b", line.folded):
            return CriterionResult(criterion.text, MET, line.text, f"Permis {category.upper()} indiqué")
    return CriterionResult(criterion.text, NOT_STATED, None, "")


def _check_language(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    seen = None
    for line in cv.usable_lines():
        for name in criterion.names:
            m = re.search(rf"\b{name}\b\s*(?:\(|:)?\s*([a-z0-9 ,]+)?", line.folded)
            if not m:
                continue
            tail = m.group(1) or ""
            level = max((v for w, v in LANGUAGE_LEVELS.items() if re.search(rf"\b{w}\b", tail)),
                        default=0)
            if level >= criterion.level:
                return CriterionResult(criterion.text, MET, line.text, "Niveau suffisant")
            seen = seen or line.text
    if seen:
        return CriterionResult(criterion.text, NOT_MET, seen, "Niveau insuffisant ou non précisé")
    return CriterionResult(criterion.text, NOT_STATED, None, "")


def _knowledge_score(line: CvLine, criterion: Criterion) -> tuple[int, int]:
    words = re.findall(r"[a-z0-9]+", line.folded)

    def hit(term: str) -> bool:
        if " " in term:
            return term in line.folded
        return any(stem_matches(term, w) for w in words)
    return (sum(hit(t) for t in criterion.strong_terms), sum(hit(t) for t in criterion.weak_terms))


def _all(criterion: Criterion) -> Criterion:
    return Criterion(criterion.text, "", "knowledge", strong_terms=criterion.all_terms)


def _check_knowledge(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    """First line with one strong term or two weak ones; mission lines before job-title lines."""
    dated = {a.line for a in cv.activities}
    candidates = [line for line in cv.usable_lines()
                  if not criterion.training_only or line.section == "education"
                  or re.search(r"\bformation|\bdiplome|\bcertifi|\bstage\b", line.folded)]
    for pass_lines in ([c for c in candidates if c.text.strip() not in dated], candidates):
        for line in pass_lines:
            strong, weak = _knowledge_score(line, criterion)
            if criterion.all_terms and _knowledge_score(line, _all(criterion))[0] == len(criterion.all_terms):
                return CriterionResult(criterion.text, MET, line.text, "Mention correspondante")
            if strong >= 1 or weak >= 2 and not criterion.all_terms:
                return CriterionResult(criterion.text, MET, line.text, "Mention correspondante")
    if criterion.employer_domain:        # e.g. "Connaissance des collectivités territoriales"
        public = DOMAIN_SYNONYMS["collectivite territoriale"]
        job = next((j for j in cv.jobs if _mentions(fold(j.line), public)), None)
        if job is not None:
            return CriterionResult(criterion.text, MET, job.line, "Emploi dans une collectivité publique")
    return CriterionResult(criterion.text, NOT_STATED, None, "")


_CIVIL_SERVANT = re.compile(r"\btitulaire\b|fonctionnaire|laureat|liste d'aptitude|\bstagiaire\b")


def _check_status(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    """A line saying the candidate is a civil servant or a laureate (of the named grade, if any)."""
    fallback = None
    for line in cv.usable_lines():
        if not _CIVIL_SERVANT.search(line.folded) or re.search(r"\bnon titulaire|contractuel", line.folded):
            continue
        words = re.findall(r"[a-z]+", line.folded)
        if not criterion.names or any(stem_matches(n, w) or w.startswith(n) for n in criterion.names
                                      for w in words):
            return CriterionResult(criterion.text, MET, line.text, "Statut de fonctionnaire ou de lauréat")
        fallback = fallback or line.text
    if fallback:
        return CriterionResult(criterion.text, NOT_MET, fallback,
                               "Fonctionnaire ou lauréat, mais pas du grade ou cadre d'emplois demandé")
    return CriterionResult(criterion.text, NOT_STATED, None, "")


CHECKS = {"experience": _check_experience, "status": _check_status, "diploma": _check_diploma, "software": _check_software,
          "skill": _check_skill, "permit": _check_permit, "language": _check_language,
          "knowledge": _check_knowledge}


def check(cv: ParsedCv, criterion: Criterion) -> CriterionResult:
    return CHECKS[criterion.kind](cv, criterion)


# ---- dates ----------------------------------------------------------------------------------

def date_issues(cv: ParsedCv, today: int) -> list[DateIssue]:
    """Gaps of 6 months or more between dated activities (or up to today); job overlaps >= 2 months."""
    issues: list[DateIssue] = []
    activities = sorted((a for a in cv.activities if not a.approximate), key=lambda a: (a.start, a.end))
    covered_until, last = None, None
    for activity in activities:
        if covered_until is not None and activity.start - covered_until - 1 >= GAP_MONTHS:
            issues.append(DateIssue(
                "gap", covered_until + 1, activity.start - 1,
                f"Période sans activité de {activity.start - covered_until - 1} mois entre "
                f"{month_label(covered_until)} (fin de « {last.label} ») et "
                f"{month_label(activity.start)} (début de « {activity.label} »)"))
        if covered_until is None or activity.end > covered_until:
            covered_until, last = activity.end, activity
    if covered_until is not None and today - covered_until >= GAP_MONTHS:
        issues.append(DateIssue(
            "gap", covered_until + 1, today,
            f"Aucune activité mentionnée depuis {month_label(covered_until)} (fin de « {last.label} »), "
            f"soit {today - covered_until} mois sans activité à la date de référence ({month_label(today)})"))
    jobs = sorted((a for a in cv.jobs if not a.approximate), key=lambda a: (a.start, a.end))
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


QUESTION_TEMPLATES = {
    "experience": "Pouvez-vous décrire vos expériences en {domain} : périodes, volume traité, "
                  "outils et responsabilités ?",
    "diploma": "Quel est votre plus haut diplôme obtenu (intitulé, année) ? Une équivalence ou "
               "une VAE est-elle en cours ?",
    "software": "Quels logiciels avez-vous utilisés ({what}) et pour quelles tâches ?",
    "skill": "Pouvez-vous décrire concrètement votre pratique {of_what} : niveau atteint et usages ?",
    "permit": "Êtes-vous titulaire du permis {what} ?",
    "language": "Quel est votre niveau en {what} et dans quel contexte l'avez-vous pratiqué ?",
    "knowledge": "Comment avez-vous acquis et mis en œuvre : {what} ? Pouvez-vous donner un exemple ?",
    "status": "Quelle est votre situation statutaire (grade, concours, liste d'aptitude) ?",
}


# "Maîtrise d'un CMS (WordPress, Drupal)": its leading noun goes, its own "d'un CMS" stays
_LEADING_NOUN = re.compile(r"^\s*(?:(?:tr[eè]s )?bonne |parfaite )?(?:ma[iî]trise|pratique"
                           r"(?: avanc[ée]e)?|usage avanc[ée]|connaissances?)\s+(?=d'|d’|de |du |des )",
                           re.IGNORECASE)


def _of_phrase(text: str) -> str:
    """What « votre pratique … » governs, in the criterion's own words and case.

    Built from the criterion's text rather than from its parsed keywords, which are
    folded and may be a stray article ("votre pratique de un").
    """
    rest = _LEADING_NOUN.sub("", text, count=1).strip()
    if rest != text.strip():
        return rest
    return f"d'{rest}" if fold(rest[:1]) in "aeiouy" else f"de {rest}"


def interview_questions(criteria: list[Criterion], results: list[CriterionResult]) -> list[str]:
    """One question per required criterion that the CV does not evidence."""
    questions = []
    for criterion, result in zip(criteria, results, strict=True):
        if result.met:
            continue
        what = ", ".join(criterion.names or criterion.categories) or criterion.text
        if criterion.kind == "knowledge":
            what = criterion.text[0].lower() + criterion.text[1:]
        domain = criterion.domain_terms[0] if criterion.domain_terms else criterion.text
        question = QUESTION_TEMPLATES[criterion.kind].format(
            what=what, domain=domain, of_what=_of_phrase(criterion.text))
        if result.status == NOT_MET and result.evidence:
            question += f" (le CV indique : « {result.evidence.strip()[:160]} »)"
        questions.append(f"{criterion.text} — {question}")
    return questions


def screen(text: str, required: list[Criterion], optional: list[Criterion], today: int) -> Screening:
    cv = parse_cv(text, today)
    results = [check(cv, c) for c in required]
    extra = [check(cv, c) for c in optional]
    return Screening(results, extra, date_issues(cv, today), group_of(results),
                     interview_questions(required, results))
