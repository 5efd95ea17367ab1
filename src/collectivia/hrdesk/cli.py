"""`collectivia hrdesk purge` and `collectivia eval hrdesk FILE.jsonl` (recall@5, citation
precision, abstention, latency)."""

from __future__ import annotations

from pathlib import Path

import typer

from collectivia.core.french import accord

hrdesk_app = typer.Typer(help="Questions RH.", no_args_is_help=True)


@hrdesk_app.command("purge")
def purge() -> None:
    """Delete the questions asked longer ago than the retention period, with their opinions and
    hand-overs (audited); a hand-over the HR service has not answered waits. The job queue runs
    it every night; this runs it once, now."""
    from collectivia.core.db import Database
    from collectivia.hrdesk.retention import purge_expired
    from collectivia.settings import get_settings

    settings = get_settings()
    database = Database(settings.resolved_database_url())
    try:
        with database.session() as session:
            counts = purge_expired(session, settings)
    finally:
        database.dispose()
    questions = accord(counts["questions"], "question RH supprimée", "questions RH supprimées")
    handovers = accord(counts["demandes"], "demande transmise au service RH",
                       "demandes transmises au service RH")
    typer.echo(f"{questions} (posées depuis plus de "
               f"{accord(settings.hrdesk_retention_days, 'jour')}) : "
               f"{accord(counts['avis'], 'avis')}, {handovers}.")


def register(app, eval_app) -> None:
    app.add_typer(hrdesk_app, name="hrdesk")

    @eval_app.command("hrdesk")
    def eval_hrdesk(
        path: Path = typer.Argument(..., exists=True, dir_okay=False, help="Jeu JSONL (hr_qa_dev)"),
        model: bool = typer.Option(False, "--model/--sans-modele",
                                   help="Utiliser le modèle configuré (sinon mode « aucun modèle »)."),
        details: bool = typer.Option(False, "--details", help="Une ligne par question."),
        compare: bool = typer.Option(
            False, "--comparer",
            help="Comparer le classement du chatbot, la recherche hybride seule, BM25 seul et "
                 "dense seul (ces deux-là sans glossaire)."),
    ) -> None:
        """Evaluate the HR chatbot on a question set (definitions of shared/eval/README.md)."""
        from collectivia.core.errors import CollectiviaError
        from collectivia.core.roles import Role
        from collectivia.hrdesk import evaluation
        from collectivia.settings import get_settings

        try:
            items = evaluation.read_items(path)
        except CollectiviaError as exc:
            typer.echo(f"Erreur : {exc.message}", err=True)
            raise typer.Exit(2) from exc
        with evaluation.demo_session() as (session, context):
            outcomes = evaluation.run(session, context.users[Role.AGENT], items,
                                      settings=get_settings() if model else None,
                                      use_model=model, compare_modes=compare)
        scores = evaluation.score(outcomes)
        lines = evaluation.report_lines(outcomes, scores, verbose=details)
        if compare:
            typer.echo("recall@5 par recherche : " + ", ".join(
                f"{mode} {evaluation.recall_at_5(outcomes, mode):.3f}"
                for mode in evaluation.COMPARED_MODES))
        for line in lines:
            typer.echo(line)
