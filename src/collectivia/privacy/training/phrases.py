"""Sentences and blocks the document genres share: letterheads, decoys, signatures,
health and union mentions, each marked in the inline markup where it is personal."""

from __future__ import annotations

import random

from collectivia.privacy.training import lexicon as lx
from collectivia.privacy.training.values import Person, Values


def collectivite(rng: random.Random) -> tuple[str, str, str]:
    city, code = rng.choice(lx.COMMUNES)
    return rng.choice(lx.COLLECTIVITES).format(c=city), city, code


def employer_address(v: Values) -> str:
    """An organisation's address, switchboard and functional mailbox: never personal data."""
    rng = v.rng
    city, code = v.commune()
    lines = [f"{v.street_line()}{rng.choice([' – ', ', ', chr(10)])}{code} {city}{rng.choice(['', ' Cedex'])}"]
    if rng.random() < 0.6:
        phone = " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
        lines.append(rng.choice(["Tél. ", "Tél : ", "Standard : ", "T. ", "Accueil : "]) + f"0{rng.randint(1, 5)} {phone}")
    if rng.random() < 0.5:
        box = rng.choice(["rh", "drh", "accueil", "contact", "mairie", "conseil.medical", "paie",
                          "ccas", "retraites", "gestion.rh", "instances", "emploi", "courrier"])
        lines.append(f"{box}@{lx.title_case(city).lower().replace(' ', '-')}.fr")
    return rng.choice([" – ", "\n"]).join(lines)


def decoy_line(v: Values) -> str:
    rng = v.rng
    city, code = v.commune()
    p = v.person()
    return rng.choice([
        f"Standard : 0{rng.randint(1, 5)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        f"Contact : rh@{lx.title_case(city).lower().replace(' ', '-')}.fr",
        f"Réf. : arrêté n° {rng.randint(2019, 2026)}-{rng.randint(1, 999):03d}",
        f"SIRET {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)} 000{rng.randint(10, 99)}",
        f"Hôtel de ville, place {p.first} {p.last} – {code} {city}",
        f"Médiathèque {p.first} {p.last}, {code} {city}",
        f"Vu le code général de la fonction publique, notamment ses articles L. {rng.randint(100, 999)}-{rng.randint(1, 9)} et suivants ;",
        f"Offre n° O{rng.randint(10000, 99999)}-{rng.randint(1000, 9999)}",
        f"Candidat n° {rng.randint(1, 60)}",
        f"La {rng.choice(['CGT', 'CFDT', 'FO', 'UNSA', 'FA-FPT', 'SUD'])} demande un bilan des "
        f"{rng.choice(['arrêts maladie', 'accidents de service', 'reclassements'])} de l'année.",
        f"Le taux d'absentéisme pour {rng.choice(['maladie ordinaire', 'accident de service', 'longue maladie'])} "
        f"atteint {rng.randint(3, 12)},{rng.randint(0, 9)} % en {rng.randint(2020, 2025)}.",
        f"Date d'effet : {rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(2023, 2026)}",
        f"Collège {p.first} {p.last}, {city}",
        f"Permanence syndicale le jeudi de 14 h à 16 h, bureau {rng.randint(1, 40)}.",
        "Le référent handicap de la collectivité accompagne les demandes d'aménagement de poste.",
        "Tout agent peut bénéficier d'un congé de maladie dans les conditions prévues par les textes.",
        f"Secrétariat : poste {rng.randint(1000, 9999)}",
    ])


def signature(v: Values, p: Person, role: str | None = None, contact: bool = True) -> str:
    rng = v.rng
    lines = [v.name(p, rng.choice(["full", "FULL_LAST", "full", "initial"]))]
    if role:
        lines.append(role)
    if contact and rng.random() < 0.6:
        lines.append(rng.choice(["Tél. : ", "Ligne directe : ", "Port. ", "", "T "]) + v.phone())
    if contact and rng.random() < 0.4:
        lines.append(v.email(p, professional=True))
    return "\n".join(lines)


def pronoun(p: Person) -> str:
    return "elle" if p.sex == "f" else "il"


def health_sentence(v: Values, p: Person, ref: str) -> str:
    rng = v.rng
    e = p.e()
    h = v.health
    return rng.choice([
        f"{ref} est en {h('leave')} depuis le {rng.randint(1, 28)} {rng.choice(['mars', 'mai', 'octobre', 'janvier'])}.",
        f"{ref} souffre d'une {h('common')} qui l'empêche de porter des charges.",
        f"Suite à son {h('leave')}, {pronoun(p)} reprendra en {h('leave')} à compter du 1er du mois.",
        f"Le conseil médical a déclaré {ref} {h('committee')}.",
        f"{ref} nous a informés de sa {h('pregnancy')}.",
        f"{ref} est atteint{e} de {h('neuro')}.",
        f"{ref} est {h('sensory')} et demande un poste adapté.",
        f"{ref}, {h('disability')}, bénéficie d'un aménagement de poste.",
        f"L'agent{e} a été victime d'un {h('leave')} le {rng.randint(1, 28)}/{rng.randint(1, 12):02d} "
        f"({h('common')}).",
        f"{ref} a été opéré{e} ({h('common')}) et sera absent{e} trois semaines.",
        f"Avis du médecin du travail pour {ref} : {h('committee')}.",
        f"{ref} est {rng.choice(['enceinte', 'en congé maternité'])}." if p.sex == "f"
        else f"{ref} est en {h('leave')} pour {h('common')}.",
        f"{ref} a fait une {h('neuro')} sur son poste.",
        f"Dossier de {ref} : {h('disability')} depuis {rng.randint(2010, 2024)}.",
    ])


def union_sentence(v: Values, p: Person, ref: str) -> str:
    rng = v.rng
    e = p.e()
    return rng.choice([
        f"{ref} ({v.union(p)}) a pris la parole.",
        f"{ref}, {v.union(p)}, assistait l'agent{e}.",
        f"étaient présents : {ref} ({v.union(p)})",
        f"{ref} est {v.union(p)} depuis {rng.randint(2005, 2024)}.",
        f"L'agent{e} est accompagné{e} de {ref}, {v.union(p)}.",
        f"{ref} ({v.union(p)}) demande que le point soit reporté.",
    ])
