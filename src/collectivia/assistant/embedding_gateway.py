"""POST /v1/embeddings: the gateway's text-to-vector endpoint, for personal API tokens.

Same rules as /v1/chat/completions (assistant.gateway): a valid token, the charter
accepted, the model open to the token holder's role, the model's request limits,
the user's daily tokens and the direction's budget held before the call
(`llm.admission`), usage and audit after. Texts bound for a declared backend are
pseudonymised first, like a chat prompt (a vector needs no re-identification, so
the pseudonyms are dropped with the call); the shipped e5 model runs in this
process, so its texts never leave the machine and are embedded as sent.
The body is read by assistant.embedding_request, whose bounds are fixed and told
in French: a script sending a whole archive in one request gets a clear refusal,
not a timeout.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from collectivia.assistant.embedding_request import embedding_request
from collectivia.assistant.gateway import ApiError, _api_error, _bearer, _token_user, read_request
from collectivia.assistant.protection import protect_call
from collectivia.assistant.turns import ensure_charter
from collectivia.core import audit
from collectivia.core.errors import CollectiviaError
from collectivia.core.models import User
from collectivia.llm import Completion, get_router
from collectivia.llm.admission import Admission, admit, release
from collectivia.llm.embedding import Embeddings, LocalEmbedder
from collectivia.llm.usage import daily_quota, record_call
from collectivia.web.deps import database, settings_of

SOURCE = "passerelle"


@dataclass
class EmbeddingCall:
    user_id: int
    role: str
    model: str
    texts: list[str]              # as the backend receives them (pseudonymised if upstream)
    encoding_format: str
    dimensions: int | None
    reservation: Admission
    categories: dict          # personal data found and replaced, by category (for the audit)


def _admit(request: Request, raw: bytes) -> EmbeddingCall:
    """Token, request, charter, model, window, privacy and limits, in one session.
    A refusal for personal data is raised after the commit, so that it stays audited."""
    settings = settings_of(request)
    refusal = None
    with database(request).session() as session:
        user = _token_user(session, request)
        router = get_router(settings, session, user.role)
        body = read_request(raw, embedding_request)
        ensure_charter(session, user)
        embedder, config = router.embedding_route(body.model)
        texts = body.input
        for i, text in enumerate(texts):
            if (tokens := embedder.count_tokens(text)) > config.context:
                raise ApiError(400, f"input[{i}] dépasse la fenêtre du modèle « {config.alias} » : "
                                    f"environ {tokens} jetons pour {config.context} au plus. "
                                    "Découpez le texte en passages plus courts.",
                               param="input", code="context_length_exceeded")
        categories: dict = {}
        if not isinstance(embedder, LocalEmbedder):     # the text leaves the machine
            protection = protect_call(texts, settings)
            texts, categories = protection.texts, protection.categories
            if protection.blocked:
                audit.record(session, "assistant.refus", actor=user, outcome="refusé",
                             details={"modele": config.alias, "categories": categories,
                                      "bloque": True, "source": SOURCE})
                refusal = ApiError(400, protection.explanation, param="input",
                                   code="personal_data_blocked")
        if refusal is None:
            reservation = admit(session, user, config, sum(map(embedder.count_tokens, texts)), 0,
                                daily_quota(session, user))
            call = EmbeddingCall(user.id, user.role, config.alias, texts, body.encoding_format,
                                 body.dimensions, reservation, categories)
    if refusal is not None:
        raise refusal
    return call


def _embed(request: Request, call: EmbeddingCall) -> Embeddings:
    """The backend's vectors, then usage and audit; a failure gives back what the call held."""
    settings = settings_of(request)
    router = get_router(settings, database(request), call.role)
    try:
        result = router.embed(call.texts, call.model, call.dimensions)
    except CollectiviaError as exc:
        with database(request).session() as session:
            release(session, call.reservation)
            audit.record(session, "assistant.echec", actor=session.get(User, call.user_id),
                         object_type="passerelle", outcome="échec",
                         details={"modele": call.model, "source": SOURCE, "usage": "vectorisation",
                                  "raison": type(exc).__name__})
        raise
    with database(request).session() as session:
        user = session.get(User, call.user_id)
        record_call(session, user, Completion(text="", model=call.model,
                                              prompt_tokens=result.prompt_tokens,
                                              completion_tokens=0, backend=result.backend),
                    SOURCE, router, settings, call.reservation)
        audit.record(session, "assistant.vectorisation", actor=user, object_type="passerelle",
                     details={"modele": call.model, "moteur": result.backend,
                              "textes": len(call.texts), "jetons": result.prompt_tokens,
                              "categories": call.categories, "source": SOURCE})
    return result


def _encoded(vector: list[float], encoding_format: str) -> list[float] | str:
    """As OpenAI sends it: floats, or little-endian float32 in base64 (the official Python
    client asks for base64 by default)."""
    if encoding_format == "base64":
        return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")
    return vector


async def embeddings(request: Request):
    try:
        _bearer(request)
        call = await run_in_threadpool(_admit, request, await request.body())
        result = await run_in_threadpool(_embed, request, call)
    except ApiError as exc:
        return exc.response()
    except CollectiviaError as exc:
        return _api_error(exc).response()
    return JSONResponse({
        "object": "list", "model": call.model,
        "data": [{"object": "embedding", "index": i,
                  "embedding": _encoded(vector, call.encoding_format)}
                 for i, vector in enumerate(result.vectors)],
        "usage": {"prompt_tokens": result.prompt_tokens, "total_tokens": result.prompt_tokens}})


ROUTES = [Route("/v1/embeddings", embeddings, methods=["POST"])]
