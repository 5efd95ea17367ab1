"""From a question to an answer: the FAQ first, then the texts, re-ranked and cited or not.

Three honest outcomes: the HR service's published answer (FAQ); a cited
answer (the sentences that answer, quoted, with the article and its version);
or "les textes ne répondent pas" with the hand-over to the HR service. Related
texts are offered under an outcome, never as the answer. Whether an article is
cited is decided in one place, `policy.py`, for the extractive answer and the
model's answer alike.

`respond` does not write anything: `service.ask` records what it returns, and
the evaluation calls it directly on question sets.
"""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.hrdesk import extractive, faq, generative, memory, policy, reranker
from collectivia.hrdesk.answer import Answer
from collectivia.hrdesk.models import ABSTAINED, ANSWERED, FROM_FAQ
from collectivia.hrdesk.questions import clean_question, kind_of
from collectivia.knowledge import vocabulary
from collectivia.knowledge.access import readable_document_ids
from collectivia.knowledge.retrieval import Query, readable, search, unknown_terms

CANDIDATES = 50     # articles of the hybrid search the re-ranker re-orders (the right one is among
                    # the first 50 for 96 % of answerable training questions, 91 % of the first 20)
ABSTAIN_TEXT = ("Les textes dont je dispose ne répondent pas à votre question. {reason} "
                "Plutôt que de risquer une réponse inexacte, je vous propose de la transmettre "
                "au service RH, qui vous répondra.")


def question_context(session: Session, user: User, text: str, expanded: Query,
                     questions: memory.QuestionMemory | None = None) -> reranker.QuestionContext:
    """What the re-ranker needs to know of the question, measured on the texts `user` may read
    only (a word of a restricted note is as absent, and as rare, as any unknown word); `questions`
    is the memory of training questions (the shipped one unless given)."""
    view = readable(session, readable_document_ids(session, user))
    own = Query.of(text, with_vector=False).stems
    content = [s for s in dict.fromkeys(own) if len(s) > 2]
    unknown = [s for s in unknown_terms(view, Query(text, own, None)) if len(s) > 2]
    questions = memory.shipped() if questions is None else questions
    return reranker.QuestionContext(text, own, expanded.stems, kind_of(text),
                                    len(unknown) / len(content) if content else 0.0,
                                    view.idf, questions.evidence(expanded.vector, own),
                                    expanded.vector)


def ranked_candidates(session: Session, user: User, text: str, query: Query, on: date | None = None
                      ) -> tuple[reranker.QuestionContext, list[reranker.Candidate]]:
    """The hybrid search's candidates, re-ranked by the probability that they answer: only the
    versions in force on `on` (the day asked by default) ever compete."""
    passages = search(session, user, query, k=CANDIDATES, on=on)
    context = question_context(session, user, text, query)
    return context, reranker.shipped().rank(context, reranker.candidates_of(context, passages))


def respond(session: Session, user: User, question: str, *, settings=None,
            use_model: bool = True, use_faq: bool = True, on: date | None = None) -> Answer:
    """The answer from the texts in force on `on` (the day of the question by default)."""
    started = time.perf_counter()
    text = clean_question(question)
    query = reranker.shipped_glossary().query(text, vocabulary.local_glossary(session))
    answer = None
    if use_faq:
        entry = faq.match(session, query)
        if entry is not None:
            answer = Answer(text, FROM_FAQ, entry.answer, faq=entry,
                            cited=faq.cited_passages(session, user, entry, on))
    if answer is None:
        answer = _from_texts(session, user, text, query, settings, use_model, on)
    answer.latency_ms = round((time.perf_counter() - started) * 1000)
    return answer


def _from_texts(session, user, text: str, query: Query, settings, use_model: bool,
                on: date | None) -> Answer:
    context, ranked = ranked_candidates(session, user, text, query, on)
    decision = policy.shipped().decide(context.kind, ranked)
    retrieved = [c.passage for c in ranked]
    related = [c.passage for c in decision.related]
    best = ranked[0].probability if ranked else 0.0
    if not decision.cite:
        return Answer(text, ABSTAINED, ABSTAIN_TEXT.format(reason=decision.reason),
                      retrieved=retrieved, related=related, reason=decision.reason,
                      probability=best)
    if use_model and settings is not None:
        generated = generative.try_answer(session, user, text,
                                          [c.passage for c in decision.cited], settings)
        if generated is not None:
            generated.retrieved, generated.related, generated.probability = retrieved, related, best
            return generated
    body, cited = extractive.compose(decision.cited)
    return Answer(text, ANSWERED, body, cited=cited, retrieved=retrieved, related=related,
                  probability=best)
