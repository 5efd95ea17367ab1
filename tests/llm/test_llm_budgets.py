"""Directions' monthly budgets and models' request limits: held before the call, settled to
the real cost after it, given back when it fails — and never exceeded by calls made at once."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select

from collectivia.core import clock
from collectivia.core.errors import Forbidden, InvalidInput, TooManyRequests
from collectivia.core.users import find_by_login
from collectivia.llm import Completion, Router, admission
from collectivia.llm.budgets import set_budgets, status
from collectivia.llm.config import parse_backends
from collectivia.llm.models import BudgetMonth, ModelRequestWindow
from collectivia.llm.ratelimits import ModelBusy
from collectivia.llm.usage import admit_call, record_call
from collectivia.settings import Settings

BACKENDS = json.dumps([{"name": "albert", "base_url": "http://127.0.0.1:9/v1", "models": [
    {"alias": "redaction", "price_in_eur_per_mtok": 1.0, "price_out_eur_per_mtok": 3.0},
    {"alias": "gratuit"},
    {"alias": "compte", "price_in_eur_per_mtok": 1.0, "max_requests_per_minute": 2,
     "max_requests_per_day": 3}]}])
# prompt 1 000 tokens at 1 €/M + up to 2 000 answered at 3 €/M: 0,007 € held per call
ASK = {"prompt_tokens": 1000, "max_tokens": 2000}
HELD = 7000


@pytest.fixture
def router():
    return Router(parse_backends(BACKENDS))


def budget(session, euros: str, login: str = "agent") -> int:
    """Give the login's direction a monthly budget as the admin types it; its id."""
    direction = find_by_login(session, login).direction
    set_budgets(session, find_by_login(session, "admin"), {direction.id: euros})
    return direction.id


def spent(session, direction_id: int) -> int:
    return session.execute(select(BudgetMonth.micro_eur).where(
        BudgetMonth.direction_id == direction_id)).scalar_one()


def answered(model="redaction", prompt=1000, completion=500) -> Completion:
    return Completion(text="...", model=model, prompt_tokens=prompt,
                      completion_tokens=completion, backend="albert")


def test_a_call_beyond_the_directions_budget_is_refused_with_whom_to_ask(session, router):
    agent = find_by_login(session, "agent")
    budget(session, "0,01")
    admit_call(session, agent, router, "redaction", **ASK)
    with pytest.raises(TooManyRequests) as refused:
        admit_call(session, agent, router, "redaction", **ASK)
    message = refused.value.message
    assert refused.value.status_code == 429
    assert "Budget mensuel atteint pour la direction « Accueil-population »" in message
    assert "0,007 € utilisés ou réservés sur un budget de 0,01 €" in message
    assert "référent IA" in message


def test_a_call_is_settled_to_its_real_cost_and_a_failed_one_gives_it_back(session, router):
    agent = find_by_login(session, "agent")
    record_call(session, agent, answered(), "assistant", router, Settings())  # 0,0025 € before
    direction_id = budget(session, "0,02")
    held = admit_call(session, agent, router, "redaction", **ASK)
    assert spent(session, direction_id) == 2500 + HELD     # the month starts from recorded usage
    record_call(session, agent, answered(completion=100), "assistant", router, Settings(), held)
    assert spent(session, direction_id) == 2500 + 1300     # 1 000 in at 1 €/M, 100 out at 3 €/M
    failed = admit_call(session, agent, router, "redaction", **ASK)
    admission.release(session, failed)
    assert spent(session, direction_id) == 3800
    admit_call(session, agent, router, "redaction", **ASK)
    admit_call(session, agent, router, "redaction", **ASK)
    with pytest.raises(TooManyRequests):                    # 3 800 + 3 × 7 000 > 20 000
        admit_call(session, agent, router, "redaction", **ASK)
    assert spent(session, direction_id) == 3800 + 2 * HELD


def test_a_free_model_is_never_stopped_by_the_budget_and_a_new_month_starts_afresh(
        session, router):
    agent = find_by_login(session, "agent")
    budget(session, "0")
    admit_call(session, agent, router, "gratuit", **ASK)
    with pytest.raises(TooManyRequests):
        admit_call(session, agent, router, "redaction", **ASK)
    clock.travel(32 * 24 * 3600)
    budget(session, "0,01")
    admit_call(session, agent, router, "redaction", **ASK)


