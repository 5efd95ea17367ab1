"""Embed the reference job texts once and ship their vectors (run by hand, not at run time).

    PYTHONPATH=src python -m collectivia.workforce.precompute

writes `data/workforce/metiers_vectors.f16.npy` ((n, 384) float16, one row per
text of `appellations.reference_texts()`, in order) and `metiers_vectors.json`
(model, digest of the texts, the texts themselves so that a later run only
embeds the texts that changed). If the appellations file changes without
re-running this script, the digest no longer matches and the vectors are
computed at first use instead (~2 min) rather than trusted stale.
"""

from __future__ import annotations

import json
import time

import numpy as np

from collectivia.workforce import semantic
from collectivia.workforce.appellations import reference_texts


def _previous() -> dict[str, np.ndarray]:
    """Vectors of the last run by text: an edit of the appellations re-embeds only new texts."""
    if not semantic.VECTORS_FILE.exists() or not semantic.MANIFEST_FILE.exists():
        return {}
    manifest = json.loads(semantic.MANIFEST_FILE.read_text())
    if manifest.get("model") != semantic.MODEL:
        return {}
    vectors = np.load(semantic.VECTORS_FILE)
    texts = manifest.get("texts", [])
    return dict(zip(texts, vectors, strict=True)) if len(texts) == len(vectors) else {}


def main() -> None:
    texts = [e.text for e in reference_texts()]
    known = _previous()
    todo = sorted({t for t in texts if t not in known})
    started = time.perf_counter()
    known.update(zip(todo, semantic.embed(todo), strict=True))
    elapsed = time.perf_counter() - started
    vectors = np.vstack([known[t] for t in texts]).astype(np.float16)
    np.save(semantic.VECTORS_FILE, vectors)
    semantic.MANIFEST_FILE.write_text(json.dumps({
        "model": semantic.MODEL, "digest": semantic.texts_digest(texts), "texts": texts},
        ensure_ascii=False, indent=0))
    print(f"{len(texts)} reference texts, {len(todo)} embedded in {elapsed:.0f} s "
          f"-> {semantic.VECTORS_FILE}")


if __name__ == "__main__":
    main()
