"""Human oversight: the pipeline dashboard, the bias audit and the AI Act file of a campaign.

The bias audit compares selection rates at each stage by sex and age band
(self-declared data, where known) and reports the four-fifths ratio — the
lowest group's rate over the highest's, i.e. fairlearn's demographic parity
ratio — flagged below 0.8. A counterfactual check re-screens each CV with its
identity swapped (names, gender marks, age, address, photo) and reports any
difference: there must be none, since the screening never reads identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import ensure_role
from collectivia.recruitment.models import STAGES, Candidate, Decision, Posting
from collectivia.recruitment.screening import screen
from collectivia.recruitment.service import (
    MANAGERS, OVERSIGHT, criteria_of, get_posting, reference_month)

FOUR_FIFTHS = 0.8
AUDIT_RETENTION_MONTHS = 6
# Stages counted as "reached" for the selection rates, in order.
REACHED = {"pré-sélection": ("pré-sélection", "entretien", "retenu"),
           "entretien": ("entretien", "retenu"), "retenu": ("retenu",)}


# ---- dashboard ---------------------------------------------------------------------------------

@dataclass
class PostingLine:
    posting: Posting
    candidates: int
    per_stage: dict[str, int]
    days_to_hire: float | None


@dataclass
class Dashboard:
    lines: list[PostingLine]
    open_postings: int
    average_days_to_hire: float | None
    average_days_per_stage: dict[str, float]
    year: int = 0
    yearly_audit: BiasAudit | None = None


def dashboard(session: Session, user: User) -> Dashboard:
    ensure_role(user, *OVERSIGHT, action="consulter le tableau de bord du recrutement")
    postings = list(session.execute(select(Posting).order_by(Posting.id.desc())).scalars())
    decisions = list(session.execute(select(Decision).order_by(Decision.id)).scalars())
    by_candidate: dict[int, list[Decision]] = {}
    for decision in decisions:
        by_candidate.setdefault(decision.candidate_id, []).append(decision)
    stage_days: dict[str, list[float]] = {}
    lines, hire_days = [], []
    for posting in postings:
        per_stage = {stage: 0 for stage in STAGES}
        posting_hires = []
        for candidate in posting.candidates:
            per_stage[candidate.stage] += 1
            entered, stage = candidate.created_at, "reçue"
            for decision in by_candidate.get(candidate.id, []):
                stage_days.setdefault(stage, []).append((decision.at - entered).total_seconds() / 86400)
                entered, stage = decision.at, decision.to_stage
                if decision.to_stage == "retenu" and posting.date_publication:
                    start = clock.now().replace(year=posting.date_publication.year,
                                                month=posting.date_publication.month,
                                                day=posting.date_publication.day, hour=0, minute=0)
                    posting_hires.append(max((decision.at - start).days, 0))
        hire_days += posting_hires
        lines.append(PostingLine(posting, len(posting.candidates), per_stage,
                                 sum(posting_hires) / len(posting_hires) if posting_hires else None))
    year = clock.now().year
    this_year = [p.id for p in postings if p.created_at.year == year]
    return Dashboard(
        lines, sum(p.status == "publiée" for p in postings),
        sum(hire_days) / len(hire_days) if hire_days else None,
        {stage: sum(v) / len(v) for stage, v in stage_days.items()},
        year, bias_audit(session, user, this_year, counterfactual_check=False))


def dashboard_table(data: Dashboard) -> tuple[list[str], list[list]]:
    header = ["Référence", "Intitulé", "Statut", "Candidatures", *[f"Étape : {s}" for s in STAGES],
              "Délai de recrutement (jours)"]
    rows = [[line.posting.reference, line.posting.intitule, line.posting.status, line.candidates,
             *[line.per_stage[s] for s in STAGES],
             round(line.days_to_hire, 1) if line.days_to_hire is not None else ""]
            for line in data.lines]
    return header, rows


# ---- bias audit ----------------------------------------------------------------------------------

@dataclass
class RateTable:
    dimension: str                       # "sexe" | "tranche d'âge"
    stage: str
    rates: dict[str, tuple[int, int]]    # group -> (reached, total)
    ratio: float | None

    @property
    def flagged(self) -> bool:
        return self.ratio is not None and self.ratio < FOUR_FIFTHS


@dataclass
class BiasAudit:
    tables: list[RateTable]
    unknown: int                          # candidates without self-declared data
    counterfactual_checked: int
    counterfactual_differences: list[str] = field(default_factory=list)


def parity_ratio(rates: dict[str, tuple[int, int]]) -> float | None:
    """Demographic parity ratio: min selection rate / max selection rate (None if undefined)."""
    values = [reached / total for reached, total in rates.values() if total]
    if len(values) < 2 or max(values) == 0:
        return None
    return min(values) / max(values)


def _rates(candidates: list[Candidate], key, stage: str) -> dict[str, tuple[int, int]]:
    rates: dict[str, list[int]] = {}
    for candidate in candidates:
        group = key(candidate)
        if not group:
            continue
        entry = rates.setdefault(group, [0, 0])
        entry[1] += 1
        entry[0] += candidate.stage in REACHED[stage]
    return {g: (r, t) for g, (r, t) in sorted(rates.items())}


# Gender marks of the person: a job title opening a line, a cell or an item (« Vendeuse (CDD) »,
# « | Animatrice | »), never a thing (« débroussailleuse », « cimetière », « maternelle »).
_TITLE_START = r"((?:^|[|•*►>·:–—-]|\bcomme|\bsuis|\bété)\s*(?:[A-ZÀ-Ý]?[\wÀ-ÿ'’-]*\s)?[\wÀ-ÿ'’-]*?)"
SWAPS = [(_TITLE_START + "trice\\b", r"\g<1>teur"), (_TITLE_START + "euse\\b", r"\g<1>eur"),
         (_TITLE_START + "ienne\\b", r"\g<1>ien"), (_TITLE_START + "ère\\b", r"\g<1>er"), (r"\bNée\b", "Né"), (r"\bnée\b", "né"),
         (r"\bMme\b", "M."), (r"\bMadame\b", "Monsieur")]


# Identity details and what they become in the counterfactual CV (another person, same career).
IDENTITY_SWAPS = [
    (r"\S+@\S+\.\w+", "dmartin@example.org"),
    (r"(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.-]?\d\d){4}(?!\d)", "06 39 98 00 00"),
    (r"\b(n[ée]e?s?\s+le\s*:?\s*|naissance\s*:\s*)\d{1,2}[/.]\d{1,2}[/.]\d{4}", r"\g<1>01/01/1970"),
    (r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|all[ée]e|place|chemin|impasse|cours|hent)"
     r"\b[^,|·–\n]*", "1 place de la Mairie"),
    (r"\b\d{5}\s+[A-ZÀ-Ý][\wÀ-ÿ'’]+(?:[ -][A-Za-zÀ-ÿ'’]+)*", "00000 Villefictive"),
    (r"(?<![\w-])[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+)*\s*\(\d{2,3}\)", "Villefictive (00)"),
    (r"(^|[|·•,–—-]\s*)\d{2}(\s*ans\b)(?=\s*(?:$|[|·•,–—-]))", r"\g<1>55\g<2>"),
]


def counterfactual(text: str) -> str:
    """The same CV as written by another person: name, contact details, birth date, age,
    address and gender marks changed, photo mention removed, every other word kept."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    # the name opens the first line (« Kévin TRAN · Administrateur … · Permis B »): only it changes
    lines[first] = re.sub(r"^.*?(?=\s*(?:[|·•,]|\s[–—-]\s)|$)", "Dominique MARTIN", lines[first].strip(), count=1)
    body = "\n".join(line for line in lines if not re.search(r"\bphoto\b", line, re.IGNORECASE))
    for pattern, replacement in IDENTITY_SWAPS:
        body = re.sub(pattern, replacement, body,
                      flags=re.MULTILINE | (re.IGNORECASE if "A-Z" not in pattern else 0))
    for female, male in SWAPS:
        body = re.sub(female, male, body, flags=re.MULTILINE)
    return body


