"""A home's address is masked whole: its name before the street, a form's boxes, an export's column."""

from __future__ import annotations

import pytest

from collectivia.privacy.engine import detect


def found(text: str, label: str) -> list[str]:
    return [text[f.start:f.end] for f in detect(text) if f.label == label]


@pytest.mark.parametrize(("text", "address"), [
    ("Courrier à adresser à La Bergerie, 1120 route de Cassel, 59190 Hondeghem.",
     "La Bergerie, 1120 route de Cassel, 59190 Hondeghem"),
    ("Contact agent : 06 81 22 73 04, domicile Le Mas Gaillard, 87300 Bellac.", "Le Mas Gaillard, 87300 Bellac"),
    ("Mme Rozenn Le Menn, habitante de Kerhallon, 29470 Plougastel-Daoulas, demande une place.",
     "Kerhallon, 29470 Plougastel-Daoulas"),
    ("Adresse future : pension de famille Les Tilleuls, 42 rue de Brest, 29200 Brest",
     "pension de famille Les Tilleuls, 42 rue de Brest, 29200 Brest"),
])
def test_the_name_of_a_home_before_its_street_or_postcode_is_part_of_the_address(text, address):
    assert found(text, "ADDRESS") == [address]


@pytest.mark.parametrize("text", [
    "Mme Anne Chevalier, 12 rue des Lilas, 35000 Rennes",
    "Bonjour, 12 rue des Lilas, 35000 Rennes",
])
def test_a_name_or_a_greeting_before_an_address_stays_outside_it(text):
    assert found(text, "ADDRESS") == ["12 rue des Lilas, 35000 Rennes"]


def test_a_workplace_named_before_its_address_is_not_a_home():
    assert found("Mairie de Brest, 42 rue de Brest, 29200 Brest", "ADDRESS") == []


def test_an_address_in_a_list_stops_at_the_dash_that_opens_the_next_field():
    text = "7. ROCCA Maria, 1939, 22 chemin des Aires – Parkinson, 07 55 30 82 19"
    assert found(text, "ADDRESS") == ["22 chemin des Aires"]
    assert found(text, "HEALTH") == ["Parkinson"]
    assert found("Adresse : 3 rue Haute – bât. C – 35000 Rennes", "ADDRESS") == ["3 rue Haute – bât. C – 35000 Rennes"]


def test_streets_named_as_dykes_breton_roads_and_abbreviated_residences_are_streets():
    assert found("chez ses grands-parents, 27 digue de Mer, 59123 Bray-Dunes", "ADDRESS") \
        == ["27 digue de Mer, 59123 Bray-Dunes"]
    assert found("sa nièce, 12 hent ar Vilin, 29600 Plourin-lès-Morlaix", "ADDRESS") \
        == ["12 hent ar Vilin, 29600 Plourin-lès-Morlaix"]


def test_a_city_ends_before_the_next_word_even_one_that_starts_like_a_particle():
    assert found("Nous habitons quartier Morne Coco, chemin Bellevue, 97215 Rivière-Salée depuis 10 ans",
                 "ADDRESS") == ["quartier Morne Coco, chemin Bellevue, 97215 Rivière-Salée"]


FORM = """ ┌─ VOTRE ADRESSE ACTUELLE ───────────┐
  N°│4│7│  Voie │R│U│E│ │D│E│ │W│A│Z│E│M│M│E│S│ │ │ │ │
  Complément (bât., esc., étage) │B│A│T│ │C│ │E│T│ │2│
  Code postal │5│9│0│0│0│    Commune │L│I│L│L│E│ │ │ │
 └────────────────────────────────────┘
  Commune de naissance │D│O│U│A│I│ │ │
  Téléphone        │0│7│ │4│4│ │1│8│ │2│6│ │9│0│
  N° de sécurité sociale │2│7│7│1│2│9│9│3│2│2│0│2│5│  clé │6│3│"""


def test_a_form_filled_one_letter_per_box_gives_its_address_phone_and_nir():
    assert found(FORM, "ADDRESS") == ["4│7│  Voie │R│U│E│ │D│E│ │W│A│Z│E│M│M│E│S│ │ │ │ │\n"
                                      "  Complément (bât., esc., étage) │B│A│T│ │C│ │E│T│ │2│\n"
                                      "  Code postal │5│9│0│0│0│    Commune │L│I│L│L│E"]
    assert found(FORM, "PHONE") == ["0│7│ │4│4│ │1│8│ │2│6│ │9│0"]
    assert found(FORM, "NIR") == ["2│7│7│1│2│9│9│3│2│2│0│2│5│  clé │6│3"]


def test_boxes_under_a_home_heading_are_the_address():
    form = "  DOMICILE\n  │1│8│ │A│L│L│É│E│ │D│E│S│ │P│I│N│S│ │ │\n  │3│3│7│0│0│ │M│É│R│I│G│N│A│C│ │ │\n"
    assert found(form, "ADDRESS") == ["1│8│ │A│L│L│É│E│ │D│E│S│ │P│I│N│S│ │ │\n  │3│3│7│0│0│ │M│É│R│I│G│N│A│C"]


