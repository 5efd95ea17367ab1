"""`collectivia knowledge …`: bring the law up to date from Légifrance, list what is followed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

knowledge_app = typer.Typer(help="Base de connaissances : textes à jour depuis Légifrance.",
                            no_args_is_help=True)


@contextmanager
def _database() -> Iterator:
    """The configured database for one command: a refusal is printed in French (exit 2) and
    the connections are closed whatever happens."""
    from collectivia.core.db import Database
    from collectivia.core.errors import CollectiviaError
    from collectivia.settings import get_settings

    database = Database(get_settings().resolved_database_url())
    try:
        yield database
    except CollectiviaError as exc:
        typer.echo(f"Erreur : {exc.message}", err=True)
        raise typer.Exit(2) from exc
    finally:
        database.dispose()


def _report(outcomes) -> None:
    for outcome in outcomes:
        typer.echo(outcome.line())
    if any(o.error for o in outcomes):
        raise typer.Exit(1)


@knowledge_app.command("import-legi")
def import_legi(
    path: Path = typer.Argument(..., help="Fichier XML LEGI, dossier ou archive .tar.gz de la DILA"),
    tous: bool = typer.Option(False, "--tous", help="Importer tous les textes trouvés, pas "
                                                    "seulement les textes suivis."),
    date_version: str = typer.Option("", "--date", help="Date de l'export (JJ/MM/AAAA), si le "
                                                        "nom de l'archive ne la donne pas."),
) -> None:
    """Merge the followed texts found in a LEGI export (DILA open data) into the base."""
    from collectivia.knowledge.chunking import parse_version_date
    from collectivia.knowledge.legal.followed import import_legi as run

    version = parse_version_date(date_version) if date_version else None
    if date_version and version is None:
        typer.echo("Erreur : la date doit être au format JJ/MM/AAAA.", err=True)
        raise typer.Exit(2)
    with _database() as database:
        outcomes = run(database, path, everything=tous, version_date=version)
    _report(outcomes)


@knowledge_app.command("update")
def update() -> None:
    """Consult every followed text on Légifrance (PISTE) and merge it. Run it every night."""
    from collectivia.knowledge.legal.followed import update_from_piste
    from collectivia.settings import get_settings

    with _database() as database:
        outcomes = update_from_piste(database, get_settings())
    _report(outcomes)


@knowledge_app.command("follow")
def follow(legal_id: str = typer.Argument(..., help="LEGITEXT… ou JORFTEXT…"),
           arreter: bool = typer.Option(False, "--arreter", help="Ne plus suivre ce texte.")) -> None:
    """Follow (or stop following) a text of Légifrance by its identifier."""
    from collectivia.knowledge.legal.followed import follow as run

    with _database() as database, database.session() as session:
        source = run(session, legal_id, followed=not arreter)
        typer.echo(f"{source.legal_id} : {'suivi' if source.followed else 'plus suivi'}.")


@knowledge_app.command("sources")
def sources() -> None:
    """List the legal texts, their version date and whether they are followed."""
    from collectivia.knowledge.legal.followed import ensure_listed

    with _database() as database, database.session() as session:
        for source in ensure_listed(session):
            version = f"{source.version_date:%d/%m/%Y}" if source.version_date else "non importé"
            state = "suivi" if source.followed else "non suivi"
            typer.echo(f"{source.legal_id:<22} {version:<12} {state:<10} {source.short_title}")


def register(app, eval_app) -> None:
    app.add_typer(knowledge_app, name="knowledge")
