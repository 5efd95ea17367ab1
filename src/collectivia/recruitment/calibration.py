"""Calibrating the meaning-match threshold of the screening on postings its rules were not tuned on.

`python -m collectivia.recruitment.calibration` (or `make train-recruitment`) reads the
labelled postings of `datasets/recruitment/screening_train_{a,b,c,d}.json` and
`screening_retired_blind_{f,g}.json` (format of shared/eval/recrutement_dev.json) and
splits them by posting: in each file, every third posting (the 3rd, 6th…) is the
calibration split, never read while the criterion types and lexicons were
written; the others are the fit split. Every posting of
`screening_retired_blind_e.json` (a blind set scored once, two releases ago) is
calibration too. The current blind file is never read.

On the calibration split, each criterion the rules leave "non mentionné" (types
with `semantic = True`) gets its closest CV line. A threshold t turns every such
pair scoring >= t into a proposal "rempli": right when the gold says met, wrong
when it says not met. The threshold kept is the one with the largest net gain
(right - wrong) among those whose proposals are right more often than wrong with 95 %
confidence (Wilson lower bound of their precision >= 0.5: one right proposal out of
one is not evidence enough); when no threshold qualifies,
it is set above any cosine (1.01), so that no proposal is made and nothing is
embedded — the file says so, with its figures, in
`data/recruitment/semantic_threshold.json`.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

from collectivia.recruitment import experience_meaning, semantic
from collectivia.recruitment.criteria import NOT_STATED
from collectivia.recruitment.criteria.experience import Experience
from collectivia.recruitment.cv import parse_cv
from collectivia.recruitment.evaluation import labelled_candidates
from collectivia.recruitment.screening import screen

ROOT = Path(__file__).resolve().parents[3]
DATASETS = ROOT / "datasets" / "recruitment"
TRAIN_FILES = [DATASETS / name for name in (
    *(f"screening_train_{part}.json" for part in "abcd"), "screening_retired_blind_f.json",
    "screening_retired_blind_g.json")]
# A blind set scored once before the last one: every posting of it calibrates (the evidence
# model's training reads the same two lists).
CALIBRATION_ONLY_FILES = [DATASETS / "screening_retired_blind_e.json"]
MIN_PRECISION_LOWER_BOUND = 0.5
NO_PROPOSAL = 1.01


@dataclass
class Pair:
    """One unevidenced criterion of one CV: its closest line, and what the gold says."""

    candidate: str
    criterion: str
    score: float
    gold_met: bool
    quote_valid: bool       # the line is (or contains, or is inside) the gold evidence line


def split_by_posting(data: dict) -> tuple[dict, dict]:
    """(fit, calibration): every third posting of the file goes to calibration."""
    parts: tuple[dict, dict] = ({"postings": [], "candidates": []}, {"postings": [], "candidates": []})
    for n, posting in enumerate(data["postings"]):
        part = parts[1] if n % 3 == 2 else parts[0]
        part["postings"].append(posting)
        part["candidates"] += [c for c in data["candidates"] if c["posting_id"] == posting["id"]]
    for part in parts:
        part["conventions"] = data.get("conventions", {})
        part["twins"] = [t for t in data.get("twins", [])
                         if t["a"] in {c["id"] for c in part["candidates"]}]
    return parts


def unevidenced_pairs(data: dict) -> list[Pair]:
    pairs = []
    for candidate, required, today in labelled_candidates(data):
        results = screen(candidate["cv_text"], required, [], today, by_meaning=False).results
        open_ = [i for i, (c, r) in enumerate(zip(required, results, strict=True))
                 if r.status == NOT_STATED and c.semantic]
        matches = semantic.best_matches(parse_cv(candidate["cv_text"], today), [required[i] for i in open_])
        for i, match in zip(open_, matches, strict=True):
            if match is None:
                continue
            gold = candidate["gold"]["criteria_met"][i]
            evidence = gold.get("evidence") or ""
            pairs.append(Pair(candidate["id"], required[i].text, match.score, bool(gold["met"]),
                              bool(evidence) and (match.line in evidence or evidence in match.line)))
    return pairs


def wilson_lower_bound(right: int, total: int, z: float = 1.96) -> float:
    """Lower end of the 95 % Wilson interval of a proportion right / total."""
    if not total:
        return 0.0
    p = right / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


def choose_threshold(pairs: list[Pair]) -> tuple[float, dict]:
    """The threshold with the largest net gain on these pairs (see the module docstring)."""
    best, figures = NO_PROPOSAL, {"propositions": 0, "justes": 0, "fausses": 0, "gain_net": 0}
    for t in sorted({p.score for p in pairs}, reverse=True):
        proposed = [p for p in pairs if p.score >= t]
        right = sum(p.gold_met for p in proposed)
        gain = right - (len(proposed) - right)
        if wilson_lower_bound(right, len(proposed)) >= MIN_PRECISION_LOWER_BOUND and gain > figures["gain_net"]:
            best = t
            figures = {"propositions": len(proposed), "justes": right, "fausses": len(proposed) - right,
                       "gain_net": gain, "citations_valides": sum(p.quote_valid for p in proposed)}
    return best, figures


# Experience read by meaning (`experience_meaning`) fits nothing but its threshold: every retired
# blind set calibrates it too, besides the calibration split (their postings are the filières the
# lexicons did not know when each was scored). The current blind set is never read.
RETIRED_FILES = sorted(DATASETS.glob("screening_retired_blind_*.json"))


def experience_pairs(data: dict) -> list[Pair]:
    """Each experience criterion the rules leave short, with the highest threshold at which the
    jobs read by meaning would complete its months (0 when none would). A criterion with a duration
    is never changed by the learned evidence model nor by the line meaning match, so the rule's
    result is what this step also gets in `screen`."""
    pairs = []
    for candidate, required, today in labelled_candidates(data):
        cv = parse_cv(candidate["cv_text"], today)
        for criterion, gold in zip(required, candidate["gold"]["criteria_met"], strict=True):
            if not isinstance(criterion, Experience) or not criterion.duration_given \
                    or criterion.employer_domain or criterion.check(cv).met:
                continue
            retained, left = experience_meaning.unread_jobs(cv, criterion)
            scored = sorted(zip(experience_meaning.job_scores(criterion, left), range(len(left)), strict=True), reverse=True)
            flip, kept = 0.0, list(retained)
            for score, n in scored:
                kept.append(left[n])
                if criterion.check_jobs(cv, kept).met:
                    flip = score
                    break
            pairs.append(Pair(candidate["id"], criterion.text, flip, bool(gold["met"]), True))
    return pairs


def calibrate_experience(files: list[Path]) -> dict:
    pairs: list[Pair] = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        part = data if path in RETIRED_FILES else split_by_posting(data)[1]
        pairs += experience_pairs(part)
    threshold, figures = choose_threshold([p for p in pairs if p.score > 0])
    report = {
        "threshold": round(threshold, 4),
        "model": semantic.MODEL,
        "query": "criterion text + the sentences of its definition that say what counts; "
                 "job: best of its dated line and first mission lines",
        "calibration": {
            "files": [p.name for p in files],
            "short_criteria": len(pairs),
            "gold_met_among_them": sum(p.gold_met for p in pairs),
            **figures,
        },
        "command": "python -m collectivia.recruitment.calibration",
    }
    experience_meaning.THRESHOLD_FILE.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    return report


def main() -> None:
    fit: dict[str, list] = {"postings": []}
    calibration: dict[str, list] = {"postings": [], "candidates": []}
    digests = {}
    pairs: list[Pair] = []
    parts = [(path, False) for path in TRAIN_FILES] + [(path, True) for path in CALIBRATION_ONLY_FILES]
    for path, calibration_only in parts:
        if not path.exists():
            continue
        digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        data = json.loads(path.read_text(encoding="utf-8"))
        fit_part, calibration_part = ({"postings": []}, data) if calibration_only else split_by_posting(data)
        fit["postings"] += fit_part["postings"]
        calibration["postings"] += calibration_part["postings"]
        calibration["candidates"] += calibration_part["candidates"]
        pairs += unevidenced_pairs(calibration_part)
    threshold, figures = choose_threshold(pairs)
    report = {
        "threshold": round(threshold, 4),
        "model": semantic.MODEL,
        "query": "criterion text + the sentences of its definition that say what counts",
        "calibration": {
            "postings": [p["id"] for p in calibration["postings"]],
            "cvs": len(calibration["candidates"]),
            "unevidenced_pairs": len(pairs),
            "gold_met_among_them": sum(p.gold_met for p in pairs),
            "best_score_gold_met": max((p.score for p in pairs if p.gold_met), default=None),
            "best_score_gold_not_met": max((p.score for p in pairs if not p.gold_met), default=None),
            **figures,
        },
        "fit_postings": [p["id"] for p in fit["postings"]],
        "train_files_sha256": digests,
        "command": "python -m collectivia.recruitment.calibration",
    }
    semantic.THRESHOLD_FILE.parent.mkdir(parents=True, exist_ok=True)
    semantic.THRESHOLD_FILE.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    files = [path for path in TRAIN_FILES + CALIBRATION_ONLY_FILES + RETIRED_FILES if path.exists()]
    print(json.dumps(calibrate_experience(list(dict.fromkeys(files))), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
