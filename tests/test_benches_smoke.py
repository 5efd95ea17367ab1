"""Every benchmark runs end to end in smoke mode, so that none can rot unseen (issue 21).

Each bench (bench/bench_<name>.py) is run as `python -m bench <name>` in a subprocess with
`COLLECTIVIA_BENCH_SMOKE=1` (bench/smoke.py): tiny inputs, no blind data set read, results
written to a temporary directory. The committed figures, bench/results/*.md and
bench/RESULTS.md, must be left untouched.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NAMES = sorted(p.stem.removeprefix("bench_") for p in BENCH.glob("bench_*.py"))
NEEDS_POSTGRES = {"scaling", "four_workers"}
TIMEOUT = 300


def _postgres_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            return True
    except OSError:
        return False


def _committed_figures() -> dict[str, bytes]:
    files = [*sorted((BENCH / "results").glob("*")), BENCH / "RESULTS.md"]
    return {str(p): p.read_bytes() for p in files if p.is_file()}


def _case(name: str):
    if name in NEEDS_POSTGRES:
        return pytest.param(name, marks=[pytest.mark.postgres, pytest.mark.skipif(
            not _postgres_up(), reason="the bench needs PostgreSQL on 127.0.0.1:5432")])
    return name


@pytest.mark.parametrize("name", [_case(n) for n in NAMES])
def test_bench_runs_in_smoke_mode(name):
    env = {**os.environ, "COLLECTIVIA_BENCH_SMOKE": "1"}
    for variable in ("COLLECTIVIA_BENCH_SECONDS", "COLLECTIVIA_BENCH_BLIND"):
        env.pop(variable, None)
    before = _committed_figures()
    done = subprocess.run([sys.executable, "-m", "bench", name], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    assert f"== {name}" in done.stdout
    assert _committed_figures() == before, "smoke mode wrote into bench/results or bench/RESULTS.md"
