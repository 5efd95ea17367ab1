"""Text out of uploaded documents (txt, md, csv, html, PDF, DOCX, ODT, ZIP batches), bounded.

Uploaded files can be huge, malformed or hostile. Every limit here gives a
clear French error (InvalidInput) rather than a crash, a hang or a memory
blow-up: size, pages, drawing operators per page, characters, archive
entries and expansion ratio — the cheap facts are checked before the
expensive parse. The public functions (`extract_text`, `unpack_zip`) run the
parse in a limited child process (see `sandbox`), so even what these checks
do not foresee costs a bounded amount of CPU and memory, off the web process.
Nothing is ever executed: DOCX macros are ignored and reported.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import ClassVar

from collectivia.core import sandbox
from collectivia.core.errors import InvalidInput
from collectivia.core.text import decode

MAX_BYTES = 25_000_000
MAX_PAGES = 300
MAX_CHARS = 2_000_000
MAX_ZIP_ENTRIES = 500
MAX_ZIP_TOTAL = 100_000_000
MAX_ZIP_RATIO = 100
# A text page's content stream is a few kB to a few hundred; a dense vector map a few MB.
MAX_PAGE_CONTENT = 8_000_000
MAX_PAGE_OPERATORS = 400_000
TEXT_KINDS = {".txt": "texte", ".md": "markdown", ".markdown": "markdown", ".csv": "texte"}
HTML_KINDS = {".html", ".htm"}
SUPPORTED = "TXT, Markdown, HTML, PDF, DOCX ou ODT"
ODT_TYPE = b"application/vnd.oasis.opendocument.text"
ODT_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


@dataclass
class ExtractedText:
    text: str
    kind: str            # "texte", "markdown", "html", "pdf", "docx", "odt"
    pages: int = 1
    warnings: list[str] = field(default_factory=list)


def _kind(data: bytes, filename: str) -> str:
    suffix = PurePosixPath(filename.lower()).suffix
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and suffix == ".odt":
        return "odt"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if suffix in {".docx", ".docm", ""} else ("zip" if suffix == ".zip" else "docx")
    if suffix in HTML_KINDS:
        return "html"
    if suffix in TEXT_KINDS or suffix == "":
        return TEXT_KINDS.get(suffix, "texte")
    if suffix == ".pdf":
        raise InvalidInput(f"« {filename} » porte l'extension .pdf mais n'est pas un PDF valide.")
    if suffix in {".docx", ".docm"}:
        raise InvalidInput(f"« {filename} » porte l'extension {suffix} mais n'est pas un document "
                           "Word valide.")
    if suffix == ".odt":
        raise InvalidInput(f"« {filename} » porte l'extension .odt mais n'est pas un document "
                           "OpenDocument valide.")
    if suffix == ".doc":
        raise InvalidInput(f"« {filename} » est au format Word 97-2003 (.doc), non pris en charge : "
                           "enregistrez-le en .docx ou en PDF.")
    raise InvalidInput(f"Le format de « {filename} » n'est pas pris en charge ({SUPPORTED}).")


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), drop NULs and invisible controls, keep line structure."""
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    return re.sub(r"\n{4,}", "\n\n\n", text).strip()


def _decode(data: bytes, filename: str) -> str:
    sample = data[:65536]
    if b"\x00" in sample:
        raise InvalidInput(f"« {filename} » semble être un fichier binaire, pas un texte.")
    try:
        text, _ = decode(data, errors="strict")
    except UnicodeDecodeError:  # pragma: no cover - cp1252 decodes almost everything
        raise InvalidInput(f"L'encodage de « {filename} » n'est pas reconnu (UTF-8 ou Windows-1252).") from None
    controls = sum(1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if controls > max(20, len(text[:65536]) // 20):
        raise InvalidInput(f"« {filename} » semble être un fichier binaire, pas un texte.")
    return text


class _HTMLText(HTMLParser):
    BLOCKS: ClassVar[set[str]] = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
        "table", "ul", "ol", "pre", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "noscript", "template"}:
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "noscript", "template"}:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _html(text: str) -> str:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _check_page(page, number: int, filename: str) -> None:
    """Refuse a page whose content stream is too large, or holds too many operators, to read.

    The operator count is estimated from the stream's tokens (C speed): a
    page of millions of drawing operators is refused here in milliseconds
    instead of costing minutes of text extraction.
    """
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    operators = data.count(b"\n") + data.count(b" ") // 3
    if len(data) > MAX_PAGE_CONTENT or operators > MAX_PAGE_OPERATORS:
        raise InvalidInput(f"La page {number} de « {filename} » est trop complexe pour en lire le "
                           f"texte (environ {operators:,} opérations de dessin) : le fichier a été "
                           "refusé. Envoyez une version texte ou un PDF exporté depuis le "
                           "traitement de texte.".replace(",", " "))


