"""The meaning match: a proposal, with a verbatim CV line, only where the rules found nothing.

These tests pass the similarity threshold explicitly; the shipped one is calibrated on
postings the rules were not written from (`python -m collectivia.recruitment.calibration`).
"""

from __future__ import annotations

from collectivia.recruitment import semantic
from collectivia.recruitment.criteria import MET, NOT_MET, NOT_STATED, parse_criterion
from collectivia.recruitment.cv import month_index, parse_cv

TODAY = month_index(2025, 9)
CV = """Camille ROUX
12 rue des Lilas, 64100 Bayonne

EXPÉRIENCE PROFESSIONNELLE
01/2020 - aujourd'hui : Auxiliaire de puériculture - Multi-accueil Les Mouettes, Anglet
- Pointage des présences et transmissions aux familles sur tablette
- Ateliers de peinture et de comptines

FORMATION
2019 : Diplôme d'État d'auxiliaire de puériculture
"""
SOFTWARE = "Utilisation d'un logiciel de suivi des présences et des transmissions (ex. Meeko, Kidizz)"


def screened(*criteria: str, cutoff: float):
    cv = parse_cv(CV, TODAY)
    parsed = [parse_criterion(c) for c in criteria]
    return semantic.propose(cv, parsed, [c.check(cv) for c in parsed], cutoff=cutoff)


def test_a_described_use_is_proposed_as_met_with_its_verbatim_line_to_check():
    result = screened(SOFTWARE, cutoff=0.8)[0]
    assert result.status == MET and result.proposal
    assert result.evidence == "- Pointage des présences et transmissions aux familles sur tablette"
    assert result.evidence in CV
    assert "à vérifier" in result.note and "multilingual-e5-small" in result.note


def test_below_the_threshold_the_criterion_stays_not_stated():
    result = screened(SOFTWARE, cutoff=0.99)[0]
    assert result.status == NOT_STATED and result.evidence is None and not result.proposal


def test_facts_and_insufficient_mentions_are_never_changed_by_meaning():
    results = screened("Permis B", "Diplôme de niveau 6 (licence) minimum", "Anglais courant", cutoff=0.0)
    assert [r.status for r in results] == [NOT_STATED, NOT_MET, NOT_STATED]
    assert not any(r.proposal for r in results)


def test_a_threshold_above_any_cosine_makes_no_proposal_and_embeds_nothing(monkeypatch):
    monkeypatch.setattr(semantic._cache, "get", lambda texts: (_ for _ in ()).throw(AssertionError))
    result = screened(SOFTWARE, cutoff=1.01)[0]
    assert result.status == NOT_STATED


def test_two_cvs_that_differ_only_by_identity_get_the_same_proposals():
    other = CV.replace("Camille ROUX", "Karim BENALI").replace("64100 Bayonne", "40100 Dax")
    criterion = parse_criterion(SOFTWARE)
    first, second = (semantic.propose(cv, [criterion], [criterion.check(cv)], cutoff=0.8)[0]
                     for cv in (parse_cv(CV, TODAY), parse_cv(other, TODAY)))
    assert (first.status, first.evidence) == (second.status, second.evidence)
