"""The two kinds of model servers: any OpenAI-compatible endpoint, and a local GGUF file.

A backend either answers or raises `BackendError` with a short French reason;
the router decides what to do next (fall back to another backend, or give up).
Streaming backends yield `("delta", text)` events and end with one
`("end", prompt_tokens, completion_tokens, finish_reason)` event.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

from collectivia.llm.config import BackendConfig, ModelConfig
from collectivia.llm.types import ChatMessage, Completion, estimate_prompt_tokens, estimate_tokens

StreamEvent = tuple


class BackendError(Exception):
    """This backend could not answer (timeout, refused, garbage): try the next one."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class OpenAIBackend:
    """Albert API, vLLM, Ollama, LiteLLM, Mistral... anything speaking /v1/chat/completions."""

    def __init__(self, config: BackendConfig):
        self.config = config
        self.name = config.name
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        self._url = config.base_url.rstrip("/") + "/chat/completions"
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
            # idle connections dropped before the usual 5 s server keep-alive ends, so that a
            # request never goes out on a connection the server is closing
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=100,
                                keepalive_expiry=4.0),
        )

    def _payload(self, model: ModelConfig, messages: list[ChatMessage], max_tokens: int,
                 temperature: float, stream: bool) -> dict[str, Any]:
        payload = {"model": model.upstream, "messages": [m.as_dict() for m in messages],
                   "max_tokens": max_tokens, "temperature": temperature, "stream": stream}
        if stream:
            payload["stream_options"] = {"include_usage": True}
        return payload

    def complete(self, model: ModelConfig, messages: list[ChatMessage], max_tokens: int,
                 temperature: float) -> Completion:
        try:
            response = self._client.post(self._url, json=self._payload(
                model, messages, max_tokens, temperature, stream=False))
        except httpx.TimeoutException as exc:
            raise BackendError("délai de réponse dépassé") from exc
        except httpx.HTTPError as exc:
            raise BackendError(f"serveur injoignable ({type(exc).__name__})") from exc
        if response.status_code >= 400:
            raise BackendError(f"erreur HTTP {response.status_code} du serveur de modèle")
        try:
            body = response.json()
            choice = body["choices"][0]
            text = choice["message"]["content"]
            if not isinstance(text, str):
                raise TypeError("content")
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendError("réponse illisible du serveur de modèle") from exc
        usage = body.get("usage") or {}
        return Completion(
            text=text, model=model.alias, backend=self.name, upstream_model=model.upstream,
            prompt_tokens=int(usage.get("prompt_tokens") or estimate_prompt_tokens(messages)),
            completion_tokens=int(usage.get("completion_tokens") or estimate_tokens(text)),
            finish_reason=choice.get("finish_reason") or "stop")

    def stream(self, model: ModelConfig, messages: list[ChatMessage], max_tokens: int,
               temperature: float) -> Iterator[StreamEvent]:
        payload = self._payload(model, messages, max_tokens, temperature, stream=True)
        deadline = time.monotonic() + self.config.timeout * 5
        try:
            with self._client.stream("POST", self._url, json=payload) as response:
                if response.status_code >= 400:
                    raise BackendError(f"erreur HTTP {response.status_code} du serveur de modèle")
                yield from self._events(response.iter_lines(), messages, deadline)
        except httpx.TimeoutException as exc:
            raise BackendError("délai de réponse dépassé") from exc
        except httpx.HTTPError as exc:
            raise BackendError(f"serveur injoignable ({type(exc).__name__})") from exc

    @staticmethod
    def _events(lines: Iterator[str], messages: list[ChatMessage], deadline: float
                ) -> Iterator[StreamEvent]:
        text_parts: list[str] = []
        usage: dict[str, Any] = {}
        finish = "stop"
        done = False
        for line in lines:
            if time.monotonic() > deadline:
                raise BackendError("délai de réponse dépassé")
            if not line.strip() or line.startswith(":"):
                continue
            if not line.startswith("data:"):
                raise BackendError("flux illisible du serveur de modèle")
            data = line[5:].strip()
            if data == "[DONE]":
                done = True
                break
            try:
                chunk = json.loads(data)
                choices = chunk.get("choices") or []
                usage = chunk.get("usage") or usage
                if choices:
                    delta = choices[0].get("delta") or {}
                    finish = choices[0].get("finish_reason") or finish
                    piece = delta.get("content") or ""
                    if not isinstance(piece, str):
                        raise TypeError("content")
                    if piece:
                        text_parts.append(piece)
                        yield ("delta", piece)
            except (ValueError, AttributeError, TypeError) as exc:
                raise BackendError("flux illisible du serveur de modèle") from exc
        if not done:
            raise BackendError("flux interrompu par le serveur de modèle")
        text = "".join(text_parts)
        yield ("end", int(usage.get("prompt_tokens") or estimate_prompt_tokens(messages)),
               int(usage.get("completion_tokens") or estimate_tokens(text)), finish)


