"""The pseudonymisation vault: one row per original value met in a scope.

The original value is never stored in clear: `ciphertext` is a Fernet token
(key from settings) and `digest` an HMAC of the normalised value, so the same
value met again in the same scope finds its pseudonym without decrypting the
whole scope.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from collectivia.core import clock
from collectivia.core.db import Base


class VaultEntry(Base):
    """An original value (encrypted) and the pseudonym standing for it in one scope."""

    __tablename__ = "privacy_vault_entries"
    __table_args__ = (UniqueConstraint("scope", "digest", name="uq_privacy_vault_entries_scope_digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(120), index=True)
    label: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    pseudonym: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64))
    ciphertext: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
