"""Shared workspaces: a service's documents answer its members' questions, and no one else's."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import func, select

from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from collectivia.jobs import queue
from collectivia.knowledge.models import KnowledgeChunk, KnowledgeDocument
from collectivia.knowledge.retrieval import search
from collectivia.workspaces.models import WorkspaceDocument
from support import csrf_of, login_as, text_of

SECRET = ("Le code du coffre de la régie de recettes est changé chaque trimestre par le "
          "régisseur titulaire, qui le note dans le registre scellé.")
NOTE_MD = ("# Note de la régie\n\n## Coffre de la régie\n\n" + SECRET + "\n\n## Fonds de caisse\n\n"
           "Le fonds de caisse de la régie est de 150 euros, compté chaque soir.\n")


def odt_with(paragraphs: list[str], content_prefix: str = "") -> bytes:
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (content_prefix + '<office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:'
               f'text:1.0"><office:body><office:text>{body}</office:text></office:body>'
               '</office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def user_id(database, role: Role) -> int:
    with database.session() as session:
        return session.execute(select(User.id).where(User.role == role.value)
                               .order_by(User.id)).scalars().first()


def as_role(app, role: Role):
    from fastapi.testclient import TestClient

    return login_as(TestClient(app, base_url="http://testserver"), role)


def create_workspace(client, name: str = "Régie de recettes") -> int:
    response = client.post("/espaces", data={"nom": name, "csrf_token": csrf_of(client, "/espaces")},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return int(re.search(r"/espaces/(\d+)", response.headers["location"]).group(1))


def add_member(client, workspace: int, agent: int, role: str = "membre"):
    return client.post(f"/espaces/{workspace}/membres", data={
        "agent": agent, "role": role, "csrf_token": csrf_of(client, f"/espaces/{workspace}")})


def upload(client, workspace: int, filename: str, data: bytes, title: str):
    return client.post(f"/espaces/{workspace}/documents", data={
        "titre": title, "csrf_token": csrf_of(client, f"/espaces/{workspace}")},
        files={"fichier": (filename, data)})


def ask(client, workspace: int, question: str):
    return client.post(f"/espaces/{workspace}/questions", data={
        "question": question, "csrf_token": csrf_of(client, f"/espaces/{workspace}")})


@pytest.fixture
def regie(client, login, demo_database):
    """A workspace made by an agent, the HR manager... not in it; the AI referent a member."""
    login(client, Role.AGENT)
    workspace = create_workspace(client)
    assert add_member(client, workspace, user_id(demo_database, Role.REFERENT_IA)).status_code == 200
    assert upload(client, workspace, "regie.md", NOTE_MD.encode(), "Note de la régie").status_code == 200
    queue.drain(demo_database)       # the passage vectors, as the worker would compute them
    return workspace


def test_an_agent_creates_a_workspace_names_a_member_and_it_is_audited(client, login, demo_database):
    login(client, Role.AGENT)
    workspace = create_workspace(client, "Urbanisme")
    page = text_of(add_member(client, workspace, user_id(demo_database, Role.REFERENT_IA),
                              "gestionnaire"))
    assert "Urbanisme" in page and "Gestionnaire" in page
    assert "Urbanisme" in text_of(client.get("/espaces"))
    with demo_database.session() as session:
        actions = set(session.execute(select(AuditEvent.action)).scalars())
    assert {"workspaces.created", "workspaces.member_added"} <= actions


def test_a_workspace_needs_a_name_and_the_error_is_tied_to_the_field(client, login):
    login(client, Role.AGENT)
    response = client.post("/espaces", data={"nom": " ", "csrf_token": csrf_of(client, "/espaces")})
    assert response.status_code == 422
    assert 'id="nom-erreur"' in response.text and 'aria-describedby="nom-erreur"' in response.text


def test_a_jury_member_may_not_create_a_workspace(client, login):
    login(client, Role.MEMBRE_JURY)
    response = client.post("/espaces", data={"nom": "X", "csrf_token": csrf_of(client, "/espaces")})
    assert response.status_code == 403


@pytest.mark.parametrize("filename, data", [
    ("regie.md", NOTE_MD.encode()),
    ("regie.txt", NOTE_MD.encode()),
    ("regie.odt", odt_with(["Coffre de la régie", SECRET])),
])
def test_a_manager_adds_a_document_and_a_member_gets_a_cited_answer(client, login, app,
                                                                   demo_database, filename, data):
    login(client, Role.AGENT)
    workspace = create_workspace(client)
    add_member(client, workspace, user_id(demo_database, Role.REFERENT_IA))
    page = text_of(upload(client, workspace, filename, data, "Note de la régie"))
    assert "Note de la régie" in page and "passage" in page
    queue.drain(demo_database)
    with demo_database.session() as session:
        assert not session.execute(select(KnowledgeDocument.vectors_pending).where(
            KnowledgeDocument.title == "Note de la régie")).scalar_one()

    member = as_role(app, Role.REFERENT_IA)
    answer = text_of(ask(member, workspace, "Qui change le code du coffre de la régie ?"))
    assert "régisseur titulaire" in answer
    assert "[Note de la régie" in answer            # the document's title, then the passage
    assert "ne répondent pas" not in answer


def test_without_an_answer_in_the_documents_it_says_so(client, login, regie):
    answer = text_of(ask(client, regie, "Combien de jours de congés pour un mariage ?"))
    assert "Les documents de l'espace ne répondent pas" in answer
    assert "régisseur" not in answer


def test_a_non_member_never_sees_the_workspace_nor_its_documents(client, app, regie, demo_database):
    stranger = as_role(app, Role.GESTIONNAIRE_RH)
    assert "Régie de recettes" not in text_of(stranger.get("/espaces"))
    assert stranger.get(f"/espaces/{regie}").status_code == 404
    token = csrf_of(stranger, "/espaces")
    assert stranger.post(f"/espaces/{regie}/questions", data={
        "question": SECRET, "csrf_token": token}).status_code == 404
    assert stranger.post(f"/espaces/{regie}/membres", data={
        "agent": 1, "role": "gestionnaire", "csrf_token": token}).status_code == 404
    assert stranger.post(f"/espaces/{regie}/supprimer", data={"csrf_token": token}).status_code == 404
    # the HR questions, asked with the note's exact wording, never quote it
    response = stranger.post("/questions-rh", data={
        "question": "Le code du coffre de la régie de recettes est changé chaque trimestre par qui ?",
        "csrf_token": token})
    assert "registre scellé" not in text_of(response) and "Note de la régie" not in text_of(response)
    assert "Note de la régie" not in text_of(stranger.get("/questions-rh/documents"))
    others = [user_id(demo_database, role) for role in (Role.GESTIONNAIRE_RH, Role.ADMIN, Role.DPO)]
    with demo_database.session() as session:
        for role in others:
            user = session.get(User, role)
            for mode in ("hybrid", "bm25", "dense"):
                found = search(session, user, SECRET, k=50, mode=mode)
                assert all(p.document_title != "Note de la régie" for p in found), (role, mode)
        chunk = session.execute(select(KnowledgeChunk.id).join(KnowledgeDocument).where(
            KnowledgeDocument.title == "Note de la régie")).scalars().first()
    assert stranger.get(f"/questions-rh/articles/{chunk}").status_code == 404


def test_shared_conversations_are_seen_by_members_only(client, app, regie):
    owner_page = ask(client, regie, "Quel est le fonds de caisse de la régie ?")
    conversation = re.search(r"/conversations/(\d+)", str(owner_page.url)).group(1)
    path = f"/espaces/{regie}/conversations/{conversation}"
    member = as_role(app, Role.REFERENT_IA)
    stranger = as_role(app, Role.DPO)
    assert member.get(path).status_code == 404          # not shared yet
    assert "fonds de caisse" not in text_of(member.get(f"/espaces/{regie}"))

    shared = client.post(path + "/partage", data={"partager": "oui",
                                                  "csrf_token": csrf_of(client, path)})
    assert "partagée" in text_of(shared)
    assert "150 euros" in text_of(member.get(path))
    assert "fonds de caisse" in text_of(member.get(f"/espaces/{regie}"))
    assert stranger.get(path).status_code == 404        # shared with members, not with everyone
    # a member reads a shared conversation but neither unshares it nor writes in it
    token = csrf_of(member, f"/espaces/{regie}")
    assert member.post(path + "/partage", data={"partager": "non", "csrf_token": token}
                       ).status_code == 404
    assert member.post(f"/espaces/{regie}/questions", data={
        "question": "Et le coffre ?", "conversation": conversation, "csrf_token": token}
        ).status_code == 404


@pytest.mark.parametrize("filename, data, message", [
    ("piege.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "illisible"),
    ("faux.pdf", b"MZ\x90\x00 executable", "n'est pas un PDF valide"),
    ("bombe.odt", odt_with(["x"], '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'),
     "entités XML"),
    ("page.html", b"<html><body><p>Bonjour</p></body></html>", "n'est pas accepté dans un espace"),
    ("enorme.txt", b"a" * 10_000_001, "taille maximale"),
])
def test_a_hostile_or_unsupported_file_is_refused_in_french_and_nothing_is_stored(
        client, login, demo_database, filename, data, message):
    login(client, Role.AGENT)
    workspace = create_workspace(client)
    with demo_database.session() as session:
        before = (session.execute(select(func.count(KnowledgeDocument.id))).scalar_one(),
                  session.execute(select(func.count(WorkspaceDocument.id))).scalar_one())
    response = upload(client, workspace, filename, data, "Document piégé")
    assert response.status_code == 422
    page = text_of(response)
    assert message in page and 'id="fichier-erreur"' in response.text
    with demo_database.session() as session:
        assert (session.execute(select(func.count(KnowledgeDocument.id))).scalar_one(),
                session.execute(select(func.count(WorkspaceDocument.id))).scalar_one()) == before


def test_a_member_who_is_not_manager_cannot_add_documents(app, regie):
    member = as_role(app, Role.REFERENT_IA)
    response = upload(member, regie, "autre.md", b"# Autre\n\nTexte.", "Autre")
    assert response.status_code == 403
    assert "gestionnaires de l'espace" in text_of(response)


def test_removing_a_document_or_the_workspace_removes_its_passages(
        client, regie, demo_database, settings):
    with demo_database.session() as session:
        link, digest = session.execute(
            select(WorkspaceDocument.id, KnowledgeDocument.sha256)
            .join(KnowledgeDocument, KnowledgeDocument.id == WorkspaceDocument.document_id)
            .where(WorkspaceDocument.workspace_id == regie)).one()
    from collectivia.core.files import FileStore

    original = FileStore(settings)._path(digest)
    assert original.exists()
    token = csrf_of(client, f"/espaces/{regie}")
    assert "retiré" in text_of(client.post(f"/espaces/{regie}/documents/{link}/retirer",
                                           data={"csrf_token": token}))
    assert "ne répondent pas" in text_of(ask(client, regie, "Qui change le code du coffre ?"))
    assert client.post(f"/espaces/{regie}/supprimer", data={"csrf_token": token}).status_code == 200
    assert client.get(f"/espaces/{regie}").status_code == 404
    with demo_database.session() as session:
        assert not session.execute(select(KnowledgeDocument).where(
            KnowledgeDocument.title == "Note de la régie")).first()
        actions = set(session.execute(select(AuditEvent.action)).scalars())
    assert {"workspaces.document_added", "workspaces.document_removed",
            "workspaces.deleted"} <= actions
    assert not original.exists()                         # the stored original is gone too


def test_admiville_demo_has_its_reception_workspace(client, login):
    login(client, Role.AGENT)
    page = text_of(client.get("/espaces"))
    assert "Accueil des usagers" in page
    workspace = re.search(r'href="/espaces/(\d+)"', client.get("/espaces").text).group(1)
    answer = text_of(ask(client, int(workspace), "Dans quel délai répond-on à une réclamation ?"))
    assert "quinze jours ouvrés" in answer and "[Traitement des réclamations" in answer


class FakeRouter:
    """A chat model that answers from the first passage it is given, citing it."""

    available = True

    def __init__(self, database):
        self.sent: list[str] = []
        self.database = database
        self.connections_held: list[int] = []

    def model_config(self, alias=None):
        from collectivia.llm.config import ModelConfig

        return ModelConfig(alias="modele-test", price_in_eur_per_mtok=1.0,
                           price_out_eur_per_mtok=2.0)

    def model_info(self, alias=None):
        from types import SimpleNamespace

        return SimpleNamespace(config=self.model_config(alias))

    def complete(self, messages, model=None, max_tokens=512, temperature=0.2):
        from collectivia.llm.types import Completion

        prompt = messages[-1].content
        self.sent.append(prompt)
        self.connections_held.append(self.database.engine.pool.checkedout())
        citation = re.search(r"\[([^\]]+)\]", prompt).group(1)
        return Completion(text=f"Mme <NOM_1> change le code du coffre chaque trimestre "
                               f"[{citation}].", model="modele-test", prompt_tokens=120,
                          completion_tokens=20, backend="faux")


def test_with_a_model_every_text_is_pseudonymised_and_the_answer_cites_its_passage(
        client, login, monkeypatch, demo_database):
    import collectivia.assistant.protection as protection
    import collectivia.llm as llm

    router = FakeRouter(demo_database)
    protected: list[list[str]] = []

    def protect_all(session, texts, scope, settings):
        protected.append(list(texts))
        return protection.Protection(texts=[t.replace("Leclerc", "<NOM_1>") for t in texts])

    monkeypatch.setattr(llm, "get_router", lambda *_: router)
    monkeypatch.setattr(protection, "protect_all", protect_all)
    monkeypatch.setattr(protection, "reidentify",
                        lambda session, text, scope, settings: text.replace("<NOM_1>", "Leclerc"))
    login(client, Role.AGENT)
    workspace = create_workspace(client)
    upload(client, workspace, "coffre.md", ("# Coffre\n\n## Code du coffre\n\nLa régisseuse "
                                            "titulaire, Mme Leclerc, change le code du coffre "
                                            "chaque trimestre.\n").encode(), "Consignes du coffre")
    page = text_of(ask(client, workspace, "Qui change le code du coffre ?"))
    assert "Mme Leclerc change le code du coffre chaque trimestre [Consignes du coffre" in page
    assert "modèle modele-test" in page
    assert router.sent and all("Leclerc" not in prompt for prompt in router.sent)
    assert any("Leclerc" in text for texts in protected for text in texts)   # the passage too
    assert router.connections_held == [0]     # no transaction holds other users' writes meanwhile
    with demo_database.session() as session:   # the call is counted like any other model call
        from collectivia.llm.models import UsageRecord

        assert session.execute(select(UsageRecord).where(UsageRecord.source == "espaces")
                               ).scalars().all()


def test_a_removed_member_no_longer_sees_the_workspace_and_the_last_manager_stays(
        client, app, regie, demo_database):
    member = as_role(app, Role.REFERENT_IA)
    assert member.get(f"/espaces/{regie}").status_code == 200
    page = client.get(f"/espaces/{regie}").text
    ids = re.findall(rf"/espaces/{regie}/membres/(\d+)/retirer", page)
    assert len(ids) == 2
    token = csrf_of(client, f"/espaces/{regie}")
    refused = client.post(f"/espaces/{regie}/membres/{ids[0]}/retirer", data={"csrf_token": token})
    assert refused.status_code == 422 and "au moins un gestionnaire" in text_of(refused)
    removed = client.post(f"/espaces/{regie}/membres/{ids[1]}/retirer", data={"csrf_token": token})
    assert "n'est plus membre" in text_of(removed)
    assert member.get(f"/espaces/{regie}").status_code == 404
    with demo_database.session() as session:
        assert "workspaces.member_removed" in set(session.execute(select(AuditEvent.action)).scalars())


@pytest.mark.db
def test_two_managers_removing_each_other_at_once_leave_one_manager(demo_database):
    """Decided one after the other on the workspace's locked row, never both."""
    import threading

    from collectivia.core.errors import CollectiviaError
    from collectivia.workspaces import service
    from collectivia.workspaces.models import MANAGER, Workspace, WorkspaceMember

    with demo_database.session() as session:
        first, second = (session.execute(select(User).where(User.role == role)).scalars().first()
                         for role in (Role.GESTIONNAIRE_RH, Role.REFERENT_IA))
        workspace = service.create(session, first, "Course aux retraits")
        workspace.members.append(WorkspaceMember(user_id=second.id, role=MANAGER))
        session.flush()
        ids = {first.id: workspace.id, "members": {m.user_id: m.id for m in workspace.members}}
    barrier, outcomes = threading.Barrier(2), []

    def remove(actor_id: int, other_id: int) -> None:
        barrier.wait()
        try:
            with demo_database.session() as session:
                service.remove_member(session, session.get(User, actor_id), ids[first.id],
                                      ids["members"][other_id])
            outcomes.append("retiré")
        except CollectiviaError as refusal:
            outcomes.append(type(refusal).__name__)

    threads = [threading.Thread(target=remove, args=pair)
               for pair in ((first.id, second.id), (second.id, first.id))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert outcomes.count("retiré") == 1
    with demo_database.session() as session:
        assert session.execute(select(func.count()).select_from(WorkspaceMember).where(
            WorkspaceMember.workspace_id == ids[first.id],
            WorkspaceMember.role == MANAGER)).scalar_one() == 1
        assert session.get(Workspace, ids[first.id]) is not None
