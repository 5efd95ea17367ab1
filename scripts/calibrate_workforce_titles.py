"""Choose the fuzzy matcher's auto-accept thresholds on labelled titles (run by hand).

    .venv/bin/python scripts/calibrate_workforce_titles.py CALIBRATION.csv [--max-wrong 0.01]

Every title is matched once with auto-acceptance switched off; then for each
(ACCEPT, MARGIN, ACCEPT_APPELLATION) of a grid the script counts, as
`collectivia eval workforce-titles` does, the titles accepted, right and wrong,
and prints the triple accepting the most titles with a wrong rate at or under
--max-wrong. Run it on titles the appellations were NOT edited from (the
calibration part of the training file), then copy the triple into matching.py.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from collectivia.workforce import matching
from collectivia.workforce.candidates import named_job, rank
from collectivia.workforce.cleaning import readings
from collectivia.workforce.evaluation import read_labelled


def _features(title: str) -> tuple[str | None, str | None, float, float, bool]:
    """(job accepted by rule, first proposal, score, margin, is an appellation)."""
    match = matching.match_title(title, matching.MatchMode.FUZZY)
    if match.method in ("exact", "synonyme"):
        return match.job.metier, match.job.metier, 1.0, 1.0, False
    if match.method in ("grade", "aucun") or match.suggestion is None:
        return None, None, 0.0, 0.0, False
    texts = readings(title)
    ranked = rank(texts, limit=2)
    named = any(named_job(t) is not None for t in texts)
    return None, match.suggestion.metier, match.confidence, ranked[0].score - ranked[1].score, named


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--max-wrong", type=float, default=0.01)
    args = parser.parse_args()
    labelled = read_labelled(args.file.read_text(encoding="utf-8"))
    matching.ACCEPT = matching.ACCEPT_APPELLATION = 2.0   # nothing accepted but by rule
    rows = [(row.expected, _features(row.title)) for row in labelled]
    grid = itertools.product([x / 100 for x in range(50, 101, 2)], (0.0, 0.02, 0.04, 0.06, 0.08, 0.10),
                             [x / 100 for x in range(50, 101, 1)])
    results = []
    for accept, margin, accept_named in grid:
        accepted = right = wrong = 0
        for expected, (ruled, shown, score, gap, named) in rows:
            auto = ruled or (shown if (score >= accept_named if named else
                                       score >= accept and gap >= margin) else None)
            accepted += auto is not None
            if auto is not None and auto != expected:
                wrong += 1
            elif (expected is None and auto is None) or (expected is not None and shown == expected):
                right += 1
        n = len(rows)
        results.append((accept, margin, accept_named, accepted / n, right / n, wrong / n))
    safe = [r for r in results if r[5] <= args.max_wrong]
    for r in sorted(safe, key=lambda r: (-r[3], r[0], -r[1]))[:15]:
        print("ACCEPT={:.2f} MARGIN={:.2f} ACCEPT_APPELLATION={:.2f} accepted={:.3f} right={:.3f} "
              "wrong={:.3f}".format(*r))


if __name__ == "__main__":
    main()
