"""Merge a text read from Légifrance into the knowledge base, keeping every older version.

An article is a list of versions, one chunk each, with the dates it was in
force. Importing a text again adds only what is new: a version already stored
(same Légifrance id) gets its end date if it has one now; a new version closes
the one it replaces; an article missing from a complete consultation was
repealed. The shipped code (version of 15/01/2024, no Légifrance ids) is the
baseline: an imported version already in force on its date is the same
article, so it adopts the ids and dates instead of being flagged as a change.

What changed after the corpus date (added, modified, repealed) is returned,
kept in `LegalUpdate`, and told to the domains that cite articles (a
`law_changes` module, found like `views` or `cli`): Questions RH flags the FAQ
entries and answers that cite them. New passages get their vectors afterwards
(`embedding_jobs`), like an upload: they are searchable by their words at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.discovery import modules_named
from collectivia.core.errors import InvalidInput
from collectivia.knowledge import corpus
from collectivia.knowledge.chunking import heading_of
from collectivia.knowledge.legal.articles import (IN_FORCE, NEVER_IN_FORCE, REPEALED, REPLACED,
                                                  ArticleVersion, LegalText, comparable)
from collectivia.knowledge.models import (PUBLIC, KnowledgeChunk, KnowledgeDocument, LegalSource,
                                          LegalUpdate)

ADDED, MODIFIED, REPEALED_CHANGE = "ajouté", "modifié", "abrogé"
MAX_REPEALED_SHARE = 0.5     # a consultation missing half the articles is broken, not the law
EARLIEST = date.min


@dataclass
class ArticleChange:
    """One article that changed after the corpus date, as HR needs to review it."""

    document_id: int
    document_title: str
    shipped: bool
    ref: str
    change: str                     # ajouté, modifié, abrogé
    effective: date | None
    old_chunk: KnowledgeChunk | None = None
    new_chunk: KnowledgeChunk | None = None

    @property
    def old_text(self) -> str:
        return self.old_chunk.text if self.old_chunk is not None else ""

    @property
    def new_text(self) -> str:
        return self.new_chunk.text if self.new_chunk is not None else ""

    def as_json(self) -> dict:
        return {"ref": self.ref, "change": self.change,
                "effective": self.effective.isoformat() if self.effective else None,
                "old_chunk_id": self.old_chunk.id if self.old_chunk is not None else None,
                "new_chunk_id": self.new_chunk.id if self.new_chunk is not None else None}


@dataclass
class ImportReport:
    source: LegalSource
    document: KnowledgeDocument
    changes: list[ArticleChange] = field(default_factory=list)
    versions_added: int = 0

    def count(self, change: str) -> int:
        return sum(c.change == change for c in self.changes)


def short_title(text: LegalText) -> str:
    """"Décret n° 85-1250 du 26 novembre 1985 relatif aux…" -> "Décret n° 85-1250 du 26 novembre
    1985": what a citation can carry in brackets."""
    title = " ".join(text.title.split())
    for cut in (" relatif ", " portant ", " pris pour ", " fixant "):
        if cut in title:
            title = title.split(cut)[0]
    return title.strip(" ,")[:120] or text.legal_id


def source_for(session: Session, text: LegalText) -> LegalSource:
    source = session.execute(select(LegalSource).where(
        LegalSource.legal_id == text.legal_id)).scalar_one_or_none()
    if source is None:
        source = LegalSource(legal_id=text.legal_id, title=text.title or text.legal_id,
                             short_title=short_title(text), nature=text.nature or "DECRET",
                             nor=text.nor, followed=True)
        session.add(source)
    else:
        source.title = text.title or source.title
        source.nor = text.nor or source.nor
        if source.short_title in ("", source.legal_id):     # followed by its id (`follow`)
            source.short_title = short_title(text)          # names the document and citations
    return source


def _document_for(session: Session, source: LegalSource, text: LegalText) -> KnowledgeDocument:
    if source.document is not None:
        return source.document
    if text.legal_id == corpus.CODE_LEGAL_ID:
        from collectivia.knowledge.service import load_shipped_code

        document, _ = load_shipped_code(session)
    else:
        document = KnowledgeDocument(
            title=source.short_title or short_title(text), kind="legifrance", audience=PUBLIC,
            source=f"Légifrance — {text.title or text.legal_id} ({text.legal_id})"[:500],
            filename=text.legal_id, chunk_count=0)
        session.add(document)
        session.flush()
    source.document_id = document.id
    source.document = document
    return document


