"""Numbers that identify a person: NIR, IBAN, telephone, date of birth, matricule.

Checksums keep precision high (NIR key, IBAN mod 97); context on the left
keeps dates and matricules to the ones that are personal (a date of effect or
an arrêté number is not).
"""

from __future__ import annotations

import bisect
import re

from collectivia.privacy.recognizers.base import Span, left, table_cells

SEP = r"[ \t.\-]?"

# --- NIR (numéro de sécurité sociale) ------------------------------------
NIR = re.compile(
    r"(?<![\w])([12378])" + SEP + r"(\d{2})" + SEP + r"(\d{2})" + SEP + r"(\d{2}|2[AB])"
    + SEP + r"(\d{3})" + SEP + r"(\d{3})" + SEP + r"(\d{2})(?![\w])", re.IGNORECASE)


def nir_key(number: str) -> int:
    """The key of a NIR's 13 characters: 97 minus the number modulo 97, Corsica's « 2A » and
    « 2B » read as 19 and 18 (INSEE's rule)."""
    return 97 - int(number.upper().replace("2A", "19").replace("2B", "18")) % 97


def nir_key_ok(match: re.Match) -> bool:
    sex, year, month, dept, commune, order, key = match.groups()
    return nir_key(sex + year + month + dept + commune + order) == int(key)


NOT_A_NIR = re.compile(r"\b(siret|siren|facture|commande|dossier|référence|réf|contrat|police|"
                       r"colis|tva|bon|ticket|devis)\b[^\n\d]{0,15}$", re.IGNORECASE)


# The same number read by OCR, « O » for 0 and « l » or « I » for 1 (« l69O744l84lO75l »).
OCR_DIGIT = r"[0-9OolI]"
OCR_NIR = re.compile(
    r"(?<![\w])([12378lI])" + SEP + rf"({OCR_DIGIT}{{2}})" + SEP + rf"({OCR_DIGIT}{{2}})" + SEP
    + rf"({OCR_DIGIT}{{2}}|2[AB])" + SEP + rf"({OCR_DIGIT}{{3}})" + SEP + rf"({OCR_DIGIT}{{3}})"
    + SEP + rf"({OCR_DIGIT}{{2}})(?![\w])")
OCR_TO_DIGIT = str.maketrans("OolI", "0011")
# Written in a form's boxes, in groups of any size or wrapped at a line's end (« 2 6 4 0 2 3 5 4 1 5 2 1 5 6 4 »,
# « 298 079 934 154 102 », « 1 95 08⏎63 262 695 08 »): any blanks, dots or dashes, or one line break,
# between two characters. Only a valid key makes such a run a NIR.
_BOX = r"(?:[ \t.\-│|¦┃]{1,3}|[ \t]*\n[ \t]*)?"
# The form may print « clé » before the key's two boxes (« …│2│5│  clé │6│3 »).
BOXED_NIR = re.compile(r"(?<![\w])[12378](?:" + _BOX + r"[0-9AB]){12}(?:" + _BOX
                       + r"|[ \t│|¦┃]*cl[ée][ \t│|¦┃:]*)[0-9]" + _BOX + r"[0-9](?![\w])")
# An export's NIR column with the key in the next one, or the key after a slash: « 2790731343099;47 »,
# « 1841193152096 / 95 ».
KEY_COLUMN_NIR = re.compile(r"(?<![\w])([12378]\d{4}(?:\d{2}|2[AB])\d{6})[ \t]*[;,|\t/][ \t]*(\d{2})(?![\w])")
# A form's boxes with one left empty (« 1 9 8 0 3 5 9 3 5 8 _ 1 0 1 0 »): no key can hold, so the
# form's own label must say it is the social security number.
GAPPED_BOX_NIR = re.compile(r"(?<![\w])[12378](?:[ \t]{1,3}[0-9AB_]){14}(?![\w])")
SOCIAL_SECURITY = re.compile(r"s[ée]cu|s[ée]curit[ée] sociale|\bnir\b|\binsee\b|\bss\b|n°\s*ss|immatriculation",
                             re.IGNORECASE)
