"""Workforce services: importing a staff table, reviewing titles, reading the current analysis.

Rights: only the HR officer (gestionnaire_rh) handles staff-level data —
imports, title review, staff rows. The AI referent, the staff
representatives and the administrator read aggregates (see `results`).
An upload is first kept as a private draft file so that the column mapping
and the validation report are shown before anything enters the database;
the import itself is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.settings import Settings
from collectivia.workforce import drafts
from collectivia.workforce.analysis import Analysis, Decision
from collectivia.workforce.matching import MatchMode, normalise
from collectivia.workforce.models import ColumnAlias, StaffImport, StaffRow, TitleDecision
from collectivia.workforce.reference import inet_by_title, is_isco_code
from collectivia.workforce.tableau import (
    FIELDS, NOT_KEPT, RawTable, StaffRecord, ValidationReport, build_records, guess_mapping,
    header_key)

HR = (Role.GESTIONNAIRE_RH,)
READERS = (Role.GESTIONNAIRE_RH, Role.REFERENT_IA, Role.REPRESENTANT_PERSONNEL, Role.ADMIN)
_RECORD_FIELDS = ("line", "matricule", "metier", "direction", "service", "filiere", "categorie",
                  "cadre_emplois", "grade", "statut", "sexe", "temps_travail", "date_naissance")


# --- drafts: the uploaded file's cells, kept privately until HR confirms (see `drafts`) -----

def stage_upload(settings: Settings, user: User, data: bytes, filename: str) -> str:
    """Read the file once (in the sandbox), keep its cells as a private draft, return its token."""
    ensure_role(user, *HR, action="importer le tableau des effectifs")
    return drafts.stage(settings, user, data, filename)


def _load_draft(settings: Settings, user: User, token: str) -> tuple[RawTable, str]:
    return drafts.load(settings, user, token)


def discard_draft(settings: Settings, user: User, token: str) -> None:
    drafts.discard(settings, user, token)


# --- preview and import ------------------------------------------------------------------

@dataclass
class Preview:
    """What HR sees before confirming: the columns, their mapping, the report, a match summary."""

    token: str
    filename: str
    table: RawTable
    mapping: dict[str, int]
    records: list[StaffRecord]
    report: ValidationReport
    analysis: Analysis | None

    @property
    def match_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        if self.analysis:
            for agent in self.analysis.agents:
                method = agent.assignment.method
                counts[method] = counts.get(method, 0) + 1
        return counts


def remembered_headers(session: Session) -> dict[str, str]:
    return dict(session.execute(select(ColumnAlias.header_key, ColumnAlias.field)).all())


def parse_mapping(form: dict[str, str], column_count: int) -> dict[str, int]:
    """field -> column index from the mapping form (values are column numbers, '' = none)."""
    mapping: dict[str, int] = {}
    for name in (*FIELDS, *NOT_KEPT):
        value = (form.get(name) or "").strip()
        if not value:
            continue
        if not value.isdigit() or not 0 <= int(value) < column_count:
            raise InvalidInput(f"La colonne choisie pour « {FIELDS.get(name, (name,))[0]} » "
                               "n'existe pas dans le fichier.")
        mapping[name] = int(value)
    taken: dict[int, str] = {}
    for name, index in mapping.items():
        if index in taken:
            raise InvalidInput("Une même colonne ne peut pas servir à deux champs "
                               f"(« {taken[index]} » et « {name} »).")
        taken[index] = name
    return mapping


def mapping_of(session: Session, table: RawTable, form: dict[str, str] | None) -> dict[str, int]:
    """The mapping HR chose in the form, else the one guessed from the remembered headers."""
    if form:
        return parse_mapping(form, len(table.headers))
    return guess_mapping(table.headers, remembered_headers(session))


def preview(session: Session, user: User, settings: Settings, token: str,
            form: dict[str, str] | None = None, mode: MatchMode = MatchMode.FUZZY,
            *, analyse: bool = True) -> Preview:
    ensure_role(user, *HR, action="importer le tableau des effectifs")
    table, filename = _load_draft(settings, user, token)
    mapping = mapping_of(session, table, form)
    records, report = build_records(table, mapping)
    analysis = Analysis(records, mode, decisions(session)) if report.ok and analyse else None
    return Preview(token, filename, table, mapping, records, report, analysis)


def import_table(session: Session, user: User, table: RawTable, mapping: dict[str, int],
                 mode: MatchMode) -> StaffImport:
    """Validate the mapped table and store it, its headers and its audit event, in the
    caller's transaction; a table with errors is refused whole (French reasons)."""
    ensure_role(user, *HR, action="importer le tableau des effectifs")
    records, report = build_records(table, mapping)
    if not report.ok:
        raise InvalidInput("L'import est impossible : " + " ".join(report.errors))
    staff_import = store_records(session, records, filename=table.filename, kind=table.kind,
                                 mode=mode, user=user)
    _remember_headers(session, table.headers, mapping)
    audit.record(session, "workforce.import", actor=user, object_type="staff_import",
                 object_id=staff_import.id,
                 details={"lignes": len(records), "format": table.kind, "mode": mode.value,
                          "avertissements": len(report.warnings)})
    return staff_import


