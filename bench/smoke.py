"""Smoke mode of the benchmarks: every bench end to end on tiny inputs, in seconds.

`COLLECTIVIA_BENCH_SMOKE=1` switches it on; this module is the only place that reads the
variable. In smoke mode a bench:
- runs on tiny row counts, durations and client counts (`size(full, smoke)`);
- skips peers that need heavy set-up, printing a note (`note`);
- never reads nor scores a blind data set (the releases' blind splits are scored once, in full
  mode only);
- writes its results file into a temporary directory (`results_dir`), never into bench/results
  nor bench/RESULTS.md.
Its figures mean nothing: the mode only proves that each bench still runs (`make test` runs it,
tests/test_benches_smoke.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

VARIABLE = "COLLECTIVIA_BENCH_SMOKE"
RESULTS = Path(__file__).parent / "results"
_temporary: Path | None = None


def enabled() -> bool:
    return os.environ.get(VARIABLE) == "1"


def size(full, smoke):
    """`full` normally, `smoke` in smoke mode."""
    return smoke if enabled() else full


def results_dir() -> Path:
    """bench/results normally; in smoke mode a temporary directory, removed when the process ends."""
    global _temporary
    if not enabled():
        return RESULTS
    if _temporary is None:
        _temporary = Path(tempfile.mkdtemp(prefix="collectivia-bench-smoke-"))
        atexit.register(shutil.rmtree, _temporary, ignore_errors=True)
    return _temporary


def note(message: str) -> None:
    """Say what smoke mode leaves out (printed only in smoke mode)."""
    if enabled():
        print(f"[smoke] {message}")
