"""The register of processing activities (RGPD art. 30), generated from the modules of this instance.

Each domain package that processes personal data describes its processing
here once: purpose, legal basis, data, persons, recipients, security. The
retention is never written down: it is read from the settings and from the
modules' own policies (the assistant's period set by the admin, the
recruitment purge), so the register says what the platform actually does.
A processing appears only when its package is installed; "in use" counts
the rows of its main table. The DPO may rewrite any field: the rewrite is
stored apart (`ProcessingOverride`) and wins, the generated text stays
visible beside it, and an emptied field returns to the generated one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.discovery import domain_packages, optional_module
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.governance.models import ProcessingOverride
from collectivia.settings import Settings

EDITORS = (Role.DPO,)
READERS = (Role.DPO, Role.REFERENT_IA, Role.ADMIN)
MAX_FIELD = 5000

FIELDS = {
    "finalite": "Finalité",
    "base_legale": "Base légale",
    "categories_donnees": "Catégories de données",
    "categories_personnes": "Catégories de personnes concernées",
    "destinataires": "Destinataires",
    "conservation": "Durée de conservation",
    "securite": "Mesures de sécurité",
    "transferts": "Transferts hors de l'Union européenne",
}
HEADER = ["traitement", "module", "en_service", *FIELDS]

ON_PREMISES = "Aucun : la plateforme est hébergée par la collectivité, sans transfert hors de l'Union européenne."
PUBLIC_TASK = "Mission d'intérêt public (RGPD, art. 6-1-e)"
COMMON_SECURITY = ("Comptes nominatifs et rôles, sessions expirantes, journal d'audit chaîné et signé "
                   "(HMAC), sauvegardes de la base")
NO_PURGE = "aucune purge automatique dans la plateforme : durée à fixer par le DPO"

# Packages that hold no personal data of their own, and why (a new package must be placed).
NOT_A_PROCESSING = {
    "core": "comptes, sessions et journal d'audit : traitement « comptes » ci-dessous",
    "knowledge": "textes juridiques et documents publics, sans donnée personnelle",
    "privacy": "moteur de pseudonymisation : une mesure de sécurité des autres traitements",
    "jobs": "file des tâches de fond des autres traitements",
    "web": "interface des autres traitements",
}


@dataclass(frozen=True)
class Processing:
    key: str
    package: str
    name: str
    table: str
    purpose: str
    legal_basis: str
    data: str
    persons: str
    recipients: str
    retention: Callable[[Session, Settings], str]
    security: str


def _assistant_retention(session: Session, settings: Settings) -> str:
    from collectivia.assistant.conversations import retention_days

    return (f"Conversations : {retention_days(session, settings)} jours sans activité, puis suppression "
            "automatique (tâche quotidienne assistant.purge)")


def _recruitment_retention(session: Session, settings: Settings) -> str:
    from collectivia.recruitment.oversight import AUDIT_RETENTION_MONTHS
    from collectivia.recruitment.retention import retention_months

    return (f"Candidatures (CV, lettres, analyses, décisions, pseudonymes) : {retention_months(settings)} mois "
            "après la clôture de l'offre, puis suppression automatique (tâche recruitment.purge) ; "
            f"traces du journal d'audit : au moins {AUDIT_RETENTION_MONTHS} mois")


def _minutes_retention(session: Session, settings: Settings) -> str:
    return (f"Enregistrement audio : supprimé dès la transcription ; transcription et compte rendu : "
            f"{settings.minutes_retention_days} jours, puis suppression automatique (tâche minutes.purge)")


def _hrdesk_retention(session: Session, settings: Settings) -> str:
    return (f"Questions, réponses, avis et demandes transmises : {settings.hrdesk_retention_days} jours après "
            "la question, puis suppression automatique (tâche quotidienne hrdesk.purge) ; une demande "
            "encore sans réponse du service RH attend sa réponse ; la FAQ, rédigée par le service RH, reste")


def _accounts_retention(session: Session, settings: Settings) -> str:
    return (f"Sessions : {settings.session_idle_minutes} minutes d'inactivité, {settings.session_absolute_hours} h "
            "au plus ; comptes : jusqu'à leur désactivation ; journal d'audit : jamais purgé (preuve)")


def _fixed(wording: str) -> Callable[[Session, Settings], str]:
    return lambda session, settings: wording


CATALOGUE = (
    Processing(
        "comptes", "core", "Comptes, connexions et journal d'audit", "users",
        "Authentifier les agents, leur donner les droits de leur rôle et tracer les actions sensibles.",
        PUBLIC_TASK + " ; obligation de sécurité (RGPD, art. 32)",
        "Identité (nom, identifiant, courriel), rôle, service ; journal des actions (qui, quoi, quand)",
        "Agents de la collectivité", "Administrateurs ; DPO (journal d'audit)", _accounts_retention,
        COMMON_SECURITY + " ; mots de passe hachés (Argon2), limitation des essais de connexion"),
    Processing(
        "assistant", "assistant", "Assistant de rédaction", "assistant_conversations",
        "Aider les agents à rédiger courriers, synthèses et comptes rendus avec un modèle d'IA.",
        PUBLIC_TASK,
        "Textes saisis et documents joints par l'agent (peuvent contenir des données d'usagers ou d'agents)",
        "Agents utilisateurs ; personnes citées dans les textes",
        "L'agent seul (ses conversations ne sont lues par personne d'autre)", _assistant_retention,
        COMMON_SECURITY + " ; pseudonymisation des noms, adresses et identifiants avant tout envoi au modèle "
        "(coffre chiffré Fernet)"),
    Processing(
        "passerelle", "llm", "Passerelle des modèles de langage", "llm_usage",
        "Acheminer les appels aux modèles, appliquer les quotas, suivre coûts et empreinte carbone.",
        PUBLIC_TASK, "Relevés d'usage : agent, rôle, direction, modèle, jetons, coût ; jamais le texte",
        "Agents utilisateurs", "Référent IA et administrateurs (statistiques)", _fixed("Relevés d'usage : " + NO_PURGE),
        COMMON_SECURITY + " ; clés des moteurs chiffrées ; aucun texte conservé"),
    Processing(
        "questions_rh", "hrdesk", "Questions RH", "hrdesk_questions",
        "Répondre aux questions des agents sur leur carrière à partir des textes en vigueur, "
        "et transmettre aux gestionnaires RH celles restées sans réponse.",
        PUBLIC_TASK, "Questions posées, réponses, avis, demandes transmises au service RH",
        "Agents de la collectivité", "L'agent ; gestionnaires RH (demandes transmises et relectures)",
        _hrdesk_retention,
        COMMON_SECURITY + " ; pseudonymisation avant tout envoi à un modèle"),
    Processing(
        "recrutement", "recruitment", "Aide au recrutement", "recruitment_candidates",
        "Aider les recruteurs à présélectionner les candidatures au regard des critères publiés de l'offre ; "
        "aucune décision automatisée (RGPD, art. 22).",
        PUBLIC_TASK + " ; mesures précontractuelles (art. 6-1-b)",
        "CV et lettres, analyses par critère, décisions motivées ; données d'égalité facultatives (sexe, "
        "tranche d'âge) pour l'audit de biais",
        "Candidats", "Recruteurs, gestionnaires RH, membres du jury (CV anonymisés), DPO",
        _recruitment_retention,
        COMMON_SECURITY + " ; CV anonymisés pour le jury, pseudonymes chiffrés, fichiers d'origine stockés "
        "par la collectivité"),
    Processing(
        "cartographie", "workforce", "Cartographie des métiers exposés à l'IA", "workforce_staff_rows",
        "Mesurer l'exposition des métiers de la collectivité à l'IA générative pour anticiper formations "
        "et évolutions (dialogue social).",
        PUBLIC_TASK,
        "Tableau des effectifs : matricule, métier, direction, service, filière, catégorie, grade, statut, "
        "sexe, temps de travail, date de naissance",
        "Agents de la collectivité",
        "Gestionnaires RH, référent IA ; représentants du personnel (résultats agrégés, groupes de moins "
        "de cinq agents fusionnés)",
        _fixed("Imports du tableau des effectifs : " + NO_PURGE),
        COMMON_SECURITY + " ; résultats publiés seulement par groupes d'au moins cinq agents"),
    Processing(
        "comptes_rendus", "minutes", "Comptes rendus de réunion", "minutes_meetings",
        "Transcrire un enregistrement de réunion et en rédiger le compte rendu.",
        PUBLIC_TASK, "Voix et propos des participants, transcription, compte rendu",
        "Participants aux réunions", "L'agent qui a déposé l'enregistrement", _minutes_retention,
        COMMON_SECURITY + " ; transcription sur le serveur de la collectivité, audio supprimé après "
        "transcription"),
    Processing(
        "espaces", "workspaces", "Espaces partagés", "workspace_documents",
        "Partager les documents d'un service et y poser des questions avec réponses citées.",
        PUBLIC_TASK, "Documents déposés par le service (peuvent contenir des données personnelles), "
        "questions et réponses", "Membres des espaces ; personnes citées dans les documents",
        "Membres de l'espace seulement", _fixed("Documents et échanges : " + NO_PURGE),
        COMMON_SECURITY + " ; accès réservé aux membres de l'espace"),
    Processing(
        "gouvernance", "governance", "Gouvernance de l'IA et IA fantôme", "governance_use_cases",
        "Instruire les usages de l'IA, suivre la charte et les formations, mesurer l'usage des IA "
        "grand public.", PUBLIC_TASK,
        "Propositions de cas d'usage (auteur), acceptations de la charte, présences aux formations, "
        "estimations de temps gagné et satisfaction données après une réponse de l'IA (lues en totaux "
        "mensuels seulement) ; IA fantôme : comptes agrégés par mois et direction, aucune ligne de journal conservée",
        "Agents de la collectivité", "Référent IA, DPO, comité d'éthique (tableaux agrégés)",
        _fixed("Registre et acceptations : " + NO_PURGE + " ; journaux réseau importés : jamais conservés"),
        COMMON_SECURITY + " ; IA fantôme : agrégats seulement"),
)
BY_KEY = {p.key: p for p in CATALOGUE}


@dataclass
class Entry:
    """One processing as the register shows it: generated values, overrides, final values."""

    processing: Processing
    in_use: int
    generated: dict[str, str]
    overrides: dict[str, str]

    @property
    def values(self) -> dict[str, str]:
        return {**self.generated, **self.overrides}


def installed(processing: Processing) -> bool:
    """Its package is here and serves pages (core always is)."""
    if processing.package == "core":
        return True
    views = optional_module(processing.package, "views")
    return views is not None and hasattr(views, "router")


def _rows_in(session: Session, table: str) -> int:
    if not inspect(session.connection()).has_table(table):
        return 0
    return session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def generated_values(session: Session, settings: Settings, processing: Processing) -> dict[str, str]:
    return {"finalite": processing.purpose, "base_legale": processing.legal_basis,
            "categories_donnees": processing.data, "categories_personnes": processing.persons,
            "destinataires": processing.recipients,
            "conservation": processing.retention(session, settings), "securite": processing.security,
            "transferts": ON_PREMISES}


def _overrides(session: Session) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for o in session.execute(select(ProcessingOverride)).scalars():
        found.setdefault(o.processing_key, {})[o.field] = o.value
    return found


def entries(session: Session, user: User, settings: Settings) -> list[Entry]:
    """The register: one entry per installed processing, the DPO's rewrites applied."""
    ensure_role(user, *READERS, action="consulter le registre des traitements")
    overrides = _overrides(session)
    return [Entry(p, _rows_in(session, p.table), generated_values(session, settings, p),
                  overrides.get(p.key, {})) for p in CATALOGUE if installed(p)]


