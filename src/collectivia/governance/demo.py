"""Admiville's governance: its charter, the platform's modules decided, two ideas, training, shadow AI.

Idempotent: each part is added only when absent. The demo accounts have
already accepted charter version 1 (so the other modules' demos open
directly); publishing a version 2 shows the acceptance flow to everyone.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from sqlalchemy import select

from collectivia.core import clock
from collectivia.core.discovery import optional_module
from collectivia.core.roles import Role
from collectivia.governance import bootstrap, charter, registry, shadow, training
from collectivia.governance.models import ShadowImport, TrainingSession, UseCase, UseCaseStatus

IDEAS = [
    (Role.AGENT, registry.Proposal(
        title="Rédiger les fiches de poste avec l'assistant",
        need="Les fiches de poste de l'accueil sont anciennes ; je voudrais rédiger les fiches de "
             "poste à partir du référentiel des métiers et les faire relire par le service RH.",
        data_involved="Référentiel des métiers du CNFPT, anciennes fiches de poste (sans nom).",
        expected_gain="Une demi-journée par fiche.")),
    (Role.GESTIONNAIRE_RH, registry.Proposal(
        title="Détecter l'épuisement professionnel dans les échanges des agents",
        need="Repérer tôt les agents en difficulté : détecter l'épuisement professionnel et la "
             "souffrance psychique à partir des courriels et des arrêts.",
        data_involved="Courriels, absences, arrêts maladie.",
        expected_gain="Prévention des risques psychosociaux.")),
]

SESSIONS = [
    ("Découvrir l'IA générative", "acculturation", 45, 3.0, ["agent", "rh", "referent", "dpo", "admin"]),
    ("Bien formuler ses demandes à l'assistant", "prompting", 30, 2.0, ["agent", "recruteur", "referent"]),
    ("IA et données personnelles", "rgpd", 15, 2.0, ["rh", "recruteur", "jury", "dpo"]),
]


def _decide(session, referent, module: str, to_status: str, **kwargs) -> None:
    use_case = session.execute(select(UseCase).where(UseCase.platform_module == module)
                               ).unique().scalar_one()
    if use_case.status == UseCaseStatus.REVIEW:
        registry.change_status(session, referent, use_case.id, to_status, **kwargs)


def _demo_log(logins: list[str], matricules: list[str]) -> bytes:
    """Three months of a small proxy log: AI and other hosts; platform accounts, directory
    accounts (matricules of the staff table) and a few workstations known only by their IP."""
    rng = random.Random(7)
    hosts = ["chatgpt.com", "chat.mistral.ai", "gemini.google.com", "www.perplexity.ai",
             "claude.ai", "www.service-public.fr", "www.legifrance.gouv.fr", "intranet.admiville.fr"]
    users = (logins + [f"ADMIVILLE\\{m}" for m in matricules]
             + [f"10.12.0.{i}" for i in range(1, 9)])
    lines = ["horodatage;utilisateur;hote"]
    for month in (8, 9, 10):
        for _ in range(700):
            day, hour = rng.randint(1, 28), rng.randint(8, 18)
            lines.append(f"2026-{month:02d}-{day:02d}T{hour:02d}:{rng.randint(0, 59):02d}:00;"
                         f"{rng.choice(users)};{rng.choice(hosts)}")
    lines.append("ligne tronquée sans séparateur")
    return ("\n".join(lines) + "\n").encode()


def load(session, context) -> None:
    referent = context.users[Role.REFERENT_IA]
    bootstrap.ensure_platform_use_cases(session)
    _decide(session, referent, "assistant", UseCaseStatus.DEPLOYED.value,
            note="Déployé pour tous les agents après la formation d'acculturation ; alternative "
                 "maîtrisée aux IA grand public.")
    _decide(session, referent, "hrdesk", UseCaseStatus.DEPLOYED.value,
            note="Déployé : les réponses citent leurs sources et s'abstiennent sinon.")
    _decide(session, referent, "recruitment", UseCaseStatus.EXPERIMENT.value,
            note="Expérimentation sur les recrutements du service technique, avec audit des biais.",
            success_criteria="Temps de tri divisé par deux ; aucun écart de taux de présélection "
                             "femmes/hommes supérieur à 5 points ; 100 % des décisions motivées "
                             "par un recruteur.",
            experiment_until=clock.now().date() + timedelta(days=120))
    for role, proposal in IDEAS:
        exists = session.execute(select(UseCase.id).where(UseCase.title == proposal.title)).first()
        if not exists:
            registry.propose(session, context.users[role], proposal)

    version = bootstrap.ensure_default_charter(session, referent)
    for user in context.users.values():
        if not charter.has_accepted(session, user, version):
            charter.accept(session, user, version.version)

    logins = {u.login: u for u in context.users.values()}
    for title, theme, days_ago, hours, attendees in SESSIONS:
        if session.execute(select(TrainingSession.id).where(TrainingSession.title == title)).first():
            continue
        created = training.create_session(session, referent, title, theme,
                                          date.today() - timedelta(days=days_ago), hours,
                                          "Référente IA")
        training.record_attendance(session, referent, created.id,
                                   " ".join(a for a in attendees if a in logins))

    if session.execute(select(ShadowImport.id)).first() is None:
        staff = optional_module("workforce", "demo")
        if staff is not None:  # the proxy logs agents by matricule: the staff table comes first
            staff.load(session, context)
        matricules = sorted(shadow.staff_matricules(session))[::2]  # half the agents use public AIs
        shadow.import_log(session, referent, io.BytesIO(_demo_log(sorted(logins), matricules)),
                          "proxy-admiville-aout-octobre.csv")
    context.summary.append("Gouvernance IA : registre (3 modules de la plateforme + 2 idées), "
                           "charte v1 acceptée par les comptes de démo, 3 formations, "
                           "import IA fantôme de démonstration.")
