"""The hostile-files corpus, generated (never committed as binaries): `python tests/hostile/corpus.py DIR`.

Each file is one an attacker (or a broken export) sent and that once froze or
crashed the platform (issue 17): a PDF page of millions of drawing operators,
a PDF object past pypdf's decompression limit, workbooks whose declared rows,
columns or merged ranges are absurd, a 10 KB workbook whose cells repeat one
long string into a 220 MB draft, a CSV of a million columns or one 19 MB
line, gzip bombs (of zeros, and of 2 GB of well-formed proxy lines), a ZIP
bomb, recordings whose header announces ten hours or more, and malformed
files. They are built in memory in well under a second each, by compressing
a repeated block rather than writing out the gigabytes they expand to.
"""

from __future__ import annotations

import gzip
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path


def _deflated(block: bytes, times: int, wbits: int) -> tuple[bytes, int]:
    """`block` repeated `times`, deflated without ever being written out whole; and its CRC."""
    deflate, crc, parts = zlib.compressobj(9, zlib.DEFLATED, wbits), 0, []
    for _ in range(times):
        parts.append(deflate.compress(block))
        crc = zlib.crc32(block, crc)
    return b"".join(parts) + deflate.flush(), crc


def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is `content` (Flate-compressed), with a valid xref."""
    return _pdf_of_stream(zlib.compress(content, 9))


def _pdf_of_stream(stream: bytes) -> bytes:
    """A one-page PDF whose page content is this already Flate-compressed stream."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_drawing_operators() -> bytes:
    """One page, three million drawing operators (about 1 MB compressed)."""
    return _pdf(b"BT /F1 12 Tf 72 720 Td (Attestation) Tj ET\n" + b"1 1 m 2 2 l S\n" * 1_000_000)


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx(sheet_xml: bytes, shared_strings: bytes | None = None) -> bytes:
    """A minimal valid workbook around one sheet's XML (and its shared strings)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN_NS}" xmlns:r="http://schemas.'
                         'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
                         'name="Effectifs" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                         'Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def _sheet(rows: bytes, extra: bytes = b"", dimension: bytes = b"A1:B2") -> bytes:
    return (b'<worksheet xmlns="' + MAIN_NS.encode() + b'"><dimension ref="' + dimension
            + b'"/><sheetData>' + rows + b"</sheetData>" + extra + b"</worksheet>")


HEADER_ROW = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>matricule</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>metier</t></is></c></row>')


def pdf_past_decompression_limit() -> bytes:
    """One page whose content stream inflates to 80 MB (about 80 KB sent): past pypdf's own
    limit of 75 MB for one object, which once came back as an English "Internal Server Error"."""
    return _pdf_of_stream(_deflated(b" " * 1_000_000, 80, zlib.MAX_WBITS)[0])


def xlsx_row_40_million() -> bytes:
    """About 1.5 KB: a header, then one row numbered 40,000,000."""
    return _xlsx(_sheet(HEADER_ROW + b'<row r="40000000"><c r="A40000000" t="inlineStr"><is><t>1'
                        b"</t></is></c></row>"))


def xlsx_column_zzz() -> bytes:
    """20,000 rows, each with one cell in column ZZZ (the 18,278th); the dimension says A1:B2."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="ZZZ%d"><v>1</v></c></row>'
                    % (i, i, i, i) for i in range(2, 20_002))
    return _xlsx(_sheet(HEADER_ROW + rows))


def xlsx_merged_ranges() -> bytes:
    """2,000 merged ranges C1:ZZZ1000000."""
    merges = b'<mergeCells count="2000">' + b'<mergeCell ref="C1:ZZZ1000000"/>' * 2000 \
        + b"</mergeCells>"
    return _xlsx(_sheet(HEADER_ROW, merges))


def xlsx_huge_draft() -> bytes:
    """About 10 KB: 22,000 rows whose job cell is one shared string of 10,000 characters. Every
    bound of the reader holds (rows, columns, cells, each part under 1 MB), but the cells read
    out weigh 220 MB: such a workbook once wrote a 219 MB draft, kept 24 h."""
    rng = random.Random(17)
    words = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(10_000))
    shared = f'<sst xmlns="{MAIN_NS}"><si><t>{words}</t></si></sst>'.encode()
    rows = b'<row><c><v>1</v></c><c t="s"><v>0</v></c></row>' * 22_000
    return _xlsx(_sheet(HEADER_ROW + rows), shared)


def csv_million_columns() -> bytes:
    return b"matricule;metier;" + b"x;" * 1_000_000 + b"\n1;Jardinier\n"


def csv_one_line_19mb() -> bytes:
    return b"matricule;metier;" + b"a" * 19_000_000


def gzip_bomb() -> bytes:
    """A proxy log of 2 GB of zeros once gunzipped, in 200 gzip members (about 2 MB sent).

    Each member's trailer declares only 10 MB: the reader must count what it
    really inflates, not trust the trailer.
    """
    return gzip.compress(b"\0" * 10_000_000, 9) * 200


