"""`collectivia privacy pseudonymise FILE` and `collectivia eval pii GOLD.jsonl`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

privacy_app = typer.Typer(help="Données personnelles : détection et pseudonymisation.",
                          no_args_is_help=True)
MAX_FILE_BYTES = 25_000_000


def _fail(message: str) -> None:
    typer.echo(f"Erreur : {message}", err=True)
    raise typer.Exit(1)


def _read(path: Path) -> bytes:
    if not path.is_file():
        _fail(f"le fichier « {path} » n'existe pas.")
    if path.stat().st_size > MAX_FILE_BYTES:
        _fail(f"« {path.name} » est trop volumineux ({path.stat().st_size // 1_000_000} Mo ; "
              f"maximum {MAX_FILE_BYTES // 1_000_000} Mo).")
    return path.read_bytes()


@privacy_app.command("pseudonymise")
def pseudonymise(
    file: Path = typer.Argument(..., help="Fichier texte, PDF ou DOCX"),
    policy: str = typer.Option("export", help="assistant, recrutement ou export"),
    show_findings: bool = typer.Option(False, "--detail", help="Lister aussi ce qui a été remplacé"),
) -> None:
    """Print FILE with its personal data replaced (irreversible: nothing is stored)."""
    from collectivia.core.documents import extract_text
    from collectivia.core.errors import CollectiviaError
    from collectivia.privacy.service import anonymise

    try:
        extracted = extract_text(_read(file), file.name, max_bytes=MAX_FILE_BYTES)
        protected = anonymise(extracted.text, policy=policy)
    except CollectiviaError as exc:
        _fail(exc.message)
    typer.echo(protected.text)
    if show_findings:
        typer.echo("\n---", err=True)
        for label, count in sorted(protected.categories.items()):
            typer.echo(f"{label:<15} {count}", err=True)
        if protected.explanation:
            typer.echo(protected.explanation, err=True)


def eval_pii(
    gold: Path = typer.Argument(..., help="Jeu annoté : JSONL (id, text, entities) ou balisage "
                                          "[[ÉTIQUETTE|texte]] (.txt)"),
    predictions: Path = typer.Option(None, help="Écrire aussi les prédictions (JSONL)"),
) -> None:
    """Score the engine on an annotated JSONL file (same figures as score_pii.py)."""
    from collectivia.privacy.engine import detect
    from collectivia.privacy.scoring import read_jsonl, score
    from collectivia.privacy.training.markup import MarkupError, read_markup

    if not gold.is_file():
        _fail(f"le fichier « {gold} » n'existe pas.")
    try:
        rows = read_markup(gold) if gold.suffix == ".txt" else read_jsonl(str(gold))
    except MarkupError as exc:
        _fail(f"« {gold.name} » : balisage illisible ({exc}).")
    if not rows or not all(isinstance(r, dict) and "id" in r and "text" in r for r in rows):
        _fail(f"« {gold.name} » n'est pas un jeu annoté (lignes JSON avec id, text, entities).")
    preds = []
    for row in rows:
        found = detect(row["text"])
        preds.append({"id": row["id"], "entities": [
            {"start": f.start, "end": f.end, "label": f.label} for f in found]})
    if predictions:
        predictions.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds),
                               encoding="utf-8")
    score(str(gold), rows, str(predictions or "collectivia.privacy"), preds)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.add_typer(privacy_app, name="privacy")
    eval_app.command("pii")(eval_pii)
