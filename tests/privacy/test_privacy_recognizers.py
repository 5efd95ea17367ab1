"""French recognizers, one behaviour per test, on sentences an HR service writes."""

from __future__ import annotations

import pytest

from collectivia.privacy.engine import detect
from collectivia.privacy.recognizers.dictated import find_keyless_nir
from collectivia.privacy.recognizers.numbers import find_nir


def spans(text: str, label: str | None = None) -> list[str]:
    return [text[f.start:f.end] for f in detect(text) if label in (None, f.label)]


@pytest.mark.parametrize("nir", ["1 81 09 49 007 214 04", "162056412108585", "2 63 04 25 056 118 30",
                                 "1 85 05 2A 004 012 70", "2 90 11 2B 033 015 92"])
def test_nir_with_a_valid_key_is_found_including_corsica(nir):
    assert spans(f"N° de sécurité sociale : {nir}.", "NIR") == [nir]


@pytest.mark.parametrize("nir", ["2 6 4 0 2 3 5 4 1 5 2 1 5 6 4", "298 079 934 154 102", "1 95 08\n63 262 695 08"])
def test_a_nir_in_a_forms_boxes_in_odd_groups_or_wrapped_is_found_when_its_key_holds(nir):
    assert spans(f"N° de sécurité sociale : {nir}\nSignature", "NIR") == [nir]


def test_a_corsican_nir_key_is_computed_with_2a_as_19_and_2b_as_18():
    """INSEE's rule, as people who compute keys by hand apply it: one substitution, nothing more."""
    assert spans("N° INSEE : 1760 22A0 0411 866\n", "NIR") == ["1760 22A0 0411 866"]
    assert spans("n° SS 2 9 3 1 0 2 B 4 6 4 4 8 2 1 5, tél", "NIR") == ["2 9 3 1 0 2 B 4 6 4 4 8 2 1 5"]


def test_a_box_left_empty_under_the_social_security_label_or_a_key_after_a_slash_is_still_a_nir():
    assert spans("N° SÉCURITÉ SOCIALE : 1 9 8 0 3 5 9 3 5 8 _ 1 0 1 0\n", "NIR") == [
        "1 9 8 0 3 5 9 3 5 8 _ 1 0 1 0"]
    assert find_nir("Référence colis : 1 9 8 0 3 5 9 3 5 8 _ 1 0 1 0\n") == []
    assert spans("Conjoint : NIR 1841193152096 / 95\n", "NIR") == ["1841193152096 / 95"]


def test_a_nir_whose_key_is_in_the_next_column_of_an_export():
    row = "3;NOWAK;Sophie;1979-07-25;2790731343099;47;0589393227;CTM"
    assert spans(row, "NIR") == ["2790731343099;47"]


def test_a_mistyped_nir_is_still_a_nir_but_an_invoice_number_is_not():
    assert spans("Mon numéro de sécu est le 1 81 09 49 007 214 05.", "NIR") == ["1 81 09 49 007 214 05"]
    assert spans("Facture n° 181094900721405 du 3 mars.", "NIR") == []


@pytest.mark.parametrize("iban", ["FR76 1027 8060 5100 0204 5718 937", "FR7630003021400005037215097",
                                  "DE89 3704 0044 0532 0130 00"])
def test_iban_is_found_when_its_checksum_holds(iban):
    assert spans(f"Merci de verser sur l'IBAN {iban} à compter de mars.", "IBAN") == [iban]


def test_a_mistyped_iban_is_still_masked():
    text = "IBAN : FR76 1027 8060 5100 0204 5718 938"
    assert "".join(spans(text)).replace(" ", "") == "FR7610278060510002045718938"


@pytest.mark.parametrize("phone", ["06 72 18 45 93", "06.48.27.93.10", "0695128840", "+33 6 59 02 87 14",
                                   "+33 (0)6 27 81 90 42", "06-12-34-56-78", "06.3l.72.40.98",
                                   "0033 6 12 34 56 78", "+32 470 12 34 56", "+44 20 7946 0958"])
def test_phones_in_french_foreign_and_ocr_noisy_formats(phone):
    assert spans(f"Vous pouvez me joindre au {phone} en journée.", "PHONE") == [phone]


def test_switchboard_and_internal_extensions_are_not_personal_phones():
    text = "Standard : 02 40 41 90 00 ; poste 4512 ; fax 02 40 41 90 01."
    assert spans(text, "PHONE") == []


def test_a_direct_line_after_the_switchboard_on_the_same_line_is_a_persons():
    """« (standard) » names the number before it; the direct line or mobile after it is somebody's."""
    text = "Mairie : 05 59 58 35 35 (standard) – ligne directe 05.59.58.35.72 – portable pro 06 12 48 90 37"
    assert spans(text, "PHONE") == ["05.59.58.35.72", "06 12 48 90 37"]
    assert spans("> 02 48 53 06 00 (standard CTM) — Port. +33 7 81 60 25 14", "PHONE") == ["+33 7 81 60 25 14"]
    assert spans("Standard : 02 41 22 33 44 (accueil de la mairie)", "PHONE") == []


def test_a_foreign_number_with_its_country_code_in_brackets():
    assert spans("(+33) 6 52 47 81 90     (+40) 744 215 638", "PHONE") == ["(+33) 6 52 47 81 90",
                                                                        "(+40) 744 215 638"]


def test_functional_mailboxes_are_left_but_personal_ones_are_found():
    text = ("Écrivez à recrutement@ville-exemple.fr ou rh@ville-exemple.fr, copie à "
            "jean.dupuis@ville-exemple.fr et à la Gestion de la paie <gp@ville-exemple.fr>.")
    assert spans(text, "EMAIL") == ["jean.dupuis@ville-exemple.fr"]


def test_birth_dates_are_found_but_not_dates_of_effect():
    text = ("Mme Léa Girard, née le 3 août 1998, est nommée à compter du 1er septembre 2024 "
            "par arrêté du 12/06/2024. Son collègue, né en 1987, la remplace le 02/10/2024.")
    assert spans(text, "DATE_OF_BIRTH") == ["3 août 1998", "1987"]
    assert spans("Congé de naissance du 12 03 2024 au 15 03 2024.", "DATE_OF_BIRTH") == []


def test_matricule_value_without_its_label():
    assert spans("Agent : M. Paul Henry, matricule : A-07731, grade adjoint.", "AGENT_ID") == ["A-07731"]


def test_a_personal_address_is_found_below_the_employer_letterhead():
    text = ("Mairie de Bourg-Neuf\n2 place de la République\n61000 Alençon\n\n"
            "Monsieur Hugo Lenoir\n14 bis rue Victor Hugo\n61000 Alençon\n")
    # recall first: the employer's address may be masked too, the agent's never left out
    assert "14 bis rue Victor Hugo\n61000 Alençon" in spans(text, "ADDRESS")


