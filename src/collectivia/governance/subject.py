"""Data-subject requests (RGPD, articles 15, 17 and 20): what the platform holds on a person,
its export, its erasure.

The DPO names a person by an account, or by a name or an e-mail searched in
the free text of every store (a citizen quoted in a conversation, a
candidate). Each store says what it holds on that person, and how it erases
it; what is shown on the confirmation page is exactly what goes. The audit
journal is the one store that stays: its events are chained by HMAC and its
signed checkpoints leave the database, so rewriting a name in it would break
the proof of integrity; the account itself is pseudonymised instead (the
journal's numeric actor then points at "Personne effacée n° …"). Like the
register (`processing`), this module reads the other domains' tables through
lazy imports: it is the one place that must see them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, delete, false, or_, select
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role, ensure_role
from collectivia.governance.models import BenefitRating
from collectivia.settings import Settings

HANDLERS = (Role.DPO,)
MIN_TEXT = 3
MAX_ITEMS = 200        # per store: the page lists them, the export and the erasure take all
AUDIT_KEPT = ("Le journal d'audit est conservé tel quel : chaque événement est scellé avec le "
              "précédent (HMAC) et des points de contrôle signés sont exportés hors de la base ; "
              "y remplacer un nom casserait la preuve d'intégrité qu'exige l'obligation de sécurité "
              "(RGPD, art. 32). Le compte est en revanche pseudonymisé : l'identifiant numérique des "
              "événements ne renvoie plus qu'à « Personne effacée », mais le nom inscrit en clair dans "
              "le champ « acteur » des événements passés demeure.")


@dataclass(frozen=True)
class Person:
    """Whom the request is about: an account, or a name or e-mail found in free text."""

    user: User | None = None
    text: str = ""

    @property
    def terms(self) -> list[str]:
        if self.user is None:
            return [self.text]
        return [t for t in (self.user.full_name.strip(), self.user.email.strip()) if len(t) >= MIN_TEXT]

    @property
    def label(self) -> str:
        if self.user is not None:
            return f"{self.user.full_name} (compte « {self.user.login} »)"
        return f"« {self.text} »"

    @property
    def query(self) -> dict[str, str]:
        return {"compte": str(self.user.id)} if self.user is not None else {"texte": self.text}


@dataclass
class Item:
    """One thing held: its identifier in its store, its date, a line for the page, the export's fields."""

    id: int
    at: datetime | None
    summary: str
    data: dict = field(default_factory=dict)


def _contains(column, terms: list[str]):
    return or_(*[column.ilike(f"%{t}%") for t in terms]) if terms else false()


