"""The engine never opens a network connection (tldextract would fetch its suffix list)."""

from __future__ import annotations

import socket

import pytest

from collectivia.privacy import anonymise


def test_detection_opens_no_connection(monkeypatch, settings):
    def refuse(*args, **kwargs):
        raise AssertionError("tentative de connexion réseau pendant la détection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import tldextract

    monkeypatch.setattr(tldextract, "extract", refuse)  # the online default extractor
    result = anonymise("Écrire à camille.martin@quimper.bzh ou à a.dupont@mairie-exemple.fr, "
                       "site https://www.exemple.gouv.fr.", settings=settings)
    assert result.categories == {"EMAIL": 2}
    assert "quimper.bzh" not in result.text


@pytest.mark.parametrize("address", ["jane.smith@exemple.co.uk", "x.y@collectivite.paris"])
def test_public_suffixes_come_from_the_bundled_snapshot(address, settings):
    assert anonymise(f"Contact : {address}", settings=settings).categories == {"EMAIL": 1}
