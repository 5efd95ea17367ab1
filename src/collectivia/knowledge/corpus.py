"""The shipped corpus: the legislative part of the Code général de la fonction publique.

Version of 2024-01-15 (Légifrance), copied into `collectivia/data/` (see
SOURCES.md). Its passage vectors are precomputed (see `precompute.py`).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import numpy as np

from collectivia.core.discovery import PACKAGE_ROOT
from collectivia.knowledge import embeddings
from collectivia.knowledge.chunking import ChunkDraft, chunk_document, front_matter, parse_version_date

DATA = PACKAGE_ROOT / "data"
CODE_FILE = DATA / "cgfp_partie_legislative_2024-01-15.md"
VECTORS_FILE = DATA / "cgfp_vectors.f16.npy"
MANIFEST_FILE = DATA / "cgfp_vectors.json"
CODE_TITLE = "Code général de la fonction publique (partie législative)"
CODE_SOURCE = "Légifrance — Code général de la fonction publique, partie législative"
CODE_LEGAL_ID = "LEGITEXT000044416551"     # its Légifrance id: updates merge into it


def code_text() -> str:
    return CODE_FILE.read_text(encoding="utf-8")


def code_version():
    meta, _ = front_matter(code_text())
    return parse_version_date(meta.get("date"))


@lru_cache(maxsize=1)
def shipped_drafts() -> list[ChunkDraft]:
    return chunk_document(code_text())


def draft_passage(draft: ChunkDraft) -> str:
    return embeddings.passage_text(draft.heading(), draft.ref, draft.text, draft.is_article)


def passages_digest(texts: list[str]) -> str:
    return hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()


def shipped_vectors(texts: list[str]) -> np.ndarray | None:
    """The precomputed vectors if they match these exact passages, else None."""
    if not VECTORS_FILE.exists() or not MANIFEST_FILE.exists():
        return None
    manifest = json.loads(MANIFEST_FILE.read_text())
    if manifest.get("digest") != passages_digest(texts):
        return None
    vectors = np.load(VECTORS_FILE)
    return vectors if vectors.shape == (len(texts), embeddings.DIM) else None
