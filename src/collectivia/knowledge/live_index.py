"""The in-memory index each process keeps, updated with only the passages changed since its version.

Rebuilding the whole index whenever one note was uploaded cost every process
a full pass over every passage (and, at 100,000 passages, seconds of stalled
searches). Here the database keeps a log of passage changes
(`knowledge_index_changes`, written by triggers on `knowledge_chunks`, so no
code path can forget it); its highest id is the content's version. A search
reads that one number; a process behind applies the log rows after its own
version: new passages are appended, removed ones masked, a passage whose
vector arrived gets it. Vectors stay float16 in memory (768 bytes a passage),
in `dense.DenseVectors`: searched exactly up to 200,000 of them, through an
approximate index (faiss' IVF) above, where the exact search cost seconds.

BM25 is scored at query time from postings and live counts (documents,
document frequencies, average length), with the arithmetic of bm25s' "lucene"
method in float32, so the scores are those of `index.HybridIndex` rebuilt on
the same passages (tests/knowledge/test_live_index.py checks it), which the
re-ranker and the calibrated answer decision were trained on. When more than
half the rows are removed ones, the process rebuilds from scratch.

Every count a question reads (how many passages, how many contain a word,
their average length) is taken over the rows the asker may read only
(`Readable`): a word of a restricted note must not change an agent's scores,
nor whether a word "appears in the texts", or a question would tell which
names and health words the HR service's restricted notes hold. The counts
come from the postings intersected with the asker's mask, per question, with
nothing rebuilt.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.knowledge import embeddings
from collectivia.knowledge.dense import DenseVectors
from collectivia.knowledge.index import MODES, POOL, HybridIndex, Ranked, _top, fuse, tokens
from collectivia.knowledge.models import KnowledgeChunk, KnowledgeIndexChange

K1, B = 1.2, 0.75
FETCH = 500          # passages read per query when catching up


def current_version(session: Session) -> int:
    return session.execute(select(func.coalesce(func.max(KnowledgeIndexChange.id), 0))).scalar_one()


class LiveIndex(HybridIndex):
    """HybridIndex's search over rows that are appended and masked instead of rebuilt."""

    def __init__(self, dense: DenseVectors | None = None):  # noqa: D107 - `load` fills it
        self.version = 0
        self.rows = 0
        self.chunk_ids = np.zeros(0, dtype=np.int64)
        self.doc_ids = np.zeros(0, dtype=np.int64)
        self.alive = np.zeros(0, dtype=bool)
        self.lengths = np.zeros(0, dtype=np.int64)
        self.dense = dense or DenseVectors()
        self.row_of: dict[int, int] = {}
        self.terms: list[tuple[str, ...]] = []       # each row's distinct stems (for removal)
        self.postings: dict[str, tuple[list[int], list[int]]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.doc_freq: dict[str, int] = {}
        self.total_length = 0

    # --- the HybridIndex interface -------------------------------------------------------
    @property
    def size(self) -> int:
        """Passages searchable now (what idf weights count)."""
        return int(self.alive[:self.rows].sum())

    @property
    def unembedded(self) -> np.ndarray:
        return ~self.dense.present[:self.rows]

    def bm25_scores(self, query_tokens: list[str]) -> np.ndarray:
        return Readable(self).bm25_scores(query_tokens)

    def dense_scores(self, query_vector: np.ndarray | None) -> np.ndarray:
        """Every row's cosine with the question (for checks: a search reads `dense.best`)."""
        if query_vector is None or not self.rows:
            return np.zeros(self.rows, dtype=np.float32)
        return self.dense.scores(query_vector, np.arange(self.rows))

    def search(self, query_tokens, query_vector, allowed=None, k=10, mode="hybrid",
               readable: Readable | None = None) -> list[Ranked]:
        """HybridIndex.search, BM25 weighed over `readable` (every passage by default), the dense
        pool from `dense.best` (exact, or approximate in a large index) instead of every score."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode}")
        readable = readable or Readable(self)
        if not readable.rows:
            return []
        allowed = readable.mask if allowed is None else (allowed[:readable.rows] & readable.mask)
        bm25 = (readable.bm25_scores(query_tokens) if mode != "dense"
                else np.zeros(readable.rows, np.float32))
        bm25_pool = _top(np.where(bm25 > 0, bm25, -np.inf), allowed, POOL)
        dense_pool, dense = self._dense_evidence(query_vector, allowed, bm25_pool, mode)
        return fuse(bm25_pool, dense_pool, bm25, dense, self.unembedded, k, mode)

    def _dense_evidence(self, query_vector, allowed, bm25_pool, mode):
        """The dense pool, and the cosines fusion reads: the pool's and the BM25 pool's (every
        other row's would cost what the approximate search saves)."""
        if mode == "bm25" or query_vector is None:
            return np.zeros(0, np.int64), _ZeroElsewhere()
        pool, cosines = self.dense.best(query_vector, allowed, POOL)
        dense = _ZeroElsewhere(zip(pool.tolist(), cosines.tolist(), strict=True))
        others = np.asarray([p for p in bm25_pool.tolist() if p not in dense], dtype=np.int64)
        dense.update(zip(others.tolist(), self.dense.scores(query_vector, others).tolist(),
                         strict=True))
        return pool, dense

    def readable(self, mask: np.ndarray) -> Readable:
        """The index as someone who may read the rows of `mask` (one boolean a row) sees it."""
        return Readable(self, mask)

    def clone(self) -> LiveIndex:
        """An independent copy (databases copied from one template start from one load)."""
        twin = LiveIndex()
        twin.__dict__.update(self.__dict__)
        for name in ("chunk_ids", "doc_ids", "alive", "lengths"):
            setattr(twin, name, getattr(self, name).copy())
        twin.dense = self.dense.clone()
        twin.row_of, twin.terms = dict(self.row_of), list(self.terms)
        twin.postings = {stem: (list(rows), list(tfs)) for stem, (rows, tfs) in self.postings.items()}
        twin._arrays, twin.doc_freq = dict(self._arrays), dict(self.doc_freq)
        return twin

    # --- keeping up with the database ----------------------------------------------------
    def load(self, session: Session) -> LiveIndex:
        """Every passage now (the version read first: a change made meanwhile is re-applied)."""
        self.version = current_version(session)
        rows = session.execute(_passages().order_by(KnowledgeChunk.id)).all()
        self._append(rows)
        return self

    def catch_up(self, session: Session) -> bool:
        """Apply the changes after this index's version; False when a rebuild is better."""
        version = current_version(session)
        if version == self.version:
            return True
        changes = session.execute(select(KnowledgeIndexChange.chunk_id, KnowledgeIndexChange.change)
                                  .where(KnowledgeIndexChange.id > self.version)
                                  .order_by(KnowledgeIndexChange.id)).all()
        fresh = set()
        for chunk_id, change in changes:
            self._remove(chunk_id)
            if change != "retrait":
                fresh.add(chunk_id)
            else:
                fresh.discard(chunk_id)
        wanted = sorted(fresh)
        for start in range(0, len(wanted), FETCH):
            self._append(session.execute(_passages().where(
                KnowledgeChunk.id.in_(wanted[start:start + FETCH])).order_by(KnowledgeChunk.id)).all())
        self.version = max(version, self.version)
        return self.rows - self.size <= max(self.size, 1000)

    def _append(self, rows) -> None:
        if not rows:
            return
        count = len(rows)
        self._grow(self.rows + count)
        vectors = np.zeros((count, embeddings.DIM), dtype=embeddings.DTYPE)
        has_vector = np.zeros(count, dtype=bool)
        for i, row in enumerate(rows):
            position = self.rows + i
            stems = tokens(embeddings.passage_text(row.heading, row.ref, row.text,
                                                   row.is_article)) or ["_vide_"]
            counts = Counter(stems)
            for stem, tf in counts.items():
                posting = self.postings.setdefault(stem, ([], []))
                posting[0].append(position)
                posting[1].append(tf)
                self._arrays.pop(stem, None)
                self.doc_freq[stem] = self.doc_freq.get(stem, 0) + 1
            self.terms.append(tuple(counts))
            self.lengths[position] = len(stems)
            self.total_length += len(stems)
            self.chunk_ids[position] = row.id
            self.doc_ids[position] = row.document_id
            self.alive[position] = True
            vector = embeddings.from_bytes(row.vector)
            if vector is not None and vector.shape == (embeddings.DIM,) and vector.any():
                vectors[i], has_vector[i] = vector, True
            self.row_of[row.id] = position
        self.dense.append(vectors, has_vector)
        self.rows += count

    def _remove(self, chunk_id: int) -> None:
        position = self.row_of.pop(chunk_id, None)
        if position is None:
            return
        self.alive[position] = False
        self.dense.remove(np.array([position]))
        self.total_length -= int(self.lengths[position])
        for stem in self.terms[position]:
            self.doc_freq[stem] -= 1
            if not self.doc_freq[stem]:
                del self.doc_freq[stem]

    def _grow(self, needed: int) -> None:
        if needed <= len(self.alive):
            return
        capacity = max(needed, int(len(self.alive) * 1.5), 64)
        extra = capacity - len(self.alive)
        self.chunk_ids = np.concatenate([self.chunk_ids, np.zeros(extra, np.int64)])
        self.doc_ids = np.concatenate([self.doc_ids, np.zeros(extra, np.int64)])
        self.alive = np.concatenate([self.alive, np.zeros(extra, bool)])
        self.lengths = np.concatenate([self.lengths, np.zeros(extra, np.int64)])

    def _posting(self, stem: str) -> tuple[np.ndarray, np.ndarray]:
        arrays = self._arrays.get(stem)
        if arrays is None:
            rows, tfs = self.postings[stem]
            arrays = self._arrays[stem] = (np.asarray(rows, dtype=np.int64),
                                           np.asarray(tfs, dtype=np.float64))
        return arrays


def _passages():
    return select(KnowledgeChunk.id, KnowledgeChunk.document_id, KnowledgeChunk.heading,
                  KnowledgeChunk.ref, KnowledgeChunk.text, KnowledgeChunk.is_article,
                  KnowledgeChunk.vector)


class _ZeroElsewhere(dict):
    """The pooled rows' cosines; 0 for any other row (the BM25 scores' convention)."""

    def __missing__(self, position):
        return 0.0


class Readable:
    """The index as one asker sees it: passages, word counts and BM25 weights over the rows they
    may read, and nothing of the others. With no mask, every live passage (the index's own
    running counts, no pass over the rows).

    The scores are computed over every row holding a word, readable or not, and the unreadable
    ones zeroed at the end: at 1,000,000 passages a common word ("agent") is in 650,000 of
    them, and compacting its posting per asker cost more than scoring it whole."""

    def __init__(self, index: LiveIndex, mask: np.ndarray | None = None):
        self.index = index
        self.rows = index.rows if mask is None else len(mask)
        alive = index.alive[:self.rows]
        self.mask = alive if mask is None else (mask & alive)
        if mask is None:
            self.size, self.total_length = index.size, index.total_length
        else:
            self.size = int(np.count_nonzero(self.mask))
            self.total_length = int(np.sum(index.lengths[:self.rows], where=self.mask))
        self._doc_freq: dict[str, int] = {}
        self._everything = mask is None

    def holding(self, stem: str) -> tuple[np.ndarray, np.ndarray]:
        """The rows holding `stem`, readable or not, and how often each holds it."""
        if stem not in self.index.postings:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        rows, tf = self.index._posting(stem)
        end = int(np.searchsorted(rows, self.rows))   # rows another thread appended since the mask
        return rows[:end], tf[:end]

    def doc_freq(self, stem: str) -> int:
        """How many readable passages contain the stem."""
        if self._everything:
            return self.index.doc_freq.get(stem, 0)
        found = self._doc_freq.get(stem)
        if found is None:
            found = self._doc_freq[stem] = int(np.count_nonzero(self.mask[self.holding(stem)[0]]))
        return found

    def known(self, stem: str) -> bool:
        """Whether any passage the asker may read contains the stem."""
        return self.doc_freq(stem) > 0

    def idf(self, stem: str, absent: float = 0.0) -> float:
        """The stem's rarity among the readable passages (BM25's idf); `absent` when none has it."""
        n, df = max(self.size, 1), self.doc_freq(stem)
        return math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else absent

    def bm25_scores(self, query_tokens: list[str]) -> np.ndarray:
        """Every row's BM25 score, as an index of the readable passages alone would give it
        (unreadable rows score 0)."""
        scores = np.zeros(self.rows, dtype=np.float32)
        n = self.size
        if not n:
            return scores
        average = self.total_length / n
        norms = None
        for token in query_tokens:            # duplicates count twice, as in bm25s
            df = self.doc_freq(token)
            if not df:
                continue
            if norms is None:                 # each row's length norm, once per question
                norms = K1 * ((1 - B) + B * self.index.lengths[:self.rows] / average)
            rows, tf = self.holding(token)
            # bm25s' own rounding: idf kept as float32, the term's score in float64, stored
            # as float32, summed in float32 in the query's order
            idf = float(np.float32(math.log(1 + (n - df + 0.5) / (df + 0.5))))
            norm = norms[rows]
            scores[rows] += (idf * (tf / (norm + tf))).astype(np.float32)   # rows: distinct
        return np.where(self.mask, scores, np.float32(0))
