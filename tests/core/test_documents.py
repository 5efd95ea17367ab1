"""Uploaded documents: text comes out of txt, HTML, PDF and DOCX; hostile files are refused in French."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from collectivia.core.documents import extract_text, unpack_zip
from collectivia.core.errors import InvalidInput
from support import zip_of


def make_docx(paragraphs: list[str], macros: bool = False) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Compétence"
    table.rows[0].cells[1].text = "Excel avancé"
    buffer = io.BytesIO()
    document.save(buffer)
    if not macros:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def make_pdf(text: str | None, pages: int = 1) -> bytes:
    """A real PDF with a text layer (or none, like a scan), written by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    font_id = 3 + 2 * pages
    for i in range(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET" if text else ""
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_plain_text_in_utf8_or_windows_1252():
    assert extract_text("Arrêté n° 12 — congé".encode(), "a.txt").text == "Arrêté n° 12 — congé"
    assert extract_text("Arrêté n° 12".encode("cp1252"), "a.txt").text == "Arrêté n° 12"


def test_html_keeps_the_text_and_drops_scripts():
    html = b"<html><body><h1>Note</h1><script>alert(1)</script><p>Temps partiel</p></body></html>"
    text = extract_text(html, "note.html").text
    assert "Temps partiel" in text and "alert" not in text


def test_docx_paragraphs_and_tables():
    text = extract_text(make_docx(["Gestionnaire paie", "Expérience : 5 ans"]), "cv.docx").text
    assert "Expérience : 5 ans" in text
    assert "Compétence | Excel avancé" in text


def test_docx_macros_are_ignored_and_reported():
    result = extract_text(make_docx(["Lettre de motivation"], macros=True), "lettre.docm")
    assert "Lettre de motivation" in result.text
    assert "macros" in result.warnings[0]


def test_pdf_text_layer_and_page_count():
    result = extract_text(make_pdf("Attestation de service", pages=3), "attestation.pdf")
    assert result.pages == 3
    assert "Attestation de service" in result.text


@pytest.mark.parametrize("data, name, message", [
    (b"", "vide.txt", "est vide"),
    (b"\x00\x01\x02binary" * 100, "image.txt", "binaire"),
    (make_pdf(None), "scan.pdf", "pas de couche texte"),
    (b"%PDF-1.4 garbage", "casse.pdf", "illisible"),
    (b"PK\x03\x04 not a zip", "cv.docx", "illisible"),
    (b"GIF89a....", "photo.gif", "pas pris en charge"),
    (b"{\\rtf1", "vieux.doc", "Word 97-2003"),
])
def test_bad_files_get_a_french_reason(data, name, message):
    with pytest.raises(InvalidInput) as error:
        extract_text(data, name)
    assert message in error.value.message


def test_too_large_and_too_many_pages_are_refused():
    with pytest.raises(InvalidInput, match="trop volumineux"):
        extract_text(b"a" * 2000, "grand.txt", max_bytes=1000)
    with pytest.raises(InvalidInput, match="pages"):
        extract_text(make_pdf("x" * 30, pages=5), "long.pdf", max_pages=4)


def test_odd_unicode_survives():
    text = extract_text("Nom\u200b : Zoë\u0301 ‏שלום 🙂\x07".encode(), "odd.txt").text
    assert "Zoë" in text and "\x07" not in text


def test_a_zip_batch_is_unpacked_without_hidden_files():
    files = dict(unpack_zip(zip_of({"cv1.txt": b"CV un", "dossier/cv2.txt": b"CV deux",
                                    "__MACOSX/._cv1.txt": b"x"}), "lot.zip"))
    assert files == {"cv1.txt": b"CV un", "cv2.txt": b"CV deux"}


def test_a_zip_bomb_is_refused():
    bomb = zip_of({"bombe.txt": b"0" * 50_000_000})
    with pytest.raises(InvalidInput, match="archive piégée"):
        list(unpack_zip(bomb, "lot.zip"))
