"""Usage accounting: quotas stop a user, each call is counted with its cost and carbon."""

from __future__ import annotations

import json

import pytest

from collectivia.core import clock
from collectivia.core.errors import Forbidden, TooManyRequests
from collectivia.core.users import find_by_login
from collectivia.llm import Completion, Router
from collectivia.llm.config import parse_backends
from collectivia.llm import quotas
from collectivia.llm.usage import ensure_quota, record_call, set_quota, tokens_today, usage_report
from collectivia.settings import Settings

BACKENDS = json.dumps([{"name": "albert", "base_url": "http://127.0.0.1:9/v1", "models": [
    {"alias": "redaction", "params_b": 24, "price_in_eur_per_mtok": 1.0,
     "price_out_eur_per_mtok": 3.0},
    {"alias": "sans-taille"}]}])


@pytest.fixture
def router():
    return Router(parse_backends(BACKENDS))


def call(model="redaction", prompt=1000, completion=500):
    return Completion(text="...", model=model, prompt_tokens=prompt, completion_tokens=completion,
                      backend="albert")


def test_each_call_is_counted_with_cost_energy_and_carbon(session, router):
    agent = find_by_login(session, "agent")
    record = record_call(session, agent, call(), "assistant", router, Settings())
    assert record.direction == "Accueil-population" and record.role == "agent"
    assert record.cost_eur == pytest.approx((1000 * 1.0 + 500 * 3.0) / 1e6)
    assert 0 < record.energy_kwh < 1 and 0 < record.gwp_kgco2eq < 1
    unknown_size = record_call(session, agent, call("sans-taille"), "assistant", router, Settings())
    assert unknown_size.energy_kwh is None and unknown_size.gwp_kgco2eq is None


def test_a_bigger_model_weighs_more(session):
    small = Router(parse_backends(BACKENDS.replace("24", "1")))
    big = Router(parse_backends(BACKENDS.replace("24", "70")))
    agent = find_by_login(session, "agent")
    light = record_call(session, agent, call(), "assistant", small, Settings())
    heavy = record_call(session, agent, call(), "assistant", big, Settings())
    assert heavy.energy_kwh > light.energy_kwh and heavy.gwp_kgco2eq > light.gwp_kgco2eq


def test_a_role_quota_stops_the_user_with_a_clear_message_and_resets_next_day(session, router):
    admin, agent = find_by_login(session, "admin"), find_by_login(session, "agent")
    set_quota(session, admin, role="agent", tokens_per_day=2000)
    record_call(session, agent, call(prompt=1000, completion=500), "assistant", router, Settings())
    held = ensure_quota(session, agent, upcoming_tokens=400)   # a call in flight holds its tokens
    with pytest.raises(TooManyRequests) as caught:
        ensure_quota(session, agent, upcoming_tokens=600)
    assert "1900 jetons sur les 2000" in caught.value.message and caught.value.status_code == 429
    quotas.release(session, held)                              # that call failed: given back
    quotas.settle(session, ensure_quota(session, agent, upcoming_tokens=500), used=100)
    with pytest.raises(TooManyRequests) as caught:             # settled to what it really used
        ensure_quota(session, agent, upcoming_tokens=401)
    assert "1600 jetons" in caught.value.message
    clock.travel(24 * 3600)
    assert tokens_today(session, agent) == 0
    ensure_quota(session, agent, upcoming_tokens=600)


def test_a_personal_quota_wins_over_the_role_quota(session, router):
    admin, agent = find_by_login(session, "admin"), find_by_login(session, "agent")
    set_quota(session, admin, role="agent", tokens_per_day=10)
    set_quota(session, admin, login="agent", tokens_per_day=100_000)
    ensure_quota(session, agent, upcoming_tokens=5000)
    set_quota(session, admin, login="agent", tokens_per_day=None)
    with pytest.raises(TooManyRequests):
        ensure_quota(session, agent, upcoming_tokens=5000)


def test_only_the_admin_sets_quotas(session):
    with pytest.raises(Forbidden):
        set_quota(session, find_by_login(session, "referent"), role="agent", tokens_per_day=1)


def test_the_report_groups_by_month_direction_and_model(session, router):
    agent, rh = find_by_login(session, "agent"), find_by_login(session, "rh")
    for user in (agent, agent, rh):
        record_call(session, user, call(), "assistant", router, Settings())
    lines = usage_report(session, find_by_login(session, "referent"))
    by_direction = {line.direction: line for line in lines}
    assert by_direction["Accueil-population"].calls == 2
    assert by_direction["Ressources"].tokens == 1500
    with pytest.raises(Forbidden):
        usage_report(session, agent)
