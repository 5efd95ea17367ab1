"""Demo data: Admiville's staff table (110 agents), imported once by the HR officer."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.roles import Role
from collectivia.workforce.models import StaffImport, StaffRow
from collectivia.workforce.reference import DATA_DIR
from collectivia.workforce.tableau import build_records, guess_mapping, read_table

DEMO_FILE = DATA_DIR / "effectifs_admiville.csv"
_FIELDS = ("line", "matricule", "metier", "direction", "service", "filiere", "categorie",
           "cadre_emplois", "grade", "statut", "sexe", "temps_travail", "date_naissance")


def load(session: Session, context) -> None:
    if session.execute(select(func.count()).select_from(StaffImport)).scalar_one():
        return
    table = read_table(DEMO_FILE.read_bytes(), DEMO_FILE.name)
    records, report = build_records(table, guess_mapping(table.headers))
    hr = context.users.get(Role.GESTIONNAIRE_RH)
    staff_import = StaffImport(filename=DEMO_FILE.name, file_kind="csv", row_count=len(records),
                               matching_mode="fuzzy", created_at=clock.now(),
                               created_by_id=hr.id if hr else None)
    session.add(staff_import)
    session.flush()
    session.execute(insert(StaffRow), [{"import_id": staff_import.id,
                                        **{f: getattr(r, f) for f in _FIELDS}} for r in records])
    context.summary.append(f"Cartographie des métiers : tableau des effectifs d'Admiville importé "
                           f"({len(records)} agents) — /cartographie")