def _after(corpus_date: date | None, day: date | None) -> bool:
    return corpus_date is None or day is None or day > corpus_date


class _Article:
    """The stored versions of one article while a text is merged."""

    def __init__(self, chunks: list[KnowledgeChunk]):
        self.chunks = chunks

    def open_chunk(self, on: date | None) -> KnowledgeChunk | None:
        for chunk in reversed(self.ordered()):
            if chunk.valid_until is None or (on is not None and chunk.valid_until > on):
                if chunk.valid_from is None or on is None or chunk.valid_from <= on:
                    return chunk
        return None

    def ordered(self) -> list[KnowledgeChunk]:
        return sorted(self.chunks, key=lambda c: (c.valid_from or EARLIEST, c.id or 0))

    def predecessor(self, version: ArticleVersion) -> KnowledgeChunk | None:
        start = version.valid_from or EARLIEST
        before = [c for c in self.ordered() if (c.valid_from or EARLIEST) < start]
        return before[-1] if before else None

    def baseline(self, version: ArticleVersion, corpus_date: date | None) -> KnowledgeChunk | None:
        """A chunk without Légifrance id that is this very version: the same words, or the
        version already in force on the corpus date (the shipped code's own wording)."""
        plain = [c for c in self.chunks if not c.legal_id]
        same = [c for c in plain if comparable(c.text) == comparable(version.text)]
        if same:
            return same[0]
        if corpus_date is not None and (version.valid_from or EARLIEST) <= corpus_date:
            covering = [c for c in plain if c.valid_until is None]
            return covering[0] if covering else None
        return None


class _Merge:
    def __init__(self, session: Session, document: KnowledgeDocument, text: LegalText):
        self.session, self.document, self.text = session, document, text
        chunks = list(session.execute(select(KnowledgeChunk).where(
            KnowledgeChunk.document_id == document.id)).scalars())
        self.fresh = not chunks
        self.corpus_date = None if self.fresh else document.version_date
        self.by_id = {c.legal_id: c for c in chunks if c.legal_id}
        self.articles: dict[str, _Article] = {}
        for chunk in chunks:
            self.articles.setdefault(chunk.ref, _Article([])).chunks.append(chunk)
        self.next_position = max((c.position for c in chunks), default=-1) + 1
        self.changes: list[ArticleChange] = []
        self.added_versions = 0

    def change(self, ref: str, kind: str, effective, old=None, new=None) -> None:
        self.changes.append(ArticleChange(self.document.id, self.document.title,
                                          self.document.shipped, ref, kind, effective, old, new))

    def merge(self, ref: str, versions: list[ArticleVersion]) -> None:
        article = self.articles.setdefault(ref, _Article([]))
        existed = bool(article.chunks)
        for version in sorted(versions, key=lambda v: v.valid_from or EARLIEST):
            if version.status in NEVER_IN_FORCE:
                continue
            known = self.by_id.get(version.legal_id) or article.baseline(version, self.corpus_date)
            if known is not None:
                self._refresh(known, version)
            else:
                self._add(article, ref, version, existed)
                existed = True
        if self.fresh and article.open_chunk(self.text.version_date) is not None:
            self.change(ref, ADDED, None, new=article.open_chunk(self.text.version_date))

    def _refresh(self, chunk: KnowledgeChunk, version: ArticleVersion) -> None:
        ended = version.valid_until is not None and chunk.valid_until != version.valid_until
        if comparable(chunk.text) != comparable(version.text) and version.text:
            chunk.text, chunk.vector = version.text, None     # the official wording
            self.document.vectors_pending = True
        chunk.legal_id, chunk.valid_from, chunk.status = (version.legal_id, version.valid_from,
                                                          version.status)
        chunk.valid_until = version.valid_until
        self.by_id[version.legal_id] = chunk
        if ended and version.ended_without_successor and not self.fresh \
                and _after(self.corpus_date, version.valid_until):
            self.change(chunk.ref, REPEALED_CHANGE, version.valid_until, old=chunk)

    def _add(self, article: _Article, ref: str, version: ArticleVersion, existed: bool) -> None:
        previous = article.predecessor(version)
        chunk = KnowledgeChunk(
            document_id=self.document.id, ref=ref, is_article=True, text=version.text,
            section=" > ".join(version.section), heading=heading_of(version.section),
            position=previous.position if previous is not None else self.next_position,
            legal_id=version.legal_id, valid_from=version.valid_from,
            valid_until=version.valid_until, status=version.status or IN_FORCE)
        if previous is None:
            self.next_position += 1
        same_words = previous is not None and comparable(previous.text) == comparable(version.text)
        chunk.vector = previous.vector if previous is not None and same_words else None
        self.document.vectors_pending |= chunk.vector is None
        self.session.add(chunk)
        article.chunks.append(chunk)
        self.by_id[version.legal_id] = chunk
        self.added_versions += 1
        if previous is not None and version.valid_from is not None and (
                previous.valid_until is None or previous.valid_until > version.valid_from):
            previous.valid_until = version.valid_from
            previous.status = REPLACED
        if self.fresh:
            return
        if not existed:
            self.change(ref, ADDED, version.valid_from, new=chunk)
        elif not same_words and _after(self.corpus_date, version.valid_from):
            self.change(ref, MODIFIED, version.valid_from, old=previous, new=chunk)
        if version.ended_without_successor and _after(self.corpus_date, version.valid_until):
            self.change(ref, REPEALED_CHANGE, version.valid_until, old=chunk)

    def repeal_missing(self, present: set[str], ended_on: Callable[[KnowledgeChunk], date | None]
                       ) -> None:
        """A complete consultation lacks the articles repealed by its date."""
        on = self.text.version_date
        missing = [(ref, chunk) for ref, article in self.articles.items() if ref not in present
                   for chunk in [article.open_chunk(on)] if chunk is not None]
        open_count = sum(a.open_chunk(on) is not None for a in self.articles.values())
        if open_count and len(missing) > MAX_REPEALED_SHARE * open_count:
            raise InvalidInput(f"La consultation de « {self.text.legal_id} » omet {len(missing)} "
                               f"articles sur {open_count} : réponse incomplète, rien n'est modifié.")
        for ref, chunk in missing:
            chunk.valid_until = ended_on(chunk) or on
            chunk.status = REPEALED
            if _after(self.corpus_date, chunk.valid_until):
                self.change(ref, REPEALED_CHANGE, chunk.valid_until, old=chunk)


