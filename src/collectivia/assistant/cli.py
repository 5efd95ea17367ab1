"""`collectivia assistant purge`: the scheduled job that ends expired conversations."""

from __future__ import annotations

import typer

from collectivia.core.french import accord

assistant_app = typer.Typer(help="Assistant de rédaction.", no_args_is_help=True)


@assistant_app.command("purge")
def purge() -> None:
    """Delete the conversations older than the retention period (audited). Run it daily (cron)."""
    from collectivia.assistant.conversations import purge_expired, retention_days
    from collectivia.core.db import Database
    from collectivia.settings import get_settings

    settings = get_settings()
    database = Database(settings.resolved_database_url())
    try:
        with database.session() as session:
            count = purge_expired(session, settings)
            days = retention_days(session, settings)
    finally:
        database.dispose()
    typer.echo(f"{accord(count, 'conversation supprimée', 'conversations supprimées')} : sans "
               f"activité depuis plus de {accord(days, 'jour')}.")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(assistant_app, name="assistant")
