"""The knowledge base as users act on it: upload, list, delete, read an article in full.

Only the HR service (gestionnaire_rh) adds or removes documents; every agent
reads what its rights allow. An upload is extracted (core.documents) and cut
into chunks with no transaction open (`read_upload`), then kept as-is in the
file store and indexed in one short transaction (`store_upload`): either the
document is searchable by its words when the page comes back, or nothing was
written. Its passage vectors follow in the background
(`embedding_jobs`), so a long règlement intérieur does not hold the request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.files import FileStore
from collectivia.core.models import Direction, User
from collectivia.core.roles import Role, ensure_role
from collectivia.knowledge import corpus, embeddings
from collectivia.knowledge.access import MANAGERS, can_read
from collectivia.knowledge.chunking import ChunkDraft, chunk_document, front_matter, parse_version_date
from collectivia.knowledge.legal.versions import in_force, today
from collectivia.knowledge.models import (PUBLIC, RESTRICTED, WORKSPACE, KnowledgeChunk,
                                          KnowledgeDocument)
from collectivia.knowledge.retrieval import Passage, passage_of

MAX_CHUNKS = 3000


@dataclass
class UploadForm:
    title: str = ""
    audience: str = PUBLIC
    roles: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    version_date: str = ""
    source: str = ""


def _store_document(session: Session, *, title: str, drafts: list[ChunkDraft], vectors,
                    created_by: User | None = None, **fields) -> KnowledgeDocument:
    document = KnowledgeDocument(title=title, chunk_count=len(drafts),
                                 created_by_id=created_by.id if created_by else None, **fields)
    session.add(document)
    session.flush()
    rows = [{"document_id": document.id, "position": i, "ref": d.ref[:80],
             "is_article": d.is_article, "section": d.section_path, "heading": d.heading(),
             "text": d.text, "vector": embeddings.to_bytes(vectors[i]) if vectors is not None else None}
            for i, d in enumerate(drafts)]
    if rows:
        session.execute(insert(KnowledgeChunk), rows)
    return document


def shipped_code(session: Session) -> KnowledgeDocument | None:
    return session.execute(select(KnowledgeDocument).where(
        KnowledgeDocument.shipped.is_(True), KnowledgeDocument.title == corpus.CODE_TITLE)
    ).scalar_one_or_none()


def load_shipped_code(session: Session) -> tuple[KnowledgeDocument, bool]:
    """Put the shipped CGFP in the base once (precomputed vectors); (document, created)."""
    existing = shipped_code(session)
    if existing is not None:
        return existing, False
    drafts = corpus.shipped_drafts()
    texts = [corpus.draft_passage(d) for d in drafts]
    vectors = corpus.shipped_vectors(texts)
    if vectors is None:          # corpus or passage format changed: embed now (minutes)
        vectors = embeddings.embed_passages(texts)
    document = _store_document(session, title=corpus.CODE_TITLE, drafts=drafts, vectors=vectors,
                               source=corpus.CODE_SOURCE, filename=corpus.CODE_FILE.name,
                               sha256=hashlib.sha256(corpus.CODE_FILE.read_bytes()).hexdigest(),
                               kind="markdown", version_date=corpus.code_version(),
                               audience=PUBLIC, shipped=True)
    audit.record(session, "knowledge.shipped_loaded", object_type="knowledge_document",
                 object_id=document.id, details={"passages": len(drafts)})
    return document, True


def check_form(session: Session, form: UploadForm) -> tuple[str, list[str], list[str], date | None]:
    title = " ".join(form.title.split())[:300]
    if not title:
        raise InvalidInput("Donnez un titre au document (il apparaîtra dans les citations).")
    if form.audience not in (PUBLIC, RESTRICTED):
        raise InvalidInput("Choisissez qui peut consulter le document : tous les agents ou "
                           "certains rôles ou directions.")
    roles = sorted({r for r in form.roles if r})
    unknown = [r for r in roles if r not in {x.value for x in Role}]
    if unknown:
        raise InvalidInput(f"Rôle inconnu : {', '.join(unknown)}.")
    known_dirs = set(session.execute(select(Direction.code)).scalars())
    directions = sorted({d for d in form.directions if d})
    if [d for d in directions if d not in known_dirs]:
        raise InvalidInput("Une des directions choisies n'existe pas.")
    if form.audience == RESTRICTED and not roles and not directions:
        raise InvalidInput("Un document réservé doit nommer au moins un rôle ou une direction "
                           "autorisés (le service RH le voit toujours).")
    version = None
    if form.version_date.strip():
        version = parse_version_date(form.version_date)
        if version is None:
            raise InvalidInput("La date de version doit être une date valide, au format "
                               "JJ/MM/AAAA (par exemple 12/03/2025).")
    return title, roles, directions, version


@dataclass(frozen=True)
class ReadUpload:
    """An uploaded document read and cut into passages, nothing of it stored yet."""

    data: bytes
    filename: str
    kind: str
    drafts: list[ChunkDraft]
    version_date: date | None        # from its front matter, when it gives one


def read_upload(settings, *, data: bytes, filename: str) -> ReadUpload:
    """Extract (in the sandbox, up to a minute for a hostile PDF) and cut an upload. Needs no
    database session and must be called with none open: on SQLite an open transaction holds
    every other user's writes meanwhile."""
    from collectivia.core.documents import extract_text

    extracted = extract_text(data, filename, max_bytes=settings.max_upload_bytes)
    meta, _ = front_matter(extracted.text)
    drafts = chunk_document(extracted.text)
    if not drafts:
        raise InvalidInput(f"« {filename} » ne contient aucun passage exploitable.")
    if len(drafts) > MAX_CHUNKS:
        raise InvalidInput(f"« {filename} » donnerait {len(drafts)} passages (limite {MAX_CHUNKS}) : "
                           "découpez-le en plusieurs documents.")
    return ReadUpload(data=data, filename=filename, kind=extracted.kind, drafts=drafts,
                      version_date=parse_version_date(meta.get("date")))


