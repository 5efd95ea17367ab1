"""No personal data of the PII dev set ever reaches the model server, through the chat or the API.

Each of the 40 fictitious HR documents is sent as an attachment to the assistant
and as a message to the gateway; the loopback upstream records everything it
receives, and no annotated value (name, e-mail, phone, NIR, IBAN, address, date
of birth, matricule, health or union data) may appear in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant_support import ask
from collectivia.core.roles import Role
from support import csrf_of

DEV_SET = Path("/work/shared/eval/pii_dev.jsonl")
if not DEV_SET.exists():
    DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "eval" / "pii_dev.jsonl"

pytestmark = pytest.mark.skipif(not DEV_SET.exists(), reason="jeu pii_dev.jsonl absent")


def documents() -> list[dict]:
    return [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]


def leaks(sent: str, document: dict) -> list[str]:
    """Annotated values found verbatim in what the upstream received (short ones aside:
    a 4-character value such as a year of birth also appears in ordinary dates)."""
    return [f"{e['label']}: {e['text']}" for e in document["entities"]
            if len(e["text"]) > 4 and e["text"] in sent]


@pytest.fixture
def sensitive_stripped(app):
    """Health and union data stripped rather than blocked, so that every document is sent."""
    app.state.settings.privacy_sensitive_mode = "retirer"


def test_no_dev_set_value_reaches_the_model_through_the_chat(client, login, upstream,
                                                             sensitive_stripped):
    login(client, Role.GESTIONNAIRE_RH)
    found = {}
    for document in documents():
        before = len(upstream.requests)
        response = ask(client, "Synthétise ce document.", tache="synthese",
                       files={"piece_jointe": (f"{document['id']}.txt",
                                               document["text"].encode("utf-8"))})
        assert response.status_code == 303, (document["id"], response.status_code)
        sent = "\n".join(m["content"] for r in upstream.requests[before:] for m in r["messages"])
        found[document["id"]] = leaks(sent, document)
    assert {k: v for k, v in found.items() if v} == {}


def test_no_dev_set_value_reaches_the_model_through_the_gateway(client, login, upstream,
                                                                sensitive_stripped):
    login(client, Role.AGENT)
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "script"})
    token = page.text.split('class="token-value" value="')[1].split('"')[0]
    found = {}
    for document in documents():
        before = len(upstream.requests)
        response = client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {token}"},
                               json={"model": "redaction", "messages": [
                                   {"role": "user", "content": document["text"]}]})
        assert response.status_code == 200, (document["id"], response.text)
        sent = "\n".join(m["content"] for r in upstream.requests[before:] for m in r["messages"])
        found[document["id"]] = leaks(sent, document)
        # the answer (an echo) comes back re-identified: the user sees the real names
        persons = [e["text"] for e in document["entities"] if e["label"] == "PERSON"]
        answer = response.json()["choices"][0]["message"]["content"]
        assert all(p in answer for p in persons[:1]), document["id"]
    assert {k: v for k, v in found.items() if v} == {}