def test_an_address_after_a_persons_name_on_its_line_is_theirs_even_under_a_letterhead():
    text = ("CCAS de Strasbourg – service des aides facultatives\n"
            "Demandeur : M. Sergueï IVANOV, né le 30/12/1969, 47 rue du Général de Gaulle, 67000 Strasbourg\n")
    assert spans(text, "ADDRESS") == ["47 rue du Général de Gaulle, 67000 Strasbourg"]


def test_a_street_without_a_number_needs_its_postcode_and_no_employer_above():
    assert spans("Mme Léa Morel\nrue du Stade\n97600 Mamoudzou\n06 39 98 12 41", "ADDRESS") == [
        "rue du Stade\n97600 Mamoudzou"]
    assert spans("Mairie de Lens\nService RH\nplace Jean Jaurès\n62300 Lens", "ADDRESS") == []
    assert spans("Rendez-vous rue du Stade à 14 h.", "ADDRESS") == []


def test_residence_commune_alone_needs_a_residence_context():
    text = "Domiciliée : 35000 Rennes. Poste basé à la Mairie de Vitré (35500)."
    assert spans(text, "POSTCODE_CITY") == ["35000 Rennes"]


@pytest.mark.parametrize("text, names", [
    ("Bonjour Samira, merci pour ton retour.", ["Samira"]),
    ("Réunion avec M. Le Bihan et Mme de La Fontaine.", ["Le Bihan", "de La Fontaine"]),
    ("Nom : FERREIRA DA SILVA\nPrénoms : João Pedro", ["FERREIRA DA SILVA", "João Pedro"]),
    ("Rédigé par L. Haddad et J.-P. Martin.", ["L. Haddad", "J.-P. Martin"]),
    ("Madame Jacqueline FAIVRE née GIRARDOT", ["Jacqueline FAIVRE", "GIRARDOT"]),
    ("Cordialement,\n\nThéo VAN DER MEERSCH", ["Théo VAN DER MEERSCH"]),
])
def test_person_names_in_their_french_shapes(text, names):
    assert spans(text, "PERSON") == names


def test_names_of_streets_schools_and_places_are_not_persons():
    text = ("Baccalauréat au lycée Marie Curie, stage au collège Jules Ferry, "
            "puis à la médiathèque Louise Michel, avenue du Général Leclerc à Saint-Étienne. "
            "Le Centre de gestion et la Mairie de Nantes ont validé. Monsieur le Maire signe.")
    assert spans(text, "PERSON") == []


def test_health_spans_follow_the_annotation_convention():
    text = ("Le médecin a diagnostiqué une hernie discale L4-L5 ; reprise en temps partiel "
            "thérapeutique. Elle est reconnue travailleuse handicapée (RQTH). "
            "Les troubles musculo-squelettiques du service ont baissé.")
    assert spans(text, "HEALTH") == ["hernie discale L4-L5", "temps partiel thérapeutique",
                                     "reconnue travailleuse handicapée (RQTH)"]


def test_union_membership_but_not_union_positions():
    text = ("Présents : Mme Solenn Le Gall (CGT), M. Yann Morvan, délégué syndical FO.\n"
            "Vote : 3 favorables (CFDT, FO), 2 défavorables (CGT). La CGT demande un report.")
    assert spans(text, "UNION") == ["CGT", "délégué syndical FO"]


@pytest.mark.parametrize("text, union", [
    ("Rappel : Nadia Ferreira, suppléante CFDT, siège au CST du 12.", "suppléante CFDT"),
    ("Délégué de liste CGT : Patrick Lemaire", "Délégué de liste CGT"),
    ("Il sera assisté de Mme Roux, conseillère désignée par le syndicat FO.",
     "conseillère désignée par le syndicat FO"),
    ("kevin m'a dit qu'il est syndiqué chez sud depuis l'an dernier", "syndiqué chez sud"),
])
def test_a_union_mandate_before_the_unions_name_is_a_membership_in_any_case(text, union):
    assert any(union in found for found in spans(text, "UNION"))     # the model may mask a little more


@pytest.mark.parametrize("text, union", [
    ("Représentants du personnel : M. Abdelkader Zaoui, titulaire CGT ; Mme Patricia Neveu, titulaire CFDT.",
     "titulaire CFDT"),
    ("Mme Océane Gaborit, titulaire, liste CFDT ; M. Quentin Brochard", "titulaire, liste CFDT"),
    ("2018 – 2022 : représentante du personnel (CFDT) au comité technique", "représentante du personnel (CFDT)"),
    ("celui de représentant du personnel élu sur la liste FO au comité social territorial",
     "représentant du personnel élu sur la liste FO"),
    ("c'est Nadia qui l'a remplacé, elle est à la CFDT je crois", "CFDT"),
    ("oui depuis lundi, elle est cgt maintenant", "cgt"),
    ("Matricule : 001289\nOrganisation syndicale : C.F.D.T.\nIntitulé de la formation", "C.F.D.T"),
    ("Mme Sissoko précise devant l'équipe qu'elle est syndiquée et qu'elle fera grève", "syndiquée"),
])
def test_a_mandate_on_a_list_a_membership_said_of_someone_or_a_forms_field_is_a_membership(text, union):
    assert any(union in found for found in spans(text, "UNION"))


@pytest.mark.parametrize("text, union", [
    ("Titulaires\nMme Virginie BOULANGER – CGT               M. Cédric LEMERCIER – FO\n", "FO"),
    ("madame kone pour la cfdt on conteste parce que la fiche de poste a changé", "cfdt"),
    ("g pa pu venir a la reu, tu sais que chui a la cfdt depuis janvier mnt lol", "cfdt"),
    ("elle fait son mi-temps thérapeutique, elle est aussi à la CFDT et s'en sert", "CFDT"),
    ("Mme Diallo a adhéré à FO en 2019 et siège depuis au CST.", "FO"),
    ("Tu veux que je prévienne Nadège de la CGT pour ton dossier ?", "CGT"),
    ("oui elle a pris sa carte à la cgt l'an dernier", "cgt"),
    ("autre chose : il est passé chez SUD, il sera notre rep", "SUD"),
])
def test_a_union_after_a_dash_spoken_for_or_joined_is_a_membership(text, union):
    assert union in spans(text, "UNION")


@pytest.mark.parametrize("members, unions", [
    ("Présents :\n- Marie-Rose Latchimy, CGT\n- Bruno Nativel, FO\n- Nadia Ibao, CFDT\n", ["CGT", "FO", "CFDT"]),
    ("NOM Prénom ; Service ; Liste\nDIOUF Mariama ; crèche ; CGT\nCOSTA Rui ; voirie ; FO\n", ["CGT", "FO"]),
    ("• Armelle PENNEC – infirmière, PMI de Quimperlé – SUD Solidaires\n", ["SUD Solidaires"]),
])
def test_a_union_alone_in_a_cell_of_a_members_row_is_their_membership(members, unions):
    assert spans(members, "UNION") == unions