NIR_LABEL = re.compile(rf"(?:{SOCIAL_SECURITY.pattern})[^\n\d]{{0,12}}$", re.IGNORECASE)


def find_nir(text: str, _artifacts: object = None) -> list[Span]:
    """NIRs with a valid key, and mistyped ones: a wrong key is still somebody's number.

    A wrong key is only accepted when the month is a real one and nothing on
    the left says the number is something else (SIRET, invoice, file reference).
    A number read by OCR with letters for digits is a NIR only when, read back as
    digits, its key holds: letters and digits do not otherwise make a NIR's shape. So is
    one written in boxes, in odd groups, wrapped, or with its key in the next column; one box
    left empty, under the form's social security label, is still the number.
    """
    found = []
    for m in NIR.finditer(text):
        if nir_key_ok(m):
            found.append((m.start(), m.end(), "NIR", 1.0))
        elif 1 <= int(m.group(3)) <= 12 and not NOT_A_NIR.search(left(text, m.start(), 30)):
            found.append((m.start(), m.end(), "NIR", 0.8))
    for m in OCR_NIR.finditer(text):
        if re.search("[OolI]", m.group()) and (read := NIR.fullmatch(m.group().translate(OCR_TO_DIGIT))) \
                and nir_key_ok(read):
            found.append((m.start(), m.end(), "NIR", 0.9))
    for m in BOXED_NIR.finditer(text):
        if (read := NIR.fullmatch(re.sub(r"[^0-9AB]", "", m.group()))) and nir_key_ok(read):
            found.append((m.start(), m.end(), "NIR", 0.95))
    for m in GAPPED_BOX_NIR.finditer(text):
        if m.group().count("_") == 1 and NIR_LABEL.search(left(text, m.start(), 40)):
            found.append((m.start(), m.end(), "NIR", 0.8))
    for m in KEY_COLUMN_NIR.finditer(text):
        if (read := NIR.fullmatch(m.group(1) + m.group(2))) and nir_key_ok(read):
            found.append((m.start(1), m.end(2), "NIR", 0.95))   # the key with it: alone it is two digits
    return found


# --- IBAN ----------------------------------------------------------------
IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])")


def iban_ok(value: str) -> bool:
    compact = re.sub(r"\s", "", value).upper()
    if not 15 <= len(compact) <= 34 or not compact.isascii() or not compact.isalnum():
        return False
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


# Characters, separators left out: an IBAN has its country's length (ISO 13616 registry for
# the countries French agents bank in; 34 at most elsewhere).
IBAN_LENGTHS = {"FR": 27, "MC": 27, "IT": 27, "BE": 16, "DE": 22, "GB": 22, "ES": 24, "PT": 25,
                "CH": 21, "LU": 20, "NL": 18, "MA": 28, "DZ": 26, "TN": 24, "RO": 24, "PL": 28}


def _mistyped_iban(value: str) -> bool:
    """Exactly its country's length, the checksum aside: a mistyped IBAN is still an IBAN
    (as a NIR with a wrong key is still a NIR), and nothing else has that shape."""
    compact = re.sub(r"\s", "", value).upper()
    return IBAN_LENGTHS.get(compact[:2]) == len(compact)


def _checked_length(value: str) -> int:
    """The length of the longest prefix whose checksum holds (0 if none): a trailing group
    may belong to the next word."""
    while value:
        if iban_ok(value):
            return len(value)
        cut = value.rfind(" ")
        if cut < 0:
            return 0
        value = value[:cut]
    return 0


def find_iban(text: str, _artifacts: object = None) -> list[Span]:
    found = []
    for m in IBAN.finditer(text):
        length = _checked_length(m.group(1))
        if length:
            found.append((m.start(1), m.start(1) + length, "IBAN", 1.0))
        elif _mistyped_iban(m.group(1)):
            found.append((m.start(1), m.end(1), "IBAN", 0.8))
    for m in BOXED_IBAN.finditer(text):
        chars = [c for c in re.finditer(r"[A-Z0-9]", m.group())]
        for count in range(len(chars), 14, -1):       # a trailing box may be the next word's
            compact = "".join(c.group() for c in chars[:count])
            if iban_ok(compact) or _mistyped_iban(compact):
                found.append((m.start(), m.start() + chars[count - 1].end(), "IBAN", 0.9))
                break
    taken = [(s, e) for s, e, _, _ in found]
    for m in OCR_IBAN.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken) and re.search("[OolI]", m.group()[2:]) \
                and iban_ok(m.group()[:2] + m.group()[2:].translate(OCR_TO_DIGIT)):
            found.append((m.start(), m.end(), "IBAN", 0.9))
    return found


