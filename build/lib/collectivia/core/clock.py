"""Time source, in one place so that tests can move it."""

from __future__ import annotations

from datetime import UTC, datetime

_offset_seconds = 0.0


def now() -> datetime:
    """Current UTC time, naive (stored as such in both SQLite and PostgreSQL)."""
    from datetime import timedelta

    return datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=_offset_seconds)


def travel(seconds: float) -> None:
    """Shift the clock (tests only): sessions expiring, lockouts ending..."""
    global _offset_seconds
    _offset_seconds += seconds


def reset() -> None:
    global _offset_seconds
    _offset_seconds = 0.0
