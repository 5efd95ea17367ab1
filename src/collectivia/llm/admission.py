"""Everything a model call holds before it runs: the model's request windows, the user's
daily tokens and the direction's monthly euros.

Taken in that order (the same for every call, so two transactions on PostgreSQL
never wait on each other crosswise), each by its own conditional UPDATE; if one
refuses, what was already taken is given back before the refusal is raised.
The caller commits at once, hands the admission to `usage.record_call` when the
call succeeds, or to `release` when it fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from collectivia.core.errors import TooManyRequests
from collectivia.core.models import User
from collectivia.llm import budgets, quotas, ratelimits
from collectivia.llm.config import ModelConfig


@dataclass(frozen=True)
class Admission:
    quota: quotas.Reservation | None = None
    budget: budgets.BudgetHold | None = None
    requests: ratelimits.RequestHold | None = None


def admit(session: Session, user: User, config: ModelConfig, prompt_tokens: int,
          max_tokens: int, daily_quota: int | None) -> Admission:
    """Hold the call's share of every limit, or refuse it (429, French message)."""
    requests = ratelimits.reserve(session, config)
    quota = None
    try:
        if daily_quota is not None:
            quota = quotas.reserve(session, user, prompt_tokens + max_tokens, daily_quota)
        budget = budgets.reserve(session, user,
                                 budgets.upper_bound(config, prompt_tokens, max_tokens))
    except TooManyRequests:
        quotas.release(session, quota)
        ratelimits.release(session, requests)
        raise
    return Admission(quota, budget, requests)


def release(session: Session, admission: Admission | None) -> None:
    """The call failed or was stopped: everything it held is given back."""
    if admission is None:
        return
    ratelimits.release(session, admission.requests)
    quotas.release(session, admission.quota)
    budgets.release(session, admission.budget)
