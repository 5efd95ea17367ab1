"""Oversized requests are refused before any route runs, in the client's own language."""

from __future__ import annotations

from fastapi.testclient import TestClient

from collectivia.web.app import create_app
from support import text_of


def test_an_oversized_api_call_gets_an_openai_style_error(settings, demo_database):
    settings.max_upload_bytes = 1_000
    with TestClient(create_app(settings, demo_database)) as client:
        response = client.post("/v1/chat/completions", content=b"{" + b" " * 5_000 + b"}",
                               headers={"content-type": "application/json",
                                        "authorization": "Bearer cle-inconnue"})
    assert response.status_code == 413
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert "trop volumineuse" in error["message"]


def test_an_oversized_upload_page_post_gets_a_french_page(settings, demo_database):
    settings.max_upload_bytes = 1_000
    with TestClient(create_app(settings, demo_database)) as client:
        response = client.post("/connexion", files={"f": ("cv.pdf", b"x" * 5_000)})
    assert response.status_code == 413
    assert "(limite : 1 Ko). Rien n'a été enregistré." in text_of(response)
