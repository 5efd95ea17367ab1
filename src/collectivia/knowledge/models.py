"""Knowledge base tables: documents (with who may read them) and their chunks (with vectors)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base

PUBLIC = "public"
RESTRICTED = "restreint"


class KnowledgeDocument(Base):
    """A text the HR chatbot may quote: the shipped code, or a note uploaded by the HR service.

    `audience` is "public" (every agent) or "restreint": then only the roles in
    `allowed_roles` and the directions in `allowed_directions` (codes, comma
    separated) may retrieve its passages.
    """

    __tablename__ = "knowledge_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(500), default="")
    filename: Mapped[str] = mapped_column(String(255), default="")
    kind: Mapped[str] = mapped_column(String(20), default="markdown")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    version_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    audience: Mapped[str] = mapped_column(String(20), default=PUBLIC)
    allowed_roles: Mapped[str] = mapped_column(String(300), default="")
    allowed_directions: Mapped[str] = mapped_column(String(300), default="")
    shipped: Mapped[bool] = mapped_column(Boolean, default=False)
    chunk_count: Mapped[int] = mapped_column(Integer, default=0)
    # passages stored and searchable by their words, vectors still being computed
    vectors_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    chunks: Mapped[list[KnowledgeChunk]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="KnowledgeChunk.position")

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.allowed_roles.split(",") if r]

    @property
    def direction_list(self) -> list[str]:
        return [d for d in self.allowed_directions.split(",") if d]


class KnowledgeChunk(Base):
    """One citable passage: an article of a code, or a section of a note."""

    __tablename__ = "knowledge_chunks"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(80), index=True)
    is_article: Mapped[bool] = mapped_column(Boolean, default=True)
    section: Mapped[str] = mapped_column(Text, default="")
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    document: Mapped[KnowledgeDocument] = relationship(back_populates="chunks")


class LocalTerm(Base):
    """A word of the collectivité's own jargon and the code's wording the search should add.

    "Prime de fin d'année" -> "avantages collectivement acquis complément de
    rémunération": every collectivité has its acronyms and habits that no
    shipped glossary can know. `key` is the folded term (unique), what questions
    are matched on.
    """

    __tablename__ = "knowledge_local_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(80), unique=True)
    wording: Mapped[str] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