def test_another_directions_budget_does_not_stop_this_one(session, router):
    budget(session, "0", login="rh")
    admit_call(session, find_by_login(session, "agent"), router, "redaction", **ASK)
    with pytest.raises(TooManyRequests):
        admit_call(session, find_by_login(session, "rh"), router, "redaction", **ASK)


def test_the_agent_sees_used_budget_and_remaining(session, router):
    agent = find_by_login(session, "agent")
    assert status(session, agent).budget_eur is None
    record_call(session, agent, answered(), "assistant", router, Settings())
    budget(session, "1 500,50")
    month = status(session, agent)
    assert month.direction == "Accueil-population" and month.budget_eur == 1500.5
    assert month.used_eur == pytest.approx(0.0025)
    assert month.remaining_eur == pytest.approx(1500.5 - 0.0025)


def test_only_the_admin_sets_budgets_and_a_wrong_amount_changes_none(session):
    agent, admin = find_by_login(session, "agent"), find_by_login(session, "admin")
    with pytest.raises(Forbidden):
        set_budgets(session, find_by_login(session, "referent"), {agent.direction.id: "10"})
    rh = find_by_login(session, "rh").direction.id
    for typed, expected in (("beaucoup", "montant en euros"), ("-5", "entre 0 et"),
                            ("12,345", "au centime près")):
        with pytest.raises(InvalidInput) as refused:
            set_budgets(session, admin, {agent.direction.id: "10", rh: typed})
        assert expected in refused.value.message and "Ressources" in refused.value.message
        assert status(session, agent).budget_eur is None


def test_a_model_takes_so_many_requests_per_minute_and_per_day(session, router):
    agent = find_by_login(session, "agent")
    admit_call(session, agent, router, "compte", **ASK)
    second = admit_call(session, agent, router, "compte", **ASK)
    with pytest.raises(ModelBusy) as busy:
        admit_call(session, agent, router, "compte", **ASK)
    assert busy.value.status_code == 429 and "au plus 2 demandes par minute" in busy.value.message
    admission.release(session, second)                    # a failed call gives its request back
    admit_call(session, agent, router, "compte", **ASK)
    clock.travel(61)
    admit_call(session, agent, router, "compte", **ASK)   # a new minute; the day's third
    with pytest.raises(ModelBusy) as busy:
        admit_call(session, agent, router, "compte", **ASK)
    assert "limite de 3 demandes par jour" in busy.value.message
    assert "référent IA" in busy.value.message
    clock.travel(24 * 3600)
    admit_call(session, agent, router, "compte", **ASK)


def test_a_call_refused_by_the_budget_gives_back_its_model_request(session, router):
    agent = find_by_login(session, "agent")
    budget(session, "0")
    for _ in range(3):
        with pytest.raises(TooManyRequests) as refused:
            admit_call(session, agent, router, "compte", **ASK)
        assert "Budget mensuel atteint" in refused.value.message
    taken = session.execute(select(ModelRequestWindow.requests)).scalars().all()
    assert taken and set(taken) == {0}


def run_at_once(count: int, call) -> tuple[int, list[BaseException]]:
    """`call()` from `count` threads released together: (how many passed, unexpected errors)."""
    start = threading.Barrier(count)
    passed: list[int] = []
    unexpected: list[BaseException] = []

    def one() -> None:
        start.wait()
        try:
            call()
            passed.append(1)
        except TooManyRequests:
            pass
        except BaseException as exc:  # noqa: BLE001 - a database error would be a bug
            unexpected.append(exc)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(passed), unexpected


def test_simultaneous_calls_never_spend_more_than_the_budget_together(demo_database, router):
    with demo_database.session() as session:
        direction_id = budget(session, "0,04")             # room for five calls at 0,007 €

    def call() -> None:
        with demo_database.session() as s:
            admit_call(s, find_by_login(s, "agent"), router, "redaction", **ASK)

    passed, unexpected = run_at_once(16, call)
    assert unexpected == [] and passed == 5
    with demo_database.session() as session:
        assert spent(session, direction_id) == 5 * HELD


def test_simultaneous_calls_never_pass_a_models_limit_together(demo_database, router):
    def call() -> None:
        with demo_database.session() as s:
            admit_call(s, find_by_login(s, "agent"), router, "compte", **ASK)

    passed, unexpected = run_at_once(12, call)
    assert unexpected == [] and passed == 2

