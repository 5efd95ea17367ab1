"""Postings: create a fiche de poste, draft its offre d'emploi, publish, close.

Rights: recruiters and HR officers (gestionnaire_rh) manage postings; jury
members read them; the DPO and the administrator read the AI Act file and
the logs. Every change is audited in the same transaction.

Every text the offer has had is kept as an `OfferVersion`: a redraft never
silently replaces what a person wrote — it is refused until they confirm, and
the replaced text stays readable in the offer's history.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import Conflict, InvalidInput, NotFound
from collectivia.core.french import parse_date
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.recruitment import offer
from collectivia.recruitment.criteria import Criterion, parse_criterion
from collectivia.recruitment.cv import month_index
from collectivia.recruitment.models import OfferVersion, Posting

MANAGERS = (Role.RECRUTEUR, Role.GESTIONNAIRE_RH)
READERS = (*MANAGERS, Role.MEMBRE_JURY)
OVERSIGHT = (*MANAGERS, Role.DPO, Role.ADMIN)
EVERYONE = (*READERS, Role.DPO, Role.ADMIN)
CATEGORIES = ("A", "B", "C", "A/B", "B/C")
EDITED_ORIGIN = "modifié par un agent"


@dataclass
class PostingForm:
    intitule: str = ""
    direction: str = ""
    cadre_emplois: str = ""
    categorie: str = ""
    filiere: str = ""
    grade_min: str = ""
    grade_max: str = ""
    temps_travail: str = "Temps complet"
    missions: str = ""
    required: str = ""          # one criterion per line; "critère :: définition" allowed
    optional: str = ""
    open_to_contract: bool = True
    contract_basis: str = "L332-14"
    remuneration: str = ""
    date_publication: str = ""
    date_limite: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def _criteria_and_definitions(text: str) -> tuple[list[str], dict[str, str]]:
    criteria, definitions = [], {}
    for line in _lines(text):
        name, _, definition = line.partition("::")
        name = name.strip()
        criteria.append(name)
        if definition.strip():
            definitions[name] = definition.strip()
    return criteria, definitions


def _date(value: str, label: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    parsed = parse_date(value)
    if parsed is None:
        errors[label] = "Date invalide (format attendu : JJ/MM/AAAA)."
    return parsed


def _validate(form: PostingForm) -> tuple[list[str], list[str], dict[str, str], date | None, date | None]:
    errors: dict[str, str] = {}
    if len(form.intitule.strip()) < 3:
        errors["intitule"] = "Indiquez l'intitulé du poste."
    if form.categorie and form.categorie not in CATEGORIES:
        errors["categorie"] = "Catégorie attendue : A, B, C, A/B ou B/C."
    required, definitions = _criteria_and_definitions(form.required)
    optional, optional_definitions = _criteria_and_definitions(form.optional)
    definitions.update(optional_definitions)
    if not required:
        errors["required"] = "Indiquez au moins un critère obligatoire, court et vérifiable."
    if len(required) > 12:
        errors["required"] = "Douze critères obligatoires au plus : gardez les critères essentiels."
    if form.open_to_contract and form.contract_basis not in offer.CONTRACT_BASES:
        errors["contract_basis"] = "Choisissez le fondement juridique du recrutement d'un contractuel."
    published = _date(form.date_publication, "date_publication", errors)
    closing = _date(form.date_limite, "date_limite", errors)
    if published and closing and closing < published:
        errors["date_limite"] = "La date limite précède la date de publication."
    form.errors = errors
    if errors:
        raise InvalidInput("Le formulaire contient des erreurs : " + " ".join(errors.values()))
    return required, optional, definitions, published, closing


def _next_reference(session: Session) -> str:
    year = clock.now().year
    count = session.execute(select(func.count()).select_from(Posting)).scalar_one()
    return f"REC-{year}-{count + 1:03d}"


def create_posting(session: Session, user: User, form: PostingForm) -> Posting:
    ensure_role(user, *MANAGERS, action="créer une offre")
    required, optional, definitions, published, closing = _validate(form)
    posting = Posting(
        reference=_next_reference(session), intitule=form.intitule.strip(),
        direction=form.direction.strip(), cadre_emplois=form.cadre_emplois.strip(),
        categorie=form.categorie, filiere=form.filiere.strip(), grade_min=form.grade_min.strip(),
        grade_max=form.grade_max.strip(), temps_travail=form.temps_travail.strip() or "Temps complet",
        missions="\n".join(_lines(form.missions)), required_json=json.dumps(required, ensure_ascii=False),
        optional_json=json.dumps(optional, ensure_ascii=False),
        definitions_json=json.dumps(definitions, ensure_ascii=False),
        open_to_contract=form.open_to_contract, contract_basis=form.contract_basis,
        remuneration=form.remuneration.strip(), date_publication=published, date_limite=closing,
        created_by_id=user.id)
    session.add(posting)
    session.flush()
    audit.record(session, "recruitment.posting.create", actor=user, object_type="offre",
                 object_id=posting.id, details={"criteres_obligatoires": len(required),
                                                "criteres_souhaites": len(optional)})
    return posting


def list_postings(session: Session, user: User) -> list[Posting]:
    ensure_role(user, *EVERYONE, action="consulter les offres")
    return list(session.execute(select(Posting).order_by(Posting.id.desc())).scalars())


def get_posting(session: Session, user: User, posting_id: int, *, roles=READERS) -> Posting:
    ensure_role(user, *roles, action="consulter une offre")
    posting = session.get(Posting, posting_id)
    if posting is None:
        raise NotFound("Cette offre n'existe pas.")
    return posting


def criteria_of(posting: Posting) -> tuple[list[Criterion], list[Criterion]]:
    definitions = posting.definitions
    return ([parse_criterion(t, definitions.get(t, ""), True) for t in posting.required],
            [parse_criterion(t, definitions.get(t, ""), False) for t in posting.optional])


def reference_month(posting: Posting) -> int:
    """'Today' for durations and gaps: the publication month, else the current month."""
    day = posting.date_publication or clock.now().date()
    return month_index(day.year, day.month)


# ---- the offre d'emploi ---------------------------------------------------------------------

def collectivite_info(settings) -> offer.CollectiviteInfo:
    name = settings.collectivite_name
    domain = re.sub(r"[^a-z0-9-]", "", name.lower()) + ".fr"
    retention = (f"{offer.retention_phrase(settings.recruitment_retention_months)} après la "
                 "clôture du recrutement")
    return offer.CollectiviteInfo(name=name, domain=domain, retention=retention)


def keep_offer_version(session: Session, posting: Posting, author: User | None) -> OfferVersion:
    """Record the posting's current text as its next version."""
    version = OfferVersion(posting_id=posting.id, number=len(posting.offer_versions) + 1,
                           text=posting.offer_text, origin=posting.offer_origin,
                           edited_by_person=posting.offer_origin == EDITED_ORIGIN,
                           author_name=author.full_name if author else "")
    session.add(version)
    posting.offer_versions.append(version)
    return version


