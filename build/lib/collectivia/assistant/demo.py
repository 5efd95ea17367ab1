"""Demo data for Admiville: a role quota so that the usage page and the quota message show."""

from __future__ import annotations

from sqlalchemy import select

from collectivia.llm.models import TokenQuota

DEMO_AGENT_QUOTA = 200_000


def load(session, context) -> None:
    exists = session.execute(select(TokenQuota).where(TokenQuota.role == "agent")
                             ).scalar_one_or_none()
    if exists is None:
        session.add(TokenQuota(role="agent", tokens_per_day=DEMO_AGENT_QUOTA))
    context.summary.append(
        "Assistant : /assistant (quota de démonstration : 200 000 jetons par jour pour le rôle "
        "agent). Sans COLLECTIVIA_LLM_BACKENDS, la plateforme tourne en mode « aucun modèle ».")
