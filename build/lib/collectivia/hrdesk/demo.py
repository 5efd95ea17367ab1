"""Demo data of Questions RH: two answers the HR service of Admiville published to the FAQ.

Their vectors are computed on first use, so loading the demo runs no model.
"""

from __future__ import annotations

from sqlalchemy import select

from collectivia.core.roles import Role
from collectivia.hrdesk.models import FaqEntry

ENTRIES = (
    ("Combien de jours de congés annuels ai-je par an à Admiville ?",
     "À Admiville, un agent à temps complet a droit à 25 jours ouvrés de congés annuels par an "
     "(cinq fois ses obligations hebdomadaires de service), plus 1 ou 2 jours « de fractionnement » "
     "s'il prend des congés hors de la période du 1er mai au 31 octobre. Le cycle de 37 h 30 par "
     "semaine donne en outre 15 jours de RTT (délibération du conseil municipal sur le temps de "
     "travail). Le code pose le droit au congé annuel avec traitement (art. L621-1).",
     "L621-1"),
    ("À qui dois-je envoyer mon arrêt de travail ?",
     "Envoyez les volets 2 et 3 de votre avis d'arrêt de travail au service RH d'Admiville "
     "(rh@admiville.fr ou en main propre) dans les 48 heures. Si vous êtes contractuel, envoyez "
     "aussi le volet 1 à votre caisse primaire d'assurance maladie.", ""),
)


def load(session, context) -> None:
    author = context.users[Role.GESTIONNAIRE_RH]
    existing = set(session.execute(select(FaqEntry.question)).scalars())
    added = 0
    for question, answer, refs in ENTRIES:
        if question not in existing:
            session.add(FaqEntry(question=question, answer=answer, refs=refs,
                                 created_by_id=author.id))
            added += 1
    if added:
        context.summary.append(f"Questions RH : {added} réponses de la FAQ publiées par le service RH.")
