"""Questions RH pages: ask, read the cited answer, open an article, hand over, FAQ, HR workspace."""

from __future__ import annotations

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse
from itsdangerous import BadSignature, URLSafeSerializer

from sqlalchemy import select

from collectivia.core.french import accord
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.models import Direction
from collectivia.core.exports import csv_response
from collectivia.core.files import FileStore
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.hrdesk import dashboard, law_views, service
from collectivia.hrdesk.models import ABSTAINED, FROM_FAQ, LINKED, TICKET_OPEN
from collectivia.hrdesk.questions import MAX_QUESTION_CHARS
from collectivia.knowledge import service as knowledge
from collectivia.knowledge import embedding_jobs, vocabulary
from collectivia.knowledge.access import audience_label
from collectivia.knowledge.chunking import parse_version_date
from collectivia.knowledge.legal import versions
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
HR = frozenset({Role.GESTIONNAIRE_RH})
BASE = "/questions-rh"

ACCESS: dict[str, frozenset[Role]] = {
    f"GET {BASE}": ALL_ROLES,
    f"POST {BASE}": ALL_ROLES,
    f"GET {BASE}/faq": ALL_ROLES,
    f"GET {BASE}/demandes": HR,
    f"GET {BASE}/documents": HR,
    f"POST {BASE}/documents": HR,
    f"GET {BASE}/vocabulaire": HR,
    f"POST {BASE}/vocabulaire": HR,
    f"GET {BASE}/tableau-de-bord": HR,
    f"GET {BASE}/tableau-de-bord/export.csv": HR,
    f"GET {BASE}/tableau-de-bord/sans-reponse.csv": HR,
    **law_views.ACCESS,
}


def _home_context(session, user) -> dict:
    corpus = versions.corpus_date(session)
    return {"corpus_date": corpus, "stale": versions.is_stale(corpus),
            "history": service.history(session, user), "tickets": service.my_tickets(session, user),
            "is_hr": user.role in HR, "max_chars": MAX_QUESTION_CHARS,
            "open_tickets": len(service.ticket_queue(session, user)) if user.role in HR else 0}


@router.get(BASE)
def home(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *ALL_ROLES, action="poser une question RH")
        return render(request, "hrdesk/home.html", _home_context(session, user))


def _situation_date(value: str):
    """The optional date the question is about (JJ/MM/AAAA); None for today."""
    if not value.strip():
        return None
    parsed = parse_version_date(value)
    if parsed is None:
        raise InvalidInput("La date de la situation doit être une date valide, au format "
                           "JJ/MM/AAAA (par exemple 15/01/2025).")
    return parsed


@router.post(BASE)
def ask(request: Request, question: str = Form(""), date_situation: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *ALL_ROLES, action="poser une question RH")
        try:
            on = _situation_date(date_situation)
            record, _ = service.ask(session, user, question, settings_of(request), on=on)
        except CollectiviaError as exc:
            context = _home_context(session, user) | {"error": exc.message,
                                                      "question": question[:MAX_QUESTION_CHARS * 2],
                                                      "date_situation": date_situation[:20]}
            return render(request, "hrdesk/home.html", context, status_code=exc.status_code)
        return RedirectResponse(f"{BASE}/reponses/{record.id}", status_code=303)


