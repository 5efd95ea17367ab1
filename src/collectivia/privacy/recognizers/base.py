"""Helpers shared by the French recognizers.

Most French rules need more than one regular expression (checksums, context
on the left, lists of words), so each family is a plain function returning
(start, end, label, score) tuples; `engine.FunctionRecognizer` exposes them
to Presidio's registry. Nothing here imports Presidio, so importing
`collectivia.privacy` stays cheap.
"""

from __future__ import annotations

import re

Span = tuple[int, int, str, float]

UP = "A-ZÀ-ÖØ-ÞŒ"
LOW = "a-zß-öø-ÿœ"


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def left(text: str, pos: int, width: int = 40, same_line: bool = True) -> str:
    """The `width` characters before `pos` (stopping at the line start if asked)."""
    start = max(0, pos - width)
    if same_line:
        start = max(start, text.rfind("\n", 0, pos) + 1)
    return text[start:pos]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with blanks or separators."""
    while start < end and (text[start].isspace() or text[start] in "\",;:–-|"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\",;:–-|"):
        end -= 1
    return start, end


def table_cells(text: str, header: re.Pattern) -> list[tuple[int, int]]:
    """Cells, below a header line, of the columns whose title matches `header`.

    Plain-text tables come as pipes (« | Matricule | Nom | »), as a spreadsheet's export
    (« "Nom";"Prénom" », tabs), or as columns aligned with spaces; a blank line ends the table.
    Quotes around a cell are not part of it. A line holding one field and its value
    (« date_naissance;1977-03-30 ») gives that value.
    """
    cells: list[tuple[int, int]] = []
    for head in re.finditer(r"(?m)^.*$", text):
        line = head.group()
        if not header.search(line):
            continue
        separator = _separator(line)
        value = _field_value(line, header) if separator is None else None
        if value:
            cells.append(strip_span(text, head.start() + value[0], head.start() + value[1]))
            continue  # one field and its value, as a vertical export writes them (« ddn;1977-03-30 »)
        if separator:
            titles = [line[s:e] for s, e in _cell_bounds(line, separator)]
            wanted = [i for i, title in enumerate(titles) if header.fullmatch(title.strip(' "'))]
        else:
            chunks = list(re.finditer(r"\S+(?: \S+)*", line))
            if (len(chunks) < 3 or re.search(r"[:\d]", line)
                    or any(len(c.group()) > 25 for c in chunks)):
                continue  # a table header is a row of short titles
            wanted = [c.start() for c in chunks if header.fullmatch(c.group())]
        if not wanted:
            continue
        pos = head.end() + 1
        while pos < len(text):
            start, end = line_bounds(text, pos)
            row = text[start:end]
            pos = end + 1
            if not row.strip():
                break
            if set(row.strip()) <= set("-=|+: "):
                continue
            cells += _row_cells(row, start, wanted, separator)
    return cells


def _field_value(line: str, header: re.Pattern) -> tuple[int, int] | None:
    """Where the value of a « field;value » line is, when its field is one of `header`'s. Split by
    hand, never by a backtracking pattern: a pasted line may be long and mostly blank."""
    if len(line) > 300:
        return None
    for sep in ";\t=":
        if line.count(sep) == 1:
            cut = line.index(sep)
            if line[cut + 1:].strip(' \t";') and header.fullmatch(line[:cut].strip(' \t"')):
                return cut + 1, len(line)
    return None


def _separator(line: str) -> str | None:
    """The cell separator of a table line: pipes, semicolons, tabs, or the commas of a CSV
    export (quoted cells, or commas with no blank after them: prose puts one)."""
    for sep in "|;\t":
        if line.count(sep) >= 2:
            return sep
    if line.count('","') >= 2 or (line.count(",") >= 2 and not re.search(r",\s", line)):
        return ","
    return None


def _cell_bounds(row: str, separator: str) -> list[tuple[int, int]]:
    """Where each cell of a row starts and ends; a separator inside quotes is text
    (« "12, rue des Lilas" »). A row whose quotes do not close is split plainly."""
    bounds, start, quoted = [], 0, False
    for i, ch in enumerate(row):
        if ch == '"':
            quoted = not quoted
        elif ch == separator and not quoted:
            bounds.append((start, i))
            start = i + 1
    if quoted:
        bounds, cursor = [], 0
        for part in row.split(separator):
            bounds.append((cursor, cursor + len(part)))
            cursor += len(part) + 1
        return bounds
    bounds.append((start, len(row)))
    return bounds


def _row_cells(row: str, offset: int, wanted: list[int], separator: str | None
               ) -> list[tuple[int, int]]:
    found = []
    if separator:
        bounds = _cell_bounds(row, separator)
        for i in wanted:
            if i < len(bounds):
                s, e = strip_span(row, *bounds[i])
                if e > s:
                    found.append((offset + s, offset + e))
        return found
    for column in wanted:
        m = re.compile(r"\S+(?: \S+)*").search(row, max(0, column - 2))
        if m and m.start() <= column + 6:
            found.append((offset + m.start(), offset + m.end()))
    return found
