"""`collectivia eval recruitment FILE` and `collectivia recruitment screen`."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
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
        typer.echo(f"Paires de jumeaux identiques : {report.twins_same}/{report.twins}")
        if verbose:
            for error in report.errors:
                typer.echo(f"  ! {error}")
        typer.echo(f"criterion_accuracy={report.criterion_accuracy:.3f} "
                   f"date_issue_recall={report.date_issue_recall:.3f} "
                   f"twin_agreement={report.twin_agreement:.3f}")
