"""The LEGI open-data export of the DILA: one XML file per article version, read safely.

The format is documented by the DILA with the LEGI dataset (see data/SOURCES.md):
an archive (`Freemium_legi_global_AAAAMMJJ-HHMMSS.tar.gz`, then a daily
`LEGI_AAAAMMJJ-HHMMSS.tar.gz` of what changed) holds, per text, `article/…/
LEGIARTI….xml` files (root `ARTICLE`: `META/META_COMMUN/ID`,
`META/META_SPEC/META_ARTICLE/{NUM, ETAT, DATE_DEBUT, DATE_FIN}`, the text it
belongs to and its headings in `CONTEXTE/TEXTE` (`cid`, `nature`, `TITRE_TXT`,
nested `TM/TITRE_TM`), the text itself in `BLOC_TEXTUEL/CONTENU`), and
`texte/version/….xml` files (root `TEXTE_VERSION`: title and NOR of the text).
Section and structure files are not needed: every article carries its path.

The XML comes from outside: a parser that resolves no entity, loads no DTD and
opens no network connection; a declared entity is refused outright; every
file and the whole archive are bounded in size and count, read in memory
without anything being extracted to disk.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from collectivia.core import clock
from collectivia.core.errors import InvalidInput
from collectivia.knowledge.legal.articles import (ArticleVersion, LegalText, article_number,
                                                  html_to_text, legal_date)

MAX_FILE_BYTES = 5_000_000          # the longest LEGI article file is far below
MAX_FILES = 400_000                 # the global archive holds ~ 2 million; filter by text
MAX_TOTAL_BYTES = 4_000_000_000     # read from an archive, uncompressed
ARCHIVE_DATE = re.compile(r"(?:legi_global_|LEGI_)(\d{4})(\d{2})(\d{2})", re.I)
TOP_LEVEL = ("partie législative", "partie réglementaire", "partie arrêtés")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


def parse_xml(data: bytes, name: str = "") -> etree._Element:
    """The root element of one LEGI file, or a French error saying why it was refused."""
    label = f"« {name} »" if name else "Le fichier"
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"{label} dépasse {MAX_FILE_BYTES // 1_000_000} Mo : ce n'est pas un "
                           "fichier d'article LEGI.")
    if b"<!ENTITY" in data[:4096] or b"<!entity" in data[:4096]:
        raise InvalidInput(f"{label} déclare des entités XML : il est refusé par sécurité "
                           "(les fichiers LEGI n'en contiennent pas).")
    try:
        return etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"{label} n'est pas un XML valide ({exc.msg}).") from exc


def _text(element, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def _section_path(texte) -> list[str]:
    """The headings above the article (Livre > Titre > Chapitre…), the last title of each level."""
    path: list[str] = []
    level = texte
    while level is not None:
        tm = level.find("TM")
        if tm is None:
            break
        titles = tm.findall("TITRE_TM")
        if titles:
            title = " ".join("".join(titles[-1].itertext()).split())
            if title and title.lower() not in TOP_LEVEL:
                path.append(title)
        level = tm
    return path


def _content(root) -> str:
    bloc = root.find("BLOC_TEXTUEL/CONTENU")
    if bloc is None:
        return ""
    inner = (bloc.text or "") + "".join(etree.tostring(child, encoding="unicode")
                                        for child in bloc)
    return html_to_text(inner)


@dataclass
class ParsedArticle:
    """An article version and the text it belongs to (from its CONTEXTE)."""

    text_id: str
    text_title: str
    nature: str
    nor: str
    version: ArticleVersion


def read_article(root) -> ParsedArticle:
    """An `ARTICLE` element as an article version of its text."""
    meta = root.find("META/META_SPEC/META_ARTICLE")
    legal_id = _text(root, "META/META_COMMUN/ID")
    texte = root.find("CONTEXTE/TEXTE")
    if meta is None or not legal_id or texte is None:
        raise InvalidInput("Un fichier ARTICLE n'a pas d'identifiant, de numéro ou de texte "
                           "de rattachement : ce n'est pas un article LEGI.")
    status = _text(meta, "ETAT") or "VIGUEUR"
    version = ArticleVersion(
        legal_id=legal_id, number=article_number(_text(meta, "NUM")) or legal_id[-6:],
        text=_content(root), section=_section_path(texte),
        valid_from=legal_date(_text(meta, "DATE_DEBUT")),
        valid_until=legal_date(_text(meta, "DATE_FIN")), status=status)
    title_element = texte.find("TITRE_TXT")
    title = ""
    if title_element is not None:
        title = title_element.get("c_titre_court") or " ".join("".join(
            title_element.itertext()).split())
    return ParsedArticle(texte.get("cid", ""), title, texte.get("nature", ""), texte.get("nor", ""),
                         version)


@dataclass
class TextMeta:
    text_id: str
    title: str
    nature: str
    nor: str


def read_text_version(root) -> TextMeta:
    """A `TEXTE_VERSION` element: the text's full title and NOR."""
    spec = root.find("META/META_SPEC")
    return TextMeta(_text(spec, "META_TEXTE_CHRONICLE/CID") or _text(root, "META/META_COMMUN/ID"),
                    _text(spec, "META_TEXTE_VERSION/TITREFULL")
                    or _text(spec, "META_TEXTE_VERSION/TITRE"),
                    _text(root, "META/META_COMMUN/NATURE"),
                    _text(spec, "META_TEXTE_CHRONICLE/NOR"))


