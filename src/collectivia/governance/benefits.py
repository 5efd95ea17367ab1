"""What each AI use case brings and costs: agents' "temps gagné" ratings against model usage.

After an assistant answer or a Questions RH answer, the agent may say in one
click how much time it saved and whether it satisfied them. Each answer maps
to the registered use case of its platform module, so the DGS reads, per use
case and per month, the hours saved next to the tokens, euros and energy the
usage accounting (`llm.usage`) already counts, and decides on figures.
Ratings are personal data of low sensitivity: they are read only as monthly
aggregates, never one agent at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.governance.models import BenefitRating, UseCase

MINUTES_CHOICES = (0, 5, 15, 30, 60)
READERS = (Role.REFERENT_IA, Role.DPO, Role.ADMIN, Role.REPRESENTANT_PERSONNEL)
# the `source` the usage accounting writes for each platform module's model calls; a module not
# listed here has its cost shown as not counted rather than as zero
USAGE_SOURCES = {"assistant": ("assistant", "passerelle"), "hrdesk": ("questions-rh",),
                 "recruitment": ("recrutement.offre",)}
REPORT_MONTHS = 12


def _assistant_answer(session: Session, user: User, answer_id: int) -> bool:
    from collectivia.assistant.models import Conversation, Message

    found = session.execute(select(Message.id).join(Conversation, Conversation.id == Message.conversation_id)
                            .where(Message.id == answer_id, Message.role == "assistant",
                                   Conversation.user_id == user.id)).first()
    return found is not None


def _hrdesk_answer(session: Session, user: User, answer_id: int) -> bool:
    from collectivia.hrdesk.models import HrQuestion

    question = session.get(HrQuestion, answer_id)
    return question is not None and question.user_id == user.id


@dataclass(frozen=True)
class AnswerKind:
    """Where a rated answer comes from: its registered module and who may rate it."""

    module: str
    is_own_answer: Callable[[Session, User, int], bool]


ANSWER_KINDS = {"assistant": AnswerKind("assistant", _assistant_answer),
                "questions-rh": AnswerKind("hrdesk", _hrdesk_answer)}


def parse_minutes(value: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit() or int(value) not in MINUTES_CHOICES:
        raise InvalidInput("Choisissez un temps gagné parmi les durées proposées.")
    return int(value)


def parse_satisfaction(value: str) -> bool | None:
    if value in ("", None):
        return None
    if value not in ("oui", "non"):
        raise InvalidInput("Indiquez si la réponse vous a satisfait (oui ou non).")
    return value == "oui"


def use_case_of(session: Session, module: str) -> UseCase:
    """The registry's entry for a platform module (registered by `bootstrap` when missing)."""
    from collectivia.governance.bootstrap import ensure_platform_use_cases

    found = session.execute(select(UseCase).where(UseCase.platform_module == module)
                            ).unique().scalar_one_or_none()
    if found is None:
        found = next(u for u in ensure_platform_use_cases(session) if u.platform_module == module)
    return found


def rate(session: Session, user: User, kind: str, answer_id: int, minutes: int | None,
         satisfied: bool | None) -> BenefitRating:
    """Record (or change) the agent's estimate for one of their own answers."""
    ensure_role(user, *Role, action="estimer le temps gagné")
    answer_kind = ANSWER_KINDS.get(kind)
    if answer_kind is None or not answer_kind.is_own_answer(session, user, answer_id):
        raise NotFound("Cette réponse n'existe pas ou ne vous appartient pas.")
    if minutes is None and satisfied is None:
        raise InvalidInput("Choisissez un temps gagné ou indiquez si la réponse vous a satisfait.")
    ref = f"{kind}:{answer_id}"
    use_case = use_case_of(session, answer_kind.module)
    for _ in range(2):    # a double click on two workers: the second updates the first's row
        rating = session.execute(select(BenefitRating).where(
            BenefitRating.user_id == user.id, BenefitRating.answer_ref == ref)).scalar_one_or_none()
        if rating is None:
            rating = BenefitRating(user_id=user.id, answer_ref=ref, use_case_id=use_case.id)
        if minutes is not None:
            rating.minutes_saved = minutes
        if satisfied is not None:
            rating.satisfied = satisfied
        rating.rated_at = clock.now()
        try:
            with session.begin_nested():
                session.add(rating)
            return rating
        except IntegrityError:
            continue
    raise InvalidInput("Votre estimation n'a pas pu être enregistrée ; réessayez.")


