"""First set-up of the governance: the platform's own modules in the registry, the default charter.

The assistant, Questions RH and the recruitment aid are AI systems the
collectivité deploys like any other: they enter the registry already
described and classified, "en instruction", for the referent IA to decide.
`collectivia governance init` runs this on a production database; the demo
runs it too.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.models import Service, User
from collectivia.governance import aiact, charter
from collectivia.governance.models import UseCase, UseCaseEvent, UseCaseStatus

PLATFORM_USE_CASES: list[dict[str, Any]] = [
    {
        "platform_module": "assistant",
        "service": "Informatique",
        "title": "Assistant d'IA générative CollectivIA",
        "need": "Des agents utilisent des IA grand public (ChatGPT, Gemini…) sans cadre ni protection "
                "des données ; ils ont besoin d'un outil équivalent, maîtrisé par la collectivité, "
                "pour rédiger courriers, synthèses et comptes rendus.",
        "purpose": "Aide à la rédaction, au résumé et à la reformulation de documents administratifs.",
        "data_involved": "Textes saisis ou déposés par les agents ; données personnelles "
                         "pseudonymisées avant tout envoi au modèle.",
        "expected_gain": "Temps gagné sur les tâches rédactionnelles ; fin des usages cachés d'IA grand public.",
        "data_categories": ["identite", "documents_publics"],
        "model": "Modèle ouvert servi par la collectivité (Albert API, vLLM ou Ollama)",
        "hosting": "france",
        "supplier": "CollectivIA (logiciel libre), hébergé par la collectivité",
        "human_oversight": "L'agent relit, corrige et valide chaque texte ; chaque réponse porte la "
                           "mention « produit par l'IA » et le modèle utilisé ; aucune décision "
                           "individuelle n'est prise par l'outil.",
        "answers": {"systeme_ia": True, "pratiques_interdites": [], "domaines_haut_risque": [],
                    "transparence": ["dialogue_personnes", "contenu_synthetique"],
                    "organisme_public": True},
    },
    {
        "platform_module": "hrdesk",
        "service": "Ressources humaines",
        "title": "Questions RH : réponses sourcées aux questions de carrière",
        "need": "Le service RH reçoit de nombreuses questions répétitives (congés, temps partiel, "
                "avancement) ; les agents attendent une réponse rapide et fiable.",
        "purpose": "Répondre aux questions RH des agents en citant le Code général de la fonction "
                   "publique et les délibérations de la collectivité ; transmettre au service RH "
                   "les questions sans réponse sûre.",
        "data_involved": "Questions des agents ; textes réglementaires et documents RH internes.",
        "expected_gain": "Réponses immédiates et sourcées ; service RH recentré sur les cas complexes.",
        "data_categories": ["vie_professionnelle", "documents_publics"],
        "model": "Recherche documentaire et modèle ouvert servi par la collectivité",
        "hosting": "france",
        "supplier": "CollectivIA (logiciel libre), hébergé par la collectivité",
        "human_oversight": "Chaque réponse cite ses sources ; l'outil s'abstient quand les sources "
                           "manquent et oriente vers un gestionnaire RH qui répond.",
        "answers": {"systeme_ia": True, "pratiques_interdites": [], "domaines_haut_risque": [],
                    "transparence": ["dialogue_personnes", "contenu_synthetique"],
                    "organisme_public": True},
    },
    {
        "platform_module": "recruitment",
        "service": "Ressources humaines",
        "title": "Aide à la présélection des candidatures",
        "need": "Environ 200 recrutements par an ; le tri des candidatures mobilise les recruteurs "
                "plusieurs jours par poste.",
        "purpose": "Proposer, pour chaque candidature, les éléments du dossier qui répondent aux "
                   "critères de l'offre, sans classement automatique ni décision.",
        "data_involved": "CV et lettres de motivation des candidats, pseudonymisés ; fiche de poste.",
        "expected_gain": "Temps de tri réduit, critères appliqués de façon homogène, biais suivis.",
        "data_categories": ["identite", "candidatures"],
        "model": "Modèle ouvert servi par la collectivité",
        "hosting": "france",
        "supplier": "CollectivIA (logiciel libre), hébergé par la collectivité",
        "human_oversight": "Le recruteur nommé décide et motive chaque décision ; audit des biais "
                           "par le DPO ; information des candidats.",
        "answers": {"systeme_ia": True, "pratiques_interdites": [],
                    "domaines_haut_risque": ["emploi_recrutement"], "derogation_art6_3": False,
                    "profilage": True, "transparence": [], "organisme_public": True},
    },
]


def _service(session: Session, name: str) -> Service | None:
    return session.execute(select(Service).where(Service.name == name).limit(1)).scalar_one_or_none()


def ensure_platform_use_cases(session: Session) -> list[UseCase]:
    """Register the platform's own modules once (idempotent); return them."""
    found = []
    for spec in PLATFORM_USE_CASES:
        existing = session.execute(select(UseCase).where(
            UseCase.platform_module == spec["platform_module"])).unique().scalar_one_or_none()
        if existing:
            found.append(existing)
            continue
        service = _service(session, spec["service"])
        result = aiact.classify(spec["answers"])
        now = clock.now()
        use_case = UseCase(
            title=spec["title"], need=spec["need"], purpose=spec["purpose"],
            service_id=service.id if service else None, data_involved=spec["data_involved"],
            expected_gain=spec["expected_gain"], data_categories_json=json.dumps(spec["data_categories"]),
            personal_data=True, model=spec["model"], hosting=spec["hosting"],
            supplier=spec["supplier"], human_oversight=spec["human_oversight"],
            platform_module=spec["platform_module"], status=UseCaseStatus.REVIEW.value,
            ai_act_answers_json=json.dumps(aiact.normalise_answers(spec["answers"])),
            ai_act_result_json=json.dumps(result.as_dict(), ensure_ascii=False),
            ai_act_level=result.level, classified_at=now, created_at=now, updated_at=now)
        session.add(use_case)
        session.flush()
        session.add(UseCaseEvent(use_case=use_case, at=now, actor_name="Plateforme", from_status="",
                                 to_status=UseCaseStatus.REVIEW.value,
                                 note="Module de la plateforme pré-enregistré, classé au regard de l'AI Act."))
        audit.record(session, "governance.usecase.preregister", object_type="cas_usage",
                     object_id=use_case.id, details={"module": spec["platform_module"]})
        found.append(use_case)
    return found


def ensure_default_charter(session: Session, author: User | None = None):
    """Publish the default charter as version 1 when no charter exists yet."""
    existing = charter.current(session)
    if existing:
        return existing
    title, body = charter.default_text()
    return charter.publish(session, author, title, body,
                           "Version initiale, rédigée d'après la check-list « à faire / à ne pas faire ».",
                           system=True)
