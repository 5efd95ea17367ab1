"""The evaluation of an experimentation: success criteria with their target and what was measured.

A use case's `success_criteria` says what success would be; this form makes it
measurable, so "continuer ou arrêter" is decided on figures. Each criterion
has a target, the measured value and a status; the platform's own figures
(time saved, satisfaction, cost) are shown beside it to fill the measures in.
Every change is an audit event.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ensure_role
from collectivia.governance import registry
from collectivia.governance.models import EvaluationCriterion, UseCase

EDITORS = registry.MANAGERS
STATUSES = {"a_mesurer": "À mesurer", "atteint": "Atteint", "partiel": "Partiellement atteint",
            "non_atteint": "Non atteint"}
MAX_CRITERIA = 30


def criteria(session: Session, user: User, use_case: UseCase) -> list[EvaluationCriterion]:
    ensure_role(user, *registry.READERS, action="consulter l'évaluation d'une expérimentation")
    return list(session.execute(select(EvaluationCriterion).where(
        EvaluationCriterion.use_case_id == use_case.id).order_by(EvaluationCriterion.id)).scalars())


def _clean(values: dict[str, str]) -> dict[str, str]:
    cleaned = {"label": values.get("label", "").strip()[:300],
               "target": values.get("target", "").strip()[:200],
               "measured": values.get("measured", "").strip()[:200],
               "status": values.get("status", "a_mesurer") or "a_mesurer",
               "note": values.get("note", "").strip()[:2000]}
    if not cleaned["label"]:
        raise InvalidInput("Indiquez le critère de réussite (ce qui est mesuré).")
    if cleaned["status"] not in STATUSES:
        raise InvalidInput("Statut du critère inconnu.")
    if cleaned["status"] != "a_mesurer" and not cleaned["measured"]:
        raise InvalidInput("Indiquez la valeur mesurée avant de dire si le critère est atteint.")
    return cleaned


def save(session: Session, user: User, use_case: UseCase, values: dict[str, str],
         criterion_id: int | None = None) -> EvaluationCriterion:
    """Add a criterion, or update one of this use case's criteria."""
    ensure_role(user, *EDITORS, action="évaluer une expérimentation")
    cleaned = _clean(values)
    criterion: EvaluationCriterion | None
    if criterion_id is None:
        if len(criteria(session, user, use_case)) >= MAX_CRITERIA:
            raise InvalidInput(f"Une évaluation compte au plus {MAX_CRITERIA} critères.")
        criterion = EvaluationCriterion(use_case_id=use_case.id)
        session.add(criterion)
    else:
        criterion = session.get(EvaluationCriterion, criterion_id)
        if criterion is None or criterion.use_case_id != use_case.id:
            raise NotFound("Ce critère n'existe pas pour ce cas d'usage.")
    for name, value in cleaned.items():
        setattr(criterion, name, value)
    criterion.updated_by_id = user.id
    criterion.updated_at = clock.now()
    session.flush()
    audit.record(session, "governance.evaluation.save", actor=user, object_type="cas_usage",
                 object_id=use_case.id, details={"critere": criterion.id, "statut": criterion.status})
    return criterion


def verdict(found: list[EvaluationCriterion]) -> str:
    """One sentence for the committee: how many criteria are met, and how many are still unmeasured."""
    if not found:
        return "Aucun critère de réussite n'est encore défini."
    met = sum(c.status == "atteint" for c in found)
    pending = sum(c.status == "a_mesurer" for c in found)
    return (f"{met} critère(s) atteint(s) sur {len(found)}"
            + (f" ; {pending} encore à mesurer." if pending else "."))
