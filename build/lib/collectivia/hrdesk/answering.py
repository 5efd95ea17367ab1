"""From a question to an answer: FAQ first, then retrieval, confidence, and a cited answer.

`respond` does not write anything: `service.ask` records what it returns, and
the evaluation calls it directly on the dev set.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.hrdesk import confidence, extractive, faq
from collectivia.hrdesk.models import ABSTAINED, ANSWERED, FROM_FAQ, LINKED, FaqEntry
from collectivia.hrdesk.questions import QuestionKind, clean_question, kind_of
from collectivia.knowledge import vocabulary
from collectivia.knowledge.glossary import expand
from collectivia.knowledge.retrieval import Passage, Query, loaded_index, search, unknown_terms

TOP_K = 10
UNIT_POOL = 5     # passages whose sentences compete for the extractive answer
ABSTAIN_TEXT = ("Je ne trouve pas de réponse sûre à votre question dans les textes dont je "
                "dispose. {reason} Plutôt que de risquer une réponse inexacte, je vous propose "
                "de la transmettre au service RH, qui vous répondra.")
LINKED_TEXT = ("Je ne peux pas désigner avec certitude l'article qui répond à votre question : "
               "plusieurs textes voisins s'en approchent. Voici les passages les plus proches, "
               "à lire en entier avant toute démarche ; si aucun ne répond, transmettez votre "
               "question au service RH.")


@dataclass
class Answer:
    question: str
    outcome: str
    text: str
    cited: list[Passage] = field(default_factory=list)
    retrieved: list[Passage] = field(default_factory=list)
    reason: str = ""
    mode: str = "extractif"
    model: str = ""
    flagged: bool = False
    removed: list[str] = field(default_factory=list)
    faq: FaqEntry | None = None
    latency_ms: int = 0
    linked: list[Passage] = field(default_factory=list)

    @property
    def related(self) -> list[Passage]:
        """The closest texts, offered to read, not cited as an answer: those quoted when the bot
        could not tell which article answers, the best retrieved ones on abstention."""
        if self.outcome == LINKED:
            return self.linked
        return self.retrieved[:3] if self.outcome == ABSTAINED else []


def _weight_function(session: Session):
    index = loaded_index(session).index
    n = max(index.size, 1)

    def weight(stem: str) -> float:
        df = index.doc_freq.get(stem, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else 0.0
    return weight


def respond(session: Session, user: User, question: str, *, settings=None,
            use_model: bool = True, use_faq: bool = True) -> Answer:
    started = time.perf_counter()
    text = clean_question(question)
    query = Query.of(expand(text, vocabulary.local_glossary(session)))
    kind = kind_of(text)
    answer = None
    if use_faq:
        entry = faq.match(session, query)
        if entry is not None:
            answer = Answer(text, FROM_FAQ, entry.answer, faq=entry,
                            cited=faq.cited_passages(session, user, entry))
    if answer is None:
        answer = _from_texts(session, user, text, query, kind, settings, use_model)
    answer.latency_ms = round((time.perf_counter() - started) * 1000)
    return answer


def _from_texts(session, user, text: str, query: Query, kind: QuestionKind, settings,
                use_model: bool) -> Answer:
    passages = search(session, user, query, k=TOP_K)
    weight = _weight_function(session)
    own_stems = Query.of(text, with_vector=False).stems
    units = extractive.score_units(own_stems, passages[:UNIT_POOL], weight, kind)
    unknown = [s for s in unknown_terms(session, Query(text, own_stems, None)) if len(s) > 2]
    verdict = confidence.assess(kind, passages, units, unknown, len(set(own_stems)))
    if not verdict.confident:
        return Answer(text, ABSTAINED, ABSTAIN_TEXT.format(reason=verdict.reason),
                      retrieved=passages, reason=verdict.reason)
    if use_model and settings is not None:
        from collectivia.hrdesk import generative

        generated = generative.try_answer(session, user, text, passages[:4], settings)
        if generated is not None:
            generated.retrieved = passages
            return generated
    chosen = extractive.citable(units, passages)
    if not chosen:
        reason = ("Les articles trouvés ne correspondent pas assez clairement à votre question "
                  "pour en citer un.")
        return Answer(text, ABSTAINED, ABSTAIN_TEXT.format(reason=reason), retrieved=passages,
                      reason=reason)
    if not extractive.confident(chosen, units):
        body, linked = extractive.compose(chosen, cite=False)
        return Answer(text, LINKED, f"{LINKED_TEXT}\n\n{body}", retrieved=passages,
                      linked=linked)
    body, cited = extractive.compose(chosen)
    return Answer(text, ANSWERED, body, cited=cited, retrieved=passages)
