"""The INET reproduction: the CLI's JSON equals the reference file, and fuzzy matching is safe.

The fixtures in tests/workforce/data/ are copies of ../shared/eval/ (the
product never reads that folder): the Admiville staff table in CSV and XLSX
and the expected results computed with the study's exact method.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collectivia.cli import app
from collectivia.workforce.analysis import Analysis
from collectivia.workforce.matching import MatchMode, match_title
from collectivia.workforce.reference import annex_reproduction, inet_jobs, occupations
from collectivia.workforce.tableau import build_records, guess_mapping, read_table

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "effectifs_admiville_expected.json").read_text(encoding="utf-8"))


def records_of(name: str):
    table = read_table((DATA / name).read_bytes(), name)
    records, report = build_records(table, guess_mapping(table.headers))
    assert report.ok, report.errors
    return records


@pytest.mark.parametrize("name", ["effectifs_admiville.csv", "effectifs_admiville.xlsx"])
def test_cli_exact_json_equals_the_reference_sections(name):
    result = CliRunner().invoke(app, ["workforce", "analyse", str(DATA / name),
                                      "--matching", "exact", "--json"])
    assert result.exit_code == 0, result.output
    produced = json.loads(result.output)
    for section in ("rapprochement", "intitules_non_rapproches", "inet", "oit_2023"):
        assert produced[section] == EXPECTED[section], section
    # beyond the study: the ILO 2025 gradient, counted the same way
    assert sum(produced["oit_2025"]["total"].values()) == 110


def test_every_agent_gets_the_reference_job_code_and_levels_in_exact_mode():
    analysis = Analysis(records_of("effectifs_admiville.csv"), MatchMode.EXACT)
    produced = {a["matricule"]: a for a in analysis.reference_json()["agents"]}
    for expected in EXPECTED["agents"]:
        got = dict(produced[expected["matricule"]])
        got.pop("methode_rapprochement")
        assert got == expected


def test_csv_and_xlsx_exports_give_the_same_agents():
    csv_records = records_of("effectifs_admiville.csv")
    xlsx_records = records_of("effectifs_admiville.xlsx")
    assert len(csv_records) == 110
    assert [r.__dict__ for r in csv_records] == [r.__dict__ for r in xlsx_records]
    first = csv_records[0]
    assert first.matricule == "00101" and first.date_naissance.isoformat() == "1965-12-15"
    assert {r.temps_travail for r in csv_records} >= {100.0, 57.14}


@pytest.mark.parametrize("variant", EXPECTED["variantes_intitules"],
                         ids=lambda v: v["metier_saisi"].strip())
def test_fuzzy_mode_never_accepts_a_wrong_job_and_shows_the_target_first(variant):
    match = match_title(variant["metier_saisi"], MatchMode.FUZZY)
    target = variant["metier_inet_cible"]
    assert match.job is None or match.job.metier == target
    if target is not None:
        assert match.proposal.metier == target


def test_fuzzy_mode_never_matches_an_exact_title_to_another_job():
    for job in inet_jobs():
        assert match_title(job.metier, MatchMode.FUZZY).job == job


def test_fuzzy_mode_raises_the_match_rate_without_wrong_jobs():
    analysis = Analysis(records_of("effectifs_admiville.csv"), MatchMode.FUZZY)
    reference = {a["matricule"]: a["metier_inet"] for a in EXPECTED["agents"]}
    targets = {v["metier_saisi"]: v["metier_inet_cible"] for v in EXPECTED["variantes_intitules"]}
    for agent in analysis.agents:
        expected = reference[agent.record.matricule] or targets.get(agent.record.metier)
        accepted, shown = agent.assignment.metier_inet, agent.assignment.suggestion
        assert accepted == expected or (accepted is None and shown.metier == expected), agent.record.metier
    # fuzzy accepts 106 of 110, every one right (« Agent d'exploitation voirie » included);
    # the four others are outside the referential or too vague, and are left to HR
    assert analysis.reference_json()["rapprochement"]["nb_rapproches"] == 106
    assert sorted(t["metier"] for t in analysis.unmatched_titles()) == [
        "Agent polyvalent des services techniques",
        "Chargé de mission vie associative", "Secrétaire des élus"]


def test_the_inet_annex_is_reproduced_row_by_row_from_ilo_2023_scores():
    rows = annex_reproduction()
    assert len(rows) == 209
    disagreements = [r for r in rows if not r.agrees]
    # The study's levels are not all the banded ILO 2023 mean: they are listed, not hidden.
    assert 0 < len(disagreements) < 209
    assistant = next(r for r in rows if r.job.metier == "CNFPT - Assistant-e de direction")
    assert assistant.score_2023 == 0.68 and assistant.computed_level == "Concernés"


def test_the_shipped_ilo_file_has_every_occupation_with_its_tasks():
    occ = occupations()
    assert len(occ) == 427
    clerks = occ["4110"]
    assert (clerks.mean_score_2023, clerks.mean_score_2025) == (0.68, 0.6)
    assert clerks.gradient_2025 == "Exposé — gradient 4"
    assert clerks.tasks and all(0 <= t.score_2023 <= 1 for t in clerks.tasks)
    assert "5121" not in occ and "1439" not in occ


def test_every_shipped_title_synonym_names_a_reference_job():
    from collectivia.workforce.matching import title_synonyms
    from collectivia.workforce.reference import inet_by_title

    assert title_synonyms()
    assert set(title_synonyms().values()) <= set(inet_by_title())


@pytest.mark.parametrize("typed, expected", [
    ("Directrice des ressources humaines", "CNFPT - Directeur-trice des ressources humaines"),
    ("Chargée d'accueil", "CNFPT - Chargé-e d'accueil"),
    ("Infirmière", "CNFPT - Infirmier ou infirmière"),
    ("Policière municipale", "CNFPT - Policier ou policière municipale"),
    ("Assistante RH", "CNFPT - Assistant-e de gestion des ressources humaines"),
    ("ATSEM", "CNFPT - Agent-e d'accompagnement à l'éducation de l'enfant"),
    ("Biblioteccaire", "CNFPT - Bibliothécaire"),
    ("Animatrice périscolaire", "CNFPT - animateur-trice éducatif accompagnement périscolaire"),
    ("Agent polyvalent", None),
    ("Responsable", None),
    ("Gestionnaire paie", "CNFPT - Assistant-e de gestion des ressources humaines"),
    ("Développeur web", "CIGREF - Concepteur-trice - Développeur-euse"),
])
def test_general_rules_beyond_the_dev_set(typed, expected):
    """The right job is accepted, or shown first for review; nothing is accepted for the others."""
    match = match_title(typed, MatchMode.FUZZY)
    if expected is None:
        assert match.job is None
    else:
        assert match.proposal is not None and match.proposal.metier == expected


def test_eval_command_scores_both_exports_and_the_fuzzy_variants():
    result = CliRunner().invoke(app, ["eval", "workforce", str(DATA / "effectifs_admiville_expected.json"),
                                      str(DATA / "effectifs_admiville.csv"),
                                      str(DATA / "effectifs_admiville.xlsx")])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    for name in ("effectifs_admiville.csv", "effectifs_admiville.xlsx"):
        assert all(scores[name]["sections_identiques"].values())
        assert scores[name]["agents_exacts"] == "110/110"
    assert scores["approche_variantes"] == {"variantes": 11, "justes": 11, "dont_a_confirmer": 0,
                                            "acceptables": 0, "erreurs": 0, "precision": 1.0,
                                            "rappel": 1.0}


def test_labelled_titles_are_scored_and_a_blank_expected_job_means_none(tmp_path):
    """A blank `metier_attendu` is a job outside the referential, as `aucun` or `néant` is."""
    labelled = tmp_path / "titres.csv"
    labelled.write_text("intitule;metier_attendu\n"
                        "Gestionnaire paie;CNFPT - Assistant-e de gestion des ressources humaines\n"
                        "Sapeur-pompier volontaire;\n"
                        "Kinésithérapeute;aucun\n"
                        "Chargé de mission;néant\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "workforce-titles", str(labelled)])
    assert result.exit_code == 0, result.output
    assert "right=1.000 wrong=0.000 unmatched=0.000" in result.output


@pytest.mark.parametrize("rows, warning", [
    ("Gestionnaire paie;Gestionnaire paie\n",
     "1 métier attendu absent du référentiel (jamais juste) : Gestionnaire paie"),
    ("Gestionnaire paie;Gestionnaire paie\nPointeur;Agent de pointage\n",
     "2 métiers attendus absents du référentiel (jamais justes) : Agent de pointage, Gestionnaire paie"),
])
def test_an_expected_job_missing_from_the_referential_is_pointed_out(tmp_path, rows, warning):
    """Such a row can never be right: the scorer says so instead of counting a matcher miss."""
    labelled = tmp_path / "titres.csv"
    labelled.write_text("intitule;metier_attendu\n" + rows, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "workforce-titles", str(labelled)])
    assert result.exit_code == 0
    assert warning in result.output


def test_cli_refuses_a_missing_or_unreadable_file_in_french(tmp_path):
    result = CliRunner().invoke(app, ["workforce", "analyse", str(tmp_path / "absent.csv")])
    assert result.exit_code == 1 and "fichier introuvable" in result.output
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["workforce", "analyse", str(empty)])
    assert result.exit_code == 1 and "Le fichier est vide" in result.output
