from __future__ import annotations

import pytest

from fake_openai_upstream import FakeUpstream


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
