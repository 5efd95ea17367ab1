"""The audit log: append-only, hash-chained, verifiable, browsable by the DPO."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from collectivia.core import audit
from collectivia.core.roles import Role
from support import USE_POSTGRES


def _drop_protection(session) -> None:
    """What someone editing the database by hand would do first."""
    if USE_POSTGRES:
        session.execute(text("DROP TRIGGER audit_events_no_change ON audit_events"))
    else:
        session.execute(text("DROP TRIGGER audit_events_no_update"))
        session.execute(text("DROP TRIGGER audit_events_no_delete"))


def test_each_event_carries_the_hash_of_the_previous_one(session):
    first = audit.record(session, "test.one", details={"n": 1})
    second = audit.record(session, "test.two", details={"n": 2})
    assert second.prev_hash == first.hash
    assert audit.verify(session) == []


def test_the_database_refuses_updates_and_deletes(demo_database):
    with pytest.raises(Exception):
        with demo_database.session() as s:
            s.execute(text("UPDATE audit_events SET outcome = 'x'"))
    with pytest.raises(Exception):
        with demo_database.session() as s:
            s.execute(text("DELETE FROM audit_events"))


def test_verify_names_an_edited_row(demo_database):
    with demo_database.session() as s:
        event = audit.record(s, "test.secret", details={"k": "v"})
        audit.record(s, "test.after")
        _drop_protection(s)
        s.execute(text("UPDATE audit_events SET outcome = 'échec' WHERE id = :i"), {"i": event.id})
    with demo_database.session() as s:
        problems = audit.verify(s)
    assert [p.event_id for p in problems] == [event.id]
    assert "modifié" in problems[0].message


def test_verify_detects_a_deleted_row(demo_database):
    with demo_database.session() as s:
        middle = audit.record(s, "test.middle")
        audit.record(s, "test.last")
        _drop_protection(s)
        s.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": middle.id})
    with demo_database.session() as s:
        assert audit.verify(s)


def test_cli_audit_verify_fails_after_a_hand_edit(demo_database, monkeypatch):
    from collectivia.cli import app

    monkeypatch.setenv("COLLECTIVIA_DATABASE_URL", demo_database.url)
    from collectivia.settings import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert "intègre" in ok.output
    with demo_database.session() as s:
        _drop_protection(s)
        s.execute(text("UPDATE audit_events SET actor = 'quelqu''un d''autre' WHERE id = 1"))
    broken = runner.invoke(app, ["audit", "verify"])
    get_settings.cache_clear()
    assert broken.exit_code == 1
    assert "ALTÉRÉ" in broken.output


def test_the_dpo_browses_filters_and_exports_the_log(client, login):
    login(client, Role.DPO)
    page = client.get("/admin/journal", params={"action": "auth.login"})
    assert page.status_code == 200
    assert "auth.login" in page.text
    export = client.get("/admin/journal/export.csv", params={"action": "user.create"})
    assert export.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["id", "date_heure_utc", "auteur", "action"]
    assert {row[3] for row in rows[1:]} == {"user.create"}
    assert "intègre" in client.get("/admin/journal/verification").text


def test_an_agent_cannot_read_the_log(client, login):
    login(client, Role.AGENT)
    assert client.get("/admin/journal").status_code == 403
    assert client.get("/admin/journal/export.csv").status_code == 403


def test_a_bad_date_filter_gets_a_french_message(client, login):
    login(client, Role.DPO)
    response = client.get("/admin/journal", params={"du": "hier"})
    assert response.status_code == 422
    assert "AAAA-MM-JJ" in response.text
