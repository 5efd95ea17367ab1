"""A typed job title without what is not the job: the site, the service, the contract.

HR exports hold "Agente d'entretien - groupe scolaire", "Responsable office
restauration - école Victor Hugo", "Directeur d'accueil de loisirs Les
Pitchouns", "Animateur (H/F) CDD 80 %". The job is the head of the title; what
follows a dash, a slash or a bracket is most often where or how the agent
works. Both readings are kept — the whole title and its head — and the matcher
scores each: "Porteur - pompes funèbres" needs its tail, "Atsem - école
maternelle Pasteur" does not.
"""

from __future__ import annotations

import re

from collectivia.workforce.matching import normalise

# Contract, time and gender markers that never name a job.
_NOISE = re.compile(
    r"\d+(?:[.,]\d+)?\s*%|\b(?:h\s*/\s*f|f\s*/\s*h|h\s*-\s*f|f\s*-\s*h|cdd|cdi|tnc|tc|temps (?:non )?complet|"
    r"temps partiel|contractuelle?|vacataire|remplacante?|remplacement|titulaire|stagiaire|"
    r"saisonniere?|\d+\s*h(?:eures)?(?:\s*\d+)?|n\s*°?\s*\d+|\d+)\b")
# Separators after which a qualifier (site, service, direction) usually follows.
# A slash is not one: it joins two jobs or two halves of one ("DAO / BIM", "accueil / entretien").
_SEPARATORS = re.compile(r"\s+[-–—|:]\s+|\s*[(\[,;]\s*|\s+-(?=[a-z])")


def _drop_proper_names(title: str) -> str:
    """'Directeur d'accueil de loisirs Les Pitchouns' -> without the capitalised site name.

    A word written with a capital after the first word, in a title not written
    in capitals, is a place or a person ("Victor Hugo", "Pasteur"); from the
    first such word after a place word the rest is dropped, unless it is a known abbreviation-like
    word in capitals ("DGS", "SIG").
    """
    if title.isupper():
        return title
    words = title.split()
    for i, word in enumerate(words[1:], start=1):
        bare = word.strip("()[],;:-'’\"")
        if (len(bare) > 1 and bare[0].isupper() and bare[1:].islower()
                and words[i - 1].lower() in _PLACE_WORDS):
            return " ".join(words[:i])
    return title


# A place word followed by a capitalised name: "école Pasteur", "crèche Les Lutins".
_PLACE_WORDS = frozenset(
    "ecole école groupe maternelle elementaire élémentaire primaire college collège lycée lycee "
    "creche crèche multi-accueil gymnase stade piscine mediatheque médiathèque bibliothèque "
    "bibliotheque musee musée salle site centre maison residence résidence ehpad parc quartier "
    "secteur mairie antenne annexe pole pôle loisirs alsh foyer théâtre theatre conservatoire "
    "espace cimetière cimetiere square jardin port".split())


def readings(title: str) -> tuple[str, ...]:
    """The normalised readings of a typed title: the whole of it, then its head if different."""
    whole = normalise(_drop_proper_names(title or ""))
    whole = re.sub(r"\s+", " ", _NOISE.sub(" ", whole)).strip(" -–/,;:")
    head = _SEPARATORS.split(whole, maxsplit=1)[0].strip(" -–/,;:")
    whole = re.sub(r"[()\[\]]", " ", whole)
    whole = re.sub(r"\s+", " ", whole).strip()
    if head and head != whole and len(head) >= 2:
        return (whole, head)
    return (whole,) if whole else ()
