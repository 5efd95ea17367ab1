"""Demo data for Admiville: one open posting and eight fictitious CVs, already screened.

The anonymous CVs are produced lazily on first view (the privacy engine is
slow to load), so loading the demo stays fast. Idempotent: a second run
changes nothing.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from collectivia.core import clock
from collectivia.core.discovery import PACKAGE_ROOT
from collectivia.core.roles import Role
from collectivia.recruitment.candidates import AGE_BANDS, run_screening
from collectivia.recruitment.decisions import tool_proposal
from collectivia.recruitment.models import Candidate, Decision, Posting
from collectivia.recruitment.offer import CollectiviteInfo, as_text, default_intro
from collectivia.recruitment.service import keep_offer_version

DATA = PACKAGE_ROOT / "data" / "recruitment" / "demo_campaign.json"
REFERENCE = "REC-DEMO-001"


def _age_band(age: int) -> str:
    return AGE_BANDS[0] if age < 30 else AGE_BANDS[1] if age < 45 else AGE_BANDS[2] if age < 55 \
        else AGE_BANDS[3]


def load(session, context) -> None:
    if session.execute(select(Posting).where(Posting.reference == REFERENCE)).scalar_one_or_none():
        return
    data = json.loads(DATA.read_text(encoding="utf-8"))
    spec = data["posting"]
    recruiter = context.users.get(Role.RECRUTEUR)
    today = clock.now().date()
    posting = Posting(
        reference=REFERENCE, intitule=spec["intitule"], direction=spec["direction"],
        cadre_emplois=spec["cadre_emplois"], categorie=spec["categorie"], filiere=spec["filiere"],
        grade_min="adjoint administratif principal de 2e classe", grade_max="rédacteur principal de 1re classe",
        temps_travail=spec["temps_travail"], missions="\n".join(spec["missions"]),
        required_json=json.dumps(spec["competences_requises"], ensure_ascii=False),
        optional_json=json.dumps(spec["competences_souhaitees"], ensure_ascii=False),
        definitions_json=json.dumps(spec["criteres_definitions"], ensure_ascii=False),
        contract_basis="L332-14", date_publication=today.replace(day=1) - timedelta(days=30),
        date_limite=today + timedelta(days=21), status="publiée",
        created_by_id=recruiter.id if recruiter else None)
    session.add(posting)
    session.flush()
    info = CollectiviteInfo(name="Admiville", domain="admiville.fr")
    posting.offer_text = as_text(posting, info, default_intro(posting, info))
    posting.offer_origin = "rédigé à partir du modèle de document (aucun modèle d'IA utilisé)"
    keep_offer_version(session, posting, recruiter)
    for number, cv in enumerate(data["cvs"], 1):
        candidate = Candidate(posting=posting, label=f"Candidature n° {number}",
                              source_filename=cv["filename"], cv_text=cv["cv_text"],
                              equality_sex=cv["sexe"], equality_age_band=_age_band(cv["age"]),
                              created_by_id=recruiter.id if recruiter else None)
        session.add(candidate)
        session.flush()
        run_screening(session, candidate, recruiter)
    first = posting.candidates[0]
    if recruiter is not None:
        session.add(Decision(candidate_id=first.id, number=1, from_stage="reçue",
                             to_stage="pré-sélection",
                             justification="Tous les critères obligatoires sont attestés (expérience "
                                           "de paie, statut, SIRH, Excel, baccalauréat).",
                             criteria_json=json.dumps(posting.required, ensure_ascii=False),
                             tool_proposal_json=json.dumps(tool_proposal(first), ensure_ascii=False),
                             user_id=recruiter.id, user_name=recruiter.full_name))
        first.stage = "pré-sélection"
    context.summary.append(f"Recrutement : offre {REFERENCE} « {posting.intitule} » avec "
                           f"{len(data['cvs'])} candidatures analysées (page /recrutement).")