def test_a_union_in_a_results_row_or_a_list_of_unions_is_no_ones():
    assert spans("Organisation ; Voix ; Sièges\nCGT ; 1 412 ; 4\nFO ; 700 ; 2\n", "UNION") == []
    assert spans("Destinataires : M. Paul Durand, DGS, CGT, FO, CFDT\n", "UNION") == []
    assert spans("Les représentants FO ont quitté la séance.", "UNION") == []
    assert spans("il est passé au sud de la commune hier ; on est bien autonomes", "UNION") == []
    assert spans("La réunion avec M. Dupont, la CGT, FO\n", "UNION") == []


def test_a_union_said_of_no_one_stays_in_clear():
    assert spans("La CFDT est à la table des négociations ; la CGT est contre.", "UNION") == []
    assert spans("La CGT a rejoint l'intersyndicale. Ordre du jour – FO : le RIFSEEP.", "UNION") == []


def test_a_lower_case_union_after_a_name_is_a_membership_but_the_south_is_not_a_union():
    assert "unsa" in spans("presents : mme girard (unsa), mr le bihan", "UNION")
    assert spans("Le responsable sud-ouest du réseau passera jeudi.", "UNION") == []


@pytest.mark.parametrize("text, names", [
    ("Ngozi Okafor a rejoint le service en mars.", ["Ngozi Okafor"]),
    ("Le dossier de Oluwaseun Adebayo est complet.", ["Oluwaseun Adebayo"]),
    ("Appeler M Dupuis en fin de journée.", ["Dupuis"]),
])
def test_names_no_list_knows_are_still_found(text, names):
    assert spans(text, "PERSON") == names


def test_software_companies_and_titles_are_not_persons():
    text = ("Formation au logiciel Berger Levrault et chez Sopra Steria, stage à la Mairie de "
            "Villeneuve Loubet. Le Directeur Général des Services et la Directrice des Ressources "
            "Humaines saisissent le Comité Social Territorial.")
    assert spans(text, "PERSON") == []


def test_foreign_phone_with_an_area_code_in_brackets():
    assert spans("Cell : +1 (514) 555-0199", "PHONE") == ["+1 (514) 555-0199"]


@pytest.mark.parametrize("text, expected", [
    ("Adresse : rue des Lilas, 56000 Vannes", [("ADDRESS", "rue des Lilas, 56000 Vannes")]),
    ("Il habite 12-14 rue Pasteur, 35000 Rennes.", [("ADDRESS", "12-14 rue Pasteur, 35000 Rennes")]),
    ("Écrire à jean.dupont [at] gmail [dot] com", [("EMAIL", "jean.dupont [at] gmail [dot] com")]),
    ("Date de naiss. : 12/03/1980 ; Mat. 45123", [("DATE_OF_BIRTH", "12/03/1980"),
                                                  ("AGENT_ID", "45123")]),
    ("Le médecin l'a déclaré inapte à la conduite de véhicules.",
     [("HEALTH", "inapte à la conduite de véhicules")]),
    ("Mme Claire Petit, adhérente à la CGT.", [("PERSON", "Claire Petit"),
                                               ("UNION", "adhérente à la CGT")]),
])
def test_less_usual_shapes(text, expected):
    assert [(f.label, text[f.start:f.end]) for f in detect(text)] == expected


def test_an_iban_of_its_countrys_length_is_masked_even_when_its_key_is_wrong():
    """A payroll export with a mistyped RIB: the number still identifies the agent's account."""
    row = "30118;FAVRE Lucien;FR76 1810 6000 3296 7152 8843 057;RIB non signé"
    assert spans(row, "IBAN") == ["FR76 1810 6000 3296 7152 8843 057"]
    assert spans("Réf. dossier FR12 3456 7890 : à traiter.", "IBAN") == []


@pytest.mark.parametrize("phone", ["O6 3l 47 8O l2", "O7.8O.l5.22.6l", "06 . 14 . 58 . 32 . 07", "O6 .5l .40 .8O .O9"])
def test_phones_read_by_ocr_or_spaced_around_their_dots(phone):
    """Scanned forms read 0 as O and 1 as l; a typist may put spaces around the dots."""
    assert spans(f"Tél. portable : {phone}", "PHONE") == [phone]


def test_a_telephone_number_dictated_in_words_is_a_telephone():
    text = "rappelez-moi au zéro six trente-neuf quatre-vingt-dix-huit douze quatorze seize merci"
    assert spans(text, "PHONE") == ["zéro six trente-neuf quatre-vingt-dix-huit douze quatorze seize"]
    assert spans("il a zéro un problème avec deux collègues", "PHONE") == []


@pytest.mark.parametrize("phone", ["zéro sept 62 dix-huit quatre-vingt-onze 05", "06 treize 48 soixante-dix 21",
                                   "zéro un, euh, quarante-quatre cinquante-deux 07 trente",
                                   "plus trente-trois six quinze vingt-huit quarante-quatre zéro neuf"])
def test_a_telephone_said_partly_in_words_and_partly_in_digits_is_a_telephone(phone):
    """Speech-to-text writes some pairs as digits, some as words, and keeps the « euh »."""
    assert spans(f"vous pouvez me rappeler au {phone} merci", "PHONE") == [phone]


def test_a_nir_or_a_matricule_dictated_in_words_is_masked_too():
    nir = "deux quatre-vingt-sept zéro neuf 31 cent cinq 208 soixante-quatre"  # 2 87 09 31 105 208 64
    assert spans(f"son numéro de sécu c'est le {nir} à vérifier", "NIR") == [nir]
    assert spans("matricule zéro zéro trois sept deux neuf pour la suite", "AGENT_ID") == [
        "zéro zéro trois sept deux neuf"]
    # numbers said in a sentence spell no telephone: a time, a room, a headcount
    assert spans("rdv le vingt-trois mars à quatorze heures trente salle douze, deux cent trente agents") == []