def gzip_bomb_of_lines() -> bytes:
    """A proxy log of 2 GB of well-formed lines (6 MB sent), each gzip member declaring 11 MB:
    it once ran 67 s before failing. Refused on its inflated size, counted before any line."""
    return gzip.compress(b"2025-01-01T00:00:00;u;chat.example\n" * 300_000, 9) * 200


def zip_bomb() -> bytes:
    """A ZIP batch of five 'CVs' of 200 MB of zeros each (about 1 MB sent)."""
    size, block = 200_000_000, b"\0" * 1_000_000
    raw, crc = _deflated(block, size // len(block), -15)
    return _zip_with_raw_members([(f"cv{i}.txt", raw, size) for i in range(5)], crc)


def _zip_with_raw_members(members: list[tuple[str, bytes, int]], crc: int) -> bytes:
    """A ZIP whose members are already-deflated streams, written without inflating anything."""
    out = io.BytesIO()
    central = []
    for name, raw, size in members:
        header = zipfile.ZipInfo(name)
        header.compress_type = zipfile.ZIP_DEFLATED
        header.CRC, header.compress_size, header.file_size = crc, len(raw), size
        header.header_offset = out.tell()
        out.write(header.FileHeader())
        out.write(raw)
        central.append(header)
    start = out.tell()
    for header in central:
        out.write(_central_entry(header))
    end = out.tell()
    out.write(b"PK\x05\x06" + (0).to_bytes(4, "little") + len(central).to_bytes(2, "little") * 2
              + (end - start).to_bytes(4, "little") + start.to_bytes(4, "little") + b"\0\0")
    return out.getvalue()


def _central_entry(info: zipfile.ZipInfo) -> bytes:
    name = info.filename.encode()
    return (b"PK\x01\x02" + (20).to_bytes(2, "little") + (20).to_bytes(2, "little")
            + (0).to_bytes(2, "little") + (8).to_bytes(2, "little") + (0).to_bytes(4, "little")
            + info.CRC.to_bytes(4, "little") + info.compress_size.to_bytes(4, "little")
            + info.file_size.to_bytes(4, "little") + len(name).to_bytes(2, "little")
            + b"\0" * 8 + (0).to_bytes(4, "little") + info.header_offset.to_bytes(4, "little")
            + name)


def wav_ten_hours() -> bytes:
    """A 36 KB WAV whose format says one byte a second: ten hours of meeting to transcribe."""
    data = b"\x80" * 36_000
    fmt = struct.pack("<4sIHHIIHH", b"fmt ", 16, 1, 1, 1, 1, 1, 8)
    return (b"RIFF" + struct.pack("<I", 4 + len(fmt) + 8 + len(data)) + b"WAVE" + fmt + b"data"
            + struct.pack("<I", len(data)) + data)


def mp3_two_billion_frames() -> bytes:
    """One MP3 frame whose Xing header counts 2,147,483,647 frames (about 15,000 hours)."""
    return b"\xff\xfb\x90\x00" + b"\0" * 32 + b"Xing" + struct.pack(">II", 1, 0x7FFF_FFFF) + b"\0" * 400


def ogg_endless() -> bytes:
    """An Opus stream whose last page's position is 2^62 samples: millions of years."""
    def page(granule: int, body: bytes) -> bytes:
        return b"OggS\x00\x02" + struct.pack("<q", granule) + b"\0" * 12 + body
    return page(0, b"\x01\x13OpusHead\x01\x01" + b"\0" * 100) + page(2**62, b"\0" * 100)


def truncated_pdf() -> bytes:
    return pdf_drawing_operators()[:3000]


def not_a_workbook() -> bytes:
    return b"PK\x03\x04" + b"\x00garbage" * 200


def docx_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def binary_as_text() -> bytes:
    return bytes(range(256)) * 400


# name as uploaded -> generator
CORPUS: dict[str, Callable[[], bytes]] = {
    "operateurs.pdf": pdf_drawing_operators,
    "decompression.pdf": pdf_past_decompression_limit,
    "ligne-40-millions.xlsx": xlsx_row_40_million,
    "colonne-zzz.xlsx": xlsx_column_zzz,
    "fusions.xlsx": xlsx_merged_ranges,
    "brouillon-geant.xlsx": xlsx_huge_draft,
    "million-colonnes.csv": csv_million_columns,
    "une-ligne-19mo.csv": csv_one_line_19mb,
    "journal-bombe.csv.gz": gzip_bomb,
    "journal-2go.csv.gz": gzip_bomb_of_lines,
    "lot-bombe.zip": zip_bomb,
    "dix-heures.wav": wav_ten_hours,
    "deux-milliards-de-trames.mp3": mp3_two_billion_frames,
    "sans-fin.ogg": ogg_endless,
    "operateurs.mp3": pdf_drawing_operators,     # a PDF renamed: read by its bytes, not its name
    "tronque.pdf": truncated_pdf,
    "pas-un-classeur.xlsx": not_a_workbook,
    "sans-document.docx": docx_without_document,
    "binaire.txt": binary_as_text,
}


def main(directory: str) -> None:
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    for name, make in CORPUS.items():
        data = make()
        (target / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-files")