@dataclass
class Month:
    """One use case's figures for one month."""

    month: str
    ratings: int = 0
    minutes: int = 0
    satisfied: int = 0
    unsatisfied: int = 0
    calls: int = 0
    tokens: int = 0
    cost_eur: float = 0.0
    energy_kwh: float = 0.0

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def satisfaction(self) -> float | None:
        given = self.satisfied + self.unsatisfied
        return self.satisfied / given if given else None

    def add(self, other: Month) -> None:
        for name in ("ratings", "minutes", "satisfied", "unsatisfied", "calls", "tokens",
                     "cost_eur", "energy_kwh"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class UseCaseBenefits:
    use_case: UseCase
    months: dict[str, Month] = field(default_factory=dict)
    counts_usage: bool = False        # whether the module's model calls are counted

    def month(self, key: str) -> Month:
        return self.months.setdefault(key, Month(key))

    @property
    def total(self) -> Month:
        total = Month("total")
        for m in self.months.values():
            total.add(m)
        return total

    @property
    def eur_per_hour_saved(self) -> float | None:
        total = self.total
        return total.cost_eur / total.hours if total.hours else None

    @property
    def by_month(self) -> list[Month]:
        return sorted(self.months.values(), key=lambda m: m.month, reverse=True)


def _since():
    start = clock.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return (start - timedelta(days=31 * (REPORT_MONTHS - 1))).replace(day=1)


def report(session: Session, user: User) -> list[UseCaseBenefits]:
    """Per use case with ratings or counted usage, the last twelve months' figures."""
    ensure_role(user, *READERS, action="consulter le temps gagné et les coûts des cas d'usage")
    from collectivia.llm.models import UsageRecord

    since = _since()
    found: dict[int, UseCaseBenefits] = {}
    use_cases = {u.id: u for u in session.execute(select(UseCase)).unique().scalars()}
    ratings = session.execute(select(BenefitRating.use_case_id, BenefitRating.rated_at,
                                     BenefitRating.minutes_saved, BenefitRating.satisfied)
                              .where(BenefitRating.rated_at >= since))
    for use_case_id, at, minutes, satisfied in ratings:
        line = found.setdefault(use_case_id, UseCaseBenefits(use_cases[use_case_id]))
        month = line.month(at.strftime("%Y-%m"))
        month.ratings += 1
        month.minutes += minutes or 0
        month.satisfied += satisfied is True
        month.unsatisfied += satisfied is False
    by_source = {source: u for u in use_cases.values() if u.platform_module
                 for source in USAGE_SOURCES.get(u.platform_module, ())}
    usage = session.execute(select(UsageRecord.source, UsageRecord.at, UsageRecord.prompt_tokens,
                                   UsageRecord.completion_tokens, UsageRecord.cost_eur,
                                   UsageRecord.energy_kwh)
                            .where(UsageRecord.at >= since, UsageRecord.source.in_(by_source)))
    for source, at, prompt, completion, cost, kwh in usage:
        use_case = by_source[source]
        month = found.setdefault(use_case.id, UseCaseBenefits(use_case)).month(at.strftime("%Y-%m"))
        month.calls += 1
        month.tokens += prompt + completion
        month.cost_eur += cost
        month.energy_kwh += kwh or 0.0
    for use_case in use_cases.values():
        if use_case.platform_module in USAGE_SOURCES:
            found.setdefault(use_case.id, UseCaseBenefits(use_case)).counts_usage = True
    return sorted(found.values(), key=lambda b: (b.use_case.title, b.use_case.id))


SUMMARY_HEADER = ["Cas d'usage", "Statut", "Mois", "Réponses évaluées", "Heures gagnées (déclarées)",
                  "Satisfaction (%)", "Appels au modèle", "Jetons", "Coût (€)", "Énergie (kWh)",
                  "Coût par heure gagnée (€)"]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}"


def summary_rows(found: list[UseCaseBenefits], statuses: dict[str, str]) -> list[list]:
    """One line per use case and month, then the use case's twelve-month total."""
    rows = []
    for b in found:
        status = statuses.get(b.use_case.status, b.use_case.status)
        for m in [*b.by_month, b.total]:
            per_hour = m.cost_eur / m.hours if m.hours else None
            rows.append([b.use_case.title, status, "12 derniers mois" if m.month == "total" else m.month,
                         m.ratings, f"{m.hours:.1f}", _pct(m.satisfaction), m.calls, m.tokens,
                         f"{m.cost_eur:.2f}", f"{m.energy_kwh:.3f}",
                         "" if per_hour is None else f"{per_hour:.2f}"])
    return rows