def _files(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every XML file in a file, a directory or a .tar.gz archive, bounded."""
    if not path.exists():
        raise InvalidInput(f"« {path} » n'existe pas.")
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.xml") if p.is_file() and not p.is_symlink())
        if len(found) > MAX_FILES:
            raise InvalidInput(f"Le dossier contient plus de {MAX_FILES} fichiers XML : importez "
                               "un texte à la fois.")
        for file in found:
            if file.stat().st_size > MAX_FILE_BYTES:
                raise InvalidInput(f"« {file.name} » dépasse {MAX_FILE_BYTES // 1_000_000} Mo.")
            yield file.name, file.read_bytes()
        return
    if path.name.endswith((".tar.gz", ".tgz", ".tar")):
        yield from _archive_files(path)
        return
    if path.suffix.lower() != ".xml":
        raise InvalidInput(f"« {path.name} » n'est ni un fichier XML LEGI, ni un dossier, ni une "
                           "archive .tar.gz de la DILA.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"« {path.name} » dépasse {MAX_FILE_BYTES // 1_000_000} Mo : ce n'est "
                           "pas un fichier d'article LEGI.")
    yield path.name, path.read_bytes()


def _archive_files(path: Path) -> Iterator[tuple[str, bytes]]:
    count = total = 0
    try:
        with tarfile.open(path, mode="r|*") as archive:     # streamed: no random access, no disk
            for member in archive:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                count += 1
                total += member.size
                if count > MAX_FILES or total > MAX_TOTAL_BYTES:
                    raise InvalidInput("L'archive dépasse les limites d'import (nombre de fichiers "
                                       "ou taille décompressée) : importez une archive plus petite.")
                if member.size > MAX_FILE_BYTES:
                    raise InvalidInput(f"« {member.name} » dépasse {MAX_FILE_BYTES // 1_000_000} Mo.")
                handle = archive.extractfile(member)
                if handle is not None:
                    yield member.name, handle.read(MAX_FILE_BYTES + 1)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise InvalidInput(f"« {path.name} » n'est pas une archive tar.gz lisible ({exc}).") from exc


def archive_date(path: Path) -> date | None:
    """The date of a DILA archive from its name (Freemium_legi_global_20250713-140000.tar.gz)."""
    match = ARCHIVE_DATE.search(path.name)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def read_path(path: Path, wanted: set[str] | None = None,
              version_date: date | None = None) -> list[LegalText]:
    """The texts found in a LEGI file, directory or archive, with every article version.

    `wanted` keeps only these texts (LEGITEXT/JORFTEXT ids): the global archive holds the
    whole French law. `version_date` is the consolidation the export reflects: the archive
    date from its name unless given, else the latest version date read.
    """
    texts: dict[str, LegalText] = {}
    metas: dict[str, TextMeta] = {}
    for name, data in _files(path):
        root = parse_xml(data, name)
        if root.tag == "TEXTE_VERSION":
            meta = read_text_version(root)
            metas[meta.text_id] = meta
            continue
        if root.tag != "ARTICLE":
            continue                # sections and structures: every article carries its path
        parsed = read_article(root)
        if wanted is not None and parsed.text_id not in wanted:
            continue
        text = texts.setdefault(parsed.text_id, LegalText(parsed.text_id, parsed.text_title,
                                                          parsed.nature, parsed.nor))
        text.articles.append(parsed.version)
    if not texts:
        raise InvalidInput("Aucun article LEGI " + ("des textes suivis " if wanted else "")
                           + "n'a été trouvé : vérifiez le fichier (export LEGI de la DILA).")
    for text_id, text in texts.items():
        found = metas.get(text_id)
        if found is not None:
            text.title = found.title or text.title
            text.nor = found.nor or text.nor
            text.nature = found.nature or text.nature
        seen = [d for a in text.articles for d in (a.valid_from, a.valid_until) if d]
        latest = min(max(seen), clock.now().date()) if seen else None
        text.version_date = version_date or archive_date(path) or latest
    return list(texts.values())