@router.get(BASE + "/reponses/{question_id}")
def answer_page(request: Request, question_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        question = service.own_question(session, user, question_id)
        citations = service.cited_refs(question)
        return render(request, "hrdesk/answer.html", {
            "q": question, "citations": citations,
            "notices": versions.notices(session, [c["chunk_id"] for c in citations]),
            "linked": service.linked_refs(question),
            "abstained": question.outcome in (ABSTAINED, LINKED),
            "from_faq": question.outcome == FROM_FAQ,
            "paragraphs": [p for p in question.answer.split("\n\n") if p.strip()],
            "mine": question.user_id == user.id}, ai_output=True)


@router.post(BASE + "/reponses/{question_id}/transmettre")
def hand_over(request: Request, question_id: int, precisions: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        service.hand_over(session, user, question_id, precisions)
        flash(request, "Votre question a été transmise au service RH. Sa réponse apparaîtra "
                       "dans « Mes demandes au service RH ».")
        return RedirectResponse(f"{BASE}/reponses/{question_id}", status_code=303)


@router.post(BASE + "/reponses/{question_id}/avis")
def feedback(request: Request, question_id: int, utile: str = Form(""), commentaire: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        if utile not in ("oui", "non"):
            flash(request, "Indiquez si la réponse vous a été utile.", "error")
        else:
            service.give_feedback(session, user, question_id, utile == "oui", commentaire)
            flash(request, "Merci pour votre avis.")
        return RedirectResponse(f"{BASE}/reponses/{question_id}", status_code=303)


@router.get(BASE + "/articles/{chunk_id}")
def article(request: Request, chunk_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        passage = knowledge.read_passage(session, user, chunk_id)
        previous, following = knowledge.neighbours(session, passage)
        return render(request, "hrdesk/article.html", {
            "p": passage, "previous": previous, "following": following,
            "notices": versions.notices(session, [passage.chunk_id]),
            "paragraphs": [x for x in passage.text.split("\n\n") if x.strip()]})


@router.get(BASE + "/faq")
def faq_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        entries = service.faq_entries(session, user)
        return render(request, "hrdesk/faq.html", {"entries": entries, "is_hr": user.role in HR})


@router.post(BASE + "/faq/{entry_id}/retirer")
def faq_withdraw(request: Request, entry_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        service.withdraw_faq(session, user, entry_id)
        flash(request, "L'entrée a été retirée de la FAQ.")
        return RedirectResponse(f"{BASE}/faq", status_code=303)


@router.get(BASE + "/demandes")
def queue(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        open_tickets = service.ticket_queue(session, user)
        answered = service.ticket_queue(session, user, status="répondu")[-20:]
        return render(request, "hrdesk/queue.html", {"open": open_tickets, "answered": answered})


@router.get(BASE + "/demandes/{ticket_id}")
def ticket_page(request: Request, ticket_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        ticket = service.get_ticket(session, user, ticket_id)
        return render(request, "hrdesk/ticket.html", {"t": ticket, "values": {},
                                                       "is_open": ticket.status == TICKET_OPEN})


@router.post(BASE + "/demandes/{ticket_id}")
def ticket_answer(request: Request, ticket_id: int, reponse: str = Form(""), articles: str = Form(""),
                  publier: str = Form(""), question_faq: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HR, action="répondre aux questions transmises")
        try:
            service.answer_ticket(session, user, ticket_id, reponse, articles, publier == "oui",
                                  question_faq)
        except CollectiviaError as exc:
            session.rollback()
            ticket = service.get_ticket(session, user, ticket_id)
            return render(request, "hrdesk/ticket.html", {
                "t": ticket, "is_open": ticket.status == TICKET_OPEN, "error": exc.message,
                "values": {"reponse": reponse, "articles": articles, "publier": publier,
                           "question_faq": question_faq}}, status_code=exc.status_code)
        flash(request, "Réponse envoyée à l'agent" + (" et publiée dans la FAQ." if publier == "oui"
                                                      else "."))
        return RedirectResponse(f"{BASE}/demandes", status_code=303)


def _documents_context(session, user) -> dict:
    documents = knowledge.list_documents(session, user)
    return {"documents": documents, "audiences": {d.id: audience_label(d) for d in documents},
            "roles": {r.value: r.label for r in Role},
            "directions": list(session.execute(select(Direction).order_by(Direction.name)).scalars()),
            "values": {}}


@router.get(BASE + "/documents")
def documents(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        context = _documents_context(session, user)
    if any(d.vectors_pending for d in context["documents"]):
        embedding_jobs.start(database(request))   # resumes after a restart
    return render(request, "hrdesk/documents.html", context)


def _kept_files(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(settings_of(request).resolved_secret_key(), salt="fichier-garde")


def _kept_file(request: Request, token: str) -> tuple[bytes, str]:
    """The file chosen before a form error, from its signed token (the store's name of the
    bytes and the original filename): the HR service does not have to choose it again."""
    try:
        digest, filename = _kept_files(request).loads(token)
        return FileStore(settings_of(request)).get(digest), filename
    except (BadSignature, ValueError, TypeError, CollectiviaError):
        return b"", ""


@router.post(BASE + "/documents")
def upload(request: Request, fichier: UploadFile | None = File(None), titre: str = Form(""),
           diffusion: str = Form("public"), roles: list[str] = Form([]),
           directions: list[str] = Form([]), date_version: str = Form(""),
           source: str = Form(""), fichier_garde: str = Form("")):
    """Rights and form checked in a first short session, the file read with no session open
    (up to a minute for a hostile PDF: other users keep writing meanwhile), the document
    indexed in a second one with its audit event. A refused file stores nothing."""
    form = knowledge.UploadForm(title=titre, audience=diffusion, roles=roles, directions=directions,
                                version_date=date_version, source=source)
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HR, action="ajouter un document à la base de connaissances")
        try:
            knowledge.check_form(session, form)
            refused = None
        except CollectiviaError as exc:
            refused = exc
    data = fichier.file.read() if fichier is not None else b""  # a thread: parsed in the sandbox
    filename = (fichier.filename or "") if fichier is not None else ""
    if not data and fichier_garde:
        data, filename = _kept_file(request, fichier_garde)
    values = {"titre": titre, "diffusion": diffusion, "roles": roles, "directions": directions,
              "date_version": date_version, "source": source, "fichier_nom": filename}
    if refused is not None:     # the file was fine, a field was not: keep it (for an hour)
        kept = (_kept_files(request).dumps([FileStore(settings_of(request)).keep(data), filename])
                if data else "")
        return _upload_refused(request, refused, values | {"fichier_garde": kept})
    try:
        if not data:
            raise InvalidInput("Choisissez un fichier (Markdown, HTML, PDF ou DOCX).")
        read = knowledge.read_upload(settings_of(request), data=data, filename=filename)
        with open_session(request) as session:
            user = require_user(request, session)
            document = knowledge.store_upload(session, user, settings_of(request), read, form)
    except CollectiviaError as exc:
        return _upload_refused(request, exc, values | {"fichier_garde": ""})
    flash(request, f"« {document.title} » est indexé : {accord(document.chunk_count, 'passage')} "
                   "consultables par le chatbot dès maintenant ; la recherche par le sens "
                   "s'y ajoute en arrière-plan dans quelques instants.")
    embedding_jobs.start(database(request))       # once the upload is committed
    return RedirectResponse(f"{BASE}/documents", status_code=303)


def _upload_refused(request: Request, exc: CollectiviaError, values: dict):
    with open_session(request) as session:
        user = require_user(request, session)
        context = _documents_context(session, user) | {"error": exc.message, "values": values}
        return render(request, "hrdesk/documents.html", context, status_code=exc.status_code)


@router.post(BASE + "/documents/{document_id}/retirer")
def remove_document(request: Request, document_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        title = knowledge.delete_document(session, user, document_id)
        flash(request, f"« {title} » a été retiré de la base de connaissances.")
        return RedirectResponse(f"{BASE}/documents", status_code=303)


def _vocabulary_context(session, values: dict | None = None) -> dict:
    return {"terms": vocabulary.terms(session), "max_terms": vocabulary.MAX_TERMS,
            "values": values or {}}


@router.get(BASE + "/vocabulaire")
def vocabulary_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HR, action="enrichir le vocabulaire de la recherche")
        return render(request, "hrdesk/vocabulary.html", _vocabulary_context(session))


@router.post(BASE + "/vocabulaire")
def add_term(request: Request, terme: str = Form(""), equivalent: str = Form("")):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HR, action="enrichir le vocabulaire de la recherche")
        try:
            entry = vocabulary.add_term(session, user, terme, equivalent)
        except CollectiviaError as exc:
            session.rollback()
            context = _vocabulary_context(session, {"terme": terme, "equivalent": equivalent})
            return render(request, "hrdesk/vocabulary.html", context | {"error": exc.message},
                          status_code=exc.status_code)
        flash(request, f"« {entry.term} » est ajouté : les questions qui l'emploient sont "
                       "cherchées aussi avec « " + entry.wording + " ».")
        return RedirectResponse(f"{BASE}/vocabulaire", status_code=303)


@router.post(BASE + "/vocabulaire/{term_id}/retirer")
def remove_term(request: Request, term_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        term = vocabulary.remove_term(session, user, term_id)
        flash(request, f"« {term} » a été retiré du vocabulaire.")
        return RedirectResponse(f"{BASE}/vocabulaire", status_code=303)


@router.get(BASE + "/tableau-de-bord")
def board(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "hrdesk/dashboard.html", {"b": dashboard.build(session, user)})


@router.get(BASE + "/tableau-de-bord/export.csv")
def board_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        header, rows = dashboard.csv_rows(dashboard.build(session, user))
        return csv_response(session, user, "questions-rh-tableau-de-bord.csv", header, rows)


@router.get(BASE + "/tableau-de-bord/sans-reponse.csv")
def unanswered_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        header, rows = dashboard.unanswered_rows(dashboard.build(session, user, unanswered_limit=10_000))
        return csv_response(session, user, "questions-rh-sans-reponse.csv", header, rows)


router.include_router(law_views.router)