def entry(session: Session, user: User, settings: Settings, key: str) -> Entry:
    for found in entries(session, user, settings):
        if found.processing.key == key:
            return found
    raise NotFound("Ce traitement n'existe pas sur cette instance.")


def validate(values: dict[str, str]) -> dict[str, str]:
    """Errors by field, in French: unknown fields are ignored by the caller, too long is refused."""
    return {field: f"« {FIELDS[field]} » dépasse {MAX_FIELD} caractères."
            for field, value in values.items() if field in FIELDS and len(value) > MAX_FIELD}


def save_overrides(session: Session, user: User, settings: Settings, key: str,
                   values: dict[str, str]) -> int:
    """Store the DPO's rewrites; a value equal to the generated one, or empty, drops the rewrite."""
    ensure_role(user, *EDITORS, action="compléter le registre des traitements")
    current = entry(session, user, settings, key)
    errors = validate(values)
    if errors:
        raise InvalidInput(" ".join(errors.values()))
    existing = {o.field: o for o in session.execute(
        select(ProcessingOverride).where(ProcessingOverride.processing_key == key)).scalars()}
    changed = []
    for field in FIELDS:
        value = values.get(field, "").strip()
        keep = value and value != current.generated[field]
        row = existing.get(field)
        if keep and row is None:
            session.add(ProcessingOverride(processing_key=key, field=field, value=value,
                                           updated_by_id=user.id, updated_at=clock.now()))
        elif keep and row is not None and row.value != value:
            row.value, row.updated_by_id, row.updated_at = value, user.id, clock.now()
        elif not keep and row is not None:
            session.delete(row)
        else:
            continue
        changed.append(field)
    audit.record(session, "governance.processing_update", actor=user, object_type="traitement",
                 object_id=key, details={"champs": changed})
    session.flush()
    return len(changed)


def rows(register: list[Entry]) -> list[list[str]]:
    return [[e.processing.name, e.processing.package, "oui" if e.in_use else "non",
             *(e.values[f] for f in FIELDS)] for e in register]


def uncatalogued_packages() -> list[str]:
    """Domain packages neither described here nor set aside: a new module to add to the register."""
    known = {p.package for p in CATALOGUE} | set(NOT_A_PROCESSING)
    return [name for name in domain_packages() if name not in known]
