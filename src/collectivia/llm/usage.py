"""Counting model calls: tokens, cost and carbon per user, direction and model; daily quotas.

Any domain that calls a model on behalf of a user calls `ensure_quota` before and
`record_call` after, so the referent IA sees every use in one place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.llm import budgets, carbon, quotas
from collectivia.llm.admission import Admission, admit
from collectivia.llm.models import TokenQuota, UsageRecord
from collectivia.llm.router import Router
from collectivia.llm.transcription import expected_tokens
from collectivia.llm.types import Completion
from collectivia.settings import Settings

USAGE_READERS = (Role.REFERENT_IA, Role.ADMIN)


def _start_of_day(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def tokens_today(session: Session, user: User) -> int:
    return session.execute(
        select(func.coalesce(func.sum(UsageRecord.prompt_tokens + UsageRecord.completion_tokens), 0))
        .where(UsageRecord.user_id == user.id, UsageRecord.at >= _start_of_day(clock.now()))
    ).scalar_one()


def daily_quota(session: Session, user: User) -> int | None:
    """The user's own quota, else their role's, else None (no limit). One query."""
    rows = session.execute(select(TokenQuota.user_id, TokenQuota.tokens_per_day).where(
        or_(TokenQuota.user_id == user.id, TokenQuota.role == user.role))).all()
    own = [limit for user_id, limit in rows if user_id == user.id]
    return own[0] if own else (rows[0][1] if rows else None)


def ensure_quota(session: Session, user: User, upcoming_tokens: int = 0
                 ) -> quotas.Reservation | None:
    """Reserve the call's upper bound on today's quota, or refuse it (429, French message).

    The caller commits at once (the day's row stays locked until then) and hands the
    reservation to `record_call`, or to `quotas.release` if the call fails. None: no quota.
    """
    limit = daily_quota(session, user)
    if limit is None:
        return None
    return quotas.reserve(session, user, upcoming_tokens, limit)


def admit_call(session: Session, user: User, router: Router, model: str | None, prompt_tokens: int,
               max_tokens: int) -> Admission:
    """Hold the call's request on the model's limits, its tokens on the user's quota and its
    upper-bound cost on the direction's monthly budget, or refuse it (429, French message).

    The caller commits at once and hands the admission to `record_call`, or to
    `admission.release` if the call fails.
    """
    return admit(session, user, router.model_info(model).config, prompt_tokens, max_tokens,
                 daily_quota(session, user))


def admit_transcription(session: Session, user: User, router: Router, model: str,
                        seconds: float) -> Admission:
    """Hold a transcription like any model call: the model's limits, the transcript's expected
    tokens on the user's quota and their cost on the direction's budget (429 when refused)."""
    return admit(session, user, router.model_config(model), 0, expected_tokens(seconds),
                 daily_quota(session, user))


def record_call(session: Session, user: User | None, completion: Completion, source: str,
                router: Router, settings: Settings,
                reservation: Admission | quotas.Reservation | None = None) -> UsageRecord:
    """Store one call's tokens, cost and footprint (in the caller's transaction), and settle
    what it held to what it really used: tokens on the quota, euros on the budget."""
    config = router.model_config(completion.model)
    footprint = carbon.estimate(config, completion.completion_tokens,
                                settings.llm_electricity_zone, settings.llm_datacenter_pue)
    direction = user.direction.name if user is not None and user.direction else ""
    cost = budgets.real_cost(config, completion.prompt_tokens, completion.completion_tokens)
    record = UsageRecord(
        at=clock.now(), user_id=user.id if user else None, role=user.role if user else "",
        direction=direction, source=source, model=completion.model, backend=completion.backend,
        prompt_tokens=completion.prompt_tokens, completion_tokens=completion.completion_tokens,
        cost_eur=cost / budgets.MICRO,
        energy_kwh=footprint.energy_kwh if footprint else None,
        gwp_kgco2eq=footprint.gwp_kgco2eq if footprint else None)
    session.add(record)
    session.flush()
    admission = reservation if isinstance(reservation, Admission) else Admission(reservation)
    if admission.quota is not None:
        quotas.settle(session, admission.quota, completion.total_tokens)
    elif user is not None:
        quotas.count_unreserved(session, user.id, completion.total_tokens)
    budgets.settle(session, admission.budget, user, cost)
    return record


@dataclass
class UsageLine:
    month: str
    direction: str
    model: str
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_eur: float = 0.0
    energy_kwh: float = 0.0
    gwp_kgco2eq: float = 0.0
    users: set[int] = field(default_factory=set)

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def usage_report(session: Session, user: User, months: int = 12) -> list[UsageLine]:
    """Usage by month, direction and model over the last `months` months (referent IA, admin)."""
    ensure_role(user, *USAGE_READERS, action="consulter l'usage des modèles")
    since = (_start_of_day(clock.now()).replace(day=1) - timedelta(days=31 * (months - 1))
             ).replace(day=1)
    lines: dict[tuple[str, str, str], UsageLine] = {}
    rows = session.execute(
        select(UsageRecord.at, UsageRecord.direction, UsageRecord.model, UsageRecord.user_id,
               UsageRecord.prompt_tokens, UsageRecord.completion_tokens, UsageRecord.cost_eur,
               UsageRecord.energy_kwh, UsageRecord.gwp_kgco2eq)
        .where(UsageRecord.at >= since))
    for at, direction, model, user_id, prompt, completion, cost, kwh, gwp in rows:
        key = (at.strftime("%Y-%m"), direction or "(sans direction)", model)
        line = lines.setdefault(key, UsageLine(*key))
        line.calls += 1
        line.prompt_tokens += prompt
        line.completion_tokens += completion
        line.cost_eur += cost
        line.energy_kwh += kwh or 0.0
        line.gwp_kgco2eq += gwp or 0.0
        if user_id is not None:
            line.users.add(user_id)
    return sorted(lines.values(), key=lambda x: (x.month, x.direction, x.model), reverse=True)


@dataclass(frozen=True)
class PersonalUsage:
    """One person's own calls over a period, as shown on their profile."""

    period: str
    calls: int
    tokens: int
    cost_eur: float
    energy_kwh: float
    gwp_kgco2eq: float
    unestimated_calls: int      # calls to a model of undeclared size: no footprint, not a zero


