"""The shipped reference data: INET's 209 job titles and the ILO exposure scores.

Both files live in `collectivia/data/workforce/` (sources in data/SOURCES.md)
and are read once per process. The exposure *sources* a user can choose are
defined here too, with their level labels, so that every page, export and the
CLI speak the same French words as the INET study.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from collectivia.core.discovery import PACKAGE_ROOT

DATA_DIR: Path = PACKAGE_ROOT / "data" / "workforce"
INET_FILE = DATA_DIR / "inet_2024_metiers_isco_exposition.csv"
ILO_FILE = DATA_DIR / "ilo_2025_isco08.json.gz"

# The four INET levels, most exposed first (INET 2024 and ILO 2023 bands).
TRES = "Très concernés"
CONCERNES = "Concernés"
PEU = "Peu concernés"
PAS = "Pas concernés"
INET_LEVELS = (TRES, CONCERNES, PEU, PAS)
NON_RAPPROCHE = "non rapproché"
SCORE_INDISPONIBLE = "score OIT indisponible"
NIVEAU_INET_INDISPONIBLE = "niveau INET indisponible"

# ILO 2025 (WP 140) gradients, most exposed first, in French.
GRADIENTS_2025 = {
    "Exposed: Gradient 4": "Exposé — gradient 4",
    "Exposed: Gradient 3": "Exposé — gradient 3",
    "Exposed: Gradient 2": "Exposé — gradient 2",
    "Exposed: Gradient 1": "Exposé — gradient 1",
    "Minimal Exposure": "Exposition minimale",
    "Not Exposed": "Non exposé",
}


class ExposureSource(StrEnum):
    """Which measure of exposure the results are counted with."""

    INET = "inet"
    OIT_2023 = "oit2023"
    OIT_2025 = "oit2025"

    @property
    def label(self) -> str:
        return {
            ExposureSource.INET: "Niveau INET 2024 (annexe de l'étude)",
            ExposureSource.OIT_2023: "Score OIT 2023 (moyenne des tâches, seuils INET)",
            ExposureSource.OIT_2025: "Indice OIT 2025 (gradient d'exposition)",
        }[self]

    @property
    def levels(self) -> tuple[str, ...]:
        """Every level of this source, most exposed first, then the 'no level' labels."""
        if self is ExposureSource.INET:
            return (*INET_LEVELS, NIVEAU_INET_INDISPONIBLE, NON_RAPPROCHE)
        if self is ExposureSource.OIT_2023:
            return (*INET_LEVELS, SCORE_INDISPONIBLE, NON_RAPPROCHE)
        return (*GRADIENTS_2025.values(), SCORE_INDISPONIBLE, NON_RAPPROCHE)

    @property
    def exposed_levels(self) -> tuple[str, ...]:
        """The levels counted as 'exposed' in headline figures."""
        if self is ExposureSource.OIT_2025:
            return tuple(v for k, v in GRADIENTS_2025.items() if k.startswith("Exposed"))
        return (TRES, CONCERNES)


def band_2023(score: float) -> str:
    """The INET band of an ILO 2023 mean task score (same thresholds as the study)."""
    if score >= 0.75:
        return TRES
    if score >= 0.5:
        return CONCERNES
    if score >= 0.25:
        return PEU
    return PAS


@dataclass(frozen=True)
class InetJob:
    """One row of the INET 2024 annex: a CNFPT (or CIGREF, RIME...) title and its ISCO code."""

    metier: str
    isco08: str
    isco08_libelle: str
    niveau_inet: str


@dataclass(frozen=True)
class Task:
    task_id: int
    text: str
    score_2023: float | None
    score_2025: float | None


@dataclass(frozen=True)
class Occupation:
    """An ISCO-08 4-digit occupation with its ILO exposure scores."""

    isco08: str
    title: str
    mean_score_2023: float | None
    mean_score_2025: float | None
    sd_2023: float | None
    sd_2025: float | None
    potential25: str
    tasks: tuple[Task, ...]

    @property
    def gradient_2025(self) -> str:
        return GRADIENTS_2025.get(self.potential25, self.potential25)


@lru_cache(maxsize=1)
def inet_jobs() -> tuple[InetJob, ...]:
    with INET_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(InetJob(row["metier"], row["isco08"].strip(), row["isco08_libelle_etude"],
                             row["niveau_inet"]) for row in csv.DictReader(handle))


@lru_cache(maxsize=1)
def inet_by_title() -> dict[str, InetJob]:
    return {job.metier: job for job in inet_jobs()}


@lru_cache(maxsize=1)
def occupations() -> dict[str, Occupation]:
    data = json.loads(gzip.decompress(ILO_FILE.read_bytes()))
    found = {}
    for code, o in data["occupations"].items():
        tasks = tuple(Task(t[0], t[1], t[2], t[3]) for t in o["taches"])
        found[code] = Occupation(code, o["titre"], o["mean_score_2023"], o["mean_score_2025"],
                                 o["sd_2023"], o["sd_2025"], o["potential25"], tasks)
    return found


def occupation(isco08: str | None) -> Occupation | None:
    return occupations().get(isco08) if isco08 else None


def is_isco_code(value: str) -> bool:
    """A 4-digit ISCO-08 occupation code known to the ILO file."""
    return value in occupations()


@dataclass(frozen=True)
class Exposure:
    """The exposure of one matched job, for every source at once."""

    inet: str
    oit_2023: str
    oit_2025: str
    score_2023: float | None
    score_2025: float | None

    def level(self, source: ExposureSource) -> str:
        return {ExposureSource.INET: self.inet, ExposureSource.OIT_2023: self.oit_2023,
                ExposureSource.OIT_2025: self.oit_2025}[source]


UNMATCHED = Exposure(NON_RAPPROCHE, NON_RAPPROCHE, NON_RAPPROCHE, None, None)


@lru_cache(maxsize=4096)
def exposure_of(metier_inet: str | None, isco08: str | None) -> Exposure:
    """Exposure of a job given its INET title (if any) and its ISCO-08 code."""
    if not isco08:
        return UNMATCHED
    job = inet_by_title().get(metier_inet) if metier_inet else None
    inet_level = job.niveau_inet if job else NIVEAU_INET_INDISPONIBLE
    occ = occupation(isco08)
    if occ is None or occ.mean_score_2023 is None:
        return Exposure(inet_level, SCORE_INDISPONIBLE, SCORE_INDISPONIBLE, None, None)
    return Exposure(inet_level, band_2023(occ.mean_score_2023), occ.gradient_2025,
                    occ.mean_score_2023, occ.mean_score_2025)


@dataclass(frozen=True)
class AnnexRow:
    job: InetJob
    score_2023: float | None
    computed_level: str

    @property
    def agrees(self) -> bool:
        return self.computed_level == self.job.niveau_inet


def annex_reproduction() -> list[AnnexRow]:
    """Each INET annex row with the level recomputed from the ILO 2023 mean score."""
    rows = []
    for job in inet_jobs():
        occ = occupation(job.isco08)
        score = occ.mean_score_2023 if occ else None
        rows.append(AnnexRow(job, score, band_2023(score) if score is not None else SCORE_INDISPONIBLE))
    return rows
