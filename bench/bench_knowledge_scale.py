"""The knowledge index a web worker keeps in memory (`live_index.LiveIndex`), at 100,000 passages
and, when it fits, 1,000,000: time to build it, its memory, and search p50/p95.

Issue 18 asks what a département's worker costs once its HR documents reach
100,000 passages. The passages are synthesised from the shipped code (1,284
articles): each is one real passage with two sentences of other articles
appended, so the words, their frequencies and the passage lengths are those of
the corpus, not of random text; its vector is the shipped e5 vector of the
first passage moved by a small noise and normalised again, so the dense scores
spread as real ones do (embedding 100,000 passages on this machine would take
hours, and the vectors' values do not change the cost of the search). The
questions are real HR questions embedded by the same model as in production.

The build is `LiveIndex._append` over rows as the database returns them (what
a worker does at start-up, the database read itself excluded); the search is
`LiveIndex.search` with a rights mask over 90 % of the rows, as an agent's.
The 1,000,000 run is made only when the 100,000 one predicts a build under
`MAX_BUILD_SECONDS`; otherwise the results say so.
"""

from __future__ import annotations

import os
import random
import time
from collections import namedtuple

import numpy as np

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_<name>.py
    import smoke

RESULTS = smoke.results_dir() / "knowledge_scale.md"
SIZES = smoke.size((100_000, 1_000_000), (2_000,))
MAX_BUILD_SECONDS = 1_200   # the 1,000,000 build took 5-10 min on this loaded machine
QUERIES = smoke.size(60, 5)
BATCH = 5_000
QUESTIONS = [
    "Combien de jours de congé annuel pour un agent à temps partiel ?",
    "Un stagiaire peut-il demander une disponibilité ?",
    "Quelle est la durée du congé de paternité ?",
    "Comment se calcule le temps de travail effectif ?",
    "Un fonctionnaire peut-il cumuler son emploi avec une activité privée ?",
    "Quelles sont les conditions du détachement dans une autre fonction publique ?",
    "Le télétravail peut-il être refusé par l'employeur ?",
    "Quels droits syndicaux pour un agent contractuel ?",
    "Combien de temps dure la période de stage avant titularisation ?",
    "Quand un agent peut-il être placé en congé de longue maladie ?",
]
Row = namedtuple("Row", "id document_id heading ref text is_article vector")


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def synthetic_rows(n: int, seed: int = 7):
    """n rows like `live_index._passages()` returns, built from the shipped code (docstring)."""
    from collectivia.knowledge import corpus, embeddings
    from collectivia.knowledge.chunking import units_of

    drafts = corpus.shipped_drafts()
    vectors = corpus.shipped_vectors([corpus.draft_passage(d) for d in drafts])
    rng, noise = random.Random(seed), np.random.default_rng(seed)
    sentences = [u for d in drafts for u in units_of(d.text)]
    for start in range(0, n, 10_000):
        count = min(10_000, n - start)
        picks = [rng.randrange(len(drafts)) for _ in range(count)]
        moved = vectors[picks].astype(np.float32) + 0.02 * noise.standard_normal(
            (count, embeddings.DIM), dtype=np.float32)
        moved /= np.linalg.norm(moved, axis=1, keepdims=True)
        for offset, (pick, vector) in enumerate(zip(picks, moved, strict=True)):
            draft = drafts[pick]
            text = " ".join([draft.text, *rng.sample(sentences, 2)])
            yield Row(start + offset + 1, (start + offset) // 50 + 1, draft.heading(), draft.ref,
                      text, draft.is_article, embeddings.to_bytes(vector))


def _build_vectors(vectors: np.ndarray, approximate_from: int):
    """A DenseVectors filled in the batches a worker appends, with its time and memory."""
    from collectivia.knowledge.dense import DenseVectors

    rss_before, started = _rss_mb(), time.perf_counter()
    dense = DenseVectors(approximate_from=approximate_from)
    for at in range(0, len(vectors), BATCH):
        dense.append(vectors[at:at + BATCH], np.ones(len(vectors[at:at + BATCH]), dtype=bool))
    return dense, time.perf_counter() - started, _rss_mb() - rss_before


def _searches(index, readable, allowed, questions) -> list[float]:
    index.search(*questions[0], allowed=allowed, k=10, readable=readable)   # postings' arrays
    times = []
    for i in range(QUERIES):
        stems, vector = questions[i % len(questions)]
        t = time.perf_counter()
        index.search(stems, vector, allowed=allowed, k=10, readable=readable)
        times.append((time.perf_counter() - t) * 1000)
    return times


def _agreement(index, exact, approximate, readable, allowed, questions) -> tuple[list, list]:
    """Per question: the approximate dense top 10's share of the exact one, and the same for the
    fused top 5 (exact BM25 in both)."""
    from collectivia.knowledge.index import POOL

    recalls, overlaps = [], []
    for stems, vector in questions:
        truth = set(exact.best(vector, allowed, POOL)[0][:10].tolist())
        recalls.append(len(truth & set(approximate.best(vector, allowed, POOL)[0][:10].tolist())) / 10)
        fused = []
        for dense in (exact, approximate):
            index.dense = dense
            fused.append({r.position for r in index.search(stems, vector, allowed=allowed, k=5,
                                                           readable=readable)})
        overlaps.append(len(fused[0] & fused[1]) / 5)
    return recalls, overlaps


