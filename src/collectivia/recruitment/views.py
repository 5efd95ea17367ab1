"""The /recrutement pages: postings, offer, candidates, comparison table, decisions, oversight."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from collectivia.core.french import accord
from collectivia.core.errors import CollectiviaError, Conflict
from collectivia.core.exports import csv_response, xlsx_response
from collectivia.core.roles import Role, ensure_role
from collectivia.jobs import progress
from collectivia.recruitment import candidates as cands
from collectivia.recruitment import background, decisions, oversight, retention, service
from collectivia.recruitment.models import DECISION_STAGES, STAGES
from collectivia.recruitment.offer import CONTRACT_BASES, retention_phrase
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()

_EVERYONE = frozenset(service.EVERYONE)
_MANAGERS = frozenset(service.MANAGERS)
_OVERSIGHT = frozenset(service.OVERSIGHT)
ACCESS: dict[str, frozenset[Role]] = {
    "GET /recrutement": _EVERYONE,
    "GET /recrutement/offres/nouvelle": _MANAGERS,
    "POST /recrutement/offres": _MANAGERS,
    "GET /recrutement/tableau-de-bord": _OVERSIGHT,
    "GET /recrutement/tableau-de-bord.csv": _OVERSIGHT,
    "GET /recrutement/tableau-de-bord.xlsx": _OVERSIGHT,
    "GET /recrutement/information-candidats": _EVERYONE,
}

Text = Annotated[str, Form(max_length=300)]
LongText = Annotated[str, Form(max_length=20000)]
TextList = Annotated[list[str] | None, Form(max_length=1000)]
MAX_FILES_PER_UPLOAD = 200


@router.get("/recrutement", include_in_schema=False)
def home(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        postings = service.list_postings(session, user)
        return render(request, "recruitment/index.html", {
            "postings": postings, "can_manage": oversight.can_manage(user),
            "can_oversee": user.role in service.OVERSIGHT})


def _posting_form_page(request: Request, form: service.PostingForm, error: str | None = None,
                       status_code: int = 200):
    return render(request, "recruitment/posting_form.html", {
        "form": form, "error": error, "bases": CONTRACT_BASES,
        "categories": service.CATEGORIES}, status_code=status_code)


@router.get("/recrutement/offres/nouvelle", include_in_schema=False)
def new_posting(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.MANAGERS, action="créer une offre")
        return _posting_form_page(request, service.PostingForm())


@router.post("/recrutement/offres", include_in_schema=False)
def create_posting(request: Request, intitule: Text = "", direction: Text = "",
                   cadre_emplois: Text = "", categorie: Text = "", filiere: Text = "",
                   grade_min: Text = "", grade_max: Text = "", temps_travail: Text = "Temps complet",
                   missions: LongText = "", criteres_obligatoires: LongText = "",
                   criteres_souhaites: LongText = "", ouvert_contractuels: Text = "",
                   fondement: Text = "L332-14", remuneration: LongText = "",
                   date_publication: Text = "", date_limite: Text = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.MANAGERS, action="créer une offre")
        form = service.PostingForm(
            intitule=intitule, direction=direction, cadre_emplois=cadre_emplois, categorie=categorie,
            filiere=filiere, grade_min=grade_min, grade_max=grade_max, temps_travail=temps_travail,
            missions=missions, required=criteres_obligatoires, optional=criteres_souhaites,
            open_to_contract=ouvert_contractuels == "oui", contract_basis=fondement,
            remuneration=remuneration, date_publication=date_publication, date_limite=date_limite)
        try:
            with session.begin_nested():
                posting = service.create_posting(session, user, form)
                service.draft_offer(session, user, settings_of(request), posting.id)
        except CollectiviaError as exc:
            return _posting_form_page(request, form, exc.message, exc.status_code)
        flash(request, f"L'offre {posting.reference} a été créée et son texte rédigé.")
        return RedirectResponse(f"/recrutement/offres/{posting.id}", status_code=303)


@router.get("/recrutement/offres/{posting_id}", include_in_schema=False)
def posting_page(request: Request, posting_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        if user.role in (Role.DPO, Role.ADMIN):
            return RedirectResponse(f"/recrutement/offres/{posting_id}/ia-act", status_code=303)
        posting, rows = cands.comparison(session, user, posting_id)
        return render(request, "recruitment/posting.html", {
            "posting": posting, "rows": rows, "can_manage": oversight.can_manage(user),
            "sees_identity": cands.sees_identity(user), "stages": STAGES,
            "purge_date": retention.purge_date(posting, settings_of(request)),
            "retention_months": retention.retention_months(settings_of(request))},
            ai_output=True)


@router.get("/recrutement/offres/{posting_id}/suivi", include_in_schema=False)
def pipeline_page(request: Request, posting_id: int):
    """A posting's candidatures in one column per stage, to move a selection at once."""
    with open_session(request) as session:
        user = require_user(request, session)
        posting, rows = cands.comparison(session, user, posting_id)
        columns = [(stage, [r for r in rows if r["candidate"].stage == stage]) for stage in STAGES]
        return render(request, "recruitment/pipeline.html", {
            "posting": posting, "columns": columns, "can_manage": oversight.can_manage(user),
            "decision_stages": DECISION_STAGES}, ai_output=True)


