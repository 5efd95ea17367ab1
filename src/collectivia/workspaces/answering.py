"""Answers from a workspace's documents only, cited, or an honest "they do not answer".

The search is limited to the workspace's documents before ranking
(`retrieval.search(within=...)`): another workspace's passage, or the HR
base, can never surface. A passage counts as an answer only if it shares
enough of the question's meaningful words; dense similarity alone always
finds a "nearest" passage, which is not an answer.

With a chat model (llm.get_router for the user's role) the question *and*
the passages are pseudonymised in one vault scope before the call (a
workspace's notes may name people), the answer re-identified, then checked
sentence by sentence against the passages it cites (hrdesk.generative.check);
with no model, a refused or unsupported answer, the best sentences are quoted
with their source. Nothing is ever guessed. As for the assistant's turns, the
model is asked between two short transactions (`prepare`, `call_model`,
`finish`): on SQLite a transaction holds every other user's writes.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy.orm import Session

from collectivia.core.errors import CollectiviaError
from collectivia.core.models import User
from collectivia.hrdesk.extractive import score_units
from collectivia.hrdesk.generative import check
from collectivia.hrdesk.questions import kind_of
from collectivia.knowledge.index import tokens
from collectivia.knowledge.retrieval import Passage, Query, readable, search
from collectivia.llm.admission import Admission, release
from collectivia.llm.usage import admit_call, record_call

if TYPE_CHECKING:
    from collectivia.llm.router import Router

log = logging.getLogger(__name__)

CANDIDATES = 8
QUOTED = 3
MAX_TOKENS = 400               # a short answer from the quoted passages
MIN_SHARED = 0.5        # of the question's meaningful words a passage must contain
NO_ANSWER = ("Les documents de l'espace ne répondent pas à cette question. Reformulez-la, ou "
             "demandez à un gestionnaire de l'espace d'y ajouter le document qui y répond.")
SYSTEM_PROMPT = (
    "Tu réponds aux agents d'une collectivité territoriale à partir des documents de leur espace "
    "partagé. Réponds en français simple, en trois phrases au plus, UNIQUEMENT à partir des "
    "extraits fournis. Termine chaque phrase par la référence de l'extrait qui l'appuie, entre "
    "crochets, telle qu'elle est écrite. N'ajoute aucune information absente des extraits. Si "
    "les extraits ne permettent pas de répondre, écris seulement : JE NE SAIS PAS."
)


@dataclass
class Answer:
    text: str
    cited: list[Passage] = field(default_factory=list)
    mode: str = "extractif"
    model: str = ""
    answered: bool = True


def relevant_passages(session: Session, user: User, question: str,
                      document_ids: list[int]) -> list[Passage]:
    """The workspace's passages that share most of the question's words, best first."""
    if not document_ids:
        return []
    wanted = {s for s in tokens(question) if len(s) > 2}
    if not wanted:
        return []
    passages = search(session, user, Query.of(question), k=CANDIDATES, within=document_ids)
    needed = max(1, math.ceil(MIN_SHARED * len(wanted)))
    return [p for p in passages
            if len(wanted & set(tokens(f"{p.section} {p.text}"))) >= needed]


def extractive(session: Session, question: str, passages: list[Passage],
               document_ids: list[int]) -> Answer:
    """The best sentences, quoted with the document's title and the passage; words weighed by
    their rarity in the workspace's documents, the only ones its members read."""
    view = readable(session, document_ids)

    def weight(stem: str) -> float:
        return view.idf(stem, absent=1.0)

    units = score_units(tokens(question), passages, weight, kind_of(question))
    parts, cited = [], []
    for passage in passages[:QUOTED]:
        best = [u for u in units if u.passage is passage][:2]
        text = " ".join(u.text for u in sorted(best, key=lambda u: u.order)) or passage.text[:600]
        parts.append(f"« {text.strip()} » [{passage.citation}]")
        cited.append(passage)
    return Answer("\n\n".join(parts), cited)


@dataclass
class Prepared:
    """A question ready to answer: its passages and, when a model will be asked, the protected
    messages. Holds no session: the model is called with no transaction open."""

    question: str
    scope: str
    passages: list[Passage] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)   # the workspace's, checked by the caller
    router: Router | None = None
    messages: list = field(default_factory=list)
    user_id: int | None = None
    admission: Admission | None = None        # the call's hold on quota, budget and model limits


def prepare(session: Session, user: User, question: str, document_ids: list[int], *,
            scope: str, settings=None) -> Prepared:
    """Step 1 (short transaction): the passages, and the protected prompt when a model answers.
    Rights are the caller's: `document_ids` are those of a workspace the user belongs to."""
    prepared = Prepared(question, scope, relevant_passages(session, user, question, document_ids),
                        document_ids=list(document_ids))
    if prepared.passages and settings is not None:
        _protected_prompt(session, user, prepared, settings)
    return prepared


def _protected_prompt(session: Session, user: User, prepared: Prepared, settings) -> None:
    """The question and the passages pseudonymised in the conversation's scope; fail closed."""
    from collectivia.assistant.protection import protect_all
    from collectivia.llm import ChatMessage, get_router

    router = get_router(settings, session, user.role)
    if not router.available:
        return
    blocks = [f"[{p.citation}]\n{p.text}" for p in prepared.passages[:QUOTED]]
    try:
        protection = protect_all(session, [prepared.question, *blocks], prepared.scope, settings)
    except Exception:     # noqa: BLE001 - fail closed: nothing leaves, the quoted answer instead
        log.warning("privacy engine failed: extractive workspace answer instead")
        return
    if protection.blocked:
        return
    question, *protected_blocks = protection.texts
    prompt = "Extraits :\n\n" + "\n\n".join(protected_blocks) + f"\n\nQuestion : {question}"
    try:        # held like any model call; refused (quota, budget, limit): the quoted answer
        prepared.admission = admit_call(session, user, router, None,
                                        (len(SYSTEM_PROMPT) + len(prompt)) // 3, MAX_TOKENS)
    except CollectiviaError as refusal:
        log.info("workspace model call not admitted: %s", refusal.message)
        return
    prepared.router, prepared.user_id = router, user.id
    prepared.messages = [ChatMessage(role="system", content=SYSTEM_PROMPT),
                         ChatMessage(role="user", content=prompt)]


def call_model(prepared: Prepared):
    """Step 2 (no transaction open): the model's completion, or None."""
    if prepared.router is None:
        return None
    try:
        return prepared.router.complete(prepared.messages, max_tokens=MAX_TOKENS, temperature=0.1)
    except CollectiviaError:      # unavailable, context too long, model withdrawn: quoted answer
        return None


def finish(session: Session, prepared: Prepared, completion, settings) -> Answer:
    """Step 3 (short transaction): the re-identified and checked model answer, else the quoted
    sentences, else "the documents do not answer"."""
    if prepared.admission is not None:        # settle what the call held, or give it back
        if completion is not None:
            record_call(session, session.get(User, prepared.user_id), completion, "espaces",
                        cast("Router", prepared.router), settings, prepared.admission)  # set with the admission
        else:
            release(session, prepared.admission)
    if not prepared.passages:
        return Answer(NO_ANSWER, answered=False)
    if completion is not None:
        from collectivia.assistant.protection import reidentify

        raw = reidentify(session, completion.text, prepared.scope, settings)
        if "JE NE SAIS PAS" not in raw.upper():
            kept, _removed, cited = check(raw, prepared.passages[:QUOTED])
            if kept:
                return Answer(" ".join(kept), cited, mode="modèle", model=completion.model)
    return extractive(session, prepared.question, prepared.passages, prepared.document_ids)
