"""Candidates: upload of CVs (one by one or a ZIP batch), anonymous CV, screening, corrections, decisions.

A batch is explicitly per item: each CV is read in the sandbox (see
`core.sandbox`), then committed on its own with its audit event, so a file
refused (or a process killed) half-way keeps exactly the candidatures already
reported, each complete; the batch's own event says how many were kept,
refused and already there. A CV already in the posting (same bytes) is not
added twice, so sending the same ZIP again after a failure completes it.
The original is stored last and marked pending until its row is committed
(see `FileStore.recover`, run as each process starts): no file outlives a candidature that
never was.

The screening is an AI proposal stored beside the candidate; only
`decisions.decide()`, called by a named recruiter with their own justification,
moves a candidate from one stage to the next — there is no other way to do it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from collectivia.core.french import accord
from collectivia.core import audit, clock
from collectivia.core.documents import ExtractedText, extract_text, unpack_zip
from collectivia.core.errors import CollectiviaError, InvalidInput, NotFound
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.recruitment import evidence, experience_meaning, semantic
from collectivia.recruitment.models import (
    Candidate, CandidateDocument, Correction, Posting, Screening)
from collectivia.recruitment.screening import MET, NOT_MET, NOT_STATED, group_of_statuses, screen
from collectivia.recruitment.service import (
    MANAGERS, READERS, criteria_of, get_posting, reference_month)

MAX_CV_PAGES = 40          # a CV longer than this is refused (the rest of the batch is kept)
MAX_BATCH_FILES = 200
STATUSES = (MET, NOT_MET, NOT_STATED)
AGE_BANDS = ("moins de 30 ans", "30-44 ans", "45-54 ans", "55 ans et plus")


@dataclass
class UploadReport:
    accepted: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)

    @classmethod
    def from_state(cls, state: dict) -> UploadReport:
        """A report saved by a job half-way (`dataclasses.asdict`), to go on with it."""
        return cls(accepted=state["accepted"], rejected=[tuple(r) for r in state["rejected"]],
                   warnings=state["warnings"], already=state["already"])

    def notes(self) -> list[str]:
        """Each refused file with its reason, then what was read with difficulty."""
        return [f"« {name} » : {reason}" for name, reason in self.rejected] + self.warnings

    def summary(self) -> str:
        text = accord(len(self.accepted), "candidature enregistrée et analysée",
                      "candidatures enregistrées et analysées")
        if self.already:
            text += " ; " + accord(len(self.already), "déjà déposée, non ajoutée à nouveau",
                                   "déjà déposées, non ajoutées à nouveau")
        if self.rejected:
            text += " ; " + accord(len(self.rejected), "fichier refusé")
        return text + "."


# ---- anonymous CV ----------------------------------------------------------------------------

def anonymise(session: Session, candidate: Candidate) -> None:
    """Produce the jury's anonymous CV with the privacy engine; fail closed if it fails."""
    from collectivia.privacy import PrivacyFailure, protect

    try:
        protected = protect(session, candidate.cv_text, policy="recrutement",
                            scope=f"candidate:{candidate.id}")
    except PrivacyFailure:
        candidate.anonymous_text = ""
        candidate.anonymous_status = "L'anonymisation a échoué : CV anonyme non produit."
        return
    candidate.anonymous_text = protected.text
    masked = sum(protected.categories.values())
    masked_text = accord(masked, "élément d'identité masqué", "éléments d'identité masqués")
    candidate.anonymous_status = f"CV anonymisé : {masked_text}."


# ---- screening -------------------------------------------------------------------------------

def _dump(results, criteria) -> str:
    return json.dumps([{"criterion": r.criterion, "status": r.status, "evidence": r.evidence,
                        "note": r.note, "kind": c.label, "proposal": r.proposal}
                       for r, c in zip(results, criteria, strict=True)], ensure_ascii=False)


ON_ANONYMOUS = "sur le CV anonymisé"
ON_ORIGINAL = "sur le CV original sans ses lignes d'identité"


