"""Where a finding starts and ends: the annotation convention, whoever found the span."""

from __future__ import annotations

import pytest

from collectivia.privacy.boundaries import (name_pieces, tidy, with_number_tail, with_postal_tail, without_lead_in,
                                           without_sentence_tail)
from collectivia.privacy.engine import detect


def bounded(text: str, label: str) -> str | None:
    bounds = tidy(text, 0, len(text), label)
    return text[bounds[0]:bounds[1]] if bounds else None


@pytest.mark.parametrize("text, name", [
    ("Mme Awa Diallo", "Awa Diallo"), ("Dr Martin,", "Martin"),
    ("Le BC Steve Lanza", "Steve Lanza"), ("Cne N. Berrahma", "N. Berrahma"),
    ("Le Gall", "Le Gall"), ("La Fontaine", "La Fontaine"), ("J.-P.", "J.-P."),
])
def test_a_name_leaves_out_civilities_and_ranks_but_keeps_its_particles(text, name):
    assert bounded(text, "PERSON") == name


@pytest.mark.parametrize("text", ["B", "B.", "PROFIL", "Objet", "Formation"])
def test_a_letter_or_a_word_that_is_never_a_name_is_not_a_person(text):
    assert bounded(text, "PERSON") is None


@pytest.mark.parametrize("text, health", [
    ("en temps partiel thérapeutique", "temps partiel thérapeutique"),
    ("d'un diabète", "diabète"),
    ("reconnue travailleuse handicapée (RQTH)", "reconnue travailleuse handicapée (RQTH)"),
])
def test_a_health_span_is_the_noun_group_without_what_introduces_it(text, health):
    assert bounded(text, "HEALTH") == health


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in name_pieces(text, 0, len(text))]


@pytest.mark.parametrize("span, names", [
    ("FATOUMATA QUI VIENT CHEZ MOI", ["FATOUMATA"]),                    # a letter in capitals
    ("Christine HUMBERT-KIEFFER   Matricule", ["Christine HUMBERT-KIEFFER", "Matricule"]),
    ("Thomas - reprise lundi", ["Thomas"]),
    ("SITTLER L. - par Brigitte Gsell", ["SITTLER L.", "Brigitte Gsell"]),
    ("OÇAFRAIN;Mixel", ["OÇAFRAIN", "Mixel"]),                           # two cells of a row
])
def test_a_name_stops_where_the_sentence_or_the_table_cell_goes_on(span, names):
    assert pieces(span) == names


@pytest.mark.parametrize("span", [
    "Maria da Silva", "Khadija Ait Benali", "Thanh Vu PHAM", "A. Coudert", "Jean-Marie Le Pen",
])
def test_particles_initials_and_short_names_are_never_cut(span):
    assert pieces(span) == [span]


@pytest.mark.parametrize("text, address", [
    ("9 rue Jules Vallès, 3e étage, 42100 Saint-Étienne. Tél.", "9 rue Jules Vallès, 3e étage, 42100 Saint-Étienne"),
    ("27 cours Jean Jaurès, bât. C, appt 12\n38000 Grenoble\nTél.", "27 cours Jean Jaurès, bât. C, appt 12\n38000 Grenoble"),
    ("4 impasse des Lilas\n\nObjet : demande", "4 impasse des Lilas"),
    ("47 rue du Général de Gaulle, app. 12, 67000 Strasbourg\nNIR", "47 rue du Général de Gaulle, app. 12, 67000 Strasbourg"),
])
def test_an_address_reaches_over_its_floor_and_flat_lines_to_the_postcode_and_city(text, address):
    street_end = text.index(address.split(",")[0].split("\n")[0]) + len(address.split(",")[0].split("\n")[0])
    start, end = with_postal_tail(text, 0, street_end)
    assert text[start:end] == address


@pytest.mark.parametrize("text, found, number", [
    ("FR76 1027 8060 5100 0204 5718 938 BIC CCBPFRPP", "FR76 1027 8060 5100 0204",
     "FR76 1027 8060 5100 0204 5718 938"),
    ("1 85 03 75 112 045 23 et matricule 4521", "1 85 03 75", "1 85 03 75 112 045 23"),
])
def test_a_number_cut_short_reaches_to_its_full_length_and_no_further(text, found, number):
    label = "IBAN" if text.startswith("FR") else "NIR"
    start, end = with_number_tail(text, 0, len(found), label)
    assert text[start:end] == number


