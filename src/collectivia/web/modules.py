"""The platform's modules as shown in the navigation.

A module whose package has no `views` module yet still appears: its page
says plainly that it is not available yet, instead of a dead link.
"""

from __future__ import annotations

from dataclasses import dataclass

from collectivia.core.discovery import optional_module
from collectivia.core.roles import ALL_ROLES, Role


@dataclass(frozen=True)
class Module:
    key: str          # the domain package
    label: str
    path: str
    summary: str
    roles: frozenset[Role] = ALL_ROLES

    @property
    def available(self) -> bool:
        views = optional_module(self.key, "views")
        return views is not None and hasattr(views, "router")


MODULES = (
    Module("assistant", "Assistant", "/assistant",
           "Rédiger des courriers, synthèses et comptes rendus avec un modèle d'IA protégé."),
    Module("hrdesk", "Questions RH", "/questions-rh",
           "Poser une question sur sa carrière : réponses sourcées dans le Code général "
           "de la fonction publique."),
    Module("workspaces", "Espaces partagés", "/espaces",
           "Les documents d'un service et ses questions, réservés à ses membres, avec réponses "
           "citées."),
    Module("recruitment", "Recrutement", "/recrutement",
           "Aide au recrutement : offres, candidatures, pré-sélection argumentée.",
           frozenset({Role.RECRUTEUR, Role.MEMBRE_JURY, Role.GESTIONNAIRE_RH, Role.DPO,
                      Role.ADMIN})),
    Module("workforce", "Cartographie des métiers", "/cartographie",
           "Carte des métiers exposés à l'IA générative à partir du tableau des effectifs.",
           frozenset({Role.GESTIONNAIRE_RH, Role.REFERENT_IA, Role.REPRESENTANT_PERSONNEL,
                      Role.ADMIN})),
    Module("governance", "Gouvernance IA", "/gouvernance",
           "Registre des cas d'usage, classification AI Act, charte, formation, IA fantôme."),
)


# Oversight pages, after the modules in the navigation, for the roles that run them.
OVERSIGHT_PAGES = (
    Module("privacy", "Confidentialité", "/confidentialite",
           "Politiques de protection des données personnelles et coffre de pseudonymisation.",
           frozenset({Role.DPO, Role.REFERENT_IA, Role.ADMIN})),
    Module("core", "Journal d'audit", "/admin/journal",
           "Journal d'audit chaîné, vérification d'intégrité, export.",
           frozenset({Role.DPO, Role.ADMIN})),
    Module("core", "Utilisateurs", "/admin/utilisateurs", "Comptes et rôles.",
           frozenset({Role.ADMIN})),
    Module("llm", "Modèles de langage", "/admin/modeles",
           "Moteurs de modèles : adresses, clés, modèles, rôles autorisés, vérification.",
           frozenset({Role.ADMIN})),
    Module("jobs", "Tâches de fond", "/admin/taches",
           "File des travaux longs : état, tentatives, échecs.", frozenset({Role.ADMIN})),
)


def modules_for(role: Role) -> list[Module]:
    return [m for m in MODULES if role in m.roles]


def oversight_pages_for(role: Role) -> list[Module]:
    return [p for p in OVERSIGHT_PAGES if role in p.roles]
