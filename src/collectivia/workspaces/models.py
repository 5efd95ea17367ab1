"""Workspace tables: the workspace, its members, its documents, its conversations.

A workspace's documents are knowledge documents with the audience "espace"
(collectivia.knowledge.models.WORKSPACE): indexed by the same engine, but only
ever searched through `WorkspaceDocument` rows, for the workspace's members.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base
from collectivia.core.models import User
from collectivia.knowledge.models import KnowledgeDocument

MANAGER = "gestionnaire"
MEMBER = "membre"
MEMBER_ROLES = {MANAGER: "Gestionnaire", MEMBER: "Membre"}


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    members: Mapped[list[WorkspaceMember]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan", passive_deletes=True,
        order_by="WorkspaceMember.id")
    documents: Mapped[list[WorkspaceDocument]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan", passive_deletes=True,
        order_by="WorkspaceDocument.id")


class WorkspaceMember(Base):
    """An agent of the collectivité in a workspace: "gestionnaire" (documents, members) or
    "membre" (reads and asks)."""

    __tablename__ = "workspace_members"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"),
                                              index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    workspace: Mapped[Workspace] = relationship(back_populates="members")
    user: Mapped[User] = relationship()

    @property
    def role_label(self) -> str:
        return MEMBER_ROLES.get(self.role, self.role)


class WorkspaceDocument(Base):
    __tablename__ = "workspace_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"),
                                              index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_documents.id", ondelete="CASCADE"), unique=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    workspace: Mapped[Workspace] = relationship(back_populates="documents")
    document: Mapped[KnowledgeDocument] = relationship()


class WorkspaceConversation(Base):
    """A member's questions in a workspace; `shared` shows it to every member."""

    __tablename__ = "workspace_conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"),
                                              index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    owner: Mapped[User] = relationship()
    exchanges: Mapped[list[WorkspaceExchange]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="WorkspaceExchange.id")


class WorkspaceExchange(Base):
    """One question and its answer; `sources` is JSON: [{"title", "ref", "text"}], what the
    answer cites (the document's title and the passage)."""

    __tablename__ = "workspace_exchanges"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("workspace_conversations.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    sources: Mapped[str] = mapped_column(Text, default="[]")
    mode: Mapped[str] = mapped_column(String(20), default="extractif")
    model: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    conversation: Mapped[WorkspaceConversation] = relationship(back_populates="exchanges")
