"""Tables of the workforce map: imports of the staff table, their rows, and what HR taught the tool.

A `StaffImport` is one upload of the tableau des effectifs — a draft only HR
sees until HR publishes it; its `StaffRow`s
hold only what the map needs (no surname, no first name). `ColumnAlias`
remembers the collectivité's own column headers, and `TitleDecision` HR's
review of a job title, so the next import is matched the same way.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base


class StaffImport(Base):
    __tablename__ = "workforce_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    file_kind: Mapped[str] = mapped_column(String(10))
    row_count: Mapped[int] = mapped_column(Integer)
    matching_mode: Mapped[str] = mapped_column(String(10), default="fuzzy")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # a draft until HR publishes it: until then every other role sees the last published map
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    published_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    rows: Mapped[list[StaffRow]] = relationship(back_populates="staff_import",
                                                cascade="all, delete-orphan",
                                                passive_deletes=True, order_by="StaffRow.line")


class StaffRow(Base):
    """One agent of an imported staff table."""

    __tablename__ = "workforce_staff_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("workforce_imports.id", ondelete="CASCADE"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    matricule: Mapped[str] = mapped_column(String(64))
    metier: Mapped[str] = mapped_column(String(300), default="")
    direction: Mapped[str] = mapped_column(String(200), default="")
    service: Mapped[str] = mapped_column(String(200), default="")
    filiere: Mapped[str] = mapped_column(String(100), default="")
    categorie: Mapped[str] = mapped_column(String(40), default="")
    cadre_emplois: Mapped[str] = mapped_column(String(200), default="")
    grade: Mapped[str] = mapped_column(String(200), default="")
    statut: Mapped[str] = mapped_column(String(60), default="")
    sexe: Mapped[str] = mapped_column(String(20), default="")
    temps_travail: Mapped[float | None] = mapped_column(Float, nullable=True)
    date_naissance: Mapped[date | None] = mapped_column(Date, nullable=True)

    staff_import: Mapped[StaffImport] = relationship(back_populates="rows")


class ColumnAlias(Base):
    """A header of the collectivité's export (normalised) and the field it holds."""

    __tablename__ = "workforce_column_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    header_key: Mapped[str] = mapped_column(String(200), unique=True)
    field: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class TitleDecision(Base):
    """HR's decision for a typed job title: an INET title, an ISCO-08 code, or none."""

    __tablename__ = "workforce_title_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_key: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    metier_inet: Mapped[str | None] = mapped_column(String(300), nullable=True)
    isco08: Mapped[str | None] = mapped_column(String(4), nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
