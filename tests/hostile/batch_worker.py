"""A CV batch run in its own process, so that a test can kill it half-way: `batch_worker.py URL VAR N`."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from collectivia.core.db import Database
from collectivia.core.models import User
from collectivia.recruitment import candidates
from collectivia.recruitment.models import Posting
from collectivia.settings import Settings

CV = ("CURRICULUM VITAE\nCandidat numéro {i}\nExpérience : gestionnaire paie pendant {years} ans "
      "en collectivité territoriale.\nFormation : licence professionnelle GRH (2015).\n")


def batch(count: int) -> list[tuple[str, bytes]]:
    return [(f"cv-{i:03d}.txt", CV.format(i=i, years=2 + i % 7).encode()) for i in range(count)]


def main(url: str, var_dir: str, count: int) -> None:
    database = Database(url)
    settings = Settings(var_dir=Path(var_dir), secret_key="test-secret-key-" + "x" * 32)
    with database.session() as session:
        user = session.execute(select(User).where(User.login == "recruteur")).scalar_one()
        posting = session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")
                                  ).scalar_one()
        report = candidates.upload(session, user, settings, posting.id, batch(count))
    print(report.summary(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
