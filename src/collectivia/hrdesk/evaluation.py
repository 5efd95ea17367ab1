"""`collectivia eval hrdesk FILE.jsonl`: the dev-set figures, with the eval README's definitions.

- recall@5 (answerable questions): min(1, |R5 ∩ G| / |E|), R5 = the first five
  distinct articles returned by the retriever, E = expected, G = E ∪ acceptable;
  the strict version |R5 ∩ E| / |E| is printed too;
- abstention accuracy (unanswerable questions): share where the bot abstains;
  the rate of wrong abstentions on answerable questions is printed too;
- citation precision: cited articles in G / all cited articles, over every
  answer that cites one (for an unanswerable question G is only its acceptable
  articles); the share of answers whose citations are all in G too;
- answered with citation: share of answerable questions whose answer cites an
  article (a related text offered under an abstention is not a citation);
- latency: p50/p95 of the whole answer (question -> cited answer), in ms.

A question the bot refuses before any search (empty, in English...) counts as
an abstention: no passage is presented as its answer.

It runs on a throw-away copy of the demo database, as an agent, without the
FAQ (published answers would otherwise short-cut the texts being measured),
in "aucun modèle" mode unless --model is given.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from collectivia.core.errors import InvalidInput
from collectivia.hrdesk.answering import respond
from collectivia.hrdesk.models import ABSTAINED
from collectivia.knowledge.chunking import normalise_article_id
from collectivia.hrdesk.reranker import shipped_glossary
from collectivia.knowledge.retrieval import Query, search

# the chatbot's re-ranked order; the hybrid search alone (same glossary use); each retriever
# alone on the agent's words (no glossary)
COMPARED_MODES = ("reranked", "hybrid", "bm25", "dense")


@contextmanager
def _throwaway_database() -> Iterator:
    """A migrated SQLite database in a temporary folder, removed afterwards."""
    from collectivia.core.db import Database
    from collectivia.core.migrate import upgrade

    workdir = Path(tempfile.mkdtemp(prefix="collectivia-eval-"))
    try:
        url = f"sqlite:///{workdir / 'eval.db'}"
        upgrade(url)
        database = Database(url)
        try:
            yield database
        finally:
            database.dispose()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def demo_session() -> Iterator[tuple]:
    """(session, demo context) on a throw-away copy of the demo database, removed afterwards."""
    from collectivia.core.demo import load_demo

    with _throwaway_database() as database, database.session() as session:
        yield session, load_demo(session)


@contextmanager
def code_session() -> Iterator[tuple]:
    """(session, an agent) on a throw-away database holding only the shipped code: what
    training needs, without the other domains' demo data."""
    from collectivia.core.models import User
    from collectivia.core.roles import Role
    from collectivia.knowledge.service import load_shipped_code

    with _throwaway_database() as database, database.session() as session:
        load_shipped_code(session)
        agent = User(login="agent", full_name="Agent d'entraînement", role=Role.AGENT.value)
        session.add(agent)
        session.flush()
        yield session, agent


@dataclass
class Item:
    id: str
    question: str
    answerable: bool
    expected: set[str]
    acceptable: set[str]

    @property
    def good(self) -> set[str]:
        return self.expected | self.acceptable


def read_items(path: Path) -> list[Item]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(Item(row["id"], row["question"], bool(row["answerable"]),
                              {normalise_article_id(a) for a in row["expected_articles"]},
                              {normalise_article_id(a) for a in row.get("acceptable_articles", [])}))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidInput(f"Ligne {number} de {path.name} illisible : {exc}") from exc
    return items


@dataclass
class Outcome:
    item: Item
    r5: list[str]
    abstained: bool
    cited: list[str]
    latency_ms: float
    mode_r5: dict[str, list[str]] = field(default_factory=dict)
    probability: float = 0.0        # the re-ranker's, for the best article


def top_articles(passages, n: int = 5) -> list[str]:
    refs: list[str] = []
    for p in passages:
        ref = normalise_article_id(p.citation)
        if ref not in refs:
            refs.append(ref)
        if len(refs) == n:
            break
    return refs


def run(session, user, items: list[Item], *, settings=None, use_model=False,
        compare_modes: bool = False) -> list[Outcome]:
    from collectivia.knowledge import embeddings

    embeddings.embed_query("échauffement")     # a running server has its model loaded already
    outcomes = []
    for item in items:
        try:
            answer = respond(session, user, item.question, settings=settings,
                             use_model=use_model, use_faq=False)
        except InvalidInput:
            outcomes.append(Outcome(item, [], True, [], 0.0))
            continue
        outcome = Outcome(item, top_articles(answer.retrieved), answer.outcome == ABSTAINED,
                          [normalise_article_id(p.citation) for p in answer.cited],
                          answer.latency_ms, probability=answer.probability)
        if compare_modes:
            outcome.mode_r5 = _retrievers_alone(session, user, answer.question) | {
                "reranked": outcome.r5}
        outcomes.append(outcome)
    return outcomes


