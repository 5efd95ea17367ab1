"""What every /v1 request body has in common, read by pydantic and refused in French.

The chat and embeddings endpoints each describe their body as a pydantic model
(assistant.chat_request, assistant.embedding_request); both accept the fields
OpenAI defines and they do not use, name a model, and refuse a malformed body
with one French error naming the field at fault, which the gateway turns into
OpenAI's 400 (assistant.gateway.read_request).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr


class MalformedRequest(Exception):
    """A request body the gateway cannot read, with the field at fault (OpenAI's `param`)."""

    def __init__(self, message: str, param: str | None, code: str | None = None):
        super().__init__(message)
        self.message, self.param, self.code = message, param, code


class OpenAIObject(BaseModel):
    """Fields OpenAI defines and the gateway does not use are accepted, not refused."""

    model_config = ConfigDict(extra="allow")


ModelName = Annotated[StrictStr, Field(min_length=1)]


def not_an_object() -> MalformedRequest:
    return MalformedRequest("Le corps de la requête doit être un objet JSON.", None, "invalid_json")


def no_model() -> MalformedRequest:
    return MalformedRequest("Le champ « model » est obligatoire (voir GET /v1/models).", "model")
