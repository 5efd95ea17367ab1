"""Recruitment tables: postings and their offer versions, candidates and their documents,
screenings, corrections, decisions.

The screening (an AI output) and the decisions (human acts) live in separate
tables: a screening never changes a candidate's stage; only a `Decision`,
signed by a named user with a justification, does — and it keeps, beside the
person's reasons, what the tool had proposed, so both can be read side by side.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collectivia.core import clock
from collectivia.core.db import Base

STAGES = ("reçue", "pré-sélection", "entretien", "retenu", "non retenu")
DECISION_STAGES = STAGES[1:]
POSTING_STATUSES = ("brouillon", "publiée", "clôturée")


class Posting(Base):
    """A fiche de poste and the offre d'emploi drawn from it."""

    __tablename__ = "recruitment_postings"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    intitule: Mapped[str] = mapped_column(String(200))
    direction: Mapped[str] = mapped_column(String(200), default="")
    cadre_emplois: Mapped[str] = mapped_column(String(200), default="")
    categorie: Mapped[str] = mapped_column(String(10), default="")
    filiere: Mapped[str] = mapped_column(String(80), default="")
    grade_min: Mapped[str] = mapped_column(String(120), default="")
    grade_max: Mapped[str] = mapped_column(String(120), default="")
    temps_travail: Mapped[str] = mapped_column(String(200), default="Temps complet")
    missions: Mapped[str] = mapped_column(Text, default="")            # one per line
    required_json: Mapped[str] = mapped_column(Text, default="[]")     # must-have criteria
    optional_json: Mapped[str] = mapped_column(Text, default="[]")     # nice-to-have criteria
    definitions_json: Mapped[str] = mapped_column(Text, default="{}")  # criterion -> decision rule
    open_to_contract: Mapped[bool] = mapped_column(default=True)
    contract_basis: Mapped[str] = mapped_column(String(40), default="L332-14")
    remuneration: Mapped[str] = mapped_column(Text, default="")
    date_publication: Mapped[date | None] = mapped_column(Date, nullable=True)
    date_limite: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="brouillon")
    offer_text: Mapped[str] = mapped_column(Text, default="")
    offer_origin: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # candidatures erased on request or purged at the end of the retention period (a count only)
    candidates_removed: Mapped[int] = mapped_column(Integer, default=0)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    candidates: Mapped[list[Candidate]] = relationship(back_populates="posting",
                                                       order_by="Candidate.id")
    offer_versions: Mapped[list[OfferVersion]] = relationship(order_by="OfferVersion.number")

    @property
    def required(self) -> list[str]:
        return json.loads(self.required_json)

    @property
    def optional(self) -> list[str]:
        return json.loads(self.optional_json)

    @property
    def definitions(self) -> dict[str, str]:
        return json.loads(self.definitions_json)

    @property
    def mission_list(self) -> list[str]:
        return [m.strip() for m in self.missions.splitlines() if m.strip()]


class OfferVersion(Base):
    """One text of the offre d'emploi, as drafted or as edited by a person; never overwritten."""

    __tablename__ = "recruitment_offer_versions"
    __table_args__ = (UniqueConstraint("posting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("recruitment_postings.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(120))
    edited_by_person: Mapped[bool] = mapped_column(default=False)
    author_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class Candidate(Base):
    """One application to a posting. `label` is what the jury sees, never the name."""

    __tablename__ = "recruitment_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("recruitment_postings.id"), index=True)
    label: Mapped[str] = mapped_column(String(60))
    source_filename: Mapped[str] = mapped_column(String(255), default="")
    cv_text: Mapped[str] = mapped_column(Text, default="")
    anonymous_text: Mapped[str] = mapped_column(Text, default="")      # privacy engine output
    anonymous_status: Mapped[str] = mapped_column(String(200), default="")
    letter_text: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(20), default="reçue")
    stage_changed_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    # self-declared, optional, only for the bias audit; never read by the screening or the jury
    equality_sex: Mapped[str] = mapped_column(String(1), default="")
    equality_age_band: Mapped[str] = mapped_column(String(20), default="")
    notice_sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    posting: Mapped[Posting] = relationship(back_populates="candidates")
    documents: Mapped[list[CandidateDocument]] = relationship(order_by="CandidateDocument.id")
    screenings: Mapped[list[Screening]] = relationship(order_by="Screening.id")
    corrections: Mapped[list[Correction]] = relationship(order_by="Correction.id")
    decisions: Mapped[list[Decision]] = relationship(order_by="Decision.id")

    @property
    def latest_screening(self) -> Screening | None:
        return self.screenings[-1] if self.screenings else None


class CandidateDocument(Base):
    """An uploaded original (CV or letter), kept in the file store under its SHA-256."""

    __tablename__ = "recruitment_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("recruitment_candidates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="cv")        # cv | lettre
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=1)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class Screening(Base):
    """One run of the screening aid on a candidate: an AI proposal, never a decision."""

    __tablename__ = "recruitment_screenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("recruitment_candidates.id"), index=True)
    method: Mapped[str] = mapped_column(String(120), default="règles (sans modèle)")
    group: Mapped[str] = mapped_column(String(1))
    results_json: Mapped[str] = mapped_column(Text, default="[]")
    optional_json: Mapped[str] = mapped_column(Text, default="[]")
    date_issues_json: Mapped[str] = mapped_column(Text, default="[]")
    questions_json: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    @property
    def results(self) -> list[dict]:
        return json.loads(self.results_json)

    @property
    def optional(self) -> list[dict]:
        return json.loads(self.optional_json)

    @property
    def date_issues(self) -> list[str]:
        return json.loads(self.date_issues_json)

    @property
    def questions(self) -> list[str]:
        return json.loads(self.questions_json)


class Correction(Base):
    """A recruiter's correction of one AI result, with the reason."""

    __tablename__ = "recruitment_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("recruitment_candidates.id"), index=True)
    criterion: Mapped[str] = mapped_column(Text)
    previous_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class Decision(Base):
    """A named person moves a candidate to a stage, with a mandatory justification.

    `criteria_json` lists the posting's criteria the person relied on (at least one
    for a refusal); `tool_proposal_json` is a copy of what the screening proposed at
    that moment (group, criteria met), kept for the record, never used to decide.
    """

    __tablename__ = "recruitment_decisions"
    # a form sent twice (double click, two tabs) computes the same number: the database keeps one
    __table_args__ = (Index("uq_recruitment_decisions_candidate_number", "candidate_id", "number",
                            unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("recruitment_candidates.id"), index=True)
    number: Mapped[int] = mapped_column(Integer, default=0)    # 1, 2, ... for each candidate
    from_stage: Mapped[str] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    justification: Mapped[str] = mapped_column(Text)
    criteria_json: Mapped[str] = mapped_column(Text, default="[]")
    tool_proposal_json: Mapped[str] = mapped_column(Text, default="{}")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    @property
    def criteria(self) -> list[str]:
        return json.loads(self.criteria_json)

    @property
    def tool_proposal(self) -> dict:
        return json.loads(self.tool_proposal_json)
