"""Exports: the XLSX workbook for HR's own analyses, the HTML/PDF report for élus and unions.

The workbook's "Agents" sheet (one row per agent, with ISCO code and levels)
is only written for the HR officer; other readers get the pivot sheets, with
small groups merged. The report is always written with small groups merged,
whoever asks for it, because it is meant to be circulated.
"""

from __future__ import annotations

from datetime import datetime

from collectivia.core.exports import xlsx_bytes
from collectivia.workforce import results as results_mod
from collectivia.workforce.analysis import Analysis
from collectivia.workforce.reference import ExposureSource, occupation

AGENT_HEADER = ("Matricule", "Direction", "Service", "Filière", "Catégorie", "Cadre d'emplois",
                "Grade", "Statut", "Sexe", "Temps de travail (%)", "Métier saisi",
                "Métier INET retenu", "Méthode de rapprochement", "Confiance", "Code ISCO-08",
                "Profession ISCO-08 (OIT)", "Niveau INET", "Score OIT 2023", "Niveau OIT 2023",
                "Score OIT 2025", "Gradient OIT 2025")


def workbook(analysis: Analysis, source: ExposureSource, *, with_agents: bool,
             protected: bool, title: str) -> bytes:
    """The workbook (formula-safe cells, bold headers, through `core.exports`)."""
    res = results_mod.build(analysis, source, protected=protected, charts=False)
    sheets: dict[str, tuple] = {
        "Lisez-moi": (["Cartographie des métiers exposés à l'IA générative"], [
            [title], [f"Mesure : {source.label}"], [f"Édité le {datetime.now():%d/%m/%Y %H:%M}"],
            [results_mod.WARNING],
            ["Groupes de moins de 5 agents regroupés dans « autres »." if protected else
             "Document nominatif (matricules) : diffusion limitée au service RH."]]),
        "Synthèse": (["Niveau", "Agents", "Part"],
                     [(lv, n, round(n / res.agents, 4) if res.agents else 0)
                      for lv, n in res.total.items()]),
    }
    for breakdown in res.breakdowns:
        sheets[f"Par {breakdown.label.lower()}"] = (
            [breakdown.label, *res.levels, "Total"],
            [(g, *counts.values(), n) for g, counts, n, _ in breakdown.rows])
    sheets["Métiers"] = (
        ["Métier", "Code ISCO-08", "Agents", "Niveau INET", "Score OIT 2023", "Niveau OIT 2023",
         "Score OIT 2025", "Gradient OIT 2025"],
        [(j["metier"], j["isco08"], j["affiche"] if protected else j["nb_agents"],
          j["exposition"].inet, j["exposition"].score_2023, j["exposition"].oit_2023,
          j["exposition"].score_2025, j["exposition"].oit_2025) for j in res.jobs])
    sheets["Non rapprochés"] = (["Intitulé saisi", "Agents"],
                                [(u["metier"], u["affiche"] if protected else u["nb_agents"])
                                 for u in res.unmatched])
    if with_agents:
        sheets["Agents"] = (AGENT_HEADER, _agent_rows(analysis))
    return xlsx_bytes(sheets)


def _agent_rows(analysis: Analysis):
    for agent in analysis.agents:
        r, a = agent.record, agent.assignment
        exposure = a.exposure
        occ = occupation(a.isco08)
        yield (r.matricule, r.direction, r.service, r.filiere, r.categorie, r.cadre_emplois,
               r.grade, r.statut, r.sexe, r.temps_travail, r.metier, a.metier_inet, a.method,
               a.confidence, a.isco08, occ.title if occ else None, exposure.inet,
               exposure.score_2023, exposure.oit_2023, exposure.score_2025, exposure.oit_2025)
