"""Loopback stand-ins for a transcription server and a chat model that drafts minutes,
both recording what they receive (tests/minutes and bench/bench_minutes.py)."""

from __future__ import annotations

import io
import json
import re
import wave

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from fake_openai_upstream import FakeUpstream

SPOKEN = ("Bonjour à tous. Marie Lefèvre ouvre la séance du conseil. Il est décidé de refaire la "
          "toiture du gymnase. Marie Lefèvre appellera l'entreprise au 06 12 34 56 78 avant le "
          "15 janvier.")


class FakeTranscriber(FakeUpstream):
    """Answers POST /v1/audio/transcriptions with `text`, keeping each upload it receives."""

    def __init__(self, text: str = SPOKEN):
        super().__init__("ecoute")
        self.text = text
        self.uploads: list[dict] = []
        self.app.router.routes.append(Route("/v1/audio/transcriptions", self._transcribe,
                                            methods=["POST"]))

    def backend(self, alias: str = "transcription", **model) -> dict:
        entry = super().backend(alias, **model)
        entry["models"][0]["kind"] = "transcription"
        return entry

    async def _transcribe(self, request: Request):
        form = await request.form()
        audio = await form["file"].read()
        self.uploads.append({"model": form.get("model"), "language": form.get("language"),
                             "bytes": len(audio), "authorization": request.headers.get("authorization")})
        if self.mode == "error":
            return JSONResponse({"error": {"message": "boom"}}, status_code=500)
        return JSONResponse({"text": self.text})


class FakeDrafter(FakeUpstream):
    """A chat model answering a JSON compte rendu about the first pseudonym it was sent."""

    def reply_for(self, body: dict) -> str:
        sent = "\n".join(m["content"] for m in body.get("messages", []))
        found = re.search(r"Personne \d+", sent)
        who = found.group(0) if found else "quelqu'un"
        return "```json\n" + json.dumps({
            "resume": f"Séance ouverte par {who}.",
            "decisions": ["Refaire la toiture du gymnase."],
            "actions": [{"qui": who, "quoi": "Appeler l'entreprise", "quand": "15 janvier"}]},
            ensure_ascii=False) + "\n```"


def wav_of(seconds: float, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(seconds * rate))
    return buffer.getvalue()


def settings_with(tmp_path, backends: list[dict], **extra):
    """Test settings declaring these model backends (a module of its own, not `conftest`:
    another directory's conftest may hold that name when several are collected together)."""
    from collectivia.settings import Settings

    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    login_max_failures=5, jobs_in_process=False, warm_up=False,
                    llm_backends=json.dumps(backends), **extra)
