"""Which hand-written rules still earn their place beside the trained detector.

Each rule family is scored on the calibration split (documents written by
people who never read the rules, never trained on) as an addition to the
trained NER plus the validated patterns. A family is kept in the engine
only if it raises micro-F1 or lowers the leak there (recall first: the
assistant masks when unsure); the figures printed here are the ones recorded
beside `engine.RULES`.

    python -m collectivia.privacy.training.calibrate [MODEL_DIR] [FILES...]

Without files, the calibration split of datasets/pii/written is scored.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from collectivia.privacy.engine import (FINDS_PIECES, MODEL_DIR, PATTERNS, RULE_FAMILIES, TRAINED_LABELS,
                                       load_model, resolve_spans, tidied, trained_spans)
from collectivia.privacy.scoring import LEAK_LABELS
from collectivia.privacy.training.markup import read_rows
from collectivia.privacy.training.train import written_rows

Spans = list[tuple[int, int, str]]


def metrics(rows: list[dict], predicted: list[Spans]) -> dict[str, float]:
    """Exact micro-F1, partial recall per label, the leak rate overall and per label, as
    score_pii.py counts them."""
    tp = n_pred = n_gold = 0
    leaked = leak_total = 0
    found: dict[str, list[int]] = {}
    leak_by: dict[str, list[int]] = {}
    for row, preds in zip(rows, predicted):
        gold = {(e["start"], e["end"], e["label"]) for e in row["entities"]}
        preds_set = set(preds)
        tp += len(gold & preds_set)
        n_pred += len(preds_set)
        n_gold += len(gold)
        covered: set[int] = set()
        for s, e, _ in preds_set:
            covered.update(range(s, e))
        for s, e, label in gold:
            hit = any(ps < e and s < pe and pl == label for ps, pe, pl in preds_set)
            found.setdefault(label, [0, 0])[0] += hit
            found[label][1] += 1
            if label in LEAK_LABELS:
                chars = [i for i in range(s, e) if not row["text"][i].isspace()]
                left = sum(i not in covered for i in chars)
                leak_total += len(chars)
                leaked += left
                leak_by.setdefault(label, [0, 0])[0] += left
                leak_by[label][1] += len(chars)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    out = {"micro_f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
           "leak": leaked / leak_total if leak_total else 0.0}
    out.update({f"R_{label}": hit / total for label, (hit, total) in sorted(found.items())})
    out.update({f"leak_{label}": left / total for label, (left, total) in sorted(leak_by.items())})
    return out


def component_spans(nlp, rows: list[dict]) -> list[dict[str, Spans]]:  # noqa: ANN001
    """For each document: the NER's spans, the patterns' and each rule family's."""
    out = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows])):
        text = row["text"]
        parts = {"ner": [s for s in _spans(text, [trained_spans], doc) if s[2] in TRAINED_LABELS],
                 "patterns": _spans(text, PATTERNS, doc)}
        for name, finders in RULE_FAMILIES.items():
            parts[name] = _spans(text, finders, doc)
        out.append(parts)
    return out


def _spans(text: str, finders, doc) -> Spans:  # noqa: ANN001
    return [(s, e, label) for finder in finders
            for s, e, label, _ in tidied(text, finder(text, doc), in_pieces=finder in FINDS_PIECES)]


def combine(parts: list[dict[str, Spans]], names: Iterable[str]) -> list[Spans]:
    return [resolve_spans([span for name in names for span in p[name]]) for p in parts]


def report(rows: list[dict], parts: list[dict[str, Spans]], show: Callable[[str], None] = print) -> None:
    base = ["ner", "patterns"]
    reference = metrics(rows, combine(parts, base))
    show(f"{'ner + patterns':<28} " + _fmt(reference))
    for family in RULE_FAMILIES:
        scored = metrics(rows, combine(parts, base + [family]))
        show(f"{'+ ' + family:<28} " + _fmt(scored, reference))
    show(f"{'+ all rules':<28} " + _fmt(metrics(rows, combine(parts, base + list(RULE_FAMILIES))), reference))
    show(f"{'ner alone':<28} " + _fmt(metrics(rows, combine(parts, ["ner"])), reference))


def _fmt(m: dict[str, float], ref: dict[str, float] | None = None) -> str:
    keys = ["micro_f1", "leak", "R_PERSON", "R_ADDRESS", "R_POSTCODE_CITY", "R_HEALTH", "R_UNION"]
    cells = []
    for k in keys:
        value = m.get(k, 0.0)
        delta = f"({value - ref.get(k, 0.0):+.3f})" if ref else ""
        cells.append(f"{k}={value:.3f}{delta}")
    return " ".join(cells)


def main() -> None:
    args = sys.argv[1:]
    model = Path(args[0]) if args else MODEL_DIR
    nlp = load_model(model)
    sets = {str(a): read_rows(Path(a)) for a in args[1:]} or {"calibration": written_rows()[1]}
    for name, rows in sets.items():
        print(f"== {name} ({len(rows)} documents)")
        report(rows, component_spans(nlp, rows))


if __name__ == "__main__":
    main()
