"""The OpenAI-compatible gateway: /v1/models and /v1/chat/completions, with personal API tokens.

Open WebUI, an office add-in or a script points at CollectivIA as at any
OpenAI endpoint, and gets the same rules as the chat page: personal data
pseudonymised before the model and re-identified after, quotas, usage and
audit. Errors follow OpenAI's shape exactly:
{"error": {"message", "type", "param", "code"}}.

These are plain Starlette routes (not FastAPI's): authentication is by bearer
token, not by the session cookie and the role table of the pages.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import TypeVar, cast
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from collectivia.assistant.chat_request import chat_request
from collectivia.assistant.request_body import MalformedRequest
from collectivia.assistant.protection import (Protection, protect_call, reidentified_stream,
                                              restore_call)
from collectivia.assistant.prompts import PLATFORM_RULES
from collectivia.assistant.tokens import user_for_token
from collectivia.assistant.turns import ai_label, ensure_charter
from collectivia.core import audit
from collectivia.core.errors import (CollectiviaError, Forbidden, InvalidInput, NotFound,
                                     TooManyRequests)
from collectivia.core.models import User
from collectivia.core.text import strip_accents
from collectivia.llm import (ChatMessage, Completion, ContextTooLong, LLMUnavailable, UnknownModel,
                             get_router)
from collectivia.llm.types import ModelNotAllowed
from collectivia.llm.types import estimate_prompt_tokens
from collectivia.llm import admission
from collectivia.llm.ratelimits import ModelBusy
from collectivia.llm.usage import admit_call, record_call
from collectivia.web.deps import database, settings_of

SOURCE = "passerelle"
Body = TypeVar("Body")     # a request body as read by pydantic (chat, embeddings)


class ApiError(Exception):
    def __init__(self, status: int, message: str, type_: str = "invalid_request_error",
                 param: str | None = None, code: str | None = None):
        self.status, self.message, self.type, self.param, self.code = status, message, type_, param, code

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": self.param,
                          "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def _api_error(exc: CollectiviaError) -> ApiError:
    """Our domain errors in OpenAI's vocabulary."""
    if isinstance(exc, UnknownModel):
        return ApiError(404, exc.message, param="model", code="model_not_found")
    if isinstance(exc, ModelNotAllowed):
        return ApiError(403, exc.message, "permission_error", param="model",
                        code="model_not_allowed")
    if isinstance(exc, ContextTooLong):
        return ApiError(400, exc.message, param="messages", code="context_length_exceeded")
    if isinstance(exc, ModelBusy):
        return ApiError(429, exc.message, "rate_limit_error", code="rate_limit_exceeded")
    if isinstance(exc, TooManyRequests):     # the user's quota or the direction's budget
        return ApiError(429, exc.message, "insufficient_quota", code="insufficient_quota")
    if isinstance(exc, Forbidden):
        return ApiError(403, exc.message, "permission_error", code="forbidden")
    if isinstance(exc, NotFound):
        return ApiError(404, exc.message, code="not_found")
    if isinstance(exc, InvalidInput):
        return ApiError(400, exc.message)
    if isinstance(exc, LLMUnavailable):
        return ApiError(503, exc.message, "server_error", code="model_unavailable")
    if exc.status_code == 503:  # privacy engine failure: fail closed
        return ApiError(503, exc.message, "server_error", code="privacy_unavailable")
    return ApiError(exc.status_code, exc.message, "server_error" if exc.status_code >= 500
                    else "invalid_request_error")


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        raise ApiError(401, "Jeton d'API manquant : envoyez l'en-tête « Authorization: Bearer "
                            "<jeton> » (jetons à créer sur votre page Profil).",
                       code="invalid_api_key")
    return header[7:].strip()


def _token_user(session, request: Request) -> User:
    user = user_for_token(session, _bearer(request))
    if user is None:
        raise ApiError(401, "Jeton d'API invalide ou révoqué (gérez vos jetons sur votre page "
                            "Profil).", code="invalid_api_key")
    return user


def _authenticate(request: Request) -> str:
    """The role of the token's owner: /v1/models lists only the models open to it."""
    with database(request).session() as session:
        return _token_user(session, request).role


