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
import unicodedata
from dataclasses import dataclass, field

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
_MONTH_WORD = r"(?<![A-Za-zÀ-ÿ])(?:janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t" \
              r"|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"
_POINT = rf"(?:(?<![\d/.])(?:[0-3]?\d[/.])?(?:0?[1-9]|1[0-2])[/.](?:19|20)\d\d(?!\d)" \
         rf"|(?:[0-3]?\d(?:er)?\s+)?{_MONTH_WORD}\s+(?:19|20)\d\d)"
_NOW = r"(?:aujourd['’]hui|[àa] ce jour|ce jour|en cours|pr[ée]sent|maintenant|actuellement)"
_DASH = r"\s*(?:-|–|—|à|au|a)\s*"
# Year-only periods ("2016 - 2019", "depuis 2020"): approximate, never used for date issues.
_YEAR = r"(?<![\d/.])(?:19|20)\d\d(?![\d/.])"
YEAR_PERIOD = re.compile(
    rf"(?:\b[Dd]epuis\s+(?:l'ann[ée]e\s+)?(?P<since>{_YEAR}))"
    rf"|(?:(?:\b[Dd]e\s+|\b[Ee]n\s+)?(?P<start>{_YEAR})\s*(?:-|–|—|à|au)\s*(?P<end>{_YEAR}|{_NOW}))")
PERIOD = re.compile(
    rf"(?:\b[Dd]epuis\s+(?:le\s+)?(?P<since>{_POINT}))"
    rf"|(?:(?P<start>{_POINT}){_DASH}(?P<end>{_POINT}|{_NOW}))",
    re.IGNORECASE,
)
# "D'avril 2011 à mai 2019", "de juil. 2006 à juil. 2017": the "de" is optional above.

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
_HEADING = re.compile(
    r"^\s*#*\s*(?P<label>[A-Za-zÀ-ÿ'’ ]{3,60}?)\s*:?\s*$"
)


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic apostrophes unified: for matching only."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def month_label(index: int) -> str:
    return f"{index % 12 + 1:02d}/{index // 12}"


def _point(text: str) -> int | None:
    text = fold(text).strip()
    m = re.search(r"(\d{1,2})[/.](\d{4})", text)
    if m:
        return month_index(int(m.group(2)), int(m.group(1)))
    m = re.search(r"([a-z]+)\.?\s+(\d{4})", text)
    if m and m.group(1) in MONTHS:
        return month_index(int(m.group(2)), MONTHS[m.group(1)])
    return None


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

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    @property
    def label(self) -> str:
        """Title and employer, for messages: « Gestionnaire paie, Mairie de Cenon »."""
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


@dataclass
class ParsedCv:
    text: str
    lines: list[CvLine]
    activities: list[Activity]

    def usable_lines(self) -> list[CvLine]:
        return [line for line in self.lines if line.usable]

    @property
    def jobs(self) -> list[Activity]:
        return [a for a in self.activities if a.kind == "job"]


_TARGET_LINE = re.compile(
    r"^\s*(?:objet|poste vis[ée]|objectif|candidature|emploi recherch[ée]|titre)\b", re.IGNORECASE)
# A cover letter written instead of a CV: its body, between the salutation and the closing
# formula, is the candidate's account of their career (what the sections are elsewhere); the
# closing formula and the signature (a name) after it are identity again.
_SALUTATION = re.compile(r"^\s*(?:madame|monsieur|mesdames|messieurs|bonjour)\b[^.]{0,40}[,:]?\s*$", re.IGNORECASE)
_CLOSING = re.compile(r"^\s*(?:dans l['’]attente|je vous prie|veuillez (?:agr[ée]er|recevoir)|je vous remercie"
                      r"|en vous remerciant|je reste [àa] votre disposition|restant [àa] votre disposition"
                      r"|cordialement|bien cordialement|recevez)", re.IGNORECASE)
_SKILL_LABEL = re.compile(
    r"^\s*[•*\-]?\s*(?:comp[ée]tences?|atouts|outils|logiciels|savoir|qualit[ée]s|langues?)",
    re.IGNORECASE)


def _section_of(line: str) -> str | None:
    """The section a heading line opens, or None if the line is not a heading."""
    m = _HEADING.match(line)
    if not m or len(line.split()) > 6:
        return None
    label = fold(m.group("label")).strip()
    for kind, pattern in SECTION_KINDS:
        if re.fullmatch(rf"(?:{pattern})\b[a-z'& ]*", label):
            return kind
    return None


def _year_periods(line: str, today: int) -> list[tuple[int, int, bool]]:
    """Year-only periods: January of the first year to December of the last (or today)."""
    found = []
    for m in YEAR_PERIOD.finditer(line):
        start_year = int(m.group("since") or m.group("start"))
        end_text = m.group("end") or ""
        ongoing = bool(m.group("since")) or not end_text.isdigit()
        end = today if ongoing else month_index(int(end_text), 12)
        start = month_index(start_year, 1)
        if start <= end:
            found.append((start, min(end, today), ongoing))
    return found


def _periods(line: str, today: int) -> list[tuple[int, int, bool]]:
    found = []
    for m in PERIOD.finditer(line):
        if m.group("since"):
            start, end, ongoing = _point(m.group("since")), today, True
        else:
            start = _point(m.group("start"))
            end_text = m.group("end")
            end = _point(end_text)
            ongoing = end is None
            if end is None:
                end = today
        if start is not None and end is not None and start <= end:
            found.append((start, min(end, today), ongoing))
    return found


def _kind(line: str, section: str) -> str:
    """A dated line is a training when it sits under the education heading or says so.

    ("stagiaire" alone is not a training: in the FPT it is a civil servant on probation.)
    """
    if section == "education":
        return "training"
    label = fold(PERIOD.sub("", line)).strip(" :|-–—,.")
    label = re.sub(r"^(dates?|d'|de)\s*[:|]?\s*", "", label).strip(" :|-–—,.")
    if re.match(r"(formation|stage|etudes|cursus)\b", label) or re.search(r"\bstage\b", label):
        return "training"
    return "job"


def parse_cv(text: str, today: int) -> ParsedCv:
    """Split the CV into classified lines and dated activities.

    `today` (a month index) closes the periods still running ("à ce jour").
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[CvLine] = []
    activities: list[Activity] = []
    section = "header"
    current: Activity | None = None
    for number, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        heading = _section_of(stripped)
        if section == "header" and _SALUTATION.match(stripped):
            heading = "letter"
        elif section == "letter" and _CLOSING.match(stripped):
            heading = "identity"
        if heading:
            section = heading
            current = None
            lines.append(CvLine(number, raw, fold(raw), section, False))
            continue
        usable = not (number == 0 or section == "identity" or _TARGET_LINE.match(stripped)
                      or (section == "header" and not _SKILL_LABEL.match(stripped)))
        lines.append(CvLine(number, raw, fold(raw), section, usable))
        if not usable:
            continue
        periods = _periods(stripped, today)
        approximate = False
        if not periods and section in ("experience", "education", "letter"):
            periods, approximate = _year_periods(stripped, today), True
        if periods:
            start, end, ongoing = periods[0]
            current = Activity(start, end, ongoing, raw.strip(), _kind(stripped, section),
                               approximate=approximate)
            activities.append(current)
        elif current is not None and section in ("experience", "education", "letter"):
            current.details.append(raw.strip())
    return ParsedCv(text, lines, activities)


def union_months(activities: list[Activity]) -> int:
    """Months covered by at least one activity (overlaps counted once)."""
    months: set[int] = set()
    for activity in activities:
        months.update(range(activity.start, activity.end + 1))
    return len(months)