def test_an_exports_full_address_column_is_masked_cell_by_cell():
    export = ("MATRICULE;NOM;PRENOMS;ADRESSE_COMPLETE;REGIME\n"
              "230027;ESPOSITO;Laura;Bd Michelet, Rés. Le Corbusier app. 1012 13008 MARSEILLE;IRCANTEC\n")
    assert found(export, "ADDRESS") == ["Bd Michelet, Rés. Le Corbusier app. 1012 13008 MARSEILLE"]


@pytest.mark.parametrize(("text", "phone"), [
    ("il a dit rappeler, 06 16 52 ... 87 14 merci", "06 16 52 ... 87 14"),
    ("son nv portable : 07 81 … 55 02 16", "07 81 … 55 02 16"),
    ("Sa femme avait appelé en mars (Mme Charvet, 04 74 65 .. ..)", "04 74 65 .. .."),
    ("leur portable c 07 86 ... je sais plus", "07 86 ..."),
])
def test_a_number_paused_or_half_given_is_still_a_telephone(text, phone):
    assert found(text, "PHONE") == [phone]


def test_an_hour_with_dots_is_no_telephone():
    assert found("ouvert de 08 30 ... à 12 00", "PHONE") == []


@pytest.mark.parametrize("text", [
    "Objet : Demande de Mutation\n12 rue des Lilas, 35000 Rennes",
    "La Poste, 12 rue des Lilas, 35000 Rennes",
    "Maison France Services, 12 rue des Lilas, 35000 Rennes",
])
def test_a_heading_or_an_organisation_before_an_address_is_no_home(text):
    assert found(text, "ADDRESS") == ["12 rue des Lilas, 35000 Rennes"]


def test_a_union_in_brackets_before_an_address_keeps_its_label():
    text = "Mme Petit (Section Syndicale CGT) 3 rue du Stade, 35000 Rennes"
    assert found(text, "UNION") == ["Section Syndicale CGT"]
    assert found(text, "ADDRESS") == ["3 rue du Stade, 35000 Rennes"]


def test_addresses_one_per_line_stay_apart():
    assert found("Adresses des agents :\n12 rue des Lilas\n4 rue Haute", "ADDRESS") == ["12 rue des Lilas", "4 rue Haute"]


@pytest.mark.parametrize("address", ["12 route de Lyon – Le Bourg – 69000 Lyon", "15 rue Saint - Jean, 35000 Rennes"])
def test_a_dash_inside_an_address_that_its_postcode_closes_does_not_cut_it(address):
    assert found(f"Adresse : {address}", "ADDRESS") == [address]


def test_a_postcode_asked_alone_stays_a_postcode():
    text = "Mme Rozenn Le Menn, habitante de Kerhallon, 29470 Plougastel-Daoulas"
    assert [text[f.start:f.end] for f in detect(text, labels=("POSTCODE_CITY",))] == ["29470 Plougastel-Daoulas"]


def test_inhabitants_in_general_do_not_make_a_venue_a_home():
    assert found("Réunion pour les habitants : salle polyvalente, 2 place de l'Église, 35000 Rennes", "ADDRESS") == []


def test_boxes_under_other_labels_are_no_address():
    form = ("  N° de dossier │2│0│2│4│1│2│\n  Commune d'affectation │R│E│N│N│E│S│\n"
            "  ADRESSE EMPLOYEUR\n  │1│2│ │R│U│E│ │H│A│U│T│E│\n")
    assert found(form, "ADDRESS") == [] and found(form, "POSTCODE_CITY") == []


def test_a_town_in_boxes_beside_a_country_is_kept():
    form = "  Voie ¦R¦U¦E¦ ¦D¦E¦S¦ ¦L¦I¦L¦A¦S¦\n  Code postal ¦3¦5¦0¦0¦0¦   Pays ¦F¦R¦A¦N¦C¦E¦\n"
    assert found(form, "ADDRESS") == ["R¦U¦E¦ ¦D¦E¦S¦ ¦L¦I¦L¦A¦S¦\n  Code postal ¦3¦5¦0¦0¦0"]


@pytest.mark.parametrize("text", [
    "période du 05.12.2023 … 06.01.2024", "Délibérations n° 04 12 15 ... 04 12 18",
    "Ouverture de 07 30… à 12 00", "Dossiers 06 12 ... à traiter",
])
def test_dates_hours_and_references_with_dots_are_no_telephones(text):
    assert found(text, "PHONE") == []


@pytest.mark.parametrize("text", ["accessible aux personnes en fauteuil roulant", "association France Alzheimer",
                                  "Protocole en cas d'alcoolisation d'un agent"])
def test_health_words_in_general_statements_are_not_a_persons_health(text):
    assert found(text, "HEALTH") == []


def test_a_building_line_above_its_street_stays_with_it():
    """Only a second street starts a second address: « Résidence Les Pins, bât. C » is part of the one below."""
    text = "Adresse : Résidence Les Pins, bât. C\n12 rue Victor Hugo\n35000 Rennes\nTél. : 06 39 98 12 14"
    assert not any(a.startswith("12 rue") for a in found(text, "ADDRESS"))
