"""Functions the sandbox tests run in the child (module-level, so they travel by name)."""

from __future__ import annotations


def spin() -> None:
    while True:
        pass


def hog() -> bytes:
    return b"x" * 4_000_000_000


def double(value: int) -> int:
    return value * 2
