"""`collectivia minutes purge`: transcripts and comptes rendus past their retention period."""

from __future__ import annotations

import typer

from collectivia.core.french import accord

minutes_app = typer.Typer(help="Comptes rendus de réunion.", no_args_is_help=True)


@minutes_app.command("purge")
def purge() -> None:
    """Delete the transcripts and comptes rendus older than the retention period (audited)."""
    from collectivia.core.db import Database
    from collectivia.minutes.service import purge_expired
    from collectivia.settings import get_settings

    settings = get_settings()
    database = Database(settings.resolved_database_url())
    try:
        with database.session() as session:
            count = purge_expired(session, settings)
    finally:
        database.dispose()
    typer.echo(f"{accord(count, 'compte rendu supprimé', 'comptes rendus supprimés')} : plus "
               f"de {accord(settings.minutes_retention_days, 'jour')} de conservation.")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(minutes_app, name="minutes")