# An IBAN written in a form's boxes, one character each (« F R 7 6   3 0 0 0   4 0 0 8 … »).
BOXED_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z] [A-Z] \d \d(?: {1,4}[A-Z0-9](?![A-Za-z0-9])){11,30}")


# An IBAN read by OCR, « O » for 0 and « l » for 1 (« FR76 3OOO 2OO5 5OOO OO7l 2345 626 »): an IBAN
# only when, read back as digits, its checksum holds.
OCR_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[0-9Oo]{2}(?:[ ]?[A-Z0-9OolI]{4}){2,7}(?:[ ]?[A-Z0-9OolI]{1,3})?"
                      r"(?![A-Za-z0-9])")


# --- Telephone -------------------------------------------------------------
D = r"[0-9Oo]"   # OCR reads 0 as O
D1 = r"[0-9OolI]"  # and 1 as l or I
PHONE_FR = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33[ \t.\-]?(?:\(0\)[ \t]?)?|\(?[0Oo]\)?)" + r"[1-9]"
    + r"(?:[ \t.\-]{0,3}" + D1 + r"{2}){4}(?![\w])")
PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00[ \t]?|\(\+)(?!33)[1-9]\d{0,2}\)?(?:[ \t.\-]?\(0\))?(?:[ \t.\-]?(?:\d{1,4}|\(\d{1,4}\))){2,6}"
    r"(?![\w])")
# The same ten digits grouped any way (« 0781 456 230 », « 02 41 62 0 8 77 », « (+33) 639 984 420 »):
# only real digits here, one separator at most between two of them.
# A number the line broke in two, its pairs on both sides (« O7 8l 26 ⏎ 55 O9 », « 07 52 16 ⏎ 39 84 »):
# ten digits in all, each part at least two pairs and never a whole number by itself.
PHONE_BROKEN_LINE = re.compile(r"(?<![\w+])[0Oo][1-9]" + r"(?:[ \t.]?" + D1 + r"{2}){1,3}[ \t]*\n[ \t]*"
                               + D1 + r"{2}(?:[ \t.]?" + D1 + r"{2}){1,3}(?![\w])")
PHONE_REGROUPED = re.compile(
    r"(?<![\w+])(?:(?:(?:\+|00)\s?33|\(\+33\))[ \t.\-]?(?:\(0\)[ \t]?)?|0[ \t.\-]?)[1-9](?:[ \t.\-]?\d){8}"
    r"(?![\w])")
