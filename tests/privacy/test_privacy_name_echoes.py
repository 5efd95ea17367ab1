"""A name found once is masked wherever the same text says it again, and only there.

Chats, transcripts and e-mail threads name people once in full and then by a
first name typed in lower case; the second mention used to reach the model.
"""

from __future__ import annotations

from collectivia.privacy.echoes import echoes
from collectivia.privacy.engine import detect
from collectivia.privacy.protected import Finding


def person_at(text: str, value: str, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return Finding(start, start + len(value), "PERSON")


def echoed(text: str, findings: list[Finding]) -> list[str]:
    return [text[f.start:f.end] for f in echoes(findings, text) if f.source == "NameEcho"]


def test_a_first_name_typed_again_in_lower_case_is_the_same_person():
    text = "[14:03] Pierre-Yves Le Goff : bonjour\n[14:05] Amina : on attend encore pierre-yves ?"
    assert echoed(text, [person_at(text, "Pierre-Yves Le Goff")]) == ["pierre-yves"]


def test_a_surname_in_capitals_later_in_a_report_is_masked():
    text = "Agent présent : M. Yannick GROS.\nS6 : patrouille à échanger avec GROS, voir avec lui."
    assert echoed(text, [person_at(text, "Yannick GROS")]) == ["GROS"]


def test_a_name_that_is_also_a_french_word_stays_a_word_in_lower_case():
    text = "Mme Claire Petit a présenté le projet : une vision claire, un petit retard sur le budget."
    assert echoed(text, [person_at(text, "Claire Petit")]) == []


def test_a_place_named_after_the_person_is_not_the_person():
    text = "M. Thomas Malraux est responsable de la médiathèque André Malraux."
    assert echoed(text, [person_at(text, "Thomas Malraux")]) == []


def test_a_name_inside_a_file_name_or_an_address_is_left_to_their_detectors():
    text = "Candidature de Mme Elif Aydogan : pièces jointes CV_Elif_Aydogan.pdf, écrire à e.aydogan@"
    assert echoed(text, [person_at(text, "Elif Aydogan")]) == []


def test_the_engine_masks_the_echo_of_a_name_the_model_found():
    text = ("[09:12] Jessica Moreau : qui ouvre l'accueil demain ?\n"
            "[09:13] Karim : moi. jessica tu fais le courrier ?")
    second = text.rindex("jessica")
    assert any(f.start <= second and second + len("jessica") <= f.end and f.label == "PERSON"
               for f in detect(text))
