"""Jinja2 rendering of the French pages, with the layout's context filled in.

Each domain keeps its templates in `<domain>/templates/<domain>/...`; the
shared layout is `web/templates/base.html`.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from collectivia.core.discovery import PACKAGE_ROOT, domain_packages
from collectivia.core.roles import Role
from collectivia.core.french import accord, elide, in_sentence
from collectivia.web.middleware import csrf_token
from collectivia.web.modules import modules_for, oversight_pages_for
from collectivia.web.tenancy import tenant_name


def _format_datetime(value: datetime | None, with_time: bool = True) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


def _format_number(value: float | int, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def _environment() -> Environment:
    dirs = [PACKAGE_ROOT / "web" / "templates"]
    dirs += [PACKAGE_ROOT / pkg / "templates" for pkg in domain_packages() if pkg != "web"]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs if d.is_dir()]),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date_fr"] = _format_datetime
    env.filters["nombre"] = _format_number
    env.filters["elide"] = elide
    env.filters["accord"] = accord
    env.filters["in_sentence"] = in_sentence
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, template: str, context: dict | None = None, status_code: int = 200,
           *, ai_output: bool = False):
    """A page in the layout; `ai_output` marks pages that show what a model produced.

    Only those pages carry the AI notice: a banner on every page, login
    included, is one people learn not to read.
    """
    user = getattr(request.state, "viewer", None)
    flash = request.session.pop("flash", None) if "session" in request.scope else None
    base = {
        "request": request,
        "user": user,
        "csrf_token": csrf_token(request.session) if "session" in request.scope else "",
        "nav": modules_for(Role(user.role)) if user else [],
        "oversight": oversight_pages_for(Role(user.role)) if user else [],
        "flash": flash,
        "collectivite": tenant_name(request.scope, request.app.state.settings.collectivite_name),
        "current_path": request.url.path,
        "ai_notice": ai_output,
    }
    base.update(context or {})
    return templates.TemplateResponse(request, template, base, status_code=status_code)


def flash(request: Request, message: str, kind: str = "success") -> None:
    """A one-time message shown on the next page (after a redirect)."""
    request.session["flash"] = {"message": message, "kind": kind}
