"""From staff records to counts of agents per exposure level, the way the INET study counts them.

Everything here is pure (no database): the CLI, the web pages, the exports and
the benchmark all call the same functions. Titles are matched once per
distinct title (a 6,500-agent table has a few hundred), HR's review decisions
take precedence over the automatic match, and nothing is ever dropped: an
unmatched agent is counted "non rapproché".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from collectivia.core.confidentiality import MIN_GROUP, groups_to_merge
from collectivia.workforce.matching import MatchMode, match_title, normalise, prepare_titles
from collectivia.workforce.reference import (
    INET_LEVELS, NON_RAPPROCHE, SCORE_INDISPONIBLE, Exposure, ExposureSource, InetJob,
    exposure_of, inet_by_title)
from collectivia.workforce.tableau import AGE_BANDS, StaffRecord

DIMENSIONS: dict[str, str] = {
    "direction": "Direction",
    "service": "Service",
    "filiere": "Filière",
    "categorie": "Catégorie",
    "sexe": "Sexe",
    "cadre_emplois": "Cadre d'emplois",
    "statut": "Statut",
    "tranche_age": "Tranche d'âge",
}
NOT_GIVEN = "non renseigné"
# Groups with a natural order (others are sorted alphabetically).
GROUP_ORDER = {"tranche_age": {label: i for i, (_, label) in enumerate(AGE_BANDS)}}
OTHERS = "autres"


@dataclass(frozen=True)
class Decision:
    """HR's decision on a typed title: an INET title, or an ISCO-08 code, or 'out of referential'."""

    metier_inet: str | None = None
    isco08: str | None = None

    @property
    def out_of_referential(self) -> bool:
        return not self.metier_inet and not self.isco08


@dataclass(frozen=True)
class Assignment:
    """How one distinct typed title is classified."""

    title: str
    metier_inet: str | None
    isco08: str | None
    method: str                   # exact, synonyme, appellation, approché, décision RH, à vérifier, grade, aucun
    confidence: float
    suggestion: InetJob | None = None
    proposals: tuple[InetJob, ...] = ()   # the review screen's choices, best first
    grade: str | None = None              # the cadre d'emplois when a grade was typed

    @property
    def proposition(self) -> str | None:
        """The job shown first for review: the accepted one, else the best proposal."""
        return self.metier_inet or (self.suggestion.metier if self.suggestion else None)

    @property
    def matched(self) -> bool:
        return self.isco08 is not None

    @property
    def exposure(self) -> Exposure:
        return exposure_of(self.metier_inet, self.isco08)


def assign(title: str, mode: MatchMode, decisions: dict[str, Decision] | None = None) -> Assignment:
    decision = (decisions or {}).get(normalise(title))
    if decision is not None:
        if decision.out_of_referential:
            return Assignment(title, None, None, "décision RH", 1.0)
        job = inet_by_title().get(decision.metier_inet) if decision.metier_inet else None
        isco = decision.isco08 or (job.isco08 if job else None)
        return Assignment(title, job.metier if job else None, isco, "décision RH", 1.0)
    match = match_title(title, mode)
    if match.job is not None:
        return Assignment(title, match.job.metier, match.job.isco08, match.method, match.confidence,
                          proposals=match.proposals)
    return Assignment(title, None, None, match.method, match.confidence, match.suggestion,
                      match.proposals, match.grade)


@dataclass(frozen=True)
class AgentResult:
    record: StaffRecord
    assignment: Assignment


