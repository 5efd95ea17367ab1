"""Numbers dictated rather than typed: a voicemail transcribed, a note taken on the phone.

« joignable au zéro six trente-neuf quatre-vingt-dix-huit douze quatorze » is a
telephone number as much as « 06 39 98 12 14 »: the typed patterns never see it,
because it has few digits or none. Speech-to-text and hurried notes mix both
(« 06 seize 27 cinquante-trois 08 », « deux 95 zéro trois 44 cent neuf … »), so a run of
numbers said or typed is read as French numbers (« quatre-vingt-dix-huit » is 98,
« cent neuf » 109, « zéro » a digit of its own) and what the digits spell decides:
ten digits from a « 0 » (or « plus trente-trois » and nine) are a telephone, fifteen
from a 1 or a 2 a NIR (its key is not checked: a NIR misread is still a NIR), thirteen or
fourteen next to « sécu » (on its line or the line before) or before « clé » a NIR read
without its key or with a digit lost (its key, said after « clé », joins it), and any run after « matricule » a matricule. A Corsican department is said
« deux a » or « deux b »: that letter stays inside the run.
A run needs at least one number in words: typed numbers are the typed patterns' job, but
13 typed digits with their key said apart (« 2881133063512 clé 37 »), or alone next to
« sécu », are a NIR read aloud too.
A birth date said in words after « né le » or « née en » (« quatorze juin quatre-vingt-cinq »,
« mil neuf cent soixante-dix-sept ») is a birth date.
"""

from __future__ import annotations

import re
from itertools import pairwise

from collectivia.core.text import fold
from collectivia.privacy.echoes import french_words
from collectivia.privacy.recognizers.base import Span, left
from collectivia.privacy.recognizers.numbers import BIRTH_LEFT, MONTHS, NOT_A_NIR, SEP, SOCIAL_SECURITY

_UNITS = (r"z[ée]ro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
          r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cent|et")
_WORD = rf"(?:{_UNITS})(?:-(?:{_UNITS}))*"
# A number said in one word or hyphened words (« quatre-vingt-dix-huit »), or a hesitation inside one.
SAID_NUMBER_WORD = rf"(?:{_WORD}|euh)"
_GAP = r"(?:[ \t]+|[ \t]*[,.][ \t]*)"
_YEAR_WORD = rf"(?:mil|mille|{_WORD})"
DICTATED_BIRTH_DATE = re.compile(
    BIRTH_LEFT + r"[ \t:]+(?:(?:le[ \t]+)?((?:premier|" + _WORD + rf")(?:{_GAP}{_WORD})?{_GAP}" + MONTHS
    + rf"(?:{_GAP}{_YEAR_WORD}){{1,6}})|en[ \t]+((?:{_YEAR_WORD})(?:{_GAP}{_YEAR_WORD}){{1,5}}))(?![\w-])",
    re.IGNORECASE)

_NIR_BODY = (r"(?<![\w])[12378]" + SEP + r"\d{2}" + SEP + r"(?:0[1-9]|1[0-2]|[2-9]\d)" + SEP
             + r"(?:\d{2}|2[AB])" + SEP + r"\d{3}" + SEP + r"\d{3}")
KEYLESS_NIR = re.compile(_NIR_BODY + r"(?:[ \t]*,?[ \t]*(?:cl[ée]f?|key)[ \t]*:?[ \t]*\d{2})?(?![\w])",
                         re.IGNORECASE)


def find_dictated_birth_date(text: str, _artifacts: object = None) -> list[Span]:
    return [(m.start(m.lastindex), m.end(m.lastindex), "DATE_OF_BIRTH", 0.85)  # type: ignore[arg-type]  # the pattern has groups
            for m in DICTATED_BIRTH_DATE.finditer(text)]


def find_keyless_nir(text: str, _artifacts: object = None) -> list[Span]:
    """13 digits shaped like a NIR, with its key said apart (« clé 37 ») or next to « sécu »."""
    found = []
    for m in KEYLESS_NIR.finditer(text):
        if NOT_A_NIR.search(left(text, m.start(), 30)):
            continue
        keyed = re.search(r"(?i)cl[ée]|key", m.group())
        said = SOCIAL_SECURITY.search(left(text, m.start(), 40)) or SOCIAL_SECURITY.search(text, m.end(), m.end() + 20)
        if keyed or said:
            found.append((m.start(), m.end(), "NIR", 0.85))
    return found


# --- Runs of numbers said in words ------------------------------------------
_UNIT = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
         "huit": 8, "neuf": 9}
