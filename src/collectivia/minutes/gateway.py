"""POST /v1/audio/transcriptions: the gateway's speech-to-text, for personal API tokens.

Same rules as /v1/chat/completions (assistant.gateway): a valid token, the charter
accepted, the model open to the token holder's role, the quota, the direction's budget
and the model's request limits held before the call (`llm.admission`, sized on the
recording's length), usage and audit. The audio arrives in a temporary file (the
request guard counts its bound as it streams), is checked like an upload of the page
(format, size, length) and streamed to the declared transcription backend; the text
goes back as is to the token holder, who sent the recording (nothing is stored but
the audit and usage; the temporary file goes with the request).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from collectivia.assistant.gateway import ApiError, _api_error, _authenticate, _token_user
from collectivia.assistant.turns import ensure_charter
from collectivia.core import audit
from collectivia.core.errors import CollectiviaError
from collectivia.core.models import User
from collectivia.llm import Completion, get_router
from collectivia.llm.admission import release
from collectivia.llm.usage import admit_transcription, record_call
from collectivia.minutes.audio import inspect, mapped
from collectivia.web.deps import database, settings_of

SOURCE = "passerelle"


def _admit(request: Request, model: str, data) -> tuple[int, str, str, object]:
    settings = settings_of(request)
    with database(request).session() as session:
        user = _token_user(session, request)
        ensure_charter(session, user)
        router = get_router(settings, session, user.role)
        if not router.transcription_available:
            raise ApiError(503, "Aucun modèle de transcription n'est disponible pour vous sur "
                                "cette plateforme.", "server_error", code="model_unavailable")
        alias = model or router.transcription_models()[0]
        if alias not in router.transcription_models():
            raise ApiError(404, f"Le modèle de transcription « {alias} » n'existe pas ici "
                                f"(disponibles : {', '.join(router.transcription_models())}).",
                           param="model", code="model_not_found")
        info = inspect(data, max_bytes=settings.minutes_max_audio_bytes,
                       max_seconds=settings.minutes_max_audio_seconds)
        reservation = admit_transcription(session, user, router, alias,
                                          info.seconds or settings.minutes_max_audio_seconds)
        return user.id, user.role, alias, (info, reservation)


def _transcribe(request: Request, user_id: int, role: str, alias: str, filename: str,
                audio, language: str, held) -> str:
    info, reservation = held
    settings = settings_of(request)
    router = get_router(settings, database(request), role)
    try:
        transcript = router.transcribe(audio, filename, alias, language)
    except Exception as exc:          # whatever failed, nothing stays held on the limits
        with database(request).session() as session:
            release(session, reservation)
            audit.record(session, "assistant.echec", actor=session.get(User, user_id),
                         object_type="passerelle", outcome="échec",
                         details={"modele": alias, "source": SOURCE, "usage": "transcription",
                                  "raison": type(exc).__name__})
        raise
    with database(request).session() as session:
        user = session.get(User, user_id)
        record_call(session, user, Completion(text="", model=alias, prompt_tokens=0,
                                              completion_tokens=transcript.tokens,
                                              backend=transcript.backend),
                    SOURCE, router, settings, reservation)
        audit.record(session, "assistant.transcription", actor=user, object_type="passerelle",
                     details={"modele": alias, "moteur": transcript.backend,
                              "format": info.format, "duree_s": round(info.seconds or 0),
                              "octets": audio.seek(0, 2), "source": SOURCE})
    return transcript.text


async def audio_transcriptions(request: Request):
    try:
        await run_in_threadpool(_authenticate, request)    # a valid token before the body is read
        async with request.form(max_files=1) as form:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise ApiError(400, "Le champ « file » (l'enregistrement) est obligatoire.",
                               param="file")
            model, language = str(form.get("model", "")), str(form.get("language", "fr"))[:10]
            with mapped(upload.file) as data:
                user_id, role, alias, held = await run_in_threadpool(_admit, request, model, data)
            text = await run_in_threadpool(_transcribe, request, user_id, role, alias,
                                           upload.filename or "audio", upload.file, language, held)
    except ApiError as exc:
        return exc.response()
    except CollectiviaError as exc:
        return _api_error(exc).response()
    return JSONResponse({"text": text})
