"""Addresses the French street pattern cannot read: written abroad, said aloud, or read by OCR.

- Abroad: a family member in Belgium, a candidate in Luxembourg, a third party in an
  accident report in Italy. The street comes in its own language (« Rijselstraat 112 »,
  « Calle de Alcalá 214, 3.º B », « Via Roma 14 »), then a postcode and a town, then the
  country: the country's name closing the block is what anchors it.
- Said aloud: a voicemail transcribed says the number in words (« il est chez notre mère
  au quarante-deux rue jean jaurès à vénissieux »). After « au », a number said before a
  street word starts an address, up to its town after « à ».
- Read by OCR: a scanned CV reads « l4 rue des Pâquerettes », « 7, a1lée des Ti1leuls »,
  « 69OO8 LY0N ». The text is read again with the usual confusions undone (a letter among
  digits is the digit it looks like, a digit among letters the letter), character for
  character so that offsets hold, and the French address pattern runs on that reading.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span
from collectivia.privacy.recognizers.contact import ADDRESS, VOIE, employer_context
from collectivia.privacy.recognizers.dictated import SAID_NUMBER_WORD

COUNTRIES = (r"Belgique|België|Belgium|Luxembourg|Suisse|Schweiz|Svizzera|Allemagne|Deutschland|Italie|Italia|"
             r"Espagne|España|Espana|Portugal|Royaume-Uni|United\s+Kingdom|UK|Pays-Bas|Nederland|Pologne|Polska|"
             r"Roumanie|România|Romania|Turquie|Türkiye|Maroc|Algérie|Tunisie|Sénégal|Mali|Côte\s+d['’]Ivoire|"
             r"Cameroun|Monaco|Andorre|Canada|Québec|États-Unis|USA|Irlande|Autriche|Grèce")
# A street as other countries write it: its word before the name (« Via », « Calle », « Rua »,
# « ul. »), or glued after it (« Rijselstraat », « Hauptstraße »); a postcode of four to six
# digits (« 00-590 » in Poland). British and Canadian postcodes are not read.
_ABROAD_STREET = (
    r"(?:(?:Via|Viale|Piazza|Corso|Vicolo|Calle|Avenida|Avda\.|Plaza|Paseo|Carrer|Rua|Travessa|Largo|Praça|"
    r"Estrada|ul\.|ulica|Aleja|Strada|Str\.|Bulevardul|Sokak|Caddesi|Mahallesi)[ \t]+[^\n,\d]{2,40}?,?[ \t]*\d{1,4}\w?"
    r"|(?<![\w-])[A-ZÀ-Ý][\w-]{0,30}?(?:straat|strasse|straße|weg|laan|plein|gasse|steenweg|dreef|lei)[ \t]*\d{1,4}\w?)")
# What may follow the number on its line: floor and door (« 3.º B », « bus 4 », « m. 5 »).
_UNIT = r"(?:,?[ \t]*[^\n,]{1,15})?"
_TOWN = r"(?:[A-Z]{1,2}-)?(?:\d{4,6}|\d{2}-\d{3})(?:-\d{3})?[ \t]+[A-ZÀ-Ý][^\n,()]{1,40}?(?:[ \t]*\([A-Z]{2}\))?"
_BREAK = r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)"
ABROAD = re.compile(rf"(?:{_ABROAD_STREET}{_UNIT}|\d{{1,4}},?[ \t]+(?i:{VOIE})\b[^\n,]{{2,40}}){_BREAK}{_TOWN}"
                    rf"{_BREAK}(?:{COUNTRIES})\b")

# The street's name ends before a word that starts the next clause (« … rue des lilas depuis deux
# ans »); the town after « à » is a name, not « à côté de ».
_CLAUSE = r"(?:depuis|et|mais|pour|avec|qui|que|je|j['’]|il|elle|on|voil[àa]|merci|rappel\w*|depuis|pr[èe]s|vers)\b"
_NOT_A_TOWN = r"(?:c[ôo]t[ée]|cause|partir|peu|nouveau|pied|pieds|droite|gauche|l['’]heure|la|le|les)\b"
SAID = re.compile(rf"\bau[ \t]+((?:{SAID_NUMBER_WORD}[ \t]+)+(?:bis[ \t]+|ter[ \t]+)?(?:{VOIE})\b"
                  rf"(?:[ \t]+(?!{_CLAUSE}|à\b)[^\s,;.()|]+){{1,5}}?"
                  rf"(?:[ \t]+(?:euh[ \t]+)?à[ \t]+(?!{_NOT_A_TOWN})[^\W\d_][\w'’-]+"
                  rf"(?:[ \t-]+(?:sur|sous|en|le|la|les|de)[ \t-]+[\w'’-]+)?|(?=[ \t]+{_CLAUSE}|[ \t]+à\b|[ \t]*[,.;\n]|[ \t]*$)))",
                  re.IGNORECASE)

# OCR's usual confusions, each way: letters among digits, digits among letters.
_LETTER_AS_DIGIT = re.compile(r"(?<=\d)[OolI]|[OolI](?=\d)")
_DIGIT_AS_LETTER = re.compile(r"(?<=[^\W\d_])[01](?=[^\W\d_]|\b)|(?<=\b)[01](?=[^\W\d_]{2})")
LOOKS_SCANNED = re.compile(r"[^\W\d_][01][^\W\d_]|\d[OlI]\d|\b[lI]\d")


def find_abroad_address(text: str, _artifacts: object = None) -> list[Span]:
    """A street, a postcode and town, and a country, as one address."""
    return [(m.start(), m.end(), "ADDRESS", 0.8) for m in ABROAD.finditer(text)
            if not employer_context(text, m.start())]


def find_said_address(text: str, _artifacts: object = None) -> list[Span]:
    """« au quarante-deux rue jean jaurès à vénissieux »: the number said, the town after « à »."""
    found = []
    for m in SAID.finditer(text):
        words = m.group(1).split()
        if words[0].lower() not in ("un", "une", "euh"):
            found.append((m.start(1), m.end(1), "ADDRESS", 0.8))
    return found


def ocr_reading(text: str) -> str:
    """`text` with OCR's confusions undone, character for character (same length)."""
    letters = _DIGIT_AS_LETTER.sub(lambda m: "O" if m.group() == "0" else "l", text)
    return _LETTER_AS_DIGIT.sub(lambda m: "0" if m.group() in "Oo" else "1", letters)


def find_ocr_address(text: str, _artifacts: object = None) -> list[Span]:
    """French addresses found only once OCR's confusions are undone."""
    if not LOOKS_SCANNED.search(text):
        return []
    read = ocr_reading(text)
    found = []
    for m in ADDRESS.finditer(read):
        start, end = m.start(), m.end()
        while end > start and read[end - 1] in " \t,.;–-":
            end -= 1
        if read[start:end] != text[start:end] and not employer_context(read, start):
            found.append((start, end, "ADDRESS", 0.8))
    return found