def store_upload(session: Session, user: User, settings, upload: ReadUpload,
                 form: UploadForm) -> KnowledgeDocument:
    """Index a read upload with its audit event (HR service only, the rights and the form
    checked again in this transaction); then call `embedding_jobs.start` once it is committed."""
    ensure_role(user, *MANAGERS, action="ajouter un document à la base de connaissances")
    title, roles, directions, version = check_form(session, form)
    sha = FileStore(settings).put(upload.data, session)     # pending until this commits
    document = _store_document(
        session, title=title, drafts=upload.drafts, vectors=None, created_by=user,
        vectors_pending=True, source=form.source.strip()[:500] or upload.filename[:500],
        filename=upload.filename[:255], kind=upload.kind, sha256=sha,
        version_date=version or upload.version_date, audience=form.audience,
        allowed_roles=",".join(roles) if form.audience == RESTRICTED else "",
        allowed_directions=",".join(directions) if form.audience == RESTRICTED else "")
    audit.record(session, "knowledge.document_added", actor=user, object_type="knowledge_document",
                 object_id=document.id, details={"passages": len(upload.drafts),
                                                 "format": upload.kind, "diffusion": form.audience})
    return document


def store_for_workspace(session: Session, user: User, settings, upload: ReadUpload,
                        title: str) -> KnowledgeDocument:
    """Index a read upload that the base never shows (audience "espace"): the workspace that
    owns it has checked the user's rights and searches it for its members only. Its vectors
    follow like any upload's (`embedding_jobs.start` once committed). With no settings (a
    text shipped with the demo) the file itself is not kept, only its digest."""
    sha = (FileStore(settings).put(upload.data, session) if settings is not None
           else hashlib.sha256(upload.data).hexdigest())
    return _store_document(session, title=title, drafts=upload.drafts, vectors=None,
                           created_by=user, vectors_pending=True, source=upload.filename[:500],
                           filename=upload.filename[:255], kind=upload.kind, sha256=sha,
                           version_date=upload.version_date, audience=WORKSPACE)


def ingest(session: Session, user: User, settings, *, data: bytes, filename: str,
           form: UploadForm) -> KnowledgeDocument:
    """`read_upload` then `store_upload` in the caller's transaction: for a file known to be
    small and sound. An upload goes through both steps apart (see hrdesk.views)."""
    ensure_role(user, *MANAGERS, action="ajouter un document à la base de connaissances")
    check_form(session, form)
    return store_upload(session, user, settings, read_upload(settings, data=data, filename=filename),
                        form)