@pytest.mark.parametrize("text, nir", [
    # its key said after « clé »; « sécu » said on the line before
    ("vous pouvez me donner votre numéro de sécurité sociale\noui alors c'est un soixante-treize zéro neuf "
     "treize zéro cinquante-cinq trois cent un clé trente-cinq\net votre date de naissance",
     "un soixante-treize zéro neuf treize zéro cinquante-cinq trois cent un clé trente-cinq"),
    # Corsica said « deux a »; no « sécu » around, but a key said after « clé »
    ("ah pardon alors un quatre-vingt-six onze deux a zéro zéro quatre zéro soixante et onze clé "
     "cinquante-huit non ça c'est lui",
     "un quatre-vingt-six onze deux a zéro zéro quatre zéro soixante et onze clé cinquante-huit"),
    # a digit lost in the dictation: fourteen characters next to « sécu » are still the NIR
    ("mon numéro de sécu c'est le deux quatre-vingt-trois zéro trois deux a zéro zéro quatre cent dix-huit "
     "soixante-dix-sept je suis née le",
     "deux quatre-vingt-trois zéro trois deux a zéro zéro quatre cent dix-huit soixante-dix-sept")])
def test_a_nir_dictated_with_its_key_apart_or_from_corsica_is_masked_whole(text, nir):
    assert spans(text, "NIR") == [nir]


def test_an_iban_dictated_in_words_is_an_iban():
    iban = ("F R soixante-seize vingt zéro quatre dix dix zéro huit zéro quatre cinquante-six "
            "soixante-dix-huit quatre-vingt-dix douze trois cent soixante et onze")   # 25 digits after FR
    assert spans(f"son iban c'est {iban} montant versé en mars", "IBAN") == [iban]


def test_a_name_spelled_letter_by_letter_is_a_person_but_an_acronym_is_not():
    assert spans("vous pouvez épeler ? oui A N D R I A N A R I V E L O merci", "PERSON") == [
        "A N D R I A N A R I V E L O"]
    assert spans("il est à la C G T depuis 2019", "PERSON") == []


def test_a_telephone_said_with_pauses_is_a_telephone():
    text = "c'est le zéro sept… quatre-vingt-deux… trente, onze, zéro cinq merci"
    assert spans(text, "PHONE") == ["zéro sept… quatre-vingt-deux… trente, onze, zéro cinq"]


def test_a_nir_read_without_its_key_is_still_a_nir():
    assert spans("mon numéro de sécu c'est le 2881133063512 clé 37, je te renvoie", "NIR") == [
        "2881133063512 clé 37"]
    assert spans("sécu : 2 88 11 33 063 512", "NIR") == ["2 88 11 33 063 512"]
    # without a key nor « sécu » around, 13 digits are not read as a NIR by this rule
    assert find_keyless_nir("Facture 1881133063512 réglée.") == []


def test_an_export_column_of_iso_birth_dates_and_an_abbreviated_matricule_column_are_personal():
    export = ('"Nom";"Prénom";"Date naissance";"Commune"\n"MARTIN";"Pierre-Yves";"1985-03-12";"Paris"\n')
    assert spans(export, "DATE_OF_BIRTH") == ["1985-03-12"]
    table = "Mat.  | Agent              | Service\n0117  | HAEFFELIN Mathieu  | Déchets\n"
    assert spans(table, "AGENT_ID") == ["0117"]


def test_a_home_named_by_its_building_parts_and_its_postcode_is_an_address():
    visit = "Nous nous rendons au bâtiment C de la résidence Les Tilleuls, 3e étage, appartement 31, 59000 Lille."
    assert spans(visit, "ADDRESS") == ["bâtiment C de la résidence Les Tilleuls, 3e étage, appartement 31, 59000 Lille"]
    assert spans("Mme Said\nBP 412\n97640 Sada\nMayotte", "ADDRESS") == ["BP 412\n97640 Sada"]
    assert spans("né à Agen (Lot-et-Garonne), 47000 Agen", "ADDRESS") == []


def test_a_lieu_dit_in_a_letters_recipient_block_is_an_address():
    letter = "Madame Anne-Claire du PLESSIS-KERGOAT\nLe Haut-Bois\n49120 Chemillé-en-Anjou\n\nObjet : votre demande"
    assert spans(letter, "ADDRESS") == ["Le Haut-Bois\n49120 Chemillé-en-Anjou"]
    office = "Madame la Directrice\nService des ressources humaines\n29200 Brest\n\nObjet : candidature"
    assert spans(office, "ADDRESS") == []


def test_a_place_name_above_a_postcode_in_a_contact_block_is_an_address():
    header = "Anne-Claire du PLESSIS-KERGOAT\nLe Haut-Bois\n49120 Chemillé-en-Anjou\n+33 (0)6 07 45 92 18"
    assert spans(header, "ADDRESS") == ["Le Haut-Bois\n49120 Chemillé-en-Anjou"]


def test_a_health_word_is_matched_as_a_whole_word_only():
    assert spans("Mme Le Floc'h, résidant actuellement à Brest, a écrit.", "HEALTH") == []


def test_a_span_opening_a_bracket_closes_it():
    text = "M. Paul Henry est représentant du personnel au CST (liste CFDT) depuis 2023."
    assert all(s.count("(") == s.count(")") for s in spans(text))


def test_short_forms_of_first_names_in_a_chat_are_names():
    chat = "Sev : Les filles, Chloé est malade\nKarim : ok je préviens\nje mets mickael avec seb."
    assert {"Sev", "seb"} <= set(spans(chat, "PERSON"))


def test_a_police_grade_abbreviation_introduces_a_name():
    assert spans("équipage sur place (APM Rey et APM Kowalczyk).", "PERSON") == ["Rey", "Kowalczyk"]


def test_a_services_number_said_so_after_it_is_not_a_persons_number():
    assert spans("N'hésitez pas à me rappeler au 02 97 02 23 00 (standard), poste 31.", "PHONE") == []
    assert spans("Mme Roux, joignable en astreinte au 06 80 52 17 33.", "PHONE") == ["06 80 52 17 33"]


def test_a_grade_in_brackets_and_a_rota_word_are_not_names_but_initials_are():
    rota = "N. ALLAIN (EJE), dir. | 8h-16h\nS. KOUASSI | REPOS\nsuivi psychologique (GB, 6 séances)"
    found = spans(rota, "PERSON")
    assert "EJE" not in found and "REPOS" not in found


def test_a_mailbox_named_by_ordinary_words_is_a_services_but_a_name_or_a_private_provider_is_personal():
    text = ("Écrire à inscriptions.scolaires@merignac.fr ou conseil.medical@cdg33.fr ; "
            "copie à paul.martin@merignac.fr, kiki.974@hotmail.fr et j.dupont@mairie-vannes.local.")
    assert spans(text, "EMAIL") == ["paul.martin@merignac.fr", "kiki.974@hotmail.fr", "j.dupont@mairie-vannes.local"]


def test_an_address_on_a_reserved_domain_is_still_an_address():
    assert spans("From: tiphaine.lambert <tiphaine.lambert@orange.example>", "EMAIL") == [
        "tiphaine.lambert@orange.example"]


