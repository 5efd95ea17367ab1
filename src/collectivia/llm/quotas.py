"""Daily token quotas reserved atomically, so simultaneous calls never exceed them together.

Checking "used + upcoming <= limit" then calling the model let 40 calls made
at once all pass the check before any was counted. Here, as for login
throttling (core.throttle), a call *reserves* its upper bound (estimated
prompt + max completion) in one conditional UPDATE on the user's row for the
day: PostgreSQL re-evaluates the condition after a concurrent writer commits
(row lock), SQLite serialises writers; the caller commits at once, so no
lock is held while the model answers. When the call ends, the reservation is
settled to the tokens really used (`settle`), or given back if it failed
(`release`). The row is created on a day's first call from the usage already
recorded that day, so quotas set before this table existed keep counting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.errors import TooManyRequests
from collectivia.core.models import User
from collectivia.llm.models import QuotaDay, UsageRecord


@dataclass(frozen=True)
class Reservation:
    """Tokens held on one user's day until the call is settled or released."""

    user_id: int
    day: date
    tokens: int


def insert_if_missing(session: Session, table, keys: list[str], **values) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on `keys` (the row a conditional UPDATE will hold);
    True when this call created it. Shared by the quotas, budgets and request windows."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]  # same on_conflict_do_nothing
    return cast(CursorResult, session.execute(insert(table).values(**values)
                           .on_conflict_do_nothing(index_elements=keys))).rowcount == 1


def take(session: Session, column, where, amount: int, limit: int) -> bool:
    """The one conditional UPDATE: add `amount` to `column` on the row `where` if the total
    stays within `limit`. False: refused, nothing changed. Shared by the quotas, budgets and
    request windows."""
    return session.execute(update(column.class_).where(where, column + amount <= limit)
                           .values({column: column + amount})
                           .returning(column)).scalar_one_or_none() is not None


def not_below_zero(session: Session, expression):
    """max(expression, 0) in the dialect's spelling (a release never makes a count negative)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.max(expression, 0)
    return func.greatest(expression, 0)


def _insert_missing(session: Session, user_id: int, day: date) -> None:
    """The day's row, starting from the usage already recorded that day (no-op if present)."""
    start = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    used = (select(func.coalesce(func.sum(UsageRecord.prompt_tokens
                                          + UsageRecord.completion_tokens), 0))
            .where(UsageRecord.user_id == user_id, UsageRecord.at >= start).scalar_subquery())
    insert_if_missing(session, QuotaDay, ["user_id", "day"], user_id=user_id, day=day,
                      tokens=used)


def reserve(session: Session, user: User, tokens: int, limit: int) -> Reservation:
    """Hold `tokens` on today's count if it stays within `limit`, else raise TooManyRequests."""
    day = clock.now().date()
    _insert_missing(session, user.id, day)
    where = (QuotaDay.user_id == user.id) & (QuotaDay.day == day)
    if not take(session, QuotaDay.tokens, where, tokens, limit):
        counted = session.execute(select(QuotaDay.tokens).where(where)).scalar_one()
        raise TooManyRequests(
            f"Quota quotidien atteint : vous avez utilisé ou réservé {counted} jetons sur les "
            f"{limit} autorisés aujourd'hui pour votre compte (cette demande en demande jusqu'à "
            f"{tokens}). Le compteur repart à zéro à minuit (UTC) ; en cas de besoin, "
            "adressez-vous au référent IA.")
    return Reservation(user.id, day, tokens)


def settle(session: Session, reservation: Reservation | None, used: int) -> None:
    """The call is over: count what it really used instead of what it held."""
    if reservation is not None:
        _adjust(session, reservation, used - reservation.tokens)


def release(session: Session, reservation: Reservation | None) -> None:
    """The call failed: give its tokens back."""
    if reservation is not None:
        _adjust(session, reservation, -reservation.tokens)


def count_unreserved(session: Session, user_id: int, used: int) -> None:
    """A call made without a reservation (a domain with no quota check): still counted
    today, if the day's row exists (otherwise the row starts from the usage table)."""
    session.execute(update(QuotaDay).where(QuotaDay.user_id == user_id,
                                           QuotaDay.day == clock.now().date())
                    .values(tokens=QuotaDay.tokens + used))


def _adjust(session: Session, reservation: Reservation, delta: int) -> None:
    session.execute(update(QuotaDay).where(QuotaDay.user_id == reservation.user_id,
                                           QuotaDay.day == reservation.day)
                    .values(tokens=not_below_zero(session, QuotaDay.tokens + delta)))