def store_records(session: Session, records: list[StaffRecord], *, filename: str, kind: str,
                  mode: MatchMode, user: User | None, published: bool = False) -> StaffImport:
    """Insert an import and its rows (bulk, in the caller's transaction); a draft unless `published`."""
    now = clock.now()
    staff_import = StaffImport(filename=filename[:255], file_kind=kind, row_count=len(records),
                               matching_mode=mode.value, created_at=now,
                               created_by_id=user.id if user else None,
                               published_at=now if published else None,
                               published_by_id=user.id if user and published else None)
    session.add(staff_import)
    session.flush()
    rows = [{"import_id": staff_import.id, **{f: getattr(r, f) for f in _RECORD_FIELDS}}
            for r in records]
    for start in range(0, len(rows), 5000):
        session.execute(insert(StaffRow), rows[start:start + 5000])
    return staff_import


def _remember_headers(session: Session, headers: list[str], mapping: dict[str, int]) -> None:
    known = {a.header_key: a for a in session.execute(select(ColumnAlias)).scalars()}
    for name, index in mapping.items():
        key = header_key(headers[index])
        if not key:
            continue
        alias = known.get(key)
        if alias is None:
            session.add(ColumnAlias(header_key=key, field=name, updated_at=clock.now()))
        elif alias.field != name:
            alias.field, alias.updated_at = name, clock.now()


# --- imports -----------------------------------------------------------------------------

def list_imports(session: Session, user: User) -> list[StaffImport]:
    ensure_role(user, *HR, action="voir les imports du tableau des effectifs")
    return list(session.execute(select(StaffImport).order_by(StaffImport.id.desc())).scalars())


def current_import(session: Session, user: User, import_id: int | None = None) -> StaffImport | None:
    """The import the results are read from: the one asked for, else the latest one this user sees.

    HR sees its latest import, draft or not, to review it before publishing;
    every other role sees the latest *published* map, and only published ones.
    """
    ensure_role(user, *READERS, action="consulter la cartographie des métiers")
    sees_drafts = user.role == Role.GESTIONNAIRE_RH
    if import_id is not None:
        found = session.get(StaffImport, import_id)
        if found is None or (found.published_at is None and not sees_drafts):
            raise NotFound("Cet import du tableau des effectifs n'existe pas.")
        return found
    query = select(StaffImport)
    if not sees_drafts:
        query = query.where(StaffImport.published_at.is_not(None))
        query = query.order_by(StaffImport.published_at.desc(), StaffImport.id.desc())
    else:
        query = query.order_by(StaffImport.id.desc())
    return session.execute(query.limit(1)).scalar_one_or_none()


def published_imports(session: Session, user: User) -> list[StaffImport]:
    """The published maps, newest first: previous maps stay browsable by date."""
    ensure_role(user, *READERS, action="consulter la cartographie des métiers")
    return list(session.execute(select(StaffImport).where(StaffImport.published_at.is_not(None))
                                .order_by(StaffImport.published_at.desc(), StaffImport.id.desc())
                                ).scalars())


