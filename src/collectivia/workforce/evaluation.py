"""Scoring the fuzzy matching on labelled titles: `collectivia eval workforce-titles FILE`.

The file is `intitule;metier_attendu` (UTF-8, `;`), `metier_attendu` being an
exact INET reference title or `aucun` for a job outside the referential (or a
grade). An empty `metier_attendu` means the same as `aucun`: the author of
`titles_retired_blind_2.csv` left 90 such titles blank, and counting a blank as a job
nobody can match scored every one of them as a miss. One row is:

- **right** — the title accepted automatically, or failing that the first
  proposal shown for review, is the expected one; for `aucun`, nothing is
  accepted automatically;
- **wrong** — a title is accepted automatically and it is not the expected
  one (the map would count the agent in the wrong job without anyone looking);
- **unmatched** — the rest: nothing accepted and the first proposal, if any,
  is not the expected job. HR has to search the referential by hand.

The share accepted automatically is printed too: a matcher that never accepts
anything would score no wrong, and HR would review every title.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from collectivia.workforce.matching import MatchMode, match_title, prepare_titles

NONE_LABEL = "aucun"


@dataclass(frozen=True)
class LabelledTitle:
    title: str
    expected: str | None     # INET title, or None for "aucun"


@dataclass
class TitleScores:
    right: int = 0
    wrong: int = 0
    unmatched: int = 0
    accepted: int = 0
    mistakes: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.unmatched

    def rate(self, count: int) -> float:
        return count / self.total if self.total else 0.0


def read_labelled(data: str) -> list[LabelledTitle]:
    rows = csv.DictReader(io.StringIO(data.lstrip("\ufeff")), delimiter=";")
    return [LabelledTitle(r["intitule"], _expected((r["metier_attendu"] or "").strip()))
            for r in rows]


# Ways a labeller writes "no job of the referential" besides `aucun`.
_NONE_LABELS = frozenset({NONE_LABEL, "", "none", "-", "néant", "neant", "hors référentiel",
                          "hors referentiel"})


def _expected(label: str) -> str | None:
    return None if label.lower() in _NONE_LABELS else label


def unknown_labels(labelled: list[LabelledTitle]) -> set[str]:
    """Expected jobs that are not reference titles: such a row can never be right, so the
    scorer says how many there are rather than let them pass as matcher misses."""
    from collectivia.workforce.reference import inet_by_title

    return {r.expected for r in labelled if r.expected is not None} - set(inet_by_title())


def score_titles(labelled: list[LabelledTitle]) -> TitleScores:
    scores = TitleScores()
    prepare_titles(row.title for row in labelled)
    for row in labelled:
        match = match_title(row.title, MatchMode.FUZZY)
        accepted = match.job.metier if match.job else None
        shown = match.proposal.metier if match.proposal else None
        scores.accepted += accepted is not None
        if accepted is not None and accepted != row.expected:
            scores.wrong += 1
            outcome = "wrong"
        elif (row.expected is None and accepted is None) or (
                row.expected is not None and shown == row.expected):
            scores.right += 1
            continue
        else:
            scores.unmatched += 1
            outcome = "unmatched"
        scores.mistakes.append((row.title, row.expected, shown, outcome))
    return scores
