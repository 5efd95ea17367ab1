"""Login throttling that holds under concurrency and cannot be turned against the admin.

Three counters slow password guessing, each with growing delays rather than
a fixed lock:
- an account from one address (`login_max_failures` free tries): one
  attacker guessing one password;
- one address, whatever the account (4x, since agents behind one NAT share
  it): one attacker spraying many accounts;
- one account, whatever the address (4x): many addresses guessing one
  account. It does not apply to an address this account has signed in from
  before, so nobody can keep the admin out from elsewhere.

Beyond its allowance each try blocks the key for 1, 2, 4... minutes, up to
`login_lockout_minutes`. Counts leak: one try is forgiven per
`login_lockout_minutes` without tries (all after four), so the typos of a
busy office sharing one address never add up to a lock.
A try is reserved *before* the password is checked, in one UPDATE per key
(a row lock on PostgreSQL, the write lock on SQLite) committed at once: N
simultaneous guesses never get more than the allowance checked, and the slow
argon2 verification holds no lock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, select, update
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.models import LoginThrottle
from collectivia.settings import Settings

FIRST_DELAY = timedelta(minutes=1)
KNOWN_FOR = timedelta(days=90)
FORGIVEN_AT_MOST = 4  # after four leak periods without tries, the count starts again


@dataclass(frozen=True)
class Rule:
    key: str
    allowance: int


class Throttled(Exception):
    """Too many tries for one of the keys: `wait` until the next one is allowed."""

    def __init__(self, wait: timedelta):
        super().__init__(str(wait))
        self.wait = wait

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.wait.total_seconds() / 60))


def _pair_key(login: str, address: str) -> str:
    return f"compte-adresse:{login}|{address}"


def _known_key(login: str, address: str) -> str:
    return f"connue:{login}|{address}"


def rules_for(db: Session, login: str, address: str, settings: Settings) -> list[Rule]:
    """The counters a try of `login` from `address` goes through."""
    n = settings.login_max_failures
    rules = [Rule(_pair_key(login, address), n), Rule(f"adresse:{address}", 4 * n)]
    known = db.get(LoginThrottle, _known_key(login, address))
    if known is None or known.last_try_at < clock.now() - KNOWN_FOR:
        rules.append(Rule(f"compte:{login}", 4 * n))
    return sorted(rules, key=lambda r: r.key)  # one lock order for every transaction


def _insert_missing(db: Session, key: str, now: datetime) -> None:
    if db.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]  # same on_conflict_do_nothing
    db.execute(insert(LoginThrottle).values(key=key, tries=0, last_try_at=now)
               .on_conflict_do_nothing(index_elements=["key"]))


def _leaked_plus_one(now: datetime, leak: timedelta):
    """SQL for the new count: one try forgiven per `leak` since the last try, plus this one.

    Written as a CASE on bound times (no date arithmetic in SQL), so the same
    single UPDATE runs on SQLite and PostgreSQL.
    """
    tiers: list[tuple[ColumnElement[bool], Any]] = [(LoginThrottle.last_try_at < now - FORGIVEN_AT_MOST * leak, 1)]
    for forgiven in range(FORGIVEN_AT_MOST - 1, 0, -1):
        tiers.append((LoginThrottle.last_try_at < now - forgiven * leak,
                      case((LoginThrottle.tries > forgiven, LoginThrottle.tries - forgiven),
                           else_=0) + 1))
    return case(*tiers, else_=LoginThrottle.tries + 1)


def reserve(db: Session, rules: list[Rule], settings: Settings) -> None:
    """Count one try on every key, or raise Throttled (the caller rolls back and commits nothing).

    Each UPDATE decides and counts in one statement (PostgreSQL re-reads the
    row once a concurrent one commits; SQLite serialises writers), and the
    caller commits at once, so the counters' locks are held for milliseconds.
    """
    now = clock.now()
    longest = timedelta(minutes=settings.login_lockout_minutes)
    for rule in rules:
        _insert_missing(db, rule.key, now)
    for rule in rules:
        tries = db.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == rule.key,
                   (LoginThrottle.blocked_until.is_(None)) | (LoginThrottle.blocked_until <= now))
            .values(tries=_leaked_plus_one(now, longest), last_try_at=now)
            .returning(LoginThrottle.tries)
        ).scalar_one_or_none()
        if tries is None:
            until = db.execute(select(LoginThrottle.blocked_until)
                               .where(LoginThrottle.key == rule.key)).scalar_one()
            raise Throttled((until or now) - now)  # None: unblocked by a login just now
        if tries >= rule.allowance:
            delay = min(FIRST_DELAY * 2 ** min(tries - rule.allowance, 16), longest)
            db.execute(update(LoginThrottle).where(LoginThrottle.key == rule.key)
                       .values(blocked_until=now + delay))


def succeeded(db: Session, login: str, address: str) -> None:
    """A right password: this account's counters start again and the address becomes known.

    The address counter only gets its try back, so a valid account of one's
    own cannot reset the count of one's guesses against other accounts.
    Rows are locked in the key order `reserve` uses ("adresse:" < "compte-adresse:" <
    "compte:" < "connue:"): in another order, a login of an account and a try of the same
    account from the same address locked each other's rows (a PostgreSQL deadlock, seen
    with two server processes and twelve simultaneous logins).
    """
    now = clock.now()
    db.execute(update(LoginThrottle).where(LoginThrottle.key == f"adresse:{address}")
               .values(tries=case((LoginThrottle.tries > 0, LoginThrottle.tries - 1), else_=0)))
    for key in (_pair_key(login, address), f"compte:{login}"):
        db.execute(update(LoginThrottle).where(LoginThrottle.key == key)
                   .values(tries=0, blocked_until=None))
    _insert_missing(db, _known_key(login, address), now)
    db.execute(update(LoginThrottle).where(LoginThrottle.key == _known_key(login, address))
               .values(last_try_at=now))
