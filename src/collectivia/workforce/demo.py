"""Demo data: Admiville's staff table (110 agents), imported once by the HR officer."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core.roles import Role
from collectivia.workforce.matching import MatchMode
from collectivia.workforce.models import StaffImport
from collectivia.workforce.reference import DATA_DIR
from collectivia.workforce.service import store_records
from collectivia.workforce.tableau import build_records, guess_mapping, read_table

DEMO_FILE = DATA_DIR / "effectifs_admiville.csv"


def load(session: Session, context) -> None:
    if session.execute(select(func.count()).select_from(StaffImport)).scalar_one():
        return
    table = read_table(DEMO_FILE.read_bytes(), DEMO_FILE.name)
    records, _ = build_records(table, guess_mapping(table.headers))
    store_records(session, records, filename=DEMO_FILE.name, kind="csv", mode=MatchMode.FUZZY,
                  user=context.users.get(Role.GESTIONNAIRE_RH), published=True)
    context.summary.append(f"Cartographie des métiers : tableau des effectifs d'Admiville importé "
                           f"({len(records)} agents) — /cartographie")
