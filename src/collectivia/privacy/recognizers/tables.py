"""Personal columns of an exported table, named by their header.

Payroll and staff exports (« matricule;nom;prenom;naiss;adresse;tel ») hold
one person per row, often in lower case and without the words around a value
that the model and the other rules rely on (« né le », « Tél : »). A column
whose header names an address, a telephone, a birth date or a union marks its cells,
when the cell has the shape of such a value. On the calibration split it only
ever marked what the annotators marked; a cell holding a commune alone is left
to the commune rule.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span, table_cells
from collectivia.privacy.recognizers.sensitive import UNIONS

COLUMNS = {
    # « ADRESSE_COMPLETE », « adresse postale », « Adr. domicile », « adresse 1 »; never an e-mail's
    # or a workplace's column (« adresse_mail », « adresse pro »)
    "ADDRESS": re.compile(r"(?i)(?:adresses?|adr\.?|domicile|lieu[ _]de[ _]r[ée]sidence)"
                          r"(?:[ _\-]?(?:perso(?:nnelle)?|postale|compl[eè]te|du|de|domicile|actuelle|habituelle"
                          r"|principale|r[ée]sidence|agent|usager|ligne|\d)\.?){0,3}"),
    "PHONE": re.compile(r"(?i)(?:n°[ _])?t[ée]l(?:[ée]phone)?\.?(?:[ _](?:perso(?:nnel)?|portable|"
                        r"mobile|fixe|domicile))?|portable|mobile|gsm"),
    "DATE_OF_BIRTH": re.compile(r"(?i)(?:date[ _](?:de[ _])?)?naiss(?:ance)?\.?|ddn|n[ée]\(?e?\)?[ _]le"),
    # a union time-credit or membership export: « Agent | Syndicat | Mandat »
    # « Organisation » alone too: its cells must still be unions (SHAPES), not employers
    "UNION": re.compile(r"(?i)syndicats?|organisations?(?:[ _]syndicales?)?|appartenance[ _]syndicale"
                        r"|\bOS\b|mandats?[ _]syndica(?:l|ux)"),
}
SHAPES = {
    # two words, one of three letters, not a commune alone (« 73500 Modane »: its own label)
    "ADDRESS": re.compile(r"(?!\d{5}\s)(?=.*[^\W\d_]{3}).*\s.*"),
    "PHONE": re.compile(r"(?=(?:\D*\d){8,15}\D*$)[\d\s.+()\-/]+"),
    "DATE_OF_BIRTH": re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{2}|\d{4})|\d{1,2}(?:er)?\s+\w+\s+\d{2,4}"
                               r"|(?:19|20)\d\d-[01]\d-[0-3]\d"    # ISO, as databases export it
                               r"|(?:19|20)\d\d"),                     # a year of birth alone
    "UNION": re.compile(rf"{UNIONS}(?:[ \-][A-Za-zÀ-ÿ]+){{0,3}}", re.IGNORECASE),   # « CGT », « FO Territoriaux »
}


def find_table_columns(text: str, _artifacts: object = None) -> list[Span]:
    found: list[Span] = []
    for label, header in COLUMNS.items():
        for start, end in table_cells(text, header):
            if SHAPES[label].fullmatch(text[start:end].strip()):
                # a union named in its column outranks the model's same span (0.85), so that the
                # engine knows a header, not a name before it, made it a membership
                found.append((start, end, label, 0.9 if label == "UNION" else 0.8))
    return found