# Written with slashes (« 06/23/45/11/90 », « 06 / 58 / 74 / 11 / 02 »): five pairs, a slash
# between each, so that a date (« 01/02/2023 ») never has the shape.
PHONE_SLASHED = re.compile(r"(?<![\w+/])[0Oo][1-9](?:[ \t]?/[ \t]?" + D1 + r"{2}){4}(?![\w/])")
# Ten digits in irregular groups with OCR letters among them (« 06 O3 5l 2 8 44 »): the share of
# letters is bounded in `find_phone`.
PHONE_OCR_REGROUPED = re.compile(r"(?<![\w+])[0Oo][ \t.\-]?[1-9](?:[ \t.\-]?" + D1 + r"){8}(?![\w])")
# One digit per box of a form (« 0│7│6│6│1│2│0│5│8│4 », « 0 | 6 | 1 2 … »).
# An empty box may set the pairs apart (« 0│7│ │4│4│ │1│8… »).
PHONE_BOXED = re.compile(r"(?<![\w+])0[ \t]*[│|¦┃][ \t]*[1-9](?:(?:[ \t]*[│|¦┃]){0,2}[ \t]*\d){8}(?![\w])")
# Pairs set apart by a spaced dash, dots or middle dots (« 06 – 18 – 27 – 44 – 90 », « 07 52 .. 38 .. 11 »,
# « 05 34 33 ·· 47 ·· 80 », « 0 6 . 5 2 . 1 8 . 9 3 . 4 1 »): ten real digits, a mark between pairs.
# A pause said in the middle (« 06 16 52 ... 87 14 », « 07 81 … 55 02 16 ») is such a mark too.
PHONE_MARKED = re.compile(r"(?<![\w+])0[ \t]?[1-9](?:(?:[ \t]*(?:[.\-–—·•]{1,3}|…)[ \t]*|[ \t]{1,2})?\d){8}(?![\w])")
# A service's word on the left, with nothing between it and the number that closes what it
# names or opens another line: in « 05 59 58 35 35 (standard) – ligne directe 05 59 58 35 72 » or
# « (standard CTM) — Port. 07 … » the word names the number before it, and the second is a person's.
NOT_PERSONAL_PHONE = re.compile(r"(standard|accueil|fax|télécopie|secrétariat|numéro vert|"
                                r"siret|siren|n° d'offre|offre n°|réf)\b[^\d\n)]{0,30}$", re.IGNORECASE)
PERSONAL_LINE = re.compile(r"ligne directe|\bdirect\b|portable|\bport\.|mobile|\bperso|\bgsm\b|\bcell",
                           re.IGNORECASE)
# What a service's fixed line says about itself: « hotline : 0 800 … », « 02 97 02 23 00 (standard) »,
# « (appel gratuit) », « (choix 3) ». A mobile number is somebody's, whatever is said around it
# (« permanence : 06 … » is an élu's own phone; « en cas d'urgence : 06 … » is a relative's).
SERVICE_BEFORE = re.compile(r"(hotline|permanence)\b[^\d\n]{0,30}$", re.IGNORECASE)
SERVICE_AFTER = re.compile(r"[ \t]*\((?:standard|accueil|secr[ée]tariat|appel gratuit|choix|num[ée]ro vert)",
                           re.IGNORECASE)
MOBILE = re.compile(r"^(?:(?:\+|00)\s?33[ \t.\-]?(?:\(0\)[ \t]?)?|\(?[0Oo]\)?[ \t.\-]?)[67OolI]")


def find_phone(text: str, _artifacts: object = None) -> list[Span]:
    found = []
    for pattern in (PHONE_FR, PHONE_REGROUPED, PHONE_SLASHED, PHONE_OCR_REGROUPED, PHONE_BOXED, PHONE_MARKED,
                    PHONE_INTL, PHONE_BROKEN_LINE):
        for m in pattern.finditer(text):
            value = m.group()
            digits = sum(ch.isdigit() for ch in value)
            if digits < 6 or (pattern is PHONE_INTL and (digits < 8 or digits > 15)):
                continue
            if pattern is PHONE_BROKEN_LINE and len(re.sub(r"[^0-9OolI]", "", value)) != 10:
                continue
            if digits < len(re.sub(r"[^0-9OolI]", "", value)) - 4:
                continue  # mostly letters: a word, not a number read by OCR (« O6.9O.l2.33.4l »)
            if pattern is PHONE_MARKED and (DATE_INSIDE.search(value) or NOT_A_LINE.search(left(text, m.start(), 30))):
                continue  # « du 05.12.2023 … 06.01 », « délibérations n° 04 12 15 ... 04 12 18 »
            service = NOT_PERSONAL_PHONE.search(left(text, m.start(), 30))
            if service and not PERSONAL_LINE.search(service.group()):
                continue
            if not MOBILE.match(value) and (SERVICE_BEFORE.search(left(text, m.start(), 30))
                                            or SERVICE_AFTER.match(text, m.end())):
                continue
            start = m.start() + (1 if value.startswith("(") and not value.startswith(("(0)", "(+")) else 0)
            found.append((start, m.end(), "PHONE", 0.9))
    return found + _half_given(text) + _cued_or_mobile(text, [(s, e) for s, e, _, _ in found])


