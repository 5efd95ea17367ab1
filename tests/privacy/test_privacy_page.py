"""/confidentialite: the DPO sees the policies, the vault's size and tests the engine."""

from __future__ import annotations

import re

from sqlalchemy import select

from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from support import csrf_of, text_of


def test_dpo_tests_a_text_and_sees_what_a_model_would_receive(client, login, demo_database):
    login(client, Role.DPO)
    page = client.get("/confidentialite")
    assert page.status_code == 200
    assert "Politiques appliquées" in text_of(page)
    sample = "Bonjour, je suis Karim Benhaddou (karim.b@gmail.com), en congé de longue maladie."
    answer = client.post("/confidentialite", data={"csrf_token": csrf_of(client, "/confidentialite"),
                                                   "texte": sample, "politique": "assistant"})
    assert answer.status_code == 200
    shown = text_of(answer)
    sent = re.search(r'<pre[^>]*aria-label="Texte pseudonymisé">(.*?)</pre>', shown, re.S).group(1)
    assert "Message bloqué" in shown
    assert sent == "Bonjour, je suis Personne 1 (courriel 1), en [donnée de santé retirée]."
    with demo_database.session() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "privacy.test")
                                ).scalar_one()
        assert "Benhaddou" not in str(event.details) and "karim" not in str(event.details)


def test_empty_text_gets_a_french_error_and_agents_are_refused(client, login):
    login(client, Role.REFERENT_IA)
    answer = client.post("/confidentialite", data={"csrf_token": csrf_of(client, "/confidentialite"),
                                                   "texte": " "})
    assert answer.status_code == 422 and "Collez un texte" in text_of(answer)
    client.cookies.clear()
    login(client, Role.AGENT)
    assert client.get("/confidentialite").status_code == 403