def edited_by_person(posting: Posting) -> OfferVersion | None:
    """The current text's version when a person wrote it (a redraft would replace it)."""
    versions = posting.offer_versions
    if versions and versions[-1].edited_by_person and versions[-1].text == posting.offer_text:
        return versions[-1]
    return None


def offer_version(session: Session, user: User, posting_id: int, number: int) -> OfferVersion:
    posting = get_posting(session, user, posting_id)
    version = next((v for v in posting.offer_versions if v.number == number), None)
    if version is None:
        raise NotFound("Cette version du texte de l'offre n'existe pas.")
    return version


def _model_intro(session: Session, user: User, settings, posting: Posting) -> tuple[str, str] | None:
    """Ask the configured model for an introduction; None when no model or any failure."""
    from collectivia.llm import ChatMessage, LLMUnavailable, get_router
    from collectivia.privacy import PrivacyFailure, protect

    router = get_router(settings, session, user.role)
    if not router.available:
        return None
    fiche = "\n".join([f"Intitulé : {posting.intitule}", f"Service : {posting.direction}",
                       "Missions :", *posting.mission_list, "Critères :", *posting.required])
    try:
        protected = protect(session, fiche, policy="assistant", scope=f"posting:{posting.id}")
        if protected.blocked:
            return None
        completion = router.complete([
            ChatMessage("system", "Tu rédiges des offres d'emploi de la fonction publique "
                                  "territoriale, en français clair, sans discrimination, sans "
                                  "promesse non vérifiable, en 4 phrases au plus."),
            ChatMessage("user", "Rédige le paragraphe d'introduction « Le poste en quelques mots » "
                                f"de cette offre :\n{protected.text}")], max_tokens=300)
    except (PrivacyFailure, LLMUnavailable):
        return None
    try:
        from collectivia.llm.usage import record_call

        record_call(session, user, completion, "recrutement.offre", router, settings)
    except Exception:  # noqa: BLE001 - accounting must not lose the draft
        pass
    text = completion.text.strip()
    return (text, f"rédigé avec le modèle « {completion.model} » (IA) : à relire avant publication") \
        if text else None