# A number half given, its other digits hidden or not known (« 04 74 65 .. .. », « 07 86 ... »,
# « 06 12 xx xx xx »): what is shown is still the person's. A mobile's first two pairs are
# enough; another number needs three (« de 08 30 ... » is an hour).
PHONE_HIDDEN = re.compile(r"(?<![\w+])0[1-9](?:[ .]\d{2}){1,3}(?:[ \t]?(?:\.{2,3}|…|[xX]{2}|\*{2})(?![\w.])){1,4}")


MOBILE_PREFIXES = "67"
# What numbers a list of things or a period rather than a line (« n° 04 12 15 ... », « articles
# 06 07 ... », « période du … »), and an hour's end after it (« … à 12 00 »).
NOT_A_LINE = re.compile(r"\b(?:n°|nos?|articles?|art\.|dossiers?|délibérations?|classement|pièces?|"
                        r"période(?:[ \t]+du)?|lots?)[ \t]*$", re.IGNORECASE)
HOUR_AFTER = re.compile(r"[ \t]*(?:à|-|–)[ \t]*\d")
DATE_INSIDE = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}(?!\d)")


# A number as people really leave it, after the word for it: a digit missing or one too many, a
# stray mark inside (« Tél. : 07 59 .. 44 12 », « port. 06 39 98 ’03 ’17 », « 06 39 98 / 31 88 79 »),
# unknown digits (« 06 39 98 90 ?? »), OCR letters (« +33 (O)6 39 98 7O l2 »). Without the word, a
# mobile (06, 07) of eight digits or more in at least four groups is still somebody's.
PHONE_CUE = re.compile(r"(?:\bt[ée]l(?:[ée]phone)?\b\.?(?:[ \t]+(?:portable|perso(?:nnel)?|fixe|mobile|"
                       r"déclaré|domicile))?|\bport(?:able)?\b\.?|\bmobile|\bgsm|\bun[ \t]+num(?:éro)?\b[^\n\d]{0,25}"
                       r"|\b(?:rappeler|joignable|appeler|joindre)[ \t]+au)[ \t]*(?:\([^)\n]{0,25}\))?"
                       r"[ \t]*[:.]?[ \t]*(?:(?:c'est[ \t]+)?le[ \t]+|au[ \t]+)?$", re.IGNORECASE)
# Hours and ranges of a planning (« 07.30-12.00 », « 07 30 - 12 00 », « 06-07 / 12-13 »): no number
_HOURS = re.compile(r"\b(?:[01]\d|2[0-3])[ .:h]?[0-5]\d[ \t]*[-–][ \t]*(?:[01]\d|2[0-3])[ .:h]?[0-5]\d\b|^\d{2}-\d{2}[ \t]*/[ \t]*\d{2}-\d{2}$")
# OCR reads 0 as O, 1 as l or I, 5 as S, 8 as B; a hurried hand writes « zero6 »
LOOSE_NUMBER = re.compile(r"(?<![\w+])(?:(?:(?:\+|00)\d{2,3}[ \t]?(?:\([0O]\)[ \t]?)?|\(?[0O]\)?|(?i:z[ée]ro)[ \t]?)[1-9OolI]|[67])"
                          r"(?:[ \t.\-/’'´]{0,4}[0-9OolI?]|(?<=[0-9OolI])[SB]){5,13}(?![\w?])")
_LOOSE_MOBILE = re.compile(r"(?:(?:\+|00)33[ \t]?(?:\(0\)[ \t]?)?|0)[67]")


