"""/confidentialite: the DPO's view of the privacy engine — policies, vault, and a test bench.

The test bench anonymises a pasted text in memory (nothing is stored, nothing
is sent to a model) so the DPO and the AI referent can see what a model would
receive under each policy. Only counts go to the audit log.
"""

from __future__ import annotations

from fastapi import APIRouter, Form, Request

from collectivia.core import audit
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.roles import Role, ensure_role
from collectivia.privacy import service
from collectivia.privacy.policies import REMOVED, SENSITIVE_MODES
from collectivia.privacy.protected import LABEL_NAMES
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import render

router = APIRouter()
READERS = frozenset({Role.DPO, Role.REFERENT_IA, Role.ADMIN})
ACCESS: dict[str, frozenset[Role]] = {
    "GET /confidentialite": READERS,
    "POST /confidentialite": READERS,
}
MAX_TEST_CHARS = 50_000
POLICIES = [("assistant", "Assistant (envoi à un modèle)"),
            ("recrutement", "Recrutement (CV anonyme du jury)"),
            ("export", "Export (anonymisation définitive)")]


def _context(session, user, settings, **extra) -> dict:
    ensure_role(user, *READERS, action="consulter la protection des données personnelles")
    return {"policies": POLICIES, "vault": service.vault_summary(session),
            "sensitive_mode": settings.privacy_sensitive_mode, "modes": SENSITIVE_MODES,
            "label_names": LABEL_NAMES, "removed": REMOVED, "max_chars": MAX_TEST_CHARS,
            "text": "", "policy": "assistant", "result": None, "error": "", **extra}


@router.get("/confidentialite", include_in_schema=False)
def privacy_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        context = _context(session, user, settings_of(request))
        return render(request, "privacy/page.html", context)


@router.post("/confidentialite", include_in_schema=False)
def privacy_test(request: Request, texte: str = Form(""), politique: str = Form("assistant")):
    settings = settings_of(request)
    with open_session(request) as session:
        user = require_user(request, session)
        context = _context(session, user, settings, text=texte, policy=politique)
        try:
            if not texte.strip():
                raise InvalidInput("Collez un texte à tester.")
            if len(texte) > MAX_TEST_CHARS:
                raise InvalidInput(f"Texte trop long pour le banc d'essai ({MAX_TEST_CHARS:,} "
                                   "caractères au plus).".replace(",", " "))
            result = service.anonymise(texte, policy=politique, settings=settings)
        except CollectiviaError as exc:
            context["error"] = exc.message
            return render(request, "privacy/page.html", context, status_code=exc.status_code)
        audit.record(session, "privacy.test", actor=user, object_type="politique",
                     object_id=politique, details={"categories": result.categories,
                                                   "bloque": result.blocked})
        context["result"] = result
        return render(request, "privacy/page.html", context)
