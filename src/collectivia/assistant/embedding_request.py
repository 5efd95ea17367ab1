"""The body of a /v1/embeddings request, read by pydantic and refused in French.

OpenAI's `input` is one text or a list of them; both read as a list here. Token
arrays, which OpenAI also accepts, are refused: personal data must be found in
a text before it leaves the machine, and a list of token ids hides it. Bounds
are fixed and told in French, with the size at fault, so that a script sending
a whole archive in one request gets a clear refusal, not a timeout. Fields
OpenAI defines and the gateway does not use (`user`...) are accepted and ignored.

A malformed body gets a single French error naming the field at fault, the first
one in the order the gateway has always checked them: the model, the format,
the dimensions, the number of texts, then each text in turn.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from collectivia.assistant.request_body import (MalformedRequest, ModelName, OpenAIObject,
                                                no_model, not_an_object)

MAX_INPUTS = 256              # texts in one request
MAX_INPUT_CHARS = 30_000      # characters in one text, whatever the model's window
MAX_DIMENSIONS = 65_536       # beyond any model's vectors: a bound, not a setting


def _as_texts(value: object) -> object:
    """One text is a list of one; too many texts are refused before any of them is read."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and len(value) > MAX_INPUTS:
        raise PydanticCustomError("too_many_texts", "too many texts", {"count": len(value)})
    return value


def _readable(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("blank_text", "blank text")
    if len(text) > MAX_INPUT_CHARS:
        raise PydanticCustomError("long_text", "text too long", {"length": len(text)})
    return text


Text = Annotated[StrictStr, AfterValidator(_readable)]


class EmbeddingRequest(OpenAIObject):
    model: ModelName
    input: Annotated[list[Text], BeforeValidator(_as_texts), Field(min_length=1)]
    encoding_format: Literal["float", "base64"] = "float"
    dimensions: StrictInt | None = Field(default=None, ge=1, le=MAX_DIMENSIONS)


def embedding_request(body: object) -> EmbeddingRequest:
    """The decoded JSON body as a request, or the first thing wrong with it."""
    try:
        return EmbeddingRequest.model_validate(body)
    except ValidationError as exc:
        raise _problem(min(exc.errors(), key=_check_rank)) from None


# The order in which the gateway has always checked a request: the first problem found in this
# order is the one reported, whatever else is wrong.
_CHECK_ORDER = ("", "model", "encoding_format", "dimensions", "input")


def _check_rank(error: ErrorDetails) -> tuple[int, int]:
    """The field's place in the order, then the text's index (the whole list before any text)."""
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    return _CHECK_ORDER.index(field), int(loc[1]) if len(loc) > 1 else -1


def _problem(error: ErrorDetails) -> MalformedRequest:
    loc = error["loc"]
    if not loc:
        return not_an_object()
    if loc[0] == "model":
        return no_model()
    if loc[0] == "encoding_format":
        return MalformedRequest("« encoding_format » doit valoir « float » ou « base64 ».",
                                "encoding_format")
    if loc[0] == "dimensions":
        return MalformedRequest("« dimensions » doit être un entier positif.", "dimensions")
    if len(loc) > 1:
        return MalformedRequest(_text_problem(int(loc[1]), error), "input")
    if error["type"] == "too_many_texts":
        return MalformedRequest(f"Trop de textes dans une même demande : {error['ctx']['count']}, "
                                f"pour {MAX_INPUTS} au plus. Découpez-la en plusieurs demandes.",
                                "input")
    return MalformedRequest("Le champ « input » doit être un texte ou une liste non vide de "
                            "textes.", "input")


def _text_problem(index: int, error: ErrorDetails) -> str:
    where = f"input[{index}]"
    if error["type"] == "blank_text":
        return f"{where} est vide."
    if error["type"] == "long_text":
        return (f"{where} est trop long : {error['ctx']['length']} caractères, pour "
                f"{MAX_INPUT_CHARS} au plus. Découpez le texte en passages.")
    return (f"{where} doit être un texte : les listes de jetons ne sont pas acceptées (les données "
            "personnelles doivent pouvoir y être repérées).")
