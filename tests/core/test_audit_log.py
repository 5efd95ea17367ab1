"""The audit log: append-only, hash-chained, verifiable, browsable by the DPO."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from collectivia.core import audit
from collectivia.core.roles import Role
from support import USE_POSTGRES, text_of


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
    session.commit()           # events join the chain when their transaction commits
    assert second.prev_hash == first.hash and first.hash
    assert audit.verify(session) == []


def test_the_database_refuses_updates_and_deletes(demo_database):
    with pytest.raises(DBAPIError, match="append-only"), demo_database.session() as s:
        s.execute(text("UPDATE audit_events SET outcome = 'x'"))
    with pytest.raises(DBAPIError, match="append-only"), demo_database.session() as s:
        s.execute(text("DELETE FROM audit_events"))


def test_verify_names_an_edited_row(demo_database):
    with demo_database.session() as s:
        event = audit.record(s, "test.secret", details={"k": "v"})
        audit.record(s, "test.after")
    with demo_database.session() as s:
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
    with demo_database.session() as s:
        _drop_protection(s)
        s.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": middle.id})
    with demo_database.session() as s:
        assert audit.verify(s)


def test_cli_audit_verify_fails_after_a_hand_edit(demo_database, monkeypatch):
    ok = _cli(monkeypatch, demo_database, "verify")
    assert ok.exit_code == 0, ok.output
    assert "intègre" in ok.output
    with demo_database.session() as s:
        _drop_protection(s)
        s.execute(text("UPDATE audit_events SET actor = 'quelqu''un d''autre' WHERE id = 1"))
    broken = _cli(monkeypatch, demo_database, "verify")
    assert broken.exit_code == 1
    assert "Journal d'audit ALTÉRÉ : 1 anomalie sur" in broken.output


def _cli(monkeypatch, demo_database, *args):
    """`collectivia audit ...` on the test database (its audit key is set in conftest)."""
    from collectivia.cli import app
    from collectivia.settings import get_settings

    monkeypatch.setenv("COLLECTIVIA_DATABASE_URL", demo_database.url)
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, ["audit", *args])
    finally:
        monkeypatch.delenv("COLLECTIVIA_DATABASE_URL")
        get_settings.cache_clear()


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
    assert "JJ/MM/AAAA" in text_of(response)


def test_a_date_filter_typed_the_french_way_is_understood(client, login):
    """A browser without a date picker shows a text field: « 01/01/2020 » works as 2020-01-01."""
    login(client, Role.DPO)
    typed = client.get("/admin/journal", params={"du": "01/01/2020", "au": "31/12/2099"})
    picked = client.get("/admin/journal", params={"du": "2020-01-01", "au": "2099-12-31"})
    assert typed.status_code == picked.status_code == 200
    assert typed.text.count("<tr") == picked.text.count("<tr") > 1


# --- a journal an administrator of the database cannot rewrite unseen -----------------------

def _rewrite_with_recomputed_hashes(session, event_id: int, outcome: str) -> None:
    """An attacker with write access: edit one event, then recompute every later hash the way
    an unkeyed chain would let them (SHA-256, or any key but the right one)."""
    import hashlib

    from collectivia.core.models import AuditEvent

    _drop_protection(session)
    events = session.query(AuditEvent).order_by(AuditEvent.id).all()
    previous = None
    for event in events:
        if event.id == event_id:
            event.outcome = outcome
        if event.id >= event_id:
            event.prev_hash = previous.hash if previous else audit.GENESIS
            payload = audit._payload(event)
            event.hash = hashlib.sha256(payload).hexdigest()
            session.flush()
        previous = event


def test_a_rewrite_with_recomputed_hashes_is_caught(demo_database):
    with demo_database.session() as s:
        login = audit.record(s, "auth.login", outcome="échec")
        audit.record(s, "test.after")
    with demo_database.session() as s:
        _rewrite_with_recomputed_hashes(s, login.id, "succès")
    with demo_database.session() as s:
        problems = audit.verify(s)
    assert login.id in [p.event_id for p in problems]


def test_a_truncation_is_caught_against_the_last_checkpoint(demo_database, monkeypatch, tmp_path):
    checkpoints = tmp_path / "hors-base" / "journal.points"
    written = _cli(monkeypatch, demo_database, "checkpoint", "--to", str(checkpoints))
    assert written.exit_code == 0, written.output
    line = json.loads(checkpoints.read_text().splitlines()[-1])
    assert line["signature"] and line["last_id"] > 2
    ok = _cli(monkeypatch, demo_database, "verify", "--checkpoint", str(checkpoints))
    assert ok.exit_code == 0, ok.output
    with demo_database.session() as s:  # the newest events disappear: the chain left is valid
        _drop_protection(s)
        s.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": line["last_id"] - 1})
    alone = _cli(monkeypatch, demo_database, "verify")
    assert alone.exit_code == 0  # which is why checkpoints are kept outside the database
    caught = _cli(monkeypatch, demo_database, "verify", "--checkpoint", str(checkpoints))
    assert caught.exit_code == 1
    assert "journal tronqué" in caught.output


def test_a_forged_checkpoint_file_is_refused(demo_database, monkeypatch, tmp_path):
    checkpoints = tmp_path / "journal.points"
    _cli(monkeypatch, demo_database, "checkpoint", "--to", str(checkpoints))
    forged = json.loads(checkpoints.read_text().splitlines()[-1])
    forged["last_id"] = 1
    checkpoints.write_text(json.dumps(forged) + "\n")
    result = _cli(monkeypatch, demo_database, "verify", "--checkpoint", str(checkpoints))
    assert result.exit_code == 1
    assert "pas signé avec la clé du journal" in result.output


def test_the_audit_key_is_explicit_on_postgresql_and_never_the_cookie_key(tmp_path):
    from collectivia.settings import Settings

    with pytest.raises(RuntimeError, match="COLLECTIVIA_AUDIT_KEY est obligatoire"):
        Settings(var_dir=tmp_path, database_url="postgresql://x@h/b",
                 audit_key="").resolved_audit_key()
    with pytest.raises(RuntimeError, match="distincte"):
        Settings(var_dir=tmp_path, secret_key="même-clé", audit_key="même-clé").resolved_audit_key()


def test_events_written_before_the_key_still_verify_and_are_pinned_by_the_first_keyed_one(
        tmp_path):
    """Upgrading an installation whose journal predates the key (the migration point)."""
    import hashlib

    from alembic import command

    from collectivia.core.db import Database
    from collectivia.core.migrate import alembic_config
    from collectivia.core.models import AuditEvent

    if USE_POSTGRES:
        pytest.skip("the migration path is the same SQL on both; SQLite keeps this test local")
    url = f"sqlite:///{tmp_path / 'ancienne.db'}"
    config = alembic_config(url)
    command.upgrade(config, "heads")
    command.downgrade(config, "core_0001")
    old = Database(url)
    with old.session() as s:  # two events hashed the old way, without a key
        previous = audit.GENESIS
        for n in (1, 2):
            event = AuditEvent(at=datetime(2026, 1, n), actor=audit.SYSTEM, action="ancien",
                               object_type="", object_id="", outcome="succès", details="{}",
                               prev_hash=previous)
            event.hash = hashlib.sha256(audit._payload(event)).hexdigest()
            s.add(event)
            s.flush()
            previous = event.hash
    old.dispose()
    command.upgrade(config, "heads")
    db = Database(url)
    with db.session() as s:
        assert audit.unkeyed_until(s) == 2
        audit.record(s, "nouveau")
    with db.session() as s:
        assert audit.verify(s) == []
        _rewrite_with_recomputed_hashes(s, 1, "échec")
    with db.session() as s:  # the old part rewritten coherently still breaks at the keyed event
        assert [p.event_id for p in audit.verify(s)] == [3]
    db.dispose()


def test_a_checkpoint_can_also_go_to_syslog(session, tmp_path, monkeypatch):
    import logging.handlers

    from collectivia.core import audit_checkpoints

    sent = []

    class FakeSyslog(logging.Handler):
        def __init__(self, address):
            super().__init__()

        def emit(self, record):
            sent.append(record.getMessage())

    monkeypatch.setattr(logging.handlers, "SysLogHandler", FakeSyslog)
    point = audit_checkpoints.take(session)
    audit_checkpoints.export(point, tmp_path / "points.jsonl", to_syslog=True)
    assert sent == [point.line()]
    assert audit_checkpoints.last_in(tmp_path / "points.jsonl") == point


def test_a_postgresql_server_does_not_start_without_its_audit_key(tmp_path):
    from collectivia.settings import Settings
    from collectivia.web.app import create_app

    settings = Settings(var_dir=tmp_path, database_url="postgresql://x@h/b", audit_key="")
    with pytest.raises(RuntimeError, match="COLLECTIVIA_AUDIT_KEY"):
        create_app(settings)


@pytest.mark.skipif(not USE_POSTGRES, reason="SQLite serialises every writer anyway")
def test_a_long_transaction_does_not_hold_the_chain_while_it_works(demo_database):
    """Recording an event takes no lock: another writer appends while the first one works,
    and the chain is whole once both committed (the lock is taken at commit only)."""
    import threading
    import time

    recorded, finished = threading.Event(), threading.Event()

    def slow_batch():
        with demo_database.session() as s:
            audit.record(s, "test.lot_de_cv")
            recorded.set()
            finished.wait(10)          # 200 CVs being read...

    batch = threading.Thread(target=slow_batch)
    batch.start()
    recorded.wait(10)
    start = time.monotonic()
    with demo_database.session() as s:
        audit.record(s, "auth.login")
    waited = time.monotonic() - start
    finished.set()
    batch.join()
    assert waited < 2
    with demo_database.session() as s:
        assert audit.verify(s) == []
