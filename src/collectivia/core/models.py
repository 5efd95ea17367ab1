"""Kernel tables: the collectivité's organisation, users, sessions, login throttles, audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base
from collectivia.core.roles import Role


class Direction(Base):
    """A direction of the collectivité (Direction des ressources humaines...)."""

    __tablename__ = "directions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    services: Mapped[list[Service]] = relationship(back_populates="direction", order_by="Service.name")


class Service(Base):
    """A service inside a direction; every user belongs to one."""

    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("direction_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction_id: Mapped[int] = mapped_column(ForeignKey("directions.id"))
    name: Mapped[str] = mapped_column(String(200))

    direction: Mapped[Direction] = relationship(back_populates="services")

    @property
    def label(self) -> str:
        return f"{self.direction.name} — {self.name}"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(120), unique=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # no longer read: sessions are revoked by deleting their rows (see core.sessions);
    # kept because dropping a column of `users` on SQLite means rebuilding the table
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    service: Mapped[Service | None] = relationship(lazy="joined")

    @property
    def direction(self) -> Direction | None:
        return self.service.direction if self.service else None

    @property
    def role_label(self) -> str:
        return Role(self.role).label


class WebSession(Base):
    """A signed-in (or anonymous) browser session, kept server-side.

    The cookie carries only a random token; the row is found by the token's
    SHA-256, so a copy of this table opens no session. Deleting the row ends
    the session on every process and machine at once.
    """

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class LoginThrottle(Base):
    """Login tries counted for one key: an account, an address, or an account from an address.

    `tries` is reserved before the password is checked, in one UPDATE, so
    simultaneous guesses cannot exceed the allowance; `blocked_until` grows
    with each try beyond it.
    """

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    last_try_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AuditChainState(Base):
    """Where the audit chain became keyed: events up to `unkeyed_until_id` predate the HMAC key.

    Written once by the migration that introduced the key; checkpoints repeat
    it, so moving it later is caught by `audit verify --checkpoint`.
    """

    __tablename__ = "audit_chain_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    unkeyed_until_id: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Base):
    """An append-only, hash-chained record of who did what, to what, with what outcome.

    `prev_hash` is unique: two events can never claim the same predecessor, so
    the chain cannot fork even under concurrent writers.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str] = mapped_column(String(80), default="")
    object_id: Mapped[str] = mapped_column(String(120), default="")
    outcome: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
