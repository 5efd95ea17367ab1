"""Text as users bring it: bytes of unknown encoding, words typed with or without accents, a CSV
whose separator nobody said.

One implementation of each, for every domain that reads uploaded files or compares typed words
(staff tables, proxy logs, documents, the use-case registry, job titles, CVs, names, questions).
"""

from __future__ import annotations

import codecs
import unicodedata

# French exports separate with « ; » (the comma is the decimal mark): it is tried first
DELIMITERS = ";,\t"


def strip_accents(text: str) -> str:
    """`text` without its accents (« rédaction » -> « redaction »): decomposed (NFKD), then the
    combining marks dropped. Ligatures (œ, æ) are letters, not accents: they stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def fold(text: str) -> str:
    """The key under which typed words are compared: lower case (casefolded), accents dropped,
    « œ » and « æ » spelt out, every apostrophe the straight one. Agents type « conge » as often
    as « congé », « coeur » as « cœur », and a phone types « l’agent » where a PC types « l'agent »."""
    return strip_accents(text.translate(APOSTROPHES).translate(LIGATURES)).casefold()


def decode(data: bytes, errors: str = "replace") -> tuple[str, str]:
    """An uploaded file's text and its encoding's name, in French for the user's report.

    UTF-8 when the bytes are UTF-8 (a byte-order mark dropped), else Windows-1252: what Excel
    and older Windows tools write in France. With errors="replace" it never fails (a byte that
    Windows-1252 leaves undefined becomes U+FFFD); with "strict", such a byte raises
    UnicodeDecodeError, and a byte-order mark before bytes that are not UTF-8 is read as
    Windows-1252 with the rest.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8", errors=errors), "UTF-8 (avec BOM)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors=errors), "Windows-1252"


def sniff_delimiter(line: str, candidates: str = DELIMITERS) -> str | None:
    """The candidate separator found most often in `line` (a header or a first row), the earlier
    candidate on a tie; None when `line` holds none of them."""
    counts = {d: line.count(d) for d in candidates}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None
