"""Eligibility: civil servant of a grade or cadre d'emplois, or laureate of its concours."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, Criterion, CriterionResult, register, stem, stem_matches, ungendered)
from collectivia.recruitment.cv import ParsedCv, fold
from collectivia.recruitment.lexicons import STOPWORDS

_CIVIL_SERVANT = re.compile(r"\btitulaire\b|fonctionnaire|\blaureat|liste d'aptitude|\bstagiaire\b"
                            r"|\bconcours\b.*\b(?:admise?|recue?|reussie?)\b")
# « admissible », « préparation au concours », « inscrite au concours »: not yet a laureate
_NOT_YET = re.compile(r"admissib|preparation|prepare|inscrite? (?:au|a la)|en attente|\bechec")


# A status field among the identity lines (« Statut : adjointe administrative … (fonctionnaire
# titulaire) »): a career fact, read although the rest of the identity block never is.
_STATUS_FIELD = re.compile(r"^\W*(?:statut|situation (?:statutaire|administrative|professionnelle)|grade"
                           r"|position statutaire)\s*:")

_NOT_A_GRADE = {"correspondant", "externe", "interne", "territorial", "territoriaux", "lauréat", "laureat",
                "titulaire", "emplois"}


@register
@dataclass
class Status(Criterion):
    kind = "status"
    label = "statut"
    priority = 20

    grades: list[str] = field(default_factory=list)   # stems of the grade / cadre d'emplois named

    @classmethod
    def parse(cls, text: str, definition: str) -> Status | None:
        folded = fold(text)
        if not re.search(r"\b(fonctionnaire|laureat|liste d'aptitude|titulaire du grade|titulaire d'un grade"
                         r"|cadre d'emplois)\b", folded):
            return None
        # « du cadre d'emplois des adjoints administratifs ou des rédacteurs territoriaux »,
        # « du concours de gardien-brigadier »: the head word of each grade named
        grades = []
        # « fonctionnaire titulaire (rédacteur ou adjoint administratif) »: the grades in brackets too
        for m in re.finditer(r"(?:grade|cadre d'emplois|concours)\s+([^,(]*?)(?=[,(]|\s+ou\s+(?:laureat|titulaire"
                             r"|fonctionnaire|inscrit)|$)|fonctionnaire(?:\s+titulaire)?\s+\(([^)]*)\)", folded):
            if m.group(2):
                grades += [part.strip().split(" ")[0] for part in re.split(r"\s+ou\s+|,", m.group(2))]
                continue
            for part in re.split(r"\s+ou\s+", m.group(1)):
                head = re.sub(r"^(?:de la |de l'|du |des |de |d')", "", part.strip()).split(" ")[0]
                grades += head.split("-")
        names = [stem(ungendered(g)) for g in grades
                 if g not in STOPWORDS and len(g) > 3 and g not in _NOT_A_GRADE]
        return cls(text, definition, grades=list(dict.fromkeys(names)))

    def check(self, cv: ParsedCv) -> CriterionResult:
        """A line saying the candidate is a civil servant or a laureate (of the named grade, if any)."""
        fallback = None
        fields = [line for line in cv.lines if line.section == "identity" and _STATUS_FIELD.match(line.folded)]
        for line in [*fields, *cv.usable_lines()]:
            if not _CIVIL_SERVANT.search(line.folded) or _NOT_YET.search(line.folded) \
                    or re.search(r"\bnon titulaire|contractuel", line.folded):
                continue
            words = re.findall(r"[a-z]+", ungendered(line.folded))   # « rédactrice » is « rédacteur »
            if not self.grades or any(stem_matches(n, w) or w.startswith(n) for n in self.grades
                                      for w in words):
                return self.result(MET, line.text, "Statut de fonctionnaire ou de lauréat")
            fallback = fallback or line.text
        if fallback:
            return self.result(NOT_MET, fallback,
                               "Fonctionnaire ou lauréat, mais pas du grade ou cadre d'emplois demandé")
        return self.result(NOT_STATED)

    def question(self, result: CriterionResult) -> str:
        return "Quelle est votre situation statutaire (grade, concours, liste d'aptitude) ?"
