"""OpenDocument text (ODT) for the DPO's documents: the register and the impact assessments.

LibreOffice is what most collectivités open; odfdo writes the file. A
document is a title then blocks: ("h", level, text), ("p", text) or
("table", header, rows). Cells are plain text, never formulas.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from collectivia.core.exports import xml_text

ODT_TYPE = "application/vnd.oasis.opendocument.text"
Block = tuple


def odt_bytes(title: str, blocks: Sequence[Block]) -> bytes:
    from odfdo import Document, Header, Paragraph, Row, Table

    document = Document("text")
    body = document.body
    body.clear()
    body.append(Header(1, xml_text(title)))
    for block in blocks:
        if block[0] == "h":
            body.append(Header(block[1], xml_text(block[2])))
        elif block[0] == "p":
            for line in xml_text(block[1]).splitlines() or [""]:
                body.append(Paragraph(line))
        else:
            _, header, rows = block
            table = Table(f"Tableau{len(body.get_tables()) + 1}")
            for values in [header, *rows]:
                row = Row()
                row.set_values([xml_text(v) for v in values])
                table.append(row)
            body.append(table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
