"""Assistant fixtures: the app wired to fake OpenAI-protocol upstreams on loopback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "llm"))

from fake_openai_upstream import FakeUpstream  # noqa: E402

from collectivia.settings import Settings  # noqa: E402


@pytest.fixture
def upstream():
    server = FakeUpstream("principal").start()
    yield server
    server.stop()


@pytest.fixture
def spare_upstream():
    server = FakeUpstream("secours", reply_prefix="Secours : ").start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    """The test settings, with one model ("redaction") served by the recording upstream."""
    backend = upstream.backend(params_b=8, price_in_eur_per_mtok=0.5, price_out_eur_per_mtok=1.5,
                               timeout=1.0)
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([backend]))
