"""Software: a named tool, or any product of a named category ("un logiciel de paie ou SIRH").

The criterion names a category ("un CMS", "un logiciel de PAO") and the CV a
product ("WordPress", "InDesign"): the lexicon of products by category links
them. Products the criterion lists itself (« Maîtrise d'un CMS (WordPress,
Drupal) ») count as well, known to the lexicon or not. A category whose very
name is software ("CMS", "SIG", "réseaux sociaux") is evidenced by a CV line
naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, Criterion, CriterionResult, definition_parts, examples, has, mentions, named_items,
    of_phrase, register)
from collectivia.recruitment.cv import ParsedCv, fold
from collectivia.recruitment.lexicons import (
    ADVANCED_WORDS, SELF_NAMED_SOFTWARE, SKILL_FEATURES, SOFTWARE, SOFTWARE_CATEGORY_WORDS, WEAK_WORDS)

_TOOL = r"\b(logiciel|progiciel|sirh|outil|application|suite|solution)s?\b"


def _without_names(folded: str, names: list[str]) -> str:
    for name in names:
        folded = re.sub(rf"\b{re.escape(name)}\b", " ", folded)
    return folded


@register
@dataclass
class Software(Criterion):
    kind = "software"
    label = "logiciel"
    priority = 60
    semantic = True

    categories: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)     # products named by the criterion itself
    self_named: list[str] = field(default_factory=list)  # "CMS", "SIG": the category is software
    level_asked: bool = False                            # "maîtrise": "notions" is not enough

    @classmethod
    def parse(cls, text: str, definition: str) -> Software | None:
        folded = fold(re.sub(r"\([^)]*\)", " ", text))
        self_named = [w for w in SELF_NAMED_SOFTWARE if has(w, folded)]
        if not re.search(_TOOL, folded) and not self_named:
            return None
        categories = [c for c, words in SOFTWARE_CATEGORY_WORDS.items()
                      if any(re.search(rf"\b{re.escape(w)}", folded) for w in words)]
        if any(has(f, fold(text)) for f in SKILL_FEATURES["excel"]):
            # « Tableur niveau confirmé (TCD, RECHERCHEV) » asks for those functions, not for any
            # spreadsheet product: only the names it lists are evidence
            categories = [c for c in categories if c != "tableur"]
        names = [n for names in SOFTWARE.values() for n in names if has(n, fold(text))]
        counts, excluded = definition_parts(definition)
        names += examples(text, named_only=True) + examples(counts, named_only=True)
        # « … utilisé : GLPI, OCS Inventory, EasyVista, Jira Service Management… »; never a name the
        # definition rules out (« Jira utilisé pour la gestion de projet »)
        names += [n for n in named_items(counts) if not has(n, fold(excluded)) or " " in n]
        if not categories and not names:
            return None
        level_asked = bool(re.search(r"maitrise|avance|expert|confirme", fold(text))
                           or re.search(r"notions|debutant", fold(definition_parts(definition)[1])))
        return cls(text, definition, categories=categories, names=list(dict.fromkeys(names)),
                   self_named=self_named, level_asked=level_asked)

    def products(self) -> list[str]:
        names = list(self.names)
        for category in self.categories:
            names += SOFTWARE.get(category, [])
        return list(dict.fromkeys(names))

    def _names_one(self, folded: str) -> bool:
        return any(has(n, folded) for n in self.products() + self.self_named)

    @staticmethod
    def _weak(clause: str) -> bool:
        """« Mensura (notions) »: named, at a level the criterion's « maîtrise » rules out."""
        return any(has(w, clause) for w in WEAK_WORDS) and not any(has(w, clause) for w in ADVANCED_WORDS)

    def _naming_clauses(self, folded: str) -> list[str]:
        """The clauses of a line that name a product, each with the level said of it: a bare label
        (« | SIG | Notions (QGIS…) | ») takes the clause after it."""
        naming = []
        cells = folded.split("|")
        for n, cell in enumerate(cells):
            bare = self._names_one(cell) and not re.search(
                r"[a-z]{3,}", _without_names(cell, self.products() + self.self_named))
            if bare and n + 1 < len(cells):
                naming.append(cell + " " + cells[n + 1])
                continue
            naming += [part for part in re.split(r"[,;·]|\bet\b", cell) if self._names_one(part)]
        return naming

    def check(self, cv: ParsedCv) -> CriterionResult:
        category_words = [w for c in self.categories for w in SOFTWARE_CATEGORY_WORDS.get(c, [])]
        weak_line = None
        for line in cv.usable_lines():
            clauses = self._naming_clauses(line.folded)
            if clauses:
                if not self.level_asked or any(not self._weak(c) for c in clauses):
                    return self.result(MET, line.text, "Logiciel nommé")
                weak_line = weak_line or line.text
                continue
            generic = re.search(r"\b(logiciel|progiciel|sirh)\s+(?:de\s+\w+\s+)?([A-Z][\w.@-]+)", line.text)
            if generic and category_words and mentions(line.folded, category_words):
                return self.result(MET, line.text, "Logiciel nommé")
        if weak_line is not None:
            return self.result(NOT_MET, weak_line, "Mention insuffisante")
        return self.result(NOT_STATED, None, "Aucun logiciel de la catégorie nommé")

    def question(self, result: CriterionResult) -> str:
        return (f"Quels logiciels avez-vous utilisés ? Pouvez-vous décrire concrètement votre pratique "
                f"{of_phrase(self.text)} : niveau atteint et usages ?")
