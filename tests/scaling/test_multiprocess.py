"""Two real `collectivia serve` processes and two `collectivia worker` on one PostgreSQL.

What an operator of a département or a centre de gestion relies on: a
session started on one machine works on the other and ends on both at
logout; simultaneous model calls never spend more than the quota; a queued
job is run by one worker only; the audit chain written by both processes
at once still verifies; and two collectivités served by the same processes
never see each other's data. The processes start once for the module.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select, text

from cluster import HOSTS, Agent, Cluster, environment
from collectivia.core import audit
from collectivia.core.db import Database
from collectivia.core.users import find_by_login
from support import DEMO_PASSWORDS, USE_POSTGRES

pytestmark = [pytest.mark.db,
              pytest.mark.skipif(not USE_POSTGRES, reason="several processes need PostgreSQL")]


@pytest.fixture(scope="module")
def upstream():
    from fake_openai_upstream import FakeUpstream

    server = FakeUpstream("multi").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cluster(templates, upstream, tmp_path_factory):
    databases = {host: templates.fresh(with_demo=True) for host in HOSTS}
    env = environment(databases, tmp_path_factory.mktemp("cluster"),
                      [upstream.backend(timeout=10.0)])
    env["COLLECTIVIA_METRICS_TOKEN"] = "jeton-prometheus"
    running = Cluster(env)
    try:
        running.serve(1)
        running.serve(1, workers=2)             # the second one: two uvicorn workers
        running.work(2)
        running.databases = {host: Database(url) for host, url in databases.items()}
        yield running
    finally:
        running.stop()
        for database in getattr(running, "databases", {}).values():
            database.dispose()


def _account(role):
    from collectivia.core.roles import Role

    return DEMO_PASSWORDS[getattr(Role, role)]


def test_a_cookie_from_one_process_works_on_the_other_and_logout_ends_it_on_both(cluster):
    first, second = cluster.ports
    agent = Agent("a.test")
    assert agent.login(first, *_account("AGENT")).status_code == 303
    copied = agent.cookie
    assert agent.signed_in(second)                       # same secret, same session table
    token = agent.csrf(second, "/")
    agent.post(second, "/deconnexion", {"csrf_token": token})
    thief = Agent("a.test")
    thief.cookie = copied                                # a copy of the cookie taken before
    assert not thief.signed_in(first) and not thief.signed_in(second)


def test_simultaneous_model_calls_never_spend_more_than_the_quota(cluster):
    from collectivia.assistant.tokens import create_token
    from collectivia.llm.models import UsageRecord
    from collectivia.llm.usage import set_quota

    database = cluster.databases["a.test"]
    with database.session() as session:
        agent = find_by_login(session, "agent")
        _, secret = create_token(session, agent, "essai de charge")
    body = {"model": "redaction", "max_tokens": 50,
            "messages": [{"role": "user", "content": "Bonjour, une phrase de test."}]}

    def call(port: int):
        return Agent("a.test").http.post(
            f"http://127.0.0.1:{port}/v1/chat/completions", json=body,
            headers={"Host": "a.test", "Authorization": f"Bearer {secret}"})

    assert call(cluster.ports[0]).status_code == 200      # one call measures what a call costs
    with database.session() as session:
        agent = find_by_login(session, "agent")
        one = session.execute(select(UsageRecord.prompt_tokens + UsageRecord.completion_tokens)
                              .where(UsageRecord.user_id == agent.id)).scalar_one()
        set_quota(session, find_by_login(session, "admin"), login="agent", tokens_per_day=one)
    refusal = call(cluster.ports[1])             # a refused call says what a call holds
    assert refusal.status_code == 429
    holds = int(re.search(r"jusqu'à (\d+)", refusal.json()["error"]["message"]).group(1))
    limit = one + 3 * holds + holds // 2         # room for three calls in flight at once
    with database.session() as session:
        set_quota(session, find_by_login(session, "admin"), login="agent", tokens_per_day=limit)
    with ThreadPoolExecutor(40) as pool:
        answers = list(pool.map(call, [cluster.ports[i % 2] for i in range(40)]))
    codes = [a.status_code for a in answers]
    assert set(codes) <= {200, 429} and 1 <= codes.count(200) < 40
    with database.session() as session:
        spent = session.execute(select(func.sum(UsageRecord.prompt_tokens
                                                + UsageRecord.completion_tokens))
                                .where(UsageRecord.user_id == agent.id)).scalar_one()
        held = session.execute(text("SELECT tokens FROM llm_quota_days WHERE user_id = :u"),
                               {"u": agent.id}).scalar_one()
    assert spent <= limit and held == spent               # every reservation settled or released


def test_an_uploaded_document_is_embedded_by_one_worker_once(cluster):
    from collectivia.knowledge.models import KnowledgeDocument

    hr = Agent("a.test")
    assert hr.login(cluster.ports[0], *_account("GESTIONNAIRE_RH")).status_code == 303
    note = ("# Note vélo\n\nArticle 1 : Forfait\n\nLes agents venant à vélo perçoivent le forfait "
            "mobilités durables.\n\nArticle 2 : Abri\n\nUn abri couvert est installé.\n")
    page = hr.post(cluster.ports[0], "/questions-rh/documents",
                   {"titre": "Note vélo", "diffusion": "public",
                    "csrf_token": hr.csrf(cluster.ports[0], "/questions-rh/documents")},
                   files={"fichier": ("velo.md", note.encode())})
    assert page.status_code in (200, 303)
    database = cluster.databases["a.test"]
    deadline = time.time() + 60
    while time.time() < deadline:
        with database.session() as session:
            pending = session.execute(select(KnowledgeDocument.vectors_pending).where(
                KnowledgeDocument.title == "Note vélo")).scalar_one()
        if not pending:
            break
        time.sleep(0.2)
    assert not pending, "no worker embedded the upload"
    with database.session() as session:
        jobs = session.execute(text(
            "SELECT j.id, j.status, count(e.id) FILTER (WHERE e.type = 'started') "
            "FROM procrastinate_jobs j LEFT JOIN procrastinate_events e ON e.job_id = j.id "
            "WHERE j.task_name = 'knowledge.embed_pending' AND j.id > 0 GROUP BY j.id, j.status"
        )).all()
    started = [row for row in jobs if row[2]]
    assert all(count == 1 for _, _, count in started)      # no job was run by two workers
    assert all(status == "succeeded" for _, status, _ in started)


def test_the_audit_chain_verifies_after_both_processes_wrote_at_once(cluster):
    def sign_in(i: int) -> int:
        login, password = _account(("AGENT", "GESTIONNAIRE_RH", "DPO", "ADMIN")[i % 4])
        return Agent("a.test").login(cluster.ports[i % 2], login, password).status_code

    with ThreadPoolExecutor(12) as pool:
        assert set(pool.map(sign_in, range(12))) == {303}
    with cluster.databases["a.test"].session() as session:
        assert audit.verify(session) == []
        logins = session.execute(text("SELECT count(*) FROM audit_events "
                                      "WHERE action = 'auth.login'")).scalar_one()
    assert logins >= 12


def test_metrics_add_up_the_workers_of_one_server(cluster):
    port = cluster.ports[1]
    import httpx

    for _ in range(30):          # spread over its two workers by the kernel
        httpx.get(f"http://127.0.0.1:{port}/healthz", headers={"Host": "a.test"})
    page = httpx.get(f"http://127.0.0.1:{port}/metrics",
                     headers={"Host": "a.test", "Authorization": "Bearer jeton-prometheus"}).text
    served = sum(float(line.rsplit(" ", 1)[1]) for line in page.splitlines()
                 if line.startswith("collectivia_http_requests_total{")
                 and 'route="/healthz"' in line)
    assert served >= 30          # one worker alone would count only its share


def test_two_collectivites_never_see_each_other(cluster):
    port = cluster.ports[1]
    a, b = Agent("a.test"), Agent("b.test")
    assert a.login(port, *_account("GESTIONNAIRE_RH")).status_code == 303
    assert b.login(port, *_account("GESTIONNAIRE_RH")).status_code == 303
    assert "Commune A" in a.get(port, "/").text and "Commune B" in b.get(port, "/").text
    stolen = Agent("b.test")
    stolen.cookie = a.cookie                      # A's session means nothing to B's database
    assert not stolen.signed_in(port)
    secret = "Note confidentielle de la commune A"
    a.post(port, "/questions-rh/documents",
           {"titre": secret, "diffusion": "public",
            "csrf_token": a.csrf(port, "/questions-rh/documents")},
           files={"fichier": ("a.md", b"# A\n\nArticle 1 : Secret\n\nRien pour B.\n")})
    assert secret in a.get(port, "/questions-rh/documents").text
    assert secret not in b.get(port, "/questions-rh/documents").text
    assert Agent("c.test").get(port, "/connexion").status_code == 404   # an unknown host
    with cluster.databases["b.test"].session() as session:
        assert session.execute(text("SELECT count(*) FROM knowledge_documents WHERE title = :t"),
                               {"t": secret}).scalar_one() == 0
