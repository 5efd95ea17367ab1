"""The chat pages: /assistant (every role), with or without JavaScript.

Without JS the form posts and the page reloads with the answer. With JS
(static/assistant.js) the same form goes to /assistant/flux, which streams
the answer as NDJSON events while it is written; once it is complete the
script shows the conversation as the server renders it (Markdown made safe
by `rendering`), so both paths end on the same HTML. The same two routes
take the "regenerate" and "edit and resend" forms (`regenerer`, `remplace`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, StreamingResponse

from collectivia.assistant import conversations, prompts
from collectivia.assistant.conversation_views import router as conversation_router
from collectivia.assistant.embedding_gateway import ROUTES as EMBEDDING_ROUTES
from collectivia.assistant.gateway import ROUTES as GATEWAY_ROUTES
from collectivia.assistant.manage_views import ACCESS as MANAGE_ACCESS
from collectivia.assistant.manage_views import router as manage_router
from collectivia.assistant.protection import reidentified_stream, reidentify
from collectivia.assistant.rendering import render_markdown
from collectivia.assistant.turns import (MAX_MESSAGE_CHARS, Attachment, PreparedTurn, ai_label,
                                         charter_url, check_turn, finish_turn, prepare_turn,
                                         read_attachment)
from collectivia.core import audit
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES
from collectivia.llm import admission, get_router
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
router.routes.extend(GATEWAY_ROUTES + EMBEDDING_ROUTES)
router.routes.extend(manage_router.routes)
router.routes.extend(conversation_router.routes)

ACCESS = {
    "GET /assistant": ALL_ROLES,
    "POST /assistant": ALL_ROLES,
    "POST /assistant/flux": ALL_ROLES,
    **MANAGE_ACCESS,
}

# twice the message limit: beyond that, the form is refused before our clearer message
Text = Annotated[str, Form(max_length=MAX_MESSAGE_CHARS * 2)]
Flag = Annotated[str, Form(max_length=10)]


async def _attachment(upload: UploadFile | None) -> Attachment | None:
    if upload is None or not upload.filename:
        return None
    return Attachment(upload.filename, await upload.read())


def _page(request: Request, session, user: User, *, conversation_id: int | None = None,
          error: str | None = None, values: dict | None = None, status_code: int = 200):
    settings = settings_of(request)
    llm = get_router(settings, session, user.role)
    current = (conversations.own_conversation(session, user, conversation_id)
               if conversation_id else None)
    query = " ".join(request.query_params.get("q", "").split())[:conversations.MAX_SEARCH_CHARS]
    context = {
        "title": current.title if current else "Assistant",
        "conversations": (conversations.search_conversations(session, user, query) if query
                          else conversations.list_conversations(session, user)),
        "query": query,
        "markdown": render_markdown,
        "current": current,
        "tasks": prompts.TASKS,
        "models": llm.models() if llm.available else [],
        "default_model": llm.default_model,
        "available": llm.available,
        "charter_url": charter_url(session, user),
        "retention_days": conversations.retention_days(session, settings),
        "label": ai_label,
        "error": error,
        "values": values or {},
    }
    return render(request, "assistant/chat.html", context, status_code=status_code, ai_output=True)


@router.get("/assistant", include_in_schema=False)
def chat_home(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return _page(request, session, user)


@router.get("/assistant/conversations/{conversation_id}", include_in_schema=False)
def chat_conversation(request: Request, conversation_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _page(request, session, user, conversation_id=conversation_id)


def _prepare(request: Request, user_holder: dict, *, text: str, task: str, model: str | None,
             conversation_id: int | None, attachment: Attachment | None,
             replace_from: int | None, regenerate: bool) -> PreparedTurn:
    """Step 1 of a turn, committed (a refusal's audit event is kept). An attachment is read
    between two short sessions, with none open: a slow file holds no other user's writes."""
    settings = settings_of(request)
    asked: dict[str, Any] = {"text": text, "conversation_id": conversation_id, "replace_from": replace_from,
             "regenerate": regenerate}
    with open_session(request) as session:
        user = require_user(request, session)
        user_holder["user"] = user
        to_read = check_turn(session, user, with_attachment=attachment is not None, **asked)
    read = read_attachment(attachment, settings) if to_read and attachment is not None else None
    with open_session(request) as session:
        user = require_user(request, session)
        return prepare_turn(session, user, settings, get_router(settings, session, user.role),
                            task=task, model=model,
                            attachment=read, **asked)


def _finish(request: Request, prepared: PreparedTurn, completion) -> tuple[int, int]:
    settings = settings_of(request)
    with open_session(request) as session:
        user = session.get_one(User, prepared.user_id)
        llm = get_router(settings, session, user.role)
        conversation, reply = finish_turn(session, user, settings, llm, prepared, completion)
        return conversation.id, reply.id


def _record_failure(request: Request, prepared: PreparedTurn, exc: CollectiviaError) -> None:
    _give_back(request, prepared, "assistant.echec", "échec", raison=type(exc).__name__)


def _give_back(request: Request, prepared: PreparedTurn, action: str, outcome: str,
               **details) -> None:
    """A turn that ends without an answer: its quota is released (it used none), the audit
    log says why."""
    with open_session(request) as session:
        admission.release(session, prepared.reservation)
        audit.record(session, action, actor=session.get(User, prepared.user_id),
                     object_type="conversation", object_id=prepared.conversation_id or "",
                     outcome=outcome, details={"modele": prepared.model, "source": "assistant",
                                               **details})


@router.post("/assistant", include_in_schema=False)
async def chat_send(request: Request, message: Text = "", tache: Annotated[str, Form()] = "libre",
                    modele: Annotated[str, Form()] = "", conversation: Annotated[int, Form()] = 0,
                    piece_jointe: Annotated[UploadFile | None, File()] = None,
                    remplace: Annotated[int, Form()] = 0, regenerer: Flag = ""):
    """The no-JavaScript path: ask, wait for the whole answer, show the conversation."""
    from starlette.concurrency import run_in_threadpool

    holder: dict = {}
    values = {"message": message, "tache": tache, "modele": modele}
    try:
        prepared = await run_in_threadpool(
            _prepare, request, holder, text=message, task=tache, model=modele or None,
            conversation_id=conversation or None, attachment=await _attachment(piece_jointe),
            replace_from=remplace or None, regenerate=bool(regenerer))
        if prepared.blocked:
            raise InvalidInput(prepared.protection.explanation)
        llm = get_router(settings_of(request), database(request), holder["user"].role)
        try:
            completion = await run_in_threadpool(llm.complete, prepared.messages, prepared.model,
                                                 prepared.max_tokens)
        except CollectiviaError as exc:
            await run_in_threadpool(_record_failure, request, prepared, exc)
            raise
        conversation_id, message_id = await run_in_threadpool(_finish, request, prepared,
                                                              completion)
    except CollectiviaError as exc:
        if "user" not in holder:
            raise
        with open_session(request) as session:
            user = require_user(request, session)
            return _page(request, session, user, conversation_id=conversation or None,
                         error=exc.message, values=values, status_code=exc.status_code)
    return RedirectResponse(f"/assistant/conversations/{conversation_id}#message-{message_id}",
                            status_code=303)


def _event(kind: str, **data) -> str:
    return json.dumps({"type": kind, **data}, ensure_ascii=False) + "\n"


def _stream_events(request: Request, prepared: PreparedTurn,
                   role: str | None = None) -> Iterator[str]:
    """The turn's events; `role` keeps the call on the backends open to the asker's role
    (prepare_turn already refused a model closed to it)."""
    llm = get_router(settings_of(request), database(request), role)
    try:
        yield _event("debut", modele=prepared.model, etiquette=ai_label(prepared.model),
                     note=prepared.protection.note)
        stream = llm.stream(prepared.messages, prepared.model, prepared.max_tokens)
        with database(request).session() as session:
            def restore(text: str) -> str:
                return reidentify(session, text, prepared.scope, settings_of(request))

            for piece in reidentified_stream(stream, restore):
                yield _event("texte", texte=piece)
        conversation_id, message_id = _finish(request, prepared, stream.completion)
    except CollectiviaError as exc:
        _record_failure(request, prepared, exc)
        yield _event("erreur", message=exc.message)
        return
    except GeneratorExit:
        # the agent pressed "Arrêter" (or left): the connection is gone, the generator is
        # closed. As for a failure, nothing of the turn is stored and its quota is given back.
        _give_back(request, prepared, "assistant.interruption", "interrompu")
        raise
    yield _event("fin", conversation=conversation_id, message=message_id,
                 url=f"/assistant/conversations/{conversation_id}")


@router.post("/assistant/flux", include_in_schema=False)
async def chat_stream(request: Request, message: Text = "",
                      tache: Annotated[str, Form()] = "libre", modele: Annotated[str, Form()] = "",
                      conversation: Annotated[int, Form()] = 0,
                      piece_jointe: Annotated[UploadFile | None, File()] = None,
                      remplace: Annotated[int, Form()] = 0, regenerer: Flag = ""):
    """The JavaScript path: the answer as NDJSON events (debut, texte..., fin | erreur)."""
    from starlette.concurrency import run_in_threadpool

    holder: dict = {}
    try:
        prepared = await run_in_threadpool(
            _prepare, request, holder, text=message, task=tache, model=modele or None,
            conversation_id=conversation or None, attachment=await _attachment(piece_jointe),
            replace_from=remplace or None, regenerate=bool(regenerer))
    except CollectiviaError as exc:
        if "user" not in holder:
            raise
        return StreamingResponse(iter([_event("erreur", message=exc.message)]),
                                 status_code=exc.status_code, media_type="application/x-ndjson")
    if prepared.blocked:
        return StreamingResponse(iter([_event("erreur", message=prepared.protection.explanation,
                                              bloque=True)]),
                                 status_code=422, media_type="application/x-ndjson")
    return StreamingResponse(_stream_events(request, prepared, holder["user"].role),
                             media_type="application/x-ndjson",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.post("/assistant/conversations/{conversation_id}/supprimer", include_in_schema=False)
def chat_delete(request: Request, conversation_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        conversations.delete_conversation(session, user, conversation_id)
    flash(request, "La conversation a été supprimée.")
    return RedirectResponse("/assistant", status_code=303)