def test_the_address_of_a_place_named_just_before_it_is_not_a_persons():
    assert spans("Entraînement au gymnase Marcel Cerdan, 14 avenue du Général Leclerc, 73800 Montmélian.",
                 "ADDRESS") == []
    assert spans("Mme Colin, domiciliée au 14 avenue du Général Leclerc, 73800 Montmélian.", "ADDRESS") == [
        "14 avenue du Général Leclerc, 73800 Montmélian"]


@pytest.mark.parametrize("address", ["franck.blanc@angers.fr", "florence.page@cdg49.fr", "reine.lune@voila.fr"])
def test_a_mailbox_whose_words_are_also_names_stays_personal(address):
    assert spans(f"Écrire à {address} avant lundi.", "EMAIL") == [address]


@pytest.mark.parametrize("text", ["Joignable au 06 12 34 56 78 (du lundi au vendredi)",
                                  "M. Dupont, élu, permanence : 06 12 34 56 78",
                                  "Astreinte : 06 12 34 56 78 (24h/24)",
                                  "Personne à prévenir en cas d'urgence : 06 12 34 56 78",
                                  "M. Paul Martin, directeur du CCAS, portable : 06 12 34 56 78"])
def test_a_mobile_number_is_somebodys_whatever_is_said_around_it(text):
    assert spans(text, "PHONE") == ["06 12 34 56 78"]


def test_an_unknown_word_in_brackets_may_be_a_surname_and_stays_masked():
    assert "JHA" in spans("Mme Tiwari (JHA) est absente.", "PERSON")


def test_health_words_keep_their_plurals():
    assert spans("Elle a deux enfants malentendants et souffre de leucémies à répétition.", "HEALTH")


def test_a_home_after_a_room_word_is_still_a_home():
    assert spans("Sa mère, en maison de retraite Les Tilleuls, 12 rue des Lilas, 49000 Angers.", "ADDRESS")


@pytest.mark.parametrize("text, birth_date", [
    ("Né(e) le : 2 9 / 0 5 / 1 9 8 7   à : Kumasi", "2 9 / 0 5 / 1 9 8 7"),    # a form's boxes
    ("Date de naissance : l7/O9/l979", "l7/O9/l979"),                       # read by OCR
    ("Date de naissance : 1981-O4-l9", "1981-O4-l9"),                       # ISO read by OCR
    ("né le 2l rnai 1990 à Brest", "2l rnai 1990"),                          # « m » read as « rn »
    ("DATE DE NAISSANCE : 3 JANV 1979", "3 JANV 1979"),
    ("DDN : 1998-06-21", "1998-06-21"),
    ("M. Luciani, né à Corte (Haute-Corse) le 3 mai 1956, demeurant", "3 mai 1956"),
    ("Date de naissance (jj/mm/aaaa) : 18/04/2002", "18/04/2002"),          # the form says how to write it
    ("Date de naissance : 23 07 1999       Sexe : M", "23 07 1999"),           # blanks for slashes
    ("Date de naissance : 2 7 0 9 1 9 5 7     Commune", "2 7 0 9 1 9 5 7"),    # one box per digit
])
def test_a_birth_date_in_the_shapes_forms_and_scans_give_it(text, birth_date):
    assert spans(text, "DATE_OF_BIRTH") == [birth_date]


@pytest.mark.parametrize("phone", ["06 / 58 / 74 / 11 / 02", "06/23/45/11/90", "06 O3 5l 2 8 44",
                                   "o6 47 3o 22 18"])
def test_a_phone_written_with_slashes_or_read_by_ocr_in_odd_groups(phone):
    assert spans(f"Tél. portable : {phone}", "PHONE") == [phone]


@pytest.mark.parametrize("text, mailbox", [
    ("COORDONNÉES\njerome.hautecoeur\n@protonmail.com\n06 03 27 81 54", "jerome.hautecoeur\n@protonmail.com"),
    ("Courriel : helene.vdberghe@\nproton.me\n\nQuotient familial", "helene.vdberghe@\nproton.me"),
    ("Usager : Paulo Ferreira paulo.ferreira.\n83@hotmail.fr", "paulo.ferreira.\n83@hotmail.fr"),
    ("j'ai envoyé un mail à fofana.awa@laposte,net mais rien", "fofana.awa@laposte,net"),
    ("O6 86 52 l3 07 - yann.lefloch29@gmail.c0m\n37 ans", "yann.lefloch29@gmail.c0m"),
])
def test_a_mailbox_wrapped_over_two_lines_or_misread_is_still_a_mailbox(text, mailbox):
    assert spans(text, "EMAIL") == [mailbox]


@pytest.mark.parametrize("said", ["t ndiaye soixante quinze arobase gmail point com",
                                  "claude tiret marie tiret sainte arobase orange point fr",
                                  "m a point delavillardiere arobase orange point fr"])
def test_a_mailbox_said_aloud_is_masked_from_its_first_word(said):
    assert spans(f"son adresse mail c'est {said} il sera accompagné", "EMAIL") == [said]


def test_a_date_with_slashes_is_not_a_phone():
    assert spans("Réunion du 01/02/2023 14 agents présents", "PHONE") == []


@pytest.mark.parametrize("address", ["thomas.nguyen83 arobase gmail point com",
                                     "julien . barre @ mairie-lorient . fr", "lea.fontaine.85 @ orange.fr",
                                     "maelys point kerjean arobase laposte point net", "t.ndiaye77 at gmail dot com"])
def test_an_email_typed_or_dictated_to_escape_robots_is_still_an_email(address):
    assert spans(f"son adresse perso {address} merci", "EMAIL") == [address]
    assert spans("on se voit at 5 point final", "EMAIL") == []


def test_a_nir_read_by_ocr_is_found_when_its_key_holds_read_back_as_digits():
    assert spans("N° Sécurité sociale : l69O744l84lO75l", "NIR") == ["l69O744l84lO75l"]


def test_matricules_with_letters_between_digits_or_after_a_short_label():
    assert spans("Matricule 57-CCAS-0913 ; dossier de M. Bouvier (mat 7712)", "AGENT_ID") == \
        ["57-CCAS-0913", "7712"]


def test_a_csv_export_with_quoted_cells_and_a_vertical_export_mark_their_personal_columns():
    csv = ('"matricule","nom","nom_naiss","prenom","date_naiss"\n'
           '"30218","FAIVRE","GIRARDOT","Jacqueline","1979-04-02"\n')
    assert spans(csv) == ["30218", "FAIVRE", "GIRARDOT", "Jacqueline", "1979-04-02"]
    database_names = '"id_agent","nom_usage","prenom"\n"30219","SANTONI","Laetitia"\n'
    assert spans(database_names) == ["30219", "SANTONI", "Laetitia"]
    assert spans("nom;jovanović\nprenom;dragana\ndate_naissance;1977-03-30\n") == \
        ["jovanović", "dragana", "1977-03-30"]


