"""Agents' words -> the code's words, for the search only (never shown, never cited).

Agents write "dispo", "CDD", "RTT", "papa", "prime"; the code says
"disponibilité", "contrat à durée déterminée", "jours de repos",
"paternité", "régime indemnitaire". This glossary of common abbreviations
and everyday terms of the fonction publique territoriale adds the code's
wording to the question before BM25 and the dense model read it. It is
generic vocabulary, not a list of answers: no entry points to an article.
"""

from __future__ import annotations

import re

from collectivia.knowledge.index import fold

GLOSSARY: dict[str, str] = {
    # abbreviations
    "cdd": "contrat à durée déterminée",
    "cdi": "contrat à durée indéterminée",
    "rtt": "jours de repos réduction du temps de travail",
    "cpf": "compte personnel de formation",
    "cet": "compte épargne-temps",
    "clm": "congé de longue maladie",
    "cld": "congé de longue durée",
    "cmo": "congé de maladie ordinaire",
    "citis": "congé pour invalidité temporaire imputable au service",
    "tpt": "temps partiel pour raison thérapeutique",
    "cap": "commission administrative paritaire",
    "cst": "comité social territorial",
    "cdg": "centre de gestion",
    "cnfpt": "centre national de la fonction publique territoriale",
    "nbi": "nouvelle bonification indiciaire",
    "sft": "supplément familial de traitement",
    "ifse": "régime indemnitaire indemnité",
    "rifseep": "régime indemnitaire",
    "fpt": "fonction publique territoriale",
    "fpe": "fonction publique de l'Etat",
    "fph": "fonction publique hospitalière",
    "pacs": "pacte civil de solidarité",
    "dispo": "disponibilité",
    "perso": "personnelles",
    "vae": "validation des acquis de l'expérience",
    "rqth": "travailleur handicapé obligation d'emploi",
    "ppr": "période de préparation au reclassement",
    # everyday words
    "papa": "paternité père",
    "maman": "maternité mère",
    "bebe": "naissance enfant",
    "bosser": "travailler activité professionnelle",
    "boulot": "emploi travail",
    "salaire": "traitement rémunération",
    "paye": "traitement rémunération",
    "paie": "traitement rémunération",
    "prime": "régime indemnitaire indemnité",
    "primes": "régime indemnitaire indemnité",
    "arret": "congé",
    "vacances": "congé annuel",
    "demissionner": "démission cessation de fonctions",
    "virer": "licenciement",
    "vire": "licenciement",
    "greve": "grève cessation concertée du travail",
    "teletravail": "télétravail",
    "mi-temps": "temps partiel",
    "harcele": "harcèlement",
    "harcelee": "harcèlement",
    "titularise": "titularisation",
    "titularisee": "titularisation",
    "promo": "promotion avancement",
    "mutation": "mutation mobilité",
    "retraite": "retraite limite d'âge",
}

_WORD = re.compile(r"[a-z0-9-]+")


def expand(question: str) -> str:
    """The question followed by the code's wording of the agent's words it contains."""
    extra = []
    for word in dict.fromkeys(_WORD.findall(fold(question))):
        if word in GLOSSARY:
            extra.append(GLOSSARY[word])
    return f"{question} ({'; '.join(extra)})" if extra else question