def personal_usage(session: Session, user: User) -> list[PersonalUsage]:
    """The user's own usage today, this month and over twelve months: never anyone else's.

    Every agent may see it (sobriety starts with knowing one's own footprint); the
    filter on the user is in each query, so no role reads another person's figures here.
    """
    today = _start_of_day(clock.now())
    month = today.replace(day=1)
    periods = [("Aujourd'hui", today), ("Ce mois-ci", month),
               ("Douze derniers mois", (month - timedelta(days=31 * 11)).replace(day=1))]
    figures = []
    for label, since in periods:
        row = session.execute(select(
            func.count(UsageRecord.id),
            func.coalesce(func.sum(UsageRecord.prompt_tokens + UsageRecord.completion_tokens), 0),
            func.coalesce(func.sum(UsageRecord.cost_eur), 0.0),
            func.coalesce(func.sum(UsageRecord.energy_kwh), 0.0),
            func.coalesce(func.sum(UsageRecord.gwp_kgco2eq), 0.0),
            func.count(UsageRecord.id).filter(UsageRecord.energy_kwh.is_(None)),
        ).where(UsageRecord.user_id == user.id, UsageRecord.at >= since)).one()
        # coalesce(…, 0.0) is never NULL; SQLAlchemy still types it as the nullable column (float | None)
        figures.append(PersonalUsage(label, row[0], int(row[1]), float(row[2]), float(row[3]),  # type: ignore[arg-type]
                                     float(row[4]), row[5]))  # type: ignore[arg-type]
    return figures


def totals(lines: list[UsageLine]) -> dict[str, float]:
    summary: dict[str, float] = defaultdict(float)
    for line in lines:
        summary["calls"] += line.calls
        summary["tokens"] += line.tokens
        summary["cost_eur"] += line.cost_eur
        summary["energy_kwh"] += line.energy_kwh
        summary["gwp_kgco2eq"] += line.gwp_kgco2eq
    return dict(summary)


def list_quotas(session: Session, user: User) -> list[TokenQuota]:
    ensure_role(user, Role.ADMIN, Role.REFERENT_IA, action="consulter les quotas")
    return list(session.execute(select(TokenQuota).order_by(TokenQuota.role, TokenQuota.user_id))
                .scalars())


def set_quota(session: Session, user: User, *, role: str = "", login: str = "",
              tokens_per_day: int | None) -> None:
    """Set (or remove, with None) the daily quota of a role or of one user (admin only)."""
    from collectivia.core import audit
    from collectivia.core.users import find_by_login

    ensure_role(user, Role.ADMIN, action="modifier les quotas")
    if bool(role) == bool(login):
        raise InvalidInput("Choisissez soit un rôle, soit un identifiant d'utilisateur.")
    if tokens_per_day is not None and not 0 <= tokens_per_day <= 100_000_000:
        raise InvalidInput("Le quota doit être un nombre de jetons entre 0 et 100 000 000.")
    if role:
        if role not in {r.value for r in Role}:
            raise InvalidInput(f"Rôle inconnu : « {role} ».")
        where = TokenQuota.role == role
        target: dict[str, object] = {"role": role}
    else:
        target_user = find_by_login(session, login.strip())
        if target_user is None:
            raise NotFound(f"Aucun utilisateur n'a l'identifiant « {login.strip()} ».")
        where = TokenQuota.user_id == target_user.id
        target = {"user_id": target_user.id}
    quota = session.execute(select(TokenQuota).where(where)).scalar_one_or_none()
    if tokens_per_day is None:
        if quota is not None:
            session.delete(quota)
    elif quota is None:
        session.add(TokenQuota(tokens_per_day=tokens_per_day, **target))
    else:
        quota.tokens_per_day = tokens_per_day
    audit.record(session, "llm.quota", actor=user, object_type="quota",
                 details={**target, "jetons_par_jour": tokens_per_day})