def _pdf(data: bytes, filename: str, max_pages: int) -> tuple[str, int]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InvalidInput(f"« {filename} » est protégé par un mot de passe : "
                               "envoyez une version non protégée.")
        pages = len(reader.pages)
        if pages > max_pages:
            raise InvalidInput(f"« {filename} » compte {pages} pages : la limite est de "
                               f"{max_pages} pages.")
        texts = []
        total = 0
        for number, page in enumerate(reader.pages, start=1):
            _check_page(page, number, filename)
            chunk = page.extract_text() or ""
            total += len(chunk)
            if total > MAX_CHARS:
                raise InvalidInput(f"« {filename} » contient trop de texte "
                                   f"(plus de {MAX_CHARS:,} caractères).".replace(",", " "))
            texts.append(chunk)
    except InvalidInput:
        raise
    except LimitReachedError as exc:          # pypdf's own bound on one object, inflated
        raise InvalidInput(f"« {filename} » contient un objet qui se décompresse en un volume "
                           "anormal (fichier piégé ?) : il a été refusé.") from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            NotImplementedError, OSError, IndexError, ZeroDivisionError) as exc:
        raise InvalidInput(f"Le PDF « {filename} » est illisible ou endommagé.") from exc
    text = "\n\n".join(texts)
    if pages and len(text.strip()) < 20:
        raise InvalidInput(f"« {filename} » n'a pas de couche texte (document scanné ?) : "
                           "faites-le passer par une reconnaissance de caractères (OCR) "
                           "ou envoyez l'original.")
    return text, pages


def _check_zip(archive: zipfile.ZipFile, filename: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InvalidInput(f"« {filename} » contient trop de fichiers ({len(infos)}).")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_ZIP_TOTAL or total / packed > MAX_ZIP_RATIO:
        raise InvalidInput(f"« {filename} » se décompresse en un volume anormal "
                           "(archive piégée ?) : il a été refusé.")


def _docx(data: bytes, filename: str) -> tuple[str, list[str]]:
    import docx

    warnings = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_zip(archive, filename)
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise InvalidInput(f"« {filename} » n'est pas un document Word (.docx) valide.")
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                warnings.append(f"« {filename} » contient des macros : elles ont été ignorées "
                                "(jamais exécutées).")
        document = docx.Document(io.BytesIO(data))
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput(f"Le document Word « {filename} » est illisible ou endommagé.") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx raises many parser errors
        raise InvalidInput(f"Le document Word « {filename} » est illisible ou endommagé.") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell.text not in cells:  # merged cells repeat their text
                    cells.append(cell.text)
            lines.append(" | ".join(cells))
    return "\n".join(lines), warnings


def _odt(data: bytes, filename: str) -> str:
    """The paragraphs and headings of an OpenDocument text. Its XML may declare no DOCTYPE:
    entities are how an XML file expands a few bytes into gigabytes or reads local files."""
    from xml.etree import ElementTree

    unreadable = f"Le document OpenDocument « {filename} » est illisible ou endommagé."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_zip(archive, filename)
            if archive.read("mimetype").strip() != ODT_TYPE:
                raise InvalidInput(f"« {filename} » n'est pas un texte OpenDocument (.odt).")
            content = archive.read("content.xml")
        if b"<!DOCTYPE" in content.upper() or b"<!ENTITY" in content.upper():
            raise InvalidInput(f"« {filename} » déclare des entités XML : il a été refusé.")
        root = ElementTree.fromstring(content)
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ElementTree.ParseError) as exc:
        raise InvalidInput(unreadable) from exc
    lines = ["".join(node.itertext()) for node in root.iter()
             if node.tag in (f"{ODT_TEXT}p", f"{ODT_TEXT}h")]
    return "\n".join(lines)


