"""The body of a /v1/chat/completions request, read by pydantic and refused in French.

A client written for OpenAI (Open WebUI, an office add-in, a script) sends many
fields the gateway has no use for (`top_p`, `user`, `n`, `tools`...): they are
accepted, as OpenAI accepts them, and kept in `model_extra`, but never sent on.
Only the pseudonymised messages, the token limit and the temperature leave the
machine: forwarding the other fields as they are would let text (a tool's
description, a predicted output) reach the model around the privacy engine.

A malformed body gets a single French error naming the field at fault, the first
one in the order the gateway has always checked them, so that a client's error
message does not depend on pydantic's internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import (Discriminator, Field, StrictBool, StrictInt, StrictStr, Tag,
                      ValidationError)

from collectivia.assistant.request_body import (MalformedRequest, ModelName, OpenAIObject,
                                                no_model, not_an_object)

DEFAULT_TEMPERATURE = 0.2   # steady answers for administrative writing
MAX_TOKENS = 1_000_000      # far beyond any model's window: a bound, not a setting


class TextPart(OpenAIObject):
    """One part of a message's content given as a list: only text can be pseudonymised."""

    type: Literal["text"]
    text: StrictStr


def _content_kind(content: object) -> str:
    """A list of parts or plain text: tells pydantic which one to check, for a precise error."""
    return "parts" if isinstance(content, list) else "text"


Content = Annotated[Annotated[StrictStr, Tag("text")] | Annotated[list[TextPart], Tag("parts")],
                    Discriminator(_content_kind)]


class Message(OpenAIObject):
    role: Literal["system", "user", "assistant", "developer"]
    content: Content

    @property
    def speaker(self) -> str:
        """The role as every backend knows it: OpenAI's newer « developer » is a system message."""
        return "system" if self.role == "developer" else self.role

    @property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else "\n".join(
            part.text for part in self.content)


class StreamOptions(OpenAIObject):
    include_usage: StrictBool | None = None


class ChatRequest(OpenAIObject):
    model: ModelName
    messages: list[Message] = Field(min_length=1)
    max_tokens: StrictInt | None = Field(default=None, ge=1, le=MAX_TOKENS)
    max_completion_tokens: StrictInt | None = Field(default=None, ge=1, le=MAX_TOKENS)
    temperature: float | None = Field(default=None, ge=0, le=2, strict=True)
    stream: StrictBool = False
    stream_options: StreamOptions | None = None

    @property
    def conversation(self) -> list[tuple[str, str]]:
        """(role, text) of each message, as the privacy engine and the backends read them."""
        return [(message.speaker, message.text) for message in self.messages]

    @property
    def requested_tokens(self) -> int | None:
        """The answer's length the client asked for, under either of OpenAI's two names."""
        return self.max_tokens or self.max_completion_tokens

    @property
    def sampling_temperature(self) -> float:
        return DEFAULT_TEMPERATURE if self.temperature is None else float(self.temperature)

    @property
    def include_usage(self) -> bool:
        return bool(self.stream_options and self.stream_options.include_usage)


def chat_request(body: object) -> ChatRequest:
    """The decoded JSON body as a request, or the first thing wrong with it."""
    try:
        return ChatRequest.model_validate(body)
    except ValidationError as exc:
        raise _first_problem(exc) from None


# The order in which the gateway has always checked a request: the first problem found in this
# order is the one reported, whatever else is wrong.
_CHECK_ORDER = ("", "model", "messages", "role", "max_tokens", "max_completion_tokens",
                "temperature", "stream", "content", "stream_options")


def _first_problem(exc: ValidationError) -> MalformedRequest:
    first = min((error["loc"] for error in exc.errors()), key=_check_rank)
    return _problem_at(first)


def _check_rank(loc: Sequence[str | int]) -> tuple[int, int]:
    field, index = _field_of(loc)
    return _CHECK_ORDER.index(field), index


def _field_of(loc: Sequence[str | int]) -> tuple[str, int]:
    """The checked field an error is about, with the message's index for a message's field.

    A message that is not an object at all is reported on its role, as it always was.
    """
    if not loc:
        return "", 0
    if loc[0] == "messages" and len(loc) > 1:
        return ("content" if len(loc) > 2 and loc[2] == "content" else "role"), int(loc[1])
    return str(loc[0]), 0


def _problem_at(loc: Sequence[str | int]) -> MalformedRequest:
    field, index = _field_of(loc)
    where = f"messages[{index}]"
    if field == "":
        return not_an_object()
    if field == "model":
        return no_model()
    if field == "role":
        return MalformedRequest(f"{where}.role doit valoir system, user ou assistant.",
                                f"{where}.role")
    if field == "content" and "parts" in loc:
        return MalformedRequest(f"{where} : seules les parties de type « text » sont prises en "
                                "charge (pas d'images ni de fichiers).", f"{where}.content")
    if field == "content":
        return MalformedRequest(f"{where}.content doit être une chaîne de caractères.",
                                f"{where}.content")
    return MalformedRequest(_FIELD_MESSAGES[field], field)


_FIELD_MESSAGES = {
    "messages": "Le champ « messages » doit être une liste non vide.",
    "max_tokens": "« max_tokens » doit être un entier positif.",
    "max_completion_tokens": "« max_completion_tokens » doit être un entier positif.",
    "temperature": "« temperature » doit être un nombre entre 0 et 2.",
    "stream": "« stream » doit être true ou false.",
    "stream_options": "« stream_options » doit être un objet, par exemple "
                      "{\"include_usage\": true}.",
}
