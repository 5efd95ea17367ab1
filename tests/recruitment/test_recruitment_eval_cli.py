"""`collectivia eval recruitment FILE`: the figures and the exact last line."""

from __future__ import annotations

import json

import pytest

from typer.testing import CliRunner

from collectivia.cli import app

CV = """{name}
Né le 01/02/1980

EXPÉRIENCE PROFESSIONNELLE
de 01/2015 à 12/2016 : Gestionnaire de paie - Mairie de Pau
de 06/2016 à 12/2024 : Comptable - Société X

FORMATION
2000 : Baccalauréat ES
"""


def _gold(met_paie: bool) -> dict:
    return {"criteria_met": [
        {"criterion": "Expérience en paie d'au moins 2 ans", "met": met_paie,
         "evidence": "de 01/2015 à 12/2016 : Gestionnaire de paie - Mairie de Pau"},
        {"criterion": "Diplôme de niveau 4 (baccalauréat) minimum", "met": True,
         "evidence": "2000 : Baccalauréat ES"}],
        "bucket": "A" if met_paie else "B",
        "date_issues": ["Chevauchement de 7 mois (06/2016 à 12/2016) entre « a » et « b »",
                        "Aucune activité mentionnée depuis 12/2024 (fin de « b »), soit 9 mois"]}


def test_eval_prints_the_three_figures_on_the_last_line(tmp_path):
    data = {
        "conventions": {"date_reference": "« aujourd'hui » = 09/2025"},
        "postings": [{"id": "P1", "competences_requises": ["Expérience en paie d'au moins 2 ans",
                                                           "Diplôme de niveau 4 (baccalauréat) minimum"],
                      "competences_souhaitees": [], "criteres_definitions": {}}],
        "candidates": [
            {"id": "C1", "posting_id": "P1", "cv_text": CV.format(name="Jean A"), "gold": _gold(True)},
            {"id": "C2", "posting_id": "P1", "cv_text": CV.format(name="Jeanne B"), "gold": _gold(False)},
        ],
        "twins": [{"a": "C1", "b": "C2", "dimensions": ["genre"]}],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "recruitment", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    # C2's gold is deliberately wrong on one criterion: 3 of 4 pairs right
    assert lines[-1] == "criterion_accuracy=0.750 date_issue_recall=1.000 twin_agreement=1.000"


def test_date_issues_written_as_records_are_scored_like_sentences():
    from collectivia.recruitment.evaluation import _gold_issue, month_index

    today = month_index(2025, 9)
    sentence = _gold_issue("Aucune activité mentionnée depuis 12/2024 (fin de « b »), soit 9 mois", today)
    record = _gold_issue({"type": "gap", "start": "01/2025", "end": "08/2025"}, today)
    assert record == sentence == ("gap", month_index(2025, 1), today)
    assert _gold_issue({"type": "overlap", "start": "06/2016", "end": "12/2016"}, today) == \
        _gold_issue("Chevauchement de 7 mois (06/2016 à 12/2016) entre « a » et « b »", today)
    assert _gold_issue({"type": "trou"}, today) is None


def test_date_issue_records_may_be_written_in_french_with_their_months():
    from collectivia.recruitment.evaluation import _gold_issue, month_index

    today = month_index(2025, 9)
    inclusive = {"type": "periode_sans_activite", "debut": "03/2021", "fin": "10/2021", "months": 8}
    around = {"type": "periode_sans_activite", "debut": "02/2021", "fin": "11/2021", "months": 8}
    assert _gold_issue(inclusive, today) == _gold_issue(around, today) == (
        "gap", month_index(2021, 3), month_index(2021, 10))
    assert _gold_issue({"type": "chevauchement", "debut": "2019-01", "fin": "2019-04"}, today) == (
        "overlap", month_index(2019, 1), month_index(2019, 4))


def test_decision_rules_may_be_listed_in_the_order_of_the_criteria_or_as_records():
    from collectivia.recruitment.evaluation import posting_criteria

    posting = {"id": "P1", "competences_requises": ["Permis B", "Maîtrise d'Excel"],
               "criteres_definitions": ["Permis B valide.", "Ne suffit pas : « notions »."]}
    (permit, excel), _ = posting_criteria(posting)
    assert (permit.definition, excel.definition) == ("Permis B valide.", "Ne suffit pas : « notions ».")
    posting["criteres_definitions"] = [{"critere": "Maîtrise d'Excel", "regle": "Ne suffit pas : « notions »."},
                                       {"critere": "Permis B", "regle": "Permis B valide."}]
    (permit, excel), _ = posting_criteria(posting)
    assert (permit.definition, excel.definition) == ("Permis B valide.", "Ne suffit pas : « notions ».")
    # a record may call its rule « definition » and list what counts and what does not
    posting["criteres_definitions"] = [{"critere": "Permis B", "definition": "Permis B valide."},
                                       {"critere": "Maîtrise d'Excel", "regle": "Formules.",
                                        "compte": ["RECHERCHEV"], "ne_compte_pas": ["notions", "Word"]}]
    (permit, excel), _ = posting_criteria(posting)
    assert (permit.definition, excel.definition) == (
        "Permis B valide.", "Formules. Comptent : RECHERCHEV. Ne comptent pas : notions ; Word.")
    posting["criteres_definitions"] = ["Permis B valide."]
    with pytest.raises(ValueError, match="une règle à chaque critère requis"):
        posting_criteria(posting)