def draft_offer(session: Session, user: User, settings, posting_id: int, *,
                replace_edited: bool = False) -> Posting:
    """(Re)write the offer text: model introduction when available, template otherwise.

    A text a person edited is only replaced when they said so (`replace_edited`);
    it stays in the offer's versions either way.
    """
    posting = get_posting(session, user, posting_id, roles=MANAGERS)
    edited = edited_by_person(posting)
    if edited is not None and not replace_edited:
        raise Conflict(f"Le texte actuel de l'offre a été modifié par "
                       f"{edited.author_name or 'une personne'} : confirmez avant de le remplacer "
                       "par une nouvelle rédaction. Il restera consultable dans les versions de "
                       "l'offre.")
    info = collectivite_info(settings)
    drafted = _model_intro(session, user, settings, posting)
    intro, origin = drafted or (offer.default_intro(posting, info),
                                "rédigé à partir du modèle de document (aucun modèle d'IA utilisé)")
    posting.offer_text = offer.as_text(posting, info, intro)
    posting.offer_origin = origin
    version = keep_offer_version(session, posting, user)
    audit.record(session, "recruitment.posting.draft", actor=user, object_type="offre",
                 object_id=posting.id, details={"ia": drafted is not None,
                                                "version": version.number,
                                                "remplace_texte_modifie": edited is not None})
    return posting


def update_offer_text(session: Session, user: User, posting_id: int, text: str) -> Posting:
    posting = get_posting(session, user, posting_id, roles=MANAGERS)
    text = (text or "").strip()
    if len(text) < 50:
        raise InvalidInput("Le texte de l'offre est trop court.")
    missing = [m for m in ("Date limite", "Handicap", "Données personnelles", "intelligence artificielle")
               if m.lower() not in text.lower()]
    if missing:
        raise InvalidInput("Mentions obligatoires manquantes dans le texte : " + ", ".join(missing) + ".")
    if text + "\n" == posting.offer_text:
        return posting
    posting.offer_text = text + "\n"
    posting.offer_origin = EDITED_ORIGIN
    version = keep_offer_version(session, posting, user)
    audit.record(session, "recruitment.posting.edit", actor=user, object_type="offre",
                 object_id=posting.id, details={"version": version.number})
    return posting


def set_status(session: Session, user: User, posting_id: int, status: str) -> Posting:
    posting = get_posting(session, user, posting_id, roles=MANAGERS)
    if status not in ("publiée", "clôturée"):
        raise InvalidInput("Statut inconnu.")
    if status == "publiée" and not posting.offer_text:
        raise Conflict("Rédigez l'offre d'emploi avant de la publier.")
    posting.status = status
    if status == "publiée" and posting.date_publication is None:
        posting.date_publication = clock.now().date()
    posting.closed_at = clock.now() if status == "clôturée" else None
    audit.record(session, f"recruitment.posting.{'publish' if status == 'publiée' else 'close'}",
                 actor=user, object_type="offre", object_id=posting.id)
    return posting


def offer_export(session: Session, user: User, settings, posting_id: int, fmt: str) -> tuple[bytes, str]:
    """The offer as text (Place de l'emploi public) or PDF; drafted first if needed."""
    posting = get_posting(session, user, posting_id, roles=READERS)
    text = posting.offer_text or offer.as_text(posting, collectivite_info(settings),
                                               offer.default_intro(posting, collectivite_info(settings)))
    audit.record(session, "recruitment.posting.export", actor=user, object_type="offre",
                 object_id=posting.id, details={"format": fmt})
    if fmt == "pdf":
        return offer.as_pdf(text, posting.intitule), "application/pdf"
    return text.encode("utf-8"), "text/plain; charset=utf-8"
