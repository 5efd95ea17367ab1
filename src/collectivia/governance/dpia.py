"""Impact assessments (AIPD) of registered AI use cases, following the CNIL's PIA method.

The structure is the CNIL's: context (description, data, processes,
supporting assets), fundamental principles (proportionality, necessity,
measures for the rights of the persons), the three risks (illegitimate
access, unwanted modification, disappearance of data) each with its
sources, impacts, likelihood and severity on the CNIL's four levels and
the planned measures, then the action plan and the DPO's opinion and
decision. A new assessment is pre-filled from the use case's sheet (and,
for the recruitment module, from its AI Act file). Every save is a new
version: the previous ones stay readable, and a refused save keeps nothing.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.governance import aiact, registry
from collectivia.governance.models import DpiaVersion, UseCase
from collectivia.governance.odt import odt_bytes
from collectivia.settings import Settings

EDITORS = (Role.DPO,)
READERS = (Role.DPO, Role.REFERENT_IA, Role.ADMIN)
MAX_TEXT = 10_000

SECTIONS = {
    "contexte": ("Contexte", {"description": "Description du traitement et de ses enjeux",
                              "donnees": "Données traitées, destinataires et durées de conservation",
                              "processus": "Processus et cycle de vie des données",
                              "supports": "Supports des données (matériels, logiciels, réseaux)"}),
    "principes": ("Principes fondamentaux", {
        "proportionnalite": "Proportionnalité : finalités, base légale, minimisation",
        "necessite": "Nécessité : exactitude, durées de conservation",
        "droits": "Mesures protectrices des droits (information, accès, rectification, opposition)"}),
}
RISKS = {
    "acces_illegitime": "Accès illégitime à des données",
    "modification": "Modification non désirée de données",
    "disparition": "Disparition de données",
}
RISK_FIELDS = {"sources": "Sources de risque", "impacts": "Impacts potentiels sur les personnes",
               "mesures": "Mesures existantes ou prévues"}
# The CNIL's scale, the same four levels for likelihood and severity.
LEVELS = {1: "Négligeable", 2: "Limitée", 3: "Importante", 4: "Maximale"}
DECISIONS = {"": "En cours de rédaction", "validee": "Validée", "a_reviser": "À revoir"}


class InvalidAssessment(InvalidInput):
    """A refused save, with the French error of each wrong field (shown beside the field)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("L'analyse d'impact n'est pas enregistrée : corrigez les champs signalés.")
        self.errors = errors


def risk_field(risk: str, name: str) -> str:
    return f"risque_{risk}_{name}"


def field_names() -> list[str]:
    names = [f"{section}_{key}" for section, (_, fields) in SECTIONS.items() for key in fields]
    for risk in RISKS:
        names += [risk_field(risk, n) for n in (*RISK_FIELDS, "vraisemblance", "gravite")]
    return [*names, "plan_action", "avis_dpo", "decision"]


def _prefill_recruitment(settings: Settings) -> dict[str, str]:
    from collectivia.recruitment.oversight import AUDIT_RETENTION_MONTHS
    from collectivia.recruitment.retention import retention_months

    return {
        "contexte_processus": (
            "Pour chaque critère obligatoire publié dans l'offre, l'outil indique « rempli », « non rempli » ou "
            "« non mentionné » en citant le CV, repère les périodes sans activité, propose des groupes et des "
            "questions d'entretien. Seule une personne nommée fait changer une candidature d'étape, avec une "
            "justification écrite ; aucune décision n'est automatisée (RGPD, art. 22)."),
        "contexte_donnees": (
            "Texte des CV et lettres, critères de l'offre ; l'outil ne lit pas les lignes d'identité (nom, "
            "adresse, date de naissance, photo) ; données d'égalité facultatives pour l'audit de biais. "
            f"Conservation : {retention_months(settings)} mois après la clôture de l'offre ; journal d'audit "
            f"au moins {AUDIT_RETENTION_MONTHS} mois."),
        "contexte_supports": "Serveur de la collectivité ; méthode à règles, aucun modèle d'IA externe.",
        "principes_droits": (
            "Notice d'information remise aux candidats ; CV anonymisés pour le jury ; suppression anticipée à "
            "la demande de la personne ; audit de biais (ratio des quatre cinquièmes, contrôle contrefactuel)."),
    }


