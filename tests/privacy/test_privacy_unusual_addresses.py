"""Addresses written abroad, said aloud or read by OCR are still a person's address."""

from __future__ import annotations

import pytest

from collectivia.privacy.engine import detect
from collectivia.privacy.recognizers.unusual_addresses import ocr_reading


def addresses(text: str) -> list[str]:
    return [text[f.start:f.end] for f in detect(text) if f.label == "ADDRESS"]


@pytest.mark.parametrize("address", [
    "Rijselstraat 112\n8930 Menen\nBelgique",
    "Calle de Alcalá 214, 3.º B\n28028 Madrid\nEspaña",
    "Via Roma 14, 18039 Ventimiglia (IM), Italie",
    "21, rue de la Gare\nL-3510 Dudelange\nLuxembourg",
])
def test_an_address_abroad_is_found_by_its_country(address):
    assert addresses(f"Personne à prévenir : Sofie VAN DEN BROECK (sœur)\n{address}\nGSM : +32 470 18 64 52") \
        == [address]


def test_an_address_said_aloud_runs_from_its_number_in_words_to_its_town():
    said = "il a pas d'adresse fixe il est chez notre mère au quarante-deux rue jean jaurès à vénissieux voilà"
    assert addresses(said) == ["quarante-deux rue jean jaurès à vénissieux"]
    assert addresses("on a pris un chemin de traverse pour aller au gymnase") == []
    assert addresses("au deux place du marché à côté de la poste") == ["deux place du marché"]
    assert addresses("au quarante-deux Rue Jean Jaurès à Vénissieux") == ["quarante-deux Rue Jean Jaurès à Vénissieux"]


def test_ocr_confusions_are_undone_character_for_character():
    scanned = "l4 rue des Pâquerettes\nApp. 3O2\n69OO8 LY0N, 7, a1lée des Ti1leuls"
    read = ocr_reading(scanned)
    assert read == "14 rue des Pâquerettes\nApp. 302\n69008 LYON, 7, allée des Tilleuls"
    assert len(read) == len(scanned)


def test_an_address_read_by_ocr_is_found_with_its_flat_and_postcode():
    cv = "Technicien support informatique\nl4 rue des Pâquerettes\nApp. 3O2\n69OO8 LY0N\nTé1 : O6.7l.22.8O.45"
    assert "l4 rue des Pâquerettes\nApp. 3O2\n69OO8 LY0N" in addresses(cv)