def _short(text: str, size: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


# --- the stores --------------------------------------------------------------------------------

def _find_account(session: Session, person: Person) -> list[Item]:
    u = person.user
    if u is None:
        return []
    return [Item(u.id, u.created_at, f"{u.full_name} — {u.login} — {u.email or 'sans courriel'} — {u.role_label}",
                 {"identifiant": u.login, "nom": u.full_name, "courriel": u.email, "role": u.role,
                  "service": u.service.name if u.service else "", "actif": u.active,
                  "cree_le": u.created_at, "derniere_connexion": u.last_login_at})]


def _erase_account(session: Session, person: Person, items: list[Item], settings: Settings) -> int:
    from collectivia.assistant.models import ApiToken
    from collectivia.core.sessions import revoke_user

    u = person.user
    if u is None:
        return 0
    revoke_user(session, u.id)
    session.execute(delete(ApiToken).where(ApiToken.user_id == u.id))
    u.full_name, u.login, u.email = f"Personne effacée n° {u.id}", f"efface-{u.id}", ""
    u.oidc_subject, u.password_hash, u.active = None, None, False
    return 1


def _find_conversations(session: Session, person: Person) -> list[Item]:
    from collectivia.assistant.models import Conversation, Message

    mentioning = select(Message.conversation_id).where(_contains(Message.content, person.terms))
    condition: ColumnElement[bool] = Conversation.id.in_(mentioning)
    if person.user is not None:
        condition = or_(Conversation.user_id == person.user.id, condition)
    found = session.execute(select(Conversation).where(condition).order_by(Conversation.id)).scalars()
    return [Item(c.id, c.created_at, f"« {_short(c.title, 80)} » — {len(c.messages)} message(s)",
                 {"titre": c.title, "de_la_personne": person.user is not None and c.user_id == person.user.id,
                  "messages": [{"role": m.role, "date": m.created_at, "texte": m.content} for m in c.messages]})
            for c in found]


def _erase_conversations(session: Session, person: Person, items: list[Item], settings: Settings) -> int:
    from collectivia.assistant.models import Conversation, Message
    from collectivia.privacy.service import forget

    ids = [i.id for i in items]
    if not ids:
        return 0
    forget(session, *session.execute(select(Conversation.scope).where(Conversation.id.in_(ids))).scalars())
    session.execute(delete(Message).where(Message.conversation_id.in_(ids)))
    session.execute(delete(Conversation).where(Conversation.id.in_(ids)))
    return len(ids)


def _find_hr_questions(session: Session, person: Person) -> list[Item]:
    from collectivia.hrdesk.models import HrQuestion, HrTicket

    in_tickets = select(HrTicket.question_id).where(or_(_contains(HrTicket.details, person.terms),
                                                        _contains(HrTicket.response, person.terms)))
    condition = or_(_contains(HrQuestion.text, person.terms), HrQuestion.id.in_(in_tickets))
    if person.user is not None:
        condition = or_(HrQuestion.user_id == person.user.id, condition)
    found = session.execute(select(HrQuestion).where(condition).order_by(HrQuestion.id)).scalars()
    return [Item(q.id, q.asked_at, f"« {_short(q.text)} »" + (" — transmise au service RH" if q.ticket else ""),
                 {"question": q.text, "reponse": q.answer,
                  "avis": None if q.feedback is None else {"utile": q.feedback.useful,
                                                           "commentaire": q.feedback.comment},
                  "demande_au_service_rh": None if q.ticket is None else {
                      "statut": q.ticket.status, "precisions": q.ticket.details,
                      "reponse": q.ticket.response, "date": q.ticket.created_at}})
            for q in found]


def _erase_hr_questions(session: Session, person: Person, items: list[Item], settings: Settings) -> int:
    from collectivia.hrdesk.retention import remove_questions

    return remove_questions(session, [i.id for i in items])["questions"]


def _find_candidatures(session: Session, person: Person) -> list[Item]:
    from collectivia.recruitment.models import Candidate

    condition = or_(*[_contains(column, person.terms) for column in
                      (Candidate.cv_text, Candidate.letter_text, Candidate.source_filename)])
    found = session.execute(select(Candidate).where(condition).order_by(Candidate.id)).scalars()
    return [Item(c.id, c.created_at, f"{c.label} — offre « {_short(c.posting.intitule, 80)} » — {c.stage}",
                 {"offre": c.posting.intitule, "etape": c.stage, "fichier": c.source_filename,
                  "cv": c.cv_text, "lettre": c.letter_text,
                  "decisions": [{"date": d.at, "vers": d.to_stage, "par": d.user_name}
                                for d in c.decisions]})
            for c in found]


def _erase_candidatures(session: Session, person: Person, items: list[Item], settings: Settings) -> int:
    from collectivia.recruitment.models import Candidate
    from collectivia.recruitment.retention import remove_candidates

    by_posting = defaultdict(list)
    for c in session.execute(select(Candidate).where(Candidate.id.in_([i.id for i in items]))).scalars():
        by_posting[c.posting].append(c.id)
    for posting, ids in by_posting.items():
        remove_candidates(session, settings, posting, ids)
    return len(items)


def _find_workspace_conversations(session: Session, person: Person) -> list[Item]:
    from collectivia.workspaces.models import WorkspaceConversation, WorkspaceExchange

    mentioning = select(WorkspaceExchange.conversation_id).where(or_(
        _contains(WorkspaceExchange.question, person.terms), _contains(WorkspaceExchange.answer, person.terms)))
    condition: ColumnElement[bool] = WorkspaceConversation.id.in_(mentioning)
    if person.user is not None:
        condition = or_(WorkspaceConversation.owner_id == person.user.id, condition)
    found = session.execute(select(WorkspaceConversation).where(condition)
                            .order_by(WorkspaceConversation.id)).scalars()
    return [Item(c.id, c.created_at, f"« {_short(c.title, 80)} » — {len(c.exchanges)} échange(s)",
                 {"titre": c.title, "echanges": [{"date": e.created_at, "question": e.question,
                                                  "reponse": e.answer} for e in c.exchanges]})
            for c in found]


def _erase_workspace_conversations(session: Session, person: Person, items: list[Item],
                                   settings: Settings) -> int:
    from collectivia.privacy.service import forget
    from collectivia.workspaces.models import WorkspaceConversation, WorkspaceExchange

    ids = [i.id for i in items]
    if not ids:
        return 0
    forget(session, *[f"espace:{i}" for i in ids])
    session.execute(delete(WorkspaceExchange).where(WorkspaceExchange.conversation_id.in_(ids)))
    session.execute(delete(WorkspaceConversation).where(WorkspaceConversation.id.in_(ids)))
    return len(ids)


def _find_workspace_documents(session: Session, person: Person) -> list[Item]:
    from collectivia.knowledge.models import KnowledgeChunk, KnowledgeDocument
    from collectivia.workspaces.models import WorkspaceDocument

    mentioning = select(KnowledgeChunk.document_id).where(_contains(KnowledgeChunk.text, person.terms))
    condition = or_(WorkspaceDocument.document_id.in_(mentioning),
                    _contains(KnowledgeDocument.title, person.terms))
    if person.user is not None:
        condition = or_(WorkspaceDocument.added_by_id == person.user.id, condition)
    rows = session.execute(select(WorkspaceDocument, KnowledgeDocument)
                           .join(KnowledgeDocument, KnowledgeDocument.id == WorkspaceDocument.document_id)
                           .where(condition).order_by(WorkspaceDocument.id)).all()
    return [Item(link.id, doc.created_at, f"« {_short(doc.title, 80)} » — espace n° {link.workspace_id}",
                 {"titre": doc.title, "fichier": doc.filename, "espace": link.workspace_id,
                  "lien": f"/espaces/{link.workspace_id}"})
            for link, doc in rows]


def _find_benefit_ratings(session: Session, person: Person) -> list[Item]:
    if person.user is None:
        return []
    found = session.execute(select(BenefitRating).where(BenefitRating.user_id == person.user.id)
                            .order_by(BenefitRating.id)).scalars()
    return [Item(r.id, r.rated_at, f"{r.answer_ref} — {r.minutes_saved if r.minutes_saved is not None else '—'} min",
                 {"reponse": r.answer_ref, "minutes": r.minutes_saved, "satisfait": r.satisfied})
            for r in found]


def _erase_benefit_ratings(session: Session, person: Person, items: list[Item], settings: Settings) -> int:
    session.execute(delete(BenefitRating).where(BenefitRating.id.in_([i.id for i in items])))
    return len(items)


def _find_audit(session: Session, person: Person) -> list[Item]:
    condition = _contains(AuditEvent.actor, person.terms)
    if person.user is not None:
        condition = or_(AuditEvent.actor_id == person.user.id, condition)
    found = session.execute(select(AuditEvent).where(condition).order_by(AuditEvent.id.desc())).scalars()
    return [Item(e.id, e.at, f"{e.action} — {e.actor}",
                 {"action": e.action, "acteur": e.actor, "objet": f"{e.object_type} {e.object_id}".strip(),
                  "resultat": e.outcome})
            for e in found]


Eraser = Callable[[Session, Person, list[Item], Settings], int]


@dataclass(frozen=True)
class Store:
    """A place where the platform keeps data about people, and what erasure does there."""

    key: str
    label: str
    find: Callable[[Session, Person], list[Item]]
    erase: Eraser | None
    on_erase: str


STORES = (
    Store("compte", "Compte", _find_account, _erase_account,
          "Le compte est désactivé et pseudonymisé (nom, identifiant, courriel, lien avec le fournisseur "
          "d'identité effacés), ses sessions et jetons d'API supprimés ; il reste comme « Personne effacée » "
          "pour que les traces légales (journal, décisions signées) gardent leur cohérence."),
    Store("conversations", "Conversations de l'assistant", _find_conversations, _erase_conversations,
          "Les conversations de la personne, et celles qui la mentionnent, sont supprimées avec leurs "
          "pseudonymes."),
    Store("questions_rh", "Questions RH et demandes transmises au service RH", _find_hr_questions,
          _erase_hr_questions, "Les questions, réponses, avis et demandes transmises sont supprimés."),
    Store("candidatures", "Candidatures", _find_candidatures, _erase_candidatures,
          "Les candidatures (CV, lettres, analyses, décisions, fichiers, pseudonymes) sont supprimées."),
    Store("espaces_conversations", "Questions posées dans les espaces de travail",
          _find_workspace_conversations, _erase_workspace_conversations,
          "Les conversations d'espace de la personne, et celles qui la mentionnent, sont supprimées."),
    Store("espaces_documents", "Documents des espaces de travail", _find_workspace_documents, None,
          "Les documents restent : ils appartiennent à l'espace de travail et à son équipe. Le "
          "gestionnaire de l'espace les retire ou les corrige (lien vers chaque espace)."),
    Store("temps_gagne", "Estimations de temps gagné", _find_benefit_ratings, _erase_benefit_ratings,
          "Les estimations de la personne sont supprimées (les totaux mensuels diminuent d'autant)."),
    Store("journal", "Journal d'audit", _find_audit, None, AUDIT_KEPT),
)


@dataclass
class Holding:
    store: Store
    items: list[Item]

    @property
    def shown(self) -> list[Item]:
        return self.items[:MAX_ITEMS]


# --- the service -------------------------------------------------------------------------------

def find_accounts(session: Session, user: User, query: str) -> list[User]:
    """Accounts whose name, login or e-mail contains the query (for the search page)."""
    ensure_role(user, *HANDLERS, action="traiter une demande de droits RGPD")
    query = query.strip()[:200]
    if len(query) < MIN_TEXT:
        return []
    like = f"%{query}%"
    return list(session.execute(select(User).where(or_(User.full_name.ilike(like), User.login.ilike(like),
                                                       User.email.ilike(like)))
                                .order_by(User.full_name).limit(50)).scalars())


def person(session: Session, user: User, account: str = "", text: str = "") -> Person | None:
    """The person a request names (`account`: an account's number; `text`: a name or an e-mail)."""
    ensure_role(user, *HANDLERS, action="traiter une demande de droits RGPD")
    if account.strip():
        found = session.get(User, int(account)) if account.strip().isdigit() else None
        if found is None:
            raise NotFound("Ce compte n'existe pas.")
        return Person(user=found)
    text = " ".join(text.split())[:200]
    if not text:
        return None
    if len(text) < MIN_TEXT:
        raise InvalidInput(f"Indiquez au moins {MIN_TEXT} caractères du nom ou du courriel.")
    return Person(text=text)


def holdings(session: Session, user: User, who: Person) -> list[Holding]:
    """What every store holds on the person (an audit event: the DPO looked)."""
    ensure_role(user, *HANDLERS, action="traiter une demande de droits RGPD")
    found = [Holding(store, store.find(session, who)) for store in STORES]
    audit.record(session, "governance.subject.view", actor=user, object_type=_object_type(who),
                 object_id=who.user.id if who.user else "",
                 details={h.store.key: len(h.items) for h in found if h.items})
    return found


def _object_type(who: Person) -> str:
    return "compte" if who.user is not None else "recherche"


def export(who: Person, found: list[Holding]) -> dict:
    """The JSON the person receives (articles 15 and 20): every item of every store."""
    return {"personne": who.label, "magasins": [
        {"magasin": h.store.label, "conservation_en_cas_d_effacement": h.store.on_erase,
         "elements": [{"id": i.id, "date": i.at, **i.data} for i in h.items]}
        for h in found]}


def erase(session: Session, user: User, who: Person, settings: Settings, confirmed: bool) -> dict[str, int]:
    """Erase what the stores hold on the person, keep what must be kept; counts per store."""
    ensure_role(user, *HANDLERS, action="effacer les données d'une personne")
    if not confirmed:
        raise InvalidInput("Cochez la case confirmant la demande d'effacement : il est définitif.")
    if who.user is not None and who.user.id == user.id:
        raise InvalidInput("Vous ne pouvez pas effacer votre propre compte : un autre DPO le fait.")
    counts: dict[str, int] = {}
    for store in STORES:
        if store.erase is None or store.key == "compte":
            continue
        items = store.find(session, who)
        if items:
            counts[store.key] = store.erase(session, who, items, settings)
    if who.user is not None:
        counts["compte"] = _erase_account(session, who, [], settings)
    audit.record(session, "governance.subject.erase", actor=user, object_type=_object_type(who),
                 object_id=who.user.id if who.user else "", details=counts)
    session.flush()
    return counts
