"""Admiville's shared workspace "Accueil des usagers": two short notes, two members.

The notes are fictional and shipped as text: they are cut into passages like
any upload, without the sandbox (nothing hostile to read). Idempotent.
"""

from __future__ import annotations

from sqlalchemy import select

from collectivia.core.roles import Role
from collectivia.knowledge.chunking import chunk_document
from collectivia.knowledge.service import ReadUpload
from collectivia.workspaces import service
from collectivia.workspaces.models import MEMBER, Workspace

NAME = "Accueil des usagers"
NOTES = {
    "Horaires de l'accueil": (
        "horaires-accueil.md",
        "# Horaires de l'accueil\n\n## Accueil physique\n\nL'accueil de la mairie d'Admiville "
        "reçoit les usagers du lundi au vendredi de 8 h 30 à 17 h, et le samedi de 9 h à 12 h.\n\n"
        "## Accueil téléphonique\n\nLe standard répond au 01 00 00 00 00 du lundi au vendredi de "
        "9 h à 16 h 30. En dehors de ces heures, un message renvoie vers le formulaire en ligne.\n"),
    "Traitement des réclamations": (
        "reclamations.md",
        "# Traitement des réclamations\n\n## Enregistrement\n\nToute réclamation d'un usager est "
        "enregistrée le jour même dans le registre des réclamations, avec la date et le service "
        "concerné.\n\n## Délai de réponse\n\nLe service concerné répond à l'usager par écrit dans "
        "un délai de quinze jours ouvrés. Au-delà, l'agent d'accueil prévient le responsable du "
        "service.\n"),
}


def load(session, context) -> None:
    if session.execute(select(Workspace.id).where(Workspace.name == NAME)).first():
        return
    creator = context.users[Role.AGENT]
    workspace = service.create(session, creator, NAME, "Notes et procédures de l'accueil de la "
                               "mairie, pour les agents d'accueil.")
    service.add_member(session, creator, workspace.id, context.users[Role.REFERENT_IA].id, MEMBER)
    for title, (filename, text) in NOTES.items():
        upload = ReadUpload(data=text.encode(), filename=filename, kind="markdown",
                            drafts=chunk_document(text), version_date=None)
        service.store_document(session, creator, None, workspace.id, upload, title)
    context.summary.append(f"Espaces partagés : « {NAME} » avec {len(NOTES)} documents.")
