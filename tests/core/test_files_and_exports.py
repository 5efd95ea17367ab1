"""The file store keeps originals by content; exports open cleanly in Excel and stay inert."""

from __future__ import annotations

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
