"""The confirmed import of a staff table, stored by the job queue, followed by HR.

The request that confirms an import does what the preview already did —
the column mapping and the validation report, so a table with errors comes
back at once to its mapping page — then keeps the draft in the shared file
store (the worker may run on another machine than the one that read the
upload) and queues the import (`start_import`). The job (`run_import`)
stores every agent, the remembered headers, the audit event and its own
"terminé" in one transaction: all or nothing, as before.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core.db import Database
from collectivia.core.errors import InvalidInput
from collectivia.core.files import FileStore
from collectivia.core.french import accord
from collectivia.core.models import User
from collectivia.core.roles import ensure_role
from collectivia.jobs import progress
from collectivia.jobs.models import JobStatus, TrackedJob
from collectivia.settings import Settings
from collectivia.workforce import drafts, service
from collectivia.workforce.matching import MatchMode
from collectivia.workforce.tableau import build_records

STAFF_IMPORT = "workforce.import"
DONE = ("Tableau des effectifs importé comme brouillon : {agents}. Vérifiez les intitulés à "
        "rapprocher, puis publiez la cartographie ; d'ici là, les autres rôles voient la "
        "cartographie publiée précédente.")


def start_import(session: Session, user: User, settings: Settings, token: str,
                 form: dict[str, str], mode: MatchMode) -> TrackedJob:
    """Check the mapping and the rows (French refusal), keep the draft, create the job;
    a draft whose import is already queued is refused (`AlreadyQueued`)."""
    ensure_role(user, *service.HR, action="importer le tableau des effectifs")
    queued = queued_import(session, user, token)
    if queued is not None:                 # the confirm form sent again (back, double click)
        raise AlreadyQueued(queued)
    data = drafts.raw(settings, user, token)
    table, filename = drafts.decode(data)
    mapping = service.mapping_of(session, table, form)
    records, report = build_records(table, mapping)
    if not report.ok:
        raise InvalidInput("L'import est impossible : " + " ".join(report.errors))
    try:        # the check above is the common case; two confirms at once meet the index
        return progress.create(session, user, STAFF_IMPORT,
                               {"token": token, "mapping": mapping, "mode": mode.value},
                               FileStore(settings), [(filename, data)], total=len(records),
                               once_key=f"{STAFF_IMPORT}:{user.id}:{token}")
    except progress.AlreadyStarted as exc:
        raise AlreadyQueued(session.get_one(TrackedJob, exc.job_id)) from exc


class AlreadyQueued(InvalidInput):
    """This draft's import is already queued or running: it is not queued a second time."""

    def __init__(self, job: TrackedJob) -> None:
        super().__init__(QUEUED)
        self.job = job


QUEUED = "Cet import est déjà lancé : il n'est pas lancé une seconde fois. Voici son avancement."


def queued_import(session: Session, user: User, token: str) -> TrackedJob | None:
    """The import of this draft that this person queued and that has not ended, if any."""
    unfinished = session.execute(select(TrackedJob).where(
        TrackedJob.kind == STAFF_IMPORT, TrackedJob.owner_id == user.id,
        TrackedJob.status.in_((JobStatus.WAITING.value, JobStatus.RUNNING.value)))).scalars()
    return next((job for job in unfinished if job.params.get("token") == token), None)


def _follow(session: Session, user: User, params: dict) -> None:
    """HR only (`progress.follow` turns a refusal into its 404)."""
    ensure_role(user, *service.HR, action="suivre l'import du tableau des effectifs")


def run_import(database: Database, settings: Settings, job: TrackedJob) -> None:
    ((_, data),) = progress.inputs(database, settings, job.id)
    table, _ = drafts.decode(data)
    params = job.params
    with database.session() as session:
        user = progress.owner_of(session, job)
        progress.advance(session, job, done=0, step=(
            f"enregistrement de {accord(job.total, 'agent')} en une fois (tout ou rien)"))
        session.commit()
        staff_import = service.import_table(session, user, table, params["mapping"],
                                            MatchMode(params["mode"]))
        progress.advance(session, job, done=job.total)
        progress.finish(session, job,
                        summary=DONE.format(agents=accord(staff_import.row_count, "agent")),
                        notes=[], result_url="/cartographie/revue",
                        result_label="Vérifier les intitulés à rapprocher")
    drafts.discard(settings, user, params["token"])   # where the upload was read, if it is here


def _origin(params: dict) -> tuple[str, str]:
    return "/cartographie/import", "Revenir aux imports du tableau des effectifs"


KINDS = [progress.Kind(name=STAFF_IMPORT, label="Import du tableau des effectifs",
                       follow=_follow, run=run_import, origin=_origin)]