def test_code_pasted_into_a_request_is_never_a_name_or_a_diagnosis():
    """A model may misread HTML: markup characters cannot be part of a person, a health
    condition or a union mandate (a misreading there would block the request as health data)."""
    text = "Plan :\n\n<script>window.pirate = 'script'</script>\n\n<img src=x onerror=\"alert(1)\">"
    assert [f.label for f in detect(text) if f.label in ("PERSON", "HEALTH", "UNION")] == []


def persons(text: str) -> list[str]:
    return [text[f.start:f.end] for f in detect(text) if f.label == "PERSON"]


@pytest.mark.parametrize("text, name", [
    ("bonjour je suis sophie marchal adjointe administrative a la mairie", "sophie marchal"),
    ("hello, je suis camille nguyen-roche, ATSEM", "camille nguyen-roche"),
    ("synthese visite agent patrick le bihan ne le 12 aout 61", "patrick le bihan"),
])
def test_a_name_typed_in_lower_case_is_masked_whole(text, name):
    assert name in persons(text)


def test_a_family_name_and_its_given_names_are_one_name_but_a_list_of_people_is_not():
    assert "Léa, Jeanne" in persons("0078    MOREAU          Léa, Jeanne               11/04/1995")
    assert persons("Présents : Jean Dupont, Marie Durand") == ["Jean Dupont", "Marie Durand"]


def test_the_name_columns_of_a_spreadsheet_export_are_names_quotes_left_out():
    text = ('"Catégorie";"Nom d\'usage";"Nom de naissance";"Prénom";"Service"\n'
            '"C";"LE GOFF";"JÉGOU";"Armelle";"Médiathèque"\n'
            '"A";"D\'ABOVILLE";"";"Henri";"Direction générale"')
    assert {"LE GOFF", "JÉGOU", "Armelle", "D'ABOVILLE", "Henri"} <= set(persons(text))


@pytest.mark.parametrize("text, phone", [
    ("Portable : 0781 456 230", "0781 456 230"),
    ("rappeler au 02 41 62 0 8 77 merci", "02 41 62 0 8 77"),
    ("Nouveau portable : (+33) 639 984 420", "(+33) 639 984 420"),
    ("tel 0 6 7 2 1 1 5 4 3 8", "0 6 7 2 1 1 5 4 3 8"),
])
def test_a_telephone_grouped_any_way_is_a_telephone(text, phone):
    assert [text[f.start:f.end] for f in detect(text) if f.label == "PHONE"] == [phone]


def test_nine_digits_are_never_a_nir():
    text = "10577;le goff;yann;+33 2 97 86 11 04;accident de trajet"
    found = {(text[f.start:f.end], f.label) for f in detect(text)}
    assert ("+33 2 97 86 11 04", "PHONE") in found and not any(label == "NIR" for _, label in found)


def test_the_personal_columns_of_an_export_are_found_by_their_header():
    text = ("matricule;nom;prenom;naiss;adresse;tel;commune\n"
            "10577;le goff;yann;03/11/1975;lieu dit kerhoel 56270 ploemeur;6 12 45 78 90;56270 Ploemeur")
    found = {(text[f.start:f.end], f.label) for f in detect(text)}
    assert {("03/11/1975", "DATE_OF_BIRTH"), ("lieu dit kerhoel 56270 ploemeur", "ADDRESS"),
            ("6 12 45 78 90", "PHONE")} <= found


@pytest.mark.parametrize("span, name", [("m. garcia", "garcia"), ("avec marie", "marie"),
                                        ("le goff", "le goff"), ("razafindrabe Lova", "razafindrabe Lova")])
def test_a_lower_case_civility_or_function_word_before_a_name_is_left_out_but_an_unknown_word_stays(span, name):
    start, end = tidy(span, 0, len(span), "PERSON")
    assert span[start:end] == name


@pytest.mark.parametrize("span, address", [
    ("14 rue des Lataniers, 97490 Sainte-Clotilde avec nos deux enfants", "14 rue des Lataniers, 97490 Sainte-Clotilde"),
    ("14 allée des Tilleuls 35000 Rennes. Nous avons bien reçu", "14 allée des Tilleuls 35000 Rennes"),
    ("34 route de Blois 45140 St Jean de la Ruelle", "34 route de Blois 45140 St Jean de la Ruelle"),
])
def test_an_address_the_model_ran_on_into_the_sentence_ends_with_its_whole_city(span, address):
    start, end = without_sentence_tail(span, 0, len(span))
    assert span[start:end] == address


