"""Skill: a tool or skill with a level ("Maîtrise d'Excel (formules, tableaux croisés dynamiques)").

A line naming the skill with a sign of an advanced level meets it; a weak
mention ("Excel : notions") is quoted as not met. Features specific to the
skill ("TCD", "RECHERCHEV" for Excel) are evidence on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, Criterion, CriterionResult, definition_parts, examples, has, of_phrase, register)
from collectivia.recruitment.cv import ParsedCv, fold
from collectivia.recruitment.lexicons import ADVANCED_WORDS, SKILL_FEATURES, WEAK_WORDS

@register
@dataclass
class Skill(Criterion):
    kind = "skill"
    label = "compétence"
    priority = 70
    semantic = True

    name: str = ""
    features: list[str] = field(default_factory=list)   # signs of an advanced level
    weak: list[str] = field(default_factory=list)       # signs of an insufficient level
    features_required: bool = False                     # a plain mention is not enough
    named: list[str] = field(default_factory=list)      # « (WordPress, Drupal) »: each one counts

    @classmethod
    def parse(cls, text: str, definition: str) -> Skill | None:
        folded = fold(text)
        skill = next((s for s in SKILL_FEATURES if re.search(rf"\b{s}\b", folded)), None)
        if skill is None:
            m = re.match(r"(?:maitrise|pratique (?:avancee )?|usage avance|bonne maitrise)\s+"
                         r"(?:de |d'|du |des )(?:l'|la |le |un |une )?([a-z0-9.+#-]+)", folded)
            if not m:
                return None
            skill = m.group(1)
        if not re.search(r"maitrise|avance|expert|confirme|perfectionn|bonne", folded + fold(definition)):
            features: list[str] = []
        else:
            features = SKILL_FEATURES.get(skill, []) + ADVANCED_WORDS
        extra = [item for item in examples(text) + examples(definition)
                 if skill not in item or "avance" in item]
        weak = list(WEAK_WORDS)
        for item in examples(definition):
            if re.search(r"notions|bases|seul|debutant", item) or item in ("pack office",):
                weak.append(item.replace(skill, "").strip(" :"))
        # « Non rempli : « Excel » sans niveau, « courant », « intermédiaire » »: levels said not enough
        weak += [item for item in examples(definition_parts(definition)[1])
                 if skill not in item and " " not in item and len(item) > 3]
        features += [f for f in extra if f not in weak and len(f) > 2
                     and not re.search(r"notions|bases|seul|pack office", f)]
        listed = bool(examples(text)) or bool(re.search(r"avance|seul|suffi|notions", fold(definition)))
        return cls(text, definition, name=skill, features=list(dict.fromkeys(features)),
                   weak=[w for w in dict.fromkeys(weak) if w], features_required=listed,
                   named=examples(text, named_only=True))

    def check(self, cv: ParsedCv) -> CriterionResult:
        specific = SKILL_FEATURES.get(self.name, []) + self.named
        weak_line = None
        for line in cv.usable_lines():
            row = line.folded.strip().startswith("|") and line.folded.count("|") <= 4   # « | Excel | Confirmé | »
            for clause in re.split(r";|·" if row else r";|·|\|", line.folded):
                named = has(self.name, clause)
                if not named and not any(has(f, clause) for f in specific):
                    continue
                weak = (named or any(has(n, clause) for n in self.named)) \
                    and any(has(w, clause) for w in self.weak)
                strong = any(has(f, clause) for f in self.features + self.named)
                if not weak and (strong or not self.features_required):
                    return self.result(MET, line.text, "Niveau avancé indiqué")
                if weak_line is None:
                    weak_line = line.text
        if weak_line is not None:
            return self.result(NOT_MET, weak_line, "Mention insuffisante")
        return self.result(NOT_STATED, None, "")

    def question(self, result: CriterionResult) -> str:
        return (f"Pouvez-vous décrire concrètement votre pratique {of_phrase(self.text)} : "
                "niveau atteint et usages ?")
