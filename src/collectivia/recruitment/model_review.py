"""A second look by the model, when one is configured: only for criteria the rules found no evidence for.

The rules stay the reference. The model reads the pseudonymised CV only (never
the original), and may turn a "non mentionné" into "rempli" or "non rempli"
only if it quotes a line that is really in the CV — a quote not found
verbatim is discarded. The result is a new screening, labelled with the
model's name, that the recruiter reviews and can correct like any other.
"""

from __future__ import annotations

import json
import re

from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.errors import Conflict
from collectivia.core.models import User
from collectivia.recruitment.candidates import anonymise, get_candidate
from collectivia.recruitment.models import Screening
from collectivia.recruitment.screening import MET, NOT_MET, NOT_STATED, group_of_statuses
from collectivia.recruitment.service import MANAGERS, criteria_of

SYSTEM = ("Tu aides un service RH public à vérifier des critères dans un CV pseudonymisé. Tu ne "
          "décides rien. Réponds uniquement en JSON : {\"statut\": \"rempli\" | \"non rempli\" | "
          "\"non mentionné\", \"citation\": \"<une ligne copiée mot pour mot du CV, ou vide>\"}.")


def _ask(router, criterion, cv_text: str):
    from collectivia.llm import ChatMessage

    prompt = (f"Critère : {criterion.text}\nRègle de décision : {criterion.definition or '—'}\n\n"
              f"CV :\n{cv_text[:12000]}")
    completion = router.complete([ChatMessage("system", SYSTEM), ChatMessage("user", prompt)],
                                 max_tokens=200, temperature=0.0)
    match = re.search(r"\{.*\}", completion.text, re.S)
    try:
        answer = json.loads(match.group(0)) if match else {}
    except json.JSONDecodeError:
        answer = {}
    return answer, completion


def _verbatim_line(quote: str, cv_text: str) -> str | None:
    quote = (quote or "").strip()
    if len(quote) < 8:
        return None
    return next((line for line in cv_text.split("\n") if quote in line), None)


def review(session: Session, user: User, settings, candidate_id: int) -> Screening:
    """Ask the model about the criteria without evidence; keep only verifiable answers."""
    from collectivia.llm import LLMUnavailable, get_router

    candidate = get_candidate(session, user, candidate_id, roles=MANAGERS)
    router = get_router(settings, session, user.role)
    if not router.available:
        raise Conflict("Aucun modèle d'IA n'est configuré : l'analyse par règles reste la seule proposition.")
    if not candidate.anonymous_text:
        anonymise(session, candidate)
    if not candidate.anonymous_text:      # fail closed: the original never goes to a model
        raise Conflict("Le CV anonyme n'a pas pu être produit : rien n'est envoyé au modèle.")
    latest = candidate.latest_screening
    if latest is None:
        raise Conflict("Lancez d'abord l'analyse par règles.")
    required, _ = criteria_of(candidate.posting)
    results = latest.results
    changed, model_name = 0, ""
    try:
        for criterion, result in zip(required, results, strict=True):
            if result["status"] != NOT_STATED:
                continue
            answer, completion = _ask(router, criterion, candidate.anonymous_text)
            model_name = completion.model
            status = answer.get("statut")
            line = _verbatim_line(answer.get("citation", ""), candidate.anonymous_text)
            if status in (MET, NOT_MET) and line is not None:
                result.update(status=status, evidence=line,
                              note=f"proposé par le modèle « {completion.model} » (IA), citation vérifiée")
                changed += 1
    except LLMUnavailable as exc:
        raise Conflict(exc.message) from exc

    record = Screening(candidate_id=candidate.id, method=f"règles + modèle « {model_name or '—'} »",
                       group=group_of_statuses([r["status"] for r in results]),
                       results_json=json.dumps(results, ensure_ascii=False),
                       optional_json=latest.optional_json, date_issues_json=latest.date_issues_json,
                       questions_json=latest.questions_json)
    session.add(record)
    session.flush()
    candidate.screenings.append(record)
    audit.record(session, "recruitment.screening.model", actor=user, object_type="candidature",
                 object_id=candidate.id, details={"modele": model_name, "criteres_modifies": changed,
                                                  "groupe_propose": record.group})
    return record