def test_a_union_column_marks_each_members_union_but_not_an_elections_results():
    export = ("Agent\tGrade\tSyndicat\nRibeiro Carlos\tadjoint technique\tCGT\n"
              "Morel Isabelle\trédacteur\tFO\n\n"
              "Organisation syndicale | Voix | Sièges\nCGT | 1 412 | 4\nFO | 700 | 2\n")
    assert spans(export, "UNION") == ["CGT", "FO"]


@pytest.mark.parametrize("text, health", [
    ("Il est sous anticoagulants depuis son opération.", "sous anticoagulants"),
    ("Elle bénéficie d'un suivi psychiatrique depuis 2021.", "suivi psychiatrique"),
    ("M. X a eu une greffe de rein l'an dernier.", "greffe de rein"),
])
def test_a_treatment_names_an_illness_as_surely_as_its_name(text, health):
    assert health in spans(text, "HEALTH")


def test_the_registry_of_a_court_is_not_a_transplant():
    assert spans("Renseignements pris auprès du greffe du tribunal.", "HEALTH") == []


@pytest.mark.parametrize("text, address", [
    ("Adresse : 12 sente aux Matelots\n76370 Neuville-lès-Dieppe", "12 sente aux Matelots\n76370 Neuville-lès-Dieppe"),
    ("Il demeure 4 ch. des Vignes, 26000 Valence.", "4 ch. des Vignes, 26000 Valence"),
    ("Elle habite 3 imp des Mésanges 44470 Carquefou", "3 imp des Mésanges 44470 Carquefou"),
])
def test_street_words_and_their_usual_abbreviations(text, address):
    assert address in spans(text, "ADDRESS")


def test_a_street_word_inside_another_word_is_no_street():
    text = "l'enfant, demeurant à 20250 Corte, qui présente une varicelle, et 25 pl disponibles."
    assert all("présente" not in span for span in spans(text, "ADDRESS"))


@pytest.mark.parametrize("text, birth_date", [
    ("madame aurore lemaire nee le quatorze juin quatre vingt cinq", "quatorze juin quatre vingt cinq"),
    ("il est né en soixante dix sept, il habite à Brest", "soixante dix sept"),
    ("né le premier mai deux mille deux.", "premier mai deux mille deux"),
])
def test_a_birth_date_dictated_in_words_is_a_birth_date(text, birth_date):
    assert spans(text, "DATE_OF_BIRTH") == [birth_date]


def test_a_long_pasted_text_of_blanks_and_dots_is_read_in_linear_time():
    """Hostile or broken pastes: a label followed by 50,000 blanks, 25,000 « a . » (each was a
    quadratic scan for a pattern) are read in seconds, not minutes."""
    import time
    for text in ["nom adresse tel naissance syndicat matricule" + " " * 50_000 + "x\n", "a . " * 12_500]:
        started = time.perf_counter()
        detect(text)
        assert time.perf_counter() - started < 15


@pytest.mark.parametrize("text", ["Congé de naissance à compter du 3 mars, reprise le 12/04/2025",
                                  "Déclaration de naissance à faire en mairie le 04/05/2025"])
def test_a_date_after_a_birth_formality_is_no_birth_date(text):
    assert spans(text, "DATE_OF_BIRTH") == []


@pytest.mark.parametrize("address", ["jean..dupont@gmail.com", "marie.durand.@orange.fr"])
def test_a_mistyped_mailbox_stays_masked(address):
    assert spans(f"Écrire à {address} avant lundi.", "EMAIL")


def test_an_organisation_column_of_unions_and_a_year_of_birth_column_are_personal():
    reps = ("college;nom;prenom;organisation;affectation\n"
            "personnel;LE GALL;Maëlle;CFDT;Crèche des Lilas\npersonnel;DIOP;Amadou;FO;Voirie\n")
    assert spans(reps, "UNION") == ["CFDT", "FO"]
    suppliers = "Fournisseur;Organisation;Montant\nDUPONT SARL;Mairie de Vannes;1 200 €\n"
    assert spans(suppliers, "UNION") == []
    residents = '"Nom";"Prénom";"Naissance";"Logement"\n"ROUX";"Odette";"1934";"Foyer Les Tilleuls"\n'
    assert spans(residents, "DATE_OF_BIRTH") == ["1934"]


def test_a_union_column_in_a_row_numbered_by_matricule_or_named_after_is_a_membership():
    assert spans("Matricule;Syndicat;Heures\n4512;FO Territoriaux;12\n", "UNION") == ["FO Territoriaux"]
    assert spans("| Syndicat | Agent |\n| CFDT Interco | Dupont Jean |\n", "UNION") == ["CFDT Interco"]


def test_two_addresses_in_one_span_are_both_kept():
    text = "Demeurant 3 rue des Lilas 35000 Rennes ou 8 rue Haute 56000 Vannes selon la semaine"
    assert "8 rue Haute" in " ".join(spans(text, "ADDRESS"))


def test_building_words_repeated_without_an_address_are_read_at_once():
    """« bâtiment a, » repeated was split every possible way between building parts: 1 KB hung it."""
    assert spans("bâtiment a, " * 300, "ADDRESS") == []


def test_the_list_a_person_was_elected_on_is_their_union():
    text = "Sont élus : M. Marc Warin (liste CGT) et Mme Christelle Ancelin (liste FO). Votes : 3 (CGT)."
    assert spans(text, "UNION") == ["liste CGT", "liste FO"]


def test_an_address_whose_postcode_and_city_are_the_next_columns_of_an_export_is_one_address():
    export = "nom;prenom;adresse;cp;ville\nMEZIANE;Sofiane;4 rue des Glycines;31200;Toulouse\n"
    assert spans(export, "ADDRESS") == ["4 rue des Glycines;31200;Toulouse"]


def test_a_name_spelled_in_lower_case_after_it_was_said_is_a_person():
    """Speech-to-text writes a spelled name in lower case; letters that spell no word said before
    (« un a b c d sur la porte ») are not a name."""
    text = "je m'appelle katarzyna wiśniewska je répète w i s n i e w s k a c'est pour ma mère"
    assert "w i s n i e w s k a" in spans(text, "PERSON")
    assert spans("il y a un a b c d sur la porte", "PERSON") == []


def test_an_iban_read_by_ocr_and_a_telephone_in_a_forms_boxes_are_found_when_they_hold():
    assert spans("Virement : FR76 3OOO 2OO5 5OOO OO7l 2345 626\n", "IBAN") == ["FR76 3OOO 2OO5 5OOO OO7l 2345 626"]
    assert spans("Tél. portable : 0│7│6│6│1│2│0│5│8│4\n", "PHONE") == ["0│7│6│6│1│2│0│5│8│4"]


