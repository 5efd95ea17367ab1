"""POST /v1/embeddings, driven as a retrieval script or Open WebUI would: the declared
backend's vectors with personal data kept home, the shipped e5 model when none is declared,
French refusals for oversized requests, and the same roles, budgets and audit as chat."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from sqlalchemy import select

from assistant_support import audit_events
from collectivia.core.roles import Role
from collectivia.llm.models import UsageRecord
from collectivia.settings import Settings
from support import csrf_of

EMPLOYEE = "Jean-Pierre MARTIN"


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    """A chat model and a priced embedding model ("vecteurs") on the recording upstream."""
    backend = upstream.backend(params_b=8, timeout=1.0)
    backend["models"].append({"alias": "vecteurs", "model": "bge-m3", "kind": "embedding",
                              "context": 8192, "price_in_eur_per_mtok": 0.5})
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([backend]), jobs_in_process=False)


def api_token(client, login, role=Role.AGENT) -> str:
    login(client, role)
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "indexeur"})
    client.cookies.clear()
    return page.text.split('id="nouveau-jeton" class="token-value" value="')[1].split('"')[0]


def embed(client, token, **body):
    return client.post("/v1/embeddings", json={"model": "vecteurs", **body},
                       headers={"Authorization": f"Bearer {token}"})


def usage_of(database, model: str) -> list[UsageRecord]:
    with database.session() as session:
        return list(session.execute(select(UsageRecord).where(UsageRecord.model == model))
                    .scalars())


def test_texts_become_vectors_in_openai_format_without_personal_data_leaving(
        client, login, upstream, demo_database):
    token = api_token(client, login)
    texts = [f"Note de service : {EMPLOYEE} (jp.martin@orange.fr) part en retraite le 1er mars.",
             "Le conseil municipal se réunit en séance publique."]
    response = embed(client, token, input=texts)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "list" and body["model"] == "vecteurs"
    assert [row["index"] for row in body["data"]] == [0, 1]
    assert all(row["object"] == "embedding" and len(row["embedding"]) == 4 for row in body["data"])
    [sent] = upstream.embedding_requests
    assert sent["model"] == "bge-m3" and len(sent["input"]) == 2
    assert "MARTIN" not in json.dumps(sent) and "jp.martin" not in json.dumps(sent)
    assert sent["input"][1] == texts[1]                  # nothing personal: sent as written
    assert body["usage"]["prompt_tokens"] == body["usage"]["total_tokens"] > 0
    [record] = usage_of(demo_database, "vecteurs")
    assert record.prompt_tokens == body["usage"]["prompt_tokens"] and record.cost_eur > 0
    [event] = audit_events(demo_database, "assistant.vectorisation")
    assert event["textes"] == 2 and event["categories"]["PERSON"] == 1
    assert event["source"] == "passerelle"


def test_a_single_string_is_accepted_and_base64_is_what_the_openai_client_decodes(
        client, login, upstream):
    token = api_token(client, login)
    as_floats = embed(client, token, input="Arrêté portant délégation de signature").json()
    as_base64 = embed(client, token, input="Arrêté portant délégation de signature",
                      encoding_format="base64").json()
    decoded = np.frombuffer(base64.b64decode(as_base64["data"][0]["embedding"]), dtype="<f4")
    assert np.allclose(decoded, as_floats["data"][0]["embedding"])


def test_without_a_declared_embedding_model_the_shipped_e5_model_answers_in_house(
        tmp_path, demo_database, upstream, login):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    settings = Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                        llm_backends=json.dumps([upstream.backend()]), jobs_in_process=False)
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as client:
        token = api_token(client, login)
        unknown = embed(client, token, input="Bonjour")
        assert unknown.status_code == 404 and "e5-small-local" in unknown.json()["error"]["message"]
        response = embed(client, token, model="e5-small-local", input=[
            f"{EMPLOYEE} demande un congé de formation.",
            "Un agent sollicite un congé pour suivre une formation.",
            "Le marché de travaux de voirie est attribué."])
    assert response.status_code == 200, response.text
    vectors = np.array([row["embedding"] for row in response.json()["data"]])
    assert vectors.shape == (3, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]      # close meanings, close vectors
    assert upstream.embedding_requests == [] and upstream.requests == []
    [record] = usage_of(demo_database, "e5-small-local")
    assert record.backend == "local" and record.prompt_tokens > 0 and record.cost_eur == 0


@pytest.mark.parametrize("payload, param, said", [
    ({"input": ["Un texte."] * 257}, "input",
     "Trop de textes dans une même demande : 257, pour 256 au plus"),
    ({"input": "mot " * 8000}, "input",
     "input[0] est trop long : 32000 caractères, pour 30000 au plus"),
    ({"input": []}, "input", "doit être un texte ou une liste non vide"),
    ({"input": ["Bonjour", ""]}, "input", "input[1] est vide"),
    ({"input": [[101, 2023]]}, "input", "les listes de jetons ne sont pas acceptées"),
    ({"input": "Bonjour", "encoding_format": "int8"}, "encoding_format", "« float » ou « base64 »"),
    # wrong types, missing fields
    ({"input": " \n "}, "input", "input[0] est vide"),
    ({"input": [101, 2023]}, "input", "input[0] doit être un texte : les listes de jetons"),
    ({"input": ["Bonjour", None]}, "input", "input[1] doit être un texte"),
    ({"input": {"texte": "Bonjour"}}, "input", "doit être un texte ou une liste non vide"),
    ({}, "input", "doit être un texte ou une liste non vide"),
    ({"model": "", "input": "Bonjour"}, "model", "Le champ « model » est obligatoire"),
    ({"model": 12, "input": "Bonjour"}, "model", "Le champ « model » est obligatoire"),
    ({"input": "Bonjour", "encoding_format": None}, "encoding_format", "« float » ou « base64 »"),
    ({"input": "Bonjour", "dimensions": 0}, "dimensions", "« dimensions » doit être un entier positif"),
    ({"input": "Bonjour", "dimensions": True}, "dimensions", "entier positif"),
    ({"input": "Bonjour", "dimensions": 2.5}, "dimensions", "entier positif"),
    ({"input": "Bonjour", "dimensions": 65_537}, "dimensions", "entier positif"),
    # several problems: the first in the order the gateway always checked is the one told
    ({"input": ["Un texte."] * 256 + [[1, 2]]}, "input", "Trop de textes dans une même demande : 257"),
    ({"input": [], "encoding_format": "int8", "dimensions": -1}, "encoding_format", "« base64 »"),
    ({"input": [None], "dimensions": -1}, "dimensions", "entier positif"),
    ({"input": ["", 3, "mot " * 8000]}, "input", "input[0] est vide"),
])
def test_oversized_or_malformed_requests_are_refused_in_french_before_any_call(
        client, login, upstream, demo_database, payload, param, said):
    token = api_token(client, login)
    response = embed(client, token, **payload)
    assert response.status_code == 400
    error = response.json()["error"]
    assert said in error["message"] and error["param"] == param
    assert error["type"] == "invalid_request_error"
    assert upstream.embedding_requests == [] and usage_of(demo_database, "vecteurs") == []


def test_a_body_that_is_not_a_json_object_is_refused_in_french(client, login, upstream):
    headers = {"Authorization": f"Bearer {api_token(client, login)}",
               "Content-Type": "application/json"}
    for raw, said in [(b"{pas du json", "Le corps de la requête n'est pas un JSON valide."),
                      (b"\xff\xfe", "Le corps de la requête n'est pas un JSON valide."),
                      (b'["Bonjour"]', "Le corps de la requête doit être un objet JSON.")]:
        response = client.post("/v1/embeddings", content=raw, headers=headers)
        assert response.status_code == 400
        assert response.json()["error"] == {"message": said, "type": "invalid_request_error",
                                            "param": None, "code": "invalid_json"}
    assert upstream.embedding_requests == []


def test_fields_openai_defines_and_the_gateway_does_not_use_are_accepted_not_sent(
        client, login, upstream):
    response = embed(client, api_token(client, login), input="Bonjour", user="indexeur-rh")
    assert response.status_code == 200, response.text
    [sent] = upstream.embedding_requests
    assert "user" not in sent and "indexeur-rh" not in json.dumps(sent)


def test_a_text_beyond_the_models_window_is_refused_with_its_size(
        tmp_path, demo_database, upstream, login):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    settings = Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                        llm_backends="", jobs_in_process=False)
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as client:
        token = api_token(client, login)
        response = embed(client, token, model="e5-small-local",
                         input="La collectivité recrute un agent. " * 200)
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "context_length_exceeded"
    assert "fenêtre du modèle « e5-small-local »" in error["message"] and "512" in error["message"]


def test_only_a_token_holder_whose_role_is_open_to_the_model_gets_vectors(
        tmp_path, demo_database, upstream, login):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    backend = upstream.backend()
    backend["models"].append({"alias": "vecteurs", "kind": "embedding",
                              "roles": [Role.GESTIONNAIRE_RH.value]})
    settings = Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                        llm_backends=json.dumps([backend]), jobs_in_process=False)
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as client:
        revoked = client.post("/v1/embeddings", json={"model": "vecteurs", "input": "x"},
                              headers={"Authorization": "Bearer cia-revoque"})
        assert revoked.status_code == 401
        assert revoked.json()["error"]["code"] == "invalid_api_key"
        refused = embed(client, api_token(client, login), input="Bonjour")
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "model_not_allowed"
        assert "n'est pas ouvert à votre rôle « Agent »" in refused.json()["error"]["message"]
        allowed = embed(client, api_token(client, login, Role.GESTIONNAIRE_RH), input="Bonjour")
        assert allowed.status_code == 200
    assert len(upstream.embedding_requests) == 1


def test_a_direction_over_its_budget_gets_no_vectors_and_a_failure_holds_nothing(
        client, login, upstream, demo_database):
    from test_assistant_budgets import give_budget

    give_budget(client, login, demo_database, "0,00")
    token = api_token(client, login)
    refused = embed(client, token, input="Délibération relative aux tarifs de la cantine.")
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "insufficient_quota"
    assert "Budget mensuel atteint pour la direction" in refused.json()["error"]["message"]
    assert upstream.embedding_requests == []
    give_budget(client, login, demo_database, "10")
    upstream.mode = "error"
    failed = embed(client, api_token(client, login), input="Délibération relative à la cantine.")
    assert failed.status_code == 503 and "ne répond pas" in failed.json()["error"]["message"]
    assert usage_of(demo_database, "vecteurs") == []
    [event] = audit_events(demo_database, "assistant.echec")
    assert event["usage"] == "vectorisation"


def test_an_embedding_model_declared_on_the_admin_page_replaces_the_shipped_one(
        tmp_path, demo_database, upstream, login):
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    settings = Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                        llm_backends="", jobs_in_process=False)
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as client:
        login(client, Role.ADMIN)
        declared = client.post("/admin/modeles", data={
            "csrf_token": csrf_of(client, "/admin/modeles"), "nom": "albert", "type": "openai",
            "adresse": upstream.base_url, "delai": "2", "delai_connexion": "1", "lignes": "1",
            "alias_0": "vecteurs", "amont_0": "bge-m3", "contexte_0": "8192",
            "nature_0": "embedding"}, follow_redirects=False)
        assert declared.status_code == 303
        assert "vecteurs</code> (vectorisation)" in client.get("/admin/modeles").text
        client.cookies.clear()
        token = api_token(client, login)
        assert embed(client, token, input="Bonjour").status_code == 200
        shipped = embed(client, token, model="e5-small-local", input="Bonjour")
        assert shipped.status_code == 404 and "vecteurs" in shipped.json()["error"]["message"]
    assert upstream.embedding_requests[0]["model"] == "bge-m3"
