"""Software: a named tool, or any product of a named category ("un logiciel de paie ou SIRH")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_STATED, Criterion, CriterionResult, mentions, register)
from collectivia.recruitment.cv import ParsedCv, fold
from collectivia.recruitment.lexicons import SOFTWARE, SOFTWARE_CATEGORY_WORDS


@register
@dataclass
class Software(Criterion):
    kind = "software"
    label = "logiciel"
    priority = 60

    categories: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)     # products named by the criterion itself

    @classmethod
    def parse(cls, text: str, definition: str) -> Software | None:
        folded = fold(text)
        if not re.search(r"\b(logiciel|progiciel|sirh|outil|application)s?\b", folded):
            return None
        categories = [c for c, words in SOFTWARE_CATEGORY_WORDS.items()
                      if any(re.search(rf"\b{re.escape(w)}", folded) for w in words)]
        names = [n for names in SOFTWARE.values() for n in names
                 if re.search(rf"\b{re.escape(n)}\b", folded)]
        if not categories and not names:
            return None
        return cls(text, definition, categories=categories, names=names)

    def products(self) -> list[str]:
        names = list(self.names)
        for category in self.categories:
            names += SOFTWARE.get(category, [])
        return list(dict.fromkeys(names))

    def check(self, cv: ParsedCv) -> CriterionResult:
        names = self.products()
        category_words = [w for c in self.categories for w in SOFTWARE_CATEGORY_WORDS.get(c, [])]
        for line in cv.usable_lines():
            if any(re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", line.folded) for n in names):
                return self.result(MET, line.text, "Logiciel nommé")
            generic = re.search(r"\b(logiciel|progiciel|sirh)\s+(?:de\s+\w+\s+)?([A-Z][\w.@-]+)", line.text)
            if generic and category_words and mentions(line.folded, category_words):
                return self.result(MET, line.text, "Logiciel nommé")
        return self.result(NOT_STATED, None, "Aucun logiciel de la catégorie nommé")

    def question(self, result: CriterionResult) -> str:
        what = ", ".join(self.names or self.categories)
        return f"Quels logiciels avez-vous utilisés ({what}) et pour quelles tâches ?"