def test_a_list_of_given_names_is_one_span():
    text = "Nom : LE BIHAN\nPrénoms : Gwenaëlle, Marie, Annick\nDate de naissance : 02/11/1978\n"
    assert "Gwenaëlle, Marie, Annick" in spans(text, "PERSON")


@pytest.mark.parametrize("phone", ["07 52 .. 38 .. 11 .. 69", "06 – 18 – 27 – 44 – 90", "05 34 33 ·· 47 ·· 80",
                                   "0 6 . 5 2 . 1 8 . 9 3 . 4 1", "00 221 77 654 32 10"])
def test_a_telephone_with_marks_between_its_pairs_or_an_international_prefix_spaced_is_a_telephone(phone):
    assert spans(f"appelez-moi au {phone} merci", "PHONE") == [phone]



@pytest.mark.parametrize("text, names", [
    ("Nom : HOARAU        Prénom(s) : Noa, Louis, Tiavina\nDate de naissance", ["HOARAU", "Noa, Louis, Tiavina"]),
    ("Prénoms demandés : Daniel, Chukwuemeka\nNé le : 30 avril 2001", ["Daniel, Chukwuemeka"]),
    ("enfant1_nom;MARTIN\nenfant1_prenom;Ezinne\nenfant1_date_naissance;2017-05-02", ["MARTIN", "Ezinne"]),
])
def test_every_given_name_after_its_label_or_export_key_is_a_name_however_rare(text, names):
    assert spans(text, "PERSON") == names


def test_initials_that_sign_a_message_are_a_person_but_not_a_usual_abbreviation():
    assert spans("Merci de faire le nécessaire pour la paie de juin.\nDF", "PERSON") == ["DF"]
    assert spans("pouvez-vous confirmer ?\nD.F.\n\n-----Message d'origine-----\nDe : x", "PERSON") == ["D.F."]
    assert spans("Merci pour tout.\nPS", "PERSON") == []


def test_an_unticked_box_a_services_mailbox_or_name_is_no_health_data():
    form = "Nature :  ☒ accident de service   ☐ accident de trajet   ☐ maladie professionnelle"
    assert spans(form, "HEALTH") == ["accident de service"]
    assert spans("Cc : handicap@valdemarne.fr\nObjet : Mission handicap et maintien dans l'emploi", "HEALTH") == []


def test_a_sentence_ending_above_a_mailbox_is_not_part_of_it():
    assert spans("Merci de vous adresser à l'accueil.\nmarie.dupont@gmail.com", "EMAIL") == ["marie.dupont@gmail.com"]
    assert spans("il faut envoyer le dossier complet jean point martin arobase gmail point com", "EMAIL") \
        == ["jean point martin arobase gmail point com"]


def test_a_labels_next_field_an_export_keys_other_columns_and_abbreviations_are_no_names():
    assert spans("Prénom : Jean, Matricule : 12345", "PERSON") == ["Jean"]
    assert spans("nom_service;Enfance Jeunesse", "PERSON") == []
    for signature in ("Cordialement.\nPMI", "Merci pour tout.\nP.S.\n\nSuite", "partie.\n\nII.\n\nSuite"):
        assert spans(signature, "PERSON") == []


@pytest.mark.parametrize(("text", "phone"), [
    ("Tél. : 07 59 .. 44 12 (numéro donné oralement)", "07 59 .. 44 12"),
    ("Il a laissé un numéro aux intervenantes : 06 39 98 90 ??.", "06 39 98 90 ??"),
    ("Coordonnées mises à jour : port. 06 39 98 ’03 ’17 (ancien n° résilié)", "06 39 98 ’03 ’17"),
    ("Tél. portable : 06 39 98 77 1 (un chiffre manque ?)", "06 39 98 77 1"),
    ("Tél. déclaré : 6 39 98 05 5 (numéro incomplet).", "6 39 98 05 5"),
    ("Tél : +33 (O)6 39 98 7O l2   Fixe : néant", "+33 (O)6 39 98 7O l2"),
    ("Sonia Hamdani\n06 39 98 / 31 88 79 (nouveau numéro depuis mai)", "06 39 98 / 31 88 79"),
])
def test_a_telephone_left_as_people_leave_it_is_masked(text, phone):
    """A digit missing or one too many, a stray mark, unknown digits, OCR letters: after the word
    for a telephone, or as a mobile's shape, it is still somebody's number."""
    assert phone in spans(text, "PHONE")


@pytest.mark.parametrize("text", [
    "Réunion le 06 12 2024 à 14 h en salle 3.",
    "N° de sécurité sociale : 2 84 06 99 088 012 61",
    "Délibération n° 06 12 15 22 du conseil municipal",
    "Semaine 2 : 06/01 - 12/01, astreinte de M. Roux",
    "Lundi | 07.30-12.00 | 13.30-16.30",
    "Astreinte semaine 06-07 / 12-13",
    "Numéro de dossier : 06 45 12 88",
    "Part fixe : 7 245.50 €",
    "Tél. : 04 72 10 30 3 (standard)",
])
def test_a_loose_number_that_is_no_telephone_stays(text):
    assert spans(text, "PHONE") == []


def test_a_number_said_with_pauses_is_a_telephone():
    text = "rappelez-moi au zéro quatre... soixante-cinq... soixante et onze... euh... vingt... trente-trois. C'est au foyer"
    assert spans(text, "PHONE") == ["zéro quatre... soixante-cinq... soixante et onze... euh... vingt... trente-trois"]


def test_words_of_length_or_degree_alone_are_no_health_data():
    """« congé de longue maladie » is health; « une très longue note » is a request for a long note."""
    assert spans("Une très longue note, s'il te plaît.", "HEALTH") == []
    assert spans("Mme Durand est en congé de longue maladie depuis mars.", "HEALTH") == ["congé de longue maladie"]


def test_a_mobile_said_without_its_leading_zero_or_a_foreign_number_said_after_plus_is_a_telephone():
    said = ("Vous pouvez me donner votre numéro pour le groupe d'astreinte ?\n"
            "oui c'est le six quarante-sept trente-trois zéro zéro quatre-vingt-un")
    assert spans(said, "PHONE") == ["six quarante-sept trente-trois zéro zéro quatre-vingt-un"]
    foreign = "ma famille au vietnam c'est le plus quatre-vingt-quatre neuf zéro trois deux cent dix-sept quatre cent quatre-vingt-six merci"
    assert spans(foreign, "PHONE") == ["plus quatre-vingt-quatre neuf zéro trois deux cent dix-sept quatre cent quatre-vingt-six"]
    assert spans("il a soixante-sept ans et six petits-enfants", "PHONE") == []


