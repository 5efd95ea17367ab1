"""A staff table's rows as typed records, with the validation report shown before any import.

The file itself is read by `reader`; here each row becomes a `StaffRecord`
(dates from real dates, Excel serial numbers or text; working time from
"57,14", 80 % or 0.8) and every problem is reported in French: missing
columns, unknown catégories, duplicated matricules, unreadable values.
Surnames and first names are never kept (data minimisation): the map needs
jobs and groups, not identities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from collectivia.core.french import accord
from collectivia.workforce.matching import normalise
from collectivia.workforce.reader import (  # noqa: F401 - re-exported for callers
    FIELDS, KNOWN_HEADERS, MAX_BYTES, MAX_ROWS, NOT_KEPT, RawTable, guess_mapping, header_key,
    read_table, too_many_rows)

AGE_BANDS = ((30, "moins de 30 ans"), (40, "30 à 39 ans"), (50, "40 à 49 ans"),
             (60, "50 à 59 ans"), (999, "60 ans et plus"))
CATEGORIES = {"a": "A", "b": "B", "c": "C", "a+": "A"}
SEXES = {"f": "F", "h": "H", "m": "H", "femme": "F", "homme": "H", "feminin": "F",
         "masculin": "H", "mme": "F", "m.": "H", "madame": "F", "monsieur": "H"}


@lru_cache(maxsize=4096)
def _key(value: str) -> str:
    """normalise() of the short, much repeated values of a column (catégorie, sexe)."""
    return normalise(value)


@dataclass
class StaffRecord:
    """One agent's row, as kept (no surname, no first name)."""

    line: int
    matricule: str
    metier: str
    direction: str = ""
    service: str = ""
    filiere: str = ""
    categorie: str = ""
    cadre_emplois: str = ""
    grade: str = ""
    statut: str = ""
    sexe: str = ""
    temps_travail: float | None = None
    date_naissance: date | None = None

    @property
    def tranche_age(self) -> str:
        """Age band today, for the breakdown by age (the birth date itself is never shown)."""
        if self.date_naissance is None:
            return ""
        today = date.today()
        age = today.year - self.date_naissance.year - (
            (today.month, today.day) < (self.date_naissance.month, self.date_naissance.day))
        for limit, label in AGE_BANDS:
            if age < limit:
                return label
        return AGE_BANDS[-1][1]


@dataclass
class ValidationReport:
    """What the import would do, shown before anything is stored."""

    rows: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    missing_optional: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    duplicates: dict[str, list[int]] = field(default_factory=dict)
    unknown_categories: dict[str, int] = field(default_factory=dict)
    unknown_sexes: dict[str, int] = field(default_factory=dict)
    empty_titles: list[int] = field(default_factory=list)
    bad_dates: list[int] = field(default_factory=list)
    bad_quotites: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- typed values ----------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    return re.sub(r"\s+", " ", str(value)).strip()


_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """A date from a real Excel date, an Excel serial number, or 'JJ/MM/AAAA' / 'AAAA-MM-JJ' text."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        if 1 <= value <= 80_000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{1,5}([.,]\d+)?", text):
        return parse_date(float(text.replace(",", ".")))
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y",
                    "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_quotite(value: object) -> float | None:
    """A working time in percent: 100, '57,14', '80 %', or Excel's 0.8 for a percent cell."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).replace("%", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
        number = float(text)
    if 0 < number <= 1:
        number *= 100
    if not 0 <= number <= 100:
        raise ValueError(value)
    return round(number, 2)


# --- building records ------------------------------------------------------------------

def build_records(table: RawTable, mapping: dict[str, int]) -> tuple[list[StaffRecord], ValidationReport]:
    """Typed records and the validation report for this mapping (nothing is stored here)."""
    report = ValidationReport(notes=list(table.notes), warnings=list(table.warnings))
    if len(table.rows) > MAX_ROWS:
        too_many_rows()
    report.missing_required = [FIELDS[f][0] for f, (_, req) in FIELDS.items()
                               if req and f not in mapping]
    report.missing_optional = [FIELDS[f][0] for f, (_, req) in FIELDS.items()
                               if not req and f not in mapping]
    used = set(mapping.values())
    report.ignored_columns = [h or f"(colonne {i + 1} sans titre)"
                              for i, h in enumerate(table.headers) if i not in used]
    report.ignored_columns += [NOT_KEPT[f] + " (non conservé)" for f in NOT_KEPT if f in mapping]
    if report.missing_required:
        report.errors.append(("Colonne obligatoire absente ou non associée : "
                              if len(report.missing_required) == 1 else
                              "Colonnes obligatoires absentes ou non associées : ")
                             + ", ".join(report.missing_required) + ".")
    if len(table.headers) == 1 and table.kind == "csv":
        report.errors.append("Le fichier n'a qu'une colonne : le séparateur n'est sans doute pas "
                             "le bon (attendu : « ; » ou « , »).")
    if not table.rows:
        report.errors.append("Le fichier ne contient que la ligne d'en-tête : aucun agent à importer.")
    if report.errors:
        return [], report
    records = [_record(table, row, i, mapping, report) for i, row in enumerate(table.rows)]
    report.rows = len(records)
    _check_duplicates(records, report)
    _summarise(report)
    return records, report