def publish_import(session: Session, user: User, import_id: int) -> bool:
    """Make a reviewed import the map every role sees; False if it already was published."""
    ensure_role(user, *HR, action="publier la cartographie des métiers")
    found = session.get(StaffImport, import_id)
    if found is None:
        raise NotFound("Cet import du tableau des effectifs n'existe pas.")
    if found.published_at is not None:
        return False
    found.published_at, found.published_by_id = clock.now(), user.id
    audit.record(session, "workforce.publication", actor=user, object_type="staff_import",
                 object_id=import_id, details={"lignes": found.row_count})
    return True


def delete_import(session: Session, user: User, import_id: int) -> None:
    ensure_role(user, *HR, action="supprimer un import")
    found = session.get(StaffImport, import_id)
    if found is None:
        raise NotFound("Cet import du tableau des effectifs n'existe pas.")
    session.execute(delete(StaffRow).where(StaffRow.import_id == import_id))
    session.delete(found)
    audit.record(session, "workforce.import.suppression", actor=user,
                 object_type="staff_import", object_id=import_id,
                 details={"lignes": found.row_count})


def staff_records(session: Session, staff_import: StaffImport) -> list[StaffRecord]:
    columns = [getattr(StaffRow, f) for f in _RECORD_FIELDS]
    rows = session.execute(select(*columns).where(StaffRow.import_id == staff_import.id)
                           .order_by(StaffRow.line)).all()
    return [StaffRecord(**dict(zip(_RECORD_FIELDS, row, strict=True))) for row in rows]


def analysis_of(session: Session, user: User, staff_import: StaffImport) -> Analysis:
    ensure_role(user, *READERS, action="consulter la cartographie des métiers")
    return Analysis(staff_records(session, staff_import), MatchMode(staff_import.matching_mode),
                    decisions(session))


# --- title review ----------------------------------------------------------------------

def decisions(session: Session) -> dict[str, Decision]:
    rows = session.execute(select(TitleDecision)).scalars()
    return {d.title_key: Decision(d.metier_inet, d.isco08) for d in rows}


def decide_title(session: Session, user: User, title: str, choice: str) -> bool:
    """Record HR's choice for a typed title; returns False when there was nothing to change.

    `choice` is "inet:<INET title>", "isco:<4-digit code>", "aucun" (out of the
    referential) or "auto" (forget a previous decision).
    """
    ensure_role(user, *HR, action="valider le rapprochement des métiers")
    key = normalise(title)
    if not key:
        raise InvalidInput("L'intitulé à rapprocher est vide.")
    metier, isco = _parse_choice(choice, title)
    existing = session.execute(select(TitleDecision).where(TitleDecision.title_key == key)
                               ).scalar_one_or_none()
    if choice == "auto":
        if existing is None:
            return False
        session.delete(existing)
    elif existing is None:
        session.add(TitleDecision(title_key=key, title=title[:300], metier_inet=metier,
                                  isco08=isco, decided_by_id=user.id, decided_at=clock.now()))
    elif (existing.metier_inet, existing.isco08) == (metier, isco):
        return False
    else:
        existing.metier_inet, existing.isco08 = metier, isco
        existing.decided_by_id, existing.decided_at = user.id, clock.now()
    audit.record(session, "workforce.rapprochement", actor=user, object_type="intitule",
                 object_id=key[:120],
                 details={"choix": "isco" if isco and not metier else
                          "inet" if metier else choice})
    return True


def _parse_choice(choice: str, title: str) -> tuple[str | None, str | None]:
    choice = (choice or "").strip()
    if choice in ("aucun", "auto"):
        return None, None
    if choice.startswith("inet:"):
        metier = choice[5:]
        job = inet_by_title().get(metier)
        if job is None:
            raise InvalidInput(f"« {metier} » n'est pas un métier du référentiel INET.")
        return job.metier, job.isco08
    if choice.startswith("isco:"):
        code = choice[5:].strip()
        if not is_isco_code(code):
            raise InvalidInput(f"Code ISCO-08 inconnu pour « {title} » : « {code} ». Saisissez un "
                               "code à 4 chiffres de la nomenclature (ex. 4110).")
        return None, code
    raise InvalidInput(f"Choix de rapprochement non reconnu pour « {title} ».")


def audit_export(session: Session, user: User, staff_import: StaffImport, kind: str,
                 with_agents: bool) -> None:
    audit.record(session, "workforce.export", actor=user, object_type="staff_import",
                 object_id=staff_import.id, details={"format": kind, "lignes_agents": with_agents})
