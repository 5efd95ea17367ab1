"""« Arrêter la réponse »: the browser drops the stream; the server stores nothing of the turn,
gives its quota back and records the interruption (as for a failed call)."""

from __future__ import annotations

from sqlalchemy import func, select
from starlette.requests import Request

from assistant_support import audit_events
from collectivia.assistant.models import Conversation
from collectivia.assistant.turns import prepare_turn
from collectivia.assistant.views import _stream_events
from collectivia.core.users import find_by_login
from collectivia.llm import get_router
from collectivia.llm.models import QuotaDay

LONG_QUESTION = "Rédige une longue note sur les horaires d'été de la mairie. " * 8


def test_an_answer_stopped_midway_stores_nothing_and_gives_its_quota_back(
        app, settings, demo_database, upstream):
    with demo_database.session() as session:
        agent = find_by_login(session, "agent")
        prepared = prepare_turn(session, agent, settings, get_router(settings), text=LONG_QUESTION)
        held = session.execute(select(QuotaDay.tokens)).scalar_one()
        session.commit()
    assert held > 0             # the demo agents have a daily quota: the call's bound is held

    events = _stream_events(Request({"type": "http", "app": app, "headers": []}), prepared)
    assert '"debut"' in next(events)
    assert '"texte"' in next(events)                  # the answer is being written...
    events.close()                                    # ...when the connection goes away

    with demo_database.session() as session:
        assert session.execute(select(QuotaDay.tokens)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(Conversation)).scalar_one() == 0
    [stop] = audit_events(demo_database, "assistant.interruption")
    assert stop["outcome"] == "interrompu" and stop["modele"] == "redaction"
