"""Reading staff tables as payroll software and spreadsheets really write them."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from collectivia.core.errors import InvalidInput
from collectivia.workforce.tableau import MAX_ROWS, build_records, guess_mapping, read_table

DATA = Path(__file__).parent / "data"
CSV = (DATA / "effectifs_admiville.csv").read_bytes()


def records(data: bytes, name: str = "effectifs.csv"):
    table = read_table(data, name)
    return build_records(table, guess_mapping(table.headers))


@pytest.mark.parametrize("variant", ["utf8-bom", "cp1252", "comma", "lf", "tab"])
def test_every_usual_csv_export_gives_the_same_110_agents(variant):
    text = CSV.decode("utf-8")
    expected, _ = records(CSV)
    if variant == "utf8-bom":
        data = b"\xef\xbb\xbf" + CSV
    elif variant == "cp1252":
        data = text.replace("’", "'").encode("cp1252")
        expected = [r for r in expected]
    elif variant == "comma":
        import csv
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        data = out.getvalue().encode("utf-8")
    elif variant == "tab":
        data = text.replace(";", "\t").encode("utf-8")
    else:
        data = text.replace("\r\n", "\n").encode("utf-8")
    got, report = records(data)
    assert report.ok and report.rows == 110
    assert [r.matricule for r in got] == [r.matricule for r in expected]
    assert got[0].date_naissance == date(1965, 12, 15)
    assert {r.temps_travail for r in got} == {r.temps_travail for r in expected}


def xlsx(rows, merge: list[str] = (), title_row: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Effectifs"
    if title_row:
        sheet.append([title_row])
    for row in rows:
        sheet.append(row)
    for ref in merge:
        sheet.merge_cells(ref)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["Matricule", "Direction", "Métier", "Date de naissance", "Quotité", "Catégorie"]


def test_xlsx_with_title_row_merged_cells_numeric_dates_and_formulas():
    data = xlsx([
        HEADER,
        ["00001", "Culture", "CNFPT - Bibliothécaire", 23725, 0.8, "B"],
        ["00002", None, "CNFPT - Archiviste", datetime(1980, 2, 1), "=50+30", "A"],
        ["00003", None, "Jardinière", "01/02/1990", 100, "C"],
    ], merge=["B3:B5"], title_row="Tableau des effectifs au 30/06/2025")
    got, report = records(data, "effectifs.xlsx")
    assert report.ok, report.errors
    assert [r.direction for r in got] == ["Culture"] * 3          # merged cells unfolded
    assert got[0].date_naissance == date(1964, 12, 14)            # Excel serial number
    assert got[1].date_naissance == date(1980, 2, 1)
    assert got[2].date_naissance == date(1990, 2, 1)
    assert got[0].temps_travail == 80.0                            # percent cell 0.8
    assert got[0].line == 3                                        # file line, after the title
    assert any("fusionnées" in n for n in report.notes)
    assert any("titre" in n for n in report.notes)
    assert any("formule sans valeur calculée" in w for w in report.warnings)


def test_missing_columns_unknown_categories_and_duplicates_are_reported():
    data = "Matricule;Emploi;Catégorie;Sexe\n1;Jardinier;B\n2;Cuisinier;Z;X\n2;;C;F\n".encode()
    _got, report = records(data)
    assert not report.ok
    assert any("matricule en double" in e and "lignes 3, 4" in e for e in report.errors)
    assert report.unknown_categories == {"Z": 1} and report.unknown_sexes == {"X": 1}
    assert report.empty_titles == [4]
    assert "Direction" in report.missing_optional

    _, report = records(b"Nom;Prenom\nDupont;Anne\n")
    assert any("Matricule" in e and "Métier" in e for e in report.errors)


@pytest.mark.parametrize("data, message", [
    (b"", "Le fichier est vide"),
    (b"  \r\n ", "Le fichier est vide"),
    (b"matricule|metier\n1|Jardinier\n", "Séparateur de colonnes non reconnu"),
    (b"PK\x03\x04not a zip", "classeur Excel est illisible"),
    (b"\x00\x01\x02binary", "ni un CSV"),
])
def test_unreadable_files_get_a_french_explanation(data, message):
    with pytest.raises(InvalidInput) as error:
        read_table(data, "effectifs.csv")
    assert message in error.value.message


def test_header_only_file_is_refused_with_a_message():
    _, report = records(b"matricule;metier\r\n")
    assert any("que la ligne d'en-tête" in e for e in report.errors)


def test_more_than_100000_rows_is_refused_before_anything_else():
    lines = ["matricule;metier"] + [f"{i};Jardinier" for i in range(MAX_ROWS + 1)]
    with pytest.raises(InvalidInput) as error:
        records("\n".join(lines).encode())
    assert "100 000" in error.value.message


def test_exactly_100000_rows_are_read():
    lines = ["matricule;metier"] + [f"{i};Jardinier" for i in range(MAX_ROWS)]
    got, report = records("\n".join(lines).encode())
    assert report.ok and len(got) == MAX_ROWS


def test_the_xlsx_reader_reads_what_openpyxl_reads():
    import io

    import openpyxl

    from collectivia.workforce import reader, xlsx

    for data in ((DATA / "effectifs_admiville.xlsx").read_bytes(), xlsx_sample()):
        sheet = xlsx.read_staff_sheet(data, reader._names_a_job, reader.XLSX_BOUNDS)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        slow = [list(r) for r in book[sheet.title].iter_rows(values_only=True)]
        book.close()
        fast = sheet.rows

        def trimmed(rows):
            out = [list(r) for r in rows]
            for r in out:
                while r and r[-1] is None:
                    r.pop()
            while out and not out[-1]:
                out.pop()
            return out

        assert trimmed(fast) == trimmed(slow)


def xlsx_sample() -> bytes:
    return xlsx([HEADER, ["00001", "Culture", "CNFPT - Bibliothécaire", 23725, 0.8, "B"],
                 ["00002", None, "Archiviste", datetime(1980, 2, 1), 57.14, True]],
                merge=["B2:B3"], title_row="Titre")


def test_a_workbook_the_reader_cannot_read_is_refused_in_french_not_read_another_way():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InvalidInput) as error:
        records(buffer.getvalue(), "e.xlsx")
    assert "classeur Excel est illisible" in error.value.message