def _digest(chunks) -> str:
    rows = sorted(f"{c.ref}|{c.legal_id}|{c.valid_from}|{c.valid_until}|{c.status}|{len(c.text)}"
                  for c in chunks)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def import_text(session: Session, text: LegalText, channel: str,
                ended_on: Callable[[KnowledgeChunk], date | None] | None = None) -> ImportReport:
    """Merge one text into the base and record the update; the caller commits, then embeds
    the new passages (`embedding_jobs`)."""
    if not text.articles:
        raise InvalidInput(f"« {text.legal_id} » ne contient aucun article.")
    source = source_for(session, text)
    session.flush()
    document = _document_for(session, source, text)
    merge = _Merge(session, document, text)
    grouped: dict[str, list[ArticleVersion]] = {}
    for version in text.articles:
        grouped.setdefault(version.number, []).append(version)
    for ref, versions in grouped.items():
        merge.merge(ref, versions)
    if text.complete:
        merge.repeal_missing(set(grouped), ended_on or (lambda chunk: None))
    session.flush()
    chunks = list(session.execute(select(KnowledgeChunk).where(
        KnowledgeChunk.document_id == document.id)).scalars())
    if text.version_date and (document.version_date is None or merge.fresh
                              or text.version_date > document.version_date):
        document.version_date = text.version_date
    document.chunk_count, document.sha256 = len(chunks), _digest(chunks)
    source.channel, source.version_date = channel, document.version_date
    source.checked_at, source.last_error = clock.now(), ""
    report = ImportReport(source, document, merge.changes, merge.added_versions)
    session.add(LegalUpdate(
        source_id=source.id, channel=channel, version_date=text.version_date,
        added=report.count(ADDED), modified=report.count(MODIFIED),
        repealed=report.count(REPEALED_CHANGE),
        changes=json.dumps([c.as_json() for c in merge.changes], ensure_ascii=False)))
    audit.record(session, "knowledge.legal_update", object_type="knowledge_document",
                 object_id=document.id, details={
                     "texte": text.legal_id, "canal": channel, "versions": merge.added_versions,
                     "ajoutes": report.count(ADDED), "modifies": report.count(MODIFIED),
                     "abroges": report.count(REPEALED_CHANGE)})
    for module in modules_named("law_changes"):
        module.articles_changed(session, [c for c in merge.changes if c.change != ADDED])
    return report
