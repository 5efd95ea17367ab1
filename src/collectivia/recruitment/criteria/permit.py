"""Driving licence: a category ("Permis B", "Permis de conduire catégorie C")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, Criterion, CriterionResult, answered_no, register)
from collectivia.recruitment.cv import ParsedCv, fold


_NOT_HELD = re.compile(r"permis\s+[a-e1]*\s*:?\s*(?:en cours|en preparation|en formation|prevu|a passer)|code obtenu"
                       r"|permis[^.;]{0,25}\b(?:suspendu|suspension|annule|annulation|invalide)\b(?![^.;]*\b(?:repasse|obtenu))"
                       r"|(?:suspension|annulation|retrait) (?:administrative )?(?:du|de|de mon) permis"
                       r"|preparation (?:du|au) permis|\bcode de la route\b(?! et)|(?:examen|conduite)[^.;]*\bprevu")
# What a line under a « PERMIS » heading says of a category not held yet: « B en cours d'obtention »
_LISTED_NOT_HELD = re.compile(r"en cours(?! de validite)|prevu|a passer|en preparation|obtention|accompagnee|en formation")
# What follows a category in « Permis : B ; C envisagé en 2026 » or « D (financement CPF demandé) »
_CATEGORY_NOT_HELD = re.compile(r"en cours(?! de validite)|prevu|a passer|en preparation|accompagnee|en formation"
                                r"|envisag|demande|inscri")

# « B, C1, remorque BE », « B, C, CE – valides jusqu'en 2030 »: categories listed at the start of a line
_LISTED = re.compile(r"\W*((?:[a-e][1e]?\b(?:\s*(?:,|/|\+|\bet\b)\s*)?)+)(?=\s*(?:[,/–(-]|$)|\s+[a-z]{2,})")


_AFTER_WORD = re.compile(r"\bpermis(?:\s+de\s+conduire)?\s*:\s*((?:[a-e][1e]?\b\s*(?:[,;/+]|\bet\b)?\s*)+)(?=$|[(\-–]|\s[a-z]{2,})")
# A heavy-vehicle or bus licence can only be obtained with the B licence (Code de la route, R221-5)
_HELD_WITH = {"b": "BE|C1?E?|D1?E?", "c": "CE", "c1": "C1E|CE?", "d": "DE", "d1": "D1E|DE?"}


# What a « Permis de conduire » heading may be followed by that says which licence, or none:
# « Non », « En cours – examen prévu… », « A2 (moto) uniquement ».
_SAID_BELOW = re.compile(r"\W*(?:non\b|aucun|pas\b|en cours|en formation|[a-e][12]?\b|[a-e]e\b|moto|permis)",
                         re.IGNORECASE)


def _next_text(cv: ParsedCv, number: int) -> str:
    """The next non-empty line of the CV after `cv.lines[number]`."""
    return next((line.text for line in cv.lines[number + 1:] if line.text.strip()), "")


@register
@dataclass
class Permit(Criterion):
    kind = "permit"
    label = "permis"
    priority = 10

    category: str = "b"
    # « Permis BE ou permis B avec mention B96 »: each other category that is as good
    alternatives: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str, definition: str) -> Permit | None:
        folded = fold(text)
        named = re.findall(r"\bpermis\s+(?:de conduire\s+)?(?:categorie\s+)?([a-e][1e]?)\b(?!\s*96|\s+con(?:du|stru))",
                           folded)
        if not named:
            return None
        # « Permis BE ou permis B avec mention B96 »: what follows « ou » is as good; « Permis C et
        # permis B », « Permis C (permis B indispensable) » ask for the first
        either = folded.split(" ou ", 1)[1] if " ou " in folded else ""
        others = re.findall(r"\bpermis\s+(?:categorie\s+)?([a-e][1e]?)\b(?!\s*96)", either)
        b96 = re.search(r"\bb ?96\b", either) is not None
        # the B licence « avec mention B96 » is asked with its mention, not alone
        alternatives = [c for c in others if c != named[0] and not (b96 and c == "b")] + (["b96"] if b96 else [])
        return cls(text, definition, category=named[0], alternatives=list(dict.fromkeys(alternatives)))

    def check(self, cv: ParsedCv) -> CriterionResult:
        results = [self._check(cv, category) for category in [self.category, *self.alternatives]]
        return next((r for r in results if r.status == MET), None) \
            or next((r for r in results if r.status == NOT_MET), results[0])

    def _check(self, cv: ParsedCv, category: str) -> CriterionResult:
        previous = ""
        for number, line in enumerate(cv.lines):     # the permit often sits beside identity lines: only this fact is read
            # « PERMIS » as a heading, then « B, A, C, BE » or « B, C – valable jusqu'en 2029 » below
            heading = re.fullmatch(r"\W*permis(?: de conduire)?s?\W*", previous) is not None
            first = _LISTED.match(line.folded)
            listed = heading and first is not None and category in re.findall(r"[a-e][1e]?", first.group(1))
            previous = line.folded if line.folded.strip() else previous
            said_after = self._said_after_the_word(line.folded, category)
            named = listed or said_after is not None or re.search(rf"\bpermis\s+(?:de conduire\s*:?\s*)?(?:[a-e1, ]+\s+et\s+)?{category}\b",
                                        line.folded) \
                or re.search(rf"\bpermis\b[^.;]*\b{category}\b", line.folded)
            if named or (self._implied(line.text, category) and not _SAID_BELOW.match(_next_text(cv, number))):
                if _NOT_HELD.search(line.folded) or answered_no(line.folded, lambda field: re.search(
                        rf"\b{category}\b", field) is not None) or (listed and _LISTED_NOT_HELD.search(line.folded)) \
                        or (said_after is not None and _CATEGORY_NOT_HELD.search(said_after)):
                    if not named:
                        continue   # « Préparation du permis C » says nothing of the B licence
                    return self.result(NOT_MET, line.text,
                                       f"Permis {category.upper()} pas encore obtenu ou suspendu")
                return self.result(MET, line.text, f"Permis {category.upper()} indiqué")
        return self.result(NOT_STATED)

    @staticmethod
    def _said_after_the_word(folded: str, category: str) -> str | None:
        """« Permis : B ; D », « Permis de conduire : B, C, D »: what follows the category asked in
        the list after the word, up to the next item (« C envisagé en 2026 » -> « envisagé en 2026 »;
        « D (date d'obtention : 2015) » -> « (date d'obtention : 2015) »),
        or None when the list does not name it."""
        listing = _AFTER_WORD.search(folded)
        if listing is None:
            return None
        own = re.search(rf"\b{category}\b", listing.group(1))
        if own is None:
            return None
        start = listing.start(1) + own.end()
        return re.split(r"[,;–-]|\s\+\s", folded[start:], maxsplit=1)[0].strip()

    @staticmethod
    def _implied(text: str, category: str) -> bool:
        """« Permis C », « permis D » (in capitals, not « permis de construire ») imply the B licence;
        « Permis de conduire » with no category is the car licence, B, as everyone reads it."""
        implied = _HELD_WITH.get(category)
        if category == "b" and re.fullmatch(r"\W*permis de conduire(?:\s+(?:valide|en poche|obtenu))?\W*",
                                                 fold(text)):
            return True
        return bool(implied) and re.search(rf"\b[Pp]ermis\b[^.;]*\b(?:{implied})\b", text) is not None

    def question(self, result: CriterionResult) -> str:
        asked = " ou ".join(c.upper() for c in [self.category, *self.alternatives])
        return f"Êtes-vous titulaire du permis {asked} ?"