IdList = Annotated[list[int] | None, Form()]


@router.post("/recrutement/offres/{posting_id}/suivi", include_in_schema=False)
def pipeline_decide(request: Request, posting_id: int, candidatures: IdList = None,
                    etape: Text = "", justification: LongText = "", criteres: TextList = None):
    """The same human decision for every selected candidature, or for none of them."""
    back = f"/recrutement/offres/{posting_id}/suivi"
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            with session.begin_nested():
                made = decisions.decide_for_each(session, user, posting_id, candidatures or [],
                                                 etape, justification, criteres or [])
        except CollectiviaError as exc:
            if exc.status_code in (403, 404):
                raise
            flash(request, exc.message + " Aucune candidature n'a changé d'étape.", "error")
            return RedirectResponse(back, status_code=303)
        flash(request, f"Décision enregistrée pour {accord(len(made), 'candidature')} : {etape}.")
    return RedirectResponse(back, status_code=303)


@router.post("/recrutement/offres/{posting_id}/rediger", include_in_schema=False)
def redraft(request: Request, posting_id: int, confirmer: Text = ""):
    """A person's edits are never overwritten silently: without `confirmer`, ask first."""
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            with session.begin_nested():
                posting = service.draft_offer(session, user, settings_of(request), posting_id,
                                              replace_edited=confirmer == "oui")
        except Conflict as exc:
            posting = service.get_posting(session, user, posting_id, roles=service.MANAGERS)
            return render(request, "recruitment/redraft_confirm.html", {
                "posting": posting, "message": exc.message,
                "edited": service.edited_by_person(posting)})
        flash(request, f"Texte de l'offre rédigé ({posting.offer_origin}), version "
                       f"{len(posting.offer_versions)} ; les versions précédentes restent consultables.")
    return RedirectResponse(f"/recrutement/offres/{posting_id}#offre", status_code=303)


@router.get("/recrutement/offres/{posting_id}/versions/{number}", include_in_schema=False)
def offer_version(request: Request, posting_id: int, number: int):
    with open_session(request) as session:
        user = require_user(request, session)
        version = service.offer_version(session, user, posting_id, number)
        return render(request, "recruitment/offer_version.html", {
            "posting": service.get_posting(session, user, posting_id), "version": version})


