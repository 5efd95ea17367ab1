"""The single-process side of scaling out: what `make demo` and an operator's first start see.

The multi-process behaviour (several servers on PostgreSQL) is in tests/scaling.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from collectivia.core.roles import Role
from collectivia.core.tenants import parse
from collectivia.knowledge.models import KnowledgeDocument
from collectivia.settings import Settings
from support import USE_POSTGRES, csrf_of, login_as, text_of

NOTE = b"# Note\n\nArticle 1 : Horaires\n\nLes plages fixes vont de 9 h 30 a 11 h 30.\n"


def upload(client) -> None:
    token = csrf_of(client, "/questions-rh/documents")
    client.post("/questions-rh/documents", files={"fichier": ("note.md", NOTE)},
                data={"titre": "Note horaires", "diffusion": "public", "csrf_token": token})


def test_healthz_fails_when_a_table_it_needs_is_missing(client, demo_database):
    assert client.get("/healthz").status_code == 200
    with demo_database.session() as session:
        session.execute(text("DROP TABLE llm_quota_days"))
    answer = client.get("/healthz")
    assert answer.status_code == 503 and "non migrée" in answer.json()["database"]


@pytest.mark.parametrize("missing, present", [
    ("COLLECTIVIA_SECRET_KEY", {"vault_key": "v" * 44}),
    ("COLLECTIVIA_VAULT_KEY", {"secret_key": "s" * 40}),
])
def test_a_postgresql_deployment_refuses_to_start_on_keys_it_would_invent(tmp_path, missing,
                                                                           present):
    from collectivia.web.app import create_app

    settings = Settings(var_dir=tmp_path, database_url="postgresql://x@127.0.0.1:9/nulle",
                        audit_key="a" * 40, **present)
    with pytest.raises(RuntimeError, match=missing):
        create_app(settings)


def test_the_admin_sees_queued_jobs_in_french_and_agents_do_not(client):
    login_as(client, Role.GESTIONNAIRE_RH)
    upload(client)
    client.cookies.clear()
    login_as(client, Role.ADMIN)
    page = text_of(client.get("/admin/taches"))
    assert "Vecteurs des documents déposés" in page and "en attente" in page
    client.cookies.clear()
    login_as(client, Role.AGENT)
    assert client.get("/admin/taches").status_code == 403


@pytest.mark.skipif(USE_POSTGRES, reason="on PostgreSQL only `collectivia worker` runs jobs")
def test_on_sqlite_the_web_process_runs_the_queue_itself(settings, demo_database):
    """`make demo`: no `collectivia worker` to start, the upload still gets its vectors."""
    from collectivia.web.app import create_app

    settings.jobs_in_process = True
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as client:
        login_as(client, Role.GESTIONNAIRE_RH)
        upload(client)
        deadline = time.time() + 60
        while time.time() < deadline:
            with demo_database.session() as session:
                pending = session.execute(select(KnowledgeDocument.vectors_pending).where(
                    KnowledgeDocument.title == "Note horaires")).scalar_one()
            if not pending:
                break
            time.sleep(0.1)
    assert not pending


def test_tenants_are_read_by_host_and_a_malformed_setting_is_refused():
    tenants = parse('{"RH.Commune-A.fr": {"name": "Commune A", "database_url": "sqlite:///a.db"}}')
    assert tenants["rh.commune-a.fr"].name == "Commune A"
    with pytest.raises(RuntimeError, match="COLLECTIVIA_TENANTS"):
        parse('{"rh.commune-a.fr": "sqlite:///a.db"}')
