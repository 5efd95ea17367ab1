"""Hostile-files fixtures: the app with a chat model, so the assistant reads attachments too,
and a transcription model, so the meeting recordings are read too."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from collectivia.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    backend = upstream.backend(params_b=8, price_in_eur_per_mtok=0.5, price_out_eur_per_mtok=1.5,
                               timeout=1.0)
    # a speech-to-text model too, so that recordings are read (and refused) rather than turned
    # away for want of a model: no hostile recording may ever reach it
    backend["models"].append({"alias": "transcription", "kind": "transcription"})
    # jobs run when the test drains the queue, not also in the app's lifespan: two runners
    # raced for a CV batch, and the page was read before the job had finished
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([backend]), jobs_in_process=False)