@router.post("/recrutement/offres/{posting_id}/texte", include_in_schema=False)
def edit_offer(request: Request, posting_id: int, texte: LongText = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            with session.begin_nested():
                service.update_offer_text(session, user, posting_id, texte)
        except CollectiviaError as exc:
            flash(request, exc.message, "error")
            return RedirectResponse(f"/recrutement/offres/{posting_id}#offre", status_code=303)
        flash(request, "Texte de l'offre enregistré.")
    return RedirectResponse(f"/recrutement/offres/{posting_id}#offre", status_code=303)


@router.post("/recrutement/offres/{posting_id}/statut", include_in_schema=False)
def posting_status(request: Request, posting_id: int, statut: Text = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        posting = service.set_status(session, user, posting_id, statut)
        flash(request, f"Offre {posting.reference} : {posting.status}.")
    return RedirectResponse(f"/recrutement/offres/{posting_id}", status_code=303)


@router.get("/recrutement/offres/{posting_id}/offre.{fmt}", include_in_schema=False)
def offer_download(request: Request, posting_id: int, fmt: str):
    with open_session(request) as session:
        user = require_user(request, session)
        if fmt not in ("txt", "pdf"):
            from collectivia.core.errors import NotFound

            raise NotFound("Format inconnu (txt ou pdf).")
        data, media = service.offer_export(session, user, settings_of(request), posting_id, fmt)
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="offre-{posting_id}.{fmt}"'})


@router.post("/recrutement/offres/{posting_id}/candidatures", include_in_schema=False)
def upload(request: Request, posting_id: int,
           fichiers: Annotated[list[UploadFile] | None, File()] = None):
    """The files are kept and the batch queued (`background`); its page shows its progress."""
    files = []
    for item in (fichiers or [])[:MAX_FILES_PER_UPLOAD]:
        if item.filename:
            files.append((item.filename, item.file.read()))
    with open_session(request) as session:
        user = require_user(request, session)
        job = background.start_batch(session, user, settings_of(request), posting_id, files)
    progress.defer(database(request), settings_of(request), job)
    return RedirectResponse(f"/taches/{job.id}", status_code=303)


@router.post("/recrutement/offres/{posting_id}/analyser", include_in_schema=False)
def rescreen(request: Request, posting_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        count = cands.rescreen_posting(session, user, posting_id)
        flash(request, f"{accord(count, 'candidature analysée', 'candidatures analysées')} à nouveau.")
    return RedirectResponse(f"/recrutement/offres/{posting_id}#comparaison", status_code=303)


@router.get("/recrutement/offres/{posting_id}/comparaison.csv", include_in_schema=False)
def comparison_csv(request: Request, posting_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        posting, rows = cands.comparison(session, user, posting_id)
        header = ["Candidature", "Groupe", "Étape", *posting.required, "Anomalies de dates"]
        data = [[r["candidate"].label, r["group"], r["candidate"].stage,
                 *[x["status"] for x in r["results"]], r["date_issues"]] for r in rows]
        return csv_response(session, user, f"comparaison-{posting.reference}.csv", header, data,
                            offre=posting.id)


@router.get("/recrutement/offres/{posting_id}/ia-act", include_in_schema=False)
def ai_act(request: Request, posting_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        data = oversight.ai_act_file(session, user, posting_id)
        return render(request, "recruitment/ai_act.html", {
            "file": data, "retention_months": oversight.AUDIT_RETENTION_MONTHS,
            "data_retention_months": retention.retention_months(settings_of(request)),
            "threshold": oversight.FOUR_FIFTHS})


@router.get("/recrutement/candidatures/{candidate_id}", include_in_schema=False)
def candidate_page(request: Request, candidate_id: int, original: int = 0):
    with open_session(request) as session:
        user = require_user(request, session)
        show_original = bool(original) and cands.sees_identity(user)
        candidate = (cands.open_original(session, user, candidate_id) if show_original
                     else cands.get_candidate(session, user, candidate_id))
        if not candidate.anonymous_text:
            cands.anonymise(session, candidate)
        results = cands.effective_results(candidate)
        if not cands.sees_identity(user):
            for result in results:
                result["evidence"] = cands.jury_evidence(candidate, result["evidence"])
        cv_text = candidate.cv_text if show_original else candidate.anonymous_text
        return render(request, "recruitment/candidate.html", {
            "candidate": candidate, "results": results, "group": cands.effective_group(candidate),
            "screening": candidate.latest_screening, "show_original": show_original,
            "cv_text": cv_text,
            "quoted_lines": cands.quoted_lines(cv_text, _quotes_shown(candidate, results, user)),
            "neighbours": cands.neighbours(session, user, candidate),
            "sees_identity": cands.sees_identity(user), "can_manage": oversight.can_manage(user),
            "decision_stages": DECISION_STAGES, "age_bands": cands.AGE_BANDS,
            "model_available": _model_available(request, session, user.role),
            "retention_months": retention.retention_months(settings_of(request)),
            "notice": cands.candidate_notice(
                candidate.posting, settings_of(request).collectivite_name,
                retention_phrase(retention.retention_months(settings_of(request))))},
            ai_output=True)


def _quotes_shown(candidate, results: list[dict], user) -> list[str]:
    """The quotes the candidate page shows: the required criteria's, and for those who see
    identities the optional ones' too (they may quote the original CV)."""
    quotes = [r["evidence"] for r in results if r["evidence"]]
    if candidate.latest_screening and cands.sees_identity(user):
        quotes += [r["evidence"] for r in candidate.latest_screening.optional if r["evidence"]]
    return quotes


def _model_available(request: Request, session, role: str) -> bool:
    try:
        from collectivia.llm import get_router

        return get_router(settings_of(request), session, role).available
    except Exception:  # noqa: BLE001 - a broken model configuration must not break the page
        return False


def _candidate_post(request: Request, candidate_id: int, action, success: str, anchor: str):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            with session.begin_nested():
                action(session, user)
        except CollectiviaError as exc:
            if exc.status_code in (403, 404):
                raise
            flash(request, exc.message, "error")
            return RedirectResponse(f"/recrutement/candidatures/{candidate_id}#{anchor}", status_code=303)
        flash(request, success)
    return RedirectResponse(f"/recrutement/candidatures/{candidate_id}#{anchor}", status_code=303)


@router.post("/recrutement/candidatures/{candidate_id}/corrections", include_in_schema=False)
def correct(request: Request, candidate_id: int, critere: LongText = "", statut: Text = "",
            raison: LongText = ""):
    return _candidate_post(request, candidate_id, lambda s, u: cands.correct(
        s, u, candidate_id, critere, statut, raison), "Correction enregistrée.", "criteres")


@router.post("/recrutement/candidatures/{candidate_id}/decision", include_in_schema=False)
def decide(request: Request, candidate_id: int, etape: Text = "", justification: LongText = "",
           criteres: TextList = None):
    return _candidate_post(request, candidate_id, lambda s, u: decisions.decide(
        s, u, candidate_id, etape, justification, criteres or []),
        f"Décision enregistrée : {etape}.", "decision")


@router.post("/recrutement/candidatures/{candidate_id}/effacement", include_in_schema=False)
def erase(request: Request, candidate_id: int, demande_confirmee: Text = ""):
    """The candidate asked for erasure: everything about the candidature goes, now."""
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            with session.begin_nested():
                posting, removal = retention.erase_candidate(
                    session, user, settings_of(request), candidate_id, demande_confirmee == "oui")
        except CollectiviaError as exc:
            if exc.status_code in (403, 404):
                raise
            flash(request, exc.message, "error")
            return RedirectResponse(f"/recrutement/candidatures/{candidate_id}#effacement",
                                    status_code=303)
        counts = removal.counts
        flash(request, f"Candidature effacée à la demande de la personne : "
                       f"{accord(counts['documents'], 'document')}, {accord(counts['analyses'], 'analyse')}, "
                       f"{accord(counts['decisions'], 'décision')} et ses pseudonymes supprimés.")
    return RedirectResponse(f"/recrutement/offres/{posting.id}#comparaison", status_code=303)


@router.post("/recrutement/candidatures/{candidate_id}/modele", include_in_schema=False)
def model_second_look(request: Request, candidate_id: int):
    from collectivia.recruitment.model_review import review

    return _candidate_post(request, candidate_id, lambda s, u: review(
        s, u, settings_of(request), candidate_id),
        "Seconde lecture par le modèle enregistrée : vérifiez les citations proposées.", "criteres")


@router.post("/recrutement/candidatures/{candidate_id}/egalite", include_in_schema=False)
def equality(request: Request, candidate_id: int, sexe: Text = "", tranche_age: Text = ""):
    return _candidate_post(request, candidate_id, lambda s, u: cands.set_equality_data(
        s, u, candidate_id, sexe, tranche_age), "Données de suivi de l'égalité enregistrées.", "egalite")


@router.post("/recrutement/candidatures/{candidate_id}/information", include_in_schema=False)
def notice_sent(request: Request, candidate_id: int):
    return _candidate_post(request, candidate_id, lambda s, u: cands.mark_notice_sent(
        s, u, candidate_id), "Envoi de la notice d'information enregistré.", "information")


@router.post("/recrutement/candidatures/{candidate_id}/lettre", include_in_schema=False)
def letter(request: Request, candidate_id: int,
           fichier: Annotated[UploadFile | None, File()] = None):
    data = fichier.file.read() if fichier is not None else b""
    name = fichier.filename if fichier is not None and fichier.filename else "lettre"
    return _candidate_post(request, candidate_id, lambda s, u: cands.attach_letter(
        s, u, settings_of(request), candidate_id, name, data), "Lettre de motivation ajoutée.", "documents")


@router.get("/recrutement/tableau-de-bord", include_in_schema=False)
def dashboard(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        data = oversight.dashboard(session, user)
        return render(request, "recruitment/dashboard.html", {"data": data, "stages": STAGES,
                                                              "threshold": oversight.FOUR_FIFTHS})


@router.get("/recrutement/tableau-de-bord.csv", include_in_schema=False)
def dashboard_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        header, rows = oversight.dashboard_table(oversight.dashboard(session, user))
        return csv_response(session, user, "recrutement-tableau-de-bord.csv", header, rows)


@router.get("/recrutement/tableau-de-bord.xlsx", include_in_schema=False)
def dashboard_xlsx(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        header, rows = oversight.dashboard_table(oversight.dashboard(session, user))
        return xlsx_response(session, user, "recrutement-tableau-de-bord.xlsx",
                             {"Recrutements": (header, rows)})


@router.get("/recrutement/information-candidats", include_in_schema=False)
def information(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.EVERYONE, action="consulter la notice")
        return render(request, "recruitment/information.html", {})