def bias_audit(session: Session, user: User, posting_ids: list[int],
               counterfactual_check: bool = True) -> BiasAudit:
    ensure_role(user, *OVERSIGHT, action="consulter l'audit de biais")
    candidates = list(session.execute(select(Candidate).where(Candidate.posting_id.in_(posting_ids))
                                      ).scalars())
    tables = []
    for dimension, key in (("sexe", lambda c: c.equality_sex),
                           ("tranche d'âge", lambda c: c.equality_age_band)):
        for stage in REACHED:
            rates = _rates(candidates, key, stage)
            tables.append(RateTable(dimension, stage, rates, parity_ratio(rates)))
    differences, checked = [], 0
    postings = {c.posting_id: c.posting for c in candidates}
    prepared = {pid: (criteria_of(p), reference_month(p)) for pid, p in postings.items()}
    for candidate in candidates if counterfactual_check else []:
        screening = candidate.latest_screening
        if screening is None:
            continue
        (required, optional), today = prepared[candidate.posting_id]
        original = screen(candidate.cv_text, required, optional, today)
        swapped = screen(counterfactual(candidate.cv_text), required, optional, today)
        checked += 1
        if [r.status for r in original.results] != [r.status for r in swapped.results] \
                or original.group != swapped.group:
            differences.append(candidate.label)
    return BiasAudit(tables, sum(1 for c in candidates if not c.equality_sex), checked, differences)


# ---- AI Act file ---------------------------------------------------------------------------------

@dataclass
class AiActFile:
    posting: Posting
    audit: BiasAudit
    events: int
    screenings: int
    corrections: int
    decisions: int
    oldest_event: object
    retention_until: object


def ai_act_file(session: Session, user: User, posting_id: int) -> AiActFile:
    """The campaign's file: purpose, data, human oversight, logs, bias audit (FRIA skeleton)."""
    posting = get_posting(session, user, posting_id, roles=OVERSIGHT)
    ids = [str(c.id) for c in posting.candidates]
    query = select(func.count(), func.min(AuditEvent.at)).where(
        AuditEvent.object_type == "candidature", AuditEvent.object_id.in_(ids))
    events, oldest = session.execute(query).one() if ids else (0, None)
    count = lambda action: session.execute(select(func.count()).where(  # noqa: E731
        AuditEvent.action == action, AuditEvent.object_type == "candidature",
        AuditEvent.object_id.in_(ids))).scalar_one() if ids else 0
    data = AiActFile(posting, bias_audit(session, user, [posting.id]), events,
                     count("recruitment.screening"), count("recruitment.screening.correct"),
                     count("recruitment.decision"), oldest,
                     (oldest + timedelta(days=31 * AUDIT_RETENTION_MONTHS)) if oldest else None)
    audit.record(session, "recruitment.ai_act.view", actor=user, object_type="offre",
                 object_id=posting.id)
    return data


def can_manage(user: User) -> bool:
    return user.role in MANAGERS
