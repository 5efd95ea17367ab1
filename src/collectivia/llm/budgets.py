"""Monthly budgets in euros per direction, reserved atomically like the token quotas.

A call holds its upper-bound cost (estimated prompt tokens and max completion
tokens at the model's prices) on its direction's row for the month, in one
conditional UPDATE (`micro_eur + cost <= budget`), so N calls made at once
never spend more than the budget together (see llm.quotas for why this holds on
PostgreSQL and SQLite). Amounts are integer micro-euros: the condition compares
no floats. After the call the hold is settled to the real cost, or released if
the call failed. The month's row starts from the cost already recorded that
month, so a budget set mid-month counts what was spent before it.
A free model (zero prices) holds nothing and is never refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import BigInteger, cast, func, select, update
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.errors import InvalidInput, TooManyRequests
from collectivia.core.models import Direction, User
from collectivia.core.roles import Role, ensure_role
from collectivia.llm.config import ModelConfig
from collectivia.llm.models import BudgetMonth, DirectionBudget, UsageRecord
from collectivia.llm.quotas import insert_if_missing, not_below_zero, take

MICRO = 1_000_000
MAX_BUDGET_EUR = 10_000_000
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


@dataclass(frozen=True)
class BudgetHold:
    """Micro-euros held on one direction's month until the call is settled or released."""

    direction_id: int
    month: date
    micro_eur: int


@dataclass(frozen=True)
class BudgetStatus:
    """A direction's month as its agents see it on their profile."""

    direction: str
    budget_eur: float | None      # None: no limit
    used_eur: float               # spent, plus held by calls in flight

    @property
    def remaining_eur(self) -> float | None:
        return None if self.budget_eur is None else max(self.budget_eur - self.used_eur, 0.0)


def upper_bound(config: ModelConfig, prompt_tokens: int, max_tokens: int) -> int:
    """The most a call may cost, in micro-euros (prices are in euros per million tokens)."""
    return math.ceil(prompt_tokens * config.price_in_eur_per_mtok
                     + max_tokens * config.price_out_eur_per_mtok)


def real_cost(config: ModelConfig, prompt_tokens: int, completion_tokens: int) -> int:
    return round(prompt_tokens * config.price_in_eur_per_mtok
                 + completion_tokens * config.price_out_eur_per_mtok)


def euros(micro_eur: int) -> str:
    """« 12 345,60 € », « 0,0025 € » — for messages: a small amount keeps its fractions of
    a centime, so that « 0,00 € used » never hides a spent budget."""
    text = f"{micro_eur / MICRO:,.{2 if micro_eur >= 10 * MICRO else 4}f}"
    if "." in text and micro_eur < 10 * MICRO:
        text = text.rstrip("0")
        text += "0" * max(0, 2 - len(text.split(".")[1]))
    return text.replace(",", "\u202f").replace(".", ",") + " €"


def _month() -> date:
    return clock.now().date().replace(day=1)


def _insert_missing(session: Session, direction: Direction, month: date) -> None:
    """The month's row, starting from the cost already recorded that month (no-op if present)."""
    start = clock.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    spent = (select(cast(func.round(func.coalesce(func.sum(UsageRecord.cost_eur), 0) * MICRO),
                         BigInteger))
             .where(UsageRecord.direction == direction.name, UsageRecord.at >= start)
             .scalar_subquery())
    insert_if_missing(session, BudgetMonth, ["direction_id", "month"],
                      direction_id=direction.id, month=month, micro_eur=spent)


def monthly_budget(session: Session, direction_id: int) -> int | None:
    return session.execute(select(DirectionBudget.micro_eur_per_month).where(
        DirectionBudget.direction_id == direction_id)).scalar_one_or_none()


def reserve(session: Session, user: User, cost: int) -> BudgetHold | None:
    """Hold `cost` micro-euros on the user's direction for this month if it stays within the
    budget, else raise TooManyRequests. None: no direction, no budget, or a free call."""
    direction = user.direction
    if direction is None or cost <= 0:
        return None
    budget = monthly_budget(session, direction.id)
    if budget is None:
        return None
    month = _month()
    _insert_missing(session, direction, month)
    where = (BudgetMonth.direction_id == direction.id) & (BudgetMonth.month == month)
    if not take(session, BudgetMonth.micro_eur, where, cost, budget):
        counted = session.execute(select(BudgetMonth.micro_eur).where(where)).scalar_one()
        raise TooManyRequests(
            f"Budget mensuel atteint pour la direction « {direction.name} » : "
            f"{euros(counted)} utilisés ou réservés sur un budget de {euros(budget)} en "
            f"{MONTHS[month.month - 1]} (cette demande peut coûter jusqu'à {euros(cost)}). "
            "Pour augmenter le budget de votre direction, adressez-vous au référent IA ; "
            "le compteur repart à zéro le 1er du mois.")
    return BudgetHold(direction.id, month, cost)


