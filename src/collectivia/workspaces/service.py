"""Workspaces as users act on them: create, name members, add and remove documents.

Every read goes through `membership`: for someone who is not a member, a
workspace, its documents and its conversations do not exist (NotFound, 404),
whatever their role, the administrator's included — a 403 would tell them it
exists. Only a workspace's managers ("gestionnaire") change its members and
documents. An upload is read in the sandbox with no transaction open
(`knowledge.service.read_upload`, called by the view) and stored in one short
transaction here, with its audit event: a refused file stores nothing.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.errors import Forbidden, InvalidInput, NotFound
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.knowledge import service as knowledge
from collectivia.workspaces.models import (MANAGER, MEMBER_ROLES, Workspace,
                                           WorkspaceConversation, WorkspaceDocument,
                                           WorkspaceMember)

# Jury members are often from outside the collectivité: they join workspaces, never create them.
CREATORS = frozenset(ALL_ROLES - {Role.MEMBRE_JURY})
MAX_UPLOAD_BYTES = 10_000_000
ACCEPTED = ".pdf,.docx,.odt,.txt,.md"
UNKNOWN = "Cet espace n'existe pas ou ne vous est pas accessible."


def create(session: Session, user: User, name: str, description: str = "") -> Workspace:
    """A new workspace, its creator its first manager."""
    ensure_role(user, *CREATORS, action="créer un espace partagé")
    name = " ".join(name.split())[:200]
    if not name:
        raise InvalidInput("Donnez un nom à l'espace.")
    workspace = Workspace(name=name, description=description.strip()[:2000],
                          created_by_id=user.id)
    workspace.members.append(WorkspaceMember(user_id=user.id, role=MANAGER))
    session.add(workspace)
    session.flush()
    audit.record(session, "workspaces.created", actor=user, object_type="workspace",
                 object_id=workspace.id, details={"nom": name})
    return workspace


def mine(session: Session, user: User) -> list[Workspace]:
    ensure_role(user, *ALL_ROLES, action="consulter ses espaces")
    return list(session.execute(
        select(Workspace).join(WorkspaceMember).where(WorkspaceMember.user_id == user.id)
        .order_by(Workspace.name)).scalars())


def membership(session: Session, user: User, workspace_id: int) -> WorkspaceMember:
    """The user's place in the workspace; NotFound for anyone else (no hint that it exists)."""
    ensure_role(user, *ALL_ROLES, action="consulter un espace")
    member = session.execute(select(WorkspaceMember).where(
        WorkspaceMember.workspace_id == workspace_id, WorkspaceMember.user_id == user.id)
    ).scalar_one_or_none()
    if member is None:
        raise NotFound(UNKNOWN)
    return member


def managing(session: Session, user: User, workspace_id: int, action: str) -> Workspace:
    member = membership(session, user, workspace_id)
    if member.role != MANAGER:
        raise Forbidden(f"Seuls les gestionnaires de l'espace peuvent {action}.")
    return member.workspace


def add_member(session: Session, user: User, workspace_id: int, member_id: int | None,
               role: str) -> WorkspaceMember:
    workspace = managing(session, user, workspace_id, "ajouter des membres")
    if role not in MEMBER_ROLES:
        raise InvalidInput("Choisissez le rôle du membre dans l'espace : gestionnaire ou membre.")
    agent = session.get(User, member_id) if member_id else None
    if agent is None or not agent.active:
        raise InvalidInput("Choisissez un agent de la collectivité.")
    if any(m.user_id == agent.id for m in workspace.members):
        raise InvalidInput(f"{agent.full_name} est déjà membre de l'espace.")
    member = WorkspaceMember(user_id=agent.id, role=role)
    workspace.members.append(member)
    session.flush()
    audit.record(session, "workspaces.member_added", actor=user, object_type="workspace",
                 object_id=workspace.id, details={"membre": agent.login, "role": role})
    return member


