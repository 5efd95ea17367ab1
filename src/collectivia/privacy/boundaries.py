"""Where a span found by the model starts and ends, by the annotation convention.

The model sometimes takes the word before a value with it (« en temps
partiel thérapeutique », « Dr Martin », « : 06 12… »). The convention every
data set follows is plain: a health span is the noun group without what
introduces it, a name leaves out the civility or the title, no span starts
or ends with a blank or a separator. Trimming here costs nothing in recall
(the value itself is still covered) and makes replacements read naturally:
« Je suis en [donnée de santé retirée] ».

The same convention also cuts a person span where the name stops (a column gap,
« QUI VIENT CHEZ MOI ») and extends spans the model stopped short: an address
over its floor, flat and postcode lines, an IBAN or a NIR to its full length.
Each was kept because it gained on the calibration split and on the written
training documents without raising the leak on either (`training/calibrate.py`).
"""

from __future__ import annotations

import re

from collectivia.privacy.lean_french import french_stop_words
from collectivia.privacy.echoes import french_words
from collectivia.privacy.recognizers.base import UP
from collectivia.privacy.recognizers.contact import CITY, EMPLOYER, POSTCODE_CITY, STREET
from collectivia.privacy.recognizers.dictated import SPELLED, SPELLED_LOWER
from collectivia.privacy.recognizers.names import NOT_NAMES, PARTICLES, fold, known_names
from collectivia.privacy.recognizers.numbers import IBAN_LENGTHS

# Ranks of police, firefighters and the army written before a name (« le BC Lanza », « APM Rey »).
RANKS = (r"(?:Cne|Capitaine|Cdt|Commandant|Col\.?|Colonel|Lt|Lieutenant|Adj\.?|Adjudant|Sgt|"
         r"Sergent|Cpl|Caporal|Gal|Général|BCP?|GB|GP|APM|ASVP|Brigadier(?:-chef)?)(?![\w-])")
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
# What may follow a street before the postcode and the city, all of it part of the address
# (« 9 rue Jules Vallès, 3e étage, 42100 Saint-Étienne », « …, bât. C, appt 12\n38000 Grenoble »).
FLOOR = r"\d{1,2}[ \t]?(?:e|è|ème|eme|er|ère)[ \t]+étage(?:[ \t]+(?:gauche|droite|face|porte[ \t]+\w+))?"
UNIT = (r"(?:bât(?:iment)?|bat|esc(?:alier)?|app(?:ar)?t(?:ement)?|apt|app|porte|chambre|ch|logement|"
        r"log|entrée|lot)\.?[ \t]*[\w-]{1,6}")
STEP = r"[ \t]*(?:[,–-][ \t]*)?(?:\n[ \t]*)?"
POSTAL_TAIL = re.compile(rf"(?:{STEP}(?i:{FLOOR}|{UNIT}))*{STEP}{POSTCODE_CITY}"
                         # an export's next columns: « 4 rue des Glycines;31200;Toulouse »
                         rf"|[ \t]*;[ \t]*\d{{5}}[ \t]*;[ \t]*{CITY}(?=[ \t]*(?:;|$))", re.MULTILINE)
LONE_INITIAL = re.compile(r"[^\W\d_]\.")
NAME_PART = re.compile(r"[^\W\d_]{2}|[^\W\d_]\.")  # two letters, or an initial with its dot
SEPARATORS = " \t\n,;:–—-|/<>«»\"“”"
# Inside a name: what never joins two of its words (a line break, a table's column gap, a spaced
# dash, a bar or a semicolon), and the words that never belong to one.
NAME_GAP = re.compile(r"\n|\t| {2,}|\s[-–—|;]\s|[|;]|\"[,;]\"")   # … or a quoted cell's end (« "SANTONI","Laetitia" »)
WORD = re.compile(r"[^\s|;\"]*\w[^\s|;\"]*")


# Labels whose values are words: a span holding markup characters is a misreading of code.
WORDS_ONLY = ("PERSON", "HEALTH", "UNION")
MARKUP = re.compile(r"[<>{}=]|\*\*")