def _record(table: RawTable, row: Sequence[object], index: int, mapping: dict[str, int],
            report: ValidationReport) -> StaffRecord:
    line = table.header_line + 1 + index

    def cell(name: str) -> object:
        i = mapping.get(name)
        return row[i] if i is not None and i < len(row) else None

    record = StaffRecord(line=line, matricule=_text(cell("matricule")), metier=_text(cell("metier")))
    for name in ("direction", "service", "filiere", "cadre_emplois", "grade"):
        setattr(record, name, _text(cell(name)))
    record.statut = _text(cell("statut")).lower()
    categorie = _text(cell("categorie"))
    key = re.sub(r"^(categorie|cat\.?)\s*", "", _key(categorie))
    record.categorie = CATEGORIES.get(key, categorie)
    if categorie and key not in CATEGORIES:
        report.unknown_categories[categorie] = report.unknown_categories.get(categorie, 0) + 1
    sexe = _text(cell("sexe"))
    record.sexe = SEXES.get(_key(sexe), sexe)
    if sexe and _key(sexe) not in SEXES:
        report.unknown_sexes[sexe] = report.unknown_sexes.get(sexe, 0) + 1
    if not record.metier:
        report.empty_titles.append(line)
    try:
        record.date_naissance = parse_date(cell("date_naissance"))
    except (ValueError, OverflowError):
        report.bad_dates.append(line)
    try:
        record.temps_travail = parse_quotite(cell("temps_travail"))
    except ValueError:
        report.bad_quotites.append(line)
    return record


def _check_duplicates(records: list[StaffRecord], report: ValidationReport) -> None:
    lines: dict[str, list[int]] = {}
    for record in records:
        if record.matricule:
            lines.setdefault(record.matricule, []).append(record.line)
        else:
            report.errors.append(f"Ligne {record.line} : matricule vide.")
    report.duplicates = {m: ls for m, ls in lines.items() if len(ls) > 1}
    if report.duplicates:
        shown = [f"{m} (lignes {', '.join(map(str, ls))})"
                 for m, ls in list(report.duplicates.items())[:10]]
        more = len(report.duplicates) - len(shown)
        report.errors.append(accord(len(report.duplicates), "matricule en double", "matricules en double")
                             + " : " + "; ".join(shown)
                             + (f" et {accord(more, 'autre')}." if more > 0 else "."))
    if len(report.errors) > 20:
        count = len(report.errors)
        report.errors = [*report.errors[:20], f"… et {accord(count - 20, 'autre erreur')}."]


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10]))
    return shown + (f" (et {len(lines) - 10} autres)" if len(lines) > 10 else "")


def _summarise(report: ValidationReport) -> None:
    if report.unknown_categories:
        values = ", ".join(f"« {k} » ({v})" for k, v in sorted(report.unknown_categories.items()))
        unknown = ("Catégorie inconnue, gardée telle quelle" if len(report.unknown_categories) == 1
                   else "Catégories inconnues, gardées telles quelles")
        report.warnings.append(f"{unknown} : {values}. "
                               "Attendu : A, B ou C.")
    if report.unknown_sexes:
        values = ", ".join(f"« {k} » ({v})" for k, v in sorted(report.unknown_sexes.items()))
        unknown = ("Valeur de sexe inconnue" if len(report.unknown_sexes) == 1
                   else "Valeurs de sexe inconnues")
        report.warnings.append(f"{unknown} : {values}. Attendu : F ou H.")
    if report.empty_titles:
        empty = len(report.empty_titles)
        counted = "elle sera comptée" if empty == 1 else "elles seront comptées"
        report.warnings.append(f"{accord(empty, 'ligne sans intitulé de métier', 'lignes sans intitulé de métier')} "
                               f"(lignes {_lines(report.empty_titles)}) : {counted} "
                               "« non rapproché ».")
    if report.bad_dates:
        report.warnings.append(f"Date de naissance illisible lignes {_lines(report.bad_dates)} : "
                               "laissée vide.")
    if report.bad_quotites:
        report.warnings.append(f"Temps de travail illisible lignes {_lines(report.bad_quotites)} : "
                               "laissé vide.")
    if report.missing_optional:
        report.warnings.append(("Colonne absente : " if len(report.missing_optional) == 1
                                else "Colonnes absentes : ") + ", ".join(report.missing_optional)
                               + " — les ventilations correspondantes seront vides.")
