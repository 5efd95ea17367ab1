"""The texts the collectivité follows, and the two ways of bringing them up to date.

A list of the usual décrets of the fonction publique territoriale ships with
CollectivIA (`data/legifrance_textes_fpt.json`: congés annuels, temps partiel,
disponibilité, maladie and CITIS, cumul d'activités, RIFSEEP…), followed by
default beside the code. HR may stop following one on its page. Once the
operator has set the PISTE credentials, `collectivia knowledge update` (to be
run every night, see README) consults every followed text on Légifrance and
merges it; `collectivia knowledge import-legi` does the same from a DILA
export for a site without API access. Both commit text by text, so a failure
on one décret does not lose the others, and compute the new passages'
vectors before they return.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.db import Database
from collectivia.core.discovery import PACKAGE_ROOT
from collectivia.core.errors import CollectiviaError
from collectivia.core.french import accord
from collectivia.knowledge import corpus, embedding_jobs
from collectivia.knowledge.legal import legi
from collectivia.knowledge.legal.piste import LegifranceUnavailable, PisteClient
from collectivia.knowledge.legal.store import ImportReport, import_text
from collectivia.knowledge.models import KnowledgeChunk, LegalSource

LIST_FILE = PACKAGE_ROOT / "data" / "legifrance_textes_fpt.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListedText:
    legal_id: str
    nature: str
    nor: str
    title: str
    short_title: str
    subject: str


@lru_cache(maxsize=1)
def shipped_list() -> tuple[ListedText, ...]:
    data = json.loads(LIST_FILE.read_text(encoding="utf-8"))
    return tuple(ListedText(**entry) for entry in data["texts"])


def ensure_listed(session: Session) -> list[LegalSource]:
    """The shipped list as followed sources (once; HR's choices are kept), the code first,
    linked to the shipped document when it is loaded."""
    from collectivia.knowledge.service import shipped_code

    known = {s.legal_id: s for s in session.execute(select(LegalSource)).scalars()}
    for entry in shipped_list():
        if not entry.legal_id or entry.legal_id in known:
            continue
        source = LegalSource(legal_id=entry.legal_id, nature=entry.nature, nor=entry.nor,
                             title=entry.title, short_title=entry.short_title,
                             subject=entry.subject, followed=True, listed=True)
        session.add(source)
        known[entry.legal_id] = source
    code = known.get(corpus.CODE_LEGAL_ID)
    shipped = shipped_code(session)
    if code is not None and code.document_id is None and shipped is not None:
        code.document_id, code.channel = shipped.id, "livré"
        code.version_date = shipped.version_date
    session.flush()
    return sorted(known.values(), key=lambda s: (s.legal_id != corpus.CODE_LEGAL_ID, s.title))


def follow(session: Session, legal_id: str, followed: bool = True) -> LegalSource:
    """Follow (or stop following) a text by its Légifrance id; an unknown id is added."""
    legal_id = legal_id.strip().upper()
    if not legal_id.startswith(("LEGITEXT", "JORFTEXT")) or not legal_id[8:].isdigit():
        raise CollectiviaError(f"« {legal_id} » n'est pas un identifiant de texte Légifrance "
                               "(LEGITEXT… ou JORFTEXT… suivi de 12 chiffres).")
    source = session.execute(select(LegalSource).where(
        LegalSource.legal_id == legal_id)).scalar_one_or_none()
    if source is None:
        source = LegalSource(legal_id=legal_id, title=legal_id, short_title=legal_id,
                             nature="CODE" if legal_id.startswith("LEGITEXT") else "DECRET")
        session.add(source)
    source.followed = followed
    session.flush()
    return source


@dataclass
class Outcome:
    """What one text's update did, for the operator's console and the nightly log."""

    legal_id: str
    title: str
    report: ImportReport | None = None
    error: str = ""

    def line(self) -> str:
        if self.error:
            return f"{self.title} ({self.legal_id}) : ÉCHEC — {self.error}"
        r = cast(ImportReport, self.report)      # set whenever there is no error
        versions = accord(r.versions_added, "version d'article enregistrée",
                          "versions d'article enregistrées")
        return (f"{r.document.title} ({self.legal_id}) : version du "
                f"{r.document.version_date:%d/%m/%Y} — {accord(r.count('ajouté'), 'ajouté')}, "
                f"{accord(r.count('modifié'), 'modifié')}, {accord(r.count('abrogé'), 'abrogé')} ; "
                f"{versions}")


def _embed(database: Database, document_id: int) -> None:
    """The new passages' vectors, now: the command returns with a fully searchable base."""
    embedding_jobs.embed_document(database, document_id)


def update_from_piste(database: Database, settings, on: date | None = None,
                      transport=None) -> list[Outcome]:
    """Consult every followed text on Légifrance (PISTE) and merge it, text by text."""
    on = on or clock.now().date()
    client = PisteClient.from_settings(settings, transport=transport)
    with database.session() as session:
        sources = [(s.id, s.legal_id, s.title, s.nature) for s in ensure_listed(session)
                   if s.followed]
    outcomes = []
    try:
        for source_id, legal_id, title, nature in sources:
            outcomes.append(_update_one(database, client, source_id, legal_id, title,
                                        nature == "CODE", on))
    finally:
        client.close()
    return outcomes


def _update_one(database: Database, client: PisteClient, source_id: int, legal_id: str,
                title: str, is_code: bool, on: date) -> Outcome:
    def ended_on(chunk: KnowledgeChunk) -> date | None:
        """The repeal date of a vanished article, asked of `consult/getArticle`."""
        if not chunk.legal_id:
            return None
        try:
            return client.get_article(chunk.legal_id).version.valid_until
        except LegifranceUnavailable:
            return None

    try:
        text = client.consult(legal_id, on, is_code)
        with database.session() as session:
            report = import_text(session, text, "piste", ended_on=ended_on)
            document_id = report.document.id
        _embed(database, document_id)
        return Outcome(legal_id, title, report)
    except CollectiviaError as exc:
        with database.session() as session:
            source = session.get_one(LegalSource, source_id)
            source.last_error, source.checked_at = exc.message, clock.now()
        log.warning("Légifrance update of %s failed: %s", legal_id, exc.message)
        return Outcome(legal_id, title, error=exc.message)


def import_legi(database: Database, path: Path, everything: bool = False,
                version_date: date | None = None) -> list[Outcome]:
    """Merge the texts of a LEGI file, directory or archive: only the followed ones, unless
    `everything` (a file or folder holding just the texts wanted)."""
    with database.session() as session:
        followed = {s.legal_id for s in ensure_listed(session) if s.followed}
    texts = legi.read_path(path, None if everything else followed, version_date)
    outcomes = []
    for text in texts:
        with database.session() as session:
            report = import_text(session, text, "legi")
            document_id = report.document.id
        _embed(database, document_id)
        outcomes.append(Outcome(text.legal_id, text.title, report))
    return outcomes
