"""Human decisions on a candidature: a named person decides, on the posting's criteria, in
their own words.

The screening proposes a group; it never decides (AI Act, article 14; RGPD, article
22). So a decision must stand on its own: a refusal cites at least one of the
posting's criteria and the recruiter's own assessment, and a justification that
leans on the tool — its group, its score, its proposal ("Classé en groupe C par
l'outil, donc non retenu.") — is refused with the reason why. What the tool had
proposed is copied beside the decision, so whoever reads the file sees both: the
proposal and what the person decided.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import Conflict, Forbidden, InvalidInput
from collectivia.core.models import User
from collectivia.recruitment.candidates import effective_group, get_candidate
from collectivia.recruitment.cv import fold
from collectivia.recruitment.models import DECISION_STAGES, Candidate, Decision
from collectivia.recruitment.screening import MET
from collectivia.recruitment.service import MANAGERS

REFUSAL = "non retenu"
SENT_TWICE = ("Une autre décision vient d'être enregistrée pour cette candidature (formulaire "
              "envoyé deux fois, ou depuis deux onglets) : celle-ci n'a pas été ajoutée. "
              "Rechargez la fiche pour voir son étape actuelle.")
MIN_JUSTIFICATION = {REFUSAL: 20}
DEFAULT_MIN_JUSTIFICATION = 10

_TOOL = (r"(?:l'|le |la )?(?:outil|ia|intelligence artificielle|algorithme|aide a la preselection|"
         r"logiciel de (?:tri|preselection)|analyse automatique|machine)")
# Wordings that make the tool's output the reason, on folded text (no accents, lower case).
# "Catégorie C" stays allowed: it is the statutory category, not the tool's group.
TOOL_RELIANCE = re.compile("|".join([
    r"\bgroupes?\s*[abc]\b",
    r"\bgroupe (?:propose|attribue|de l'outil|de l'ia)",
    rf"\b(?:par|selon|d'apres|suivant|via|pour) {_TOOL}\b",
    rf"\b{_TOOL}\s+(?:l'|la |le |les )?(?:a\s+)?(?:classe|propose|indique|retenu|ecarte|estime|"
    r"juge|considere|note|evalue|suggere|recommande|donne|place|met|positionne|range)",
    r"\b(?:classee?|placee?|rangee?|positionnee?|mise?)s?\s+en\s+[abc]\b",
    r"\bproposition (?:de l'outil|de l'ia|de l'aide|automatique)",
    r"\b(?:tri|classement|preselection|notation) automatique",
    r"\bscores?\b(?! (?:au |a |de |du )?(?:toeic|toefl|ielts|bulats|tosa|pix|linguaskill|dele))",
]))


def leans_on_the_tool(justification: str) -> str | None:
    """The words by which a justification rests on the tool's output, or None."""
    folded = fold(justification)
    match = TOOL_RELIANCE.search(folded)
    if match is None:
        return None
    if len(folded) != len(justification):      # a ligature or the like: quote the folded words
        return match.group()
    return justification[match.start():match.end()]


def tool_proposal(candidate: Candidate) -> dict:
    """What the screening proposed, as it stands when the person decides (corrections aside)."""
    screening = candidate.latest_screening
    if screening is None:
        return {}
    results = screening.results
    return {"groupe": screening.group, "methode": screening.method,
            "remplis": sum(r["status"] == MET for r in results), "criteres": len(results),
            "statuts": {r["criterion"]: r["status"] for r in results}}


def _checked_criteria(candidate: Candidate, to_stage: str, criteria: list[str]) -> list[str]:
    posting = candidate.posting
    known = [*posting.required, *posting.optional]
    cited = list(dict.fromkeys(c.strip() for c in criteria if c and c.strip()))
    unknown = [c for c in cited if c not in known]
    if unknown:
        raise InvalidInput("Critère inconnu pour cette offre : « " + unknown[0] + " ».")
    if to_stage == REFUSAL and not cited:
        raise InvalidInput("Un refus doit citer au moins un critère de l'offre sur lequel il "
                           "repose, et votre propre appréciation de ce critère.")
    return cited