def _cued_or_mobile(text: str, taken: list[tuple[int, int]]) -> list[Span]:
    """Loose numbers that are telephones: after the word for one, or shaped as a mobile (nine digits
    or more in four groups at least). A number the strict patterns read or judged is left to them."""
    found = []
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    for m in LOOSE_NUMBER.finditer(text):
        near = taken[max(0, bisect.bisect_left(starts, m.start()) - 1):bisect.bisect_left(starts, m.end())]
        if any(s < m.end() and m.start() < e and not m.start() <= s <= e <= m.end() for s, e in near):
            continue     # a number already read otherwise; one it holds is only its part
        value = re.sub(r"[ \t]*\?{3,}$", "", m.group())   # « 38 ??? »: a doubt, not two digits unknown
        number = re.sub(r"^(?i:z[ée]ro)", "0", value)
        digits = sum(ch.isdigit() for ch in number)
        letters = len(re.findall(r"[OolISB]", number))
        groups = len(re.findall(r"[0-9OolISB?]+", number))
        before = left(text, m.start(), 40)
        said = bool(PHONE_CUE.search(before) and re.search(r"t[ée]l|port|num", before, re.IGNORECASE))
        # after the word for it, a scan may have more letters than digits (« tél. O69O 3O 42 ll »)
        enough = (digits >= 6 and letters <= 3) or (said and digits >= 3 and digits + letters >= 9 and letters <= 7)
        if not enough or digits + letters > 13 or DATE_INSIDE.search(value) or _HOURS.search(value) \
                or re.search(r"\d{5}|\d/\d", value):
            continue
        if (PHONE_FR.fullmatch(value) or PHONE_REGROUPED.fullmatch(value)) and not (said and letters > 3):
            continue     # a well-formed number: the patterns above judged it (a switchboard is nobody's);
            # one they left for its OCR letters is read here, after the word for it
        if re.search(r"\d[ \t.]*$", before):
            continue     # the tail of a longer number (« 2 84 06 99 088 012 61 » is a NIR)
        cued = PHONE_CUE.search(before) and not NOT_PERSONAL_PHONE.search(before) \
            and (number[0] in "0O+" or re.search(r"t[ée]l|port", before, re.IGNORECASE))
        mobile = _LOOSE_MOBILE.match(number) and digits >= 9 and groups >= 4 and not NOT_A_LINE.search(before) \
            and not NOT_PERSONAL_PHONE.search(before)
        service = not MOBILE.match(value) and (SERVICE_BEFORE.search(before) or SERVICE_AFTER.match(text, m.end()))
        if (cued or mobile) and not service:
            found.append((m.start(), m.start() + len(value), "PHONE", 0.75))
    return found


def _half_given(text: str) -> list[Span]:
    found = []
    for m in PHONE_HIDDEN.finditer(text):
        shown = len(re.findall(r"\d{2}", m.group()))
        before = left(text, m.start(), 30)
        if (shown >= 3 or m.group()[1] in MOBILE_PREFIXES) and not NOT_PERSONAL_PHONE.search(before) \
                and not NOT_A_LINE.search(before) and not HOUR_AFTER.match(text, m.end()):
            found.append((m.start(), m.end(), "PHONE", 0.8))
    return found


# --- Date of birth ---------------------------------------------------------
MONTHS = (r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
          r"décembre|decembre|janv\.?|févr\.?|fevr\.?|fév\.?|avr\.?|juil\.?|sept\.?|oct\.?|nov\.?|déc\.?|dec\.?)")
# Day, month and year as digits, OCR letters allowed (« l7/O9/l979 ») and each digit possibly
# spaced as a form's boxes are (« 2 9 / 0 5 / 1 9 8 7 »); a four-digit year starts as years do.
_DG = "[0-9OolI]"
# OCR also reads « m » as « rn » (« 17 rnars 1985 », « décernbre »)
_OCR_MONTHS = MONTHS.replace("m", "(?:m|rn)")
_YEAR = rf"(?:(?:1 ?9|2 ?[0O]|l ?9) ?)?{_DG} ?{_DG}"
DATE = (rf"(?:{_DG}(?: ?{_DG})? ?[/.\-] ?{_DG}(?: ?{_DG})? ?[/.\-] ?{_YEAR}(?![\w])"
        rf"|(?:[1l]9|2[0O]){_DG}{{2}}-[01OolI]{_DG}-[0-3OolI]{_DG}"    # ISO, as forms and exports write it
        rf"|(?:1er|[0-3lO]?{_DG})\s+" + _OCR_MONTHS + rf"\s*(?:[1l]9|2[0O]){_DG}{{2}}"
        rf"|[0-3]\d {{1,3}}[01]\d {{1,3}}(?:19|20)\d\d(?!\d)"            # « 23 07 1999 »
        rf"|[0-3] \d {{1,3}}[01] \d {{1,3}}[12] [09] \d \d(?! ?\d))")     # one box per digit: « 2 7 0 9 1 9 5 7 »
