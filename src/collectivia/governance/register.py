"""The public register of deployed AI systems, and the ethics committee's dashboard.

The register follows the spirit of the algorithm registers public bodies
publish (Etalab's "inventaire des algorithmes publics"): for each system in
service, what it is for, which data it uses, where it runs, who supplies it,
how a human keeps control and what the AI Act says of it. It never names the
agent who proposed it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.governance import aiact, charter, registry, shadow_report, training
from collectivia.governance.models import UseCase, UseCaseEvent, UseCaseStatus

COMMITTEE = (Role.REFERENT_IA, Role.DPO, Role.ADMIN, Role.REPRESENTANT_PERSONNEL)
REGISTER_HEADER = ["identifiant", "intitule", "finalite", "direction", "service", "mis_en_service_le",
                   "modele", "hebergement", "fournisseur", "categories_de_donnees",
                   "donnees_personnelles", "controle_humain", "niveau_ai_act", "module_plateforme",
                   "decision"]


def _deployed_on(use_case: UseCase) -> str:
    dates = [e.at for e in use_case.events if e.to_status == UseCaseStatus.DEPLOYED]
    return max(dates).date().isoformat() if dates else ""


def register_entries(session: Session, user: User, collectivite: str) -> list[dict[str, Any]]:
    """One entry per deployed use case, in plain words (the JSON export and the CSV rows)."""
    ensure_role(user, *ALL_ROLES, action="consulter le registre public")
    deployed = session.execute(select(UseCase).where(UseCase.status == UseCaseStatus.DEPLOYED.value)
                               .order_by(UseCase.id)).unique().scalars()
    return [{
        "identifiant": f"{collectivite.lower()}-ia-{u.id}",
        "intitule": u.title,
        "finalite": u.purpose or u.need,
        "direction": u.service.direction.name if u.service else "",
        "service": u.service.name if u.service else "",
        "mis_en_service_le": _deployed_on(u),
        "modele": u.model,
        "hebergement": registry.HOSTING.get(u.hosting, u.hosting),
        "fournisseur": u.supplier,
        "categories_de_donnees": [registry.DATA_CATEGORIES[c] for c in u.data_categories],
        "donnees_personnelles": u.personal_data,
        "controle_humain": u.human_oversight,
        "niveau_ai_act": aiact.level_label(u.ai_act_level),
        "module_plateforme": registry.PLATFORM_MODULES.get(u.platform_module or "", ""),
        "decision": u.decision,
    } for u in deployed]


def register_rows(entries: list[dict[str, Any]]) -> list[list[str]]:
    def cell(value: Any) -> str:
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, list):
            return " | ".join(value)
        return str(value)
    return [[cell(entry[key]) for key in REGISTER_HEADER] for entry in entries]


REGISTRY_HEADER = ["numero", "intitule", "statut", "direction", "service", "niveau_ai_act",
                   "donnees_personnelles", "hebergement", "module_plateforme", "criteres_de_reussite",
                   "fin_experimentation", "derniere_decision", "decidee_le", "propose_le"]


def registry_rows(session: Session, user: User) -> list[list[str]]:
    """The whole registry (every status) as rows, without the names of the agents involved."""
    rows = []
    for u in registry.browse(session, user):
        rows.append([str(u.id), u.title, registry.STATUSES[u.status],
                     u.service.direction.name if u.service else "", u.service.name if u.service else "",
                     aiact.level_label(u.ai_act_level), "oui" if u.personal_data else "non",
                     registry.HOSTING.get(u.hosting, u.hosting),
                     registry.PLATFORM_MODULES.get(u.platform_module or "", ""), u.success_criteria,
                     u.experiment_until.isoformat() if u.experiment_until else "", u.decision,
                     u.decided_at.date().isoformat() if u.decided_at else "",
                     u.created_at.date().isoformat()])
    return rows


@dataclass
class Dashboard:
    by_status: dict[str, int]
    by_level: dict[str, int]
    awaiting: list[UseCase]
    experiments_due: list[UseCase]
    proscribed: list[tuple[UseCase, str]]
    recent: list[UseCaseEvent]
    charter_version: int | None
    charter_accepted: int
    charter_agents: int
    trained: int
    agents: int
    shadow_months: list[shadow_report.MonthReport]


def dashboard(session: Session, user: User) -> Dashboard:
    """What the ethics committee reviews: the pipeline, the risks, the charter, training, shadow AI."""
    ensure_role(user, *COMMITTEE, action="consulter le tableau de bord du comité d'éthique")
    use_cases = list(session.execute(select(UseCase)).unique().scalars())
    statuses = Counter(u.status for u in use_cases)
    levels = Counter(u.ai_act_level or "" for u in use_cases if u.status != UseCaseStatus.ABANDONED)
    today = clock.now().date()
    proscribed = []
    for u in use_cases:
        if u.status == UseCaseStatus.ABANDONED:
            continue
        for match in registry.reference_matches(u):
            if match.use_case.category == "a_proscrire":
                proscribed.append((u, match.use_case.label))
                break
    recent = list(session.execute(select(UseCaseEvent).order_by(UseCaseEvent.id.desc()).limit(10)
                                  ).scalars())
    version, acceptance = charter.acceptance_by_direction(session, user)
    trained = training.share_by_direction(session, user)
    _, months = shadow_report.report(session, user)
    return Dashboard(
        by_status={key: statuses.get(key, 0) for key in registry.STATUSES},
        by_level={aiact.level_label(level or None): n for level, n in
                  sorted(levels.items(), key=lambda kv: -aiact.level_rank(kv[0] or None))},
        awaiting=[u for u in use_cases if u.status in (UseCaseStatus.IDEA, UseCaseStatus.REVIEW)],
        experiments_due=[u for u in use_cases if u.status == UseCaseStatus.EXPERIMENT
                         and u.experiment_until and u.experiment_until <= today],
        proscribed=proscribed,
        recent=recent,
        charter_version=version.version if version else None,
        charter_accepted=sum(r.accepted for r in acceptance),
        charter_agents=sum(r.agents for r in acceptance),
        trained=sum(r.trained for r in trained),
        agents=sum(r.agents for r in trained),
        shadow_months=months[-6:],
    )