def _checked_justification(to_stage: str, justification: str) -> str:
    justification = (justification or "").strip()
    minimum = MIN_JUSTIFICATION.get(to_stage, DEFAULT_MIN_JUSTIFICATION)
    if len(justification) < minimum:
        raise InvalidInput(f"Une justification écrite d'au moins {minimum} caractères est "
                           "obligatoire pour toute décision.")
    words = leans_on_the_tool(justification)
    if words:
        raise InvalidInput(
            f"Cette justification s'appuie sur l'outil (« {words} ») : la proposition de l'aide "
            "à la présélection (groupe, score, résultat) ne peut pas motiver une décision. "
            "Écrivez votre propre appréciation, ce que vous avez constaté dans la candidature "
            "au regard des critères de l'offre ; la proposition de l'outil est déjà enregistrée "
            "à côté de votre décision.")
    return justification


def decide(session: Session, user: User | None, candidate_id: int, to_stage: str,
           justification: str, criteria: list[str] | tuple[str, ...] = ()) -> Decision:
    """Only a named, signed-in recruiter moves a candidate, always with their own reasons.

    The screening has no access to this function's effect: a "non retenu" can
    never come from the AI alone. A decision by anyone else, without a written
    reason, resting on the tool's output, or a refusal citing no criterion, is refused.
    """
    person = _named(user)
    candidate = get_candidate(session, person, candidate_id, roles=MANAGERS)
    if to_stage not in DECISION_STAGES:
        raise InvalidInput("Étape inconnue : pré-sélection, entretien, retenu ou non retenu.")
    justification = _checked_justification(to_stage, justification)
    cited = _checked_criteria(candidate, to_stage, list(criteria))
    if to_stage == candidate.stage:
        raise InvalidInput(f"La candidature est déjà à l'étape « {to_stage} ».")
    proposal = tool_proposal(candidate)
    decision = Decision(candidate_id=candidate.id, number=_next_number(session, candidate.id),
                        from_stage=candidate.stage, to_stage=to_stage,
                        justification=justification,
                        criteria_json=json.dumps(cited, ensure_ascii=False),
                        tool_proposal_json=json.dumps(proposal, ensure_ascii=False),
                        user_id=person.id, user_name=person.full_name)
    try:
        with session.begin_nested():
            session.add(decision)
            candidate.decisions.append(decision)
            candidate.stage = to_stage
            candidate.stage_changed_at = clock.now()
            session.flush()
    except IntegrityError as exc:
        raise Conflict(SENT_TWICE) from exc
    audit.record(session, "recruitment.decision", actor=person, object_type="candidature",
                 object_id=candidate.id, details={
                     "de": decision.from_stage, "vers": to_stage, "criteres_cites": len(cited),
                     "groupe_propose_outil": proposal.get("groupe", ""),
                     "groupe_apres_corrections": effective_group(candidate)})
    return decision


def _named(user: User | None) -> User:
    if user is None:
        raise Forbidden("Une décision doit être prise par une personne nommément identifiée.")
    return user


def _next_number(session: Session, candidate_id: int) -> int:
    """The decision's rank for its candidate. Two requests deciding at once read the same
    count; the unique (candidate, number) index then refuses the second (`SENT_TWICE`)."""
    return session.execute(select(func.count()).where(
        Decision.candidate_id == candidate_id)).scalar_one() + 1


def decide_for_each(session: Session, user: User | None, posting_id: int,
                    candidate_ids: list[int], to_stage: str, justification: str,
                    criteria: list[str] | tuple[str, ...] = ()) -> list[Decision]:
    """The same decision for several candidatures of one posting (the pipeline's selection).

    Each is checked and recorded as `decide` records one, with its own audit event; the caller
    runs it in one transaction, so a selection is moved whole or not at all.
    """
    ids = list(dict.fromkeys(candidate_ids))
    if not ids:
        raise InvalidInput("Sélectionnez au moins une candidature.")
    made = []
    for candidate_id in ids:
        if get_candidate(session, _named(user), candidate_id, roles=MANAGERS).posting_id != posting_id:
            raise InvalidInput("Une candidature sélectionnée n'appartient pas à cette offre.")
        made.append(decide(session, user, candidate_id, to_stage, justification, criteria))
    return made