BIRTH_LEFT = (r"(?:\bn[ée]e?s?\s*(?:\(e\))?|\bné\(e\)|date\s+(?:et\s+lieu\s+)?de\s+naissance|"
              r"\bDDN|\bnaissance|\bdate\s+de\s+naiss\.|\bnaiss\.)")
# a form may say how to write it between the label and the date: « Date de naissance (jj/mm/aaaa) : »
DOB = re.compile(BIRTH_LEFT + r"[\s:|]{0,12}(?:\((?:jj|format)[^()\n]{0,20}\)[\s:]{0,4})?(?:[l1]e\s{1,8}|en\s{1,8}|:\s{0,8})?[\s:|]{0,12}("
                 + DATE + r"|(?:19|20)\d{2}(?!\d))", re.IGNORECASE)


# The birthplace may come first, after « né » only: « né à Corte (Haute-Corse) le 3 mai 1956 »
# (« congé de naissance à compter du …, reprise le … » is no birth).
BORN_THERE = re.compile(r"\bn[ée]e?s?(?:\s*\(e\))?\s+à\s[^\n;:]{1,50}?\s+le\s{1,8}(" + DATE + r")", re.IGNORECASE)


def find_date_of_birth(text: str, _artifacts: object = None) -> list[Span]:
    found = [(m.start(1), m.end(1), "DATE_OF_BIRTH", 0.95) for m in BORN_THERE.finditer(text)]
    for m in DOB.finditer(text):
        between = text[m.start():m.start(1)]
        if "\n" in between:
            continue
        found.append((m.start(1), m.end(1), "DATE_OF_BIRTH", 0.95))
    return found


# --- Matricule -------------------------------------------------------------
AGENT_LABEL = (r"(?:matricule(?:\s+agent)?|n°\s*(?:d['’])?agent|numéro\s+(?:d['’])?agent|"
               r"identifiant\s+agent|n°\s*matricule|\bmatr?\.|\bmat\b(?=\s{0,3}:?\s{0,3}\d))")
AGENT_VALUE = r"((?=[A-Z0-9\-]*\d)[A-Z]{0,3}[\-]?\d(?:[\d\-]|-[A-Z]{1,6}-\d){1,12}[A-Z]?)(?![\w/])"
# A service's letters may precede the number, outside the value (« matricule PM 66-0187 »). Blanks
# are bounded: a label followed by a long run of them must not be tried quadratically.
AGENT_ID = re.compile(AGENT_LABEL + r"\s{0,4}(?:n°|no|:|#)?\s{0,4}(?:(?-i:[A-Z]{2,4})\s{1,3}(?=\d))?" + AGENT_VALUE,
                      re.IGNORECASE)


def find_agent_id(text: str, _artifacts: object = None) -> list[Span]:
    found = [(m.start(1), m.end(1), "AGENT_ID", 0.95) for m in AGENT_ID.finditer(text)
             if len(re.sub(r"\D", "", m.group(1))) >= 3]
    found += _matricule_column(text)
    return found


MATRICULE_TITLE = re.compile(r"(?i)matricule(?:[ _]agent)?|\bmat\.|n°[ _]*agent|num(?:éro|ero)?[ _]+(?:d['’])?agent|id[ _]+agent")


def _matricule_column(text: str) -> list[Span]:
    """Values of a « Matricule » column in a plain-text table (pipes or aligned spaces)."""
    found: list[Span] = []
    for start, end in table_cells(text, MATRICULE_TITLE):
        value = re.match(r"[A-Z]{0,3}-?\d{3,10}(?![\w/])", text[start:end])
        if value:
            found.append((start, start + value.end(), "AGENT_ID", 0.85))
    return found