def method_label(anonymous: bool) -> str:
    """How the proposal was made, as the recruiter reads it (which model, if any, on which text)."""
    parts = ["règles"]
    if evidence.shipped() is not None:
        parts.append("modèle appris")
    if semantic.active() or experience_meaning.threshold() is not None:
        parts.append("sens (multilingual-e5-small)")
    how = " + ".join(parts) if len(parts) > 1 else "règles (sans modèle)"
    return f"{how}, {ON_ANONYMOUS if anonymous else ON_ORIGINAL}"


def run_screening(session: Session, candidate: Candidate, actor: User | None) -> Screening:
    """Screen the CV against the posting's criteria and store the proposal (audited).

    The pseudonymised CV is screened when the privacy engine produced it; otherwise the
    original, whose identity lines the screening never reads anyway (see `cv.parse_cv`).
    """
    required, optional = criteria_of(candidate.posting)
    text = candidate.anonymous_text or candidate.cv_text
    result = screen(text, required, optional, reference_month(candidate.posting))
    record = Screening(candidate_id=candidate.id, group=result.group,
                       method=method_label(bool(candidate.anonymous_text)),
                       results_json=_dump(result.results, required),
                       optional_json=_dump(result.optional, optional),
                       date_issues_json=json.dumps([i.message for i in result.date_issues],
                                                   ensure_ascii=False),
                       questions_json=json.dumps(result.questions, ensure_ascii=False))
    session.add(record)
    session.flush()
    audit.record(session, "recruitment.screening", actor=actor, object_type="candidature",
                 object_id=candidate.id,
                 details={"methode": record.method, "groupe_propose": result.group,
                          "criteres_remplis": result.met_count, "criteres": len(result.results),
                          "anomalies_dates": len(result.date_issues)})
    return record


def rescreen_posting(session: Session, user: User, posting_id: int) -> int:
    posting = get_posting(session, user, posting_id, roles=MANAGERS)
    for candidate in posting.candidates:
        if not candidate.anonymous_text:
            anonymise(session, candidate)
        run_screening(session, candidate, user)
    return len(posting.candidates)


# ---- upload ------------------------------------------------------------------------------------

def _next_label(session: Session, posting: Posting) -> str:
    """Numbers are never reused: an erased candidature's number stays its own."""
    count = session.execute(select(func.count()).select_from(Candidate)
                            .where(Candidate.posting_id == posting.id)).scalar_one()
    return f"Candidature n° {count + posting.candidates_removed + 1}"


def _already_there(session: Session, posting: Posting, digest: str) -> bool:
    return session.execute(select(CandidateDocument.id).join(Candidate).where(
        Candidate.posting_id == posting.id, CandidateDocument.kind == "cv",
        CandidateDocument.sha256 == digest).limit(1)).first() is not None


def _add_one(session: Session, user: User, store: FileStore, posting: Posting, filename: str,
             data: bytes, extracted: ExtractedText, report: UploadReport) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if _already_there(session, posting, digest):
        report.already.append(filename)
        return
    candidate = Candidate(posting=posting, label=_next_label(session, posting),
                          source_filename=filename[:255], cv_text=extracted.text,
                          created_by_id=user.id)
    session.add(candidate)
    session.flush()
    session.add(CandidateDocument(candidate_id=candidate.id, kind="cv", filename=filename[:255],
                                  sha256=digest, size=len(data), pages=extracted.pages))
    anonymise(session, candidate)
    run_screening(session, candidate, user)
    audit.record(session, "recruitment.candidate.add", actor=user, object_type="candidature",
                 object_id=candidate.id, details={"offre": posting.id, "format": extracted.kind,
                                                  "pages": extracted.pages})
    store.put(data, session)   # last: nothing after it can fail before the commit
    report.accepted.append(candidate.label)
    report.warnings += extracted.warnings


NO_FILE = "Choisissez au moins un fichier (PDF, DOCX, TXT ou une archive ZIP)."