def prefill(use_case: UseCase, settings: Settings) -> dict[str, Any]:
    """A first draft from the use case's sheet: the DPO corrects it rather than starting blank."""
    categories = [registry.DATA_CATEGORIES.get(c, c) for c in use_case.data_categories]
    content: dict[str, Any] = {name: "" for name in field_names()}
    content.update({
        "contexte_description": "\n".join(filter(None, [
            use_case.title, use_case.purpose or use_case.need,
            f"Classification AI Act : {aiact.level_label(use_case.ai_act_level)}."])),
        "contexte_donnees": "\n".join(filter(None, [
            " ; ".join(categories), use_case.data_involved,
            "Données personnelles : " + ("oui" if use_case.personal_data else "non") + "."])),
        "contexte_processus": use_case.human_oversight,
        "contexte_supports": "\n".join(filter(None, [
            f"Modèle : {use_case.model}" if use_case.model else "",
            f"Fournisseur : {use_case.supplier}" if use_case.supplier else "",
            f"Hébergement : {registry.HOSTING.get(use_case.hosting, use_case.hosting)}"])),
    })
    if use_case.platform_module == "recruitment":
        content.update(_prefill_recruitment(settings))
    return content


def _use_case(session: Session, use_case_id: int) -> UseCase:
    found = session.get(UseCase, use_case_id)
    if found is None:
        raise NotFound("Ce cas d'usage n'existe pas.")
    return found


def versions(session: Session, user: User, use_case_id: int) -> list[DpiaVersion]:
    """Every saved version, newest first."""
    ensure_role(user, *READERS, action="consulter une analyse d'impact")
    _use_case(session, use_case_id)
    return list(session.execute(select(DpiaVersion).where(DpiaVersion.use_case_id == use_case_id)
                                .order_by(DpiaVersion.version.desc())).unique().scalars())


def version_of(session: Session, user: User, use_case_id: int, number: int | None) -> DpiaVersion | None:
    found = versions(session, user, use_case_id)
    if number is None:
        return found[0] if found else None
    for v in found:
        if v.version == number:
            return v
    raise NotFound(f"La version {number} de cette analyse d'impact n'existe pas.")


def latest_by_use_case(session: Session, user: User) -> dict[int, DpiaVersion]:
    ensure_role(user, *READERS, action="consulter les analyses d'impact")
    newest = (select(DpiaVersion.use_case_id, func.max(DpiaVersion.version).label("v"))
              .group_by(DpiaVersion.use_case_id).subquery())
    rows = session.execute(select(DpiaVersion).join(
        newest, (DpiaVersion.use_case_id == newest.c.use_case_id) & (DpiaVersion.version == newest.c.v)))
    return {v.use_case_id: v for v in rows.unique().scalars()}


def draft(session: Session, user: User, settings: Settings, use_case_id: int) -> dict[str, Any]:
    """What the form starts from: the latest version, or the pre-filled first draft."""
    ensure_role(user, *EDITORS, action="rédiger une analyse d'impact")
    latest = version_of(session, user, use_case_id, None)
    return latest.content if latest else prefill(_use_case(session, use_case_id), settings)


