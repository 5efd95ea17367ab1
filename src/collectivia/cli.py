"""The `collectivia` command: demo, serve, db, user, audit — and each domain's own commands.

A domain adds commands by exposing `register(app, eval_app)` in its `cli.py`.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import typer

from collectivia.core.discovery import modules_named
from collectivia.core.french import accord

app = typer.Typer(help="CollectivIA : IA générative de confiance pour les collectivités.",
                  no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Base de données (migrations).", no_args_is_help=True)
user_app = typer.Typer(help="Comptes et rôles.", no_args_is_help=True)
audit_app = typer.Typer(help="Journal d'audit.", no_args_is_help=True)
eval_app = typer.Typer(help="Évaluations sur des jeux de référence.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")
app.add_typer(eval_app, name="eval")


def _database():
    from collectivia.core.db import Database
    from collectivia.settings import get_settings

    return Database(get_settings().resolved_database_url())


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"Erreur : {message}", err=True)
    raise typer.Exit(code)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration (all domains)."""
    from collectivia.core.migrate import upgrade
    from collectivia.settings import get_settings

    upgrade(get_settings().resolved_database_url())
    typer.echo("Base de données à jour.")


@app.command()
def demo(serve: bool = typer.Option(True, help="Servir l'application après le chargement."),
         host: str = "127.0.0.1", port: int = 8000) -> None:
    """Create the database, load the demo collectivité Admiville, print the accounts, serve."""
    from collectivia.core.demo import DEMO_ACCOUNTS, load_demo
    from collectivia.core.migrate import upgrade
    from collectivia.settings import get_settings

    upgrade(get_settings().resolved_database_url())
    database = _database()
    with database.session() as session:
        context = load_demo(session)
    typer.echo("\nDémo « Admiville » chargée. Comptes de démonstration :")
    typer.echo(f"  {'identifiant':<14} {'mot de passe':<26} rôle")
    for account in DEMO_ACCOUNTS:
        typer.echo(f"  {account.login:<14} {account.password:<26} {account.role.label}")
    for line in context.summary:
        typer.echo(line)
    database.dispose()
    if serve:
        typer.echo(f"\nCollectivIA est servi sur http://{host}:{port} (Ctrl+C pour arrêter).")
        _serve(host, port)


def _prometheus_multiprocess(workers: int) -> None:
    """Several workers: each writes its metrics to files in one directory, which /metrics
    sums (prometheus_client's multiprocess mode). Emptied at start: old files would count."""
    import os
    import shutil

    from collectivia.settings import get_settings

    if workers <= 1:
        return
    directory = get_settings().var_dir.resolve() / "prometheus"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def _serve(host: str, port: int, workers: int = 1) -> None:
    """uvicorn with the app factory: each worker builds its own app and engine (no connection
    is shared across a fork) and warms up in its lifespan before it serves (web.lifespan)."""
    import uvicorn

    from collectivia.settings import get_settings

    settings = get_settings()
    settings.resolved_audit_key()          # refuse a bad deployment before any worker starts
    settings.check_shared_deployment()
    _prometheus_multiprocess(workers)
    # forwarded headers are trusted in the app, from COLLECTIVIA_TRUSTED_PROXIES only
    uvicorn.run("collectivia.web.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="info", proxy_headers=False)


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000,
          workers: int = typer.Option(1, "--workers", min=1,
                                      help="Processus web (PostgreSQL seulement au-delà de 1).")
          ) -> None:
    """Serve the web application (the database must be migrated)."""
    from collectivia.settings import get_settings

    if workers > 1 and not get_settings().uses_postgres():
        _fail("plusieurs processus web demandent PostgreSQL (COLLECTIVIA_DATABASE_URL) : "
              "avec SQLite, les tâches de fond tournent dans l'unique processus web.")
    _serve(host, port, workers)


