"""Language: a language and a minimum level (CEFR A1-C2, or "courant", "notions")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, PENDING, Criterion, CriterionResult, phrase_in, register)
from collectivia.recruitment.cv import ParsedCv, fold
from collectivia.recruitment.lexicons import LANGUAGE_LEVELS, LANGUAGES


# TOEIC Listening & Reading scores at each CEFR level (ETS mapping), as levels 1-6 (A1-C2)
_TOEIC = ((945, 5), (785, 4), (550, 3), (225, 2), (120, 1))
_CAMBRIDGE = {"proficiency": 6, "cpe": 6, "advanced": 5, "cae": 5, "first": 4, "fce": 4, "pet": 3,
              "preliminary": 3, "ket": 2}


# IELTS bands and TOEFL iBT scores at each CEFR level (the publishers' tables), as levels 1-6
_IELTS = ((7.0, 5), (5.5, 4), (4.0, 3))
_TOEFL = ((95, 5), (72, 4), (42, 3))
_TOEFL_ITP = ((627, 5), (543, 4), (460, 3))     # the paper-based scale (310-677), not the iBT's (0-120)
# An English certificate names its language by itself: « TOEIC 905 (2019) » says English; Cambridge
# only with its exam's name (« Séjour au pair à Cambridge » is a town).
ENGLISH_CERTIFICATE = re.compile(r"\b(?:toeic|toefl|ielts|bulats|linguaskill|cambridge\s+(?:english|first|advanced"
                                 r"|proficiency|certificate|b2|c1|c2|fce|cae|cpe))\b")


def _certificate_level(tail: str) -> int:
    """The level a certificate says: « TOEIC 820 » is B2, « Cambridge First » is B2, « IELTS 6,5 »
    and « TOEFL iBT 80 » are B2."""
    toeic = re.search(r"toeic\D{0,12}(\d{3})", tail)
    if toeic:
        return next((level for score, level in _TOEIC if int(toeic.group(1)) >= score), 0)
    ielts = re.search(r"ielts\D{0,12}(\d(?:[.,]5)?)(?!\d)", tail)
    if ielts:
        band = float(ielts.group(1).replace(",", "."))
        return next((level for floor, level in _IELTS if band >= floor), 0)
    toefl = re.search(r"toefl(?:\s*ibt)?\D{0,12}(\d{2,3})(?!\d)", tail)
    if toefl:
        score = int(toefl.group(1))
        scale = _TOEFL if score <= 120 else _TOEFL_ITP
        return next((level for floor, level in scale if score >= floor), 0)
    return max((v for w, v in _CAMBRIDGE.items() if re.search(rf"\b{w}\b", tail)), default=0)


def _paired_cells(folded: str) -> str:
    """A table row (« | Anglais | B2 (CECRL) | », « Anglais | C1 | Espagnol | A1 ») read as clauses
    « anglais : b2 (cecrl) ; espagnol : a1 »: a language cell goes with the cell after it, never
    with another language's level."""
    if "|" not in folded:
        return folded
    cells = [c.strip() for c in folded.split("|") if c.strip()]
    clauses, i = [], 0
    while i < len(cells):
        # the next cell is this language's level unless it opens with another language
        # (« | Anglais | courant — visites guidées en anglais | » is one language and its level)
        if any(re.search(rf"\b{lang}\b", cells[i]) for lang in LANGUAGES) and i + 1 < len(cells) \
                and not any(re.match(rf"{lang}\b", cells[i + 1]) for lang in LANGUAGES):
            clauses.append(f"{cells[i]} : {cells[i + 1]}")
            i += 2
        else:
            clauses.append(cells[i])
            i += 1
    return " ; ".join(clauses)


@register
@dataclass
class Language(Criterion):
    kind = "language"
    label = "langue"
    priority = 50

    names: list[str] = field(default_factory=list)
    level: int = 3
    practices: list[str] = field(default_factory=list)   # « ou la conduite de visites en anglais »

    @classmethod
    def parse(cls, text: str, definition: str) -> Language | None:
        folded = fold(text)
        names = [lang for lang in LANGUAGES if re.search(rf"\b{lang}\b", folded)]
        if not names:
            return None
        level = 3
        for word, value in LANGUAGE_LEVELS.items():
            if re.search(rf"\b{re.escape(word)}\b", folded):
                level = value
        if re.search(r"maitrise|courant|professionnel", folded):
            level = max(level, 4)
        # an activity done in the language, not a certificate or a course in it (« ou une
        # certification en anglais » asks for the certificate's level)
        practices = [m.group(1) for m in re.finditer(
            rf"\bou (?:la |le |les |l'|une |un )?((?:(?!\bou\b)[a-z' -]){{3,40}}? en (?:{'|'.join(names)}))\b",
            fold(definition))
            if not re.match(r"(?:certifica|diplome|formation|cours|test|examen|niveau|attestation|stage)", m.group(1))]
        return cls(text, definition, names=names, level=level, practices=practices)

    def check(self, cv: ParsedCv) -> CriterionResult:
        seen = None
        for line in cv.usable_lines():
            folded = _paired_cells(line.folded)
            if any(phrase_in(folded, practice) for practice in self.practices):
                return self.result(MET, line.text, "Pratique que la définition accepte")
            for name in self.names:
                m = re.search(rf"\b{name}\b\s*(?:\(|:)?\s*([a-z0-9 ,.]+)?", folded)
                if m is None and name == "anglais" and (cert := ENGLISH_CERTIFICATE.search(folded)):
                    m = re.search(r"(.*)", folded[cert.start():])
                if not m:
                    continue
                tail = m.group(1) or ""
                # « Langue maternelle : allemand »: the level may come first, in the same clause
                clause = next((c for c in re.split(r"[;·•,]", folded) if re.search(rf"\b{name}\b", c)), tail)
                level = max([v for w, v in LANGUAGE_LEVELS.items() if re.search(rf"\b{w}\b", tail)]
                            + [v for w, v in LANGUAGE_LEVELS.items() if re.search(rf"\b{w}\b", clause)]
                            + [_certificate_level(tail)])
                if level >= self.level and not PENDING.search(clause):   # « niveau B1 en préparation »
                    return self.result(MET, line.text, "Niveau suffisant")
                seen = seen or line.text
        if seen:
            return self.result(NOT_MET, seen, "Niveau insuffisant ou non précisé")
        return self.result(NOT_STATED)

    def question(self, result: CriterionResult) -> str:
        return (f"Quel est votre niveau en {', '.join(self.names)} et dans quel contexte "
                "l'avez-vous pratiqué ?")