@dataclass
class GatewayCall:
    user_id: int
    model: str
    messages: list[ChatMessage]
    protection: Protection
    max_tokens: int
    temperature: float
    stream: bool
    include_usage: bool
    reservation: admission.Admission | None = None   # what it holds: quota, budget, limits
    role: str = ""                                   # the models open to it, in llm.router


def decoded_json(raw: bytes) -> object:
    """A gateway request's body as Python values, whatever their shape."""
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "Le corps de la requête n'est pas un JSON valide.",
                       code="invalid_json") from None


def read_request(raw: bytes, read: Callable[[object], Body]) -> Body:
    """The request `read` finds in a body, or OpenAI's 400 naming the field at fault, in French."""
    try:
        return read(decoded_json(raw))
    except MalformedRequest as exc:
        raise ApiError(400, exc.message, param=exc.param, code=exc.code) from None


def _admit(request: Request, raw: bytes) -> GatewayCall:
    """Token, request, charter, model, privacy, context and quota: all checked in one session.

    A refusal for personal data is raised after the commit, so that it stays audited.
    """
    settings = settings_of(request)
    refusal = None
    with database(request).session() as session:
        user = _token_user(session, request)
        router = get_router(settings, session, user.role)
        body = read_request(raw, chat_request)
        messages = body.conversation
        ensure_charter(session, user)
        info = router.model_info(body.model)
        # refuse an oversized prompt before spending the privacy engine's time on it
        router.check([ChatMessage(role, text) for role, text in messages], info.alias,
                     body.requested_tokens or 1)
        # the call's pseudonyms live in memory until its answer is re-identified: never stored
        protection = protect_call([text for _, text in messages], settings)
        if protection.blocked:
            audit.record(session, "assistant.refus", actor=user, outcome="refusé",
                         details={"modele": info.alias, "categories": protection.categories,
                                  "bloque": True, "source": SOURCE})
            refusal = ApiError(400, protection.explanation, param="messages",
                               code="personal_data_blocked")
        else:
            rules = ChatMessage("system", PLATFORM_RULES.format(
                collectivite=settings.collectivite_name))
            sent = [rules] + [ChatMessage(role, text)
                              for (role, _), text in zip(messages, protection.texts, strict=True)]
            max_tokens = body.requested_tokens or min(1024, info.context // 4)
            call = GatewayCall(user.id, info.alias, sent, protection, max_tokens,
                               body.sampling_temperature, body.stream, body.include_usage,
                               role=user.role)
            router.check(call.messages, call.model, call.max_tokens)
            call.reservation = admit_call(session, user, router, call.model,
                                          estimate_prompt_tokens(call.messages), call.max_tokens)
    if refusal is not None:
        raise refusal
    return call


def _finish(request: Request, call: GatewayCall, completion: Completion) -> str:
    """Usage and audit of a successful call; returns the re-identified answer."""
    settings = settings_of(request)
    with database(request).session() as session:
        user = session.get(User, call.user_id)
        answer = restore_call(call.protection, completion.text)
        record_call(session, user, completion, SOURCE,
                    get_router(settings, session, call.role), settings,
                    call.reservation)
        audit.record(session, "assistant.appel", actor=user, object_type="passerelle",
                     details={"modele": completion.model, "moteur": completion.backend,
                              "jetons_prompt": completion.prompt_tokens,
                              "jetons_reponse": completion.completion_tokens,
                              "categories": call.protection.categories, "bloque": False,
                              "source": SOURCE})
    return answer


def _failed(request: Request, call: GatewayCall, exc: CollectiviaError) -> None:
    with database(request).session() as session:
        admission.release(session, call.reservation)
        audit.record(session, "assistant.echec", actor=session.get(User, call.user_id),
                     object_type="passerelle", outcome="échec",
                     details={"modele": call.model, "source": SOURCE, "raison": type(exc).__name__})


def _usage(completion: Completion) -> dict:
    return {"prompt_tokens": completion.prompt_tokens,
            "completion_tokens": completion.completion_tokens,
            "total_tokens": completion.total_tokens}


# Each model's `type`, in Albert API's words: OpenAI's own clients ignore the field, while the
# clients written for Albert and the State's tools read it to tell a chat model from the others.
MODEL_TYPES = {"chat": "text-generation", "embedding": "text-embeddings-inference",
               "transcription": "automatic-speech-recognition"}


def _listed(alias: str, kind: str, context: int | None) -> dict:
    listed = {"id": alias, "object": "model", "created": 0, "owned_by": "collectivia",
              "type": MODEL_TYPES[kind]}
    return listed | ({"context_window": context} if context else {})


def listed_models(router) -> list[dict]:
    """Every model the role may call through the gateway: chat, embedding, transcription."""
    return ([_listed(m.alias, "chat", m.context) for m in router.models()]
            + [_listed(c.alias, c.kind, c.context if c.kind == "embedding" else None)
               for c in router.embedding_and_transcription_models()])


async def list_models(request: Request):
    try:
        role = await run_in_threadpool(_authenticate, request)
        router = await run_in_threadpool(get_router, settings_of(request), database(request), role)
        data = listed_models(router)
    except ApiError as exc:
        return exc.response()
    return JSONResponse({"object": "list", "data": data})


def _complete(request: Request, call: GatewayCall) -> tuple[Completion, str]:
    """The model call, then its usage and audit; a failure is audited and stores nothing else."""
    try:
        completion = get_router(settings_of(request), database(request), call.role).complete(
            call.messages, call.model, call.max_tokens, call.temperature)
        return completion, _finish(request, call, completion)
    except CollectiviaError as exc:
        _failed(request, call, exc)
        raise


async def chat_completions(request: Request):
    try:
        _bearer(request)
        call = await run_in_threadpool(_admit, request, await request.body())
    except ApiError as exc:
        return exc.response()
    except CollectiviaError as exc:
        return _api_error(exc).response()
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    headers = {"X-CollectivIA-Label": _ascii_label(call.model)}
    if call.stream:
        return StreamingResponse(_stream(request, call, completion_id), headers=headers,
                                 media_type="text/event-stream")
    try:
        completion, answer = await run_in_threadpool(_complete, request, call)
    except CollectiviaError as exc:
        return _api_error(exc).response()
    return JSONResponse({
        "id": completion_id, "object": "chat.completion", "created": int(time.time()),
        "model": call.model, "system_fingerprint": None,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": answer},
                     "logprobs": None, "finish_reason": completion.finish_reason}],
        "usage": _usage(completion)}, headers=headers)