@user_app.command("create")
def user_create(
    login: str,
    full_name: str = typer.Option(..., "--name", help="Nom complet"),
    role: str = typer.Option("agent", help="agent, gestionnaire_rh, recruteur, membre_jury, "
                                           "dpo, referent_ia, representant_personnel, admin"),
    email: str = typer.Option("", help="Adresse électronique (sert aussi à la liaison OIDC)"),
    direction: str = typer.Option("", help="Code de la direction (ex. RES)"),
    service: str = typer.Option("", help="Nom du service dans cette direction"),
    password: str = typer.Option("", help="Mot de passe ; demandé s'il est omis"),
) -> None:
    """Create an account from the server's console."""
    from sqlalchemy import select

    from collectivia.core.errors import CollectiviaError
    from collectivia.core.models import Direction, Service
    from collectivia.core.users import UserForm, create_user

    if not password:
        if not sys.stdin.isatty():
            _fail("mot de passe manquant : utilisez --password.")
        password = getpass.getpass("Mot de passe (12 caractères au moins) : ")
    database = _database()
    try:
        with database.session() as session:
            service_id = None
            if direction or service:
                found = session.execute(
                    select(Service).join(Direction).where(Direction.code == direction,
                                                          Service.name == service)
                ).scalar_one_or_none()
                if found is None:
                    _fail(f"le service « {service} » de la direction « {direction} » n'existe pas.")
                service_id = found.id
            user = create_user(session, None, UserForm(login=login, full_name=full_name, role=role,
                                                       service_id=service_id, email=email,
                                                       password=password), system=True)
            typer.echo(f"Compte « {user.login} » créé ({user.role_label}).")
    except CollectiviaError as exc:
        _fail(exc.message)
    finally:
        database.dispose()


@user_app.command("list")
def user_list() -> None:
    """List the accounts and their roles."""
    from sqlalchemy import select

    from collectivia.core.models import User

    database = _database()
    with database.session() as session:
        for user in session.execute(select(User).order_by(User.login)).scalars():
            state = "actif" if user.active else "désactivé"
            where = user.service.label if user.service else "—"
            typer.echo(f"{user.login:<20} {user.role_label:<36} {state:<10} {where}")
    database.dispose()


@audit_app.command("verify")
def audit_verify(
    checkpoint: Path = typer.Option(None, "--checkpoint", help="Fichier de points de contrôle "
                                    "(écrit par `audit checkpoint`) : détecte aussi la troncature."),
) -> None:
    """Check the keyed hash chain (and the last checkpoint); exit code 1 on any alteration."""
    from sqlalchemy import func, select

    from collectivia.core import audit_checkpoints
    from collectivia.core.audit import verify
    from collectivia.core.models import AuditEvent

    database = _database()
    try:
        with database.session() as session:
            problems = verify(session)
            if checkpoint is not None:
                problems += audit_checkpoints.verify_against(
                    session, audit_checkpoints.last_in(checkpoint))
            count = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    except audit_checkpoints.CheckpointError as exc:
        _fail(str(exc))
    finally:
        database.dispose()
    if problems:
        typer.echo(f"Journal d'audit ALTÉRÉ : {accord(len(problems), 'anomalie')} sur "
                   f"{accord(count, 'événement')}.")
        for problem in problems:
            where = f"événement {problem.event_id}" if problem.event_id else "journal"
            typer.echo(f"  {where} : {problem.message}")
        raise typer.Exit(1)
    against = " et conforme au point de contrôle" if checkpoint is not None else ""
    typer.echo(f"Journal d'audit intègre : {accord(count, 'événement')}, chaîne d'empreintes "
               f"complète{against}.")


@audit_app.command("checkpoint")
def audit_checkpoint(
    to: Path = typer.Option(None, "--to", help="Fichier (hors de la base) où ajouter le point "
                            "signé ; par défaut celui de COLLECTIVIA_AUDIT_CHECKPOINT_FILE."),
    syslog: bool = typer.Option(False, "--syslog", help="L'envoyer aussi à syslog."),
) -> None:
    """Append a signed checkpoint of the chain's head to FILE (the job queue does it hourly)."""
    from collectivia.core import audit_checkpoints
    from collectivia.settings import get_settings

    database = _database()
    try:
        to = to or audit_checkpoints.checkpoint_file(get_settings(), database.url)
        point = audit_checkpoints.write(database, to, to_syslog=syslog, actor_label="CLI")
    finally:
        database.dispose()
    typer.echo(f"Point de contrôle ajouté à {to} : événement {point.last_id}, "
               f"{accord(point.events, 'événement')}.")


for _module in modules_named("cli"):
    if _module.__name__ != __name__ and hasattr(_module, "register"):
        _module.register(app, eval_app)
