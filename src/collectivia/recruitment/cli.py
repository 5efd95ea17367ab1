"""`collectivia eval recruitment FILE` and `collectivia recruitment purge`."""

from __future__ import annotations

from pathlib import Path

import typer

from collectivia.core.french import accord

recruitment_app = typer.Typer(help="Recrutement.", no_args_is_help=True)


@recruitment_app.command("purge")
def purge() -> None:
    """Delete candidates' data of postings closed longer ago than the retention period (audited).

    Run it daily (cron), like `collectivia assistant purge`.
    """
    from collectivia.core.db import Database
    from collectivia.recruitment.retention import purge_expired, retention_months
    from collectivia.settings import get_settings

    settings = get_settings()
    database = Database(settings.resolved_database_url())
    try:
        with database.session() as session:
            removal = purge_expired(session, settings)
    finally:
        database.dispose()
    counts = removal.counts
    typer.echo(f"{accord(counts['candidatures'], 'candidature supprimée')} (offres clôturées "
               f"depuis plus de {retention_months(settings)} mois) : "
               f"{accord(counts['documents'], 'document')}, {accord(counts['fichiers'], 'fichier')}, "
               f"{accord(counts['analyses'], 'analyse')}, {accord(counts['decisions'], 'décision')}.")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(recruitment_app, name="recruitment")

    @eval_app.command("recruitment")
    def eval_recruitment(
        path: Path = typer.Argument(..., exists=True, readable=True, help="Fichier d'évaluation JSON"),
        split: str = typer.Option("all", help="all | tune | heldout (CV impairs / pairs)"),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="Lister les erreurs"),
    ) -> None:
        """Screen every CV of a gold file; print criterion accuracy, date-issue recall, twin agreement."""
        from collectivia.recruitment.evaluation import evaluate, load, split_ids

        data = load(path)
        ids = None
        if split != "all":
            tune, heldout = split_ids(data)
            ids = tune if split == "tune" else heldout
        report = evaluate(data, ids)
        typer.echo(f"CV évalués : {report.candidates} ; couples (CV, critère) : {report.pairs}")
        for criterion, total in report.per_criterion_total.items():
            typer.echo(f"  {report.per_criterion[criterion]}/{total}  F1 {report.f1(criterion):.3f}  {criterion}")
        typer.echo(f"Citations valides (critères remplis) : {report.evidence_ok}/{report.evidence_checked}")
        typer.echo(f"Groupes A/B/C exacts : {report.groups_ok}/{report.candidates} (attendu→proposé : "
                   + ", ".join(f"{g}→{p} {n}" for (g, p), n in sorted(report.groups.items())) + ")")
        typer.echo(f"Anomalies de dates : {report.issues_matched} trouvées sur {report.issues_gold} "
                   f"attendues, {report.issues_found} signalées (précision "
                   f"{report.date_issue_precision:.3f})")
        if report.issues_unscored:
            typer.echo(f"Anomalies attendues dans un format que le barème ne lit pas : "
                       f"{report.issues_unscored} (non notées)")
        typer.echo(f"Paires de jumeaux identiques : {report.twins_same}/{report.twins}")
        if verbose:
            for error in report.errors:
                typer.echo(f"  ! {error}")
        recall = "n/a" if report.issues_unscored and not report.issues_gold else f"{report.date_issue_recall:.3f}"
        typer.echo(f"criterion_accuracy={report.criterion_accuracy:.3f} "
                   f"date_issue_recall={recall} "
                   f"twin_agreement={report.twin_agreement:.3f}")
