"""Chat exports and SMS threads: speakers are people, numbers come in pieces."""

from __future__ import annotations

import pytest

from collectivia.privacy.engine import detect
from collectivia.privacy.recognizers.chats import find_chat_speakers, find_split_numbers


def found(text: str, label: str) -> list[str]:
    return [text[f.start:f.end] for f in detect(text) if f.label == label]


THREAD = """[08:15] manu : quelqu'un a le portable de Rico ?
[08:16] Mag : titi revient lundi
[08:17] Sev : 07 81 22
[08:17] Sev : 45 09 pardon j'ai envoyé trop tôt
[08:18] Mag : ok merci
"""


def test_every_speaker_of_a_thread_is_a_person_whatever_their_nickname():
    speakers = [THREAD[s:e] for s, e, _, _ in find_chat_speakers(THREAD)]
    assert speakers == ["manu", "Mag", "Sev", "Sev", "Mag"]
    assert {"manu", "Mag", "Sev"} <= set(found(THREAD, "PERSON"))


def test_a_telephone_sent_in_two_messages_is_masked_in_both():
    assert found(THREAD, "PHONE") == ["07 81 22", "45 09"]
    said = "Manu : ah. zéro six\nManu : trente-huit 70 12 55\nFred : t'es sérieux"
    assert [said[s:e] for s, e, _, _ in find_split_numbers(said)] == ["zéro six", "trente-huit 70 12 55"]


def test_a_telephone_sent_in_two_messages_under_their_own_headers_is_masked_in_both():
    thread = "Moi  10:05\noui attends je cherche\n\nMoi  10:05\n07 81\n\nMoi  10:06\n55 09 34 c'est Inès\n"
    assert found(thread, "PHONE") == ["07 81", "55 09 34"]
    family = "Hugo 08:05\nil a changé de num : 06 26 47 ...\n\nMaman ❤️ 08:06\n... 93 10 pardon\n"
    assert found(family, "PHONE") == ["06 26 47 ...", "93 10"]    # the dots say a number goes on
    headers = "Nora 09:06\n\nMoi  09:07\n12 34 56 78 c'est le numéro de dossier\n"
    assert found(headers, "PHONE") == []          # a header's minutes are no piece of a number


def test_an_iban_sent_in_three_messages_is_an_iban_only_if_its_key_holds():
    pieces = "Gégé 18:52 : FR76 3000 6000\nGégé 18:52 : 0112 3456 7890\nGégé 18:53 : 189\n"
    assert [label for *_, label, _ in find_split_numbers(pieces)] == ["IBAN"] * 3
    assert find_split_numbers(pieces.replace("189", "188")) == []
    # the engine masks every piece, though each alone is too short to be an IBAN
    assert found(pieces, "IBAN") == ["FR76 3000 6000", "0112 3456 7890", "189"]


def test_a_nir_sent_in_two_messages_or_with_its_key_apart_is_masked_in_every_piece():
    pieces = ("9:12 Nathalie : je vous donne mon numéro\n9:14 Nathalie : 2690394137\n"
              "9:17 Nathalie : 06341 pardon c'est parti trop vite\n9:18 Paul : merci\n")
    assert found(pieces, "NIR") == ["2690394137", "06341"]
    corsican = "Yoyo : voilà\nGhislaine : ok\nYoyo : 1 82 05 2B 033 064\nYoyo : clé 01\nGhislaine : merci\n"
    assert found(corsican, "NIR") == ["1 82 05 2B 033 064", "01"]
    # fifteen digits whose key does not hold are two numbers, not a NIR
    assert find_split_numbers(pieces.replace("06341", "06342")) == []


def test_a_forms_fields_and_a_payslips_columns_are_neither_speakers_nor_numbers():
    form = ("Enfant : PAYET Kimberley\nEnfant : PAYET Dylan\nParent : Mme Grondin\n"
            "Santé : RAS\nRégime alimentaire : sans porc\nSemaines choisies : 8-12 juillet\n")
    assert find_chat_speakers(form) == []
    roles = "Agent : bonjour\nUsager : bonjour, c'est pour un acte\nAgent : votre nom ?\nUsager : Diallo\n"
    assert find_chat_speakers(roles) == []
    payslip = "CSG déductible      2 150,10 %       210,09\nRAFP      215,00      5,00 %      10,75\n"
    assert find_split_numbers(payslip) == []


def test_a_whole_number_on_its_line_is_left_to_the_patterns():
    text = "Tél : 06 43 27 18 09\nM. Aymeric Duparc\n"
    assert find_split_numbers(text) == []


def test_a_telephone_in_three_messages_signed_with_a_longer_name_is_masked_in_each():
    thread = ("[22:14] de Damien V. : le riverain veut etre rappelé son num 06\n"
              "[22:15] de Damien V. : 88 14\n[22:16] de Damien V. : 70 52 il s appelle m. tournier\n")
    assert found(thread, "PHONE") == ["06", "88 14", "70 52"]


@pytest.mark.parametrize("text, attempt", [
    ("Bruno L. — 22:56 : 02 97 21 4 ... attends\nBruno L. — 22:58 : 02 97 21 43 86", "02 97 21 4"),
    ("c'est 06 soixante-quinze ... bon je te l'écris en chiffres : 06 75 30 98 14", "06 soixante-quinze"),
    ("Tél (dicté, à vérifier) : 06 / 59 / 21 / 0 / 7 / 38 ??? → rappeler le 06 59 21 07 38",
     "06 / 59 / 21 / 0 / 7 / 38"),
    ("numéro de la fille zéro six quatorze vingt-deux soixante-dix-sept huit cent... non zéro six quatorze "
     "vingt-deux soixante-dix-sept zéro huit", "zéro six quatorze vingt-deux soixante-dix-sept huit cent"),
])
def test_a_telephone_begun_then_given_whole_is_masked_in_both(text, attempt):
    assert attempt in found(text, "PHONE")


@pytest.mark.parametrize("text", ["Le 06/12 à 10 h, appeler le 06 12 44 55 66.",
                                  "Le 06 12 2026, appeler le 06 12 44 55 66.",
                                  "Dossier 0612 : appeler le 06 12 44 55 66"])
def test_a_date_or_a_file_number_before_a_telephone_with_the_same_first_digits_stays_in_clear(text):
    assert found(text, "PHONE") == ["06 12 44 55 66"]
