"""`collectivia workforce analyse FICHIER` — the exposure map of a staff table, from the console.

It reads the file with the same code as the web import (CSV or XLSX, usual
column names) and prints the summary, or with `--json` the sections of the
INET reproduction (rapprochement, intitulés non rapprochés, inet, oit_2023,
agents). No database is used: an operator can check a file before importing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from collectivia.core.french import accord
from collectivia.workforce.matching import MatchMode

workforce_app = typer.Typer(help="Cartographie des métiers exposés à l'IA générative.",
                            no_args_is_help=True)


@workforce_app.command("analyse")
def analyse(
    fichier: Path = typer.Argument(..., help="Tableau des effectifs (.csv ou .xlsx)"),
    matching: MatchMode = typer.Option(MatchMode.FUZZY, "--matching",
                                       help="exact : méthode de référence ; fuzzy : approché"),
    as_json: bool = typer.Option(False, "--json", help="Sortie JSON (sections de l'étude)"),
) -> None:
    """Match each job title, then count agents per exposure level (INET and ILO 2023/2025)."""
    from collectivia.core.errors import CollectiviaError
    from collectivia.workforce.analysis import Analysis
    from collectivia.workforce.reference import ExposureSource
    from collectivia.workforce.tableau import build_records, guess_mapping, read_table

    if not fichier.is_file():
        typer.echo(f"Erreur : fichier introuvable : {fichier}", err=True)
        raise typer.Exit(1)
    try:
        table = read_table(fichier.read_bytes(), fichier.name)
        records, report = build_records(table, guess_mapping(table.headers))
    except CollectiviaError as exc:
        typer.echo(f"Erreur : {exc.message}", err=True)
        raise typer.Exit(1) from exc
    if not report.ok:
        for error in report.errors:
            typer.echo(f"Erreur : {error}", err=True)
        raise typer.Exit(1)
    analysis = Analysis(records, matching)
    if as_json:
        data = {"fichier": fichier.name, "methode_rapprochement": matching.value,
                **analysis.reference_json()}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for warning in report.warnings:
        typer.echo(f"Attention : {warning}")
    ref = analysis.reference_json()["rapprochement"]
    typer.echo(f"{accord(len(records), 'agent')} ; {accord(ref['nb_rapproches'], 'rapproché')} "
               f"({ref['taux_rapprochement']:.1%}) en mode {matching.value}.")
    for source in ExposureSource:
        typer.echo(f"\n{source.label}")
        for level, count in analysis.total(source).items():
            typer.echo(f"  {level:<28} {count:>6}")




def evaluate(expected: dict, tables: dict[str, list]) -> dict:
    """Scores of the exact and fuzzy modes against the reference file, as the eval README defines."""
    from collectivia.workforce.analysis import Analysis
    from collectivia.workforce.matching import match_title

    scores: dict = {}
    for name, records in tables.items():
        exact = Analysis(records, MatchMode.EXACT).reference_json()
        sections = ("rapprochement", "intitules_non_rapproches", "inet", "oit_2023")
        by_matricule = {a["matricule"]: a for a in exact["agents"]}
        keys = ("metier_inet", "isco08", "niveau_inet", "score_oit_2023", "niveau_oit_2023")
        right = sum(all(by_matricule.get(a["matricule"], {}).get(k) == a[k] for k in keys)
                    for a in expected["agents"])
        scores[name] = {"agents": len(records),
                        "sections_identiques": {s: exact[s] == expected[s] for s in sections},
                        "agents_exacts": f"{right}/{len(expected['agents'])}"}
    # fuzzy mode on the variants: right = the target (accepted, or first proposal to confirm in
    # one click), or nothing accepted for an out-of-referential job; precision/recall: accepted only
    right = acceptable = wrong = proposed = hits = to_confirm = 0
    variants = expected["variantes_intitules"]
    for variant in variants:
        match = match_title(variant["metier_saisi"], MatchMode.FUZZY)
        got, target = (match.job.metier if match.job else None), variant["metier_inet_cible"]
        shown = match.proposal.metier if match.proposal else None
        proposed += got is not None
        hits += got is not None and got == target
        if got == target or (got is None and target is not None and shown == target):
            right += 1
            to_confirm += got != target
        elif got in variant.get("voisins_acceptables", []):
            acceptable += 1
        else:
            wrong += 1
    targets = sum(1 for v in variants if v["metier_inet_cible"])
    scores["approche_variantes"] = {
        "variantes": len(variants), "justes": right, "dont_a_confirmer": to_confirm,
        "acceptables": acceptable, "erreurs": wrong,
        "precision": round(hits / proposed, 4) if proposed else 1.0,
        "rappel": round(hits / targets, 4) if targets else 1.0}
    return scores


def eval_workforce(
    expected_file: Path = typer.Argument(..., help="effectifs_admiville_expected.json"),
    fichiers: list[Path] = typer.Argument(..., help="Les exports du tableau (.csv, .xlsx)"),
) -> None:
    """Score the INET reproduction (exact mode) and the fuzzy matching against a reference file."""
    from collectivia.workforce.tableau import build_records, guess_mapping, read_table

    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    tables = {}
    for path in fichiers:
        table = read_table(path.read_bytes(), path.name)
        tables[path.name] = build_records(table, guess_mapping(table.headers))[0]
    typer.echo(json.dumps(evaluate(expected, tables), ensure_ascii=False, indent=2))


def eval_workforce_titles(
    fichier: Path = typer.Argument(..., help="intitule;metier_attendu (titre INET exact ou « aucun »)"),
    erreurs: bool = typer.Option(False, "--erreurs", help="Lister les intitulés mal rapprochés"),
) -> None:
    """Score the fuzzy matching on labelled titles: right / wrong / unmatched (see workforce.evaluation)."""
    from collectivia.workforce.evaluation import read_labelled, score_titles, unknown_labels

    if not fichier.is_file():
        typer.echo(f"Erreur : fichier introuvable : {fichier}", err=True)
        raise typer.Exit(1)
    labelled = read_labelled(fichier.read_text(encoding="utf-8"))
    scores = score_titles(labelled)
    unknown = unknown_labels(labelled)
    if unknown:
        missing = accord(len(unknown), "métier attendu absent du référentiel (jamais juste)",
                         "métiers attendus absents du référentiel (jamais justes)")
        typer.echo(f"Attention : {missing} : {', '.join(sorted(unknown)[:5])}", err=True)
    if erreurs:
        for title, expected, shown, outcome in scores.mistakes:
            typer.echo(f"{outcome:<9} {title!r}: attendu {expected or 'aucun'} ; obtenu {shown or 'rien'}")
    typer.echo(f"intitulés : {scores.total}")
    typer.echo(f"acceptés automatiquement : {scores.accepted} ({scores.rate(scores.accepted):.1%})")
    for label, count in (("justes", scores.right), ("erreurs", scores.wrong),
                         ("non rapprochés", scores.unmatched)):
        typer.echo(f"{label} : {count} ({scores.rate(count):.1%})")
    typer.echo(f"right={scores.rate(scores.right):.3f} wrong={scores.rate(scores.wrong):.3f} "
               f"unmatched={scores.rate(scores.unmatched):.3f}")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(workforce_app, name="workforce")
    eval_app.command("workforce")(eval_workforce)
    eval_app.command("workforce-titles")(eval_workforce_titles)
