"""Shadow-AI reports: monthly figures by direction and by AI service, never per person.

Groups of fewer than five distinct users are merged before anything is
shown. In a small commune that merge can swallow most of the data: a few
directions of three agents each, plus the connections logged by IP address
("Direction inconnue"), leave a table that says nothing. When most
connections would land in the merged row or in "Direction inconnue", the
report gives the figures for the whole collectivité instead, month by month
with the change from the previous month, and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core.confidentiality import MIN_GROUP, groups_to_merge, is_small
from collectivia.core.errors import NotFound
from collectivia.core.models import User
from collectivia.core.roles import ensure_role
from collectivia.governance.directions import UNKNOWN_DIRECTION
from collectivia.governance.models import ShadowCount, ShadowImport
from collectivia.governance.shadow import READERS

MOSTLY_HIDDEN = 0.5   # above this share of connections hidden, report the whole collectivité
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")


@dataclass
class ReportRow:
    label: str
    connections: int | None  # None: masked (fewer than MIN_GROUP users)
    users: int | None
    merged: int = 0          # how many groups were merged into this row


@dataclass
class MonthReport:
    month: str
    total_connections: int | None
    total_users: int | None
    rows: list[ReportRow]
    change: float | None = None  # vs the previous month, as a fraction; None when unknown
    unknown_connections: int = 0  # in "Direction inconnue", merged or not

    @property
    def label(self) -> str:
        """'2026-08' -> 'août 2026'."""
        year, month = self.month.split("-")
        return f"{MONTH_NAMES[int(month) - 1]} {year}"


@dataclass
class Aggregation:
    """At which level the direction report is worth reading, and why."""

    whole_collectivite: bool
    hidden_share: float    # connections merged or without a known direction
    unknown_share: float   # connections in "Direction inconnue" alone

    @property
    def reason(self) -> str:
        if not self.whole_collectivite:
            return ""
        text = (f"Par direction, {self.hidden_share:.0%} des connexions seraient regroupées ou sans "
                f"direction connue, pour ne jamais désigner un petit groupe de personnes : les "
                f"chiffres sont donc donnés pour l'ensemble de la collectivité, avec leur "
                f"évolution d'un mois sur l'autre.")
        if self.unknown_share >= MOSTLY_HIDDEN:
            text += (f" {self.unknown_share:.0%} des connexions sont identifiées par une adresse IP "
                     f"ou un identifiant sans compte (« {UNKNOWN_DIRECTION} ») : un journal qui "
                     f"contient l'identifiant de connexion des agents permettrait un détail par "
                     f"direction.")
        return text.replace("%", "\u202f%")


def protect_small_groups(groups: list[tuple[str, int, int]], other_label: str,
                         threshold: int = MIN_GROUP) -> list[ReportRow]:
    """(label, connections, distinct users) of each group as rows, small groups merged.

    Which groups are merged is `core.confidentiality`'s rule, by distinct users.
    When even everything together stays under the threshold, the merged row's
    figures are masked.
    """
    merged = set(groups_to_merge({label: users for label, _, users in groups}, threshold))
    rows = [ReportRow(label, connections, users) for label, connections, users in
            sorted(groups, key=lambda g: (-g[1], g[0])) if label not in merged]
    if merged:
        rows.append(_merged_row([g for g in groups if g[0] in merged], other_label, threshold))
    return rows


def _merged_row(groups: list[tuple[str, int, int]], label: str, threshold: int) -> ReportRow:
    users = sum(g[2] for g in groups)
    masked = is_small(users, threshold)
    return ReportRow(label, None if masked else sum(g[1] for g in groups),
                     None if masked else users, merged=len(groups))


def imports(session: Session, user: User) -> list[ShadowImport]:
    ensure_role(user, *READERS, action="consulter l'IA fantôme")
    return list(session.execute(select(ShadowImport).order_by(ShadowImport.id.desc())).scalars())


def _with_changes(reports: list[MonthReport]) -> list[MonthReport]:
    previous: int | None = None
    for month in reports:
        current = month.total_connections
        if current is not None and previous:
            month.change = (current - previous) / previous
        previous = current
    return reports


def report(session: Session, user: User, import_id: int | None = None, kind: str = "direction"
           ) -> tuple[ShadowImport | None, list[MonthReport]]:
    """Month-by-month figures of one import (the latest by default), small groups merged."""
    ensure_role(user, *READERS, action="consulter l'IA fantôme")
    if import_id is None:
        chosen = session.execute(select(ShadowImport).order_by(ShadowImport.id.desc()).limit(1)
                                 ).scalar_one_or_none()
    else:
        chosen = session.get(ShadowImport, import_id)
        if chosen is None:
            raise NotFound("Cet import n'existe pas.")
    if chosen is None:
        return None, []
    counts = session.execute(select(ShadowCount).where(ShadowCount.import_id == chosen.id,
                                                       ShadowCount.kind == kind)).scalars()
    months: dict[str, list[tuple[str, int, int]]] = {}
    for count in counts:
        months.setdefault(count.month, []).append((count.label, count.connections,
                                                   count.distinct_users))
    other = ("Autres directions regroupées" if kind == "direction" else "Autres services regroupés")
    reports = []
    for month in sorted(months):
        groups = months[month]
        users = sum(g[2] for g in groups) if kind == "direction" else None
        total = sum(g[1] for g in groups)
        masked = users is not None and is_small(users)     # users: counted by direction only
        reports.append(MonthReport(
            month, None if masked else total, None if masked else users,
            protect_small_groups(groups, other),
            unknown_connections=sum(g[1] for g in groups if g[0] == UNKNOWN_DIRECTION)))
    return chosen, _with_changes(reports)


def aggregation(months: list[MonthReport]) -> Aggregation:
    """Whether the direction report hides most connections (merged or of unknown direction)."""
    total = hidden = unknown = 0
    for month in months:
        if month.total_connections is None:
            continue
        total += month.total_connections
        unknown += month.unknown_connections
        hidden += sum(row.connections or 0 for row in month.rows
                      if row.merged or row.label == UNKNOWN_DIRECTION)
    if not total:
        return Aggregation(False, 0.0, 0.0)
    return Aggregation(hidden / total > MOSTLY_HIDDEN, hidden / total, unknown / total)
