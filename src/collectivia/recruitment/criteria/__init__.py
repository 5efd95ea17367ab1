"""Criterion types: one class per type, each the one home of its decision rule.

A criterion is written by the recruiter ("Expérience en paie d'au moins 2 ans",
"Diplôme de niveau 4 (baccalauréat) minimum", "Maîtrise d'Excel (formules,
tableaux croisés dynamiques)", "Permis B") and may come with a definition (its
decision rule). Its type is recognised from the wording, not from a list of
known postings, so that a new posting works the same way. Types, in the order
they are asked (see `base.REGISTRY`):

- permit: a driving licence category;
- status: civil servant of a grade / cadre d'emplois, or laureate of its concours;
- experience: a domain and a minimum duration;
- diploma: a minimum level (French national framework, levels 3 to 8);
- language: a language and a minimum level;
- software: a named tool, or a product of a category (payroll, HR, CMS, GIS...);
- skill: a tool or skill with a level ("maîtrise", "avancé");
- knowledge: anything else, matched by its key terms.
"""

from collectivia.recruitment.criteria import (  # noqa: F401  (each module registers its type)
    diploma, experience, knowledge, language, permit, skill, software, status)
from collectivia.recruitment.criteria.base import (
    MET, NOT_MET, NOT_STATED, REGISTRY, Criterion, CriterionResult, parse_criterion)

__all__ = ["MET", "NOT_MET", "NOT_STATED", "REGISTRY", "Criterion", "CriterionResult", "parse_criterion"]
