"""Governance tables: use-case registry, boussole, charter, training, shadow-AI aggregates.

Shadow-AI imports keep only aggregates (month x direction, month x service):
the log lines, user names and addresses are never stored.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base
from collectivia.core.models import Service, User


class UseCaseStatus(StrEnum):
    """A use case's stage in the registry; stored as its value (a plain string column)."""

    IDEA = "idee"
    REVIEW = "instruction"
    EXPERIMENT = "experimentation"
    DEPLOYED = "deploye"
    ABANDONED = "abandonne"

    @property
    def label(self) -> str:
        return {"idee": "Idée", "instruction": "En instruction", "experimentation": "Expérimentation",
                "deploye": "Déployé", "abandonne": "Abandonné"}[self.value]


class UseCase(Base):
    """A proposed or running use of AI, from the agent's idea to deployment or abandonment."""

    __tablename__ = "governance_use_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    need: Mapped[str] = mapped_column(Text, default="")
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"), nullable=True)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    data_involved: Mapped[str] = mapped_column(Text, default="")
    expected_gain: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    data_categories_json: Mapped[str] = mapped_column(Text, default="[]")
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    model: Mapped[str] = mapped_column(String(200), default="")
    hosting: Mapped[str] = mapped_column(String(20), default="inconnu")
    supplier: Mapped[str] = mapped_column(String(200), default="")
    human_oversight: Mapped[str] = mapped_column(Text, default="")
    platform_module: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=UseCaseStatus.IDEA.value, index=True)
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    experiment_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ai_act_level: Mapped[str | None] = mapped_column(String(20), nullable=True)
    ai_act_answers_json: Mapped[str] = mapped_column(Text, default="{}")
    ai_act_result_json: Mapped[str] = mapped_column(Text, default="{}")
    classified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    service: Mapped[Service | None] = relationship(lazy="joined")
    proposer: Mapped[User | None] = relationship(foreign_keys=[proposer_id], lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")
    events: Mapped[list[UseCaseEvent]] = relationship(back_populates="use_case",
                                                      order_by="UseCaseEvent.id")
    scores: Mapped[list[BoussoleScore]] = relationship(back_populates="use_case")

    @property
    def data_categories(self) -> list[str]:
        return json.loads(self.data_categories_json or "[]")

    @property
    def ai_act_answers(self) -> dict:
        return json.loads(self.ai_act_answers_json or "{}")

    @property
    def ai_act_result(self) -> dict:
        return json.loads(self.ai_act_result_json or "{}")


class UseCaseEvent(Base):
    """One step of a use case's life: who moved it, from where to where, and why."""

    __tablename__ = "governance_use_case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    use_case_id: Mapped[int] = mapped_column(
        ForeignKey("governance_use_cases.id", name="fk_governance_use_case_events_use_case"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    use_case: Mapped[UseCase] = relationship(back_populates="events")


class BoussoleScore(Base):
    """The score (0-3) and comment given to one Nantes criterion for one use case."""

    __tablename__ = "governance_boussole_scores"
    __table_args__ = (UniqueConstraint("use_case_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    use_case_id: Mapped[int] = mapped_column(
        ForeignKey("governance_use_cases.id", name="fk_governance_boussole_scores_use_case"))
    criterion: Mapped[str] = mapped_column(String(60))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    assessed_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    use_case: Mapped[UseCase] = relationship(back_populates="scores")


class CharterVersion(Base):
    """One immutable version of the AI charter; editing creates the next version."""

    __tablename__ = "governance_charter_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    created_by: Mapped[User | None] = relationship(lazy="joined")


class CharterAcceptance(Base):
    """An agent's acceptance of one exact charter version."""

    __tablename__ = "governance_charter_acceptances"
    __table_args__ = (UniqueConstraint("charter_version_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    charter_version_id: Mapped[int] = mapped_column(
        ForeignKey("governance_charter_versions.id", name="fk_governance_charter_acceptances_version"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    accepted_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    charter_version: Mapped[CharterVersion] = relationship(lazy="joined")
    user: Mapped[User] = relationship(lazy="joined")


class TrainingSession(Base):
    __tablename__ = "governance_training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[date] = mapped_column(Date)
    duration_hours: Mapped[float] = mapped_column(Float, default=0)
    trainer: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    attendances: Mapped[list[TrainingAttendance]] = relationship(back_populates="session")


class TrainingAttendance(Base):
    __tablename__ = "governance_training_attendances"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("governance_training_sessions.id", name="fk_governance_training_attendances_session"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    session: Mapped[TrainingSession] = relationship(back_populates="attendances")
    user: Mapped[User] = relationship(lazy="joined")


class AiDomain(Base):
    """A public generative-AI service watched by the shadow-AI count (editable list)."""

    __tablename__ = "governance_ai_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    service_label: Mapped[str] = mapped_column(String(120))


class ShadowImport(Base):
    """One imported proxy/firewall log: its line counts, never its lines."""

    __tablename__ = "governance_shadow_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    lines_total: Mapped[int] = mapped_column(Integer, default=0)
    lines_malformed: Mapped[int] = mapped_column(Integer, default=0)
    lines_matched: Mapped[int] = mapped_column(Integer, default=0)
    malformed_json: Mapped[str] = mapped_column(Text, default="[]")

    counts: Mapped[list[ShadowCount]] = relationship(back_populates="shadow_import")

    @property
    def malformed_examples(self) -> list[dict]:
        return json.loads(self.malformed_json or "[]")


class ShadowCount(Base):
    """Connections to public AI services for one month and one group (a direction or a service)."""

    __tablename__ = "governance_shadow_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("governance_shadow_imports.id", name="fk_governance_shadow_counts_import"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(10))  # "direction" or "service"
    label: Mapped[str] = mapped_column(String(200))
    connections: Mapped[int] = mapped_column(Integer)
    distinct_users: Mapped[int] = mapped_column(Integer)

    shadow_import: Mapped[ShadowImport] = relationship(back_populates="counts")


class ProcessingOverride(Base):
    """A field of the art. 30 register that the DPO rewrote (the generated value stays the default)."""

    __tablename__ = "governance_processing_overrides"
    __table_args__ = (UniqueConstraint("processing_key", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    processing_key: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class DpiaVersion(Base):
    """One saved version of a use case's impact assessment (AIPD); a save never rewrites one."""

    __tablename__ = "governance_dpia_versions"
    __table_args__ = (UniqueConstraint("use_case_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    use_case_id: Mapped[int] = mapped_column(
        ForeignKey("governance_use_cases.id", name="fk_governance_dpia_versions_use_case"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_json: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(20), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    created_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def content(self) -> dict:
        return json.loads(self.content_json or "{}")


class BenefitRating(Base):
    """One agent's estimate of the time an AI answer saved, and whether it satisfied them.

    One row per agent and answer (`answer_ref`, e.g. "assistant:812"): a second
    click changes the estimate rather than counting twice. Both fields are
    optional: an agent may give only the minutes or only the thumb.
    """

    __tablename__ = "governance_benefit_ratings"
    __table_args__ = (UniqueConstraint("user_id", "answer_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    use_case_id: Mapped[int] = mapped_column(
        ForeignKey("governance_use_cases.id", name="fk_governance_benefit_ratings_use_case"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    answer_ref: Mapped[str] = mapped_column(String(60))
    minutes_saved: Mapped[int | None] = mapped_column(Integer, nullable=True)
    satisfied: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    rated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)


class EvaluationCriterion(Base):
    """A success criterion of an experimentation: what is measured, the target, the measure."""

    __tablename__ = "governance_evaluation_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    use_case_id: Mapped[int] = mapped_column(
        ForeignKey("governance_use_cases.id", name="fk_governance_evaluation_criteria_use_case"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    target: Mapped[str] = mapped_column(String(200), default="")
    measured: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="a_mesurer")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
