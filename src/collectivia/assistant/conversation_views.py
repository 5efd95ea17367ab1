"""What an agent does with a conversation besides asking: rename it, export it to Word.

Every route goes through `conversations.own_conversation`: someone else's
conversation is "not found" (404), for the admin too, exactly as on reading.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from collectivia.assistant import conversations
from collectivia.assistant.export import DOCX_TYPE, conversation_docx
from collectivia.core import clock
from collectivia.core.errors import CollectiviaError, NotFound
from collectivia.core.exports import file_response
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash

router = APIRouter()


def _filename(title: str, suffix: str = "") -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:50] or "conversation"
    return f"assistant-{slug}{suffix}.docx"


def _docx(request: Request, session, user, conversation, messages, filename: str, **details):
    content = conversation_docx(conversation, messages, settings_of(request).collectivite_name,
                                clock.now())
    return file_response(session, user, filename, content, DOCX_TYPE, len(messages),
                         conversation=conversation.id, **details)


@router.get("/assistant/conversations/{conversation_id}/export.docx", include_in_schema=False)
def conversation_export(request: Request, conversation_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        conversation = conversations.own_conversation(session, user, conversation_id)
        return _docx(request, session, user, conversation, list(conversation.messages),
                     _filename(conversation.title))


@router.get("/assistant/conversations/{conversation_id}/reponses/{message_id}/export.docx",
            include_in_schema=False)
def answer_export(request: Request, conversation_id: int, message_id: int):
    """One answer, with the question it answers (a reader needs to know what was asked)."""
    with open_session(request) as session:
        user = require_user(request, session)
        conversation = conversations.own_conversation(session, user, conversation_id)
        messages = list(conversation.messages)
        index = next((i for i, m in enumerate(messages)
                      if m.id == message_id and m.role == "assistant"), None)
        if index is None:
            raise NotFound("Cette réponse n'existe pas ou a été supprimée.")
        exchange = [m for m in messages[max(0, index - 1):index + 1]]
        return _docx(request, session, user, conversation, exchange,
                     _filename(conversation.title, f"-reponse-{message_id}"), message=message_id)


@router.post("/assistant/conversations/{conversation_id}/renommer", include_in_schema=False)
def conversation_rename(request: Request, conversation_id: int,
                        titre: Annotated[str, Form(max_length=1000)] = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            conversations.rename_conversation(session, user, conversation_id, titre)
        except NotFound:
            raise
        except CollectiviaError as exc:
            session.rollback()
            flash(request, exc.message, kind="error")
            return RedirectResponse(f"/assistant/conversations/{conversation_id}",
                                    status_code=303)
    flash(request, "La conversation a été renommée.")
    return RedirectResponse(f"/assistant/conversations/{conversation_id}", status_code=303)