def test_a_mailbox_read_by_ocr_or_said_with_its_suffix_spelled_is_found():
    assert spans("Ernai1 : kadi.barnba3l@gmai1.corn", "EMAIL") == ["kadi.barnba3l@gmai1.corn"]
    said = ("c'est arnaud point etchebarne arobase orange point f r je répète arnaud point etchebarne "
            "at orange point fr ou par courrier")
    assert spans(said, "EMAIL") == ["arnaud point etchebarne arobase orange point f r",
                                    "arnaud point etchebarne at orange point fr"]
    assert spans("on se voit at 5 point final", "EMAIL") == []


def test_an_iban_in_a_forms_boxes_is_found_and_the_bic_beside_it_is_nobody():
    text = ("IBAN : F R 7 6   3 0 0 0   4 0 0 8   1 7 0 0   0 1 2 3   4 5 6 7   8 1 2\n"
            "BIC : B N P A F R P P X X X")
    assert spans(text) == ["F R 7 6   3 0 0 0   4 0 0 8   1 7 0 0   0 1 2 3   4 5 6 7   8 1 2"]


@pytest.mark.parametrize("text, address", [
    ("Mme Awa Diallo\n12 rue des Lilas\n1050 Ixelles\nBelgique\n\nMadame,", "12 rue des Lilas\n1050 Ixelles\nBelgique"),
    ("Adresse : 3 chemin du Moulin, 1266 Duillier (VD)\nTél", "3 chemin du Moulin, 1266 Duillier (VD)"),
    ("Il habite 5 rue Victor Hugo, 97110 Pointe-à-Pitre (Guadeloupe) depuis 2019.",
     "5 rue Victor Hugo, 97110 Pointe-à-Pitre (Guadeloupe)"),
    ("Adresse : 8 rue Haute, 75011 Paris (fictif)", "8 rue Haute, 75011 Paris"),
])
def test_the_country_or_region_after_a_postcode_belongs_to_the_address(text, address):
    assert spans(text, "ADDRESS") == [address]


@pytest.mark.parametrize("text, phone", [
    ("M. Willy Zénon\ntél. O69O 3O 42 ll\n", "O69O 3O 42 ll"),                 # more OCR letters than digits
    ("Téléphone : O69O 5l 7B 24", "O69O 5l 7B 24"),                            # B for 8
    ("mon nouveau num c le 06 8S 82 23 97 ok", "06 8S 82 23 97"),              # S for 5
    ("tél zero6 12 34 9O 7l ← pas sûr", "zero6 12 34 9O 7l"),                  # « zero » typed for the 0
])
def test_a_telephone_read_by_ocr_after_the_word_for_it_is_found(text, phone):
    assert spans(text, "PHONE") == [phone]


def test_a_pause_between_dictated_numbers_ends_each_number():
    said = "son numéro c'est le zéro six, vingt-trois, cinquante, quarante, un, un"
    assert spans(said, "PHONE") == ["zéro six, vingt-trois, cinquante, quarante, un, un"]


@pytest.mark.parametrize("text, health", [
    ("DUPONT Marie   ATSEM PPAL 1CL   CONGE LONGUE DUREE   49260", "CONGE LONGUE DUREE"),     # an export's words
    ("Mise en disponibilité d'office pour raison de santé de M. Paul Morin.",
     "disponibilité d'office pour raison de santé"),
    ("sabrina c'est pas elle qui est en congé mat ?", "congé mat"),
])
def test_medical_positions_written_as_exports_and_colleagues_write_them_are_health(text, health):
    assert health in spans(text, "HEALTH")


@pytest.mark.parametrize("text", [
    "Né(e) le : O4/l1/l987  à : Kaolack (Sénégal)",
    "Lieu de naissance : Łódź (Pologne)",
    "Fait à Évry-Courcouronnes, le 14/02/2024",
    "Réunion avec le maire de Cuttoli-Corticchiato",
    "Sexe :  [ ] Masculin  [X] Féminin",
])
def test_a_town_named_by_its_context_and_a_forms_options_are_nobody(text):
    assert spans(text, "PERSON") == []


def test_a_person_after_a_commune_is_still_a_person():
    assert spans("La ville de Nantes recrute Marie Durand.", "PERSON") == ["Marie Durand"]


def test_a_venue_word_abbreviated_or_hyphened_still_names_a_venue_not_a_person():
    from collectivia.privacy.recognizers.persons import venue_before
    text = "Très apprécié des riverains av. Anatole France, et du rond-point Charles de Gaulle."
    assert venue_before(text, text.index("Anatole")) and venue_before(text, text.index("Charles"))
    sentence = "On s'est vus au stade. Marie Durand était là."
    assert not venue_before(sentence, sentence.index("Marie"))


@pytest.mark.parametrize("text, address", [
    ("elle habite a mons en belgique (rue de la grande triperie 14 bte 3, 7000 mons)",
     "rue de la grande triperie 14 bte 3, 7000 mons"),
    ("Adresse : Chemin du Moulin 3, 1266 Duillier", "Chemin du Moulin 3, 1266 Duillier"),
])
def test_an_address_written_number_after_street_with_a_four_digit_postcode_is_found(text, address):
    assert spans(text, "ADDRESS") == [address]


def test_what_a_review_found_the_new_number_rules_must_not_do():
    said = "mon portable c'est le zéro sept, trente… et un, douze, cinquante, quatre-vingt-dix"
    assert spans(said, "PHONE") == ["zéro sept, trente… et un, douze, cinquante, quatre-vingt-dix"]
    budget = ("Pour le joindre, appeler le standard. Le budget passe à sept cent vingt-trois, "
              "quatre cent cinquante-six, sept cent quatre-vingt-neuf")
    assert spans(budget, "PHONE") == []
    assert spans("Port. 06 12 34 56 78 - B. Martin", "PERSON") == ["B. Martin"]
    assert spans("Allocation de naissance (CAF) : 15 06 2023", "DATE_OF_BIRTH") == []
    assert spans("M. Paul Dupont\n12 rue des Lilas\n33000 Bordeaux\n(Mutation souhaitée)", "ADDRESS") == [
        "12 rue des Lilas\n33000 Bordeaux"]


@pytest.mark.parametrize("text, number", [
    ("Tél : 07 52 16\n39 84", "07 52 16\n39 84"),
    ("Contact en cas d'absence : O7 8l 26\n55 O9", "O7 8l 26\n55 O9"),
])
def test_a_number_the_line_broke_in_two_is_one_number(text, number):
    assert spans(text, "PHONE") == [number]


def test_two_numbers_on_two_lines_stay_two_numbers():
    assert spans("06 12 34 56 78\n06 98 76 54 32", "PHONE") == ["06 12 34 56 78", "06 98 76 54 32"]
