"""The gateway's reading of a chat request body: the pydantic model and its French errors."""

from __future__ import annotations

import json

import pytest

from collectivia.assistant.chat_request import MalformedRequest, chat_request

HELLO = [{"role": "user", "content": "Bonjour"}]


def problem(body) -> MalformedRequest:
    with pytest.raises(MalformedRequest) as caught:
        chat_request(body)
    return caught.value


def test_a_request_reads_as_the_backends_need_it():
    request = chat_request({"model": "redaction", "max_completion_tokens": 300, "messages": [
        {"role": "developer", "content": "Sois bref."},
        {"role": "user", "content": [{"type": "text", "text": "Un"}, {"type": "text", "text": "Deux"}]}]})
    assert request.conversation == [("system", "Sois bref."), ("user", "Un\nDeux")]
    assert request.requested_tokens == 300
    assert request.sampling_temperature == 0.2 and request.stream is False
    assert request.include_usage is False


def test_fields_the_gateway_does_not_use_are_kept_aside_not_refused():
    request = chat_request({"model": "redaction", "messages": HELLO, "top_p": 0.5, "user": "x",
                            "stream": True, "stream_options": {"include_usage": True}})
    assert request.model_extra == {"top_p": 0.5, "user": "x"}
    assert request.include_usage is True


@pytest.mark.parametrize("body, param, message", [
    ([1, 2], None, "Le corps de la requête doit être un objet JSON."),
    ({"model": "", "messages": HELLO}, "model", "Le champ « model » est obligatoire"),
    ({"model": "m", "messages": []}, "messages", "doit être une liste non vide"),
    ({"model": "m", "messages": [HELLO[0], {"role": "tool", "content": "x"}]}, "messages[1].role",
     "messages[1].role doit valoir system, user ou assistant."),
    ({"model": "m", "messages": [{"role": "user", "content": None}]}, "messages[0].content",
     "messages[0].content doit être une chaîne de caractères."),
    ({"model": "m", "messages": [{"role": "user", "content": ["texte nu"]}]}, "messages[0].content",
     "seules les parties de type « text »"),
    ({"model": "m", "messages": HELLO, "max_tokens": True}, "max_tokens", "entier positif"),
    ({"model": "m", "messages": HELLO, "max_tokens": 0}, "max_tokens", "entier positif"),
    ({"model": "m", "messages": HELLO, "max_tokens": 1_000_001}, "max_tokens", "entier positif"),
    ({"model": "m", "messages": HELLO, "temperature": "0.5"}, "temperature", "entre 0 et 2"),
    ({"model": "m", "messages": HELLO, "temperature": False}, "temperature", "entre 0 et 2"),
    ({"model": "m", "messages": HELLO, "stream": None}, "stream", "true ou false"),
    ({"model": "m", "messages": HELLO, "stream_options": {"include_usage": "oui"}}, "stream_options",
     "doit être un objet"),
])
def test_a_malformed_body_is_refused_on_the_field_at_fault(body, param, message):
    refused = problem(body)
    assert refused.param == param and message in refused.message


def test_nan_and_infinity_are_no_temperature():
    for raw in ('{"model": "m", "temperature": NaN, "messages": [{"role": "user", "content": "x"}]}',
                '{"model": "m", "temperature": -Infinity, "messages": [{"role": "user", "content": "x"}]}'):
        assert problem(json.loads(raw)).param == "temperature"


def test_the_first_problem_is_told_in_the_order_the_gateway_always_checked():
    """Roles before limits, limits before contents: a client sees the same error as before."""
    body = {"model": "m", "temperature": 9, "messages": [
        {"role": "user", "content": 1}, {"role": "pirate", "content": "x"}]}
    assert problem(body).param == "messages[1].role"
    body["messages"][1]["role"] = "user"
    assert problem(body).param == "temperature"
    del body["temperature"]
    assert problem(body).param == "messages[0].content"
    assert problem({"messages": "x"}).param == "model"
