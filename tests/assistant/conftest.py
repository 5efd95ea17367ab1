"""Assistant fixtures: the app wired to fake OpenAI-protocol upstreams on loopback."""

from __future__ import annotations

import json

import pytest

from collectivia.settings import Settings


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    """The test settings, with one model ("redaction") served by the recording upstream."""
    backend = upstream.backend(params_b=8, price_in_eur_per_mtok=0.5, price_out_eur_per_mtok=1.5,
                               timeout=1.0)
    # as in tests/conftest.py: jobs run when a test drains the queue, not in the app's lifespan
    # (the demo's pending embeddings would otherwise run beside the test, on the same database)
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([backend]), jobs_in_process=False)
