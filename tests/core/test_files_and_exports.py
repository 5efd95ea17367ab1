"""The file store keeps originals by content; exports open cleanly in Excel and stay inert."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from collectivia.core.errors import NotFound
from collectivia.core.exports import csv_text, xlsx_bytes
from collectivia.core.files import FileStore


def test_files_are_stored_once_by_content(settings):
    store = FileStore(settings)
    first = store.put(b"CV de candidat")
    assert store.put(b"CV de candidat") == first
    assert store.get(first) == b"CV de candidat"
    with pytest.raises(NotFound):
        store.get("../../etc/passwd")


def test_csv_is_semicolon_separated_with_bom_and_formulas_neutralised():
    text = csv_text(["nom", "valeur"], [["=HYPERLINK(\"http://x\")", 3], ["Dupont", None]])
    assert text.startswith("\ufeffnom;valeur")
    assert "'=HYPERLINK" in text


def test_xlsx_has_one_sheet_per_table():
    data = xlsx_bytes({"Agents": (["matricule"], [["00137"], ["+33"]]), "Synthèse": (["n"], [[2]])})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Agents", "Synthèse"]
    assert workbook["Agents"]["A2"].value == "00137"
    assert workbook["Agents"]["A3"].value == "'+33"


def test_formulas_are_neutralised_in_headers_too():
    """A criterion or column named by a user ends up as a header: it must stay inert."""
    text = csv_text(["=HYPERLINK(\"http://x\",\"clic\")", "@SUM(A1)", "nom"], [])
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert header == ["'=HYPERLINK(\"http://x\",\"clic\")", "'@SUM(A1)", "nom"]
    data = xlsx_bytes({"Comparaison": (["+cmd|' /C calc'!A0", "nom"], [["-2+3", "Dupont"]])})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Comparaison"]
    assert sheet["A1"].value == "'+cmd|' /C calc'!A0"
    assert sheet["A2"].value == "'-2+3"


def test_every_download_is_in_the_audit_log(client, login, demo_database):
    from sqlalchemy import select

    from collectivia.core.models import AuditEvent
    from collectivia.core.roles import Role

    login(client, Role.GESTIONNAIRE_RH)
    response = client.get("/questions-rh/tableau-de-bord/sans-reponse.csv")
    assert response.status_code == 200
    with demo_database.session() as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "export")
                          .order_by(AuditEvent.id.desc())).scalars().first()
    assert event.object_id == "questions-rh-sans-reponse.csv"
    assert event.actor.endswith("(rh)")
    assert '"lignes"' in event.details


def test_a_pasted_control_character_never_breaks_a_word_or_opendocument_export():
    """A vertical tab or a form feed pasted from Word (or written by a model) becomes a space."""
    import io
    import zipfile
    from datetime import datetime
    from types import SimpleNamespace

    import docx

    from collectivia.assistant.export import conversation_docx
    from collectivia.core.exports import xml_text
    from collectivia.governance.odt import odt_bytes

    assert xml_text("a\x0bb\x0cc\x00d\te\nf") == "a b c d\te\nf"
    odt = odt_bytes("Titre\x0b", [("p", "ligne\x0bcollée"), ("t", ["a\x0c"], [["b\x0b"]])])
    assert "ligne collée" in zipfile.ZipFile(io.BytesIO(odt)).read("content.xml").decode()
    now = datetime(2026, 12, 6, 10, 0)
    conversation = SimpleNamespace(title="Note\x0b", model="m")
    messages = [SimpleNamespace(role="user", content="Texte\x0bcollé", attachment_name="",
                                created_at=now, model=""),
                SimpleNamespace(role="assistant", content="Réponse\x0c**ok**", model="m",
                                attachment_name="", created_at=now)]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(
        conversation_docx(conversation, messages, "Admiville", now))).paragraphs)
    assert "Texte collé" in text and "Réponse" in text