def validate(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The content to store and the French errors by field name (empty when all is right)."""
    content: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in field_names():
        raw = str(form.get(name, "")).strip()
        if name.endswith(("_vraisemblance", "_gravite")):
            if raw and raw not in {str(level) for level in LEVELS}:
                errors[name] = "Choisissez un niveau de l'échelle : 1 (négligeable) à 4 (maximale)."
            content[name] = int(raw) if raw in {str(level) for level in LEVELS} else None
        elif name == "decision":
            if raw not in DECISIONS:
                errors[name] = "Décision inconnue : « validée », « à revoir » ou en cours de rédaction."
            content[name] = raw if raw in DECISIONS else ""
        else:
            if len(raw) > MAX_TEXT:
                errors[name] = f"Ce texte dépasse {MAX_TEXT} caractères."
            content[name] = raw
    if content.get("decision") == "validee":
        for risk, label in RISKS.items():
            for scale in ("vraisemblance", "gravite"):
                name = risk_field(risk, scale)
                if content[name] is None and name not in errors:
                    errors[name] = f"Une analyse validée évalue la {scale} du risque « {label} »."
        if not content["avis_dpo"]:
            errors["avis_dpo"] = "Une analyse validée porte l'avis du DPO."
    return content, errors


def save(session: Session, user: User, use_case_id: int, form: dict[str, str]) -> DpiaVersion:
    """Store the form as the next version; refused whole (InvalidAssessment) if a field is wrong."""
    ensure_role(user, *EDITORS, action="rédiger une analyse d'impact")
    _use_case(session, use_case_id)
    content, errors = validate(form)
    if errors:
        raise InvalidAssessment(errors)
    # the use case's row locked (PostgreSQL): two saves at once number their versions in turn
    session.execute(select(UseCase.id).where(UseCase.id == use_case_id).with_for_update())
    previous = session.execute(select(func.max(DpiaVersion.version))
                               .where(DpiaVersion.use_case_id == use_case_id)).scalar() or 0
    created = DpiaVersion(use_case_id=use_case_id, version=previous + 1,
                          content_json=json.dumps(content, ensure_ascii=False),
                          decision=content["decision"], created_by_id=user.id, created_at=clock.now())
    session.add(created)
    session.flush()
    audit.record(session, "governance.dpia_save", actor=user, object_type="cas_usage",
                 object_id=str(use_case_id), details={"version": created.version,
                                                      "decision": created.decision})
    return created


def level(value: int | None) -> str:
    return f"{value} – {LEVELS[value]}" if value in LEVELS else "non évaluée"


def blocks(use_case: UseCase, version: DpiaVersion) -> list[tuple]:
    """The assessment as ODT blocks (the PDF renders the same content from HTML)."""
    content = version.content
    out: list[tuple] = [("p", f"Cas d'usage n° {use_case.id} : {use_case.title} — version {version.version} "
                              f"du {version.created_at:%d/%m/%Y}")]
    for number, (section, (title, fields)) in enumerate(SECTIONS.items(), start=1):
        out.append(("h", 2, f"{number}. {title}"))
        for key, label in fields.items():
            out += [("h", 3, label), ("p", content.get(f"{section}_{key}") or "—")]
    out.append(("h", 2, "3. Risques"))
    out.append(("table", ["Risque", "Vraisemblance", "Gravité"],
                [[label, level(content.get(risk_field(r, "vraisemblance"))),
                  level(content.get(risk_field(r, "gravite")))] for r, label in RISKS.items()]))
    for risk, label in RISKS.items():
        out.append(("h", 3, label))
        for name, field_label in RISK_FIELDS.items():
            out.append(("p", f"{field_label} : {content.get(risk_field(risk, name)) or '—'}"))
    out += [("h", 2, "4. Plan d'action"), ("p", content.get("plan_action") or "—"),
            ("h", 2, "5. Avis et décision du DPO"), ("p", content.get("avis_dpo") or "—"),
            ("p", f"Décision : {DECISIONS[version.decision]}")]
    return out


def to_odt(use_case: UseCase, version: DpiaVersion) -> bytes:
    return odt_bytes(f"Analyse d'impact (AIPD) — {use_case.title}", blocks(use_case, version))


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
