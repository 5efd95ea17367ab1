"""The figures the ethics committee weighs beside the registry: per use case what it costs and
what agents say it brings, how well Questions RH answers, whether recruitment treats groups alike.

The committee includes staff representatives, so it reads aggregates only: the
benefits report's monthly totals (governance.benefits), the Questions RH
figures without any question's text (hrdesk.dashboard.quality), and for
recruitment the four-fifths ratio of selection rates by self-declared sex and
age band over every candidate held, counted in SQL so no CV is read. The
counterfactual re-screening stays in the campaign's AI Act file, where the
recruiters and the DPO read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.models import User
from collectivia.core.roles import ensure_role
from collectivia.governance import benefits
from collectivia.governance.register import COMMITTEE
from collectivia.hrdesk import dashboard as hrdesk_dashboard

HRDESK_MONTHS = 6
DIMENSIONS = (("sexe", "equality_sex"), ("tranche d'âge", "equality_age_band"))


@dataclass(frozen=True)
class Parity:
    """One stage of recruitment for one dimension, over every campaign."""

    dimension: str
    stage: str
    candidates: int              # candidates who declared this dimension
    ratio: float | None          # lowest group's selection rate over the highest's

    @property
    def flagged(self) -> bool:
        from collectivia.recruitment.oversight import FOUR_FIFTHS

        return self.ratio is not None and self.ratio < FOUR_FIFTHS


@dataclass
class Figures:
    use_cases: list[benefits.UseCaseBenefits]
    hrdesk_months: list[hrdesk_dashboard.MonthStats]
    hrdesk_total: hrdesk_dashboard.MonthStats
    parity: list[Parity]


def recruitment_parity(session: Session) -> list[Parity]:
    """Selection rates at each stage compared between the groups candidates declared."""
    from collectivia.recruitment.models import Candidate
    from collectivia.recruitment.oversight import REACHED, parity_ratio

    found = []
    for dimension, attribute in DIMENSIONS:
        group = getattr(Candidate, attribute)
        counts = session.execute(select(group, Candidate.stage, func.count())
                                 .where(group != "").group_by(group, Candidate.stage)).all()
        for stage, reached_stages in REACHED.items():
            rates: dict[str, tuple[int, int]] = {}
            for name, at, n in counts:
                reached, total = rates.get(name, (0, 0))
                rates[name] = (reached + n * (at in reached_stages), total + n)
            found.append(Parity(dimension, stage, sum(t for _, t in rates.values()),
                                parity_ratio(rates)))
    return found


def figures(session: Session, user: User) -> Figures:
    ensure_role(user, *COMMITTEE, action="consulter le tableau de bord du comité d'éthique")
    since = clock.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    since = (since - timedelta(days=31 * (HRDESK_MONTHS - 1))).replace(day=1)
    months, total = hrdesk_dashboard.quality(session, since)
    return Figures(benefits.report(session, user), months, total, recruitment_parity(session))
