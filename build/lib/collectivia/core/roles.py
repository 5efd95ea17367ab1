"""The eight roles of the platform and the helper that enforces them in services."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from collectivia.core.errors import Forbidden

if TYPE_CHECKING:
    from collectivia.core.models import User


class Role(StrEnum):
    AGENT = "agent"
    GESTIONNAIRE_RH = "gestionnaire_rh"
    RECRUTEUR = "recruteur"
    MEMBRE_JURY = "membre_jury"
    DPO = "dpo"
    REFERENT_IA = "referent_ia"
    REPRESENTANT_PERSONNEL = "representant_personnel"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.AGENT: "Agent",
    Role.GESTIONNAIRE_RH: "Gestionnaire RH",
    Role.RECRUTEUR: "Recruteur",
    Role.MEMBRE_JURY: "Membre de jury",
    Role.DPO: "Délégué à la protection des données",
    Role.REFERENT_IA: "Référent IA",
    Role.REPRESENTANT_PERSONNEL: "Représentant du personnel",
    Role.ADMIN: "Administrateur",
}

ALL_ROLES = frozenset(Role)


def ensure_role(user: User | None, *allowed: Role, action: str = "") -> User:
    """Raise Forbidden unless the user holds one of the allowed roles.

    Every service function that reads or changes protected data starts with
    this call, so rights hold whatever route, CLI command or job calls it.
    """
    if user is None or not user.active:
        raise Forbidden("Vous devez être connecté pour cette action.")
    if Role(user.role) not in allowed:
        detail = f" ({action})" if action else ""
        raise Forbidden(f"Votre rôle « {Role(user.role).label} » ne permet pas cette action{detail}.")
    return user
