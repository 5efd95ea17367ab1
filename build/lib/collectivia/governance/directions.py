"""Active accounts counted per direction: the denominator of every "share of agents" figure."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session

from collectivia.core.models import Direction, Service, User

UNKNOWN_DIRECTION = "Direction inconnue"


def active_accounts(session: Session, narrow: Callable[[Select], Select] | None = None
                    ) -> dict[str, int]:
    """{direction name: distinct active accounts}, optionally narrowed (joined, filtered) first.

    Accounts without a service count under "Direction inconnue".
    """
    direction = func.coalesce(Direction.name, UNKNOWN_DIRECTION)
    query = (select(direction, func.count(distinct(User.id))).select_from(User)
             .outerjoin(Service, User.service_id == Service.id)
             .outerjoin(Direction, Service.direction_id == Direction.id)
             .where(User.active.is_(True)).group_by(direction))
    return dict(session.execute(narrow(query) if narrow else query).all())
