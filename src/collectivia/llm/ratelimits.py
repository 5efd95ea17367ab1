"""Requests per minute and per day for one model, as its declaration allows
(`max_requests_per_minute`, `max_requests_per_day` in llm.config.ModelConfig).

A provider's contract or a small local server bounds how many calls a model
takes; past it, the call is refused here in French rather than failing
upstream. Each call takes one request on the model's row for the current
minute and the current day, in one conditional UPDATE per row (as llm.quotas),
so simultaneous calls never pass the limit together. A failed call gives its
request back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.errors import TooManyRequests
from collectivia.llm.config import ModelConfig
from collectivia.llm.models import ModelRequestWindow
from collectivia.llm.quotas import insert_if_missing, not_below_zero, take

KEPT_MINUTE_ROWS = timedelta(days=1)


class ModelBusy(TooManyRequests):
    """A model's own request limit is reached (the gateway answers `rate_limit_exceeded`)."""


@dataclass(frozen=True)
class RequestHold:
    """The windows (period, start) one call took a request on."""

    model: str
    windows: tuple[tuple[str, datetime], ...]


def _windows(config: ModelConfig, now: datetime):
    minute = now.replace(second=0, microsecond=0)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if config.max_requests_per_minute is not None:
        yield "minute", minute, config.max_requests_per_minute
    if config.max_requests_per_day is not None:
        yield "day", day, config.max_requests_per_day


def _refusal(alias: str, period: str, limit: int) -> ModelBusy:
    if period == "minute":
        return ModelBusy(
            f"Le modèle « {alias} » est très sollicité : il accepte au plus {limit} demandes "
            "par minute pour toute la collectivité. Réessayez dans une minute, ou choisissez "
            "un autre modèle.")
    return ModelBusy(
        f"Le modèle « {alias} » a atteint sa limite de {limit} demandes par jour pour toute la "
        "collectivité. Choisissez un autre modèle, ou réessayez demain ; pour relever cette "
        "limite, adressez-vous au référent IA.")


def reserve(session: Session, config: ModelConfig) -> RequestHold | None:
    """Take one request on each limited window of the model, or refuse (429, French)."""
    now = clock.now()
    taken: list[tuple[str, datetime]] = []
    for period, start, limit in _windows(config, now):
        if insert_if_missing(session, ModelRequestWindow, ["model", "period", "start"],
                             model=config.alias, period=period, start=start, requests=0):
            _forget_old(session, config.alias, now)
        where = ((ModelRequestWindow.model == config.alias)
                 & (ModelRequestWindow.period == period) & (ModelRequestWindow.start == start))
        if not take(session, ModelRequestWindow.requests, where, 1, limit):
            release(session, RequestHold(config.alias, tuple(taken)))
            raise _refusal(config.alias, period, limit)
        taken.append((period, start))
    return RequestHold(config.alias, tuple(taken)) if taken else None


def release(session: Session, hold: RequestHold | None) -> None:
    """The call failed: its requests are given back."""
    if hold is None:
        return
    for period, start in hold.windows:
        session.execute(update(ModelRequestWindow).where(
            ModelRequestWindow.model == hold.model, ModelRequestWindow.period == period,
            ModelRequestWindow.start == start)
            .values(requests=not_below_zero(session, ModelRequestWindow.requests - 1)))


def used(session: Session, alias: str) -> dict[str, int]:
    """Requests taken on the model this minute and today (for the profile page)."""
    now = clock.now()
    starts = {"minute": now.replace(second=0, microsecond=0),
              "day": now.replace(hour=0, minute=0, second=0, microsecond=0)}
    rows = session.execute(select(ModelRequestWindow.period, ModelRequestWindow.start,
                                  ModelRequestWindow.requests)
                           .where(ModelRequestWindow.model == alias,
                                  ModelRequestWindow.start >= starts["day"])).all()
    return {period: sum(n for p, start, n in rows if p == period and start == since)
            for period, since in starts.items()}


def _forget_old(session: Session, alias: str, now: datetime) -> None:
    """A new window was opened: the model's windows older than a day count for nothing."""
    session.execute(delete(ModelRequestWindow).where(
        ModelRequestWindow.model == alias, ModelRequestWindow.start < now - KEPT_MINUTE_ROWS))
