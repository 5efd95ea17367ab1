"""An address written one letter per box of a printed form (CERFA, a town hall's forms).

« N°│4│7│  Voie │R│U│E│ │D│E│ │W│A│Z│E│M│M│E│S│ │ │ » then « Code postal │5│9│0│0│0│
Commune │L│I│L│L│E│ »: no word of the address is whole, so neither the model nor the
street pattern sees one. The form's own labels say what the boxes hold. Every filled run of boxes
on the lines of an address block — lines whose label names a part of a home (number, street,
complement, postcode, commune), or lines under a heading that names the home (« DOMICILE »,
« ADRESSE ») — is one address, from its first filled box to its last. A birth place's commune
(« Commune de naissance ») is not a home. A block without a street is a postcode and commune.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span

BOX = "│|┃¦"
# A filled box then at least two more boxes: one character between box rules, blanks allowed in
# empty boxes (« │R│U│E│ │D│E│ »).
RUN = re.compile(rf"(?<![^\s{BOX}])[^\s{BOX}](?:[{BOX}][^{BOX}\n]?){{2,}}")
STREET_LABEL = re.compile(r"(?i)(?:\bn°|\bnum[ée]ro|\bvoie|\brue|\badresse|\bcompl[ée]ment|\bb[âa]t\.?|\besc\.?"
                          r"|\b[ée]tage|\blieu-dit|\br[ée]sidence|\bdomicile)(?![\w-])")
TOWN_LABEL = re.compile(r"(?i)\b(?:code[ \t]+postal|cp|commune|ville|localit[ée])\b")
HEADING = re.compile(r"(?i)^[ \t]*(?:[\w .–-]{0,12}[ \t])?(?:domicile|(?:votre[ \t]+)?adresse\w*"
                     r"(?![ \t]+(?:de[ \t]+l['’])?(?:employeur|professionnelle|du[ \t]+service|de[ \t]+travail))"
                     r"(?:[ \t]+\w+){0,2})[ \t:]*$")
# Labels of boxes that hold something else: who the person is, a number, a birth place, a workplace.
NOT_HOME = re.compile(r"(?i)naissance|employeur|travail|entreprise|organisme|banque|pays|s[ée]curit[ée]|immatriculation"
                      r"|\bt[ée]l|portable|\bnom\b(?![ \t]+de[ \t]+(?:la[ \t]+)?(?:voie|rue))|pr[ée]nom|\bdate\b"
                      r"|\bn[ée]\(?e?\)?[ \t]+le\b|dossier|siret|siren|matricule|agent|affectation|administrative"
                      r"|indemnitaire")


def _home_runs(line: str, offset: int, under_heading: bool) -> tuple[list[tuple[int, int]], bool]:
    """The filled runs of a line whose own label (the words just before each run) names a part of
    a home, as text offsets, and whether one names the street (not only the postcode and town)."""
    runs: list[tuple[int, int]] = []
    street, cursor = False, 0
    for m in RUN.finditer(line):
        label = re.sub(rf"[{BOX}][^{BOX}\n]?", " ", line[cursor:m.start()])
        cursor = m.end()
        if NOT_HOME.search(label):
            continue
        names_street = bool(STREET_LABEL.search(label))
        if names_street or TOWN_LABEL.search(label) or (under_heading and not label.strip()) or runs:
            street = street or names_street or under_heading
            end = m.start() + len(m.group().rstrip(BOX + " \t"))
            runs.append((offset + m.start(), offset + end))
    return runs, street


def find_boxed_address(text: str, _artifacts: object = None) -> list[Span]:
    if not any(box in text for box in BOX):
        return []
    found: list[Span] = []
    block: list[tuple[int, int]] = []
    street = under_heading = False
    offset = 0
    for line in text.split("\n"):
        runs, names_street = _home_runs(line, offset, under_heading) if RUN.search(line) else ([], False)
        if runs:
            block += runs
            street = street or names_street
        else:
            if block:
                found.append((block[0][0], block[-1][1], "ADDRESS" if street else "POSTCODE_CITY", 0.8))
            block, street = [], False
            under_heading = not RUN.search(line) and bool(HEADING.match(line))
        offset += len(line) + 1
    if block:
        found.append((block[0][0], block[-1][1], "ADDRESS" if street else "POSTCODE_CITY", 0.8))
    return found
