"""`collectivia governance ...`: first set-up and the import of very large proxy logs."""

from __future__ import annotations

from pathlib import Path

import typer

from collectivia.core.french import accord

governance_app = typer.Typer(help="Gouvernance IA : registre, charte, IA fantôme.",
                             no_args_is_help=True)


def _database():
    from collectivia.core.db import Database
    from collectivia.settings import get_settings

    return Database(get_settings().resolved_database_url())


@governance_app.command("init")
def init() -> None:
    """Register the platform's modules in the use-case registry and publish the default charter."""
    from collectivia.governance import bootstrap

    database = _database()
    with database.session() as session:
        cases = bootstrap.ensure_platform_use_cases(session)
        version = bootstrap.ensure_default_charter(session)
        modules = accord(len(cases), "module de la plateforme", "modules de la plateforme")
        typer.echo(f"{modules} au registre ; charte en vigueur : version {version.version}.")
    database.dispose()


@governance_app.command("shadow-import")
def shadow_import(path: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                              help="Journal CSV (ou .csv.gz) : date ; utilisateur ou IP ; hôte")) -> None:
    """Import a proxy/firewall log of any size (streamed); only monthly aggregates are stored."""
    from collectivia.core.errors import CollectiviaError
    from collectivia.governance import shadow

    database = _database()
    try:
        with database.session() as session:
            watchlist = shadow.Watchlist.from_database(session)
        with path.open("rb") as stream:   # counted with no transaction open: the server goes on
            counted = shadow.count_upload(stream, path.name, watchlist)
        with database.session() as session:
            record = shadow.save_import(session, None, counted, system=True)
            malformed = accord(record.lines_malformed, "ligne mal formée", "lignes mal formées")
            typer.echo(f"Import n° {record.id} : {accord(record.lines_total, 'ligne')}, "
                       f"{accord(record.lines_matched, 'connexion')} à une IA grand public, "
                       f"{malformed}.")
    except CollectiviaError as exc:
        typer.echo(f"Erreur : {exc.message}", err=True)
        raise typer.Exit(1) from exc
    finally:
        database.dispose()


def dgafp_eval() -> None:
    """How well proposals are matched to the DGAFP's 26 HR use cases (dev and held-out sets)."""
    from collectivia.governance.reference import evaluate_matcher

    for label, name in (("dev (réglage)", "dgafp_paraphrases_dev.jsonl"),
                        ("test (non vu au réglage)", "dgafp_paraphrases_test.jsonl")):
        s = evaluate_matcher(name)
        typer.echo(f"{label} : bon cas en tête {s.top1}/{s.related} ; « à proscrire » signalés "
                   f"{s.proscribed_flagged}/{s.proscribed} ; fausses alertes {s.false_alarms}/{s.unrelated}")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(governance_app, name="governance")
    eval_app.command("dgafp")(dgafp_eval)
