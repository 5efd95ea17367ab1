"""Reading a CV as plain text: sections, dated activities (jobs, long trainings), months.

CVs come in many layouts (classic, compact, Europass, narrative, table, ATS
export, functional). Rather than one parser per layout, we look for what they
share: section headings, and lines carrying a period ("de 04/2012 à 06/2018",
"mars 2024 – en cours", "Depuis décembre 2020"). Each dated line opens an
activity; the lines after it, up to the next dated line or heading, are its
missions. Identity lines (name, address, birth date, photo) are never read by
the screening: only the sections and activities are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from collectivia.core.text import fold
from collectivia.recruitment import written_dates

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
_MONTH_WORD = rf"(?<![A-Za-zÀ-ÿ]){written_dates.MONTH_WORD}\.?"
_POINT = rf"(?:(?<![\d/.])(?:[0-3]?\d[/.])?(?:0?[1-9]|1[0-2])[/.](?:19|20)\d\d(?!\d)" \
         rf"|(?<![\d/.])(?:19|20)\d\d[-/](?:0[1-9]|1[0-2])(?![\d/])" \
         rf"|(?:[0-3]?\d(?:er)?\s+)?{_MONTH_WORD}\s+(?:19|20)\d\d)"
_NOW = r"(?:aujourd['’]hui|auj\b\.?|actuel\b|[àa] ce jour|ce jour|en cours|en poste\b|pr[ée]sent|maintenant|actuellement)"
# Between a start and an end: a dash, an arrow, « à », a slash (« 2014-05 / 2018-08 »), a table's
# column bar, an export's « FIN: » (« Début: 2013-09; Fin: 2018-06 », « | Du : 03/2013 | Au : 12/2024 »).
_DASH = r"\s*(?:-|–|—|→|->|à|au|a|/|\|(?:\s*(?:fin|au|à|jusqu['’]au)\s*:)?|[;,]\s*fin\s*:)\s*"
_SHORT_POINT = r"(?:0[1-9]|1[0-2])/\d\d(?![\d/])"
_SHORT_DASH = r"\s*(?:-|–|—|→|->|à|au)\s*"
# Year-only periods ("2016 - 2019", "depuis 2020"): approximate, never used for date issues.
_YEAR = r"(?<![\d/.])(?:19|20)\d\d(?![\d/.])"
YEAR_PERIOD = re.compile(
    rf"(?:\b[Dd]epuis\s+(?:l'ann[ée]e\s+)?(?P<since>{_YEAR}))"
    rf"|(?:(?:\b[Dd]e\s+|\b[Ee]n\s+)?(?P<start>{_YEAR})\s*(?:-|–|—|à|au)\s*(?P<end>{_YEAR}|{_NOW}))")
PERIOD = re.compile(
    rf"(?:\b[Dd]epuis\s+(?:le\s+)?(?P<since>{_POINT}))"
    rf"|(?:(?P<start>{_POINT}){_DASH}(?P<end>{_POINT}|{_NOW}))"
    # « de mars à août 2024 », « juillet-août 2004 », « en juillet et août 2022 »: one year for both months
    rf"|(?:(?:\b[Dd]e\s+)?(?P<first>{_MONTH_WORD})\s*(?:\s(?:à|a|au|et)\s|[-–])\s*(?P<last>{_MONTH_WORD})\s+(?P<year>(?:19|20)\d\d))"
    # told in a sentence: « recruté en septembre 2013 comme agent…, poste occupé jusqu'en août 2024 »
    rf"|(?:\b(?:[Ee]n|[Dd]ès)\s+(?P<from>{_POINT})[^.;\n]{{0,160}}?\bjusqu['’]\s*(?:en|au|à|a)?\s*"
    rf"(?P<until>{_POINT}|{_NOW}))"
    # « De 1988 jusqu'en juin 2008 », « de 2008 à mai 2023 »: a year for the start (its certain part,
    # December), a month for the end
    rf"|(?:\b[Dd]e\s+(?P<from_year>(?:19|20)\d\d)\s+(?:jusqu['’]\s*(?:en|au|à|a)?|à|a|au)\s*(?P<to>{_POINT}))"
    # « 09/18 – auj. », « 01/10 – 08/18 »: month and two-digit year, only as the two ends of a range
    rf"|(?:(?<![\d/.])(?P<short_start>{_SHORT_POINT}){_SHORT_DASH}(?P<short_end>{_SHORT_POINT}|{_NOW}))",
    re.IGNORECASE,
)
# "D'avril 2011 à mai 2019", "de juil. 2006 à juil. 2017": the "de" is optional above.
# A start told in a sentence and still running: « j'ai rejoint en janvier 2021 le centre aquatique,
# où je surveille les bassins », « recruté en septembre 2005 par la commune, où je travaille toujours ».
JOINED = re.compile(
    rf"\b(?:rejoint|recrut[ée]e?|embauch[ée]e?|int[ée]gr[ée]e?|entr[ée]e?|nomm[ée]e?|arriv[ée]e?|repris"
    rf"|commenc[ée]e?|d[ée]but[ée]e?)\s+"
    rf"(?:[^.;\n]{{0,40}}?\s)?(?:en|d[èe]s|le\s+\d{{1,2}}(?:er)?)\s+(?P<join>{_POINT})"
    # « … comme adjoint. J'y utilise … », « … archiviste contractuel. J'occupe toujours ce poste. »
    rf"(?P<rest>[^.;\n]{{0,200}}(?:\.\s+J['’](?:y\s+\w+|occupe\s+toujours))?)",
    re.IGNORECASE)
_STILL = re.compile(r"\b(?:toujours|actuellement|aujourd['’]hui|[àa] ce jour)\b|\bo[uù] je\s+(?!suis\s+rest|suis\s+demeur)"
                    r"|\bJ['’]y\s+(?!ai\b|avais\b|suis\s+rest)\w+",
                    re.IGNORECASE)
# « Titulaire du BEESAN depuis juin 2004 », « habilitée B0 depuis mars 2025 », « inscrite à l'Ordre
# depuis mars 2018 »: since when a diploma, a licence or a registration is held, not a job (a job held « depuis » is told with its post, « titulaire du grade »).
_HELD_SINCE = re.compile(r"\b(?:titulaire|diplom[ée]e?|habilit[ée]e?|certifi[ée]e?|laur[ée]at(?:e)?)\b"
                         r"(?![^.;]{0,80}\b(?:grade|poste|emploi)\b)[^.;]{0,80}$"   # bounded: linear
                         # « diplômée d'État depuis juin 2012 », right before its date; not « diplômée, je
                         # travaille en crèche depuis… » nor « diplômée – multi-accueil Les Lutins depuis… »
                         r"|\b(?:dipl[oô]m[ée]e?s?|inscrite?s?\s+(?:a|à|au)\s+(?:l['’]ordre|tableau|registre))\b"
                         r"[^.;,:–—-]{0,40}$", re.IGNORECASE)

SECTION_KINDS = (
    ("identity", r"informations personnelles|[ée]tat civil|emploi recherch[ée]|objectif|coordonn[ée]es"
                 r"|poste recherch[ée]"),
    ("experience", r"exp[ée]riences?|parcours|emplois?|mon parcours|exp[ée]rience professionnelle"),
    ("education", r"formations?|[ée]ducation|dipl[ôo]mes?|formations? et dipl[ôo]mes?"
                  r"|[ée]ducation et formation|formations? compl[ée]mentaires?"),
    ("skills", r"comp[ée]tences?|outils|logiciels|informatique|savoir[- ]faire"),
    ("languages", r"langues?"),
    ("other", r"centres? d['’]int[ée]r[êe]ts?|loisirs|divers|profil|pr[ée]sentation"
              r"|r[ée]f[ée]rences"),
)
# A heading may be decorated as exports and text editors write it: « [FORMATIONS] », « === FORMATION === »,
# « --- Compétences --- », « ## Expérience », « **Langues** »; a decoration closes as it opens
# (« -- Formation des agents au logiciel » is a bullet, not a heading).
_HEADING = re.compile(
    r"^\s*#*\s*(?P<label>[A-Za-zÀ-ÿ'’ ]{3,60}?)\s*:?\s*$"
)
_DECORATED = re.compile(r"\s*(\[|={2,}|-{2,}|\*{2})(.{3,80}?)(\]|={2,}|-{2,}|\*{2})\s*")
_CLOSES = {"[": "]", "=": "=", "-": "-", "*": "*"}


def _undecorated(line: str) -> str:
    m = _DECORATED.fullmatch(line)
    return m.group(2) if m and _CLOSES[m.group(1)[0]] == m.group(3)[0] else line


def month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def month_label(index: int) -> str:
    return f"{index % 12 + 1:02d}/{index // 12}"


def _point(text: str) -> int | None:
    text = fold(text).strip()
    m = re.search(r"(\d{1,2})[/.](\d{4})", text)
    if m:
        return month_index(int(m.group(2)), int(m.group(1)))
    m = re.search(r"((?:19|20)\d\d)[-/](\d{2})", text)       # year first: « 2013-09 », « 2021/10 »
    if m:
        return month_index(int(m.group(1)), int(m.group(2)))
    m = re.search(r"([a-z]+)\.?\s+(\d{4})", text)
    if m and m.group(1) in MONTHS:
        return month_index(int(m.group(2)), MONTHS[m.group(1)])
    return None


def _short_point(text: str, today: int) -> int | None:
    """« 09/18 »: September 2018 — the century that does not put it after `today`."""
    m = re.fullmatch(r"(\d\d)/(\d\d)", text.strip())
    if m is None:
        return None
    return month_index(written_dates.century(m.group(2), today), int(m.group(1)))


@dataclass
class Activity:
    """A dated activity of the CV: a job, or a long training (formation)."""

    start: int                 # month index, inclusive
    end: int                   # month index, inclusive
    ongoing: bool
    line: str                  # the CV line carrying the period, verbatim
    kind: str                  # "job" | "training"
    details: list[str] = field(default_factory=list)   # following lines (missions), verbatim
    approximate: bool = False  # dated to the year only: counted in durations, not in date issues
    # a step of the job above it (« puis chef d'équipe depuis 01/2021 » indented under « Depuis 02/2017
    # Ville de … », a table's « (suite) | idem » row): its months are that job's, never a second job
    within: bool = False

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    @property
    def label(self) -> str:
        """Title and employer, for messages: « Gestionnaire paie, Mairie de Cenon »."""
        if _START_FIELD.match(self.line):     # an export's block: « Poste : … », « Employeur : … »
            fields = [d.split(":", 1) for d in self.details if ":" in d]
            named = [value.strip() for name, value in fields
                     if re.match(r"\s*(?:poste|titre|intitul|fonction|emploi|dipl|employeur|soci[ée]t|structure"
                                 r"|entreprise|[ée]tablissement|organisme)", name, re.IGNORECASE)]
            return ", ".join(named[:2]) or "activité"
        text = YEAR_PERIOD.sub("", PERIOD.sub("", self.line))
        cells = [c.strip() for c in text.split("|")
                 if c.strip() and not re.fullmatch(r"(?:de|du|depuis|dates?)?\W*", c.strip(), re.I)]
        if self.line.lstrip().startswith("|"):      # table row: poste | employeur | missions
            text = ", ".join(cells[:2])
        else:
            text = ", ".join(cells)
            title = next((d.split(":", 1)[1] for d in self.details
                          if re.match(r"(?:fonction|poste|intitul)", fold(d)) and ":" in d), "")
            text = re.sub(r"employeur\s*:\s*", "", text, flags=re.IGNORECASE)
            if title:
                text = f"{title.strip()}, {text}"
        text = re.sub(r"^\W*(?:(?:dates?|du|de|depuis|d['’])(?=\W)\W*)*", "", text, flags=re.IGNORECASE)
        text = re.sub(r"^(?:j['’]ai été|je suis|j['’]étais)\s+", "", text.strip(" ,:;-–—"))
        text = re.split(r"\s;\s|;\s*mes missions|\s:\s", text)[0]
        text = re.sub(r"\s+au sein (?:de la|du|de l['’]|des|de)\s+", ", ", text)
        text = re.sub(r"\s*[-–—]\s+(?=[A-ZÀ-Ý])", ", ", text, count=1)
        text = re.sub(r"\s{2,}", " ", text).strip(" ,:;-–—.")
        return text[:1].upper() + text[1:] if text else "activité"

    def text(self) -> str:
        return "\n".join([self.line, *self.details])

    def period_label(self) -> str:
        return f"{month_label(self.start)}-{month_label(self.end)}"


@dataclass
class CvLine:
    number: int
    text: str        # verbatim
    folded: str
    section: str     # header | letter | experience | education | skills | languages | other
    usable: bool     # False for identity / target-job lines, never used as evidence


    @property
    def headline(self) -> bool:
        """A short title under the name (« Gestionnaire carrière et paie »): what the candidate calls
        themselves, quoted by a rule that reads a status, never proposed by a model as proof."""
        return self.section == "header" and not re.search(r"[\d:]", self.text) and len(self.text.split()) <= 6


def dates_only(line: str) -> bool:
    """« 04/2021 – à ce jour », « 03/2018 »: a date on its own line, what it dates on the next one
    (Europass puts the period above the job, the diploma or the certificate)."""
    return not re.search(r"[a-z]{3,}", re.sub(r"\b(?:a ce jour|aujourd'hui|en cours|depuis|present|actuel"
                                            r"|auj|de|du|au|a|" + "|".join(MONTHS) + r")\b", " ",
                                            fold(line)))


@dataclass
class ParsedCv:
    text: str
    lines: list[CvLine]
    activities: list[Activity]
    today: int       # the reference month (month index): « en cours », and what is still valid

    def usable_lines(self) -> list[CvLine]:
        return [line for line in self.lines if line.usable]

    @property
    def jobs(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == "job"]

    @property
    def busy(self) -> list[Activity]:
        """The activities that cover their months (a declared break does not)."""
        return [a for a in self.activities if a.kind != "break"]


_TARGET_LINE = re.compile(
    r"^\s*(?:objet|poste vis[ée]|objectif|candidature|emploi recherch[ée]|projet\s*:|titre\s*:)", re.IGNORECASE)
# A cover letter written instead of a CV: its body, between the salutation and the closing
# formula, is the candidate's account of their career (what the sections are elsewhere); the
# closing formula and the signature (a name) after it are identity again.
_SALUTATION = re.compile(r"^\s*(?:madame|monsieur|mesdames|messieurs|bonjour)\b[^.]{0,40}[,:]?\s*$", re.IGNORECASE)
_CLOSING = re.compile(r"^\s*(?:dans l['’]attente|je vous prie|veuillez (?:agr[ée]er|recevoir)|je vous remercie"
                      r"|en vous remerciant|je reste [àa] votre disposition|restant [àa] votre disposition"
                      r"|cordialement|bien cordialement|recevez)", re.IGNORECASE)


def _section_of(line: str) -> str | None:
    """The section a heading line opens, or None if the line is not a heading."""
    if line.startswith("|"):
        return _table_heading(line)
    m = _HEADING.match(_undecorated(line))
    if not m or len(line.split()) > 6:
        return None
    return _section_of_label(m.group("label"))


def _section_of_label(label: str) -> str | None:
    label = fold(label).strip()
    for kind, pattern in SECTION_KINDS:
        if re.fullmatch(rf"(?:{pattern})\b[a-z'&/, ]*", label):
            return kind
    return None


_COLUMN = re.compile(r"(?:dates?|p[ée]riodes?|ann[ée]es?|postes?|emplois?|fonctions?|employeurs?|structures?"
                     r"|entreprises?|lieux?|missions?|d[ée]tails?|t[âa]ches|niveaux?|intitul[ée]s?)\b.*",
                     re.IGNORECASE)


def _table_heading(line: str) -> str | None:
    """« | Période | Poste | Employeur | » or « | Diplômes | Année | »: a table's header row opens a
    section, like a heading (a CV written as tables often has no other headings)."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if not cells or any(re.search(r"\d", c) or len(c.split()) > 5 for c in cells):
        return None
    kinds = [_section_of_label(c) for c in cells]
    if not all(k is not None or _COLUMN.fullmatch(c) for k, c in zip(kinds, cells, strict=True)):
        return None
    if any(kinds):
        return next(k for k in kinds if k)
    # « | Dates | Fonction | Structure | »: the jobs; « | Intitulé | Année | » says nothing
    return "experience" if any(re.match(r"postes?|emplois?|fonctions?", fold(c)) for c in cells) else None


