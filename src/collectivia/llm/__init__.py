"""Model backends behind one interface, with usage and carbon accounting.

Contract for the other domains (see the brief):

    from collectivia.llm import get_router, ChatMessage, LLMUnavailable
    router = get_router(settings)
    router.available                 # False in "aucun modèle" mode
    router.complete(messages, model=None, max_tokens=512, temperature=0.2) -> Completion
    router.stream(...)               # text pieces; `.completion` once exhausted

Every text sent must have gone through `collectivia.privacy.protect` first.
`collectivia.llm.usage.admit_call(...)` holds, before the call, its request on the model's
limits, its tokens on the user's quota and its cost on the direction's monthly budget (429 in
French when one is reached); `record_call(..., admission)` then counts the call's tokens, cost
and carbon and settles what it held; `admission.release(...)` gives it back if the call fails.
"""

from collectivia.llm.router import CompletionStream, ModelInfo, Router, get_router
from collectivia.llm.types import (ChatMessage, Completion, ContextTooLong, LLMUnavailable,
                                   UnknownModel)

__all__ = ["ChatMessage", "Completion", "CompletionStream", "ContextTooLong", "LLMUnavailable",
           "ModelInfo", "Router", "UnknownModel", "get_router"]
