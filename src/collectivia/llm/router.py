"""One entry point for every model call: aliases, context checks, fallback between backends.

    router = get_router(settings)
    if router.available:
        completion = router.complete([ChatMessage("user", text)], model="redaction")

Texts given to the router must already have gone through `collectivia.privacy.protect`:
the router sends what it is given.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, BinaryIO

from sqlalchemy.orm import Session

from collectivia.llm.backends import BackendError, LlamaCppBackend, OpenAIBackend, make_backend
from collectivia.llm.config import BackendConfig, ModelConfig, parse_backends
from collectivia.llm.embedding import LOCAL_ALIAS, LOCAL_MODEL, Embedder, Embeddings, LocalEmbedder
from collectivia.llm.transcription import Transcriber, Transcript
from collectivia.llm.types import (ChatMessage, Completion, ContextTooLong, LLMUnavailable,
                                   ModelNotAllowed, UnknownModel, estimate_prompt_tokens)
from collectivia.settings import Settings

if TYPE_CHECKING:
    from collectivia.core.db import Database

log = logging.getLogger(__name__)

NO_MODEL = ("Aucun modèle de langage n'est configuré sur cette plateforme : cette fonction de "
            "rédaction est indisponible. L'administrateur peut en déclarer un "
            "(page « Modèles de langage » ou variable COLLECTIVIA_LLM_BACKENDS).")

NO_TRANSCRIPTION = ("Aucun modèle de transcription n'est déclaré sur cette plateforme : les "
                    "enregistrements ne peuvent pas être transcrits. L'administrateur peut en "
                    "déclarer un (page « Modèles de langage », usage « transcription »).")


@dataclass(frozen=True)
class ModelInfo:
    """A model as users and the gateway see it: its alias, never the upstream secrets."""

    alias: str
    context: int
    params_b: float | None
    backends: tuple[str, ...]
    config: ModelConfig


class Router:
    def __init__(self, backends: list[BackendConfig], default_model: str = ""):
        self._routes: dict[str, list[tuple[OpenAIBackend | LlamaCppBackend, ModelConfig]]] = {}
        # speech-to-text models (kind "transcription"): never offered for chat
        self._transcription: dict[str, list[tuple[Transcriber, ModelConfig]]] = {}
        # text-to-vector models (kind "embedding"); none declared: the shipped e5 model
        self._embedding: dict[str, list[tuple[Embedder | LocalEmbedder, ModelConfig]]] = {}
        self._embedding_hidden: dict[str, str] = {}
        for config in backends:
            chat = [m for m in config.models if m.kind == "chat"]
            if chat:
                backend = make_backend(config)
                for model in chat:
                    self._routes.setdefault(model.alias, []).append((backend, model))
            heard = [m for m in config.models if m.kind == "transcription"]
            if heard:
                transcriber = Transcriber(config)
                for model in heard:
                    self._transcription.setdefault(model.alias, []).append((transcriber, model))
            vectors = [m for m in config.models if m.kind == "embedding"]
            if vectors:
                embedder = Embedder(config)
                for model in vectors:
                    self._embedding.setdefault(model.alias, []).append((embedder, model))
        if not self._embedding and backends is not _SCOPED:
            self._embedding[LOCAL_ALIAS] = [(LocalEmbedder(), LOCAL_MODEL)]
        self._configured_default = default_model
        self._hidden: dict[str, str] = {}   # alias -> role label, for the aliases refused here
        self._by_role: dict[str, Router] = {}
        self.default_model = default_model if default_model in self._routes else (
            next(iter(self._routes), ""))

    def for_role(self, role: str) -> Router:
        """This router as one role sees it: only the backends whose model is open to the role.

        A model refused to the role raises ModelNotAllowed (403) instead of UnknownModel,
        so the person learns why. Shares the backends (and their connection pools).
        """
        if role not in self._by_role:
            from collectivia.core.roles import Role

            scoped = Router(_SCOPED, "")
            for alias, routes in self._routes.items():
                allowed = [(b, m) for b, m in routes if m.allows(role)]
                if allowed:
                    scoped._routes[alias] = allowed
                else:
                    scoped._hidden[alias] = Role(role).label
            for alias, heard in self._transcription.items():
                if allowed_heard := [(t, m) for t, m in heard if m.allows(role)]:
                    scoped._transcription[alias] = allowed_heard
            for alias, vectors in self._embedding.items():
                if allowed_vectors := [(e, m) for e, m in vectors if m.allows(role)]:
                    scoped._embedding[alias] = allowed_vectors
                else:
                    scoped._embedding_hidden[alias] = Role(role).label
            scoped.default_model = (self._configured_default
                                    if self._configured_default in scoped._routes
                                    else next(iter(scoped._routes), ""))
            self._by_role[role] = scoped
        return self._by_role[role]

    @property
    def available(self) -> bool:
        return bool(self._routes)

    def models(self) -> list[ModelInfo]:
        return [self.model_info(alias) for alias in self._routes]

    def model_info(self, alias: str | None) -> ModelInfo:
        alias = alias or self.default_model
        if not self.available and alias not in self._hidden:
            raise LLMUnavailable(NO_MODEL)
        routes = self._routes.get(alias)
        if not routes and alias in self._hidden:
            raise ModelNotAllowed(alias, self._hidden[alias], list(self._routes))
        if not routes:
            raise UnknownModel(alias, list(self._routes))
        first = routes[0][1]
        return ModelInfo(alias, max(m.context for _, m in routes), first.params_b,
                         tuple(b.name for b, _ in routes), first)

    def model_config(self, alias: str) -> ModelConfig:
        """The declaration of a chat or transcription alias (for usage and cost records)."""
        if alias in self._transcription:
            return self._transcription[alias][0][1]
        if alias in self._embedding:
            return self._embedding[alias][0][1]
        return self.model_info(alias).config

    @property
    def transcription_available(self) -> bool:
        return bool(self._transcription)

    def transcription_models(self) -> list[str]:
        return list(self._transcription)

    def transcribe(self, audio: bytes | BinaryIO, filename: str, model: str | None = None,
                   language: str = "fr") -> Transcript:
        """Speech to text through the alias's backends, in fallback order (a file is streamed
        to the backend, and rewound for the next one)."""
        if not self._transcription:
            raise LLMUnavailable(NO_TRANSCRIPTION)
        alias = model or next(iter(self._transcription))
        if alias not in self._transcription:
            raise UnknownModel(alias, list(self._transcription))
        failures: list[str] = []
        for transcriber, config in self._transcription[alias]:
            if not isinstance(audio, bytes):
                audio.seek(0)
            try:
                return transcriber.transcribe(config, audio, filename, language)
            except BackendError as exc:
                log.warning("transcription backend %s failed: %s", transcriber.name, exc.reason)
                failures.append(f"{transcriber.name} : {exc.reason}")
        raise _all_failed(alias, failures)

    def embedding_models(self) -> list[str]:
        return list(self._embedding)

    def embedding_and_transcription_models(self) -> list[ModelConfig]:
        """The embedding then transcription models open here, one declaration per alias (the
        gateway's /v1/models lists them after the chat models)."""
        return [routes[0][1] for table in (self._embedding, self._transcription)
                for routes in table.values()]

    def embedding_route(self, alias: str) -> tuple[Embedder | LocalEmbedder, ModelConfig]:
        """The first backend serving this embedding alias (for its token counts and limits);
        UnknownModel, or ModelNotAllowed when the alias is not open to this role."""
        if alias in self._embedding_hidden:
            raise ModelNotAllowed(alias, self._embedding_hidden[alias], list(self._embedding))
        if alias not in self._embedding:
            raise UnknownModel(alias, list(self._embedding))
        return self._embedding[alias][0]

    def embed(self, texts: list[str], model: str, dimensions: int | None = None) -> Embeddings:
        """Vectors of `texts` through the alias's backends, in fallback order."""
        self.embedding_route(model)
        failures: list[str] = []
        for embedder, config in self._embedding[model]:
            try:
                return embedder.embed(config, texts, dimensions)
            except BackendError as exc:
                log.warning("embedding backend %s failed: %s", embedder.name, exc.reason)
                failures.append(f"{embedder.name} : {exc.reason}")
        raise _all_failed(model, failures)

    def _candidates(self, messages: list[ChatMessage], model: str | None, max_tokens: int):
        """The backends able to take this prompt, in fallback order (context checked first)."""
        info = self.model_info(model)
        fitting = []
        largest = 0
        needed = 0
        for backend, config in self._routes[info.alias]:
            needed = self._prompt_tokens(backend, config, messages)
            largest = max(largest, config.context)
            if needed + max_tokens <= config.context:
                fitting.append((backend, config))
        if not fitting:
            raise ContextTooLong(needed, max_tokens, largest)
        return info.alias, fitting

    @staticmethod
    def _prompt_tokens(backend, config: ModelConfig, messages: list[ChatMessage]) -> int:
        if isinstance(backend, LlamaCppBackend):
            try:
                return backend.count_tokens(config, messages)
            except BackendError:
                pass
        return estimate_prompt_tokens(messages)

    def check(self, messages: list[ChatMessage], model: str | None = None,
              max_tokens: int = 512) -> str:
        """Raise now (unknown model, prompt too long, no model) rather than after storing anything."""
        return self._candidates(messages, model, max_tokens)[0]

    def complete(self, messages: list[ChatMessage], model: str | None = None,
                 max_tokens: int = 512, temperature: float = 0.2) -> Completion:
        alias, candidates = self._candidates(messages, model, max_tokens)
        failures: list[str] = []
        for backend, config in candidates:
            start = time.perf_counter()
            try:
                completion = backend.complete(config, messages, max_tokens, temperature)
            except BackendError as exc:
                log.warning("model backend %s failed: %s", backend.name, exc.reason)
                failures.append(f"{backend.name} : {exc.reason}")
                continue
            completion.latency_s = time.perf_counter() - start
            completion.failed_backends = failures
            return completion
        raise _all_failed(alias, failures)

    def stream(self, messages: list[ChatMessage], model: str | None = None,
               max_tokens: int = 512, temperature: float = 0.2) -> CompletionStream:
        alias, candidates = self._candidates(messages, model, max_tokens)
        return CompletionStream(alias, candidates, messages, max_tokens, temperature)


_SCOPED: list[BackendConfig] = []   # marks the empty router `for_role` fills itself


class CompletionStream:
    """Text pieces as the model writes them; `.completion` is set once the stream is exhausted.

    Falls back to the next backend only while nothing has been sent: once the
    first piece is out, a failure ends the stream with LLMUnavailable.
    """

    def __init__(self, alias: str, candidates, messages, max_tokens: int, temperature: float):
        self.model = alias
        self.completion: Completion | None = None
        self._candidates = candidates
        self._args = (messages, max_tokens, temperature)

    def __iter__(self) -> Iterator[str]:
        messages, max_tokens, temperature = self._args
        failures: list[str] = []
        for backend, config in self._candidates:
            start = time.perf_counter()
            events = backend.stream(config, messages, max_tokens, temperature)
            parts: list[str] = []
            try:
                for event in events:
                    if event[0] == "delta":
                        parts.append(event[1])
                        yield event[1]
                    else:
                        _, prompt_tokens, completion_tokens, finish = event
                        self.completion = Completion(
                            text="".join(parts), model=self.model, backend=backend.name,
                            upstream_model=config.upstream, prompt_tokens=prompt_tokens,
                            completion_tokens=completion_tokens, finish_reason=finish,
                            latency_s=time.perf_counter() - start, failed_backends=failures)
                return
            except BackendError as exc:
                log.warning("model backend %s failed while streaming: %s", backend.name, exc.reason)
                failures.append(f"{backend.name} : {exc.reason}")
                if parts:
                    raise LLMUnavailable("La réponse du modèle a été interrompue "
                                         f"({exc.reason}). Relancez la demande.") from exc
        raise _all_failed(self.model, failures)


def _all_failed(alias: str, failures: list[str]) -> LLMUnavailable:
    return LLMUnavailable(f"Le modèle « {alias} » ne répond pas pour le moment "
                          f"({' ; '.join(failures)}). Réessayez dans quelques minutes.")


@lru_cache(maxsize=8)
def _router_for(backends_json: str, default_model: str) -> Router:
    return Router(parse_backends(backends_json), default_model)


_built: dict[tuple, tuple[int, Router]] = {}
_build_lock = threading.Lock()


def get_router(settings: Settings, database: Database | Session | None = None,
               role: str | None = None) -> Router:
    """The router for these settings (and this database's declared backends), built once per
    version of the declarations, so its HTTP connection pools are reused.

    Backends: those of COLLECTIVIA_LLM_BACKENDS first, then the enabled ones declared on
    the admin page (llm.catalog), in creation order. With a database (or an open session,
    read in its transaction: SQLite would deadlock on a second one), one small query
    reads the catalogue's version, so a change made by another process is seen at once.
    Without one, the environment's backends only. With a role, only the models open to it.
    """
    if database is None:
        router = _router_for(settings.llm_backends, settings.llm_default_model)
    else:
        router = _database_router(settings, database)
    return router.for_role(role) if role else router


def _database_router(settings: Settings, database: Database | Session) -> Router:
    if isinstance(database, Session):
        return _session_router(settings, database, nullcontext(database))
    return _session_router(settings, database.engine, database.session())


def _session_router(settings: Settings, bind, opened) -> Router:
    from sqlalchemy.exc import SQLAlchemyError

    from collectivia.llm import catalog

    engine = (bind.get_bind() if isinstance(bind, Session) else bind).engine  # a Connection's too
    key = (str(engine.url), settings.llm_backends, settings.llm_default_model)
    try:
        with opened as session:
            version = catalog.current_version(session)
            cached = _built.get(key)
            if cached and cached[0] == version:
                return cached[1]
            declared = catalog.enabled_configs(session, settings)
    except SQLAlchemyError:
        log.exception("model backends of the database unreadable: environment backends only")
        return _router_for(settings.llm_backends, settings.llm_default_model)
    router = Router(parse_backends(settings.llm_backends) + declared, settings.llm_default_model)
    with _build_lock:
        _built[key] = (version, router)
    return router
