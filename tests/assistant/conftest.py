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
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([backend]))
