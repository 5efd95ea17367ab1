"""The reference frames: the DGAFP's 26 HR use cases matched to proposals, Nantes' seven criteria."""

from __future__ import annotations

from collectivia.governance import reference


def test_the_reference_lists_are_complete():
    cases = reference.dgafp_use_cases()
    assert len(cases) == 26
    counts = {c: sum(1 for u in cases if u.category == c) for c in ("souhaitable", "envisageable", "a_proscrire")}
    assert counts == {"souhaitable": 5, "envisageable": 17, "a_proscrire": 4}
    assert len(reference.criteria()) == 7
    assert "DGAFP" in reference.dgafp()["source"] and "Nantes" in reference.boussole()["source"]


def test_a_paraphrase_still_finds_its_reference_case():
    [match] = reference.similar_reference_cases("Présélectionner les candidatures selon l'offre")
    assert match.use_case.label == "Évaluation des compétences des candidats"
    assert reference.similar_reference_cases("Optimiser l'éclairage public") == []
def test_proposals_are_matched_to_the_dgafp_reference_without_false_alarms():
    dev = reference.evaluate_matcher("dgafp_paraphrases_dev.jsonl")
    assert dev.top1 >= 24 and dev.false_alarms == 0
    held_out = reference.evaluate_matcher("dgafp_paraphrases_test.jsonl")
    assert held_out.top1 >= 8 and held_out.false_alarms == 0