def _ascii_label(model: str) -> str:
    """The AI label for a header, which must stay ASCII: accents dropped, dashes plain."""
    plain = strip_accents(ai_label(model).replace("—", "-"))
    return plain.encode("ascii", "ignore").decode("ascii")


def _chunk(completion_id: str, model: str, delta: dict, finish: str | None = None) -> str:
    payload = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()),
               "model": model, "system_fingerprint": None,
               "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _stream(request: Request, call: GatewayCall, completion_id: str) -> Iterator[str]:
    """OpenAI server-sent events; a failure mid-way sends an error event, stores nothing."""
    router = get_router(settings_of(request), database(request), call.role)
    yield _chunk(completion_id, call.model, {"role": "assistant", "content": ""})
    try:
        stream = router.stream(call.messages, call.model, call.max_tokens, call.temperature)
        for piece in reidentified_stream(stream, lambda text: restore_call(call.protection, text)):
            yield _chunk(completion_id, call.model, {"content": piece})
        completion = cast(Completion, stream.completion)     # set once the stream is read through
        _finish(request, call, completion)
    except CollectiviaError as exc:
        _failed(request, call, exc)
        yield f"data: {json.dumps(_api_error(exc).body(), ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"
        return
    yield _chunk(completion_id, call.model, {}, completion.finish_reason)
    if call.include_usage:
        usage = {"id": completion_id, "object": "chat.completion.chunk",
                 "created": int(time.time()), "model": call.model, "choices": [],
                 "usage": _usage(completion)}
        yield f"data: {json.dumps(usage)}\n\n"
    yield "data: [DONE]\n\n"


ROUTES = [Route("/v1/models", list_models, methods=["GET"]),
          Route("/v1/chat/completions", chat_completions, methods=["POST"])]
