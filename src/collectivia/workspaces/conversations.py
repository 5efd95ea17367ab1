"""A member's questions in a workspace, kept as conversations they may share with the members.

Who sees a conversation: its owner, and every member of the workspace once
the owner shares it. A non-member never reaches it: `membership` answers 404
first. The pseudonyms of a conversation's model calls live in one vault scope,
"espace:<conversation>".
"""

from __future__ import annotations

import json

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.workspaces import answering, service
from collectivia.workspaces.models import WorkspaceConversation, WorkspaceExchange

MAX_QUESTION_CHARS = 2000


def visible(session: Session, user: User, workspace_id: int) -> list[WorkspaceConversation]:
    service.membership(session, user, workspace_id)
    return list(session.execute(
        select(WorkspaceConversation).where(
            WorkspaceConversation.workspace_id == workspace_id,
            or_(WorkspaceConversation.owner_id == user.id, WorkspaceConversation.shared.is_(True)))
        .order_by(WorkspaceConversation.created_at.desc(), WorkspaceConversation.id.desc())
    ).scalars())


def readable(session: Session, user: User, workspace_id: int,
             conversation_id: int) -> WorkspaceConversation:
    service.membership(session, user, workspace_id)
    conversation = session.get(WorkspaceConversation, conversation_id)
    if (conversation is None or conversation.workspace_id != workspace_id
            or not (conversation.owner_id == user.id or conversation.shared)):
        raise NotFound("Cette conversation n'existe pas ou ne vous est pas accessible.")
    return conversation


def own(session: Session, user: User, workspace_id: int,
        conversation_id: int) -> WorkspaceConversation:
    conversation = readable(session, user, workspace_id, conversation_id)
    if conversation.owner_id != user.id:
        raise NotFound("Cette conversation n'existe pas ou ne vous est pas accessible.")
    return conversation


def start(session: Session, user: User, workspace_id: int, question: str, *, settings=None,
          conversation_id: int | None = None) -> tuple[int, answering.Prepared]:
    """Step 1 of a question (see answering): checked, in the user's conversation (a new one if
    none); returns the conversation's id and the prepared answer."""
    service.membership(session, user, workspace_id)
    question = question.strip()
    if not question:
        raise InvalidInput("Écrivez votre question.")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidInput(f"La question est trop longue (limite {MAX_QUESTION_CHARS} caractères).")
    if conversation_id:
        conversation = own(session, user, workspace_id, conversation_id)
    else:
        conversation = WorkspaceConversation(workspace_id=workspace_id, owner_id=user.id,
                                             title=" ".join(question.split())[:200])
        session.add(conversation)
        session.flush()
    prepared = answering.prepare(session, user, question,
                                 service.document_ids(session, workspace_id),
                                 scope=f"espace:{conversation.id}", settings=settings)
    return conversation.id, prepared


def record(session: Session, user: User, workspace_id: int, conversation_id: int,
           prepared: answering.Prepared, completion, settings=None) -> WorkspaceExchange:
    """Step 3: the answer kept in the conversation (the user's rights checked again)."""
    conversation = own(session, user, workspace_id, conversation_id)
    answer = answering.finish(session, prepared, completion, settings)
    sources = [{"title": p.document_title, "ref": p.citation, "text": p.text} for p in answer.cited]
    exchange = WorkspaceExchange(question=prepared.question, answer=answer.text, mode=answer.mode,
                                 model=answer.model, sources=json.dumps(sources, ensure_ascii=False))
    conversation.exchanges.append(exchange)
    session.flush()
    return exchange


def share(session: Session, user: User, workspace_id: int, conversation_id: int,
          shared: bool) -> WorkspaceConversation:
    conversation = own(session, user, workspace_id, conversation_id)
    conversation.shared = shared
    audit.record(session, "workspaces.conversation_shared" if shared
                 else "workspaces.conversation_unshared", actor=user,
                 object_type="workspace", object_id=workspace_id,
                 details={"conversation": conversation.id})
    return conversation


def sources_of(exchange: WorkspaceExchange) -> list[dict]:
    return json.loads(exchange.sources or "[]")
