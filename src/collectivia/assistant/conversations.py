"""An agent's conversations: only their owner reads them; the retention period ends them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from collectivia.assistant.models import AssistantPolicy, Conversation, Message
from collectivia.assistant.protection import forget
from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.settings import Settings

MAX_RETENTION_DAYS = 3650
MAX_TITLE_CHARS = 200
MAX_SEARCH_CHARS = 200


def list_conversations(session: Session, user: User, limit: int = 100) -> list[Conversation]:
    ensure_role(user, *ALL_ROLES, action="consulter ses conversations")
    return list(session.execute(
        select(Conversation).where(Conversation.user_id == user.id)
        .order_by(Conversation.updated_at.desc(), Conversation.id.desc()).limit(limit)).scalars())


def own_conversation(session: Session, user: User, conversation_id: int) -> Conversation:
    """The user's own conversation. Someone else's is "not found", even for the admin."""
    ensure_role(user, *ALL_ROLES, action="consulter une conversation")
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or conversation.user_id != user.id:
        raise NotFound("Cette conversation n'existe pas ou a été supprimée.")
    return conversation


def rename_conversation(session: Session, user: User, conversation_id: int, title: str
                        ) -> Conversation:
    """A title the owner chooses instead of the first words of the first question."""
    conversation = own_conversation(session, user, conversation_id)
    title = " ".join((title or "").split())
    if not title:
        raise InvalidInput("Donnez un titre à la conversation.")
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInput(f"Le titre est trop long ({len(title)} caractères ; limite "
                           f"{MAX_TITLE_CHARS}).")
    conversation.title = title
    return conversation


def search_conversations(session: Session, user: User, query: str, limit: int = 100
                         ) -> list[Conversation]:
    """The asker's own conversations whose title or messages contain `query`.

    The owner filter is in the query itself, not applied afterwards: a search never
    reads, counts or ranks anyone else's conversation, whatever the asker's role.
    """
    ensure_role(user, *ALL_ROLES, action="rechercher dans ses conversations")
    query = " ".join((query or "").split())[:MAX_SEARCH_CHARS]
    if not query:
        return []
    in_messages = (select(Message.conversation_id)
                   .where(Message.content.icontains(query, autoescape=True)))
    return list(session.execute(
        select(Conversation).where(
            Conversation.user_id == user.id,
            or_(Conversation.title.icontains(query, autoescape=True),
                Conversation.id.in_(in_messages)))
        .order_by(Conversation.updated_at.desc(), Conversation.id.desc()).limit(limit)).scalars())


def delete_conversation(session: Session, user: User, conversation_id: int) -> None:
    conversation = own_conversation(session, user, conversation_id)
    count = len(conversation.messages)
    forget(session, conversation.scope)
    session.delete(conversation)
    audit.record(session, "assistant.suppression", actor=user, object_type="conversation",
                 object_id=conversation_id, details={"messages": count})


def retention_days(session: Session, settings: Settings) -> int:
    policy = session.get(AssistantPolicy, 1)
    return policy.retention_days if policy else settings.assistant_retention_days


def set_retention(session: Session, user: User, days: int) -> None:
    ensure_role(user, Role.ADMIN, action="fixer la durée de conservation des conversations")
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise InvalidInput(f"La durée de conservation doit être comprise entre 1 et "
                           f"{MAX_RETENTION_DAYS} jours.")
    policy = session.get(AssistantPolicy, 1)
    if policy is None:
        session.add(AssistantPolicy(id=1, retention_days=days, updated_at=clock.now()))
    else:
        policy.retention_days = days
        policy.updated_at = clock.now()
    audit.record(session, "assistant.conservation", actor=user, details={"jours": days})


def purge_expired(session: Session, settings: Settings, actor: User | None = None) -> int:
    """Delete conversations untouched for longer than the retention period (audited)."""
    if actor is not None:
        ensure_role(actor, Role.ADMIN, action="purger les conversations expirées")
    days = retention_days(session, settings)
    limit = clock.now() - timedelta(days=days)
    expired = session.execute(select(Conversation.id, Conversation.scope)
                              .where(Conversation.updated_at < limit)).all()
    ids = [row.id for row in expired]
    messages = 0
    if ids:
        forget(session, *[row.scope for row in expired])
        messages = session.execute(select(func.count()).select_from(Message)
                                   .where(Message.conversation_id.in_(ids))).scalar_one()
        session.execute(delete(Message).where(Message.conversation_id.in_(ids)))
        session.execute(delete(Conversation).where(Conversation.id.in_(ids)))
    audit.record(session, "assistant.purge", actor=actor,
                 details={"conversations": len(ids), "messages": messages,
                          "conservation_jours": days})
    return len(ids)
