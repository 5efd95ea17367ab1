"""The answer with a model: short, plain French, citing inline, then checked sentence by sentence.

The question goes through `privacy.protect` before it leaves (fail closed: if
the privacy engine fails or blocks it, no model is called and the extractive
answer is given). The passages are legal texts, not personal data. The model
is told to cite every sentence; each sentence is then checked against the
passages it cites: it must cite one that was given, every figure it states
must appear in that passage, and most of its meaningful words must come from
it. Sentences that fail are removed and the answer is flagged, so the agent
knows a part was dropped.

The call is held and counted like every model call on the platform
(`llm.usage`): the model's request limits, the agent's daily tokens and the
direction's monthly euros are held before it, its tokens, cost and energy
recorded after it under the source `questions-rh`, so the referent IA and the
benefits report see what Questions RH costs. A call the limits refuse is not
an error for the agent: the extractive answer, which costs nothing, is given.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy.orm import Session

from collectivia.core.errors import CollectiviaError
from collectivia.core.models import User
from collectivia.hrdesk.answer import Answer
from collectivia.hrdesk.models import ANSWERED
from collectivia.knowledge.index import fold, tokens
from collectivia.knowledge.retrieval import Passage

log = logging.getLogger(__name__)

CITATION = re.compile(r"\[([^\[\]]{1,120})\]")
NUMBER = re.compile(r"\d+(?:[,.]\d+)?")
MIN_SUPPORT = 0.6
SOURCE = "questions-rh"     # the usage accounting's name for these calls (governance.benefits)
MAX_TOKENS = 400

SYSTEM_PROMPT = (
    "Tu es l'assistant RH d'une collectivité territoriale. Réponds en français simple, en trois "
    "phrases au plus, UNIQUEMENT à partir des extraits fournis. Termine chaque phrase par la "
    "référence de l'extrait qui l'appuie, entre crochets, par exemple [L621-1]. N'ajoute aucune "
    "information absente des extraits (aucun montant, aucune durée, aucun nombre de jours qui n'y "
    "figure pas). Si les extraits ne permettent pas de répondre, écris seulement : JE NE SAIS PAS."
)


def _prompt(question: str, passages: list[Passage]) -> str:
    blocks = [f"[{p.citation}]\n{p.text}" for p in passages]
    return "Extraits :\n\n" + "\n\n".join(blocks) + f"\n\nQuestion : {question}"


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ])", text.strip()) if s.strip()]


def supported(sentence: str, passages: dict[str, Passage]) -> list[Passage] | None:
    """The passages a sentence cites if they support it, else None."""
    refs = [r.strip() for r in CITATION.findall(sentence)]
    cited = [passages[r] for r in refs if r in passages]
    if not cited or len(cited) != len(refs):
        return None
    claim = CITATION.sub("", sentence)
    source = "\n".join(p.text for p in cited)
    if any(n not in source for n in NUMBER.findall(claim)):
        return None
    claim_stems = set(tokens(claim))
    if not claim_stems:
        return None
    source_stems = set(tokens(source))
    if len(claim_stems & source_stems) / len(claim_stems) < MIN_SUPPORT:
        return None
    return cited


def check(text: str, passages: list[Passage]) -> tuple[list[str], list[str], list[Passage]]:
    """(kept sentences, removed sentences, passages actually cited)."""
    by_ref = {p.citation: p for p in passages}
    kept, removed, cited = [], [], []
    for sentence in split_sentences(text):
        support = supported(sentence, by_ref)
        if support is None:
            removed.append(sentence)
            continue
        kept.append(sentence)
        cited += [p for p in support if p not in cited]
    return kept, removed, cited


def _counted_completion(session: Session, user: User, router, messages, settings):
    """The model's completion, held on the limits before and counted after; None when the
    limits refuse it or the model fails (what it held is then given back).

    The session is committed once the call is admitted, so no lock on the agent's day or
    the direction's month is kept while the model answers (the assistant's calls wait on
    those rows), and again once it is counted, so a call that was paid for stays counted
    even if recording the question fails afterwards.
    """
    from collectivia.llm import admission
    from collectivia.llm.types import estimate_prompt_tokens
    from collectivia.llm.usage import admit_call, record_call

    try:
        held = admit_call(session, user, router, None, estimate_prompt_tokens(messages),
                          MAX_TOKENS)
    except CollectiviaError as refusal:
        log.info("Questions RH model call not admitted: %s", refusal.message)
        return None
    session.commit()
    try:
        completion = router.complete(messages, max_tokens=MAX_TOKENS, temperature=0.1)
    except BaseException as failure:
        admission.release(session, held)
        session.commit()
        if isinstance(failure, CollectiviaError):    # unavailable, context too long...
            return None
        raise
    record_call(session, user, completion, SOURCE, router, settings, held)
    session.commit()
    return completion


def try_answer(session: Session, user: User, question: str, passages: list[Passage],
               settings) -> Answer | None:
    """A checked model answer, or None (no model, privacy refusal, nothing supported)."""
    from collectivia.llm import ChatMessage, get_router
    from collectivia.privacy import PrivacyFailure, protect, reidentify

    router = get_router(settings, session, user.role)
    if not router.available or not passages:
        return None
    scope = f"hrdesk:{user.id}"
    try:
        protected = protect(session, question, policy="assistant", scope=scope, settings=settings)
    except PrivacyFailure:
        log.warning("privacy engine failed: extractive answer instead")
        return None
    if protected.blocked:
        return None
    messages = [ChatMessage(role="system", content=SYSTEM_PROMPT),
                ChatMessage(role="user", content=_prompt(protected.text, passages))]
    completion = _counted_completion(session, user, router, messages, settings)
    if completion is None:
        return None
    raw = reidentify(session, completion.text, scope=scope, settings=settings)
    if "JE NE SAIS PAS" in fold(raw).upper():
        return None
    kept, removed, cited = check(raw, passages)
    if not kept:
        return None
    return Answer(question, ANSWERED, " ".join(kept), cited=cited, mode="modèle",
                  model=completion.model, flagged=bool(removed), removed=removed)
