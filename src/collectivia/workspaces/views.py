"""Shared workspaces pages: my workspaces, one workspace (documents, members, questions), a
conversation.

A form error comes back on the same page, tied to its field (`errors`);
everything a non-member asks for is 404, raised by the service layer.
"""

from __future__ import annotations

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.french import accord
from collectivia.core.roles import ALL_ROLES, ensure_role
from collectivia.knowledge import embedding_jobs
from collectivia.knowledge import service as knowledge
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render
from collectivia.workspaces import answering, conversations, service
from collectivia.workspaces.models import MANAGER, MEMBER_ROLES

router = APIRouter()
BASE = "/espaces"

ACCESS = {
    f"GET {BASE}": ALL_ROLES,
    f"POST {BASE}": service.CREATORS,
}


def _workspace_context(session, user, workspace_id: int) -> dict:
    member = service.membership(session, user, workspace_id)
    workspace = member.workspace
    is_manager = member.role == MANAGER
    return {"w": workspace, "is_manager": is_manager, "member_roles": MEMBER_ROLES,
            "candidates": service.candidates(session, workspace) if is_manager else [],
            "conversations": conversations.visible(session, user, workspace_id),
            "accepted": service.ACCEPTED, "max_mb": service.MAX_UPLOAD_BYTES // 1_000_000,
            "errors": {}, "values": {}}


def _workspace_page(request, session, user, workspace_id: int, status_code: int = 200, **extra):
    context = _workspace_context(session, user, workspace_id)
    context.update(extra)
    return render(request, "workspaces/workspace.html", context, status_code=status_code)


@router.get(BASE)
def home(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "workspaces/home.html", {
            "workspaces": service.mine(session, user), "can_create": user.role in service.CREATORS,
            "errors": {}, "values": {}})


@router.post(BASE)
def create(request: Request, nom: str = Form(""), description: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.CREATORS, action="créer un espace partagé")
        try:
            workspace = service.create(session, user, nom, description)
        except CollectiviaError as exc:
            session.rollback()
            return render(request, "workspaces/home.html", {
                "workspaces": service.mine(session, user), "can_create": True,
                "errors": {"nom": exc.message}, "values": {"nom": nom, "description": description}},
                status_code=exc.status_code)
        flash(request, f"L'espace « {workspace.name} » est créé : ajoutez-y ses membres et ses "
                       "documents.")
        return RedirectResponse(f"{BASE}/{workspace.id}", status_code=303)


