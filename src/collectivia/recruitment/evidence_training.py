"""Training the learned evidence model (`evidence.py`) and choosing its thresholds.

`python -m collectivia.recruitment.evidence_training` (run by `make train-recruitment`)
reads the labelled postings of `datasets/recruitment/screening_train_{a,b,c,d}.json`
and of `screening_retired_blind_{f,g}.json` (blind sets already scored once) and
splits them by posting as the meaning-match calibration does (every third
posting of each file is calibration); the postings of `screening_retired_blind_e.json`,
the blind set scored once before it, are calibration too. The current blind
files (`screening_blind_*.json`) are never read.

Fit split: for every criterion of a reviewable type, each usable CV line is an
example — the gold evidence line of a met criterion is positive, every line of
a CV that does not meet it is negative (the other lines of a met criterion are
left out: the gold names one line, others may evidence it too).

Calibration split: the promotion threshold is the one with the largest net
gain (right proposals minus wrong ones) among those whose proposals are right
more often than wrong with 95 % confidence (Wilson lower bound >= 0.5), as for
the meaning match; with none, it is 1.01 and the model proposes nothing. The
figures are written beside the weights in `data/recruitment/evidence_model.json`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np

from collectivia.recruitment import evidence
from collectivia.recruitment.calibration import (CALIBRATION_ONLY_FILES, TRAIN_FILES, split_by_posting,
                                                wilson_lower_bound)
from collectivia.recruitment.criteria import NOT_STATED
from collectivia.recruitment.cv import parse_cv
from collectivia.recruitment.evaluation import labelled_candidates
from collectivia.recruitment.screening import screen

MIN_PRECISION_LOWER_BOUND = 0.5
REGULARISATION = 1.0


@dataclass
class Example:
    """One reviewable criterion of one CV: the rule's status, the gold, and its lines' features."""

    status: str
    gold_met: bool
    features: list[list[float]]
    is_gold_line: list[bool]


def examples_of(data: dict) -> list[Example]:
    found = []
    for candidate, required, today in labelled_candidates(data):
        results = screen(candidate["cv_text"], required, [], today, by_meaning=False, learned=False).results
        cv = parse_cv(candidate["cv_text"], today)
        dated, lines = {a.line for a in cv.activities}, evidence.evidence_lines(cv)
        for criterion, result, gold in zip(required, results, candidate["gold"]["criteria_met"], strict=True):
            if not evidence.reviewable(criterion):
                continue
            terms = evidence.Terms.of(criterion)
            quote = (gold.get("evidence") or "").strip()
            # only the lines the model may ever quote (`evidence.shares_terms`) are examples
            featured = [(evidence.line_features(terms, criterion.kind, line, line.text.strip() in dated), line)
                        for line in lines]
            featured = [(features, line) for features, line in featured if evidence.shares_terms(features)]
            found.append(Example(
                result.status, bool(gold["met"]), [features for features, _ in featured],
                [bool(quote) and (line.text.strip() in quote or quote in line.text.strip())
                 for _, line in featured]))
    return found


def fit(examples: list[Example]):
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for example in examples:
        for features, is_gold in zip(example.features, example.is_gold_line, strict=True):
            if example.gold_met and not is_gold:
                continue
            rows.append(features)
            labels.append(int(example.gold_met))
    return LogisticRegression(C=REGULARISATION, max_iter=2000).fit(np.array(rows), labels)


def choose(changes: list[tuple[float, bool]]) -> tuple[float | None, dict]:
    """The cut with the largest net gain; `changes` are (probability, the change would be right)."""
    best, figures = None, {"changements": 0, "justes": 0, "faux": 0, "gain_net": 0}
    for cut in sorted({p for p, _ in changes}, reverse=True):
        taken = [right for p, right in changes if p >= cut]
        right = sum(taken)
        gain = right - (len(taken) - right)
        if wilson_lower_bound(right, len(taken)) >= MIN_PRECISION_LOWER_BOUND and gain > figures["gain_net"]:
            best, figures = cut, {"changements": len(taken), "justes": right, "faux": len(taken) - right,
                                  "gain_net": gain}
    return best, figures


def threshold(model, examples: list[Example]) -> tuple[float, dict]:
    """The promotion cut on the calibration criteria the rules left "non mentionné"."""
    promotions = [(float(model.predict_proba(np.array(e.features))[:, 1].max()), e.gold_met)
                  for e in examples if e.features and e.status == NOT_STATED]
    promote, figures = choose(promotions)
    return 1.01 if promote is None else promote, {"non_mentionne": len(promotions), **figures}


def main() -> None:
    fit_examples, calibration_examples, digests = [], [], {}
    postings: dict[str, list] = {"fit": [], "calibration": []}
    for path in TRAIN_FILES:
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        fit_part, calibration_part = split_by_posting(json.loads(path.read_text(encoding="utf-8")))
        fit_examples += examples_of(fit_part)
        calibration_examples += examples_of(calibration_part)
        postings["fit"] += [p["id"] for p in fit_part["postings"]]
        postings["calibration"] += [p["id"] for p in calibration_part["postings"]]
    for path in CALIBRATION_ONLY_FILES:
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        data = json.loads(path.read_text(encoding="utf-8"))
        calibration_examples += examples_of(data)
        postings["calibration"] += [p["id"] for p in data["postings"]]
    model = fit(fit_examples)
    promote, figures = threshold(model, calibration_examples)
    report = {
        "features": evidence.FEATURES,
        "coefficients": [round(float(w), 6) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "promote": round(promote, 6),
        "model": f"scikit-learn LogisticRegression(C={REGULARISATION}) on (criterion, CV line) pairs",
        "calibration": {"postings": postings["calibration"], "criteres_examines": len(calibration_examples),
                        **figures},
        "fit_postings": postings["fit"],
        "train_files_sha256": digests,
        "command": "python -m collectivia.recruitment.evidence_training",
    }
    evidence.MODEL_FILE.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("promote", "calibration")}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