def settle(session: Session, hold: BudgetHold | None, user: User | None, cost: int) -> None:
    """The call is over: count its real cost instead of what it held. A call that held
    nothing is still counted on its direction's month, if that row exists (otherwise the
    row will start from the usage table)."""
    if hold is not None:
        _adjust(session, hold.direction_id, hold.month, cost - hold.micro_eur)
    elif user is not None and user.direction is not None and cost:
        _adjust(session, user.direction.id, _month(), cost)


def release(session: Session, hold: BudgetHold | None) -> None:
    """The call failed: give its cost back."""
    if hold is not None:
        _adjust(session, hold.direction_id, hold.month, -hold.micro_eur)


def _adjust(session: Session, direction_id: int, month: date, delta: int) -> None:
    session.execute(update(BudgetMonth).where(BudgetMonth.direction_id == direction_id,
                                              BudgetMonth.month == month)
                    .values(micro_eur=not_below_zero(session, BudgetMonth.micro_eur + delta)))


def status(session: Session, user: User) -> BudgetStatus | None:
    """The user's direction's month: used (spent and held) and budget. None: no direction."""
    direction = user.direction
    if direction is None:
        return None
    budget = monthly_budget(session, direction.id)
    held = session.execute(select(BudgetMonth.micro_eur).where(
        BudgetMonth.direction_id == direction.id, BudgetMonth.month == _month())
    ).scalar_one_or_none()
    if held is None:
        start = clock.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        spent = session.execute(select(func.coalesce(func.sum(UsageRecord.cost_eur), 0.0)).where(
            UsageRecord.direction == direction.name, UsageRecord.at >= start)).scalar_one()
        held = round(spent * MICRO)
    return BudgetStatus(direction.name, None if budget is None else budget / MICRO, held / MICRO)


# --- administration ------------------------------------------------------------------------

def list_budgets(session: Session, user: User) -> list[tuple[Direction, int | None]]:
    """Every direction with its monthly budget in micro-euros (None: no limit)."""
    ensure_role(user, Role.ADMIN, Role.REFERENT_IA, action="consulter les budgets")
    budgets = dict(session.execute(select(DirectionBudget.direction_id,
                                          DirectionBudget.micro_eur_per_month)).all())
    directions = session.execute(select(Direction).order_by(Direction.name)).scalars()
    return [(d, budgets.get(d.id)) for d in directions]


def parse_euros(text: str, direction: str) -> int | None:
    """« 1 500,50 » -> micro-euros; empty -> None (no limit). French message when refused."""
    cleaned = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    cleaned = cleaned.removesuffix("€").replace(",", ".")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput(f"Direction « {direction} » : le budget doit être un montant en "
                           "euros (par exemple « 1 500 » ou « 250,50 »), ou rester vide.") from None
    if not amount.is_finite() or not 0 <= amount <= MAX_BUDGET_EUR:
        raise InvalidInput(f"Direction « {direction} » : le budget doit être compris entre 0 et "
                           "10 000 000 €.")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"Direction « {direction} » : le budget s'exprime au centime près.")
    return int(amount * MICRO)


def set_budgets(session: Session, user: User, typed: dict[int, str]) -> None:
    """Set every direction's budget from what the admin typed (direction id -> euros).
    All or nothing: one wrong amount and no budget changes."""
    from collectivia.core import audit

    ensure_role(user, Role.ADMIN, action="modifier les budgets des directions")
    current = {d.id: (d, b) for d, b in list_budgets(session, user)}
    wanted = {i: parse_euros(typed.get(i, ""), d.name) for i, (d, _) in current.items()}
    for direction_id, amount in wanted.items():
        direction, before = current[direction_id]
        if amount == before:
            continue
        row = session.get(DirectionBudget, direction_id)
        if amount is None:
            session.delete(row)
        elif row is None:
            session.add(DirectionBudget(direction_id=direction_id, micro_eur_per_month=amount))
        else:
            row.micro_eur_per_month = amount
        audit.record(session, "llm.budget", actor=user, object_type="direction",
                     object_id=direction_id,
                     details={"direction": direction.name,
                              "budget_mensuel_eur": None if amount is None else amount / MICRO})
