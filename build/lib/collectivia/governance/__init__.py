"""Gouvernance IA: use-case registry, AI Act classification, boussole, charter, training, shadow AI.

Other domains use one public function from here: `charter_required`, which
the assistant calls before a user's first conversation. The import stays
light: the heavy modules load only when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from collectivia.core.models import User


def charter_required(session: Session, user: User) -> str | None:
    """The URL where `user` must accept the current AI charter, or None.

    None when no charter is published yet or when the user accepted its
    current version. A new version makes everyone accept again.
    """
    from collectivia.governance import charter

    current = charter.current(session)
    if current is None or charter.has_accepted(session, user, current):
        return None
    return charter.ACCEPT_URL