def tidy(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The span without what the convention leaves outside, or None if nothing is left."""
    while start < end and (text[start] in SEPARATORS + "." or
                           (text[start] == "(" and ")" not in text[start:end])):
        start += 1                                  # « (+33) 6… » keeps its brackets
    while end > start and text[end - 1] in SEPARATORS + ".":
        if text[end - 1] == "." and label == "PERSON" and _initial_before(text, end - 1):
            break                                   # « J.-P. » keeps its dots
        if label == "PHONE" and text[end - 2:end] == "..":
            break                                   # « 04 74 65 .. .. »: dots for digits not given
        end -= 1
    if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    value = text[start:end]
    if value.count("(") > value.count(")") and text[end:end + 1] == ")" and label != "PERSON":
        end += 1                                    # « … au CST (liste CFDT) » closes its bracket
    leading = LEADING.get(label)
    if leading:
        m = leading.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    if label == "PERSON":
        start = _without_leading_words(text, start, end)
    if label == "PERSON" and (not _may_be_a_name(text[start:end]) or _acronym_in_brackets(text, start, end)):
        return None
    if label in WORDS_ONLY and MARKUP.search(text, start, end):
        return None          # « script'</script »: code pasted into a request is no diagnosis
    return (start, end) if end > start else None


LOWER_CIVILITY = re.compile(r"(?:m|mr|mme|mlle|mm|dr)\.?\s+(?=\S)")
FIRST_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _without_leading_words(text: str, start: int, end: int) -> int:
    """« avec marie », « m. garcia »: a lower-case civility or function word the model took
    before a name is not part of it, unless it is a particle or itself a name (« le goff »,
    « de La Fontaine »). Other lower-case words stay: « razafindrabe Lova » may start with a
    surname no list knows, and a leak costs more than a boundary."""
    while True:
        civility = LOWER_CIVILITY.match(text, start, end)
        if civility and civility.end() < end:
            start = civility.end()
            continue
        word = FIRST_WORD.match(text, start, end)
        if not word or not word.group()[:1].islower() or word.end() >= end:
            return start
        key = _key(word.group())
        rest = text[word.end():end].lstrip()
        if key in PARTICLES or _known(key) or not rest or key not in french_stop_words():
            return start      # « razafindrabe Lova »: an unknown lower-case word may be a surname
        start = end - len(rest)


# The country or region after a postcode and city, on its line or the next: « …, 1266 Duillier (VD) »,
# « … 97110 Pointe-à-Pitre (Guadeloupe) », « …, H2X 1Y4 Montréal, Canada », « …\n1050 Ixelles\nBelgique ».
COUNTRIES = ("France|Belgique|Suisse|Luxembourg|Allemagne|Espagne|Portugal|Italie|Royaume-Uni|Irlande|Pays-Bas"
             "|Pologne|Roumanie|Maroc|Alg[ée]rie|Tunisie|S[ée]n[ée]gal|Mali|C[ôo]te d['’]Ivoire|Cameroun|Canada"
             "|Qu[ée]bec|[ÉE]tats-Unis|USA|Turquie|Vi[êe]t ?nam|Chine|Br[ée]sil|Monaco|Andorre")
COUNTRY_TAIL = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+)(?i:{COUNTRIES})\b"
                          rf"|[ \t]+\([A-ZÀ-Ö][\w'’ -]{{0,24}}\)")     # a bracket on the same line only
POSTCODE_BEFORE = re.compile(r"\b(?:\d{4,5}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b")


def with_postal_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """An address reaches over the floor, flat and building lines and the postcode and city
    that follow it: the convention counts them in, and a postcode left behind tells where the
    person lives. After a postcode, the country or region said next is the address's too."""
    tail = POSTAL_TAIL.match(text, end)
    if tail and tail.end() - end <= 120:
        end = tail.end()
    country = COUNTRY_TAIL.match(text, end)
    if country and POSTCODE_BEFORE.search(text, start, end):
        end = country.end()
    return start, end


WHOLE_POSTCODE_CITY = re.compile(POSTCODE_CITY)
SPACED_DASH = re.compile(r"[ \t][–—-][ \t]+")
DASH_CONTINUES = re.compile(rf"(?:\d|(?i:{UNIT}|{FLOOR}|studio|r[ée]sidence|r[ée]s\.|villa|tour|bp|cs|cedex|lieu-dit"
                            rf"|hameau|quartier|le bourg)\b|{POSTCODE_CITY}|[{UP}][\w'’-]+[ \t]*(?:\n|\Z))")


def without_dash_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """In a list, a spaced dash after the street starts the next field (« 22 chemin des Aires
    – Parkinson, 07 … »). The address goes on past the dash when its postcode comes later, or
    when a number, a flat, a floor, a home word or a town alone on the rest of its line follows
    (« … – studio 3-17 », « 67350 Pfaffenhoffen – Val-de-Moder »)."""
    for m in SPACED_DASH.finditer(text, start, end):
        if not DASH_CONTINUES.match(text, m.end()) and not WHOLE_POSTCODE_CITY.search(text, m.end(), end):
            return start, m.start()
    return start, end


def without_sentence_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """An address ends with its city: the model sometimes runs on into the sentence
    (« …, 97490 Sainte-Clotilde avec nos deux enfants », « … 35000 Rennes. Nous avons… »).
    Only a function word or a sentence's end after the city cuts it; the address itself
    is never shortened."""
    for m in WHOLE_POSTCODE_CITY.finditer(text, start, end):     # the whole city, never a part
        after = text[m.end():end].strip()
        if re.search(r"\d", after):
            continue          # « … 35000 Rennes ou 8 rue Haute 56000 Vannes »: a second address follows
        word = re.match(r"[a-zà-ÿ]+", after)
        if (after[:1] in ".!?;" and after[1:2] in " \n") or (word and word.group() in french_stop_words()):
            return start, m.end()
    return start, end


# What introduces an address in a sentence, never part of it: a label before its colon (« nouvelle
# adresse : », « à saisir : ») or a question's end, and lowercase words before the street
# (« logement, 32 rue… », « j'habite maintenant 3 bis rue… »). A home's name written with
# capitals (« Mas des Oliviers, 1450 route de Sauve ») is part of the address.
LEAD_IN_END = re.compile(r"[^\d\n:?]*[:?][ \t]+")     # the first colon: « Bât : C » further on is the address's
STREET_START = re.compile(STREET)
LOWER_LEAD_IN = re.compile(r"[a-zà-ÿ'’ \t,-]*[ \t,]")   # whole words: « l2 impasse » is an OCR-read 12


def without_lead_in(text: str, start: int, end: int) -> tuple[int, int]:
    """The address without the words that introduce it; a home's name or a building, in any case
    (« résidence les pins bât c, 4 avenue… », « chez Mme Durand »), is part of it."""
    lead = LEAD_IN_END.match(text, start, end)
    if lead is not None and re.search(r"\d", text[lead.end():end]) and not _names_a_home(text[start:lead.end()]):
        start = lead.end()
    street = STREET_START.search(text, start, end)
    if street is not None and street.start() > start and LOWER_LEAD_IN.fullmatch(text, start, street.start()) \
            and not _names_a_home(text[start:street.start()]):
        start = street.start()
    return start, end


def _names_a_home(words: str) -> bool:
    return any(w in HOME_WORDS or w == "chez" for w in re.findall(r"[^\W\d_][\w'’-]*", words.lower()))


NUMBER_GROUP = re.compile(r"[ .\-]?[0-9A-Z]{1,4}(?![\w@])")


def with_number_tail(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """An IBAN or a NIR reaches over the groups that follow it up to its longest length (15
    characters for a NIR, separators left out): the model may stop inside a mistyped number,
    and the rest of it identifies the person too."""
    value = "".join(ch for ch in text[start:end] if ch.isalnum())
    longest = 15 if label == "NIR" else IBAN_LENGTHS.get(value[:2].upper(), 34)
    size = len(value)
    while (group := NUMBER_GROUP.match(text, end)):
        grown = size + sum(ch.isalnum() for ch in group.group())
        if grown > longest:
            break
        size, end = grown, group.end()
    return start, end


def name_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A person span cut where it stops being a name, for spans the model or a rule ran on
    into the sentence (« FATOUMATA QUI VIENT CHEZ MOI », « Christine HUMBERT   Matricule »).

    Cuts fall at a gap no name contains (a line break, a column gap, a spaced dash, a
    semicolon) and at a French function word (spaCy's French stop words: « qui », « vous »,
    « par ») that is neither a particle nor a known name, and is written in lower case unless
    the whole span shouts. The first piece is kept; after a gap, a piece that starts with a
    capital (the next cell of a table row may be a first name); after a function word, a piece
    holding a known first name or surname. A second name is never dropped for a sentence's tail.
    """
    shouting = not any(ch.islower() for ch in text[start:end])
    pieces: list[tuple[list[re.Match], bool]] = []
    current: list[re.Match] = []
    after_gap, last = False, start
    for word in WORD.finditer(text, start, end):
        gap = bool(current) and NAME_GAP.search(text, last, word.start()) is not None
        function_word = _function_word(word.group(), shouting)
        if gap or function_word:
            if current:
                pieces.append((current, after_gap))
            current, after_gap = [], gap and not function_word
        if not function_word:
            current.append(word)
        last = word.end()
    if current:
        pieces.append((current, after_gap))
    kept = []
    for i, (words, after_gap) in enumerate(pieces):
        first = words[0].group()
        if i == 0 or (after_gap and first[:1].isupper()) or any(_known(_key(w.group())) for w in words):
            kept.append((words[0].start(), words[-1].end()))
    return kept or [(start, end)]


def _key(word: str) -> str:
    return fold(word.strip(".,:()"))


def _function_word(word: str, shouting: bool) -> bool:
    key = _key(word)
    return ((shouting or word[:1].islower()) and len(key) > 1     # « A. » is an initial
            and key in french_stop_words() and key not in PARTICLES and not _known(key))


def _known(key: str) -> bool:
    """A first name or surname of the INSEE lists, long enough not to be a word by chance
    (« si », « na » and « le » are names somewhere, and words everywhere)."""
    return len(key) > 2 and key in known_names()


def _may_be_a_name(value: str) -> bool:
    """« permis B », « B. », « PROFIL », « Objet » hold no name (calibration: F1 +0.001, same leak);
    « P E T R O V » or « w i s n i e w s k a », spelled on the phone, does."""
    if SPELLED.fullmatch(value) or SPELLED_LOWER.fullmatch(value):
        return True
    if not NAME_PART.search(value) or LONE_INITIAL.fullmatch(value):
        return False
    words = re.findall(r"\w+", value)
    return not all(fold(word) in NOT_NAMES for word in words)


# Grades, diplomas and services a short capitalised word in brackets names (« N. ALLAIN (EJE) »,
# « (CAP AEPE) », « Mme Vasseur (DSPE) »). Only these: an unknown word there may be a surname
# the lists miss (« Mme Tiwari (JHA) »), and it stays masked.
BRACKETED_ACRONYMS = set("""
eje aepe atsem asem aes avs ase aide ide ets etaps apm asvp mns bnssa bafa bafd dgs dga drh dst dsi
daf rrh srh sig ccas cias ctm pmi sdis ddsis dspe gnau pcrs dcat ehpad rqth cdd cdi cae pec cui
assp sapat advf deaes cesf dees deass deeje bpjeps cpjeps dejeps dut but bts licence master
""".split())


def _acronym_in_brackets(text: str, start: int, end: int) -> bool:
    """A grade, a diploma or a service named in brackets (BRACKETED_ACRONYMS), not a second name."""
    value = text[start:end]
    return (value.isupper() and fold(value) in BRACKETED_ACRONYMS and text[end:end + 1] == ")"
            and re.search(r"\((?:[A-Z]+ )?$", text[max(0, start - 6):start]) is not None)


def _initial_before(text: str, dot: int) -> bool:
    """A dot that ends a one-letter initial (« P. », « J.-M. »)."""
    return dot >= 1 and text[dot - 1].isalpha() and (dot < 2 or not text[dot - 2].isalpha())


# --- A name written in lower case, and a family name followed by its given names ------------
LOWER_WORD = re.compile(r"[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]+")


def grown_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Person spans grown to the whole name, by the convention that a name is one span.

    A name typed in lower case (« je suis sophie marchal adjointe ») is often found only
    by its given name, or only by its family name (« camille nguyen-roche »): the span
    grows over a lower-case neighbour that is a known family name after it, or a known
    given name before it, never over a French function word. A family name and its given
    names written « Ferrer, Jordi » or « Bernard, Louis, Marcel », found word by word, become
    one span; a list of full names (« Jean Dupont, Marie Durand ») stays apart.
    """
    grown = sorted(_with_lower_neighbours(text, s, e) for s, e in spans)
    merged: list[tuple[int, int]] = []
    for start, end in grown:
        if merged and _comma_joined(text, merged[-1], (start, end)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _with_lower_neighbours(text: str, start: int, end: int) -> tuple[int, int]:
    if text[start:end] != text[start:end].lower():
        return start, end
    after = LOWER_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    if after and fold(after.group()) in PARTICLES:          # « patrick le bihan »
        tail = LOWER_WORD.match(text, after.end() + 1) if text[after.end():after.end() + 1] == " " else None
        if tail and _lower_name(tail.group(), family=True):
            end = tail.end()
    elif after and _lower_name(after.group(), family=True):
        end = after.end()
    if start >= 2 and text[start - 1] == " ":
        before = _word_ending_at(text, start - 1)
        if before and _lower_name(text[before:start - 1], family=False):
            start = before
    return start, end


def _word_ending_at(text: str, end: int) -> int | None:
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-'’"):
        start -= 1
    return start if end - start >= 2 and LOWER_WORD.fullmatch(text, start, end) else None


def _lower_name(word: str, *, family: bool) -> bool:
    from collectivia.privacy.recognizers.names import common_first_names, surnames

    key = fold(word)
    if len(key) < 3 or key in french_stop_words() or key in NOT_NAMES:
        return False
    return key in (surnames() if family else common_first_names())


def _comma_joined(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    between = text[left[1]:right[0]]
    if between not in (", ", ","):
        return False
    # « Gwenaëlle, Marie » already joined goes on with « , Annick »
    return all(len(part.split()) == 1 for part in text[left[0]:left[1]].split(",")) \
        and len(text[right[0]:right[1]].split()) == 1


# A home's own name before its street or its postcode: a house, a farm, a hamlet, a residence, a
# building or a flat (« La Bergerie, 1120 route de Cassel … », « mas de la Brugière, route de … »,
# « pension de famille Les Tilleuls, 42 rue … », « Appt 21 - 3 rue … », « habitante de Kerhallon,
# 29470 … », « Le Mas Gaillard, 87300 … »). The convention counts it in the address, and it alone
# may tell a village where the person lives.
HOME_WORDS = frozenset("""
mas quartier maison villa pension famille foyer foyer-logement résidence résid rés res lieu-dit lieudit
hameau lotissement lot cité domaine ferme moulin manoir château bastide chalet bât bat bâtiment
app appt apt appartement logement tour escalier esc étage village bourg studio chambre porte
""".split())
HEAD_PARTICLES = frozenset("de du des d' d’ la le les l' l’ en sur sous au aux".split())
ARTICLES = frozenset("la le les l' l’".split())
# Words that open a line or a sentence before an address without naming a place.
NOT_HEADS = frozenset("""
madame monsieur mademoiselle mme m mlle objet adresse domicile tél tel téléphone contact nom prénom n° nº no
numéro né née chez suite urgent mr dr maître réf ref
""".split())
# An organisation named like a home (« Maison France Services », « Section syndicale CGT »,
# « La Poste »): its address is not a person's.
HEAD_ORGANISATION = re.compile(r"(?i)\b(?:services?|syndica\w*|section|poste|santé|associations?|rural|"
                               r"sociale?s?|CGT|CFDT|FO|UNSA|SUD|FSU|CFTC)\b")
HEAD_STOP = re.compile(r"[,:;()|│┃¦\n]|[ \t][-–—][ \t]|\d{5}")
HEAD_GAP = re.compile(r"[ \t]*(?:,|[-–—]|\n)?[ \t]*\Z")
HEAD_TOKEN = re.compile(r"[^\s,]+")


def place_head_start(text: str, start: int, floor: int = 0) -> int:
    """Where an address starts once the home's name before it is counted in: up to six words
    back to a comma, a bracket, a label, a lower-case word or `floor` (the end of whatever was
    found before it, a name for one). The words must open with a home word (HOME_WORDS), an
    article before a name (« La Bergerie ») or a name no dictionary knows (« Kerhallon »); an
    organisation, a heading or ordinary words (« Demande de Mutation ») are never taken. On the
    line above, only a home word or an article opens a home's name."""
    line_start = text.rfind("\n", 0, start) + 1
    above = not text[line_start:start].strip()
    if above:                                        # the address opens its line: the line above
        line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    lowest = max(line_start, start - 80, floor)
    window = text[lowest:start]
    gap = HEAD_GAP.search(window)
    body_end = lowest + (gap.start() if gap else len(window))
    cut = max((m.end() for m in HEAD_STOP.finditer(text, lowest, body_end)), default=lowest)
    kept = _head_words(list(HEAD_TOKEN.finditer(text, cut, body_end)))
    if not kept:
        return start
    words = [t.group() for t in kept]
    lowered = [w.lower().strip(".") for w in words]
    # « son logement, 32 rue … »: a home word alone in lower case is the sentence's, no home's name
    opens_home = lowered[0] in HOME_WORDS and not (len(words) == 1 and words[0].islower())
    opens_article = lowered[0] in ARTICLES and (len(words) > 1 or body_end == start - 1)
    if lowered == [lowered[0]] and opens_article:
        return kept[0].start()                       # « Le » just before « Mas Gaillard »
    if EMPLOYER.search(" ".join(words)) or HEAD_ORGANISATION.search(" ".join(words)) \
            or (above and not (opens_home or opens_article)) or " ".join(words).isupper():
        return start
    if not opens_home:
        names = [w for w in lowered if w not in HEAD_PARTICLES and not w.isdigit()]
        if not names or any(w in NOT_HEADS or _known(fold(w)) or w in french_stop_words() for w in names):
            return start
        if not opens_article and all(fold(w) in french_words() for w in names):
            return start                             # « Bonjour, 12 rue … »: words; « La Bergerie », a place
    return kept[0].start()


def _head_words(tokens: list[re.Match]) -> list[re.Match]:
    """The words just before an address that may name a home, in reading order: capitalised
    words, home words, particles inside them and short numbers (« Appt 21 »)."""
    kept: list[re.Match] = []
    for token in reversed(tokens):
        word = token.group().lower().strip(".")
        capitalised = token.group()[:1].isupper()
        inside = word in HEAD_PARTICLES and bool(kept)
        number = word.isdigit() and len(word) <= 4
        if capitalised or word in HOME_WORDS or inside or number:
            kept.append(token)
            continue
        break
    while kept and kept[-1].group().lower() in HEAD_PARTICLES - ARTICLES:
        kept.pop()                                   # « de Kerhallon »: the particle stays outside
    return list(reversed(kept)) if len(kept) <= 6 else []