def _retrievers_alone(session, user, question: str) -> dict[str, list[str]]:
    plain = Query.of(question)
    r5 = {mode: top_articles(search(session, user, plain, k=10, mode=mode))
          for mode in ("bm25", "dense")}
    r5["hybrid"] = top_articles(search(session, user, shipped_glossary().query(question), k=10))
    return r5


def recall_at_5(outcomes: list[Outcome], mode: str | None = None, strict: bool = False) -> float:
    values = []
    for o in outcomes:
        if not o.item.answerable:
            continue
        r5 = set(o.mode_r5.get(mode, []) if mode else o.r5)
        target = o.item.expected if strict else o.item.good
        values.append(min(1.0, len(r5 & target) / len(o.item.expected)))
    return float(np.mean(values)) if values else 0.0


@dataclass
class Scores:
    recall_at_5: float
    strict_recall_at_5: float
    citation_precision: float
    answers_all_correct: float
    abstention_accuracy: float
    wrong_abstention_rate: float
    cited_answer_rate: float        # answerable questions answered with a cited article
    p50_ms: float
    p95_ms: float
    answerable: int
    unanswerable: int


def score(outcomes: list[Outcome]) -> Scores:
    cited_total = cited_good = answers = answers_ok = 0
    for o in outcomes:
        if not o.cited:
            continue
        good = o.item.good if o.item.answerable else o.item.acceptable
        answers += 1
        hits = sum(c in good for c in o.cited)
        cited_total += len(o.cited)
        cited_good += hits
        answers_ok += hits == len(o.cited)
    unanswerable = [o for o in outcomes if not o.item.answerable]
    answerable = [o for o in outcomes if o.item.answerable]
    latencies = [o.latency_ms for o in outcomes] or [0]
    return Scores(
        recall_at_5=recall_at_5(outcomes), strict_recall_at_5=recall_at_5(outcomes, strict=True),
        citation_precision=cited_good / cited_total if cited_total else 0.0,
        answers_all_correct=answers_ok / answers if answers else 0.0,
        abstention_accuracy=(sum(o.abstained for o in unanswerable) / len(unanswerable)
                             if unanswerable else 0.0),
        wrong_abstention_rate=(sum(o.abstained for o in answerable) / len(answerable)
                               if answerable else 0.0),
        cited_answer_rate=(sum(bool(o.cited) for o in answerable) / len(answerable)
                           if answerable else 0.0),
        p50_ms=float(np.percentile(latencies, 50)), p95_ms=float(np.percentile(latencies, 95)),
        answerable=len(answerable), unanswerable=len(unanswerable))


def report_lines(outcomes: list[Outcome], scores: Scores, verbose: bool = False) -> list[str]:
    lines = []
    if verbose:
        for o in outcomes:
            status = "abstention" if o.abstained else "réponse"
            good = o.item.good if o.item.answerable else o.item.acceptable
            wrong = [c for c in o.cited if c not in good]
            lines.append(f"{o.item.id} {'R' if o.item.answerable else 'NR'} {status:<10} "
                         f"p={o.probability:.2f} "
                         f"R5={','.join(o.r5)} cités={','.join(o.cited) or '-'}"
                         + (f" HORS_G={','.join(wrong)}" if wrong else "")
                         + f" {o.latency_ms:.0f}ms")
    lines += [
        f"questions : {scores.answerable} répondables, {scores.unanswerable} non répondables",
        f"recall@5 (E ∪ acceptables) : {scores.recall_at_5:.3f}   strict (E) : "
        f"{scores.strict_recall_at_5:.3f}",
        f"précision des citations : {scores.citation_precision:.3f}   réponses aux citations "
        f"toutes justes : {scores.answers_all_correct:.3f}",
        f"abstention juste (non répondables) : {scores.abstention_accuracy:.3f}   abstentions à "
        f"tort (répondables) : {scores.wrong_abstention_rate:.3f}",
        f"répondables avec un article cité : {scores.cited_answer_rate:.3f} (les autres : "
        "« les textes ne répondent pas »)",
        f"latence : p50 {scores.p50_ms:.0f} ms, p95 {scores.p95_ms:.0f} ms",
        f"recall_at_5={scores.recall_at_5:.3f} citation_precision={scores.citation_precision:.3f} "
        f"abstention_accuracy={scores.abstention_accuracy:.3f} p95_ms={scores.p95_ms:.0f} "
        f"answered_with_citation={scores.cited_answer_rate:.3f}",
    ]
    return lines
