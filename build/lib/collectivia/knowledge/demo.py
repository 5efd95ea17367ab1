"""Demo data of the knowledge base: the shipped Code général de la fonction publique.

Loading uses the precomputed vectors (data/cgfp_vectors.f16.npy), so it takes
about a second instead of minutes of embedding.
"""

from __future__ import annotations

from collectivia.knowledge.service import load_shipped_code


def load(session, context) -> None:
    document, created = load_shipped_code(session)
    if created:
        context.summary.append(f"Questions RH : {document.chunk_count} articles du Code général de "
                               "la fonction publique indexés.")
