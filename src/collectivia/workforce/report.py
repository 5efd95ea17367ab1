"""The report for élus and staff representatives: one HTML document, also rendered to PDF.

It always merges groups of fewer than five agents, whoever generates it, since
it is meant to be circulated; its methods section lists where the INET
study's levels differ from the banded ILO 2023 scores.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from collectivia.core.discovery import PACKAGE_ROOT
from collectivia.core.models import User
from collectivia.core.roles import ensure_role
from collectivia.web.templating import templates
from collectivia.workforce import results as results_mod
from collectivia.workforce import service
from collectivia.workforce.analysis import Analysis
from collectivia.workforce.models import StaffImport
from collectivia.workforce.reference import ExposureSource, annex_reproduction, occupation

STYLESHEET = PACKAGE_ROOT / "web" / "static" / "workforce-report.css"
TOP_JOBS = 20
TASK_FOCUS = 5


def render_report(session: Session, user: User, staff_import: StaffImport | None,
                  source: ExposureSource, collectivite: str) -> str:
    ensure_role(user, *service.READERS, action="consulter la cartographie des métiers")
    analysis = service.analysis_of(session, user, staff_import) if staff_import else None
    return report_html(analysis, source, collectivite,
                       staff_import.created_at if staff_import else None)


def report_html(analysis: Analysis | None, source: ExposureSource, collectivite: str,
                imported_at: datetime | None, *, inline_css: bool = False) -> str:
    res = results_mod.build(analysis, source, protected=True) if analysis else None
    focus = []
    if res:
        seen = set()
        for job in res.jobs:
            occ = occupation(job["isco08"])
            if occ and occ.isco08 not in seen and occ.tasks:
                seen.add(occ.isco08)
                scored = [(t.score_2025, t) for t in occ.tasks
                          if t.score_2025 is not None and t.score_2023 is not None]
                tasks = [t for _, t in sorted(scored, key=lambda pair: -pair[0])[:3]]
                focus.append({"job": job, "occ": occ, "tasks": tasks})
            if len(focus) == TASK_FOCUS:
                break
    rows = annex_reproduction()
    return templates.env.get_template("workforce/report.html").render(
        res=res, analysis=analysis, source=source, collectivite=collectivite,
        imported_at=imported_at, generated_at=datetime.now(), warning=results_mod.WARNING,
        jobs=res.jobs[:TOP_JOBS] if res else [], focus=focus,
        disagreements=[r for r in rows if not r.agrees], annex_total=len(rows),
        css=STYLESHEET.read_text(encoding="utf-8") if inline_css else None,
        mode_label={"exact": "exact (méthode de l'étude)", "fuzzy": "approché, avec revue RH"}
        .get(analysis.mode.value if analysis else "", ""))


def to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=str(PACKAGE_ROOT / "web")).write_pdf(
        stylesheets=[CSS(string=STYLESHEET.read_text(encoding="utf-8"))])
