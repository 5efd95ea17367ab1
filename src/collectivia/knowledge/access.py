"""Who may read which document: public to every agent, or restricted to roles/directions.

The HR service (gestionnaire_rh) manages the knowledge base and reads all of
it. Anyone else reads public documents, plus restricted ones naming their
role or their direction. A shared workspace's documents (audience "espace")
are readable by no one here: only their workspace searches them, for its
members (collectivia.workspaces). Retrieval turns this into a mask over the index
*before* ranking, so a restricted passage can never surface, not even as a
neighbour of a public one or through a crafted question.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.knowledge.models import PUBLIC, WORKSPACE, KnowledgeDocument

MANAGERS = (Role.GESTIONNAIRE_RH,)


def can_read(user: User, document: KnowledgeDocument) -> bool:
    if document.audience == WORKSPACE:
        return False
    if document.audience == PUBLIC or user.role in MANAGERS:
        return True
    direction = user.direction.code if user.direction else None
    return user.role in document.role_list or (direction is not None
                                                and direction in document.direction_list)


def readable_document_ids(session: Session, user: User) -> set[int]:
    rows = session.execute(select(KnowledgeDocument.id, KnowledgeDocument.audience,
                                  KnowledgeDocument.allowed_roles,
                                  KnowledgeDocument.allowed_directions)).all()
    direction = user.direction.code if user.direction else None
    allowed = set()
    for doc_id, audience, roles, directions in rows:
        if audience == WORKSPACE:
            continue
        if (audience == PUBLIC or user.role in MANAGERS or user.role in roles.split(",")
                or (direction and direction in directions.split(","))):
            allowed.add(doc_id)
    return allowed


def audience_label(document: KnowledgeDocument) -> str:
    if document.audience == PUBLIC:
        return "Tous les agents"
    parts = [Role(r).label for r in document.role_list if r in Role.__members__.values()]
    parts += [f"direction {d}" for d in document.direction_list]
    return "Réservé : " + (", ".join(parts) if parts else "service RH")
