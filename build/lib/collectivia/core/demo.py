"""The demo collectivité "Admiville" (a commune of 5,000 inhabitants).

`load_demo` creates its directions and services and one account per role,
then calls `load(session, context)` in every domain's `demo.py`, so each
module adds its own demo data through this same loader. It is idempotent:
running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.discovery import modules_named
from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.core.users import UserForm, create_user, ensure_service, find_by_login

# The organisation of Admiville, as in its staff table (tableau des effectifs).
DIRECTIONS: dict[tuple[str, str], list[str]] = {
    ("DG", "Direction générale"): [
        "Direction générale des services", "Secrétariat général et assemblées", "Communication"],
    ("RES", "Ressources"): ["Ressources humaines", "Finances", "Informatique"],
    ("POP", "Accueil-population"): [
        "Accueil - état civil - élections", "Archives et documentation", "CCAS - action sociale",
        "Urbanisme"],
    ("ENF", "Enfance-éducation"): [
        "Direction enfance-éducation", "Multi-accueil petite enfance",
        "Périscolaire et accueil de loisirs", "Restauration scolaire", "Écoles maternelles"],
    ("CUL", "Culture"): ["Médiathèque", "Salle culturelle et événements", "École de musique"],
    ("ST", "Services techniques"): [
        "Direction des services techniques", "Bâtiments", "Cimetière", "Entretien des locaux",
        "Espaces verts", "Garage et logistique", "Sports et équipements", "Voirie et propreté"],
    ("PM", "Police municipale"): ["Police municipale"],
}


@dataclass(frozen=True)
class DemoAccount:
    login: str
    full_name: str
    role: Role
    direction: str
    service: str

    @property
    def password(self) -> str:
        return f"admiville-{self.login}"


DEMO_ACCOUNTS = (
    DemoAccount("agent", "Camille Durand", Role.AGENT, "POP", "Accueil - état civil - élections"),
    DemoAccount("rh", "Nadia Benali", Role.GESTIONNAIRE_RH, "RES", "Ressources humaines"),
    DemoAccount("recruteur", "Julien Moreau", Role.RECRUTEUR, "RES", "Ressources humaines"),
    DemoAccount("jury", "Hélène Petit", Role.MEMBRE_JURY, "ST", "Direction des services techniques"),
    DemoAccount("dpo", "Marc Lefèvre", Role.DPO, "DG", "Secrétariat général et assemblées"),
    DemoAccount("referent", "Sophie Garnier", Role.REFERENT_IA, "RES", "Informatique"),
    DemoAccount("representant", "Karim Haddad", Role.REPRESENTANT_PERSONNEL, "ST", "Espaces verts"),
    DemoAccount("admin", "Thomas Roux", Role.ADMIN, "RES", "Informatique"),
)


@dataclass
class DemoContext:
    """What domain loaders may use: the demo users by role, and lines to print at the end."""

    users: dict[Role, User] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)


def load_organisation(session: Session) -> dict[str, str]:
    names = {}
    for (code, name), services in DIRECTIONS.items():
        names[code] = name
        for service in services:
            ensure_service(session, code, name, service)
    return names


def load_demo(session: Session) -> DemoContext:
    names = load_organisation(session)
    context = DemoContext()
    created = 0
    for account in DEMO_ACCOUNTS:
        user = find_by_login(session, account.login)
        if user is None:
            service = ensure_service(session, account.direction, names[account.direction],
                                     account.service)
            user = create_user(session, None, UserForm(
                login=account.login, full_name=account.full_name, role=account.role.value,
                service_id=service.id, email=f"{account.login}@admiville.fr",
                password=account.password), system=True,
                system_label="chargement de la démo")
            created += 1
        context.users[account.role] = user
    for demo in modules_named("demo"):
        if demo.__name__ != __name__ and hasattr(demo, "load"):
            demo.load(session, context)
    audit.record(session, "demo.load", details={"comptes_crees": created})
    return context
