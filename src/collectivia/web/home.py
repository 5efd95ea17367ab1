"""What the home page tells each person first: can I use a model now, where was I, what is mine
to follow and what waits for me.

A list of modules says what the platform does, not what the person should do today: an agent
wants the conversation left yesterday and the answer to the request sent to HR; an HR manager
wants the requests waiting in the queue; the referent IA the proposals to instruct. Each part
reads the domain's own tables through its service, with the viewer's rights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core.french import accord
from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.settings import Settings

RECENT = 5


@dataclass(frozen=True)
class Link:
    """One line of the home page: what it is, where it leads, and a short status."""

    label: str
    path: str
    status: str = ""


@dataclass
class Home:
    models: list[str]
    conversations: list[Link] = field(default_factory=list)
    hr_requests: list[Link] = field(default_factory=list)
    waiting: list[Link] = field(default_factory=list)


def home_for(session: Session, settings: Settings, user: User) -> Home:
    return Home(models=_models(session, settings, user),
                conversations=_recent_conversations(session, user),
                hr_requests=_my_hr_requests(session, user),
                waiting=_waiting_for(session, settings, user))


def _models(session: Session, settings: Settings, user: User) -> list[str]:
    """The chat models open to the viewer's role (none: the assistant cannot answer today)."""
    from collectivia.llm.router import get_router

    router = get_router(settings, session, user.role)
    return [info.alias for info in router.models()] if router.available else []


def _recent_conversations(session: Session, user: User) -> list[Link]:
    from collectivia.assistant.conversations import list_conversations

    return [Link(c.title, f"/assistant/conversations/{c.id}", c.updated_at.strftime("%d/%m/%Y"))
            for c in list_conversations(session, user, limit=RECENT)]


def _my_hr_requests(session: Session, user: User) -> list[Link]:
    """The questions the viewer handed over to the HR service, answered or not."""
    from collectivia.hrdesk.service import my_tickets

    return [Link(_short(t.question.text), f"/questions-rh/reponses/{t.question.id}",
                 "Répondue" if t.response else "En attente de réponse")
            for t in my_tickets(session, user)[:RECENT]]


def _waiting_for(session: Session, settings: Settings, user: User) -> list[Link]:
    """Work others wait on, for the roles that do it: HR requests to answer, candidatures
    received and not yet examined, use-case proposals to instruct, failed background jobs."""
    waiting = []
    if user.role == Role.RECRUTEUR:
        waiting += _candidatures_to_examine(session)
    if user.role == Role.ADMIN:
        waiting += _admin_alerts(session, settings)
    if user.role == Role.GESTIONNAIRE_RH:
        from collectivia.hrdesk.service import ticket_queue

        count = len(ticket_queue(session, user))
        if count:
            waiting.append(Link(accord(count, "demande d'agent à traiter",
                                       "demandes d'agents à traiter"), "/questions-rh/demandes"))
    if user.role == Role.REFERENT_IA:
        from collectivia.governance.models import UseCase, UseCaseStatus

        count = session.scalar(select(func.count()).select_from(UseCase)
                               .where(UseCase.status == UseCaseStatus.IDEA.value)) or 0
        if count:
            waiting.append(Link(accord(count, "proposition de cas d'usage à instruire",
                                       "propositions de cas d'usage à instruire"),
                                "/gouvernance/cas-usage"))
    return waiting


def _admin_alerts(session: Session, settings: Settings) -> list[Link]:
    """Failed background jobs, and an audit journal whose last checkpoint is missing or old."""
    from collectivia.core.audit_checkpoints import staleness
    from collectivia.jobs.models import JobStatus, TrackedJob

    alerts = []
    count = session.scalar(select(func.count()).select_from(TrackedJob)
                           .where(TrackedJob.status == JobStatus.FAILED.value)) or 0
    if count:
        alerts.append(Link(accord(count, "tâche de fond en échec", "tâches de fond en échec"),
                           "/admin/taches"))
    if staleness(settings, str(session.get_bind().engine.url)):
        alerts.append(Link("Journal d'audit sans point de contrôle récent et lisible", "/admin/journal"))
    return alerts


def _candidatures_to_examine(session: Session) -> list[Link]:
    """Per posting, the candidatures still at « reçue »: no decision taken on them yet."""
    from collectivia.recruitment.models import Candidate, Posting

    rows = session.execute(
        select(Posting.id, Posting.intitule, func.count(Candidate.id))
        .join(Candidate, Candidate.posting_id == Posting.id)
        .where(Candidate.stage == "reçue", Posting.purged_at.is_(None))
        .group_by(Posting.id, Posting.intitule).order_by(Posting.id)).all()
    return [Link(f"{intitule} : {accord(count, 'candidature à examiner', 'candidatures à examiner')}",
                 f"/recrutement/offres/{posting_id}/suivi") for posting_id, intitule, count in rows]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