class Analysis:
    """The classified staff of one import, and every count the pages and exports show."""

    def __init__(self, records: Iterable[StaffRecord], mode: MatchMode = MatchMode.FUZZY,
                 decisions: dict[str, Decision] | None = None):
        self.records = list(records)
        self.mode = mode
        titles = {r.metier for r in self.records}
        # every title the decisions leave to the matcher embedded in one call, not one by one
        prepare_titles((t for t in titles if normalise(t) not in (decisions or {})), mode)
        self.assignments = {t: assign(t, mode, decisions) for t in titles}
        self.agents = [AgentResult(r, self.assignments[r.metier]) for r in self.records]
        # one level per agent and source, computed once: every count below reads these
        by_title = {t: a.exposure for t, a in self.assignments.items()}
        self._levels = {source: [by_title[r.metier].level(source) for r in self.records]
                        for source in ExposureSource}

    # --- counts ---
    def total(self, source: ExposureSource) -> dict[str, int]:
        return _with_all_levels(Counter(self._levels[source]), source)

    def by(self, dimension: str, source: ExposureSource) -> dict[str, dict[str, int]]:
        groups: dict[str, Counter] = {}
        for record, level in zip(self.records, self._levels[source], strict=True):
            group = getattr(record, dimension) or NOT_GIVEN
            counter = groups.get(group)
            if counter is None:
                counter = groups[group] = Counter()
            counter[level] += 1
        order = GROUP_ORDER.get(dimension, {})
        return {g: _with_all_levels(groups[g], source)
                for g in sorted(groups, key=lambda g: (order.get(g, 99), normalise(g)))}

    @property
    def matched_count(self) -> int:
        return sum(1 for a in self.agents if a.assignment.matched)

    def unmatched_titles(self) -> list[dict]:
        counts = Counter(a.record.metier for a in self.agents if not a.assignment.matched)
        return [{"metier": t, "nb_agents": n}
                for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def titles(self) -> list[tuple[Assignment, int]]:
        """Each distinct title with its agent count, those needing a look first."""
        counts = Counter(r.metier for r in self.records)
        order = {"à vérifier": 0, "grade": 1, "aucun": 2, "approché": 3, "appellation": 4,
                 "synonyme": 5, "décision RH": 6, "exact": 7}
        return sorted(((self.assignments[t], n) for t, n in counts.items()),
                      key=lambda an: (order.get(an[0].method, 9), -an[1], an[0].title))

    def jobs(self, source: ExposureSource) -> list[dict]:
        """The matched jobs with their agent count and exposure, most exposed first."""
        rows: dict[tuple, dict] = {}
        for title, count in Counter(r.metier for r in self.records).items():
            a = self.assignments[title]
            if not a.matched:
                continue
            key = (a.metier_inet, a.isco08)
            row = rows.setdefault(key, {"metier": a.metier_inet or f"ISCO {a.isco08}",
                                        "isco08": a.isco08, "exposition": a.exposure,
                                        "nb_agents": 0})
            row["nb_agents"] += count
        rank = {level: i for i, level in enumerate(source.levels)}

        def order(row: dict) -> tuple:
            exposure: Exposure = row["exposition"]
            score = exposure.score_2025 if source is ExposureSource.OIT_2025 else exposure.score_2023
            return (rank.get(exposure.level(source), 99), -(score or 0), -row["nb_agents"],
                    row["metier"])

        return sorted(rows.values(), key=order)


    # --- the INET reproduction's JSON ---
    def reference_json(self) -> dict:
        """The sections of `effectifs_admiville_expected.json`, same keys and French labels."""
        inet_keys = (*INET_LEVELS, NON_RAPPROCHE)
        oit_keys = (*INET_LEVELS, SCORE_INDISPONIBLE, NON_RAPPROCHE)

        def section(source: ExposureSource, keys: tuple[str, ...]) -> dict:
            out: dict[str, object] = {"total": _restrict(self.total(source), keys)}
            for dimension in ("direction", "categorie", "filiere", "sexe"):
                out[f"par_{dimension}"] = {g: _restrict(c, keys)
                                           for g, c in self.by(dimension, source).items()}
            return out

        oit = section(ExposureSource.OIT_2023, oit_keys)
        levels = self._levels[ExposureSource.OIT_2023]
        missing = Counter(a.assignment.isco08 for a, level in zip(self.agents, levels, strict=True)
                          if level == SCORE_INDISPONIBLE)
        oit["codes_isco_sans_score"] = [{"isco08": c, "nb_agents": n}
                                        for c, n in sorted(missing.items())]
        used = {a.assignment.isco08: a.assignment.exposure.score_2023 for a in self.agents
                if a.assignment.isco08 and a.assignment.exposure.score_2023 is not None}
        oit["scores_utilises"] = {c: used[c] for c in sorted(used)}   # each code's mean_score_2023
        matched = self.matched_count
        total = len(self.agents)
        return {
            "nb_agents": total,
            "rapprochement": {"nb_rapproches": matched, "nb_non_rapproches": total - matched,
                              "taux_rapprochement": round(matched / total, 4) if total else 0.0},
            "intitules_non_rapproches": self.unmatched_titles(),
            "inet": section(ExposureSource.INET, inet_keys),
            "oit_2023": oit,
            "oit_2025": section(ExposureSource.OIT_2025, ExposureSource.OIT_2025.levels),
            "agents": [self._agent_json(a) for a in self.agents],
        }

    def _agent_json(self, agent: AgentResult) -> dict:
        a = agent.assignment
        exposure = a.exposure
        found = {"matricule": agent.record.matricule, "metier_inet": a.metier_inet,
                 "isco08": a.isco08, "niveau_inet": exposure.inet,
                 "score_oit_2023": exposure.score_2023, "niveau_oit_2023": exposure.oit_2023,
                 "methode_rapprochement": a.method}
        if self.mode is MatchMode.FUZZY:
            # what the review screen shows first; the exact mode keeps the study's keys only
            found["proposition"] = a.proposition
        return found


def _with_all_levels(counts: Counter, source: ExposureSource) -> dict[str, int]:
    return {level: counts.get(level, 0) for level in source.levels}


def _restrict(counts: dict[str, int], keys: tuple[str, ...]) -> dict[str, int]:
    return {k: counts.get(k, 0) for k in keys}


def small_groups(table: dict[str, dict[str, int]], minimum: int = MIN_GROUP) -> list[str]:
    """The groups merged into "autres" (statistical confidentiality), smallest first.

    Groups of fewer than `minimum` agents, and more if they stay under it
    together (`core.confidentiality`); named in the order readers look them up.
    """
    sizes = {g: sum(c.values()) for g, c in table.items()}
    return sorted(groups_to_merge(sizes, minimum), key=lambda g: (sizes[g], normalise(g)))


def merge_small_groups(table: dict[str, dict[str, int]], minimum: int = MIN_GROUP
                       ) -> dict[str, dict[str, int]]:
    """The table with its `small_groups` merged into "autres"."""
    small = set(small_groups(table, minimum))
    if not small:
        return table
    merged: dict[str, dict[str, int]] = {g: c for g, c in table.items() if g not in small}
    others: Counter = Counter()
    for g in small:
        others.update(table[g])
    levels = next(iter(table.values())).keys()
    merged[OTHERS] = {level: others.get(level, 0) for level in levels}
    return merged