def _display_name(filename: str) -> str:
    return PurePosixPath(filename or "document").name[:200] or "document"


def extract_text(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES,
                 max_pages: int = MAX_PAGES) -> ExtractedText:
    """The text of one uploaded document, or InvalidInput with a French reason.

    Parsed in a limited child process; the size is checked here first so an
    oversized file is not even copied to it.
    """
    name = _display_name(filename)
    if len(data) > max_bytes:
        raise InvalidInput(f"« {name} » est trop volumineux ({len(data) / 1e6:.1f} Mo ; "
                           f"limite {max_bytes / 1e6:.0f} Mo).")
    return sandbox.run(read_document, data, filename, max_bytes, max_pages,
                       subject=f"Le fichier « {name} »")


def read_document(data: bytes, filename: str, max_bytes: int = MAX_BYTES,
                  max_pages: int = MAX_PAGES) -> ExtractedText:
    """`extract_text` in the current process: only for the sandbox's child (or a trusted file)."""
    filename = _display_name(filename)
    if not data:
        raise InvalidInput(f"« {filename} » est vide.")
    if len(data) > max_bytes:
        raise InvalidInput(f"« {filename} » est trop volumineux ({len(data) / 1e6:.1f} Mo ; "
                           f"limite {max_bytes / 1e6:.0f} Mo).")
    kind = _kind(data, filename)
    warnings: list[str] = []
    pages = 1
    if kind == "pdf":
        text, pages = _pdf(data, filename, max_pages)
    elif kind == "docx":
        text, warnings = _docx(data, filename)
    elif kind == "odt":
        text = _odt(data, filename)
    elif kind == "zip":
        raise InvalidInput(f"« {filename} » est une archive ZIP : déposez-la comme lot de fichiers.")
    elif kind == "html":
        text = _html(_decode(data, filename))
    else:
        text = _decode(data, filename)
    if len(text) > 2 * MAX_CHARS:     # the cheap check first: cleaning is a per-character loop
        raise InvalidInput(f"« {filename} » contient trop de texte (limite {MAX_CHARS:,} "
                           "caractères).".replace(",", " "))
    text = clean_text(text)
    if len(text) > MAX_CHARS:
        raise InvalidInput(f"« {filename} » contient trop de texte (limite {MAX_CHARS:,} "
                           "caractères).".replace(",", " "))
    if not text:
        raise InvalidInput(f"« {filename} » ne contient aucun texte.")
    return ExtractedText(text=text, kind=kind, pages=pages, warnings=warnings)


def unpack_zip(data: bytes, filename: str, *, max_files: int = 200) -> list[tuple[str, bytes]]:
    """The files of a ZIP batch (folders and hidden files skipped), unpacked in a limited child."""
    return sandbox.run(read_zip, data, filename, max_files,
                       subject=f"L'archive « {_display_name(filename)} »")


def read_zip(data: bytes, filename: str, max_files: int = 200) -> list[tuple[str, bytes]]:
    """`unpack_zip` in the current process, bomb-checked on the declared sizes first.

    Each member is read with a hard cap, so a lying header cannot expand past it.
    """
    return list(_members(data, filename, max_files))


def _members(data: bytes, filename: str, max_files: int) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InvalidInput(f"« {filename} » n'est pas une archive ZIP valide.") from exc
    with archive:
        _check_zip(archive, filename)
        members = [i for i in archive.infolist() if not i.is_dir()
                   and not PurePosixPath(i.filename).name.startswith((".", "__MACOSX"))
                   and "__MACOSX" not in i.filename]
        if len(members) > max_files:
            raise InvalidInput(f"« {filename} » contient {len(members)} fichiers : la limite est "
                               f"de {max_files} par lot.")
        for info in members:
            if info.flag_bits & 0x1:
                raise InvalidInput(f"« {filename} » est chiffrée : envoyez une archive sans mot de passe.")
            try:
                with archive.open(info) as member:
                    content = member.read(min(MAX_BYTES, info.file_size) + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise InvalidInput(f"« {filename} » est endommagée : « {info.filename[:100]} » "
                                   "ne se décompresse pas.") from exc
            if len(content) > info.file_size:
                raise InvalidInput(f"« {filename} » ment sur la taille de ses fichiers "
                                   "(archive piégée ?) : elle a été refusée.")
            yield PurePosixPath(info.filename).name, content