def _year_periods(line: str, today: int) -> list[tuple[int, int, bool]]:
    """Year-only periods, for their certain part: « 2018-2021 » is at least December 2018 to
    January 2021, « depuis 2019 » at least December 2019 to today. A duration is never counted
    longer than the CV proves."""
    found = []
    for m in YEAR_PERIOD.finditer(line):
        start_year = int(m.group("since") or m.group("start"))
        end_text = m.group("end") or ""
        ongoing = bool(m.group("since")) or not end_text.isdigit()
        end = today if ongoing else month_index(int(end_text), 1)
        start = month_index(start_year, 12)
        if start > end and end_text.isdigit() and int(end_text) == start_year:   # « 2023-2023 »
            start = end
        if start <= end:
            found.append((start, min(end, today), ongoing))
    return _apart(found)


# Seasonal work: « saisons 2019, 2020 et 2021 (juillet-août) », « les étés 2022, 2023 et 2024 (juillet et
# août) », « juillet-août 2019, 2020, 2021 »: the same months each year, one period per year.
_YEARS = rf"(?P<years>{_YEAR}(?:\s*(?:,|et|&|à|-|–)\s*{_YEAR}){{1,15}})"   # bounded: linear on hostile input
_MONTHS_PAIR = rf"(?:de\s+|en\s+)?(?P<first>{_MONTH_WORD})\s*(?:-|–|à|a|au|et)\s*(?P<last>{_MONTH_WORD})"
SEASONS = re.compile(rf"{_YEARS}\s*\(\s*{_MONTHS_PAIR}\s*\)"
                     rf"|{_MONTHS_PAIR.replace('first', 'first2').replace('last', 'last2')}\s+"
                     rf"{_YEARS.replace('years', 'years2')}", re.IGNORECASE)


