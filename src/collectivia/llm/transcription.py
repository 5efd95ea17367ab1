"""Speech to text through an OpenAI-compatible `POST {base_url}/audio/transcriptions`.

Whisper served by vLLM, Albert API, a faster-whisper server or OpenAI itself all take
the same multipart form (`file`, `model`, `language`, `response_format`) and answer
`{"text": ...}`. Like a chat backend, a transcriber either answers or raises
`BackendError` with a short French reason, and the router tries the next one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import BinaryIO

import httpx

from collectivia.llm.backends import BackendError
from collectivia.llm.config import BackendConfig, ModelConfig
from collectivia.llm.types import estimate_tokens

# an hour of audio takes a few minutes even on a GPU: the declared timeout, times this
TIMEOUT_FACTOR = 10
# French speech runs at about 150 words a minute, some 15 characters a second: 5 estimated
# tokens (llm.types.estimate_tokens) a second of recording
TOKENS_PER_SECOND = 5


def expected_tokens(seconds: float) -> int:
    """What a recording's transcript will count on quotas and budgets, held before it is sent."""
    return max(1, math.ceil(seconds * TOKENS_PER_SECOND))


@dataclass
class Transcript:
    text: str
    model: str          # the alias asked for
    backend: str
    upstream_model: str

    @property
    def tokens(self) -> int:
        """What the transcript counts on quotas and usage (its length in estimated tokens)."""
        return estimate_tokens(self.text)


class Transcriber:
    def __init__(self, config: BackendConfig):
        self.config = config
        self.name = config.name
        self._url = config.base_url.rstrip("/") + "/audio/transcriptions"
        self._headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}

    def transcribe(self, model: ModelConfig, audio: bytes | BinaryIO, filename: str,
                   language: str = "fr") -> Transcript:
        timeout = httpx.Timeout(self.config.timeout * TIMEOUT_FACTOR,
                                connect=self.config.connect_timeout)
        data = {"model": model.upstream, "response_format": "json"}
        if language:
            data["language"] = language
        try:
            response = httpx.post(self._url, headers=self._headers, timeout=timeout, data=data,
                                  files={"file": (filename, audio, "application/octet-stream")})
        except httpx.TimeoutException as exc:
            raise BackendError("délai de transcription dépassé") from exc
        except httpx.HTTPError as exc:
            raise BackendError(f"serveur injoignable ({type(exc).__name__})") from exc
        if response.status_code >= 400:
            raise BackendError(f"erreur HTTP {response.status_code} du serveur de transcription")
        try:
            text = response.json()["text"]
            if not isinstance(text, str):
                raise TypeError("text")
        except (ValueError, KeyError, TypeError) as exc:
            raise BackendError("réponse illisible du serveur de transcription") from exc
        return Transcript(text=text, model=model.alias, backend=self.name,
                          upstream_model=model.upstream)