def measure(n: int, questions: list[tuple[list[str], np.ndarray]]) -> list[dict]:
    """The exact index and the approximate one on the same n passages: one LiveIndex (postings
    and exact vectors) built as a worker builds it, then its vectors filed again in an IVF
    (timed alone, as is the exact vectors' share, so each build is postings + its own vectors)."""
    from collectivia.knowledge import embeddings
    from collectivia.knowledge.dense import APPROXIMATE_FROM, DenseVectors
    from collectivia.knowledge.live_index import LiveIndex

    rows = list(synthetic_rows(n))
    rss_before = _rss_mb()
    index = LiveIndex(DenseVectors(approximate_from=n + 1))        # exact whatever its size
    started = time.perf_counter()
    for at in range(0, n, BATCH):           # the batches a worker catching up appends
        index._append(rows[at:at + BATCH])
    build = time.perf_counter() - started
    memory = _rss_mb() - rss_before        # the rows still held: only the index's own growth
    vectors = np.stack([embeddings.from_bytes(r.vector) for r in rows])
    del rows
    exact = index.dense
    _, exact_vectors_time, exact_vectors_memory = _build_vectors(vectors, n + 1)
    approximate, ann_time, ann_memory = _build_vectors(vectors, min(n, APPROXIMATE_FROM))
    del vectors
    allowed = np.random.default_rng(1).random(index.rows) < 0.9
    readable = index.readable(allowed)      # BM25 counts over the rows the agent may read
    exact_times = _searches(index, readable, allowed, questions)
    index.dense = approximate
    ann_times = _searches(index, readable, allowed, questions)
    recalls, overlaps = _agreement(index, exact, approximate, readable, allowed, questions)
    common = {"n": n, "recall": float(np.mean(recalls)), "recall_min": min(recalls),
              "overlap": float(np.mean(overlaps)), "lists": approximate.lists,
              "probes": approximate.probes}
    return [{**common, "kind": "exact", "build": build, "memory": memory,
             "p50": float(np.percentile(exact_times, 50)),
             "p95": float(np.percentile(exact_times, 95))},
            {**common, "kind": "ANN", "build": build - exact_vectors_time + ann_time,
             "memory": memory - exact_vectors_memory + ann_memory,
             "p50": float(np.percentile(ann_times, 50)), "p95": float(np.percentile(ann_times, 95))}]


def _table(figures: list[dict]) -> list[str]:
    lines = ["| passages | dense search | build (s) | memory (MB) | search p50 (ms) | "
             "search p95 (ms) | dense recall@10 (mean / min) | fused top-5 overlap |",
             "|---|---|---|---|---|---|---|---|"]
    for f in figures:
        agreement = (f"{f['recall']:.3f} / {f['recall_min']:.1f} | {f['overlap']:.3f}"
                     if f["kind"] == "ANN" else "1 (reference) | 1 (reference)")
        kind = (f"IVF, {f['probes']} of {f['lists']} lists" if f["kind"] == "ANN"
                else "exact (flat)")
        lines.append(f"| {f['n']:,} | {kind} | {f['build']:.1f} | {f['memory']:.0f} | "
                     f"{f['p50']:.1f} | {f['p95']:.1f} | {agreement} |")
    return lines


def main() -> None:
    from collectivia.knowledge import embeddings
    from collectivia.knowledge.dense import APPROXIMATE_FROM
    from collectivia.knowledge.index import tokens

    load = os.getloadavg()[0]
    questions = [(tokens(q), embeddings.embed_query(q)) for q in QUESTIONS]
    figures: list[dict] = []
    skipped = None
    for n in SIZES:
        if figures:
            predicted = figures[-1]["build"] * n / figures[-1]["n"]
            if predicted > MAX_BUILD_SECONDS:
                skipped = (n, predicted)
                break
        figures += measure(n, questions)
        print(figures[-2:])
    lines = [
        "## Knowledge index at scale (one worker's in-memory `LiveIndex`)\n",
        "Passages synthesised from the shipped code (a real passage plus two sentences of other "
        "articles; its e5 vector moved by a small noise); 10 real HR questions embedded by e5; "
        f"{QUERIES} searches as an agent's: a rights mask over 90 % of the rows, BM25 counted "
        "over those rows (exact BM25 + float16 dense + RRF). Each size is searched with the "
        "exact dense search and with the approximate one (faiss IVF, float16 codes) in one run; "
        f"in use the index is exact below {APPROXIMATE_FROM:,} vectors and approximate from "
        "there. Build: rows appended as a starting worker does, database read excluded "
        "(postings, shared, plus each one's vectors, timed alone); memory: the process's resident "
        "memory grown by the index. Recall@10: the approximate dense top 10's share of the exact "
        "dense top 10 (same mask), mean and worst over the 10 questions; overlap: the same for "
        "the fused top 5.\n",
        *_table(figures),
    ]
    if skipped:
        lines.append(f"\n{skipped[0]:,} passages not run: the {figures[-1]['n']:,} build predicts "
                     f"{skipped[1] / 60:.0f} min, over the {MAX_BUILD_SECONDS // 60} min allowed "
                     "for one bench run on this machine.")
    lines.append(f"\n2-core machine shared with training jobs and other sessions' tests: load "
                 f"average {load:.1f} when the run started, {os.getloadavg()[0]:.1f} at its end.\n")
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
