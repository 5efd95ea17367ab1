"""The DPO's data-subject request pages: find a person, see what is held, export it, erase it.

A person is named by `?compte=<account number>` or `?texte=<name or e-mail>`
on every page, so a request can be bookmarked in the DPO's own register of
requests. Erasure asks for a confirmation page first, then a checked box.
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from collectivia.core.errors import CollectiviaError
from collectivia.core.exports import file_response
from collectivia.core.roles import Role, ensure_role
from collectivia.governance import subject
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
HANDLERS = frozenset(subject.HANDLERS)
ACCESS: dict[str, frozenset[Role]] = {
    "GET /gouvernance/personnes": HANDLERS,
    "GET /gouvernance/personnes/donnees": HANDLERS,
    "GET /gouvernance/personnes/donnees.json": HANDLERS,
    "GET /gouvernance/personnes/effacement": HANDLERS,
    "POST /gouvernance/personnes/effacement": HANDLERS,
}
BASE = "/gouvernance/personnes"
Short = Annotated[str, Form(max_length=300)]


@router.get(BASE, include_in_schema=False)
def search_page(request: Request, q: str = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "governance/subject_search.html", {
            "q": q[:200], "accounts": subject.find_accounts(session, user, q), "min": subject.MIN_TEXT})


def _person_page(request: Request, template: str, compte: str, texte: str, extra: dict | None = None,
                 status_code: int = 200):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            who = subject.person(session, user, compte[:20], texte)
        except CollectiviaError as exc:
            if exc.status_code == 403:
                raise
            return render(request, template, {"who": None, "error": exc.message, "texte": texte[:200]},
                          status_code=exc.status_code)
        found = subject.holdings(session, user, who) if who else []
        return render(request, template, {
            "who": who, "found": found, "texte": texte[:200], "max": subject.MAX_ITEMS,
            "query": urlencode(who.query) if who else "", **(extra or {})}, status_code=status_code)


@router.get(BASE + "/donnees", include_in_schema=False)
def holdings_page(request: Request, compte: str = "", texte: str = ""):
    return _person_page(request, "governance/subject.html", compte, texte)


@router.get(BASE + "/donnees.json", include_in_schema=False)
def holdings_json(request: Request, compte: str = "", texte: str = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        who = subject.person(session, user, compte[:20], texte)
        if who is None:
            content: dict[str, object] = {"personne": None, "magasins": [],
                       "message": "Indiquez un compte (compte=…) ou un nom ou courriel (texte=…)."}
            found = []
        else:
            found = subject.holdings(session, user, who)
            content = subject.export(who, found)
        body = json.dumps(content, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        name = f"donnees-compte-{who.user.id}.json" if who and who.user else "donnees-personne.json"
        return file_response(session, user, name, body, "application/json",
                             sum(len(h.items) for h in found))


@router.get(BASE + "/effacement", include_in_schema=False)
def erase_page(request: Request, compte: str = "", texte: str = ""):
    return _person_page(request, "governance/subject_erase.html", compte, texte)


@router.post(BASE + "/effacement", include_in_schema=False)
def erase(request: Request, compte: Short = "", texte: Short = "", confirme: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *HANDLERS, action="effacer les données d'une personne")
        try:
            who = subject.person(session, user, compte[:20], texte)
            if who is None:
                raise CollectiviaError("Indiquez la personne dont les données sont à effacer.")
            label = who.label
            with session.begin_nested():
                counts = subject.erase(session, user, who, settings_of(request), confirme == "oui")
        except CollectiviaError as exc:
            if exc.status_code == 403:
                raise
            flash(request, exc.message, "error")
            return RedirectResponse(f"{BASE}/effacement?{urlencode({'compte': compte, 'texte': texte})}",
                                    status_code=303)
        erased = sum(n for key, n in counts.items() if key != "compte")
        flash(request, f"Données de {label} effacées : {erased} élément(s) supprimé(s)"
                       + (", compte pseudonymisé" if counts.get("compte") else "")
                       + " ; le journal d'audit est conservé.")
    return RedirectResponse(BASE, status_code=303)