def _season_years(text: str) -> list[int]:
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", text)]
    if len(years) == 2 and re.search(r"\d\s*(?:à|-|–)\s*(?:19|20)", text) and 0 < years[1] - years[0] <= 30:
        return list(range(years[0], years[1] + 1))      # « 2019 à 2023 (juillet-août) »
    return years


def _seasons(line: str) -> tuple[list[tuple[int, int, bool]], str]:
    """The seasons of a line, and the line with them blanked out (so no pattern reads them again)."""
    found = []
    for m in SEASONS.finditer(line):
        first, last = m.group("first") or m.group("first2"), m.group("last") or m.group("last2")
        for year in _season_years(m.group("years") or m.group("years2")):
            start, end = _point(f"{first} {year}"), _point(f"{last} {year}")
            if start is not None and end is not None and start <= end:
                found.append((start, end, False))
        line = line[:m.start()] + " " * (m.end() - m.start()) + line[m.end():]
    return found, line


def _periods(line: str, today: int) -> list[tuple[int, int, bool]]:
    found, line = _seasons(line)
    found = [(start, min(end, today), end > today) for start, end, _ in found if start <= today]   # this summer's runs on
    start: int | None
    end: int | None
    for m in PERIOD.finditer(line):
        if m.group("since"):
            if _HELD_SINCE.search(line, 0, m.start()):
                continue
            start, end, ongoing = _point(m.group("since")), today, True
        elif m.group("first"):     # « de janvier à septembre 2024 »: one year for both months
            year = m.group("year")
            start, end, ongoing = _point(f"{m.group('first')} {year}"), _point(f"{m.group('last')} {year}"), False
        elif m.group("short_start"):
            start, end = _short_point(m.group("short_start"), today), _short_point(m.group("short_end"), today)
            ongoing = end is None
            end = today if end is None else end
        elif m.group("from_year"):
            start, end, ongoing = month_index(int(m.group("from_year")), 12), _point(m.group("to")), False
        elif m.group("from"):
            start, end = _point(m.group("from")), _point(m.group("until"))
            ongoing = end is None
            end = today if end is None else end
        else:
            start = _point(m.group("start"))
            end_text = m.group("end")
            end = _point(end_text)
            ongoing = end is None
            if end is None:
                end = today
        if start is not None and end is not None and start <= end:
            found.append((start, min(end, today), ongoing))
    for m in JOINED.finditer(line):
        start = _point(m.group("join"))
        if start is not None and start <= today and _STILL.search(m.group("rest")) \
                and not re.search(r"jusqu", m.group("rest"), re.IGNORECASE):
            found.append((start, today, True))
    return _apart(found)


