"""Reading the file of a staff table: CSV or XLSX cells, and the usual names of its columns.

Payroll software exports `;` or `,` separated text in UTF-8 or Windows-1252,
with or without BOM, or Excel workbooks with a title row, merged cells,
formulas and dates stored as numbers. This module turns all of them into
one `RawTable` (a header and rows of cells), or refuses the file with a
French message an HR officer understands. Every dimension is bounded
(bytes, line length, rows, columns, cells, merged ranges) and checked on the
cheap facts before any large allocation; XLSX goes through `xlsx`, the only
workbook reader. It runs in the sandbox's child process (see `service`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from collectivia.core.french import accord
from collectivia.core.errors import InvalidInput
from collectivia.core.text import decode, sniff_delimiter
from collectivia.workforce import xlsx
from collectivia.workforce.matching import normalise

MAX_ROWS = 100_000
MAX_BYTES = 20_000_000
MAX_COLUMNS = 300           # payroll exports run to ~150 columns
MAX_CELLS = 3_000_000       # 100,000 agents x 30 columns
MAX_MERGED = 5_000
MAX_LINE_CHARS = 100_000    # a CSV line (a staff row is a few hundred characters)
HEADER_CHARS = 120          # a header as kept and shown in the preview

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
    rows: Sequence[Sequence[object]]   # read only: a CSV's strings or a sheet's typed values
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


def _delimiter(header_line: str) -> str:
    best = sniff_delimiter(header_line)
    if best is None:
        others = [d for d in ("|", ":", " ") if d in header_line.strip()]
        hint = f" (le caractère « {others[0]} » semble servir de séparateur)" if others else ""
        raise InvalidInput("Séparateur de colonnes non reconnu : la ligne d'en-tête ne contient "
                           f"ni « ; », ni « , », ni tabulation{hint}. Exportez en CSV séparé par "
                           "des points-virgules.")
    columns = header_line.count(best) + 1
    if columns > MAX_COLUMNS:
        raise _too_many_columns(columns)
    return best


def _too_many_columns(count: int) -> InvalidInput:
    return InvalidInput(f"Le fichier compte {count:,} colonnes : un tableau des effectifs est "
                        f"limité à {MAX_COLUMNS} colonnes. Retirez les colonnes inutiles, puis "
                        "exportez-le à nouveau.".replace(",", " "))


def _check_lines(text: str) -> None:
    """Refuse a line longer than any staff row before the CSV parser buffers it."""
    longest = max(map(len, text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InvalidInput(f"Une ligne du fichier compte {longest:,} caractères : la limite est de "
                           f"{MAX_LINE_CHARS:,} par ligne. Le fichier n'est sans doute pas un "
                           "tableau des effectifs exporté en CSV.".replace(",", " "))


def _read_csv(data: bytes, filename: str) -> RawTable:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_lines(text)
    lines = [line for line in text.split("\n", 50)[:50] if line.strip()]
    if not lines:
        raise InvalidInput("Le fichier est vide : aucune ligne lisible.")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in reader:
            if len(rows) > MAX_ROWS + 1:
                too_many_rows()
            if len(row) > MAX_COLUMNS:
                raise _too_many_columns(len(row))
            cells += len(row)
            if cells > MAX_CELLS:
                raise InvalidInput(f"Le fichier compte plus de {MAX_CELLS:,} cellules : "
                                   "découpez-le.".replace(",", " "))
            rows.append(row)
    except csv.Error as exc:
        raise InvalidInput(f"Ligne {reader.line_num} illisible : guillemet non refermé ou champ "
                           "trop long. Exportez à nouveau le tableau en CSV.") from exc
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    header, body = rows[0], rows[1:]
    names = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}
    table = RawTable(filename, "csv", [str(h)[:HEADER_CHARS] for h in header], body,
                     notes=[f"Fichier CSV, encodage {encoding}, séparateur {names[delimiter]}."])
    return table


def too_many_rows() -> None:
    raise InvalidInput(f"Le fichier compte plus de {MAX_ROWS:,} lignes d'agents : c'est la limite "
                       "d'un import. Découpez-le (par exemple par direction).".replace(",", " "))


def _names_a_job(row: list[object]) -> bool:
    return any(KNOWN_HEADERS.get(header_key(c)) == "metier" for c in row if c)


XLSX_BOUNDS = xlsx.Bounds(rows=MAX_ROWS + 20, columns=MAX_COLUMNS, cells=MAX_CELLS,
                          merged=MAX_MERGED)


def _read_xlsx(data: bytes, filename: str) -> RawTable:
    sheet = xlsx.read_staff_sheet(data, _names_a_job, XLSX_BOUNDS)
    rows = sheet.rows
    notes = [f"Classeur Excel, feuille « {sheet.title} »."]
    if sheet.merged:
        _unmerge(rows, sheet.merged)
        unmerged = accord(len(sheet.merged), "plage de cellules fusionnées dépliée",
                          "plages de cellules fusionnées dépliées")
        notes.append(f"{unmerged} : la valeur est reprise sur chaque ligne de la plage.")
    warnings = []
    if sheet.uncomputed:
        warnings.append(f"{accord(sheet.uncomputed, 'cellule contient', 'cellules contiennent')} "
                        "une formule sans valeur "
                        "calculée (fichier jamais ouvert dans un tableur ?) : elles sont lues vides. "
                        "Ouvrez le fichier dans votre tableur, enregistrez-le, puis importez-le à "
                        "nouveau.")
    rows = [_trimmed(r) for r in rows if any(c not in (None, "") and str(c).strip() for c in r)]
    if not rows:
        raise InvalidInput("La feuille du classeur est vide : aucune ligne d'agent.")
    start = _header_row(rows)
    if start:
        notes.append(accord(start, "ligne de titre au-dessus de l'en-tête ignorée",
                            "lignes de titre au-dessus de l'en-tête ignorées") + ".")
    header = [str(h).strip()[:HEADER_CHARS] if h is not None else "" for h in rows[start]]
    return RawTable(filename, "xlsx", header, rows[start + 1:], header_line=start + 1, notes=notes,
                    warnings=warnings)


def _trimmed(row: list[object]) -> list[object]:
    """The row without its trailing empty cells (a stray cell far right must not widen every row)."""
    end = len(row)
    while end and row[end - 1] in (None, ""):
        end -= 1
    return row[:end]


def _unmerge(rows: list[list[object]], merged: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's value on every cell of the range, once its area is known bounded."""
    area = sum((min(r2, len(rows)) - r1 + 1) * (c2 - c1 + 1)
               for r1, c1, r2, c2 in merged if r1 <= len(rows))
    if area > MAX_CELLS:
        raise InvalidInput(f"Les cellules fusionnées du classeur couvrent plus de {MAX_CELLS:,} "
                           "cellules : défusionnez-les, puis exportez à nouveau.".replace(",", " "))
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
