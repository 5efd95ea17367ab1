"""Kernel tables: the collectivité's organisation, users, login failures, audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base


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
    # bumped on password change or deactivation: older session cookies stop working
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    service: Mapped[Service | None] = relationship(lazy="joined")

    @property
    def direction(self) -> Direction | None:
        return self.service.direction if self.service else None

    @property
    def role_label(self) -> str:
        from collectivia.core.roles import Role

        return Role(self.role).label


class LoginFailure(Base):
    """One failed login, kept to throttle password guessing (per login and per address)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(120), index=True)
    client_ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)


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
