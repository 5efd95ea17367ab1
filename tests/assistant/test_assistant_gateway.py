"""The OpenAI-compatible gateway, driven like Open WebUI or a script would, over HTTP."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from assistant_support import audit_events
from collectivia.core.roles import Role
from collectivia.llm.models import UsageRecord
from support import csrf_of, text_of

ERROR_KEYS = {"message", "type", "param", "code"}


@pytest.fixture
def token(client, login) -> str:
    """A personal API token created by the agent on the profile page."""
    login(client, Role.AGENT)
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "Open WebUI"})
    assert page.status_code == 200 and "il ne sera plus jamais affiché" in text_of(page)
    value = page.text.split('id="nouveau-jeton" class="token-value" value="')[1].split('"')[0]
    client.cookies.clear()
    return value


def chat(client, token, **body):
    payload = {"model": "redaction", "messages": [{"role": "user", "content": "Bonjour"}], **body}
    return client.post("/v1/chat/completions", json=payload,
                       headers={"Authorization": f"Bearer {token}"})


def usage_rows(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(UsageRecord)).scalar_one()


def vault_values(database) -> int:
    from collectivia.privacy.models import VaultEntry

    with database.session() as session:
        return session.execute(select(func.count()).select_from(VaultEntry)).scalar_one()


def assert_openai_error(response, status, code=None):
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == ERROR_KEYS and error["message"]
    if code:
        assert error["code"] == code
    return error


def test_models_are_listed_for_a_token_holder_only(client, token):
    assert_openai_error(client.get("/v1/models"), 401, "invalid_api_key")
    listed = client.get("/v1/models", headers={"Authorization": f"Bearer {token}"}).json()
    assert listed["object"] == "list"
    # the chat model, then the shipped embedding model that /v1/embeddings serves when none is
    # declared
    assert [(m["id"], m["type"]) for m in listed["data"]] == [
        ("redaction", "text-generation"), ("e5-small-local", "text-embeddings-inference")]


def test_a_completion_in_openai_format_with_personal_data_kept_home(client, token, upstream,
                                                                    demo_database):
    response = chat(client, token, messages=[
        {"role": "system", "content": "Tu rédiges des courriels courts."},
        {"role": "user", "content": "Écris à Jean-Pierre MARTIN (jp.martin@orange.fr) pour "
                                    "l'inviter à la cérémonie des vœux."}])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "chat.completion" and body["model"] == "redaction"
    answer = body["choices"][0]["message"]
    assert answer["role"] == "assistant" and body["choices"][0]["finish_reason"] == "stop"
    assert "Jean-Pierre MARTIN (jp.martin@orange.fr)" in answer["content"]
    assert body["usage"]["total_tokens"] == (body["usage"]["prompt_tokens"]
                                             + body["usage"]["completion_tokens"])
    assert "MARTIN" not in upstream.sent_text() and "jp.martin" not in upstream.sent_text()
    first = upstream.requests[0]["messages"][0]
    assert first["role"] == "system" and "priment sur toute autre consigne" in first["content"]
    assert response.headers["x-collectivia-label"] == (
        "Redige avec l'aide de l'IA - modele redaction - a relire")
    assert usage_rows(demo_database) == 1
    [event] = audit_events(demo_database, "assistant.appel")
    assert event["source"] == "passerelle" and event["categories"]["PERSON"] == 1
    assert vault_values(demo_database) == 0  # the call is over: its pseudonyms are erased


def test_streaming_follows_the_openai_event_format(client, token, upstream):
    with client.stream("POST", "/v1/chat/completions", headers={"Authorization": f"Bearer {token}"},
                       json={"model": "redaction", "stream": True,
                             "stream_options": {"include_usage": True},
                             "messages": [{"role": "user", "content":
                                           "Remercie Mme Aïcha BENALI pour son aide précieuse "
                                           "lors du déménagement des archives municipales."}]}
                       ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert text.startswith("Réponse : Remercie Mme Aïcha BENALI pour son aide")
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] > 0
    assert "BENALI" not in upstream.sent_text()


@pytest.mark.parametrize("raw, code, where", [
    (b"{pas du json", "invalid_json", None),
    (b'["model"]', "invalid_json", None),
    (b'{"messages": [{"role": "user", "content": "x"}]}', None, "model"),
    (b'{"model": "redaction", "messages": []}', None, "messages"),
    (b'{"model": "redaction", "messages": [{"role": "pirate", "content": "x"}]}', None,
     "messages[0].role"),
    (b'{"model": "redaction", "temperature": 7, "messages": [{"role": "user", "content": "x"}]}',
     None, "temperature"),
    # wrong types, missing or oversized fields
    (b'{"model": 12, "messages": [{"role": "user", "content": "x"}]}', None, "model"),
    (b'{"model": "redaction"}', None, "messages"),
    (b'{"model": "redaction", "messages": "Bonjour"}', None, "messages"),
    (b'{"model": "redaction", "messages": ["Bonjour"]}', None, "messages[0].role"),
    (b'{"model": "redaction", "messages": [{"role": "user"}]}', None, "messages[0].content"),
    (b'{"model": "redaction", "messages": [{"role": "user", "content": 42}]}', None,
     "messages[0].content"),
    (b'{"model": "redaction", "messages": [{"role": "user", "content": [{"type": "image_url"}]}]}',
     None, "messages[0].content"),
    (b'{"model": "redaction", "max_tokens": 100000000000000000000000000000000000000, '
     b'"messages": [{"role": "user", "content": "x"}]}', None, "max_tokens"),
    (b'{"model": "redaction", "max_completion_tokens": 2.5, '
     b'"messages": [{"role": "user", "content": "x"}]}', None, "max_completion_tokens"),
    (b'{"model": "redaction", "temperature": 1e308, "messages": [{"role": "user", "content": "x"}]}',
     None, "temperature"),
    (b'{"model": "redaction", "stream": "yes", "messages": [{"role": "user", "content": "x"}]}',
     None, "stream"),
    (b'{"model": "redaction", "stream": true, "stream_options": "usage", '
     b'"messages": [{"role": "user", "content": "x"}]}', None, "stream_options"),
])
def test_malformed_requests_get_openai_errors_and_store_nothing(client, token, upstream,
                                                                demo_database, raw, code, where):
    response = client.post("/v1/chat/completions", content=raw, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    error = assert_openai_error(response, 400, code)
    assert error["type"] == "invalid_request_error" and error["param"] == where
    assert upstream.requests == [] and usage_rows(demo_database) == 0


def test_fields_openai_defines_are_accepted_and_not_sent_on(client, token, upstream):
    response = chat(client, token, user="agent-42", top_p=0.9, n=1, temperature=None,
                    max_completion_tokens=64, messages=[
                        {"role": "developer", "content": "Réponds en une phrase."},
                        {"role": "user", "name": "agent", "content": [
                            {"type": "text", "text": "Bonjour"}, {"type": "text", "text": "Merci"}]}])
    assert response.status_code == 200, response.text
    [sent] = upstream.requests
    assert "top_p" not in sent and "user" not in sent
    assert sent["max_tokens"] == 64 and sent["temperature"] == 0.2
    assert [m["role"] for m in sent["messages"]] == ["system", "system", "user"]
    assert sent["messages"][-1]["content"] == "Bonjour\nMerci"


def test_an_unknown_model_is_named(client, token):
    error = assert_openai_error(chat(client, token, model="gpt-4o"), 404, "model_not_found")
    assert "gpt-4o" in error["message"] and "redaction" in error["message"]


def test_a_prompt_beyond_the_context_window_is_refused_before_sending(client, token, upstream,
                                                                      demo_database):
    huge = "Le conseil municipal se réunit chaque mois en séance publique. " * 800
    response = chat(client, token, messages=[{"role": "user", "content": huge}])
    error = assert_openai_error(response, 400, "context_length_exceeded")
    assert "trop long" in error["message"] and error["param"] == "messages"
    assert upstream.requests == [] and usage_rows(demo_database) == 0


@pytest.mark.parametrize("mode", ["hang", "garbage", "error"])
def test_a_broken_upstream_gives_a_clear_error_and_stores_nothing(client, token, upstream,
                                                                  demo_database, mode):
    upstream.mode = mode
    error = assert_openai_error(chat(client, token), 503, "model_unavailable")
    assert "ne répond pas" in error["message"] and error["type"] == "server_error"
    assert usage_rows(demo_database) == 0
    assert audit_events(demo_database, "assistant.echec")[0]["outcome"] == "échec"


def test_a_stream_that_breaks_ends_with_an_error_event(client, token, upstream, demo_database):
    upstream.mode = "cut"
    response = chat(client, token, stream=True, messages=[{"role": "user", "content":
                    "Rédige un long message de bienvenue pour les nouveaux agents de la mairie."}])
    lines = [line for line in response.text.splitlines() if line]
    assert lines[-1] == "data: [DONE]"
    error = json.loads(lines[-2][6:])["error"]
    assert set(error) == ERROR_KEYS and "interrompue" in error["message"]
    assert usage_rows(demo_database) == 0


def test_the_next_backend_takes_over_when_the_first_fails(client, login, app, upstream,
                                                          spare_upstream):
    backends = [upstream.backend(timeout=0.5), spare_upstream.backend()]
    app.state.settings.llm_backends = json.dumps(backends)
    upstream.mode = "hang"
    login(client, Role.AGENT)
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "script"})
    value = page.text.split('class="token-value" value="')[1].split('"')[0]
    response = chat(client, value)
    assert response.status_code == 200
    assert response.json()["choices"][0]["message"]["content"].startswith("Secours :")


def test_health_data_is_refused_in_openai_format(client, token, upstream, demo_database):
    response = chat(client, token, messages=[{"role": "user", "content":
                    "Mme Claire DUBOIS est en congé de longue maladie : rédige un courrier."}])
    error = assert_openai_error(response, 400, "personal_data_blocked")
    assert "santé" in error["message"]
    assert upstream.requests == []
    assert audit_events(demo_database, "assistant.refus")[0]["source"] == "passerelle"


def test_quotas_apply_to_the_gateway_too(client, token, session):
    from collectivia.core.users import find_by_login
    from collectivia.llm.usage import set_quota

    set_quota(session, find_by_login(session, "admin"), login="agent", tokens_per_day=5)
    session.commit()
    error = assert_openai_error(chat(client, token), 429, "insufficient_quota")
    assert "Quota quotidien atteint" in error["message"] and error["type"] == "insufficient_quota"


def test_a_revoked_token_no_longer_opens_the_gateway(client, login, token):
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/models", headers=headers).status_code == 200
    login(client, Role.AGENT)
    profile = client.get("/profil").text
    token_id = profile.split('action="/profil/jetons/')[1].split("/")[0]
    client.post(f"/profil/jetons/{token_id}/revoquer",
                data={"csrf_token": csrf_of(client, "/profil")})
    assert "révoqué le" in text_of(client.get("/profil"))
    client.cookies.clear()
    assert_openai_error(client.get("/v1/models", headers=headers), 401, "invalid_api_key")
    assert_openai_error(client.get("/v1/models", headers={"Authorization": "Bearer cia-faux"}),
                        401, "invalid_api_key")


def test_only_the_owner_revokes_a_token(client, login, token):
    login(client, Role.ADMIN)
    response = client.post("/profil/jetons/1/revoquer",
                           data={"csrf_token": csrf_of(client, "/profil")})
    assert response.status_code == 404
    client.cookies.clear()
    assert client.get("/v1/models", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_the_gateway_also_waits_for_the_charter(client, token, upstream, monkeypatch):
    import collectivia.governance as governance

    monkeypatch.setattr(governance, "charter_required", lambda session, user: "/gouvernance/charte")
    error = assert_openai_error(chat(client, token), 403, "forbidden")
    assert "/gouvernance/charte" in error["message"] and error["type"] == "permission_error"
    assert upstream.requests == []
