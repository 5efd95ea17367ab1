"""What model calls cost: one usage row per call, the daily token quotas, the directions'
monthly budgets and the per-model request windows."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from collectivia.core import clock
from collectivia.core.db import Base


class UsageRecord(Base):
    """One model call: who (user, direction, role), where from, which model, tokens, cost, carbon.

    Never the text itself. The direction and role are copied at call time so that
    monthly reports stay right when an agent changes service.
    """

    __tablename__ = "llm_usage"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                nullable=True, index=True)
    role: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(80))
    backend: Mapped[str] = mapped_column(String(80), default="")
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_eur: Mapped[float] = mapped_column(Float, default=0.0)
    energy_kwh: Mapped[float | None] = mapped_column(Float, nullable=True)
    gwp_kgco2eq: Mapped[float | None] = mapped_column(Float, nullable=True)


class TokenQuota(Base):
    """Tokens per day for a role, or for one user (a user's own quota wins over the role's)."""

    __tablename__ = "llm_quotas"
    __table_args__ = (UniqueConstraint("role", name="uq_llm_quotas_role"),
                      UniqueConstraint("user_id", name="uq_llm_quotas_user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str | None] = mapped_column(String(40), nullable=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                                nullable=True)
    tokens_per_day: Mapped[int] = mapped_column(Integer)


class QuotaDay(Base):
    """One user's tokens for one day: used by finished calls plus held by calls in flight.

    The row every call reserves on (llm.quotas), so simultaneous calls are
    counted against each other before the model answers, not after.
    """

    __tablename__ = "llm_quota_days"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    tokens: Mapped[int] = mapped_column(Integer, default=0)


class DirectionBudget(Base):
    """A direction's monthly budget for model calls, in micro-euros (integers: the
    reservation's condition compares no floats). No row: no limit."""

    __tablename__ = "llm_direction_budgets"

    direction_id: Mapped[int] = mapped_column(ForeignKey("directions.id", ondelete="CASCADE"),
                                              primary_key=True)
    micro_eur_per_month: Mapped[int] = mapped_column(BigInteger)


class BudgetMonth(Base):
    """One direction's spending for one month, in micro-euros: finished calls at their real
    cost plus calls in flight at their upper bound (llm.budgets reserves on this row)."""

    __tablename__ = "llm_budget_months"

    direction_id: Mapped[int] = mapped_column(ForeignKey("directions.id", ondelete="CASCADE"),
                                              primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)     # its first day
    micro_eur: Mapped[int] = mapped_column(BigInteger, default=0)


class ModelRequestWindow(Base):
    """Requests made to one model alias in one minute or one day (llm.ratelimits)."""

    __tablename__ = "llm_model_windows"

    model: Mapped[str] = mapped_column(String(80), primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)   # "minute" | "day"
    start: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    requests: Mapped[int] = mapped_column(Integer, default=0)


class ModelBackend(Base):
    """A model backend declared from the admin page (llm.catalog), next to those of the
    environment variable. Its API key is stored only encrypted (`api_key_encrypted`,
    Fernet with the privacy vault's key), its models as a JSON list of `ModelConfig`."""

    __tablename__ = "llm_backends"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    type: Mapped[str] = mapped_column(String(20), default="openai")
    base_url: Mapped[str] = mapped_column(String(500), default="")
    path: Mapped[str] = mapped_column(String(500), default="")
    api_key_encrypted: Mapped[str] = mapped_column(Text, default="")
    timeout: Mapped[float] = mapped_column(Float, default=60.0)
    connect_timeout: Mapped[float] = mapped_column(Float, default=5.0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    models_json: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class BackendCatalogVersion(Base):
    """One row counting changes to `llm_backends`: each web process compares it with the
    version its router was built from, so a change made in one process is seen by all."""

    __tablename__ = "llm_backend_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
