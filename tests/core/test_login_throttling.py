"""Password guessing is slowed per account and per address, atomically, without a lock-out weapon.

Addresses come from X-Forwarded-For only when the request arrives from a
proxy listed in COLLECTIVIA_TRUSTED_PROXIES (here the test client itself).
"""

from __future__ import annotations

import contextlib
import re
import threading

import pytest
from argon2 import extract_parameters
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from collectivia.core import auth, clock, passwords
from collectivia.core.errors import CollectiviaError
from collectivia.core.models import AuditEvent
from collectivia.settings import Settings
from collectivia.web.app import create_app
from support import csrf_of

ATTACKER = "203.0.113.9"
ADMIN_DESK = "198.51.100.7"


@pytest.fixture
def proxied(tmp_path, demo_database):
    """The platform behind a reverse proxy that reports the client's address."""
    settings = Settings(var_dir=tmp_path, secret_key="k" * 40, trusted_proxies="testclient")
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as c:
        yield c


def attempt(client, login, password, address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    token = csrf_of(client)
    return client.post("/connexion", headers=headers, follow_redirects=False, data={
        "identifiant": login, "mot_de_passe": password, "csrf_token": token})


def sign_out(client):
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/")})


def test_an_attacker_cannot_lock_the_admin_out_from_another_address(proxied):
    for _ in range(5):
        assert attempt(proxied, "admin", "devine-devine-1", ATTACKER).status_code == 403
    assert attempt(proxied, "admin", "devine-devine-2", ATTACKER).status_code == 429
    assert attempt(proxied, "admin", "admiville-admin", ADMIN_DESK).status_code == 303


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(client):
    """Without a configured proxy, changing X-Forwarded-For on each try escapes nothing."""
    for n in range(5):
        assert attempt(client, "rh", "devine-devine-1", f"192.0.2.{n}").status_code == 403
    assert attempt(client, "rh", "admiville-rh", "192.0.2.99").status_code == 429


def test_the_wait_doubles_with_each_try_beyond_the_allowance(proxied):
    for _ in range(5):
        attempt(proxied, "rh", "devine-devine-1", ATTACKER)
    waits = []
    for _ in range(3):
        refused = attempt(proxied, "rh", "devine-devine-1", ATTACKER)
        assert refused.status_code == 429
        minutes = int(re.search(r"Réessayez dans (\d+) minute", refused.text).group(1))
        waits.append(minutes)
        clock.travel(minutes * 60 + 1)
        assert attempt(proxied, "rh", "devine-devine-1", ATTACKER).status_code == 403
    assert waits == [1, 2, 4]


def test_many_addresses_slow_an_account_but_not_where_its_owner_signs_in(proxied):
    assert attempt(proxied, "admin", "admiville-admin", ADMIN_DESK).status_code == 303
    sign_out(proxied)
    for n in range(20):  # a botnet: one guess per address
        assert attempt(proxied, "admin", "devine-devine-1", f"192.0.2.{n}").status_code == 403
    assert attempt(proxied, "admin", "admiville-admin", "192.0.2.200").status_code == 429
    assert attempt(proxied, "admin", "admiville-admin", ADMIN_DESK).status_code == 303


def test_simultaneous_wrong_passwords_never_get_more_than_the_allowance_checked(
        demo_database, monkeypatch, tmp_path):
    settings = Settings(var_dir=tmp_path, login_max_failures=5)
    checked = []
    real_verify = passwords.verify_password

    def counting_verify(password_hash, password):
        checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting_verify)
    start = threading.Barrier(30)
    unexpected: list[BaseException] = []

    def guess(n: int) -> None:
        start.wait()
        try:
            # refused: its audit event is still committed, as the login page does
            with demo_database.session() as s, contextlib.suppress(CollectiviaError):
                auth.authenticate(s, "rh", f"devine-devine-{n}", ATTACKER, settings)
        except BaseException as exc:  # noqa: BLE001 - a database error would be a bug
            unexpected.append(exc)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert unexpected == []
    assert len(checked) == 5
    with demo_database.session() as s:
        outcomes = s.execute(select(AuditEvent.outcome).where(AuditEvent.action == "auth.login")
                             ).scalars().all()
    assert outcomes.count("échec") == 5 and outcomes.count("bloqué") == 25


def test_an_unknown_login_costs_the_same_work_as_a_wrong_password(demo_database, monkeypatch,
                                                                 tmp_path):
    """Not timed (flaky): the same argon2 work and the same SQL statements, in the same order."""
    settings = Settings(var_dir=tmp_path)
    verified_with: list[str] = []
    real_hasher = passwords._hasher

    class RecordingHasher:
        def verify(self, password_hash, password):
            verified_with.append(password_hash)
            return real_hasher.verify(password_hash, password)

        def hash(self, password):
            return real_hasher.hash(password)

    monkeypatch.setattr(passwords, "_hasher", RecordingHasher())
    passwords.verify_password(None, "chauffe")  # the dummy hash exists from the first request on
    statements: list[str] = []
    event.listen(demo_database.engine, "before_cursor_execute",
                 lambda conn, cursor, sql, *args: statements.append(sql))

    def work_for(login: str, address: str) -> tuple[list[str], list[str]]:
        verified_with.clear()
        statements.clear()
        with pytest.raises(CollectiviaError) as refused, demo_database.session() as s:
            auth.authenticate(s, login, "devine-devine-1", address, settings)
        assert refused.value.message == auth.WRONG_CREDENTIALS
        return list(verified_with), list(statements)

    unknown_hashes, unknown_sql = work_for("personne-inconnue", "192.0.2.1")
    known_hashes, known_sql = work_for("rh", "192.0.2.2")
    assert len(unknown_hashes) == len(known_hashes) == 1
    assert extract_parameters(unknown_hashes[0]) == extract_parameters(known_hashes[0])
    assert unknown_sql == known_sql


def test_typos_are_forgiven_as_time_passes(client):
    """One try forgiven per quiet quarter of an hour: an office's typos never add up to a lock."""
    for _ in range(4):
        assert attempt(client, "rh", "faute-de-frappe").status_code == 403
    clock.travel(31 * 60)
    for _ in range(2):
        assert attempt(client, "rh", "faute-de-frappe").status_code == 403
    assert attempt(client, "rh", "admiville-rh").status_code == 303