def list_documents(session: Session, user: User) -> list[KnowledgeDocument]:
    ensure_role(user, *MANAGERS, action="gérer la base de connaissances")
    return list(session.execute(select(KnowledgeDocument).where(
        KnowledgeDocument.audience != WORKSPACE).order_by(
        KnowledgeDocument.shipped.desc(), KnowledgeDocument.created_at.desc())).scalars())


def delete_document(session: Session, user: User, document_id: int) -> str:
    ensure_role(user, *MANAGERS, action="retirer un document de la base de connaissances")
    document = session.get(KnowledgeDocument, document_id)
    if document is None or document.audience == WORKSPACE:    # a workspace removes its own
        raise NotFound("Ce document n'existe pas ou a déjà été retiré.")
    if document.shipped:
        raise InvalidInput("Le Code général de la fonction publique livré avec CollectivIA ne peut "
                           "pas être retiré.")
    title = document.title
    session.delete(document)
    session.flush()
    audit.record(session, "knowledge.document_removed", actor=user,
                 object_type="knowledge_document", object_id=document_id)
    return title


def read_passage(session: Session, user: User, chunk_id: int) -> Passage:
    """One article in full, if the user may read its document (404 otherwise: no hint)."""
    ensure_role(user, *Role, action="consulter un texte")
    chunk = session.get(KnowledgeChunk, chunk_id)
    if chunk is None or not can_read(user, chunk.document):
        raise NotFound("Ce texte n'existe pas ou ne vous est pas accessible.")
    return passage_of(chunk)


def find_article(session: Session, user: User, ref: str, on: date | None = None) -> Passage:
    """An article of the shipped code by its id ("L621-1"), in its version in force on `on`
    (today by default; its latest version if it was not in force then)."""
    code = shipped_code(session)
    chunk = None
    if code is not None:
        versions = select(KnowledgeChunk).where(KnowledgeChunk.document_id == code.id,
                                                KnowledgeChunk.ref == ref)
        chunk = (session.execute(versions.where(in_force(on or today()))).scalars().first()
                 or session.execute(versions.order_by(KnowledgeChunk.id.desc())).scalars().first())
    if chunk is None:
        raise NotFound(f"L'article {ref} n'existe pas dans le code.")
    return read_passage(session, user, chunk.id)


def find_cited(session: Session, user: User, citation: str, on: date | None = None) -> Passage:
    """A passage by the reference an answer writes for it: an article of the code ("L621-1"),
    or a passage of the collectivité's own texts as `Passage.citation` writes it ("Règlement
    intérieur, art. 1", "Note avantages, §2"), which the HR service cites in its answers too."""
    title, comma, label = citation.rpartition(", ")
    if not comma:
        return find_article(session, user, citation, on)
    ref = label[len("art. "):] if label.startswith("art. ") else label
    chunk = session.execute(
        select(KnowledgeChunk).join(KnowledgeDocument)
        .where(KnowledgeDocument.title == title, KnowledgeDocument.shipped.is_(False),
               KnowledgeChunk.ref == ref, KnowledgeChunk.is_article.is_(label != ref))
        .order_by(KnowledgeChunk.id.desc())).scalars().first()
    if chunk is None or not can_read(user, chunk.document):
        raise NotFound(f"« {citation} » ne figure dans aucun texte de la base.")
    return read_passage(session, user, chunk.id)


def neighbours(session: Session, passage: Passage) -> tuple[Passage | None, Passage | None]:
    """The previous and next chunks of the same document, to read on (none if its document was
    deleted since the passage was read)."""
    current = session.get(KnowledgeChunk, passage.chunk_id)
    if current is None:
        return None, None
    return _chunk_beside(session, current, -1), _chunk_beside(session, current, 1)


def _chunk_beside(session: Session, chunk: KnowledgeChunk, offset: int) -> Passage | None:
    """The chunk `offset` places away in the same document: the one in force today, else the
    latest version of that place."""
    same_place = select(KnowledgeChunk).where(
        KnowledgeChunk.document_id == chunk.document_id,
        KnowledgeChunk.position == chunk.position + offset)
    other = (session.execute(same_place.where(in_force(today()))).scalars().first()
             or session.execute(same_place.order_by(KnowledgeChunk.id.desc())).scalars().first())
    return passage_of(other) if other else None

