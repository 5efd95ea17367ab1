"""Minutes fixtures: a loopback transcription server and a chat server that answer a JSON
compte rendu, both recording what they receive."""

from __future__ import annotations


import pytest

from collectivia.settings import Settings
from fakes import FakeDrafter, FakeTranscriber, settings_with


@pytest.fixture
def transcriber():
    server = FakeTranscriber().start()
    yield server
    server.stop()


@pytest.fixture
def drafter():
    server = FakeDrafter("redacteur").start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path, transcriber, drafter) -> Settings:
    return settings_with(tmp_path, [transcriber.backend(), drafter.backend()],
                         minutes_max_audio_bytes=2_000_000)
