"""CSV and XLSX downloads, the way HR opens them: Excel-friendly, injection-safe, audited.

CSV uses ';' and a UTF-8 BOM (French Excel). Every cell a spreadsheet would
run as a formula (starting with = + - @, tab or carriage return), headers
included, is prefixed with an apostrophe: an uploaded name or a criterion
like "=HYPERLINK(...)" must not become a live formula. `csv_response` and
`xlsx_response` take the session and the user because every download of
data is an audit event (who took which file, how many rows): there is no
way to serve one without recording it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi.responses import Response
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.models import User

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# What an XML document (DOCX, ODT) cannot hold: C0 control characters but tab and line breaks.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """Text a Word or OpenDocument file can hold: the vertical tab or form feed that a paste
    from Word or a model's answer may carry becomes a space, instead of failing the export."""
    return NOT_XML.sub(" ", "" if value is None else str(value))


def safe_cell(value: Any) -> Any:
    """The value, made inert if a spreadsheet would evaluate it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return buffer.getvalue()


def _attachment(filename: str) -> dict[str, str]:
    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    return {"Content-Disposition": f'attachment; filename="{ascii_name}"'}


def record_export(session: Session, actor: User, filename: str, rows: int, **details: Any) -> None:
    """One audit event per download: which file, how many rows, with what filters."""
    audit.record(session, "export", actor=actor, object_type="fichier", object_id=filename,
                 details={"lignes": rows, **details})


def csv_response(session: Session, actor: User, filename: str, header: Sequence[str],
                 rows: Iterable[Sequence[Any]], **details: Any) -> Response:
    rows = list(rows)
    record_export(session, actor, filename, len(rows), **details)
    return Response(csv_text(header, rows), media_type="text/csv; charset=utf-8",
                    headers=_attachment(filename))


def xlsx_bytes(sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per entry (title -> (header, rows)), header in bold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        cells = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=safe_cell(name))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(session: Session, actor: User, filename: str,
                  sheets: dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]],
                  **details: Any) -> Response:
    listed = {title: (header, list(rows)) for title, (header, rows) in sheets.items()}
    record_export(session, actor, filename, sum(len(rows) for _, rows in listed.values()),
                  **details)
    return Response(xlsx_bytes(listed), media_type=XLSX_TYPE, headers=_attachment(filename))


def file_response(session: Session, actor: User, filename: str, content: bytes, media_type: str,
                  rows: int, **details: Any) -> Response:
    """Any other document built from the platform's data (a DOCX, a PDF), audited the same way."""
    record_export(session, actor, filename, rows, **details)
    return Response(content, media_type=media_type, headers=_attachment(filename))
