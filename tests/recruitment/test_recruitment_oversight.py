"""Human oversight in the service layer: the AI proposes, only a named person decides."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from collectivia.core.errors import Forbidden, InvalidInput
from collectivia.core.users import find_by_login
from collectivia.recruitment import candidates, decisions, oversight
from collectivia.recruitment.models import Posting


def _demo(session):
    posting = session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")).scalar_one()
    return posting, posting.candidates


def test_the_ai_alone_can_never_reject_a_candidate(session):
    _, demo = _demo(session)
    group_c = next(c for c in demo if c.latest_screening.group == "C")
    with pytest.raises(Forbidden):
        decisions.decide(session, None, group_c.id, "non retenu", "Groupe C proposé par l'outil.")
    # re-screening stores a new proposal but never moves the candidate
    candidates.run_screening(session, group_c, None)
    assert group_c.stage == "reçue"


def test_only_recruiters_decide_and_always_with_a_reason(session):
    _, demo = _demo(session)
    jury, recruiter = find_by_login(session, "jury"), find_by_login(session, "recruteur")
    with pytest.raises(Forbidden):
        decisions.decide(session, jury, demo[1].id, "entretien", "Profil intéressant pour la paie.")
    with pytest.raises(InvalidInput):
        decisions.decide(session, recruiter, demo[1].id, "non retenu", "")
    decision = decisions.decide(session, recruiter, demo[1].id, "entretien",
                                 "Expérience de paie en mairie à approfondir.")
    assert decision.user_name == "Julien Moreau" and demo[1].stage == "entretien"


def test_parity_ratio_is_the_four_fifths_rule():
    assert oversight.parity_ratio({"F": (2, 10), "H": (4, 10)}) == pytest.approx(0.5)
    assert oversight.parity_ratio({"F": (4, 10), "H": (5, 10)}) == pytest.approx(0.8)
    assert oversight.parity_ratio({"F": (0, 3)}) is None


def test_bias_audit_flags_unequal_selection_and_finds_no_twin_difference(session):
    posting, demo = _demo(session)
    recruiter = find_by_login(session, "recruteur")
    # only men are pre-selected: the selection-rate ratio by sex falls below 0.8
    for candidate in demo:
        if candidate.equality_sex == "H" and candidate.stage == "reçue":
            decisions.decide(session, recruiter, candidate.id, "pré-sélection",
                              "Critères obligatoires attestés pour l'essentiel.")
    audit = oversight.bias_audit(session, recruiter, [posting.id])
    by_sex = next(t for t in audit.tables if t.dimension == "sexe" and t.stage == "pré-sélection")
    assert by_sex.flagged and by_sex.ratio < 0.8
    assert audit.counterfactual_checked == len(demo)
    assert audit.counterfactual_differences == []


def test_counterfactual_cv_changes_identity_only():
    cv = "Julie DURAND\nNée le 01/01/1990\n\nEXPÉRIENCE\n01/2020 - 08/2025 : Conseillère statutaire - CDG 33\n"
    swapped = oversight.counterfactual(cv)
    assert "Julie" not in swapped and "Conseiller statutaire" in swapped
    assert "01/2020 - 08/2025" in swapped
