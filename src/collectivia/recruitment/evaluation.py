"""Scoring the screening aid against a gold file (format of recrutement_dev.json).

Only the posting and `cv_text` reach the screening; `gold` and `meta` are read
here, to score. Figures: criterion-level accuracy of met/not met, validity of
the quoted evidence, group accuracy, date-issue recall (per issue: type and
months) and precision, and twin agreement (identical per-criterion results and
group for each counterfactual pair).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from collectivia.recruitment.criteria import parse_criterion
from collectivia.recruitment.cv import month_index
from collectivia.recruitment.screening import DateIssue, Screening, screen

_MONTH = r"(\d{2})/(\d{4})"


def reference_month(data: dict, posting: dict) -> int:
    """ "Today" for a gold file: the convention's month, else the posting's publication month."""
    text = json.dumps(data.get("conventions", {}), ensure_ascii=False)
    m = re.search(r"=\s*" + _MONTH, text)
    if m:
        return month_index(int(m.group(2)), int(m.group(1)))
    year, month = posting.get("date_publication", "2025-09-15").split("-")[:2]
    return month_index(int(year), int(month))


def labelled_candidates(data: dict) -> Iterator[tuple[dict, list, int]]:
    """Each candidate of a gold file with its posting's required criteria (parsed once per
    posting) and the file's "today": what the calibration and training scripts walk through."""
    prepared = {p["id"]: (posting_criteria(p)[0], reference_month(data, p)) for p in data["postings"]}
    for candidate in data["candidates"]:
        required, today = prepared[candidate["posting_id"]]
        yield candidate, required, today


def posting_criteria(posting: dict):
    definitions = _definitions(posting)
    required = [parse_criterion(t, definitions.get(t, ""), True) for t in posting["competences_requises"]]
    optional = [parse_criterion(t, definitions.get(t, ""), False)
                for t in posting.get("competences_souhaitees", [])]
    return required, optional


RULE_KEYS = ("regle", "règle", "definition", "définition")


def _definitions(posting: dict) -> dict[str, str]:
    """Each criterion's decision rule: a mapping from the criterion's text, a list in the order
    of `competences_requises`, or a list of records {critere, regle | definition} with, maybe, the
    lists of what counts and what does not (« compte », « ne_compte_pas »); all are found in gold files."""
    definitions = posting.get("criteres_definitions") or {}
    if isinstance(definitions, dict):
        return definitions
    if definitions and all(isinstance(d, dict) and "critere" in d and _has_rule(d) for d in definitions):
        return {d["critere"]: _rule_of(d) for d in definitions}
    required = posting["competences_requises"]
    if not isinstance(definitions, list) or len(definitions) != len(required):
        raise ValueError(f"Offre {posting.get('id', '?')} : « criteres_definitions » doit associer une "
                         "règle à chaque critère requis (objet, ou liste dans l'ordre des critères).")
    return dict(zip(required, definitions, strict=True))


def _has_rule(record: dict) -> bool:
    return any(key in record for key in RULE_KEYS)


def _rule_of(record: dict) -> str:
    """The record's rule, with its lists written out as the sentences a definition would hold."""
    rule = str(next(record[key] for key in RULE_KEYS if key in record))
    for key, intro in (("compte", "Comptent"), ("ne_compte_pas", "Ne comptent pas")):
        items = record.get(key)
        if isinstance(items, list) and items:
            rule += f" {intro} : " + " ; ".join(str(i) for i in items) + "."
        elif isinstance(items, str) and items.strip():
            rule += f" {intro} : {items.strip()}"
    return rule


def _gold_issue(text: str | dict, today: int) -> tuple[str, int, int] | None:
    """The issue a gold entry describes: a sentence, or a record {type, start, end} whose months
    are the first and last months without activity (gap) or in common (overlap). A gap that a
    record ends the month before "today" runs to today: the screening counts the reference
    month as still without activity, as the sentences do (« soit 51 mois … à la date de
    l'offre »). None for anything else (not scored: a guess would report a meaningless recall)."""
    if isinstance(text, dict):
        return _issue_record(text, today)
    if not isinstance(text, str):
        return None
    months = [month_index(int(y), int(m)) for m, y in re.findall(_MONTH, text)]
    if text.startswith("Chevauchement"):
        return "overlap", months[0], months[1]
    if text.startswith("Aucune activité"):
        if len(months) > 1:
            return "gap", months[0] + 1, months[-1]
        count = re.search(r"soit (\d+) mois", text)
        return "gap", months[0] + 1, months[0] + int(count.group(1) if count else 0)
    return "gap", months[0] + 1, months[1] - 1


def _issue_record(record: dict, today: int) -> tuple[str, int, int] | None:
    """A record {type, start, end} (or, in French, {type, debut, fin, months}). When the record
    also counts its months, they tell whether its bounds are the first and last months without
    (or in common), or the two activities' own ends around a gap."""
    kind = RECORD_KINDS.get(str(record.get("type")).lower())
    try:
        start, end = (_month_of(record[english] if english in record else record[french])
                      for english, french in (("start", "debut"), ("end", "fin")))
    except (KeyError, ValueError):
        return None
    months = record.get("months")
    if kind == "gap" and isinstance(months, int) and months == end - start - 1:
        start, end = start + 1, end - 1          # bounds were the surrounding activities' months
    if kind == "gap" and end == today - 1:
        end = today
    return (kind, start, end) if kind else None