@router.get(BASE + "/{workspace_id}")
def workspace_page(request: Request, workspace_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _workspace_page(request, session, user, workspace_id)


@router.post(BASE + "/{workspace_id}/membres")
def add_member(request: Request, workspace_id: int, agent: int = Form(0),
               role: str = Form("membre")):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            member = service.add_member(session, user, workspace_id, agent, role)
        except InvalidInput as exc:
            session.rollback()
            return _workspace_page(request, session, user, workspace_id, exc.status_code,
                                   errors={"agent": exc.message},
                                   values={"agent": agent, "role": role})
        flash(request, f"{member.user.full_name} est {member.role_label.lower()} de l'espace.")
        return RedirectResponse(f"{BASE}/{workspace_id}#membres", status_code=303)


@router.post(BASE + "/{workspace_id}/membres/{member_id}/retirer")
def remove_member(request: Request, workspace_id: int, member_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            name = service.remove_member(session, user, workspace_id, member_id)
        except InvalidInput as exc:
            session.rollback()
            return _workspace_page(request, session, user, workspace_id, exc.status_code,
                                   error=exc.message)
        flash(request, f"{name} n'est plus membre de l'espace.")
        return RedirectResponse(f"{BASE}/{workspace_id}#membres", status_code=303)


@router.post(BASE + "/{workspace_id}/documents")
def add_document(request: Request, workspace_id: int, fichier: UploadFile | None = File(None),
                 titre: str = Form("")):
    """Rights checked first, the file read in the sandbox with no session open, then stored
    with its audit event in a second short session: a refused file stores nothing."""
    settings = settings_of(request)
    with open_session(request) as session:
        user = require_user(request, session)
        service.managing(session, user, workspace_id, "ajouter des documents")
    data = fichier.file.read(service.MAX_UPLOAD_BYTES + 1) if fichier is not None else b""
    filename = (fichier.filename or "") if fichier is not None else ""
    errors = {}
    try:
        service.check_title(titre)
    except InvalidInput as exc:
        errors["titre"] = exc.message
    try:
        if not data:
            raise InvalidInput("Choisissez un fichier (PDF, DOCX, ODT, TXT ou Markdown).")
        if len(data) > service.MAX_UPLOAD_BYTES:
            raise InvalidInput(f"« {filename} » dépasse la taille maximale "
                               f"({service.MAX_UPLOAD_BYTES // 1_000_000} Mo).")
        service.check_format(filename)
        if not errors:
            read = knowledge.read_upload(settings, data=data, filename=filename)
            with open_session(request) as session:
                user = require_user(request, session)
                link = service.store_document(session, user, settings, workspace_id, read, titre)
                title, passages = link.document.title, link.document.chunk_count
    except InvalidInput as exc:
        errors["fichier"] = exc.message
    if errors:
        with open_session(request) as session:
            user = require_user(request, session)
            return _workspace_page(request, session, user, workspace_id, 422, errors=errors,
                                   values={"titre": titre})
    flash(request, f"« {title} » est ajouté à l'espace : {accord(passages, 'passage')} "
                   "consultables par ses membres.")
    embedding_jobs.start(database(request))      # once the upload is committed
    return RedirectResponse(f"{BASE}/{workspace_id}#documents", status_code=303)


@router.post(BASE + "/{workspace_id}/documents/{link_id}/retirer")
def remove_document(request: Request, workspace_id: int, link_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        title = service.remove_document(session, user, workspace_id, link_id,
                                        settings_of(request))
        flash(request, f"« {title} » a été retiré de l'espace.")
        return RedirectResponse(f"{BASE}/{workspace_id}#documents", status_code=303)


@router.post(BASE + "/{workspace_id}/supprimer")
def delete(request: Request, workspace_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        name = service.delete(session, user, workspace_id, settings_of(request))
        flash(request, f"L'espace « {name} », ses documents et ses conversations sont supprimés.")
        return RedirectResponse(BASE, status_code=303)


@router.post(BASE + "/{workspace_id}/questions")
def ask(request: Request, workspace_id: int, question: str = Form(""),
        conversation: int = Form(0)):
    """Three steps, the model asked with no transaction open (see workspaces.answering)."""
    settings = settings_of(request)
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            conversation_id, prepared = conversations.start(
                session, user, workspace_id, question, settings=settings,
                conversation_id=conversation or None)
        except InvalidInput as exc:
            session.rollback()
            if conversation:
                return _conversation_page(request, session, user, workspace_id, conversation,
                                          exc.status_code, errors={"question": exc.message},
                                          values={"question": question})
            return _workspace_page(request, session, user, workspace_id, exc.status_code,
                                   errors={"question": exc.message}, values={"question": question})
    completion = answering.call_model(prepared)
    with open_session(request) as session:
        user = require_user(request, session)
        exchange = conversations.record(session, user, workspace_id, conversation_id, prepared,
                                        completion, settings)
        target = f"{BASE}/{workspace_id}/conversations/{conversation_id}#echange-{exchange.id}"
        return RedirectResponse(target, status_code=303)


def _conversation_page(request, session, user, workspace_id: int, conversation_id: int,
                       status_code: int = 200, **extra):
    conversation = conversations.readable(session, user, workspace_id, conversation_id)
    context = {"w": service.membership(session, user, workspace_id).workspace, "c": conversation,
        "is_owner": conversation.owner_id == user.id, "sources_of": conversations.sources_of,
        "errors": {}, "values": {}}
    context.update(extra)
    return render(request, "workspaces/conversation.html", context, status_code=status_code,
                  ai_output=any(e.mode != "extractif" for e in conversation.exchanges))


@router.get(BASE + "/{workspace_id}/conversations/{conversation_id}")
def conversation_page(request: Request, workspace_id: int, conversation_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _conversation_page(request, session, user, workspace_id, conversation_id)


@router.post(BASE + "/{workspace_id}/conversations/{conversation_id}/partage")
def share(request: Request, workspace_id: int, conversation_id: int, partager: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        conversation = conversations.share(session, user, workspace_id, conversation_id,
                                           partager == "oui")
        flash(request, "La conversation est partagée avec les membres de l'espace."
              if conversation.shared else "La conversation n'est plus partagée.")
        return RedirectResponse(f"{BASE}/{workspace_id}/conversations/{conversation_id}",
                                status_code=303)
