"""Every hostile file of the corpus, sent to every upload route, is refused in French, quickly.

Issue 17: a one-page PDF of drawing operators froze /healthz for 38 s, a
1.5 KB workbook took 2.8 GB, a gzip bomb ran 67 s. Now each file is read in
the sandbox's child process after the cheap checks; here each must come back
as a French refusal (never a 500, never English) within a generous time
bound, and the web process must not grow by more than a bounded amount.
"""

from __future__ import annotations

import resource
import time

import pytest
from sqlalchemy import select

from collectivia.core.roles import Role
from collectivia.recruitment.models import Candidate, Posting
from corpus import CORPUS
from support import after_jobs, csrf_of, text_of

SECONDS_PER_FILE = 10.0         # the cheap checks answer in well under a second
WEB_PROCESS_GROWTH = 200_000_000  # bytes one file may add to the web process's peak RSS
                                  # (the request body and its copies: 19 MB at most here)
FRENCH = ("refus", "illisible", "limite", "trop", "n'est pas", "pris en charge", "dépasse",
          "endommag", "piégée", "aucun", "vide", "binaire", "ne contient", "fichier", "format")


def _posting(session) -> Posting:
    return session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")).scalar_one()


def _routes(database) -> list[tuple[str, Role, str, str, str, dict]]:
    """(label, role, page with the form, action, file field, other fields) of every upload form."""
    with database.session() as session:
        posting = _posting(session)
        candidate = session.execute(select(Candidate).where(Candidate.posting_id == posting.id)
                                    .limit(1)).scalar_one()
        posting_id, candidate_id = posting.id, candidate.id
    offer = f"/recrutement/offres/{posting_id}"
    return [
        ("CV", Role.RECRUTEUR, offer, f"{offer}/candidatures", "fichiers", {}),
        ("lettre", Role.RECRUTEUR, f"/recrutement/candidatures/{candidate_id}",
         f"/recrutement/candidatures/{candidate_id}/lettre", "fichier", {}),
        ("effectifs", Role.GESTIONNAIRE_RH, "/cartographie/import", "/cartographie/import",
         "fichier", {}),
        ("journal", Role.REFERENT_IA, "/gouvernance/ia-fantome", "/gouvernance/ia-fantome",
         "fichier", {}),
        ("document RH", Role.GESTIONNAIRE_RH, "/questions-rh/documents", "/questions-rh/documents",
         "fichier", {"titre": "Note de service", "diffusion": "public"}),
        ("pièce jointe", Role.AGENT, "/assistant", "/assistant", "piece_jointe",
         {"message": "Résume ce document."}),
    ]


@pytest.fixture(scope="module")
def corpus() -> dict[str, bytes]:
    return {name: make() for name, make in CORPUS.items()}


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def test_every_hostile_file_is_refused_in_french_on_every_upload_route(
        client, login, demo_database, corpus):
    routes = _routes(demo_database)
    for label, role, page, action, field, fields in routes:
        client.cookies.clear()
        login(client, role)
        token = csrf_of(client, page)
        for name, data in corpus.items():
            before, started = _peak_rss(), time.monotonic()
            response = client.post(action, data={"csrf_token": token, **fields},
                                   files={field: (name, data, "application/octet-stream")},
                                   follow_redirects=True)
            elapsed, grown = time.monotonic() - started, _peak_rss() - before
            if "/taches/" in str(response.url):       # a CV batch: its job says why
                response = after_jobs(client, response, demo_database)
            page_text = text_of(response)
            where = f"{name} sent as {label}"
            assert response.status_code < 500, where
            assert "Internal Server Error" not in page_text, where
            assert any(word in page_text.lower() for word in FRENCH), where + " :: " + page_text[-600:]
            assert elapsed < SECONDS_PER_FILE, f"{where} took {elapsed:.1f} s"
            assert grown < WEB_PROCESS_GROWTH, f"{where} grew the web process by {grown:,} bytes"


@pytest.mark.parametrize("name, route, expected", [
    ("ligne-40-millions.xlsx", "effectifs", "ligne n° 40 000 000"),
    ("colonne-zzz.xlsx", "effectifs", "colonne n° 18 278"),
    ("fusions.xlsx", "effectifs", "C1:ZZZ1000000"),
    ("million-colonnes.csv", "effectifs", "caractères"),
    ("une-ligne-19mo.csv", "effectifs", "19 000 017 caractères"),
    ("journal-bombe.csv.gz", "journal", "Rien n'a été importé"),
    ("lot-bombe.zip", "CV", "archive piégée"),
    ("operateurs.pdf", "CV", "opérations de dessin"),
    ("operateurs.pdf", "document RH", "opérations de dessin"),
])
def test_each_refusal_says_why(client, login, demo_database, corpus, name, route, expected):
    _label, role, page, action, field, fields = next(r for r in _routes(demo_database)
                                                    if r[0] == route)
    login(client, role)
    response = client.post(action, data={"csrf_token": csrf_of(client, page), **fields},
                           files={field: (name, corpus[name], "application/octet-stream")},
                           follow_redirects=True)
    if "/taches/" in str(response.url):               # a CV batch: its job says why
        response = after_jobs(client, response, demo_database)
    assert expected in text_of(response)


def test_nothing_of_a_refused_file_is_kept(client, login, demo_database, corpus, settings):
    login(client, Role.GESTIONNAIRE_RH)
    token = csrf_of(client, "/cartographie/import")
    for name in ("colonne-zzz.xlsx", "fusions.xlsx", "million-colonnes.csv"):
        client.post("/cartographie/import", data={"csrf_token": token},
                    files={"fichier": (name, corpus[name])})
    drafts = settings.var_dir / "workforce" / "brouillons"
    assert not drafts.exists() or not any(drafts.iterdir())
