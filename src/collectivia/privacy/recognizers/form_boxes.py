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
STREET_LABEL = re.compile(r"(?i)\b(?:n°|num[ée]ro|voie|rue|adresse|compl[ée]ment|b[âa]t|esc|[ée]tage|lieu-dit"
                          r"|r[ée]sidence|domicile)")
TOWN_LABEL = re.compile(r"(?i)\b(?:code[ \t]+postal|cp|commune|ville|localit[ée])\b")
HEADING = re.compile(r"(?i)^[ \t]*(?:[\w .–-]{0,12}[ \t])?(?:domicile|adresse(?:[ \t]+\w+){0,2}|votre adresse\w*)"
                     r"[ \t:]*$")
# Lines that hold something else in boxes: who the person is, a number, the birth place.
NOT_HOME = re.compile(r"(?i)naissance|employeur|travail|entreprise|organisme|banque|pays|s[ée]curit[ée]|immatriculation"
                      r"|\bt[ée]l|portable|\bnom\b(?![ \t]+de[ \t]+(?:la[ \t]+)?(?:voie|rue))|pr[ée]nom|\bdate\b|\bn[ée]\(?e?\)?[ \t]+le\b")


def _filled(line: str, offset: int) -> tuple[int, int] | None:
    """The first and last filled box of a line (offsets in the text), None without a run."""
    runs = [m for m in RUN.finditer(line) if re.search(rf"[^\s{BOX}]", m.group())]
    if not runs:
        return None
    last = runs[-1]
    end = last.start() + len(last.group().rstrip(BOX + " \t"))
    return offset + runs[0].start(), offset + end


def find_boxed_address(text: str, _artifacts: object = None) -> list[Span]:
    if "│" not in text and "┃" not in text and "|" not in text:
        return []
    found: list[Span] = []
    block: list[tuple[int, int]] = []
    street = False
    under_heading = False
    offset = 0

    def close() -> None:
        if block:
            found.append((block[0][0], block[-1][1], "ADDRESS" if street else "POSTCODE_CITY", 0.8))
        block.clear()

    for line in text.split("\n"):
        filled = _filled(line, offset)
        label = re.sub(rf"[{BOX}][^{BOX}\n]?", " ", line)          # the line's words outside boxes
        if filled is None:
            close()
            street = False
            under_heading = bool(HEADING.match(line))
        elif NOT_HOME.search(label):
            close()
            street = under_heading = False
        elif under_heading or STREET_LABEL.search(label) or (TOWN_LABEL.search(label) and block):
            street = street or under_heading or bool(STREET_LABEL.search(label))
            block.append(filled)
        elif TOWN_LABEL.search(label):
            block.append(filled)
        else:
            close()
            street = under_heading = False
        offset += len(line) + 1
    close()
    return found
