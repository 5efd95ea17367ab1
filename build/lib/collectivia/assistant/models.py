"""Conversations, drafting-task prompts, personal API tokens and the retention policy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base


class Conversation(Base):
    """One agent's exchange with the assistant; deleted when older than the retention period.

    `scope` names the pseudonym space of the privacy vault: the same person is
    "Personne 1" in every message of the conversation, and nowhere else.
    """

    __tablename__ = "assistant_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    task: Mapped[str] = mapped_column(String(40), default="")
    model: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now, index=True)

    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation", order_by="Message.id", cascade="all, delete-orphan",
        passive_deletes=True)


class Message(Base):
    """One turn. `content` is what the user reads (re-identified); `sent_text` is what the
    model saw or wrote (pseudonymised), replayed as history on the next turn."""

    __tablename__ = "assistant_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("assistant_conversations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # "user" | "assistant"
    content: Mapped[str] = mapped_column(Text)
    sent_text: Mapped[str] = mapped_column(Text)
    attachment_name: Mapped[str] = mapped_column(String(200), default="")
    privacy_note: Mapped[str] = mapped_column(Text, default="")
    model: Mapped[str] = mapped_column(String(80), default="")
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class TaskPrompt(Base):
    """The HR service's wording of a drafting task; absent row = the shipped default."""

    __tablename__ = "assistant_task_prompts"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    instructions: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class ApiToken(Base):
    """A personal token for the OpenAI-compatible gateway. Only its SHA-256 is stored."""

    __tablename__ = "assistant_api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class AssistantPolicy(Base):
    """Settings the admin changes in the interface (one row)."""

    __tablename__ = "assistant_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    retention_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
