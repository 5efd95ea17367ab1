"""What the results page, the report and the exports show, with the confidentiality rule applied.

Only the HR officer sees groups of fewer than five agents. For every other
role — and always in the report meant for élus and unions — small groups are
merged into "autres", and the agent count of a job held by fewer than five
agents is shown as "moins de 5".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from collectivia.core.confidentiality import MIN_GROUP, is_small
from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.workforce.analysis import DIMENSIONS, Analysis, merge_small_groups, small_groups
from collectivia.workforce.charts import colour, stacked_bars
from collectivia.workforce.reference import (
    NIVEAU_INET_INDISPONIBLE, SCORE_INDISPONIBLE, ExposureSource)

CHARTED = ("direction", "filiere", "categorie")
WARNING = ("Ces résultats mesurent une exposition potentielle : la part des tâches d'un métier "
           "qu'une IA générative pourrait effectuer ou assister, selon les études de l'OIT "
           "(Gmyrek, Berg et Bescond, 2023, scores établis avec GPT-4 ; indice affiné de 2025). "
           "C'est un majorant, pas une prévision : ni suppression de poste, ni gain de temps "
           "garanti. Le rapprochement d'un métier territorial à une profession de la "
           "nomenclature internationale ISCO-08 est approximatif. À lire avec les agents "
           "concernés et leurs représentants.")


def protects(user: User | None) -> bool:
    """Whether small groups must be hidden from this reader."""
    return user is None or user.role != Role.GESTIONNAIRE_RH


@dataclass
class Breakdown:
    key: str
    label: str
    rows: list[tuple[str, dict[str, int], int, int]]   # group, counts, total, exposed
    chart: Markup | None = None
    merged: bool = False
    merged_groups: list[str] = field(default_factory=list)   # what "autres" holds, said to readers

    @property
    def too_small(self) -> bool:
        """Most groups had to be merged: this breakdown tells little, a coarser one tells more."""
        return self.merged and len(self.merged_groups) >= max(2, len(self.rows))


@dataclass
class Results:
    source: ExposureSource
    levels: tuple[str, ...]
    agents: int
    total: dict[str, int]
    exposed: int
    breakdowns: list[Breakdown]
    jobs: list[dict]
    unmatched: list[dict]
    matched: int
    protected: bool
    colours: dict[str, str] = field(default_factory=dict)

    def share(self, n: int, of: int | None = None) -> str:
        base = self.agents if of is None else of
        return f"{100 * n / base:.1f} %".replace(".", ",") if base else "—"


def shown_count(n: int, protected: bool) -> str:
    return f"moins de {MIN_GROUP}" if protected and is_small(n) else str(n)


def build(analysis: Analysis, source: ExposureSource, *, protected: bool,
          charts: bool = True) -> Results:
    total = analysis.total(source)
    optional = (SCORE_INDISPONIBLE, NIVEAU_INET_INDISPONIBLE)
    levels = tuple(lv for lv in source.levels if total.get(lv) or lv not in optional)
    breakdowns = []
    for key, label in DIMENSIONS.items():
        table = analysis.by(key, source)
        if set(table) == {"non renseigné"}:
            continue
        merged = merge_small_groups(table) if protected else table
        rows = [(g, {lv: c.get(lv, 0) for lv in levels}, sum(c.values()),
                 sum(c.get(lv, 0) for lv in source.exposed_levels)) for g, c in merged.items()]
        chart = None
        if charts and key in CHARTED:
            chart = stacked_bars(f"graphique-{key}", f"Exposition par {label.lower()} — "
                                 f"{source.label}", {g: c for g, c, _, _ in rows}, levels)
        breakdowns.append(Breakdown(key, label, rows, chart, merged is not table,
                                    small_groups(table) if protected else []))
    jobs = []
    for job in analysis.jobs(source):
        jobs.append({**job, "affiche": shown_count(job["nb_agents"], protected),
                     "niveau": job["exposition"].level(source)})
    unmatched = [{**u, "affiche": shown_count(u["nb_agents"], protected)}
                 for u in analysis.unmatched_titles()]
    return Results(source=source, levels=levels, agents=len(analysis.agents),
                   total={lv: total.get(lv, 0) for lv in levels},
                   exposed=sum(total.get(lv, 0) for lv in source.exposed_levels),
                   breakdowns=breakdowns, jobs=jobs, unmatched=unmatched,
                   matched=analysis.matched_count, protected=protected,
                   colours={lv: colour(lv) for lv in levels})
