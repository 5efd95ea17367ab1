"""Experience in a filière the lexicons never saw: jobs read by meaning complete the months, as a
proposal the recruiter checks, never as a verdict.

The threshold is passed explicitly; the shipped one is calibrated on labelled postings
(`python -m collectivia.recruitment.calibration`, `data/recruitment/experience_threshold.json`).
"""

from __future__ import annotations

from collectivia.recruitment import experience_meaning
from collectivia.recruitment.criteria import MET, NOT_STATED, parse_criterion
from collectivia.recruitment.cv import month_index, parse_cv

TODAY = month_index(2025, 9)
WATER = "3 ans d'expérience en exploitation ou travaux de réseaux d'eau potable ou d'assainissement"
DEFINITION = ("Au moins 36 mois d'emploi en exploitation, maintenance ou travaux de réseaux d'eau potable, "
              "d'eaux usées ou d'eaux pluviales. Ne comptent pas : réseaux secs (électricité, fibre), "
              "plomberie dans le bâtiment.")
CV = """Julien MARCHAND
EXPÉRIENCE
04/2019 – aujourd'hui : Canalisateur AEP/EU – TP Vallée du Lot
- pose de conduites, branchements, essais pression, désinfection
01/2016 – 03/2019 : Monteur fibre optique – Réseaux Sud
"""


def proposed(cv_text: str, cutoff: float):
    cv = parse_cv(cv_text, TODAY)
    criterion = parse_criterion(WATER, DEFINITION)
    return experience_meaning.propose(cv, [criterion], [criterion.check(cv)], cutoff=cutoff)[0]


def test_the_rule_alone_finds_no_job_in_a_trade_it_has_no_words_for():
    criterion = parse_criterion(WATER, DEFINITION)
    assert criterion.check(parse_cv(CV, TODAY)).status == NOT_STATED


def test_a_job_close_in_meaning_completes_the_months_as_a_proposal_quoting_its_line():
    result = proposed(CV, cutoff=0.84)
    assert result.status == MET and result.proposal
    assert result.evidence == "04/2019 – aujourd'hui : Canalisateur AEP/EU – TP Vallée du Lot"
    assert "Canalisateur AEP/EU" in result.note and "à vérifier" in result.note


def test_a_job_the_definition_rules_out_is_never_read_by_meaning():
    result = proposed(CV.replace("Canalisateur AEP/EU", "Monteur fibre optique"), cutoff=0.0)
    assert result.status == NOT_STATED and not result.proposal


def test_too_few_months_even_with_the_jobs_read_by_meaning_leaves_the_rule_s_result():
    short = CV.replace("04/2019 – aujourd'hui", "01/2025 – aujourd'hui")
    result = proposed(short, cutoff=0.0)
    assert result.status == NOT_STATED and not result.proposal


def test_without_a_shipped_threshold_nothing_is_embedded(monkeypatch):
    monkeypatch.setattr(experience_meaning, "threshold", lambda: None)
    cv = parse_cv(CV, TODAY)
    criterion = parse_criterion(WATER, DEFINITION)
    assert experience_meaning.propose(cv, [criterion], [criterion.check(cv)])[0].status == NOT_STATED


def test_twins_that_differ_only_by_identity_get_the_same_proposal():
    twin = CV.replace("Julien MARCHAND", "Yacine BENALI")
    first, second = proposed(CV, cutoff=0.84), proposed(twin, cutoff=0.84)
    assert (first.status, first.evidence) == (second.status, second.evidence)


def test_the_method_shown_to_the_recruiter_names_every_model_that_may_propose():
    from collectivia.recruitment.candidates import method_label
    label = method_label(anonymous=True)
    assert label.startswith("règles + modèle appris + sens (multilingual-e5-small)")
    assert len(label) <= 120    # the column that stores it
