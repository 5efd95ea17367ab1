"""What both Légifrance channels produce: a text and the versions of its articles.

Légifrance gives every version of an article its own identifier (LEGIARTI…)
and its own dates: from when it is in force (`valid_from`) and until when
(`valid_until`, exclusive; none while it is still in force). The status says
why a version ended: replaced by a newer one (MODIFIE), repealed (ABROGE),
or not yet in force (VIGUEUR_DIFF). The HR chatbot needs exactly this to cite
the version in force on the day a question is about.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

IN_FORCE = "VIGUEUR"
IN_FORCE_LATER = "VIGUEUR_DIFF"
REPLACED = "MODIFIE"
REPEALED = "ABROGE"
# a version that ended without being replaced: the article no longer exists from then on
ENDED = frozenset({"ABROGE", "ABROGE_DIFF", "ANNULE", "PERIME", "TRANSFERE", "DISJOINT"})
NEVER_IN_FORCE = frozenset({"MODIFIE_MORT_NE"})
FOREVER = date(2999, 1, 1)      # Légifrance's "no end date"
MAX_ARTICLE_CHARS = 200_000


@dataclass
class ArticleVersion:
    """One version of one article, as Légifrance publishes it."""

    legal_id: str                  # LEGIARTI… (or JORFARTI…) of this version
    number: str                    # "L822-3", "1", "3 bis"
    text: str                      # plain text, paragraphs separated by blank lines
    section: list[str] = field(default_factory=list)   # Partie > Livre > Titre > Chapitre…
    valid_from: date | None = None
    valid_until: date | None = None
    status: str = IN_FORCE

    @property
    def ended_without_successor(self) -> bool:
        return self.status in ENDED


@dataclass
class LegalText:
    """A code or a décret with the article versions read from one channel."""

    legal_id: str                  # LEGITEXT… for a code, JORFTEXT… (chronical id) for a décret
    title: str = ""
    nature: str = ""               # CODE, DECRET, LOI, ARRETE…
    nor: str = ""
    version_date: date | None = None   # the consolidation the versions come from
    articles: list[ArticleVersion] = field(default_factory=list)
    complete: bool = False         # every article in force at version_date is present

    @property
    def is_code(self) -> bool:
        return self.nature.upper() == "CODE"


def legal_date(value) -> date | None:
    """A Légifrance date: "2025-03-01", "2025-03-01T00:00:00.000+0000" or milliseconds since
    1970 (the API's JSON); None for the "2999-01-01" that means no end date, or nonsense."""
    if value in (None, "", 0):
        return None
    try:
        if isinstance(value, (int, float)) or (isinstance(value, str) and value.lstrip("-").isdigit()):
            parsed = datetime.fromtimestamp(int(value) / 1000, tz=UTC).date()
        else:
            parsed = date.fromisoformat(str(value).strip()[:10])
    except (ValueError, OverflowError, OSError):
        return None
    return None if parsed >= FOREVER else parsed


_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d|/blockquote)\s*/?\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """The article's HTML (API `texteHtml`/`content`, LEGI `CONTENU`) as plain paragraphs."""
    text = _BLOCK.sub("\n\n", markup or "")
    text = html.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)[:MAX_ARTICLE_CHARS]


def article_number(value: str) -> str:
    """"L. 822-3" -> "L822-3", "1er" -> "1", "Annexe" stays: how the chatbot cites it."""
    value = " ".join((value or "").split()).strip().rstrip(".")
    value = re.sub(r"^(?:Article|Art\.)\s*", "", value, flags=re.I)
    value = re.sub(r"^([LRDA])\.?\s*(?=\d)", r"\1", value)
    return re.sub(r"^(\d+)\s*(?:er|ER)\b", r"\1", value)[:80]


def comparable(text: str) -> str:
    """A text reduced to its words, to tell a real change from a change of typography."""
    text = text.replace("’", "'").replace("\xa0", " ").replace("«", '"').replace("»", '"')
    return " ".join(re.sub(r"[*_`]", "", text).split()).lower()
