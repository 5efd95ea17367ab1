"""Knowledge base tables: documents (with who may read them) and their chunks (with vectors)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base

PUBLIC = "public"
RESTRICTED = "restreint"
# a shared workspace's document: searched only through its workspace (collectivia.workspaces),
# which checks membership itself; never through the base, not even by the HR service
WORKSPACE = "espace"


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
    # a version of a legal article (Légifrance): its own id, and when it was in force
    # (until is exclusive; none while in force); empty for a note of the collectivité
    legal_id: Mapped[str] = mapped_column(String(40), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="")

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


class LegalSource(Base):
    """A text the base keeps up to date from Légifrance: the code, or a décret HR follows.

    `legal_id` is Légifrance's identifier (LEGITEXT… for a code, the JORFTEXT…
    chronical id for a décret); `document_id` the knowledge document holding its
    articles once imported; `followed` whether `collectivia knowledge update`
    fetches it. `version_date` is the consolidation last imported.
    """

    __tablename__ = "knowledge_legal_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_id: Mapped[str] = mapped_column(String(40), unique=True)
    nor: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(500))
    short_title: Mapped[str] = mapped_column(String(120), default="")
    nature: Mapped[str] = mapped_column(String(20), default="DECRET")
    subject: Mapped[str] = mapped_column(String(300), default="")
    followed: Mapped[bool] = mapped_column(Boolean, default=True)
    listed: Mapped[bool] = mapped_column(Boolean, default=False)    # from the shipped list
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("knowledge_documents.id", ondelete="SET NULL"), nullable=True)
    channel: Mapped[str] = mapped_column(String(10), default="")     # livré, legi, piste
    version_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    document: Mapped[KnowledgeDocument | None] = relationship()
    updates: Mapped[list[LegalUpdate]] = relationship(
        back_populates="source", cascade="all, delete-orphan", passive_deletes=True,
        order_by="LegalUpdate.id.desc()")


class LegalUpdate(Base):
    """One import of a source: when, from which channel, and which articles changed.

    `changes` is JSON: [{"ref", "change" (ajouté/modifié/abrogé), "effective" (ISO date),
    "old_chunk_id", "new_chunk_id"}], what the HR page lists and FAQ reviews point to.
    """

    __tablename__ = "knowledge_legal_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_legal_sources.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    version_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    ran_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    added: Mapped[int] = mapped_column(Integer, default=0)
    modified: Mapped[int] = mapped_column(Integer, default=0)
    repealed: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[str] = mapped_column(Text, default="[]")

    source: Mapped[LegalSource] = relationship(back_populates="updates")


class KnowledgeIndexChange(Base):
    """One passage added, removed or given its vector: the log every process's index follows.

    Written by database triggers on `knowledge_chunks` (migration knowledge_0004),
    never by the code: no path that adds or removes a passage can forget it. Its
    highest id is the version of the content (knowledge.live_index).
    """

    __tablename__ = "knowledge_index_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    chunk_id: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(10))     # ajout, retrait, vecteur, texte