@pytest.mark.parametrize("span, address", [
    ("nouvelle adresse : 9 av. Potié, appt 204, 38400 Saint-Martin-d'Hères", "9 av. Potié, appt 204, 38400 Saint-Martin-d'Hères"),
    ("j'habite maintenant 3 bis rue du Moulin, 67120 Molsheim", "3 bis rue du Moulin, 67120 Molsheim"),
    ("(domicile) : Mas des Oliviers, 1450 route de Sauve, 30610 Sauve", "Mas des Oliviers, 1450 route de Sauve, 30610 Sauve"),
    # a home's name in capitals and an OCR-read number stay whole
    ("Mas des Oliviers, 1450 route de Sauve", "Mas des Oliviers, 1450 route de Sauve"),
    ("l2 impasse des Cigales", "l2 impasse des Cigales"),
])
def test_an_address_leaves_out_the_words_that_introduce_it(span, address):
    start, end = without_lead_in(span, 0, len(span))
    assert span[start:end] == address


def test_a_home_word_of_the_sentence_is_not_a_homes_name():
    text = "Le propriétaire a vendu son logement, 32 rue Jean Vallier, 69007 Lyon."
    assert [text[f.start:f.end] for f in detect(text) if f.label == "ADDRESS"] == ["32 rue Jean Vallier, 69007 Lyon"]


@pytest.mark.parametrize("text", [
    "Il a été transporté au CHU Charles Nicolle en fin de matinée.",
    "Entraînements au stade Laurent Gérin de 1999 à 2008.",
    "A. Activités de l'année\nAccueil du public et tenue de la caisse.",
    "Usagère : bonjour je voudrais savoir où en est mon dossier",
])
def test_a_place_named_after_someone_a_lettered_heading_and_a_speakers_role_are_no_person(text):
    assert not [f for f in detect(text) if f.label == "PERSON"]


@pytest.mark.parametrize("text, name", [
    ("Seb tu prends le secteur cimetière avec Kader demain", "Kader"),
    ("Tourret        R. Auclair        P. Jardin        S. Morel", "S. Morel"),
    ("Aurore : je pourrai pas demain, je suis en arrêt", "Aurore"),
])
def test_a_person_next_to_a_venue_word_or_speaking_in_a_chat_is_still_a_person(text, name):
    assert name in [text[f.start:f.end] for f in detect(text) if f.label == "PERSON"]


@pytest.mark.parametrize("text, name", [
    ("L'agent d'accueil Nadia Benali a reçu l'usager ce matin.", "Nadia Benali"),
    ("Nous avons reçu le courrier de l'école de Jade Lefèvre.", "Jade Lefèvre"),
    ("La crèche de Léa Moreau a signalé des absences.", "Léa Moreau"),
    ("Le gardien du stade Yanis Morel est absent.", "Yanis Morel"),
    ("Lundi 8h-12h accueil Sophie Martin", "Sophie Martin"),
    ("Présents :\nA. Blanc\nB. Marchand", "A. Blanc"),
])
def test_what_the_venue_heading_and_speaker_rules_must_not_drop(text, name):
    assert name in [text[f.start:f.end] for f in detect(text) if f.label == "PERSON"]


def test_a_word_that_may_be_a_surname_is_no_speakers_role():
    from collectivia.privacy.engine import _heading_or_speaker
    assert not _heading_or_speaker("Blanc : je conteste la sanction.", 0, 5)
    assert _heading_or_speaker("Usagère : bonjour", 0, 7)


@pytest.mark.parametrize("text, address", [
    ("Adresse : Résidence Le Parc, Bât : C, 12 rue Victor Hugo, 69003 Lyon",
     "Résidence Le Parc, Bât : C, 12 rue Victor Hugo, 69003 Lyon"),
    ("j'habite résidence les pins bât c, 4 avenue de la gare 30000 nimes",
     "résidence les pins bât c, 4 avenue de la gare 30000 nimes"),
])
def test_a_homes_name_in_any_case_and_a_buildings_colon_stay_in_the_address(text, address):
    assert address in [text[f.start:f.end] for f in detect(text) if f.label == "ADDRESS"]


def test_a_venue_word_ending_the_sentence_before_a_name_names_no_place():
    text = "Il est décidé de refaire la toiture du gymnase. Marie Lefèvre appellera l'entreprise."
    assert "Marie Lefèvre" in [text[f.start:f.end] for f in detect(text) if f.label == "PERSON"]
