"""The one reader of .xlsx staff tables: values, merged ranges and uncomputed formulas, bounded.

openpyxl builds a Python object per cell (seconds for a 6,500-agent table)
and trusts what the file declares: a 1.5 KB workbook with one row numbered
40,000,000, or one cell in column ZZZ, or merged ranges over C1:ZZZ1000000,
made it allocate gigabytes. This reader opens the archive once, walks each
sheet's XML once with the C parser, keeps values only (shared and inline
strings, numbers, booleans, dates in the 1900 or 1904 system, like openpyxl's
`values_only=True`), and checks every declared fact against explicit bounds
before acting on it: part sizes, the declared dimension, each row number,
each column, each merged range, the number of cells. Anything wrong raises
InvalidInput with a French reason; there is no second reader to fall back to.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from collectivia.core.errors import InvalidInput

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_UNZIPPED = 150_000_000      # all parts together, as declared by the archive
MAX_PART = 60_000_000           # one part (a sheet, the shared strings)
MAX_RATIO = 200                 # declared size / compressed size of one part
UNREADABLE = ("Ce classeur Excel est illisible (fichier abîmé, protégé par mot de passe ou qui "
              "n'est pas un .xlsx).")
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


@dataclass(frozen=True)
class Bounds:
    rows: int           # sheet rows kept (data rows plus a few title rows)
    columns: int
    cells: int
    merged: int


@dataclass
class Sheet:
    title: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    uncomputed: int = 0


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _too_many_columns(index: int, bounds: Bounds) -> InvalidInput:
    return InvalidInput(f"Le classeur utilise la colonne n° {_number(index)} : un tableau des "
                        f"effectifs est limité à {bounds.columns} colonnes. Supprimez les colonnes "
                        "vides ou inutiles, puis exportez-le à nouveau.")


def _column(letters: str, bounds: Bounds) -> int:
    index = column_index_from_string(letters)
    if index > bounds.columns:
        raise _too_many_columns(index, bounds)
    return index - 1


def _row_number(value: str | None, default: int, bounds: Bounds) -> int:
    number = int(value) if value and value.isdigit() else default
    if number > bounds.rows:
        raise InvalidInput(f"Le classeur déclare une ligne n° {_number(number)} : un import est "
                           f"limité à {_number(bounds.rows)} lignes. Supprimez les lignes vides en "
                           "bas de la feuille, ou découpez le fichier.")
    return number


def _text_of(element: ElementTree.Element) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t> (not phonetic hints)."""
    parts = []
    for child in element:
        if child.tag == f"{MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{MAIN}r":
            parts.extend(t.text or "" for t in child.iter(f"{MAIN}t"))
    return "".join(parts)


