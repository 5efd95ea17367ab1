"""A transcription model declared on /admin/modeles opens the comptes rendus to agents, and is
never offered as a chat model."""

from __future__ import annotations

from fastapi.testclient import TestClient

from collectivia.core.roles import Role
from collectivia.web.app import create_app
from fakes import settings_with
from support import csrf_of, text_of


def declare(client, base_url: str, kind: str, type_: str = "openai"):
    return client.post("/admin/modeles", data={
        "csrf_token": csrf_of(client, "/admin/modeles"), "nom": "ecoute", "type": type_,
        "adresse": base_url, "chemin": "/srv/m.gguf" if type_ == "llamacpp" else "",
        "delai": "2", "delai_connexion": "1", "lignes": "1", "alias_0": "whisper",
        "amont_0": "whisper-large", "contexte_0": "8192", "nature_0": kind},
        follow_redirects=False)


def test_the_admin_declares_a_transcription_model_and_agents_may_upload(
        tmp_path, demo_database, transcriber, login):
    app = create_app(settings_with(tmp_path, []), demo_database)
    with TestClient(app, base_url="http://testserver") as admin:
        login(admin, Role.ADMIN)
        refused = declare(admin, transcriber.base_url, "transcription", "llamacpp")
        assert "ne fait ni transcription ni vectorisation" in text_of(refused)
        assert declare(admin, transcriber.base_url, "transcription").status_code == 303
        assert "whisper</code> (transcription)" in admin.get("/admin/modeles").text
    with TestClient(app, base_url="http://testserver") as agent:
        login(agent, Role.AGENT)
        page = text_of(agent.get("/comptes-rendus"))
        assert "<fieldset disabled" not in page
        assert "Aucun modèle de rédaction n'est disponible" in page
        assert "whisper" not in text_of(agent.get("/assistant"))