RECORD_KINDS = {"gap": "gap", "overlap": "overlap", "periode_sans_activite": "gap",
                "période sans activité": "gap", "chevauchement": "overlap"}


def _month_of(value) -> int:
    """ "03/2021" or "2021-03" -> a month index."""
    text = str(value).strip()
    found = re.fullmatch(r"(\d{1,2})/(\d{4})", text) or re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not found:
        raise ValueError(text)
    first, second = found.groups()
    year, month = (second, first) if "/" in text else (first, second)
    return month_index(int(year), int(month))


def _issue_key(issue: DateIssue) -> tuple[str, int, int]:
    return issue.kind, issue.start, issue.end


@dataclass
class Report:
    pairs: int = 0
    correct: int = 0
    evidence_ok: int = 0
    evidence_checked: int = 0
    groups_ok: int = 0
    candidates: int = 0
    issues_gold: int = 0
    issues_found: int = 0
    issues_matched: int = 0
    issues_unscored: int = 0      # gold entries in a format this scorer does not read
    twins: int = 0
    twins_same: int = 0
    per_criterion: Counter = field(default_factory=Counter)
    per_criterion_total: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)   # (criterion, "tp"|"fp"|"fn"|"tn")
    groups: Counter = field(default_factory=Counter)      # (gold group, proposed group)
    errors: list[str] = field(default_factory=list)

    def f1(self, criterion: str) -> float:
        tp, fp, fn = (self.confusion[(criterion, k)] for k in ("tp", "fp", "fn"))
        return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)

    @property
    def criterion_accuracy(self) -> float:
        return self.correct / self.pairs if self.pairs else 0.0

    @property
    def date_issue_recall(self) -> float:
        return self.issues_matched / self.issues_gold if self.issues_gold else 1.0

    @property
    def date_issue_precision(self) -> float:
        return self.issues_matched / self.issues_found if self.issues_found else 1.0

    @property
    def twin_agreement(self) -> float:
        return self.twins_same / self.twins if self.twins else 1.0


def _evidence_valid(quote: str | None, gold: str | None, cv_text: str) -> bool:
    if quote is None:
        return gold is None
    if quote not in cv_text:
        return False
    return gold is None or quote in gold or gold in quote


def evaluate(data: dict, candidate_ids: set[str] | None = None) -> Report:
    """Screen every candidate (or the given subset) and compare with the gold labels."""
    postings = {p["id"]: p for p in data["postings"]}
    prepared = {pid: (posting_criteria(p), reference_month(data, p)) for pid, p in postings.items()}
    report = Report()
    screenings: dict[str, Screening] = {}
    for candidate in data["candidates"]:
        (required, optional), today = prepared[candidate["posting_id"]]
        screening = screen(candidate["cv_text"], required, optional, today)
        screenings[candidate["id"]] = screening
        if candidate_ids is not None and candidate["id"] not in candidate_ids:
            continue
        gold = candidate["gold"]
        report.candidates += 1
        report.groups_ok += screening.group == gold["bucket"]
        report.groups[(gold["bucket"], screening.group)] += 1
        for result, expected in zip(screening.results, gold["criteria_met"], strict=True):
            report.pairs += 1
            report.per_criterion_total[result.criterion] += 1
            kind = ("t" if result.met == expected["met"] else "f") + ("p" if result.met else "n")
            report.confusion[(result.criterion, kind)] += 1
            if result.met == expected["met"]:
                report.correct += 1
                report.per_criterion[result.criterion] += 1
            else:
                report.errors.append(f"{candidate['id']} · {result.criterion} : attendu "
                                     f"{expected['met']}, obtenu {result.status}")
            if expected["met"]:
                report.evidence_checked += 1
                report.evidence_ok += _evidence_valid(result.evidence, expected["evidence"],
                                                      candidate["cv_text"])
        read = [_gold_issue(t, today) for t in gold.get("date_issues", [])]
        report.issues_unscored += read.count(None)
        gold_issues = {issue for issue in read if issue is not None}
        found = {_issue_key(i) for i in screening.date_issues}
        report.issues_gold += len(gold_issues)
        report.issues_found += len(found)
        report.issues_matched += len(gold_issues & found)
        for missing in gold_issues - found:
            report.errors.append(f"{candidate['id']} · anomalie de dates non détectée : {missing}")
        for extra in found - gold_issues:
            report.errors.append(f"{candidate['id']} · anomalie de dates en trop : {extra}")
    for twin in data.get("twins", []):
        if candidate_ids is not None and not {twin["a"], twin["b"]} & candidate_ids:
            continue
        a, b = screenings[twin["a"]], screenings[twin["b"]]
        report.twins += 1
        same = [r.status for r in a.results] == [r.status for r in b.results] and a.group == b.group
        report.twins_same += same
        if not same:
            report.errors.append(f"jumeaux {twin['a']}/{twin['b']} : résultats différents")
    return report


def split_ids(data: dict) -> tuple[set[str], set[str]]:
    """A fixed tuning / held-out split: odd-numbered CVs tune, even-numbered are held out."""
    ids = [c["id"] for c in data["candidates"]]
    tune = {i for n, i in enumerate(ids) if n % 2 == 0}
    return tune, set(ids) - tune


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