class Workbook:
    """An opened .xlsx archive, its sheets, shared strings and date styles."""

    def __init__(self, data: bytes, bounds: Bounds):
        self.bounds = bounds
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.parts = {info.filename: info for info in self.archive.infolist()}
        self._check_sizes()
        workbook = self._xml("xl/workbook.xml")
        pr = workbook.find(f"{MAIN}workbookPr")
        self.epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") \
            else CALENDAR_WINDOWS_1900
        rels = self._xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PKG_REL}Relationship")}
        self.sheets: list[tuple[str, str]] = []
        for sheet in workbook.iter(f"{MAIN}sheet"):
            target = targets.get(sheet.get(f"{REL}id")) or ""
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if path in self.parts:
                self.sheets.append((sheet.get("name") or "Feuille", path))
        self.shared = self._shared_strings() if "xl/sharedStrings.xml" in self.parts else []
        self.date_styles = self._date_styles() if "xl/styles.xml" in self.parts else set()

    def _check_sizes(self) -> None:
        """The archive's declared sizes, checked before anything is inflated (zip bombs)."""
        total = sum(info.file_size for info in self.parts.values())
        worst = max(self.parts.values(), key=lambda i: i.file_size, default=None)
        if total > MAX_UNZIPPED or (worst is not None and (
                worst.file_size > MAX_PART
                or worst.file_size > MAX_RATIO * max(worst.compress_size, 1) + 1_000_000)):
            raise InvalidInput("Ce classeur est anormalement volumineux une fois décompressé "
                               "(archive piégée ?) : il n'est pas lu.")

    def _open(self, path: str):
        if path not in self.parts:
            raise InvalidInput(UNREADABLE)
        return self.archive.open(path)

    def _xml(self, path: str) -> ElementTree.Element:
        with self._open(path) as handle:
            return ElementTree.fromstring(handle.read(MAX_PART + 1))

    def _shared_strings(self) -> list[str]:
        strings = []
        with self._open("xl/sharedStrings.xml") as handle:
            for _, element in ElementTree.iterparse(handle):
                if element.tag == f"{MAIN}si":
                    strings.append(_text_of(element))
                    element.clear()
        return strings

    def _date_styles(self) -> set[int]:
        root = self._xml("xl/styles.xml")
        formats = dict(BUILTIN_FORMATS)
        for fmt in root.iter(f"{MAIN}numFmt"):
            formats[int(fmt.get("numFmtId", 0))] = fmt.get("formatCode", "")
        xfs = root.find(f"{MAIN}cellXfs")
        if xfs is None:
            return set()
        return {i for i, xf in enumerate(xfs.iter(f"{MAIN}xf"))
                if is_date_format(formats.get(int(xf.get("numFmtId", 0)), ""))}

    def _value(self, cell: ElementTree.Element) -> object:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            found = cell.find(f"{MAIN}is")
            return _text_of(found) if found is not None else None
        v = cell.find(f"{MAIN}v")
        text = v.text if v is not None else None
        if text is None:
            return None
        if kind == "s":
            index = int(text)
            if not 0 <= index < len(self.shared):
                raise InvalidInput(UNREADABLE)
            return self.shared[index]
        if kind in ("str", "e"):
            return text
        if kind == "b":
            return text == "1"
        if kind == "d":
            return datetime.fromisoformat(text)
        number = float(text)
        if int(cell.get("s", 0)) in self.date_styles:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number   # not a date after all: the validation report says so
        return int(number) if number.is_integer() and "." not in text and "E" not in text \
            else number

    def _check_dimension(self, ref: str | None) -> None:
        """The sheet's declared extent (`<dimension ref="A1:ZZZ40000000">`), checked first."""
        end = (ref or "").split(":")[-1].replace("$", "")
        match = _CELL_REF.match(end)
        if match:
            _column(match.group(1), self.bounds)
            _row_number(match.group(2), 0, self.bounds)

    def _merged_range(self, ref: str | None) -> tuple[int, int, int, int]:
        ref = ref or ""
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
        except (ValueError, TypeError) as exc:
            raise InvalidInput(UNREADABLE) from exc
        if min_col is None or min_row is None or max_col is None or max_row is None:
            raise InvalidInput(UNREADABLE)      # whole columns or rows ("A:C", "2:4"): no cell range
        if max_col > self.bounds.columns or max_row > self.bounds.rows:
            raise InvalidInput(f"Le classeur fusionne les cellules {ref[:40]} : une plage fusionnée "
                               f"doit tenir dans {_number(self.bounds.rows)} lignes et "
                               f"{self.bounds.columns} colonnes. Défusionnez-la, puis exportez à "
                               "nouveau.")
        return min_row, min_col, max_row, max_col

    def read(self, title: str, path: str, max_rows: int | None = None) -> Sheet:
        """The sheet's rows (row i of the sheet is rows[i - 1]), merged ranges and formulas.

        `max_rows` stops early (to look at a sheet's first rows only).
        """
        sheet = Sheet(title, [])
        rows, cells_seen = sheet.rows, 0
        with self._open(path) as handle:
            for _, element in ElementTree.iterparse(handle):
                tag = element.tag
                if tag == f"{MAIN}dimension":
                    self._check_dimension(element.get("ref"))
                elif tag == f"{MAIN}row":
                    number = _row_number(element.get("r"), len(rows) + 1, self.bounds)
                    while len(rows) < number - 1:
                        rows.append([])
                    rows.append(self._cells(element, sheet))
                    cells_seen += len(rows[-1])
                    element.clear()
                    if cells_seen > self.bounds.cells:
                        raise InvalidInput(f"Le classeur compte plus de {_number(self.bounds.cells)}"
                                           " cellules : découpez-le, ou retirez les colonnes "
                                           "inutiles.")
                    if max_rows is not None and len(rows) >= max_rows:
                        break
                elif tag == f"{MAIN}mergeCell":
                    if len(sheet.merged) >= self.bounds.merged:
                        raise InvalidInput(f"Le classeur compte plus de {_number(self.bounds.merged)}"
                                           " plages de cellules fusionnées : défusionnez-les, puis "
                                           "exportez à nouveau.")
                    sheet.merged.append(self._merged_range(element.get("ref")))
                    element.clear()
        return sheet

    def _cells(self, row: ElementTree.Element, sheet: Sheet) -> list[object]:
        cells: list[object] = []
        for cell in row.iter(f"{MAIN}c"):
            ref = cell.get("r")
            match = _CELL_REF.match(ref) if ref else None
            col = _column(match.group(1), self.bounds) if match else len(cells)
            if col >= self.bounds.columns:
                raise _too_many_columns(col + 1, self.bounds)
            if col >= len(cells):
                cells.extend([None] * (col - len(cells) + 1))
            cells[col] = self._value(cell)
            if cell.find(f"{MAIN}f") is not None and cells[col] in (None, ""):
                sheet.uncomputed += 1
        return cells


def read_staff_sheet(data: bytes, names_a_job: Callable[[list[object]], bool], bounds: Bounds
                     ) -> Sheet:
    """The first sheet whose first ten rows name a job column (else the first sheet), read whole."""
    try:
        book = Workbook(data, bounds)
        if not book.sheets:
            raise InvalidInput(UNREADABLE)
        chosen = book.sheets[0]
        for title, path in book.sheets:
            head = book.read(title, path, max_rows=10)
            if any(names_a_job(row) for row in head.rows):
                chosen = (title, path)
                break
        return book.read(*chosen)
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError, OSError,
            EOFError, NotImplementedError, ElementTree.ParseError) as exc:
        raise InvalidInput(UNREADABLE) from exc
