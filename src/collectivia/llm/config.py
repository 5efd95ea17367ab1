"""The model backends the operator configured, read from `COLLECTIVIA_LLM_BACKENDS` (JSON).

    [{"name": "albert", "type": "openai", "base_url": "https://.../v1", "api_key": "...",
      "timeout": 60,
      "models": [{"alias": "redaction", "model": "mistral-small", "context": 32000,
                  "params_b": 24, "price_in_eur_per_mtok": 0.1, "price_out_eur_per_mtok": 0.3,
                  "max_requests_per_minute": 60, "max_requests_per_day": 20000}]},
     {"name": "local", "type": "llamacpp", "path": "/srv/models/smollm2.gguf",
      "models": [{"alias": "redaction", "context": 2048, "params_b": 0.135}]}]

A model declared with `"kind": "transcription"` (OpenAI-compatible backends only) turns
speech into text through `{base_url}/audio/transcriptions`, one with `"kind": "embedding"`
turns text into vectors through `{base_url}/embeddings`; neither is offered for chat.

Several backends may serve the same alias: they are tried in the listed order,
the next one taking over when one fails or times out.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from collectivia.core.errors import InvalidInput


class ModelConfig(BaseModel):
    alias: str = Field(min_length=1, max_length=80)
    model: str = ""                 # upstream name; defaults to the alias
    context: int = Field(default=8192, ge=256)
    params_b: float | None = None   # total parameters, in billions (for the carbon estimate)
    active_params_b: float | None = None  # for mixture-of-experts models; defaults to params_b
    price_in_eur_per_mtok: float = 0.0
    price_out_eur_per_mtok: float = 0.0
    roles: list[str] = []           # roles allowed to use this alias here; empty: every role
    # requests accepted for the whole collectivité (llm.ratelimits); None: no limit
    max_requests_per_minute: int | None = Field(default=None, ge=1)
    max_requests_per_day: int | None = Field(default=None, ge=1)
    # "chat": /chat/completions; "transcription": /audio/transcriptions (speech to text);
    # "embedding": /embeddings (text to vectors)
    kind: Literal["chat", "transcription", "embedding"] = "chat"

    @model_validator(mode="after")
    def _known_roles(self) -> ModelConfig:
        from collectivia.core.roles import Role

        unknown = [r for r in self.roles if r not in {role.value for role in Role}]
        if unknown:
            raise ValueError(f"rôle inconnu pour le modèle « {self.alias} » : {unknown[0]}")
        return self

    def allows(self, role: str | None) -> bool:
        """Whether this role may use the model through this backend (None: no role filter)."""
        return role is None or not self.roles or role in self.roles

    @property
    def upstream(self) -> str:
        return self.model or self.alias


class BackendConfig(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    type: Literal["openai", "llamacpp"] = "openai"
    base_url: str = ""
    api_key: str = ""
    path: str = ""                  # GGUF file, for type "llamacpp"
    timeout: float = Field(default=60.0, gt=0)
    connect_timeout: float = Field(default=5.0, gt=0)
    models: list[ModelConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def _needs_target(self) -> BackendConfig:
        if self.type == "openai" and not self.base_url:
            raise ValueError(f"le moteur « {self.name} » (openai) n'a pas de base_url")
        if self.type == "llamacpp" and not self.path:
            raise ValueError(f"le moteur « {self.name} » (llamacpp) n'a pas de path")
        if self.type == "llamacpp" and any(m.kind != "chat" for m in self.models):
            raise ValueError(f"le moteur « {self.name} » (llamacpp) ne sert que des modèles "
                             "de conversation")
        return self


def parse_backends(raw: str | list) -> list[BackendConfig]:
    """The configured backends; an empty value means "aucun modèle"."""
    if isinstance(raw, str):
        if not raw.strip():
            return []
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"COLLECTIVIA_LLM_BACKENDS n'est pas un JSON valide ({exc.msg}, "
                               f"ligne {exc.lineno}).") from exc
    if not isinstance(raw, list):
        raise InvalidInput("COLLECTIVIA_LLM_BACKENDS doit être une liste JSON de moteurs.")
    try:
        backends = [BackendConfig.model_validate(item) for item in raw]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InvalidInput(f"COLLECTIVIA_LLM_BACKENDS est incorrect ({where} : {first['msg']}).") from exc
    names = [b.name for b in backends]
    if len(set(names)) != len(names):
        raise InvalidInput("COLLECTIVIA_LLM_BACKENDS : deux moteurs portent le même nom.")
    return backends
