"""The /cartographie pages as each role uses them: import, review, results, privacy, exports."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from sqlalchemy import func, select

from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.workforce.models import StaffImport, StaffRow, TitleDecision
from support import after_jobs, csrf_of, text_of

DATA = Path(__file__).parent / "data"


def upload(client, content: bytes, filename: str):
    token = csrf_of(client, "/cartographie/import")
    return client.post("/cartographie/import", data={"csrf_token": token},
                       files={"fichier": (filename, content, "application/octet-stream")},
                       follow_redirects=False)


def mapping_of(html: str) -> dict[str, str]:
    """The selected column of each field in the preview form, as the browser would send it."""
    form = {}
    for name, body in re.findall(r'<select id="col-(\w+)" name="\w+">(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="(\d+)" selected>', body)
        form[name] = chosen.group(1) if chosen else ""
    return form


def test_hr_sees_the_demo_map_with_every_breakdown_and_the_warning(client, login):
    login(client, Role.GESTIONNAIRE_RH)
    page = text_of(client.get("/cartographie"))
    assert "Avertissement méthodologique" in page and "pas une prévision" in page
    assert "110" in page
    for label in ("Par direction", "Par filière", "Par catégorie", "Par sexe", "Par service",
                  "Par cadre d'emplois", "Par statut", "Par tranche d'âge"):
        assert label in page
    assert page.count('role="img"') == 3       # stacked bars: direction, filière, catégorie
    assert "Secrétaire des élus" in page        # unmatched titles are listed, never dropped
    assert "Police municipale" in page          # 6 agents: shown to HR as is


def test_exposure_source_can_be_switched(client, login):
    login(client, Role.REFERENT_IA)
    assert "Très concernés" in text_of(client.get("/cartographie?source=oit2023"))
    assert "Exposé — gradient 4" in text_of(client.get("/cartographie?source=oit2025"))
    assert client.get("/cartographie?source=n-importe").status_code == 422


def test_other_roles_never_see_a_group_of_fewer_than_five_agents(client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    page = text_of(client.get("/cartographie"))
    direction = page.split('id="titre-direction"')[1].split("</table>")[0]
    assert "Direction générale" not in direction   # 4 agents: merged
    assert "autres" in direction
    totals = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>\s*<td class="num">[\d,]+ %',
                                        direction)]
    assert totals and min(totals) >= 5
    assert "moins de 5" in page


def test_representatives_get_no_staff_rows_in_the_workbook_but_hr_does(client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    response = client.get("/cartographie/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert "Agents" not in book.sheetnames and "Par direction" in book.sheetnames
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/")})
    login(client, Role.GESTIONNAIRE_RH)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/cartographie/export.xlsx").content),
                                  read_only=True)
    rows = list(book["Agents"].iter_rows(values_only=True))
    assert len(rows) == 111 and rows[1][0] == "00101" and rows[1][14] == "1120"


def test_the_pdf_report_has_the_results_the_warning_and_the_methods(client, login):
    login(client, Role.REFERENT_IA)
    response = client.get("/cartographie/rapport.pdf?source=oit2023")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert 3 <= len(reader.pages) <= 20
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Avertissement méthodologique" in text
    assert "Reproduction de l" in text and "diffèrent" in text
    assert "Secrétaire des élus" in text
    html = text_of(client.get("/cartographie/rapport"))
    assert "autres" in html and "Direction générale</th>" not in html


def test_a_staff_table_is_imported_after_its_validation_report(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    content = (DATA / "effectifs_admiville.csv").read_bytes().decode("utf-8")
    content = content.replace("metier", "Intitulé du poste", 1).encode("cp1252", errors="replace")
    response = upload(client, content, "export.csv")
    assert response.status_code == 303
    preview_url = response.headers["location"]
    page = client.get(preview_url)
    text = text_of(page)
    assert "Rien n'est encore enregistré" in text and "Windows-1252" in text
    assert "110 agents" in text
    with demo_database.session() as s:
        before = s.execute(select(func.count()).select_from(StaffImport)).scalar_one()
    form = {"csrf_token": csrf_of(client, preview_url), "action": "importer", "mode": "fuzzy",
            **mapping_of(page.text)}
    queued = client.post(preview_url, data=form, follow_redirects=False)
    assert queued.status_code == 303 and queued.headers["location"].startswith("/taches/")
    done = text_of(after_jobs(client, queued, demo_database))
    assert "Terminé" in done and "importé comme brouillon : 110 agents" in done
    assert 'href="/cartographie/revue"' in done
    with demo_database.session() as s:
        assert s.execute(select(func.count()).select_from(StaffImport)).scalar_one() == before + 1
        latest = s.execute(select(StaffImport).order_by(StaffImport.id.desc())).scalars().first()
        assert s.execute(select(func.count()).select_from(StaffRow)
                         .where(StaffRow.import_id == latest.id)).scalar_one() == 110
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "workforce.import")
                         ).scalars().first() is not None
    # the header "Intitulé du poste" is now remembered for the next import
    again = client.get(upload(client, content, "export2.csv").headers["location"])
    assert mapping_of(again.text)["metier"] == "13"


def test_bad_files_get_a_clear_message_and_nothing_is_stored(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    cases = {
        b"": "Le fichier est vide",
        b"matricule|metier\n001|Jardinier\n": "Séparateur de colonnes non reconnu",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100: "Excel 97-2003",
    }
    for content, message in cases.items():
        response = upload(client, content, "effectifs.csv" if content[:1] != b"\xd0" else "e.xls")
        assert response.status_code == 422
        assert message in text_of(response)
    response = upload(client, b"matricule;metier;categorie\n1;Jardinier;B\n1;Cuisinier;Z\n", "d.csv")
    page = text_of(client.get(response.headers["location"]))
    assert "matricule en double" in page and "« Z »" in page
    token_url = response.headers["location"]
    refused = client.post(token_url, data={"csrf_token": csrf_of(client, token_url),
                                           "action": "importer", "matricule": "0", "metier": "1",
                                           "categorie": "2"})
    assert refused.status_code == 422 and "en double" in text_of(refused)
    with demo_database.session() as s:
        assert s.execute(select(func.count()).select_from(StaffImport)).scalar_one() == 1


def test_review_decisions_change_the_results_and_are_remembered(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    page = text_of(client.get("/cartographie/revue"))
    assert "Agent polyvalent des services techniques" in page
    titles = dict(re.findall(r'name="titre_(\d+)" value="([^"]+)"', client.get(
        "/cartographie/revue").text))
    index = {t: i for i, t in titles.items()}
    form = {"csrf_token": csrf_of(client, "/cartographie/revue"),
            **{f"titre_{i}": t for i, t in titles.items()}}
    form[f"choix_{index['Secrétaire des élus']}"] = "autre"
    form[f"metier_{index['Secrétaire des élus']}"] = "CNFPT - Assistant-e de direction"
    form[f"choix_{index['Chargé de mission vie associative']}"] = "isco"
    form[f"isco_{index['Chargé de mission vie associative']}"] = "2635"
    assert client.post("/cartographie/revue", data=form).status_code == 200
    results = text_of(client.get("/cartographie"))
    unmatched = results.split("Intitulés non rapprochés")[1]
    assert "Secrétaire des élus" not in unmatched
    with demo_database.session() as s:
        assert s.execute(select(func.count()).select_from(TitleDecision)).scalar_one() == 2
    bad = dict(form)
    bad[f"isco_{index['Chargé de mission vie associative']}"] = "9999"
    response = client.post("/cartographie/revue", data=bad)
    assert response.status_code == 422 and "Code ISCO-08 inconnu" in text_of(response)


def test_task_view_and_annex_reproduction(client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    tasks = text_of(client.get("/cartographie/metiers/4110"))
    assert "General Office Clerks" in tasks and "Exposé — gradient 4" in tasks
    assert client.get("/cartographie/metiers/0000").status_code == 404
    annex = text_of(client.get("/cartographie/annexe"))
    assert "209" in annex and "désaccord" in annex


def test_only_hr_handles_staff_level_pages(client, login):
    login(client, Role.REFERENT_IA)
    assert client.get("/cartographie/revue").status_code == 403
    assert client.get("/cartographie/import/abc").status_code == 403
    token = csrf_of(client, "/cartographie")
    assert client.post("/cartographie/imports/1/supprimer",
                       data={"csrf_token": token}).status_code == 403


def test_a_formula_typed_as_a_job_title_stays_text_in_the_workbook(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    content = b'matricule;metier\n1;=HYPERLINK("http://exemple.invalid")\n2;Jardinier\n'
    preview_url = upload(client, content, "piege.csv").headers["location"]
    page = client.get(preview_url)
    form = {"csrf_token": csrf_of(client, preview_url), "action": "importer", "mode": "fuzzy",
            **mapping_of(page.text)}
    queued = client.post(preview_url, data=form, follow_redirects=False)
    assert "Terminé" in text_of(after_jobs(client, queued, demo_database))
    book = openpyxl.load_workbook(io.BytesIO(client.get("/cartographie/export.xlsx").content))
    titles = [row[10] for row in book["Agents"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://exemple.invalid\")" in titles
