"""What leaked before the detector was trained, one reported case per test.

Each sentence below is a shape of personal data that reached a model on text
nobody had tuned on (issue « Confidentialité »). A value counts as protected
when every character of it lies inside a finding: of any label for identifiers
(what matters is that it does not leave), of the expected label for health and
union membership (the assistant blocks those).
"""

from __future__ import annotations

import pytest

from collectivia.privacy.engine import detect


def protected(text: str, value: str, label: str | None = None) -> bool:
    start = text.index(value)
    covered = set()
    for f in detect(text):
        if label in (None, f.label):
            covered.update(range(f.start, f.end))
    return all(i in covered for i in range(start, start + len(value)) if not text[i].isspace())


@pytest.mark.parametrize("text, value", [
    ("Mme Inès Carvalho\nRésidence Les Glycines, Bât. C, Esc. 2, Appt 14\n12 rue des Lilas\n"
     "69100 Villeurbanne", "Bât. C, Esc. 2, Appt 14"),
    ("Monsieur Jean Bouchet\nLieu-dit La Borie Haute\n12500 Espalion", "La Borie Haute"),
    ("Adresse actuelle : Foyer Adoma, chambre 112, 59000 Lille", "Foyer Adoma, chambre 112"),
    ("Aïssatou DIOP\nRés. Le Clos Fleuri, appt 7 – 44800 Saint-Herblain\n06 12 44 87 90",
     "Rés. Le Clos Fleuri, appt 7"),
    ("Bilal SAÏDI\nRésidence Yves Farge, 9 rue des Tulipes, 33130 Bègles - 06 39 98 25 97 - "
     "bilal@example.com", "Résidence Yves Farge, 9 rue des Tulipes"),
    ("Zaïnaba ATTOUMANI\nAssistante administrative\n\nVillage de Cavani, rue du Stade\n97600 Mamoudzou",
     "Village de Cavani, rue du Stade\n97600 Mamoudzou"),
    ("Je vis chemin des Vignes, 84000 Avignon, depuis 2019.", "chemin des Vignes, 84000 Avignon"),
])
def test_addresses_without_a_street_number_or_over_several_lines(text, value):
    assert protected(text, value)


@pytest.mark.parametrize("text, value", [
    ("salut, tu peux dire à karim benali de me rappeler ?", "karim benali"),
    ("Candidat : B0UCHARD Mathi1de, 12 ans d'expérience", "B0UCHARD Mathi1de"),
    ("Prénoms : Marie, Anne, Louise", "Anne"),
    ("Réunion avec Mme Nguyen Thi Lan et M. dos Santos.", "Nguyen Thi Lan"),
    ("Présents :\n- Dupuis\n• Ngo\n- Mme Ferreira", "Ngo"),
    ("Compte rendu rédigé par J.-M. K.", "J.-M. K."),
    ("Bien à vous,\n\nSoizic Le Guen\nAdjointe au maire", "Soizic Le Guen"),
])
def test_names_in_the_shapes_that_leaked(text, value):
    assert protected(text, value)


def test_a_social_security_number_with_spaces_in_running_prose():
    text = "Pour la mutuelle mon numéro de sécu c'est le 2 85 07 75 123 456 78 merci"
    assert protected(text, "2 85 07 75 123 456 78")


@pytest.mark.parametrize("text, value", [
    ("Mme Durand est enceinte, il faut adapter son poste.", "enceinte"),
    ("Je suis en arrêt maladie jusqu'à vendredi.", "arrêt maladie"),
    ("M. Ortiz est atteint d'épilepsie depuis l'enfance.", "épilepsie"),
    ("Mme Keller est malvoyante et demande un écran adapté.", "malvoyante"),
    ("Le conseil médical a déclaré M. Roux inapte définitivement à ses fonctions.", "inapte définitivement"),
    ("Mme Pham, reconnue travailleuse handicapée (RQTH) depuis 2019, demande un aménagement.",
     "reconnue travailleuse handicapée (RQTH)"),
    ("Samir a une grosse grippe, il ne viendra pas demain.", "grippe"),
])
def test_health_said_in_everyday_or_administrative_words(text, value):
    assert protected(text, value, "HEALTH")


@pytest.mark.parametrize("text, value", [
    ("Mme Lopez, adhérente du syndicat Interco CFDT du Rhône, assiste l'agent.", "Interco CFDT"),
    ("M. Hoarau (section locale FA-FPT) a pris la parole.", "FA-FPT"),
    ("Mme Kerbrat, élue au CST sur la liste SUD Collectivités territoriales, demande le report.",
     "SUD Collectivités territoriales"),
])
def test_union_membership_through_federations_and_sections(text, value):
    assert protected(text, value, "UNION")
