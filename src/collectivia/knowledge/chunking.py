"""Cut documents into the passages the index searches and the answers cite.

Legal texts are cut one chunk per article, keeping the article's exact id
("L621-1", "L135-6 A") and the path of headings above it (Livre > Titre >
Chapitre > Section), because an answer must cite an article, not a page.
Other documents (notes de service, délibérations) are cut on their own
"Article N" markers when they have some, otherwise on headings and then on
paragraphs, so that every chunk stays readable on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.core.french import parse_date

# "**Art. L621-1**" in the shipped code; "Article 12", "Art. 3 bis" in uploaded texts
CODE_ARTICLE = re.compile(r"^\*\*Art\.\s+(?P<ref>[^*]+?)\*\*\s*$", re.M)
PLAIN_ARTICLE = re.compile(
    r"^(?:#+\s*|\*\*)?(?:Article|Art\.)\s+(?P<ref>(?:[LRD]\.?\s?)?\d+(?:[-.]\d+)*(?:\s(?:bis|ter|quater|[A-Z]))?)"
    r"(?:\*\*)?\s*(?:[:.\-–—]\s*(?P<title>.*))?$", re.M | re.I)
HEADING = re.compile(r"^(?P<hashes>#{1,8})\s+(?P<title>.+?)\s*#*\s*$", re.M)
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)

MAX_CHUNK_CHARS = 1500   # a paragraph window for documents without articles
TOP_LEVEL_TITLES = ("partie législative", "partie réglementaire")
ENUM_ITEM = re.compile(r"^(?:\d+°|[a-z]\)|[IVX]+\.|-|•)\s")
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])")
MAX_UNIT_CHARS = 700


@dataclass
class ChunkDraft:
    """A passage before it is stored: its citable reference and where it sits in the text."""

    ref: str                     # "L621-1", or "§3" for a document without articles
    text: str
    section: list[str] = field(default_factory=list)
    is_article: bool = True

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)

    def heading(self, levels: int = 3) -> str:
        """The nearest headings, without their "Chapitre II :" numbering, for the index."""
        return heading_of(self.section, levels)


def heading_of(section: list[str], levels: int = 3) -> str:
    """"Titre II : CONGÉS ANNUELS" > "Section 1 : Congés" -> "Congés annuels — Congés"."""
    titles = [_strip_numbering(t) for t in section[-levels:]]
    return " — ".join(t.capitalize() if t.isupper() else t for t in titles if t)


def _strip_numbering(title: str) -> str:
    return re.sub(r"^(?:Livre|Titre|Chapitre|Section|Sous-section|Paragraphe)\s+[\wèé]+\s*:\s*",
                  "", title, flags=re.I).strip()


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` header of a Markdown file, and the text after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group("body").splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip()
    return meta, text[match.end():]


# the knowledge files' « date: » and the import form read dates as every form does
parse_version_date = parse_date


def _headings_before(text: str) -> list[tuple[int, int, str]]:
    """(offset, level, title) of every Markdown heading."""
    return [(m.start(), len(m.group("hashes")), m.group("title").strip())
            for m in HEADING.finditer(text)]


class _SectionWalker:
    """The heading path at increasing offsets, in one pass over the headings."""

    def __init__(self, headings: list[tuple[int, int, str]]):
        self.headings = headings
        self.next = 0
        self.path: dict[int, str] = {}

    def at(self, offset: int) -> list[str]:
        while self.next < len(self.headings) and self.headings[self.next][0] <= offset:
            _, level, title = self.headings[self.next]
            self.path = {lvl: t for lvl, t in self.path.items() if lvl < level}
            self.path[level] = title
            self.next += 1
        return [t for _, t in sorted(self.path.items()) if t.lower() not in TOP_LEVEL_TITLES]


def _clean_body(body: str) -> str:
    body = HEADING.sub("", body)
    lines = [line.rstrip() for line in body.strip().splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _split_on(pattern: re.Pattern, text: str) -> list[ChunkDraft]:
    walker = _SectionWalker(_headings_before(text))
    matches = list(pattern.finditer(text))
    drafts = []
    seen: dict[str, int] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = _clean_body(text[match.end():end])
        title = (match.groupdict().get("title") or "").strip()
        if title:
            body = f"{title}\n\n{body}".strip()
        if not body:
            continue
        ref = _normalise_ref(match.group("ref"))
        seen[ref] = seen.get(ref, 0) + 1
        if seen[ref] > 1:          # the same number twice (annexes): keep both, citable apart
            ref = f"{ref} ({seen[ref]})"
        drafts.append(ChunkDraft(ref=ref, text=body, section=walker.at(match.start())))
    return drafts


def _normalise_ref(ref: str) -> str:
    ref = re.sub(r"\s+", " ", ref.strip().rstrip(".:"))
    return re.sub(r"^([LRD])\.\s?(?=\d)", r"\1", ref)


def _paragraph_windows(text: str) -> list[ChunkDraft]:
    """Headings first, then paragraphs packed up to MAX_CHUNK_CHARS."""
    headings = _headings_before(text)
    bounds = [h[0] for h in headings] + [len(text)]
    pieces = [(0, text[:bounds[0]])] + [(bounds[i], text[bounds[i]:bounds[i + 1]])
                                        for i in range(len(headings))]
    drafts: list[ChunkDraft] = []
    walker = _SectionWalker(headings)
    for offset, piece in pieces:
        section = walker.at(offset)
        buffer = ""
        for paragraph in re.split(r"\n\s*\n", _clean_body(piece)):
            paragraph = paragraph.strip()
            if not paragraph:
                continue
            if buffer and len(buffer) + len(paragraph) > MAX_CHUNK_CHARS:
                drafts.append(ChunkDraft(ref="", text=buffer, section=section, is_article=False))
                buffer = ""
            while len(paragraph) > MAX_CHUNK_CHARS:    # one huge paragraph: cut on sentences
                cut = paragraph.rfind(". ", 0, MAX_CHUNK_CHARS) + 1 or MAX_CHUNK_CHARS
                drafts.append(ChunkDraft(ref="", text=paragraph[:cut].strip(), section=section,
                                         is_article=False))
                paragraph = paragraph[cut:].strip()
            buffer = f"{buffer}\n\n{paragraph}".strip()
        if buffer:
            drafts.append(ChunkDraft(ref="", text=buffer, section=section, is_article=False))
    for number, draft in enumerate(drafts, start=1):
        draft.ref = f"§{number}"
    return drafts


def chunk_document(text: str) -> list[ChunkDraft]:
    """Chunks of a document: per article when it has articles, else per heading/paragraph."""
    _, body = front_matter(text)
    if len(CODE_ARTICLE.findall(body)) >= 1:
        return _split_on(CODE_ARTICLE, body)
    if len(PLAIN_ARTICLE.findall(body)) >= 2:
        return _split_on(PLAIN_ARTICLE, body)
    return _paragraph_windows(body)


def normalise_article_id(value: str) -> str:
    """`L. 621-1`, `art. L621-1`, `L621-1` -> `L621-1` (as the eval README asks)."""
    value = re.sub(r"^(?:art(?:icle)?\.?\s*)", "", value.strip(), flags=re.I)
    value = re.sub(r"^([LRD])\.?\s*(?=\d)", r"\1", value)
    return re.sub(r"\s+", " ", value).strip()


def units_of(text: str) -> list[str]:
    """Sentences, with enumerations kept under the line that introduces them."""
    units: list[str] = []
    for paragraph in [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]:
        if units and ENUM_ITEM.match(paragraph) and units[-1].rstrip().endswith((":", ";")):
            if len(units[-1]) + len(paragraph) < MAX_UNIT_CHARS * 2:
                units[-1] = f"{units[-1]}\n{paragraph}"
                continue
        if ENUM_ITEM.match(paragraph) or paragraph.endswith(":"):
            units.append(paragraph)
            continue
        units.extend(s.strip() for s in SENTENCE_END.split(paragraph) if s.strip())
    return units
