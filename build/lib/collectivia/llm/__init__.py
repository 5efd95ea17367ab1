"""Model backends behind one interface, with usage and carbon accounting.

Contract for the other domains (see the brief):

    from collectivia.llm import get_router, ChatMessage, LLMUnavailable
    router = get_router(settings)
    router.available                 # False in "aucun modèle" mode
    router.complete(messages, model=None, max_tokens=512, temperature=0.2) -> Completion
    router.stream(...)               # text pieces; `.completion` once exhausted

Every text sent must have gone through `collectivia.privacy.protect` first.
`collectivia.llm.usage.record_call(...)` counts a call's tokens, cost and carbon.
"""

from collectivia.llm.router import CompletionStream, ModelInfo, Router, get_router
from collectivia.llm.types import (ChatMessage, Completion, ContextTooLong, LLMUnavailable,
                                   UnknownModel)

__all__ = ["ChatMessage", "Completion", "CompletionStream", "ContextTooLong", "LLMUnavailable",
           "ModelInfo", "Router", "UnknownModel", "get_router"]