def remove_member(session: Session, user: User, workspace_id: int, member_id: int) -> str:
    """Take a member out (their conversations go with them: shared ones too); a workspace keeps
    at least one manager."""
    # the workspace's row locked first (PostgreSQL; SQLite serialises writers anyway): two
    # managers removing each other at once are decided one after the other, on fresh rows
    session.execute(select(Workspace.id).where(Workspace.id == workspace_id).with_for_update())
    workspace = managing(session, user, workspace_id, "retirer des membres")
    session.refresh(workspace, ["members"])
    member = next((m for m in workspace.members if m.id == member_id), None)
    if member is None:
        raise NotFound("Ce membre n'existe pas ou a déjà été retiré.")
    managers = [m for m in workspace.members if m.role == MANAGER]
    if member.role == MANAGER and len(managers) == 1:
        raise InvalidInput("L'espace doit garder au moins un gestionnaire : nommez-en un autre "
                           "avant de vous retirer.")
    name, login = member.user.full_name, member.user.login
    gone = list(session.execute(select(WorkspaceConversation).where(
        WorkspaceConversation.workspace_id == workspace_id,
        WorkspaceConversation.owner_id == member.user_id)).scalars())
    for conversation in gone:
        session.delete(conversation)
    _forget(session, [c.id for c in gone])
    workspace.members.remove(member)
    session.flush()
    # two managers removing each other at once: the second to commit finds none left
    if not session.execute(select(func.count()).select_from(WorkspaceMember).where(
            WorkspaceMember.workspace_id == workspace_id,
            WorkspaceMember.role == MANAGER)).scalar_one():
        raise InvalidInput("L'espace doit garder au moins un gestionnaire : nommez-en un autre "
                           "avant de vous retirer.")
    audit.record(session, "workspaces.member_removed", actor=user, object_type="workspace",
                 object_id=workspace.id, details={"membre": login})
    return name


def candidates(session: Session, workspace: Workspace) -> list[User]:
    """Active agents not yet members, to choose from."""
    present = {m.user_id for m in workspace.members}
    users = session.execute(select(User).where(User.active.is_(True))
                            .order_by(User.full_name)).scalars()
    return [u for u in users if u.id not in present]


def store_document(session: Session, user: User, settings, workspace_id: int,
                   upload: knowledge.ReadUpload, title: str) -> WorkspaceDocument:
    """Index a read upload in the workspace (managers only, checked again in this transaction);
    the caller starts `embedding_jobs` once it is committed."""
    workspace = managing(session, user, workspace_id, "ajouter des documents")
    title = check_title(title)
    document = knowledge.store_for_workspace(session, user, settings, upload, title)
    link = WorkspaceDocument(document_id=document.id, added_by_id=user.id)
    workspace.documents.append(link)
    session.flush()
    audit.record(session, "workspaces.document_added", actor=user, object_type="workspace",
                 object_id=workspace.id, details={"document": document.id, "format": upload.kind,
                                                  "passages": len(upload.drafts)})
    return link


def check_format(filename: str) -> None:
    suffix = PurePosixPath(filename.lower()).suffix
    if suffix not in ACCEPTED.split(","):
        raise InvalidInput(f"Le format de « {PurePosixPath(filename).name} » n'est pas accepté "
                           "dans un espace (PDF, DOCX, ODT, TXT ou Markdown).")


def check_title(title: str) -> str:
    title = " ".join(title.split())[:300]
    if not title:
        raise InvalidInput("Donnez un titre au document (il apparaîtra dans les citations).")
    return title


def remove_document(session: Session, user: User, workspace_id: int, link_id: int,
                    settings=None) -> str:
    workspace = managing(session, user, workspace_id, "retirer des documents")
    link = next((d for d in workspace.documents if d.id == link_id), None)
    if link is None:
        raise NotFound("Ce document n'existe pas ou a déjà été retiré.")
    title, digest = link.document.title, link.document.sha256
    session.delete(link)
    session.delete(link.document)        # its passages go with it
    session.flush()
    _discard(session, settings, [digest])
    audit.record(session, "workspaces.document_removed", actor=user, object_type="workspace",
                 object_id=workspace.id, details={"document": link.document_id})
    return title


def delete(session: Session, user: User, workspace_id: int, settings=None) -> str:
    """The workspace, its documents (their passages and stored files), its conversations (and
    their pseudonyms in the vault)."""
    workspace = managing(session, user, workspace_id, "supprimer l'espace")
    name = workspace.name
    digests = [link.document.sha256 for link in workspace.documents]
    conversations = list(session.execute(select(WorkspaceConversation.id).where(
        WorkspaceConversation.workspace_id == workspace_id)).scalars())
    for link in list(workspace.documents):
        session.delete(link.document)
    session.delete(workspace)
    session.flush()
    _forget(session, conversations)
    _discard(session, settings, digests)
    audit.record(session, "workspaces.deleted", actor=user, object_type="workspace",
                 object_id=workspace_id, details={"nom": name})
    return name


def document_ids(session: Session, workspace_id: int) -> list[int]:
    return list(session.execute(select(WorkspaceDocument.document_id).where(
        WorkspaceDocument.workspace_id == workspace_id)).scalars())


def _forget(session: Session, conversation_ids: list[int]) -> None:
    """A conversation gone, its pseudonyms must not stay re-identifiable in the vault."""
    if conversation_ids:
        from collectivia.privacy import forget

        forget(session, *(f"espace:{i}" for i in conversation_ids))


def _discard(session: Session, settings, digests: list[str]) -> None:
    """The stored originals no row names any more (another document may share a file)."""
    if settings is not None and digests:
        FileStore(settings).discard_unreferenced(session, [d for d in digests if d])
