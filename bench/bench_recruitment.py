"""Recruitment: 100 CVs parsed (TXT, DOCX, PDF), pseudonymised and screened — target <= 60 s.

Also compares, on the development set when present, the screening aid with a
naive keyword matcher (a criterion is "met" when one of its words appears in
the CV; durations summed without removing overlaps) — the peer any quick
"CV sorter" amounts to.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import time
from pathlib import Path

from collectivia.core.db import Database
from collectivia.core.documents import extract_text
from collectivia.core.migrate import upgrade
from collectivia.recruitment.criteria import parse_criterion
from collectivia.recruitment.cv import fold, month_index, parse_cv
from collectivia.recruitment.evaluation import evaluate, load, posting_criteria, reference_month
from collectivia.recruitment.screening import group_of, screen

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "collectivia" / "data" / "recruitment" / "demo_campaign.json"
DEV_SET = Path("/work/shared/eval/recrutement_dev.json")
RESULTS = ROOT / "bench" / "results" / "recruitment.md"
NAMES = ["Aline BERNARD", "Yanis CHERIF", "Marie NGUYEN", "Paul ROBERT", "Inès DIALLO",
         "Hugo LAMBERT", "Fatou SOW", "Léo GARCIA", "Emma PETIT", "Nabil AMRANI"]


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    from html import escape

    from weasyprint import HTML

    body = "".join(f"<p>{escape(line) or '&nbsp;'}</p>" for line in text.splitlines())
    return HTML(string=f"<html><body style='font-size:9pt'>{body}</body></html>").write_pdf()


def build_files(count: int = 100) -> list[tuple[str, bytes]]:
    cvs = json.loads(DEMO.read_text(encoding="utf-8"))["cvs"]
    files = []
    for n in range(count):
        template = cvs[n % len(cvs)]["cv_text"].split("\n")
        template[0] = NAMES[n % len(NAMES)] if "CURRICULUM" not in template[0] else template[0]
        text = "\n".join(template)
        kind = ("txt", "docx", "pdf")[n % 3]
        data = text.encode() if kind == "txt" else _docx(text) if kind == "docx" else _pdf(text)
        files.append((f"cv-{n:03d}.{kind}", data))
    return files


def naive_accuracy(data: dict) -> float:
    """The peer: keyword presence, and summed durations (overlaps counted twice)."""
    correct = total = 0
    for candidate in data["candidates"]:
        posting = next(p for p in data["postings"] if p["id"] == candidate["posting_id"])
        text = fold(candidate["cv_text"])
        cv = parse_cv(candidate["cv_text"], reference_month(data, posting))
        for criterion_text, gold in zip(posting["competences_requises"],
                                        candidate["gold"]["criteria_met"], strict=True):
            criterion = parse_criterion(criterion_text)
            if criterion.kind == "experience":
                months = sum(j.months for j in cv.jobs
                             if any(t in fold(j.text()) for t in criterion.domain_terms))
                met = months >= criterion.months
            else:
                words = [w for w in re.findall(r"[a-z]{4,}", fold(criterion_text))
                         if w not in ("connaissance", "pratique", "maitrise", "diplome", "niveau",
                                      "minimum", "dans", "avec")]
                met = any(w in text for w in words)
            correct += met == gold["met"]
            total += 1
    return correct / total


def main() -> None:
    t0 = time.perf_counter()
    files = build_files()
    build_s = time.perf_counter() - t0
    data = json.loads(DEMO.read_text(encoding="utf-8"))["posting"]
    required = [parse_criterion(t, data["criteres_definitions"].get(t, "")) for t in data["competences_requises"]]
    today = month_index(2025, 9)

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        database = Database(url)
        from collectivia.privacy import protect

        with database.session() as session:
            t = time.perf_counter()
            protect(session, "Chargement du moteur : Jean Dupont, 06 39 98 00 00.", policy="recrutement",
                    scope="candidate:0")
            load_s = time.perf_counter() - t
            timings = {"extraction": 0.0, "pseudonymisation": 0.0, "analyse": 0.0}
            groups = []
            start = time.perf_counter()
            for n, (name, raw) in enumerate(files, 1):
                t = time.perf_counter()
                text = extract_text(raw, name).text
                timings["extraction"] += time.perf_counter() - t
                t = time.perf_counter()
                protected = protect(session, text, policy="recrutement", scope=f"candidate:{n}")
                timings["pseudonymisation"] += time.perf_counter() - t
                t = time.perf_counter()
                groups.append(screen(protected.text, required, [], today).group)
                timings["analyse"] += time.perf_counter() - t
            total_s = time.perf_counter() - start
        database.dispose()

    lines = [f"CV générés (hors mesure) : {len(files)} en {build_s:.1f} s",
             f"Chargement du moteur de protection (une fois par processus) : {load_s:.1f} s",
             *[f"{k} : {v:.2f} s" for k, v in timings.items()],
             f"Total 100 CV : {total_s:.1f} s (objectif <= 60 s, hors chargement du moteur) ; "
             f"avec chargement : {total_s + load_s:.1f} s",
             f"Groupes : A={groups.count('A')} B={groups.count('B')} C={groups.count('C')}"]
    quality = ""
    if DEV_SET.exists():
        dev = load(DEV_SET)
        ours = evaluate(dev).criterion_accuracy
        naive = naive_accuracy(dev)
        lines.append(f"Exactitude par critère (jeu de dev) : aide = {ours:.3f}, mots-clés naïfs = {naive:.3f}")
        quality = (f"| Exactitude par critère, jeu de dev (24 CV × 5 critères) | {ours:.3f} | {naive:.3f} "
                   f"| {ours / naive:.2f} |\n")
    for line in lines:
        print(line)
    per_cv_ms = 1000 * total_s / len(files)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "## recruitment\n\n"
        "100 CV (1/3 TXT, 1/3 DOCX, 1/3 PDF) extraits, pseudonymisés (`privacy.protect`, politique "
        "« recrutement ») puis analysés sur 5 critères obligatoires, un seul processus, machine à 2 cœurs "
        "partagée. Pair comparé : un trieur par mots-clés naïf (présence d'un mot du critère, durées "
        "additionnées sans retirer les chevauchements).\n\n"
        "| Mesure | CollectivIA | Pair / objectif | Ratio |\n|---|---|---|---|\n"
        f"| 100 CV extraits + pseudonymisés + analysés (s) | {total_s:.1f} | objectif 60 | "
        f"{total_s / 60:.2f} de l'objectif |\n"
        f"| dont extraction (s) | {timings['extraction']:.1f} | | |\n"
        f"| dont pseudonymisation (s) | {timings['pseudonymisation']:.1f} | | |\n"
        f"| dont analyse par règles (s) | {timings['analyse']:.2f} | | |\n"
        f"| par CV (ms) | {per_cv_ms:.0f} | | |\n"
        f"| chargement du moteur de protection, une fois (s) | {load_s:.1f} | | |\n"
        + quality)


if __name__ == "__main__":
    main()
