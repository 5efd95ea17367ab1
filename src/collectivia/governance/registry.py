"""The use-case registry: anyone proposes, the referent IA instructs, every step is traced.

Staff representatives propose too: social dialogue is one of the ways ideas
(and worries) about AI reach the registry, so every role may file a proposal.

Life of a use case: idée -> instruction -> expérimentation (success criteria
and an end date fixed *before* it starts) -> déployé or abandonné. Each move
records who decided and why, in the use case's own history and in the audit
log. A use case classified as a prohibited practice can neither be tested
nor deployed; a deployment needs an AI Act classification first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import Conflict, InvalidInput, NotFound
from collectivia.core.models import Service, User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.governance import aiact, reference
from collectivia.governance.models import BoussoleScore, UseCase, UseCaseEvent, UseCaseStatus

MANAGERS = (Role.REFERENT_IA, Role.DPO, Role.ADMIN)
READERS = tuple(ALL_ROLES)
PROPOSERS = tuple(ALL_ROLES)

STATUSES = {status.value: status.label for status in UseCaseStatus}   # what pages and exports show
TRANSITIONS = {
    UseCaseStatus.IDEA: (UseCaseStatus.REVIEW, UseCaseStatus.ABANDONED),
    UseCaseStatus.REVIEW: (UseCaseStatus.EXPERIMENT, UseCaseStatus.DEPLOYED, UseCaseStatus.ABANDONED),
    UseCaseStatus.EXPERIMENT: (UseCaseStatus.DEPLOYED, UseCaseStatus.REVIEW, UseCaseStatus.ABANDONED),
    UseCaseStatus.DEPLOYED: (UseCaseStatus.ABANDONED,),
    UseCaseStatus.ABANDONED: (UseCaseStatus.REVIEW,),
}
HOSTING = {"france": "France", "ue": "Union européenne (hors France)", "autre": "Hors Union européenne",
           "inconnu": "Non renseigné"}
DATA_CATEGORIES = {
    "identite": "Identité et coordonnées",
    "vie_professionnelle": "Vie professionnelle (carrière, paie, évaluation)",
    "candidatures": "Candidatures (CV, lettres de motivation)",
    "usagers": "Données des usagers",
    "sante": "Santé (donnée sensible)",
    "syndicale": "Appartenance syndicale (donnée sensible)",
    "financieres": "Données financières ou budgétaires",
    "documents_publics": "Documents publics ou réglementaires",
    "techniques": "Données techniques (journaux, capteurs)",
}
PERSONAL_CATEGORIES = {"identite", "vie_professionnelle", "candidatures", "usagers", "sante",
                       "syndicale"}
PLATFORM_MODULES = {"assistant": "Assistant", "hrdesk": "Questions RH",
                    "recruitment": "Recrutement", "workforce": "Cartographie des métiers"}


@dataclass
class Proposal:
    """What an agent writes when proposing a use case."""

    title: str = ""
    need: str = ""
    service_id: int | None = None
    data_involved: str = ""
    expected_gain: str = ""


@dataclass
class Sheet:
    """The instruction sheet the referent completes (purpose, data, model, hosting...)."""

    purpose: str = ""
    data_categories: list[str] = field(default_factory=list)
    personal_data: bool = False
    model: str = ""
    hosting: str = "inconnu"
    supplier: str = ""
    human_oversight: str = ""
    platform_module: str = ""


def _text(value: str, label: str, *, required: bool = False, minimum: int = 0,
          maximum: int = 5000) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"Le champ « {label} » est obligatoire.")
    if value and len(value) < minimum:
        raise InvalidInput(f"Le champ « {label} » est trop court ({minimum} caractères au moins).")
    if len(value) > maximum:
        raise InvalidInput(f"Le champ « {label} » dépasse {maximum} caractères.")
    return value


def _event(session: Session, use_case: UseCase, actor: User | None, from_status: str,
           to_status: str, note: str = "") -> None:
    session.add(UseCaseEvent(use_case=use_case, at=clock.now(), actor_id=actor.id if actor else None,
                             actor_name=actor.full_name if actor else "Plateforme",
                             from_status=from_status, to_status=to_status, note=note))


def propose(session: Session, user: User, proposal: Proposal) -> UseCase:
    ensure_role(user, *PROPOSERS, action="proposer un cas d'usage")
    title = _text(proposal.title, "Intitulé", required=True, minimum=5, maximum=200)
    need = _text(proposal.need, "Besoin", required=True, minimum=15)
    service_id = proposal.service_id or user.service_id
    if service_id is not None and session.get(Service, service_id) is None:
        raise InvalidInput("Le service choisi n'existe pas.")
    now = clock.now()
    use_case = UseCase(
        title=title, need=need, service_id=service_id, proposer_id=user.id,
        data_involved=_text(proposal.data_involved, "Données concernées"),
        expected_gain=_text(proposal.expected_gain, "Gain attendu"),
        status=UseCaseStatus.IDEA.value, created_at=now, updated_at=now)
    session.add(use_case)
    session.flush()
    _event(session, use_case, user, "", UseCaseStatus.IDEA.value, "Proposition déposée.")
    matches = reference.similar_reference_cases(f"{title} {need}")
    audit.record(session, "governance.usecase.propose", actor=user, object_type="cas_usage",
                 object_id=use_case.id,
                 details={"references_dgafp": [m.use_case.category for m in matches]})
    return use_case


def get(session: Session, user: User, use_case_id: int) -> UseCase:
    ensure_role(user, *READERS, action="consulter le registre des cas d'usage")
    use_case = session.get(UseCase, use_case_id)
    if use_case is None:
        raise NotFound("Ce cas d'usage n'existe pas.")
    return use_case


def browse(session: Session, user: User, status: str = "", query: str = "") -> list[UseCase]:
    ensure_role(user, *READERS, action="consulter le registre des cas d'usage")
    stmt = select(UseCase).order_by(UseCase.updated_at.desc(), UseCase.id.desc())
    if status:
        if status not in STATUSES:
            raise InvalidInput(f"Statut inconnu : « {status[:30]} ».")
        stmt = stmt.where(UseCase.status == status)
    if query.strip():
        like = f"%{query.strip()[:100]}%"
        stmt = stmt.where(or_(UseCase.title.ilike(like), UseCase.need.ilike(like)))
    return list(session.execute(stmt).unique().scalars())


def can_edit_sheet(user: User, use_case: UseCase) -> bool:
    """Managers always; the proposer while the idea is not yet under instruction."""
    return Role(user.role) in MANAGERS or (use_case.proposer_id == user.id
                                           and use_case.status == UseCaseStatus.IDEA)


def update_sheet(session: Session, user: User, use_case_id: int, sheet: Sheet) -> UseCase:
    use_case = get(session, user, use_case_id)
    if not can_edit_sheet(user, use_case):
        ensure_role(user, *MANAGERS, action="compléter la fiche d'un cas d'usage")
    unknown = [c for c in sheet.data_categories if c not in DATA_CATEGORIES]
    if unknown:
        raise InvalidInput(f"Catégorie de données inconnue : « {unknown[0][:30]} ».")
    if sheet.hosting not in HOSTING:
        raise InvalidInput("Choisissez un hébergement dans la liste.")
    module = sheet.platform_module or None
    if module and module not in PLATFORM_MODULES:
        raise InvalidInput("Ce module de la plateforme n'existe pas.")
    if module and module != use_case.platform_module:
        taken = session.execute(select(UseCase.id).where(UseCase.platform_module == module)
                                ).scalar_one_or_none()
        if taken:
            raise Conflict(f"Le module « {PLATFORM_MODULES[module]} » est déjà décrit par le "
                           f"cas d'usage n° {taken}.")
    personal = sheet.personal_data or bool(PERSONAL_CATEGORIES & set(sheet.data_categories))
    use_case.purpose = _text(sheet.purpose, "Finalité")
    use_case.data_categories_json = json.dumps(
        [c for c in DATA_CATEGORIES if c in sheet.data_categories])
    use_case.personal_data = personal
    use_case.model = _text(sheet.model, "Modèle", maximum=200)
    use_case.hosting = sheet.hosting
    use_case.supplier = _text(sheet.supplier, "Fournisseur", maximum=200)
    use_case.human_oversight = _text(sheet.human_oversight, "Contrôle humain")
    use_case.platform_module = module
    use_case.updated_at = clock.now()
    audit.record(session, "governance.usecase.sheet", actor=user, object_type="cas_usage",
                 object_id=use_case.id, details={"donnees_personnelles": personal,
                                                 "hebergement": sheet.hosting})
    return use_case


def next_statuses(use_case: UseCase) -> tuple[UseCaseStatus, ...]:
    """The statuses a use case may move to from where it stands."""
    return TRANSITIONS[UseCaseStatus(use_case.status)]


def _check_transition(use_case: UseCase, to_status: str, note: str, criteria: str,
                      until: date | None) -> None:
    if to_status not in STATUSES:
        raise InvalidInput("Statut inconnu.")
    if to_status not in next_statuses(use_case):
        raise Conflict(f"Un cas d'usage « {STATUSES[use_case.status]} » ne peut pas passer "
                       f"à « {STATUSES[to_status]} ».")
    if to_status in (UseCaseStatus.EXPERIMENT, UseCaseStatus.DEPLOYED) and use_case.ai_act_level == "interdit":
        raise Conflict("Ce cas d'usage relève d'une pratique interdite par l'AI Act (article 5) : "
                       "il ne peut être ni expérimenté ni déployé.")
    if to_status == UseCaseStatus.EXPERIMENT:
        if not criteria:
            raise InvalidInput("Fixez les critères de réussite avant de lancer l'expérimentation.")
        if until is None:
            raise InvalidInput("Fixez la date de fin de l'expérimentation.")
        if until < clock.now().date():
            raise InvalidInput("La date de fin de l'expérimentation est déjà passée.")
    if to_status == UseCaseStatus.DEPLOYED and not use_case.ai_act_level:
        raise Conflict("Classez d'abord le cas d'usage au regard de l'AI Act avant de le déployer.")
    if to_status in (UseCaseStatus.DEPLOYED, UseCaseStatus.ABANDONED) and not note:
        raise InvalidInput("Motivez la décision (elle figure dans l'historique et le registre).")


def change_status(session: Session, user: User, use_case_id: int, to_status: str, *,
                  note: str = "", success_criteria: str = "",
                  experiment_until: date | None = None) -> UseCase:
    """Move a use case one step in its life; the decision and its author are kept."""
    ensure_role(user, *MANAGERS, action="instruire un cas d'usage")
    use_case = get(session, user, use_case_id)
    note = _text(note, "Décision")
    criteria = _text(success_criteria, "Critères de réussite") or use_case.success_criteria
    _check_transition(use_case, to_status, note, criteria, experiment_until)
    previous = use_case.status
    now = clock.now()
    if to_status == UseCaseStatus.EXPERIMENT:
        use_case.success_criteria = criteria
        use_case.experiment_until = experiment_until
    use_case.status = to_status
    use_case.decision = note or f"Passage à « {STATUSES[to_status]} »."
    use_case.decided_by_id = user.id
    use_case.decided_at = now
    use_case.updated_at = now
    _event(session, use_case, user, previous, to_status, note)
    audit.record(session, "governance.usecase.status", actor=user, object_type="cas_usage",
                 object_id=use_case.id, details={"de": previous, "vers": to_status})
    return use_case


def classify(session: Session, user: User, use_case_id: int, raw_answers: dict[str, Any]
             ) -> aiact.Classification:
    ensure_role(user, *MANAGERS, action="classer un cas d'usage au regard de l'AI Act")
    use_case = get(session, user, use_case_id)
    result = aiact.classify(raw_answers)
    use_case.ai_act_answers_json = json.dumps(aiact.normalise_answers(raw_answers))
    use_case.ai_act_result_json = json.dumps(result.as_dict(), ensure_ascii=False)
    use_case.ai_act_level = result.level
    use_case.classified_at = use_case.updated_at = clock.now()
    audit.record(session, "governance.usecase.classify", actor=user, object_type="cas_usage",
                 object_id=use_case.id, details={"niveau": result.level})
    return result


def score_boussole(session: Session, user: User, use_case_id: int,
                   scores: dict[str, tuple[int | None, str]]) -> None:
    """Record the boussole: a 0-3 score and a comment per Nantes criterion (blank = not assessed)."""
    ensure_role(user, *MANAGERS, action="évaluer un cas d'usage avec la boussole")
    use_case = get(session, user, use_case_id)
    known = {c["id"] for c in reference.criteria()}
    existing = {s.criterion: s for s in use_case.scores}
    for criterion, (score, comment) in scores.items():
        if criterion not in known:
            raise InvalidInput(f"Critère inconnu : « {criterion[:40]} ».")
        if score is None:
            continue
        if score not in reference.scale():
            raise InvalidInput("Chaque note de la boussole va de 0 à 3.")
        row = existing.get(criterion) or BoussoleScore(use_case=use_case, criterion=criterion)
        row.score, row.comment = score, _text(comment, "Commentaire", maximum=2000)
        row.assessed_by_id, row.assessed_at = user.id, clock.now()
        session.add(row)
    use_case.updated_at = clock.now()
    audit.record(session, "governance.usecase.boussole", actor=user, object_type="cas_usage",
                 object_id=use_case.id, details={"criteres_notes": sum(
                     1 for s, _ in scores.values() if s is not None)})


def boussole_view(use_case: UseCase) -> list[dict[str, Any]]:
    """The seven criteria with this use case's score and comment (None when not assessed)."""
    by_criterion = {s.criterion: s for s in use_case.scores}
    return [{**c, "score": by_criterion[c["id"]].score if c["id"] in by_criterion else None,
             "comment": by_criterion[c["id"]].comment if c["id"] in by_criterion else ""}
            for c in reference.criteria()]


def reference_matches(use_case: UseCase) -> list[reference.Match]:
    return reference.similar_reference_cases(f"{use_case.title} {use_case.need} {use_case.purpose}")
