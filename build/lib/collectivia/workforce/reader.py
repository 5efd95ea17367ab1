"""Reading the file of a staff table: CSV or XLSX cells, and the usual names of its columns.

Payroll software exports `;` or `,` separated text in UTF-8 or Windows-1252,
with or without BOM, or Excel workbooks with a title row, merged cells,
formulas and dates stored as numbers. This module turns all of them into
one `RawTable` (a header and rows of cells), or refuses the file with a
French message an HR officer understands.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from collectivia.core.errors import InvalidInput
from collectivia.workforce import xlsx
from collectivia.workforce.matching import normalise

MAX_ROWS = 100_000
MAX_BYTES = 20_000_000

# field -> (French label, required)
FIELDS: dict[str, tuple[str, bool]] = {
    "matricule": ("Matricule", True),
    "metier": ("Métier (intitulé du poste)", True),
    "direction": ("Direction", False),
    "service": ("Service", False),
    "filiere": ("Filière", False),
    "categorie": ("Catégorie", False),
    "cadre_emplois": ("Cadre d'emplois", False),
    "grade": ("Grade", False),
    "statut": ("Statut", False),
    "sexe": ("Sexe", False),
    "temps_travail": ("Temps de travail (%)", False),
    "date_naissance": ("Date de naissance", False),
}
# Columns recognised only to be left out on purpose.
NOT_KEPT = {"nom": "Nom", "prenom": "Prénom"}

# Usual headers of payroll exports, normalised (see `header_key`).
KNOWN_HEADERS: dict[str, str] = {
    **{k.replace("_", " "): k for k in FIELDS}, **{k: k for k in NOT_KEPT},
    "n agent": "matricule", "no agent": "matricule", "numero agent": "matricule",
    "id agent": "matricule", "identifiant agent": "matricule", "mat": "matricule",
    "emploi": "metier", "poste": "metier", "intitule du poste": "metier",
    "intitule poste": "metier", "fonction": "metier", "metier exerce": "metier",
    "libelle emploi": "metier", "emploi occupe": "metier", "metier cnfpt": "metier",
    "pole": "direction", "direction generale": "direction", "dga": "direction",
    "cat": "categorie", "categorie hierarchique": "categorie",
    "cadre d emplois": "cadre_emplois", "cadre d emploi": "cadre_emplois",
    "cadre emploi": "cadre_emplois", "cadre emplois": "cadre_emplois",
    "statut agent": "statut", "position statutaire": "statut",
    "genre": "sexe", "civilite": "sexe",
    "temps de travail": "temps_travail", "quotite": "temps_travail",
    "taux d emploi": "temps_travail", "quotite de travail": "temps_travail",
    "temps travail": "temps_travail",
    "date de naissance": "date_naissance", "naissance": "date_naissance", "ddn": "date_naissance",
    "nom de famille": "nom", "nom d usage": "nom", "prenom usuel": "prenom",
}


def header_key(header: object) -> str:
    """A header as compared with known and remembered ones: 'Cadre d’emplois ' -> 'cadre d emplois'."""
    text = normalise(str(header or "")).replace("_", " ").replace("'", " ")
    text = re.sub(r"[^a-z0-9+ ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class RawTable:
    """The cells of the file: its header row and data rows, as strings or typed values."""

    filename: str
    kind: str                      # "csv" or "xlsx"
    headers: list[str]
    rows: list[list[object]]
    header_line: int = 1           # line number of the header in the file
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- reading the file ---------------------------------------------------------------

def read_table(data: bytes, filename: str) -> RawTable:
    """The file's cells, or InvalidInput with a French message a HR officer understands."""
    if not data or not data.strip():
        raise InvalidInput("Le fichier est vide : exportez le tableau des effectifs avec ses "
                           "lignes d'agents.")
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"Le fichier dépasse {MAX_BYTES // 1_000_000} Mo : découpez-le ou "
                           "retirez les colonnes inutiles.")
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, filename)
    if name.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InvalidInput("Le format Excel 97-2003 (.xls) n'est pas lu : enregistrez le fichier "
                           "au format .xlsx ou CSV.")
    if b"\x00" in data[:4096]:
        raise InvalidInput("Ce fichier n'est ni un CSV ni un classeur .xlsx lisible.")
    return _read_csv(data, filename)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (avec BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        others = [d for d in ("|", ":", " ") if d in header_line.strip()]
        hint = f" (le caractère « {others[0]} » semble servir de séparateur)" if others else ""
        raise InvalidInput("Séparateur de colonnes non reconnu : la ligne d'en-tête ne contient "
                           f"ni « ; », ni « , », ni tabulation{hint}. Exportez en CSV séparé par "
                           "des points-virgules.")
    return best


def _read_csv(data: bytes, filename: str) -> RawTable:
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n", 50)[:50] if line.strip()]
    if not lines:
        raise InvalidInput("Le fichier est vide : aucune ligne lisible.")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[object]] = []
    for row in reader:
        if len(rows) > MAX_ROWS + 1:
            too_many_rows()
        rows.append(row)
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    header, body = rows[0], rows[1:]
    names = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}
    table = RawTable(filename, "csv", [str(h) for h in header], body,
                     notes=[f"Fichier CSV, encodage {encoding}, séparateur {names[delimiter]}."])
    return table