_TEEN = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_ZERO = {"zéro", "zero"}
_HUNDRED = {"cent", "cents"}
_SAID = _ZERO | _HUNDRED | set(_UNIT) | set(_TEEN) | set(_TENS) | {"et"}
# an atom is a digit group or one word; hyphens split « quatre-vingt-dix-huit » into words
_ATOM = re.compile(r"\d{1,4}|[^\W\d_]+", re.IGNORECASE)
# what may stand between two atoms of one run: blanks, a comma, a dot, a hyphen, a hesitation
_BETWEEN = re.compile(r"(?:[ \t]*[,.\-–/…]{0,3}[ \t]*(?:euh[ \t,.…]*)?)", re.IGNORECASE)
_MATRICULE = re.compile(r"(?i)matricule|\bmatr?\b\.?|n°\s*(?:d['’])?agent|numéro\s+(?:d['’])?agent")
_PLUS = re.compile(r"(?i)(?:\+|\bplus)[ \t]*$")
# A telephone spoken of just before a run of numbers, on its line or the line before (the words of
# `numbers.PHONE_CUE`, which must end right before a number); a switchboard is nobody's.
_TELEPHONE_SAID = re.compile(r"(?i)\bnum(?:éro|ero)?\b|\bt[ée]l(?:[ée]phone)?\b|\bportable\b|\bmobile\b"
                             r"|\b(?:joindre|appeler|rappeler|joignable)\b")
_SWITCHBOARD = re.compile(r"(?i)\bstandard\b|\baccueil\b")


def _mobile_asked(text: str, begin: int) -> bool:
    before = left(text, begin, 80, same_line=False)
    return bool(_TELEPHONE_SAID.search(before)) and not _SWITCHBOARD.search(before)
