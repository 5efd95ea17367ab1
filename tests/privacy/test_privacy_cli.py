"""The operator commands: `collectivia privacy pseudonymise FILE` and `collectivia eval pii`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collectivia.cli import app

DEV_SET = Path("/work/shared/eval/pii_dev.jsonl")
SCORER = DEV_SET.parent / "score_pii.py"
LETTER = ("Karim BENHADDOU\n5 allée Paul Verlaine\n31200 Toulouse\n07 81 44 20 36\n"
          "karim.benhaddou31@outlook.fr\n\nMonsieur le Maire,\nJe suis agent de maîtrise.\n")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_pseudonymise_a_text_file(tmp_path):
    path = tmp_path / "lettre.txt"
    path.write_text(LETTER, encoding="utf-8")
    result = run("privacy", "pseudonymise", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Personne 1\nadresse 1\ntéléphone 1\ncourriel 1\n")
    assert "BENHADDOU" not in result.stdout and "Monsieur le Maire" in result.stdout


def test_pseudonymise_a_docx_and_a_pdf(tmp_path):
    import docx

    document = docx.Document()
    for line in LETTER.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "lettre.docx")
    result = run("privacy", "pseudonymise", str(tmp_path / "lettre.docx"))
    assert result.exit_code == 0, result.output
    assert "Personne 1" in result.stdout and "outlook" not in result.stdout

    from weasyprint import HTML

    html = "<br>".join(LETTER.splitlines())
    HTML(string=f"<p>{html}</p>").write_pdf(tmp_path / "lettre.pdf")
    result = run("privacy", "pseudonymise", str(tmp_path / "lettre.pdf"))
    assert result.exit_code == 0, result.output
    assert "07 81" not in result.stdout and "courriel 1" in result.stdout


@pytest.mark.parametrize("name, content, message", [
    ("vide.txt", b"", "vide"),
    ("binaire.txt", bytes(range(256)) * 40, ""),
    ("absent.txt", None, "n'existe pas"),
])
def test_bad_files_get_a_french_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("privacy", "pseudonymise", str(path))
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : ") and message in result.output


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)
    result = run("privacy", "pseudonymise", str(path))
    assert result.exit_code == 1 and "trop volumineux" in result.output


@pytest.mark.skipif(not DEV_SET.exists(), reason="jeu d'évaluation partagé absent")
def test_eval_pii_agrees_with_the_reference_scorer(tmp_path):
    predictions = tmp_path / "pred.jsonl"
    ours = run("eval", "pii", str(DEV_SET), "--predictions", str(predictions))
    assert ours.exit_code == 0, ours.output
    reference = subprocess.run([sys.executable, str(SCORER), str(DEV_SET), str(predictions)],
                               capture_output=True, text=True, check=True)
    assert ours.stdout.splitlines()[-1] == reference.stdout.splitlines()[-1]
    assert ours.stdout.splitlines()[2:] == reference.stdout.splitlines()[2:]  # whole report
    assert ours.stdout.splitlines()[-1].startswith("micro_f1=")


def test_eval_pii_on_a_file_that_is_not_a_gold_set(tmp_path):
    path = tmp_path / "faux.jsonl"
    path.write_text('{"question": "x"}\n', encoding="utf-8")
    result = run("eval", "pii", str(path))
    assert result.exit_code == 1 and "jeu annoté" in result.output


def test_scoring_port_matches_on_a_tiny_case(capsys):
    from collectivia.privacy.scoring import score

    gold = [{"id": "a", "text": "Mme Anne Roy, 06 12 34 56 78",
             "entities": [{"start": 4, "end": 12, "label": "PERSON"},
                          {"start": 14, "end": 28, "label": "PHONE"}]}]
    score("g", gold, "p", [{"id": "a", "entities": [{"start": 4, "end": 8, "label": "PERSON"}]}])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "micro_f1=0.000 leak_rate=0.765"  # (3 + 10) / (7 + 10) non-blank characters