def _open_start(line: str, today: int) -> int | None:
    """A start told without an end nor a sign that it still runs (« j'ai rejoint en juin 2025 la
    médiathèque, en tant qu'agent contractuel. »): the caller keeps it only if nothing starts later."""
    for m in JOINED.finditer(line):
        start = _point(m.group("join"))
        if start is not None and start <= today and not re.search(
                r"jusqu|pendant|durant|j['’]y ai|\b\d+\s+(?:ans|mois)\b|\b(?:deux|trois|quatre|cinq)\s+(?:ans|mois)\b",
                m.group("rest"), re.IGNORECASE):
            return start
    return None


def _apart(periods: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """The periods of one line that are separate activities (« 05/2023–09/2023 et 05/2022–09/2022 »);
    one inside another (« 12/2019 – aujourd'hui (titulaire depuis 12/2020) ») is a detail of it."""
    kept: list[tuple[int, int, bool]] = []
    for period in periods:     # two part-time jobs that overlap are both kept (« 03/2025–auj. · 06/2024–11/2025 »)
        if not any(start <= period[0] and period[1] <= end for start, end, _ in kept):
            kept.append(period)
    return kept


# Identity, read by content rather than by position (many CVs have no heading at all: a table,
# a compact block, a narrative). A line giving a contact, an address or a birth date is identity
# as a whole; an age, a marital status or a « Ville (38) » is left out of a line that says more.
_IDENTITY_LINE = re.compile(
    r"\S+@\S+\.\w+|(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.-]?\d\d){4}(?!\d)|\bn[ée]e?s?\s+le\b|date de naissance"
    r"|linkedin\.com", re.IGNORECASE)
# an address: identity too, unless the line is dated (an employer's address on a job line)
_ADDRESS = re.compile(
    r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|all[ée]e|place|chemin|impasse|route"
    r"|cours|quai|hent|square|lotissement|r[ée]sidence|lieu-dit)\b|\b\d{5}\s+[A-ZÀ-Ý]", re.IGNORECASE)
_IDENTITY_PART = re.compile(
    r"(?i:\(?(?:[aâ]ge\s*:?\s*)?\d{2}\s*ans\)?|nationalit[ée].*|photo.*"
    r"|(?:mari[ée]e?|c[ée]libataire|pacs[ée]e?|divorc[ée]e?|veuf|veuve)(?:,?\s*\d+ enfants?)?|\d+ enfants?)"
    r"|[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)?\s*\(\d{2,3}[AB]?\)")    # « Cognac (16) », not an employer
_PARTS = re.compile(r"\s*[|·•]\s*|\s+[–—-]\s+|,\s+")


def readable_part(line: str) -> str | None:
    """What the screening may read of a line: None for an identity line, else the line without
    its identity parts (« 33 ans | Permis B | Certiphyto (2022) » -> « Permis B · Certiphyto (2022) »).
    Two CVs that differ only by identity give the same readable parts."""
    if _IDENTITY_LINE.search(line) or (_ADDRESS.search(line) and not PERIOD.search(line)):
        return None
    parts = [p for p in _PARTS.split(line.strip()) if p]
    kept = [p for p in parts if not _IDENTITY_PART.fullmatch(p.strip(" []"))]
    if len(kept) == len(parts):
        return line
    return " · ".join(kept) if any(re.search(r"[^\W\d_]{3,}", p) for p in kept) else None


# A dated period the CV itself says is without activity: a gap, not a job.
_BREAK = re.compile(r"(?:disponibilite|conge (?:parental|sabbatique|de formation personnel)|annee sabbatique"
                    r"|voyages?\b|tour du monde"
                    r"|sans emploi|recherche d'emploi|demandeu(?:r|se) d'emploi|chomage|pause professionnelle"
                    r"|periode sans activite|interruption (?:d'activite|de carriere|professionnelle)"
                    r"|arret d'activite|suivi de conjoint)\b")


# The same told in a sentence about oneself (« j'ai été placé en disponibilité de … à … »); a job
# line that merely names someone else's leave (« remplacement d'un agent en congé parental ») is not.
_TOLD_BREAK = re.compile(r"\b(?:place|placee|mis|mise|suis|etais|ete|me suis mise?)\s+en\s+"
                         r"(?:disponibilite|conge parental|conge sabbatique|recherche d'emploi)\b"
                         r"|\bj'ai (?:pris|pose|demande|obtenu) (?:un |une |mon |ma )?(?:conge parental"
                         r"|disponibilite|conge sabbatique|annee sabbatique)"
                         r"|\bje me consacre a (?:ma |la )?recherche d'emploi|\bje suis (?:au chomage|demandeu)")
# « j'ai interrompu mon activité pour élever mes enfants »: a stop told in a sentence, unless the line
# also tells a job (« j'ai arrêté mon activité de libraire … et j'ai été recrutée en avril 2018 »)
_TOLD_STOP = re.compile(r"\bj'ai (?:interrompu|suspendu|arrete|cesse|mis entre parentheses) (?:mon|ma) (?:activite"
                        r"|carriere|vie professionnelle)\b")
# What tells a job in a sentence; a line that says it is no break nor studies
JOB_WORDING = re.compile(r"\b(?:comme|en tant que|recrut\w*|embauch\w*|travaill\w*|j'ai ete|j'etais|je suis (?!etudiant|en ))\b")


# A dated line that opens with a diploma or a school is studies, wherever it sits
# (« 09/2022–06/2024 Licence STAPS (L1 et L2), UFR de Dijon »): no job overlaps with it.
_SCHOOLING = re.compile(r"(?:licence|master|bts|dut|but|cap|bep|bac|baccalaureat|deust|deug|doctorat|diplome"
                        r"|classe preparatoire|prepa|iut|universite|ufr|lycee|ecole)\b")
# A training told in a sentence: « Depuis avril 2025, je suis en formation au permis C », « je prépare
# en formation continue le BPA ».
_TOLD_TRAINING = re.compile(r"\b(?:je suis|suis|j'etais|etais|actuellement)\s+en\s+(?:formation|reconversion)\b"
                            r"|\bje prepare (?:le |la |un |une |mon |ma |l')?(?:concours|diplome|titre|bpa?|bts|cap|bac|bpjeps"
                            r"|licence|master|dut|but|deust|cqp|certificat)\b|\ben formation continue\b"
                            # « j'ai suivi deux années de licence STAPS », « j'étudie les arts plastiques »
                            r"|\bj'ai (?:repris|commence|debute) (?:mes etudes|une formation|un cursus|une preparation)\b")
# Studies told in a sentence (« j'ai suivi deux années de licence STAPS », « j'étudie les arts
# plastiques »), unless the line tells a job (« agent d'entretien au collège, où j'ai suivi une formation
# HACCP », « instructrice ADS, où j'étudie les demandes »)
_TOLD_STUDIES = re.compile(r"\bj'ai suivi (?:[^.;]{0,30}?\s)?(?:formation|preparation|licence|master|bts|dut|but|cursus"
                           r"|annees? d'etudes|etudes|classe|cours)\b"
                           r"|(?<!ou )\bj'etudie\b|\bje suis etudiante?\b|\bj'ai (?:etudie|fait mes etudes)\b")


# A compact CV names its sections inline: « FORM. : M2 Droit public (alternance, 09/2024-09/2025) ».
_EDUCATION_LABEL = re.compile(r"(?:form(?:ations?)?|etudes|dipl(?:omes?)?|cursus)\s*\.?\s*:")
# A table row that continues the one above (« | 01/2023 – en cours | (suite) | idem | … »).
_CONTINUED = re.compile(r"\(suite\)|\bidem\b|^\W*suite\b")


def _kind(line: str, section: str) -> str:
    """A dated line is a training when it sits under the education heading or says so, a break
    when it says it is one (« Disponibilité pour convenances personnelles »).

    ("stagiaire" alone is not a training: in the FPT it is a civil servant on probation.)
    """
    label = re.sub(r"^[\W_]+|[\W_]+$", "", fold(PERIOD.sub("", line)))     # « · Congé parental »
    label = re.sub(r"^(?:dates?\b|d'|de\b)\s*[:|]?\s*", "", label).strip(" :|-–—,.[]·•")
    label = re.sub(r"^en\s+(?=recherche|disponibilite|conge|pause|voyage)", "", label)   # « en recherche d'emploi »
    field_value = label.split(":", 1)[-1].strip()    # « Informations complémentaires : congé parental »
    if _BREAK.match(label) or _BREAK.match(field_value) or _TOLD_BREAK.search(label) \
            or (_TOLD_STOP.search(label) and not JOB_WORDING.search(label)):
        return "break"
    if section == "education" or _SCHOOLING.match(label) or _TOLD_TRAINING.search(label) \
            or (_TOLD_STUDIES.search(label) and not JOB_WORDING.search(label)) or _EDUCATION_LABEL.match(label):
        return "training"
    # « formation_1=BTS… »: an export's numbered field
    if re.match(r"(formation|stage|etudes|cursus)(?:_?\d+)?\b", label) or re.search(r"\bstage\b", label):
        return "training"
    return "job"


# Sections where a dated line opens an activity and the lines after it are its missions; the
# header counts, since a CV with no heading (a table, a narrative) is all header.
_NARRATIVE = ("experience", "education", "letter", "header")


# An ATS export writes each experience as a numbered block of fields, its dates on two lines:
# « Expérience 2 / Poste : … / Employeur : … / Début : 06/2017 / Fin : 09/2021 / Description : … ».
_BLOCK = re.compile(r"^\W*(?P<kind>exp[ée]riences?|emplois?|postes?|formations?|dipl[ôo]mes?)\s*(?:n°\s*)?\d{1,2}\W*$",
                    re.IGNORECASE)
_FIELD = re.compile(r"^\s*[A-Za-zÀ-ÿ'’ ]{2,30}\s*:\s*\S")
_START_FIELD = re.compile(rf"^\s*(?:date\s+(?:de\s+)?)?d[ée]but\s*:?\s*(?P<point>{_POINT})\s*$", re.IGNORECASE)
_END_FIELD = re.compile(rf"^\s*(?:date\s+(?:de\s+)?)?fin\s*:?\s*(?P<point>{_POINT}|{_NOW})?\s*$", re.IGNORECASE)
# An end left empty is ongoing only when the export says so (« Poste actuel : Oui »).
_CURRENT_FIELD = re.compile(r"^\s*(?:poste|emploi)\s+(?:actuel|en cours)\s*:\s*oui\b|^\s*en poste\s*:\s*oui\b",
                            re.IGNORECASE)


def _field_periods(raw_lines: list[str], today: int) -> dict[int, tuple[int, int, bool]]:
    """The period of each « Début : » line followed, on one of the next two lines, by « Fin : »
    (left empty, by « Poste actuel : Oui » on one of the two lines after it)."""
    found = {}
    for number, raw in enumerate(raw_lines):
        start_field = _START_FIELD.match(written_dates.normalised(raw, today))
        if not start_field:
            continue
        for offset, after in enumerate(raw_lines[number + 1:number + 3], number + 1):
            end_field = _END_FIELD.match(written_dates.normalised(after, today))
            if end_field:
                if end_field.group("point") is None and not any(
                        _CURRENT_FIELD.match(line) for line in raw_lines[offset + 1:offset + 3]):
                    break
                start = _point(start_field.group("point"))
                end = _point(end_field.group("point") or "en cours")
                ongoing = end is None
                end = today if end is None else end
                if start is not None and start <= end:
                    found[number] = (start, min(end, today), ongoing)
                break
    return found


def parse_cv(text: str, today: int) -> ParsedCv:
    """Split the CV into classified lines and dated activities.

    `today` (a month index) closes the periods still running ("à ce jour").
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[CvLine] = []
    activities: list[Activity] = []
    section = "header"
    current: Activity | None = None
    parent: Activity | None = None     # the job the next indented or continued lines may be steps of
    parent_indent = 0
    first = next((n for n, raw in enumerate(raw_lines) if raw.strip()), 0)   # the name
    field_periods = _field_periods(raw_lines, today)
    open_starts: list[Activity] = []
    block_lead: list[str] | None = None     # the fields of an export's block before its dates
    for number, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        heading = _section_of(stripped)
        block = _BLOCK.match(stripped)
        if block:      # « Formation n° 1 »: what follows is studies, whatever its dates say
            heading = "education" if fold(block.group("kind"))[:3] in ("for", "dip") else "experience"
            block_lead = []
        if section == "header" and _SALUTATION.match(stripped):
            heading = "letter"
        elif section == "letter" and _CLOSING.match(stripped):
            heading = "identity"
        if heading:
            section = heading
            current = parent = None
            lines.append(CvLine(number, raw, fold(raw), section, False))
            continue
        target = _TARGET_LINE.match(stripped) and block_lead is None   # « Titre : » of a block is its job
        readable = None if number == first or section == "identity" or target else readable_part(raw)
        usable = readable is not None
        lines.append(CvLine(number, raw, fold(readable if readable is not None else raw), section, usable))
        if not usable:
            continue
        dated = written_dates.normalised(stripped, today)
        periods = [field_periods[number]] if number in field_periods else _periods(dated, today)
        opened = None
        if not periods and section in _NARRATIVE:
            opened = _open_start(dated, today)
            periods = [(opened, today, True)] if opened is not None else []
        if block_lead is not None and not periods and current is None and _FIELD.match(stripped):
            block_lead.append(stripped)
            continue
        approximate = False
        if not periods and section in _NARRATIVE:
            periods, approximate = _year_periods(dated, today), True
        if periods:     # « 05/2023–09/2023 et 05/2022–09/2022 Agent saisonnier »: one activity each
            kind = _kind(stripped, section)
            indent = len(raw) - len(raw.lstrip())
            step_of = parent if parent is not None and parent.kind == "job" and (
                indent > parent_indent or _CONTINUED.search(fold(PERIOD.sub("", dated)))) else None
            continued = step_of is not None and indent <= parent_indent   # « (suite) | idem »: the same period
            current = None
            missions: list[str] = list(block_lead or [])
            block_lead = [] if block_lead is not None else None
            for start, end, ongoing in periods:
                within = step_of is not None and (
                    (step_of.start, step_of.end) == (start, end) if continued
                    else step_of.start <= start and end <= step_of.end)
                activity = Activity(start, end, ongoing, raw.strip(), kind, missions, approximate, within)
                activities.append(activity)
                if opened is not None:
                    open_starts.append(activity)
                if current is None:
                    current = activity
            if not any(a.within for a in activities[-len(periods):]):    # a step keeps its job as parent
                parent, parent_indent = current, indent
        elif current is not None and section in _NARRATIVE:
            current.details.append(raw.strip())
    for activity in activities:     # Europass: « 07/2014 – 09/2016 » alone, « Congé parental » below it
        if activity.kind == "job" and activity.details and not re.search(
                r"[^\W\d_]{3,}", YEAR_PERIOD.sub("", PERIOD.sub("", activity.line))):
            activity.kind = _kind(activity.details[0], "experience")
    for told in open_starts:     # still running only if it is the last start the CV tells
        if any(other.start > told.start for other in activities if other is not told and other.kind != "training"):
            activities.remove(told)
    return ParsedCv(text, lines, activities, today)


def union_months(activities: list[Activity]) -> int:
    """Months covered by at least one activity (overlaps counted once)."""
    months: set[int] = set()
    for activity in activities:
        months.update(range(activity.start, activity.end + 1))
    return len(months)
