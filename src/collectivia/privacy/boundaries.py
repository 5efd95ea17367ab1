"""Where a span found by the model starts and ends, by the annotation convention.

The model sometimes takes the word before a value with it (« en temps
partiel thérapeutique », « Dr Martin », « : 06 12… »). The convention every
data set follows is plain: a health span is the noun group without what
introduces it, a name leaves out the civility or the title, no span starts
or ends with a blank or a separator. Trimming here costs nothing in recall
(the value itself is still covered) and makes replacements read naturally:
« Je suis en [donnée de santé retirée] ».
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.names import NOT_NAMES, fold

# Ranks of police, firefighters and the army written before a name (« le BC Lanza »).
RANKS = (r"(?:Cne|Capitaine|Cdt|Commandant|Col\.?|Colonel|Lt|Lieutenant|Adj\.?|Adjudant|Sgt|"
         r"Sergent|Cpl|Caporal|Gal|Général|BCP?|GB|Brigadier(?:-chef)?)(?![\w-])")
LEADING = {
    "HEALTH": re.compile(
        r"(?:(?:en|un|une|d['’]un|d['’]une|de|du|des|la|le|les|l['’]|sa|son|ses|mon|ma|mes|"
        r"pour|suite\s+à|après|est|était|atteinte?|souffre|souffrant|victime|d['’])\s+|[dl]['’])+",
        re.IGNORECASE),
    "PERSON": re.compile(
        r"(?:(?:M\.?|Mme|Mlle|MM\.|Mmes|Madame|Monsieur|Mademoiselle|Dr\.?|Docteur|Pr\.?|"
        r"Professeur|Maître|Me|Bonjour|Merci|Cher|Chère|(?:Le|La)(?=\s+" + RANKS + r")|"
        + RANKS + r")\s+)+"),
    "UNION": re.compile(r"(?:(?:est|était|au|à\s+la|du|de\s+la)\s+)+", re.IGNORECASE),
}
LONE_INITIAL = re.compile(r"[^\W\d_]\.")
NAME_PART = re.compile(r"[^\W\d_]{2}|[^\W\d_]\.")  # two letters, or an initial with its dot
SEPARATORS = " \t\n,;:–—-|/<>«»\"“”"


def tidy(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The span without what the convention leaves outside, or None if nothing is left."""
    while start < end and text[start] in SEPARATORS + "(.":
        start += 1
    while end > start and text[end - 1] in SEPARATORS + ".":
        if text[end - 1] == "." and label == "PERSON" and _initial_before(text, end - 1):
            break                                   # « J.-P. » keeps its dots
        end -= 1
    if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    leading = LEADING.get(label)
    if leading:
        m = leading.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    if label == "PERSON" and not _may_be_a_name(text[start:end]):
        return None
    return (start, end) if end > start else None


def _may_be_a_name(value: str) -> bool:
    """« permis B », « B. », « PROFIL », « Objet » hold no name (calibration: F1 +0.001, same leak)."""
    if not NAME_PART.search(value) or LONE_INITIAL.fullmatch(value):
        return False
    words = re.findall(r"\w+", value)
    return not all(fold(word) in NOT_NAMES for word in words)


def _initial_before(text: str, dot: int) -> bool:
    """A dot that ends a one-letter initial (« P. », « J.-M. »)."""
    return dot >= 1 and text[dot - 1].isalpha() and (dot < 2 or not text[dot - 2].isalpha())
