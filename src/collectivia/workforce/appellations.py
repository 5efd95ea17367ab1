"""What HR actually types: usual appellations of each reference job, and the grades of the FPT.

The 209 INET titles are the CNFPT répertoire's *official* names ("Assistant-e de
gestion des ressources humaines"); HR software holds the *usual* ones
("Gestionnaire paie", "Gestionnaire carrière"). `data/workforce/appellations_metiers.csv`
lists, for every reference job, the usual appellations the répertoire and the
professions use (sources in data/SOURCES.md). A typed title equal to one of
them (after folding gender, number, abbreviations) names that job; otherwise
they widen what the word and meaning scores compare a title with.

A *grade* ("Adjoint administratif principal de 2e classe", "Rédacteur") is a
rank in a cadre d'emplois, not a job: it says nothing of what the agent does.
`grade_of` recognises one so that the review screen says so instead of
guessing a job. `data/workforce/grades_fpt.csv` lists the cadres d'emplois and
whether their name also names a job (an "Infirmier" is both).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from collectivia.workforce.reference import DATA_DIR, InetJob, inet_by_title, inet_jobs

APPELLATIONS_FILE = DATA_DIR / "appellations_metiers.csv"
GRADES_FILE = DATA_DIR / "grades_fpt.csv"


@dataclass(frozen=True)
class ReferenceText:
    """One way of naming a reference job: its title, a usual appellation or its ISCO label."""

    job: InetJob
    text: str
    kind: str          # "intitulé", "appellation", "isco"


def _prefixless(title: str) -> str:
    """'CNFPT - Chargé-e d'accueil' -> 'Chargé-e d'accueil' (the source is not part of the job)."""
    return re.sub(r"^(?:CNFPT|CIGREF|RIME|CPNEF|VDL)\s*-\s*", "", title.strip(' "'))


@lru_cache(maxsize=1)
def appellations() -> dict[str, tuple[str, ...]]:
    """Reference title -> its usual appellations, as written in the shipped file."""
    with APPELLATIONS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return {row["metier"]: tuple(a.strip() for a in row["appellations"].split("|") if a.strip())
                for row in rows}


@lru_cache(maxsize=1)
def reference_texts() -> tuple[ReferenceText, ...]:
    """Every text a typed title is compared with, job by job, in a stable order."""
    known = appellations()
    texts: list[ReferenceText] = []
    for job in inet_jobs():
        texts.append(ReferenceText(job, _prefixless(job.metier), "intitulé"))
        texts.extend(ReferenceText(job, a, "appellation") for a in known.get(job.metier, ()))
        texts.append(ReferenceText(job, job.isco08_libelle, "isco"))
    return tuple(texts)


def unknown_targets() -> set[str]:
    """Titles of the appellations file that are not reference titles (a test keeps it empty)."""
    return set(appellations()) - set(inet_by_title())


# --- grades -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grade:
    cadre_emplois: str
    filiere: str
    names_a_job: bool


# What follows a cadre d'emplois name in a grade: "principal de 2e classe", "hors classe"...
_GRADE_TAIL = re.compile(
    r"\b(?:principal|principale|ppal|pal|chef|en chef|hors classe|hors cl|classe normale|"
    r"classe superieure|classe exceptionnelle|de|d|[12](?:e|er|ere|eme|re|nd|nde)?(?:cl|classe)?|"
    r"premiere|deuxieme|seconde|classe|cl|c[123]|territorial|territoriale|stagiaire|"
    r"titulaire|contractuel|contractuelle|echelon|ech|\d+)\b")
_GRADE_MARKERS = re.compile(r"\b(?:principal|principale|ppal|classe|cl|hors classe|[12](?:e|ere|eme|re)?(?:cl)?|"
                            r"c[123]|territorial|territoriale)\b")


def _grade_key(text: str) -> str:
    from collectivia.workforce.matching import normalise, words_of

    text = re.sub(r"[^a-z0-9 ]+", " ", normalise(text).replace("'", " ").replace("-", " "))
    return " ".join(words_of(re.sub(r"\s+", " ", _GRADE_TAIL.sub(" ", text))))


@lru_cache(maxsize=1)
def _grades() -> dict[str, Grade]:
    with GRADES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return {_grade_key(row["cadre_emplois"]): Grade(row["cadre_emplois"], row["filiere"],
                                                    row["nomme_un_metier"] == "oui")
            for row in rows}


def grade_of(title: str) -> Grade | None:
    """The grade a typed title names, if it is a grade rather than a job.

    A cadre d'emplois name alone ("Rédacteur", "Adjoint technique") or followed
    by grade words ("principal de 2e classe", "hors classe", "territorial") is a
    grade. A cadre whose name is also a job ("Infirmier", "Animateur") is a
    grade only with such grade words ("Infirmier en soins généraux hors classe").
    """
    from collectivia.workforce.matching import normalise

    text = normalise(title).replace("'", " ").replace("-", " ")
    grade = _grades().get(_grade_key(title))
    if grade is None or (grade.names_a_job and not _GRADE_MARKERS.search(text)):
        return None
    return grade


def without_grade_words(title: str) -> str:
    """'Éducatrice de jeunes enfants de classe exceptionnelle' -> 'educatrice jeunes enfants'."""
    from collectivia.workforce.matching import normalise

    text = re.sub(r"[^a-z0-9 ]+", " ", normalise(title).replace("'", " ").replace("-", " "))
    return re.sub(r"\s+", " ", _GRADE_TAIL.sub(" ", text)).strip()
