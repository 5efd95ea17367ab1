"""An import is a draft HR reviews and publishes; everyone else keeps the published map meanwhile."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from collectivia.core.roles import Role
from collectivia.workforce.models import StaffImport, TitleDecision
from support import after_jobs, csrf_of, text_of

DATA = Path(__file__).parent / "data"


def import_as_hr(client, database, filename: str) -> None:
    token = csrf_of(client, "/cartographie/import")
    content = (DATA / "effectifs_admiville.csv").read_bytes()
    preview_url = client.post("/cartographie/import", data={"csrf_token": token},
                              files={"fichier": (filename, content, "text/csv")},
                              follow_redirects=False).headers["location"]
    page = client.get(preview_url)
    form = {"csrf_token": csrf_of(client, preview_url), "action": "importer", "mode": "fuzzy"}
    for name, body in re.findall(r'<select id="col-(\w+)" name="\w+">(.*?)</select>', page.text, re.S):
        chosen = re.search(r'<option value="(\d+)" selected>', body)
        form[name] = chosen.group(1) if chosen else ""
    queued = client.post(preview_url, data=form, follow_redirects=False)
    assert queued.status_code == 303
    assert "Terminé" in text_of(after_jobs(client, queued, database))


def test_others_see_the_published_map_until_hr_publishes_the_new_import(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    import_as_hr(client, demo_database, "effectifs_2027.csv")
    hr_page = text_of(client.get("/cartographie"))
    assert "effectifs_2027.csv" in hr_page and "Brouillon" in hr_page
    with demo_database.session() as s:
        draft = s.execute(select(StaffImport).order_by(StaffImport.id.desc())).scalars().first()
        draft_id = draft.id

    login(client, Role.REPRESENTANT_PERSONNEL)
    page = text_of(client.get("/cartographie"))
    assert "effectifs_admiville.csv" in page and "effectifs_2027.csv" not in page
    assert client.get(f"/cartographie?import_id={draft_id}").status_code == 404

    login(client, Role.GESTIONNAIRE_RH)
    token = csrf_of(client, "/cartographie")
    assert client.post(f"/cartographie/imports/{draft_id}/publier",
                       data={"csrf_token": token}).status_code == 200

    login(client, Role.REPRESENTANT_PERSONNEL)
    page = text_of(client.get("/cartographie"))
    assert "effectifs_2027.csv" in page and "Brouillon" not in page
    # the previous map is still there, chosen by its publication date
    assert "Cartographies publiées" in page and "effectifs_admiville.csv" in page
    with demo_database.session() as s:
        first = s.execute(select(StaffImport).order_by(StaffImport.id)).scalars().first()
    assert "effectifs_admiville.csv" in text_of(client.get(f"/cartographie?import_id={first.id}"))


def test_one_click_confirms_a_proposal_on_the_review_screen(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    page = client.get("/cartographie/revue").text
    button = re.search(r'name="confirmer" value="(\d+)\|inet:([^"]+)"', page)
    assert button is not None
    row, metier = button.group(1), button.group(2).replace("&#39;", "'")
    titles = dict(re.findall(r'name="titre_(\d+)" value="([^"]+)"', page))
    form = {"csrf_token": csrf_of(client, "/cartographie/revue"), "confirmer": f"{row}|inet:{metier}",
            **{f"titre_{i}": t for i, t in titles.items()}}
    assert client.post("/cartographie/revue", data=form).status_code == 200
    with demo_database.session() as s:
        decision = s.execute(select(TitleDecision)).scalars().one()
    assert decision.metier_inet == metier
