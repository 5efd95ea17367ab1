"""The few value types every caller of `collectivia.llm` handles."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from collectivia.core.errors import CollectiviaError, Forbidden, InvalidInput

ROLES = ("system", "user", "assistant")


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass
class Completion:
    """A finished answer and what it cost, as the backend that produced it reported it."""

    text: str
    model: str            # the alias the caller asked for (e.g. "redaction")
    prompt_tokens: int
    completion_tokens: int
    backend: str = ""     # which configured backend answered (after fallbacks)
    upstream_model: str = ""
    latency_s: float = 0.0
    finish_reason: str = "stop"
    failed_backends: list[str] = field(default_factory=list)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class LLMUnavailable(CollectiviaError):
    """No model configured, or every backend able to serve the model failed."""

    status_code = 503


class UnknownModel(InvalidInput):
    status_code = 404

    def __init__(self, model: str, known: list[str]):
        listed = ", ".join(known) or "aucun"
        super().__init__(f"Le modèle « {model} » n'existe pas sur cette plateforme "
                         f"(modèles disponibles : {listed}).")
        self.model = model


class ModelNotAllowed(Forbidden):
    """The model exists, but the administrator has not opened it to this role."""

    def __init__(self, model: str, role_label: str, allowed: list[str]):
        listed = ", ".join(allowed) or "aucun"
        super().__init__(f"Le modèle « {model} » n'est pas ouvert à votre rôle « {role_label} » "
                         f"(modèles que vous pouvez utiliser : {listed}). Adressez-vous à "
                         "l'administrateur pour y avoir accès.")
        self.model = model


class ContextTooLong(InvalidInput):
    """The prompt does not fit in the model's context window: refused before any call."""

    status_code = 400

    def __init__(self, prompt_tokens: int, max_tokens: int, context: int):
        super().__init__(
            f"Le texte envoyé est trop long pour ce modèle : environ {prompt_tokens} jetons, plus "
            f"{max_tokens} jetons de réponse, pour une fenêtre de {context} jetons. Raccourcissez "
            "le texte ou la pièce jointe.")
        self.prompt_tokens = prompt_tokens
        self.context = context


def estimate_tokens(text: str) -> int:
    """A conservative token count for French text when the backend gives none.

    Subword tokenizers produce about one token per 3.5 characters of French;
    rounding that down to 3 over-estimates, which is the safe side for context checks.
    """
    return math.ceil(len(text) / 3) if text else 0


def estimate_prompt_tokens(messages: list[ChatMessage]) -> int:
    # about 4 tokens of chat-template framing per message
    return sum(estimate_tokens(m.content) + 4 for m in messages)