def too_many_rows() -> None:
    raise InvalidInput(f"Le fichier compte plus de {MAX_ROWS:,} lignes d'agents : c'est la limite "
                       "d'un import. Découpez-le (par exemple par direction).".replace(",", " "))


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_UNCOMPUTED = re.compile(rb'<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
                         rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
MAX_UNZIPPED = 400_000_000


def _sheet_structure(data: bytes, sheet_path: str | None) -> tuple[list[tuple[int, int, int, int]], int]:
    """Merged ranges (min_row, min_col, max_row, max_col) and formulas without a computed value.

    openpyxl's read-only mode streams rows fast but neither exposes merged
    cells nor tells an empty cell from a formula never computed (a file
    written by a program and never opened in a spreadsheet): both are found
    here in the sheet's XML with two regular expressions (C speed).
    """
    from openpyxl.utils.cell import range_boundaries

    if not sheet_path:
        return [], 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            xml = archive.read(sheet_path)
        except KeyError:
            return [], 0
    ranges = []
    for ref in _MERGE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode())
        ranges.append((min_row, min_col, max_row, max_col))
    return ranges, len(_UNCOMPUTED.findall(xml))


def _check_archive(data: bytes) -> None:
    """Refuse a zip bomb before openpyxl inflates it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InvalidInput("Ce classeur Excel est illisible (fichier abîmé, protégé par mot de "
                           "passe ou qui n'est pas un .xlsx).") from exc
    if total > MAX_UNZIPPED:
        raise InvalidInput("Ce classeur est anormalement volumineux une fois décompressé : "
                           "il n'est pas lu.")


def _sheet_path(data: bytes, title: str) -> str | None:
    """The XML part of the worksheet called `title` inside the .xlsx archive."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for sheet in workbook.iterfind("m:sheets/m:sheet", ns):
        if sheet.get("name") == title:
            target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _names_a_job(row: list[object]) -> bool:
    return any(KNOWN_HEADERS.get(header_key(c)) == "metier" for c in row if c)


def _read_xlsx(data: bytes, filename: str) -> RawTable:
    _check_archive(data)
    try:
        title, path, rows = xlsx.read_staff_sheet(data, _names_a_job, MAX_ROWS + 20)
    except Exception:  # noqa: BLE001 - an unusual workbook: openpyxl reads it, or says why not
        title, path, rows = _read_with_openpyxl(data)
    if len(rows) > MAX_ROWS + 20:
        too_many_rows()
    merged, uncomputed = _sheet_structure(data, path)
    notes = [f"Classeur Excel, feuille « {title} »."]
    if merged:
        _unmerge(rows, merged)
        notes.append(f"{len(merged)} plage(s) de cellules fusionnées dépliée(s) : la valeur est "
                     "reprise sur chaque ligne de la plage.")
    warnings = []
    if uncomputed:
        warnings.append(f"{uncomputed} cellule(s) contiennent une formule sans valeur calculée "
                        "(fichier jamais ouvert dans un tableur ?) : elles sont lues vides. Ouvrez "
                        "le fichier dans votre tableur, enregistrez-le, puis importez-le à nouveau.")
    rows = [r for r in rows if any(c not in (None, "") and str(c).strip() for c in r)]
    if not rows:
        raise InvalidInput("La feuille du classeur est vide : aucune ligne d'agent.")
    start = _header_row(rows)
    if start:
        notes.append(f"{start} ligne(s) de titre au-dessus de l'en-tête ignorée(s).")
    header = [str(h).strip() if h is not None else "" for h in rows[start]]
    return RawTable(filename, "xlsx", header, rows[start + 1:], header_line=start + 1, notes=notes,
                    warnings=warnings)


def _read_with_openpyxl(data: bytes) -> tuple[str, str | None, list[list[object]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets the same message
        raise InvalidInput("Ce classeur Excel est illisible (fichier abîmé, protégé par mot de "
                           "passe ou qui n'est pas un .xlsx).") from exc
    try:
        sheet = _staff_sheet(workbook)
        rows: list[list[object]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 20:
                too_many_rows()
            rows.append(list(row))
    finally:
        workbook.close()
    return sheet.title, _sheet_path(data, sheet.title), rows


def _staff_sheet(workbook):
    """The sheet holding the staff table: the one whose header names a job column, else the first."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=1, max_row=10, values_only=True):
            if _names_a_job(list(row)):
                return sheet
    return workbook.worksheets[0]


def _unmerge(rows: list[list[object]], merged: list[tuple[int, int, int, int]]) -> None:
    for min_row, min_col, max_row, max_col in merged:
        if min_row - 1 >= len(rows):
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row - 1, min(max_row, len(rows))):
            row = rows[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                row[c] = value


def _header_row(rows: list[list[object]]) -> int:
    """Index of the header row: the first of the first ten rows naming the most known columns."""
    best, best_count = 0, 0
    for index, row in enumerate(rows[:10]):
        count = sum(1 for c in row if c is not None and header_key(c) in KNOWN_HEADERS)
        if count > best_count:
            best, best_count = index, count
    return best


# --- mapping columns to fields -------------------------------------------------------

def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> dict[str, int]:
    """field -> column index, from the collectivité's remembered headers, then usual names."""
    mapping: dict[str, int] = {}
    known = {**KNOWN_HEADERS, **(remembered or {})}
    for index, header in enumerate(headers):
        target = known.get(header_key(header))
        if target and target not in mapping and (target in FIELDS or target in NOT_KEPT):
            mapping[target] = index
    return mapping
