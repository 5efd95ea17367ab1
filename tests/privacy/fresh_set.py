"""The held-out PII documents written for the tests (tests/privacy/data), as scorer rows."""

from __future__ import annotations

from pathlib import Path

from collectivia.privacy.training.markup import read_markup

SOURCE = Path(__file__).parent / "data" / "pii_fresh.txt"
BLIND = Path(__file__).parent / "data" / "pii_blind.txt"


def fresh_rows(source: Path = SOURCE) -> list[dict]:
    return read_markup(source)