def unpack(files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """The CVs of an upload, ZIP archives unpacked (bounded, in the sandbox), and the files
    refused on the way: a spoilt archive, and every CV beyond `MAX_BATCH_FILES`."""
    items: list[tuple[str, bytes]] = []
    refused: list[tuple[str, str]] = []
    for filename, data in files:
        name = PurePosixPath(filename or "document").name
        if name.lower().endswith(".zip"):
            try:
                items += list(unpack_zip(data, name, max_files=MAX_BATCH_FILES))
            except InvalidInput as exc:
                refused.append((name, exc.message))
        else:
            items.append((name, data))
    refused += [(name, f"Lot limité à {MAX_BATCH_FILES} fichiers.")
                for name, _ in items[MAX_BATCH_FILES:]]
    return items[:MAX_BATCH_FILES], refused


def add_each(session: Session, user: User, store: FileStore, posting: Posting,
             items: list[tuple[str, bytes]], report: UploadReport, *, start: int = 0,
             after_each: Callable[[Session, int], None] | None = None) -> None:
    """Add the CVs from `start` on, each committed on its own with its audit event and with
    what `after_each(session, count_done)` records beside it (a job's progress)."""
    for index in range(start, len(items)):
        name, data = items[index]
        try:
            # read with no transaction open: on SQLite a transaction holds the write lock, and
            # other users' requests must not wait for a parse
            extracted = extract_text(data, name, max_pages=MAX_CV_PAGES)
            with session.begin_nested():
                _add_one(session, user, store, posting, name, data, extracted, report)
        except CollectiviaError as exc:
            report.rejected.append((name, exc.message))
        if after_each is not None:
            after_each(session, index + 1)
        session.commit()


def record_batch(session: Session, user: User, posting: Posting, report: UploadReport) -> None:
    """The batch's own audit event: how many kept, refused and already there."""
    audit.record(session, "recruitment.upload", actor=user, object_type="offre", object_id=posting.id,
                 outcome="succès" if report.accepted or report.already else "échec",
                 details={"acceptes": len(report.accepted), "refuses": len(report.rejected),
                          "deja_deposes": len(report.already)})


def upload(session: Session, user: User, settings, posting_id: int,
           files: list[tuple[str, bytes]]) -> UploadReport:
    """Add one candidature per CV file, each committed with its audit event (see the module),
    in this thread; the web pages queue the same work instead (`background`)."""
    posting = get_posting(session, user, posting_id, roles=MANAGERS)
    if not files:
        raise InvalidInput(NO_FILE)
    store = FileStore(settings)
    # What a crashed batch left is deleted when a process starts (`files.recover_at_start`), every
    # database sharing the store asked first: a batch asking its own database alone could delete
    # a file another collectivité's pending row still needs.
    session.commit()          # no transaction (no SQLite write lock) held while files are read
    items, refused = unpack(files)
    report = UploadReport(rejected=refused)
    add_each(session, user, store, posting, items, report)
    record_batch(session, user, posting, report)
    return report


def attach_letter(session: Session, user: User, settings, candidate_id: int, filename: str,
                  data: bytes) -> Candidate:
    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    extracted = extract_text(data, filename, max_pages=MAX_CV_PAGES)
    session.add(CandidateDocument(candidate_id=candidate.id, kind="lettre", filename=filename[:255],
                                  sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                                  pages=extracted.pages))
    candidate.letter_text = extracted.text
    audit.record(session, "recruitment.candidate.letter", actor=user, object_type="candidature",
                 object_id=candidate.id)
    FileStore(settings).put(data, session)
    return candidate


# ---- reading -------------------------------------------------------------------------------------

def get_candidate(session: Session, user: User, candidate_id: int, *, roles=READERS) -> Candidate:
    ensure_role(user, *roles, action="consulter une candidature")
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("Cette candidature n'existe pas.")
    return candidate


def sees_identity(user: User) -> bool:
    """Recruiters and HR officers may open the original CV; the jury sees the anonymous one."""
    return user.role in (Role.RECRUTEUR, Role.GESTIONNAIRE_RH)


def open_original(session: Session, user: User, candidate_id: int) -> Candidate:
    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    audit.record(session, "recruitment.candidate.original_viewed", actor=user,
                 object_type="candidature", object_id=candidate.id)
    return candidate


def effective_results(candidate: Candidate) -> list[dict]:
    """The AI's results with the recruiters' corrections applied (latest correction wins)."""
    screening = candidate.latest_screening
    if screening is None:
        return []
    results = screening.results
    latest = {c.criterion: c for c in candidate.corrections}
    for result in results:
        correction = latest.get(result["criterion"])
        result["ai_status"] = result["status"]
        if correction is not None:
            result["status"] = correction.new_status
            result["correction"] = correction.reason
    return results


def effective_group(candidate: Candidate) -> str:
    results = effective_results(candidate)
    if not results:
        return "—"
    return group_of_statuses([r["status"] for r in results])


def jury_evidence(candidate: Candidate, evidence: str | None) -> str | None:
    """The quoted line as it reads in the anonymous CV, or None when it cannot be found.

    Screenings made on the anonymous CV quote it already. Older ones quoted the original:
    the jury gets the closest anonymous line (the privacy engine rewrites identity, spacing
    and gender marks, not the substance), never the original line itself.
    """
    screening = candidate.latest_screening
    if not evidence or (screening is not None and screening.method.endswith(ON_ANONYMOUS)):
        return evidence
    lines = [line for line in candidate.anonymous_text.split("\n") if line.strip()]
    index = _closest_line(evidence, lines)
    return lines[index] if index is not None else None


def _closest_line(quote: str, lines: list[str]) -> int | None:
    """The index of the line most like `quote` (the same line rewritten by the privacy
    engine), or None when none is close enough."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(quote.strip(), lines, scorer=fuzz.ratio, score_cutoff=85)
    return best[2] if best else None


def _table_rows(session: Session, posting: Posting) -> list[dict]:
    """The comparison table's rows in its order: by proposed group (corrections applied),
    then in order of arrival. Screenings and corrections are read in two queries, not two
    per candidature: every candidature's page reads the whole table for its neighbours."""
    candidates = session.execute(
        select(Candidate).where(Candidate.posting_id == posting.id)
        .options(selectinload(Candidate.screenings), selectinload(Candidate.corrections))).scalars()
    rows = []
    for candidate in candidates:
        results = effective_results(candidate)
        screening = candidate.latest_screening
        rows.append({
            "candidate": candidate, "group": effective_group(candidate), "results": results,
            "met": sum(r["status"] == MET for r in results),
            "date_issues": len(screening.date_issues) if screening else 0,
            "corrected": any("correction" in r for r in results)})
    rows.sort(key=lambda r: (r["group"], r["candidate"].id))
    return rows


def comparison(session: Session, user: User, posting_id: int) -> tuple[Posting, list[dict]]:
    """One row per candidate: group, per-criterion status, date issues, stage (groups, not scores)."""
    posting = get_posting(session, user, posting_id)
    rows = _table_rows(session, posting)
    audit.record(session, "recruitment.comparison.view", actor=user, object_type="offre",
                 object_id=posting.id, details={"candidatures": len(rows)})
    return posting, rows


@dataclass(frozen=True)
class Neighbours:
    """Where a candidature stands in its posting's comparison table, and the ones either side."""

    position: int                 # from 1
    total: int
    previous: Candidate | None
    next: Candidate | None


def neighbours(session: Session, user: User, candidate: Candidate) -> Neighbours | None:
    """The candidatures before and after this one in the comparison table, as this user gets
    the table: a reader goes through them one by one in the order the table lists them.

    The table is read with the table's own rights (`get_posting`), so a candidature it would
    not show this user is neither linked nor counted; None when the table does not hold it.
    """
    posting = get_posting(session, user, candidate.posting_id)
    order = [row["candidate"] for row in _table_rows(session, posting)]
    if candidate not in order:
        return None
    index = order.index(candidate)
    return Neighbours(position=index + 1, total=len(order),
                      previous=order[index - 1] if index > 0 else None,
                      next=order[index + 1] if index + 1 < len(order) else None)


def quoted_lines(text: str, quotes: list[str]) -> dict[str, int]:
    """The number (from 1) of the line of `text` each quote was taken from, for the quotes
    found there, so the page can point at it. The screening quotes a CV line, whole or in
    part; a quote of the original read beside the anonymous CV gets the closest line, as
    the privacy engine rewrote its spacing, list marks or gender marks."""
    lines = text.split("\n")
    found = {}
    for quote in filter(str.strip, quotes):
        index = next((i for i, line in enumerate(lines) if quote.strip() in line), None)
        if index is None:
            index = _closest_line(quote, lines)
        if index is not None:
            found[quote] = index + 1
    return found


# ---- human acts ----------------------------------------------------------------------------------

def correct(session: Session, user: User, candidate_id: int, criterion: str, new_status: str,
            reason: str) -> Correction:
    """A recruiter corrects one AI result; the reason is mandatory and audited."""
    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    results = {r["criterion"]: r for r in effective_results(candidate)}
    if criterion not in results:
        raise InvalidInput("Ce critère n'existe pas pour cette offre.")
    if new_status not in STATUSES:
        raise InvalidInput("Statut attendu : rempli, non rempli ou non mentionné.")
    if len((reason or "").strip()) < 5:
        raise InvalidInput("Indiquez la raison de la correction.")
    correction = Correction(candidate_id=candidate.id, criterion=criterion,
                            previous_status=results[criterion]["status"], new_status=new_status,
                            reason=reason.strip(), user_id=user.id)
    session.add(correction)
    session.flush()
    candidate.corrections.append(correction)
    audit.record(session, "recruitment.screening.correct", actor=user, object_type="candidature",
                 object_id=candidate.id, details={"avant": correction.previous_status,
                                                  "apres": new_status})
    return correction


def set_equality_data(session: Session, user: User, candidate_id: int, sex: str, age_band: str) -> None:
    """Self-declared, optional data for the bias audit (never shown to the jury or the screening)."""
    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    if sex not in ("", "F", "H") or age_band not in ("", *AGE_BANDS):
        raise InvalidInput("Valeur inconnue pour le suivi de l'égalité.")
    candidate.equality_sex, candidate.equality_age_band = sex, age_band
    audit.record(session, "recruitment.candidate.equality", actor=user, object_type="candidature",
                 object_id=candidate.id)


def mark_notice_sent(session: Session, user: User, candidate_id: int) -> Candidate:
    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    candidate.notice_sent_at = clock.now()
    audit.record(session, "recruitment.candidate.notice", actor=user, object_type="candidature",
                 object_id=candidate.id)
    return candidate


def candidate_notice(posting: Posting, collectivite: str, retention: str = "deux ans") -> str:
    """The information notice sent to candidates: use of AI, human decision, their rights."""
    return (
        f"Objet : votre candidature au poste « {posting.intitule} » (réf. {posting.reference})\n\n"
        f"Madame, Monsieur,\n\n{collectivite} a bien reçu votre candidature. Pour l'examiner, le "
        "service recrutement peut s'aider d'un outil informatique qui repère dans votre CV les "
        "éléments correspondant aux critères publiés dans l'offre (expérience, diplôme, logiciels, "
        "compétences) et cite les passages concernés.\n\n"
        "Cet outil ne prend aucune décision. Chaque candidature est examinée par une personne "
        "nommément désignée, qui peut corriger les propositions de l'outil ; toute décision "
        "(présélection, entretien, recrutement ou refus) est prise et motivée par elle. Le jury "
        "consulte une version anonymisée de votre CV (sans nom, adresse, âge, genre ni photo).\n\n"
        "Vos droits : vous pouvez demander des explications sur la manière dont votre candidature a "
        "été examinée, demander qu'elle le soit sans l'outil, accéder à vos données, les faire "
        "rectifier ou effacer (RGPD, articles 15 à 22). Les données de votre candidature sont "
        f"supprimées {retention} après la clôture du recrutement ; les traces de ces traitements "
        "sont conservées au moins six mois. Contact : le délégué à la protection des données de la "
        "collectivité. Vous pouvez aussi saisir la CNIL (www.cnil.fr).\n"
    )