# « son iban c'est F R soixante-seize vingt zéro quatre … »: the country said as letters, then the
# 25 digits of a French IBAN (its key and bank codes) in words and digits.
_IBAN_COUNTRY = re.compile(r"(?i)\bf[ \t.]?r[ \t.,:]*$")
_IBAN_DIGITS = 25
# « … zéro quatorze clé quatre-vingt-trois »: a NIR's key said apart, after the word for it
_SAID_KEY = re.compile(r"[ \t]*,?[ \t]*(?:la[ \t]+)?(?:cl[ée]f?|key)[ \t]*(?::|c'est|est)?[ \t]*", re.IGNORECASE)
_CORSICA = {"a", "b"}


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Maximal runs of atoms that are digit groups or number words, on one line."""
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    for m in _ATOM.finditer(text):
        word = m.group().lower()
        if word == "euh" and run:
            continue  # a hesitation inside a number; _BETWEEN lets it through
        corsican = word in _CORSICA and bool(run) and run[-1][2] in ("deux", "2")
        if not (word.isdigit() or word in _SAID or corsican):
            if run:
                runs.append(run)
            run = []
            continue
        if run and not _BETWEEN.fullmatch(text, run[-1][1], m.start()):
            runs.append(run)
            run = []
        run.append((m.start(), m.end(), word))
    if run:
        runs.append(run)
    return runs


def _read_number(words: list[str], i: int) -> tuple[str, int] | None:
    """The French number starting at words[i], as its decimal digits, and where it ends."""
    word = words[i]
    if word.isdigit():
        return word, i + 1
    if word in _ZERO:
        return "0", i + 1
    if word in _CORSICA:
        return word.upper(), i + 1
    at = lambda k: words[k] if k < len(words) else ""  # noqa: E731 - a bounded look-ahead
    value, j = 0, i
    if at(j) in _UNIT and at(j + 1) in _HUNDRED:
        value, j = _UNIT[at(j)] * 100, j + 2
    elif at(j) in _HUNDRED:
        value, j = 100, j + 1
    if at(j) == "quatre" and at(j + 1) in ("vingt", "vingts"):
        value, j = value + 80, j + 2
        tens = 80
    elif at(j) in _TENS:
        value, j, tens = value + _TENS[at(j)], j + 1, _TENS[at(j)]
    else:
        tens = 0
    if tens in (60, 80) and at(j) in _TEEN:
        value, j = value + _TEEN[at(j)], j + 1
        if at(j - 1) == "dix" and at(j) in ("sept", "huit", "neuf"):
            value, j = value + _UNIT[at(j)], j + 1
    elif tens and at(j) == "et" and at(j + 1) in ("un", "une", "onze"):
        value, j = value + (11 if at(j + 1) == "onze" else 1), j + 2
    elif tens and at(j) in _UNIT and at(j + 1) not in _HUNDRED:
        value, j = value + _UNIT[at(j)], j + 1
    elif not tens and at(j) in _TEEN:
        value, j = value + _TEEN[at(j)], j + 1
        if at(j - 1) == "dix" and at(j) in ("sept", "huit", "neuf"):
            value, j = value + _UNIT[at(j)], j + 1
    elif not tens and at(j) in _UNIT and at(j + 1) not in _HUNDRED:
        value, j = value + _UNIT[at(j)], j + 1
    return (str(value), j) if j > i else None


def _numbers(run: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str, bool]]:
    """The run read as numbers: (start, end, digits, said in words). A pause written between two
    words ends a number: « quarante, un, un » is 40, 1, 1, not 41 and 1."""
    numbers = []
    for part in _paused(run, text):
        words = [w for _, _, w in part]
        i = 0
        while i < len(words):
            read = _read_number(words, i)
            if read is None:  # a lone « et »: it separates two numbers
                i += 1
                continue
            digits, j = read
            numbers.append((part[i][0], part[j - 1][1], digits, not words[i].isdigit() or j - i > 1))
            i = j
    return numbers


def _paused(run: list[tuple[int, int, str]], text: str) -> list[list[tuple[int, int, str]]]:
    """The run cut where a comma, a dot or an ellipsis stands between two atoms; never before « et »,
    which no number starts with (« trente… et un » is 31)."""
    parts: list[list[tuple[int, int, str]]] = [[]]
    for atom in run:
        if parts[-1] and atom[2] != "et" and re.search(r"[,.…]", text[parts[-1][-1][1]:atom[0]]):
            parts.append([])
        parts[-1].append(atom)
    return parts


def only_numbers(text: str) -> bool:
    """The text holds numbers and nothing else, said or typed (« 06 », « trente-huit 70 12 55 »)."""
    atoms = [a.lower() for a in _ATOM.findall(text)]
    return (any(a.isdigit() or (a in _SAID and a != "et") for a in atoms)
            and all(a.isdigit() or a in _SAID or a == "euh" for a in atoms)
            and not re.search(r"[^\s,.\-–/…]", _ATOM.sub("", text)))


def said_digits(value: str) -> str:
    """The digits a run of numbers spells, said or typed (« zéro six 33 » is « 0633 »)."""
    return "".join(digits for run in _runs(value) for _, _, digits, _ in _numbers(run, value))


def find_dictated_numbers(text: str, _artifacts: object = None) -> list[Span]:
    """Telephones, NIRs and matricules said in words, alone or mixed with digits."""
    found: list[Span] = []
    runs = _runs(text)
    for run in runs:
        numbers = _numbers(run, text)
        start = 0
        while start < len(numbers):
            span = _number_at(text, numbers, start)
            if span is None:
                start += 1
                continue
            found.append(_with_said_key(text, span[0], runs) if span[0][2] == "NIR" else span[0])
            start = span[1]
    return found


def _key_said_after(text: str, end: int) -> bool:
    key = _SAID_KEY.match(text, end)
    return key is not None and key.end() > end and re.match(r"[ \t]*[^\W\d_]", text[end:key.end()]) is not None


def _with_said_key(text: str, nir: Span, runs: list[list[tuple[int, int, str]]]) -> Span:
    """The NIR with its key when « clé » and a two-digit number follow it."""
    key = _SAID_KEY.match(text, nir[1])
    if key is None or key.end() == nir[1]:
        return nir
    after = next((run for run in runs if run[0][0] == key.end()), None)
    if after is None:
        return nir
    numbers = _numbers(after, text)
    digits = numbers[0][2] + (numbers[1][2] if len(numbers) > 1 and len(numbers[0][2]) == 1 else "")
    if len(digits) != 2:
        return nir
    end = numbers[1][1] if len(numbers[0][2]) == 1 and len(numbers) > 1 else numbers[0][1]
    return (nir[0], end, nir[2], nir[3])


def _number_at(text: str, numbers: list[tuple[int, int, str, bool]],
               first: int) -> tuple[Span, int] | None:
    """The personal number beginning with numbers[first], and the index after it."""
    begin = numbers[first][0]
    if _MATRICULE.search(left(text, begin, 25)):
        end = len(numbers)
        digits = "".join(n[2] for n in numbers[first:end])
        if len(digits) >= 3 and any(n[3] for n in numbers[first:end]):
            return (begin, numbers[end - 1][1], "AGENT_ID", 0.85), end
    digits, keyless = "", None
    plus = _PLUS.search(left(text, begin, 8))
    country = _IBAN_COUNTRY.search(left(text, begin, 8))
    for last in range(first, len(numbers)):
        digits += numbers[last][2]
        if not any(n[3] for n in numbers[first:last + 1]):
            continue
        if country:
            if len(digits) == _IBAN_DIGITS:
                lead = left(text, begin, 8)
                return (begin - len(lead) + country.start(), numbers[last][1], "IBAN", 0.85), last + 1
            if len(digits) > _IBAN_DIGITS:
                break
            continue
        if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
            # a stray pair said after it (a repeated last pair) stays with the telephone
            end = last + 2 if last + 1 < len(numbers) and len(numbers[last + 1][2]) <= 2 else last + 1
            return (begin, numbers[end - 1][1], "PHONE", 0.85), end
        at_end = last == len(numbers) - 1
        # « plus trente-trois … », or a foreign number: « plus quatre-vingt-quatre neuf zéro trois … »
        if plus and ((len(digits) == 11 and digits.startswith("33")) or (at_end and 10 <= len(digits) <= 13)):
            lead = left(text, begin, 8)
            return (begin - len(lead) + plus.start(), numbers[last][1], "PHONE", 0.85), last + 1
        if at_end and len(digits) == 9 and numbers[first][2] in ("6", "7") and _mobile_asked(text, begin):
            # « mon numéro … c'est le six quarante-sept … »: a mobile said without its leading zero
            return (begin, numbers[last][1], "PHONE", 0.85), last + 1
        if len(digits) == 15 and digits[0] in "12":
            return (begin, numbers[last][1], "NIR", 0.85), last + 1
        if (len(digits) in (13, 14) and digits[0] in "12"
                and (SOCIAL_SECURITY.search(left(text, begin, 80, same_line=False)) or
                     SOCIAL_SECURITY.search(text, numbers[last][1], numbers[last][1] + 20) or
                     _key_said_after(text, numbers[last][1]))):
            keyless = (begin, numbers[last][1], "NIR", 0.85), last + 1  # unless its key follows
        if len(digits) > 15:
            break
    return keyless


# A name spelled letter by letter on the phone (« c'est P E T R O V », « A N D R I A N A R I V E L O »):
# four capitals or more, one blank between each; an acronym is written without them.
_BANK_CODE = re.compile(r"(?i)\b(?:bic|swift)\b[ \t]*:?[ \t]*$")
SPELLED = re.compile(r"(?<![\w-])(?:[A-ZÀ-ÖØ-Þ][ \t]){3,}[A-ZÀ-ÖØ-Þ](?![\w-])")


def find_spelled_names(text: str, _artifacts: object = None) -> list[Span]:
    """Spelled names; a heading spaced out for show (« C U R R I C U L U M   V I T A E ») spells
    French words, and what follows it on its line belongs to it."""
    found: list[Span] = []
    heading_line = -1
    for m in SPELLED.finditer(text):
        line = text.count("\n", 0, m.start())
        if m.group().replace(" ", "").replace("\t", "").casefold() in french_words():
            heading_line = line
        elif _BANK_CODE.search(left(text, m.start(), 12)):
            continue          # « BIC : B N P A F R P P X X X », a bank's code in a form's boxes
        elif line != heading_line:
            found.append((m.start(), m.end(), "PERSON", 0.6))
    return found + _spelled_echoes(text)


# Lower-case letters one by one, as speech-to-text writes a name spelled on the phone
# (« je m'appelle katarzyna wiśniewska je répète w i s n i e w s k a »).
SPELLED_LOWER = re.compile(r"(?<![\w'’-])(?:[a-zà-ÿœ][ \t]){3,}[a-zà-ÿœ](?![\w'’-])")


def _spelled_echoes(text: str) -> list[Span]:
    """Lower-case letters spelling a word said just before: a name spelled out, never a word
    that was not said (a lone « a » or « y » in a sentence spells nothing)."""
    found: list[Span] = []
    for m in SPELLED_LOWER.finditer(text):
        spelled = _bare(m.group())
        before = [_bare(w) for w in re.findall(r"[^\W\d_]+", text[max(0, m.start() - 120):m.start()])]
        joined = {a + b for a, b in pairwise(before)} | set(before)
        if len(spelled) >= 4 and spelled in joined:
            found.append((m.start(), m.end(), "PERSON", 0.6))
    return found


def _bare(word: str) -> str:
    """Letters only, accents and case left out (« w i ś n i e w s k a » is « wisniewska »)."""
    return "".join(ch for ch in fold(word) if ch.isalpha())


# A mailbox said aloud spells its local part in words: « t ndiaye soixante quinze arobase … »,
# « claude tiret marie tiret sainte arobase … », « m a point delavillardiere arobase … ».
_SAID_JOINS = re.compile(rf"^(?i:tiret|point|underscore|bas|{_WORD})$|^[^\W\d_]$")
_NOT_IN_A_MAILBOX = {"c'est", "cest", "est", "mail", "email", "e-mail", "mel", "courriel", "adresse", "mon", "son",
                     "ma", "sa", "à", "a", "au", "sur", "le", "la", "de", "du", "et", "ou", "c", "alors", "donc"}


def said_mailbox_start(text: str, start: int) -> int:
    """Where a mailbox said aloud starts, from the last word of its local part at `start`: back
    over the words said between its parts (« tiret », « point », numbers, single letters) and
    the word each of them joins."""
    words = list(re.finditer(r"\S+", text[max(0, start - 120):start]))
    base = max(0, start - 120)
    first = re.match(r"\S+", text[start:])
    joined = bool(first and _SAID_JOINS.search(first.group().lower()))   # « quinze » joins « soixante »
    for word in reversed(words):
        value = word.group().lower()
        if value in _NOT_IN_A_MAILBOX or not re.fullmatch(r"[^\W_][\w'’-]*", value):
            break
        said = bool(_SAID_JOINS.search(value))
        if not (said or joined):
            break
        start, joined = base + word.start(), said
    return start