class LlamaCppBackend:
    """A GGUF file run in-process by llama-cpp-python (optional extra `[local]`).

    The model is loaded on first use and calls are serialised: llama.cpp
    contexts are not thread-safe, and a small machine runs one generation at a time.
    """

    def __init__(self, config: BackendConfig):
        self.config = config
        self.name = config.name
        self._lock = threading.Lock()
        self._llama: Any = None     # a llama_cpp.Llama, loaded on first use

    def _model(self, model: ModelConfig):
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise BackendError("llama-cpp-python n'est pas installé (extra « local »)") from exc
            try:
                self._llama = Llama(model_path=self.config.path, n_ctx=model.context,
                                    verbose=False)
            except (ValueError, OSError, RuntimeError) as exc:
                raise BackendError(f"fichier de modèle illisible ({self.config.path})") from exc
        return self._llama

    def count_tokens(self, model: ModelConfig, messages: list[ChatMessage]) -> int:
        with self._lock:
            return self.count_tokens_unlocked(self._model(model), messages)

    def complete(self, model: ModelConfig, messages: list[ChatMessage], max_tokens: int,
                 temperature: float) -> Completion:
        with self._lock:
            llama = self._model(model)
            try:
                out = llama.create_chat_completion(messages=[m.as_dict() for m in messages],
                                                   max_tokens=max_tokens, temperature=temperature)
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"échec de la génération locale ({exc})") from exc
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        text = choice["message"].get("content") or ""
        return Completion(text=text, model=model.alias, backend=self.name,
                          upstream_model=model.upstream,
                          prompt_tokens=int(usage.get("prompt_tokens") or 0),
                          completion_tokens=int(usage.get("completion_tokens") or 0),
                          finish_reason=choice.get("finish_reason") or "stop")

    def stream(self, model: ModelConfig, messages: list[ChatMessage], max_tokens: int,
               temperature: float) -> Iterator[StreamEvent]:
        with self._lock:
            llama = self._model(model)
            prompt_tokens = self.count_tokens_unlocked(llama, messages)
            finish = "stop"
            parts: list[str] = []
            try:
                for chunk in llama.create_chat_completion(
                        messages=[m.as_dict() for m in messages], max_tokens=max_tokens,
                        temperature=temperature, stream=True):
                    choice = chunk["choices"][0]
                    finish = choice.get("finish_reason") or finish
                    piece = (choice.get("delta") or {}).get("content") or ""
                    if piece:
                        parts.append(piece)
                        yield ("delta", piece)
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"échec de la génération locale ({exc})") from exc
            completion_tokens = len(llama.tokenize("".join(parts).encode("utf-8"), add_bos=False))
        yield ("end", prompt_tokens, completion_tokens, finish)

    @staticmethod
    def count_tokens_unlocked(llama, messages: list[ChatMessage]) -> int:
        return sum(len(llama.tokenize(m.content.encode("utf-8"), add_bos=False)) + 4
                   for m in messages)


def make_backend(config: BackendConfig) -> OpenAIBackend | LlamaCppBackend:
    return LlamaCppBackend(config) if config.type == "llamacpp" else OpenAIBackend(config)
