"""Run the benchmarks and gather their figures into bench/RESULTS.md.

Each benchmark is a module `bench/bench_<name>.py` with a `main()` that prints
its figures and writes `bench/results/<name>.md`. `python -m bench` runs all
of them (or those named on the command line) and rebuilds RESULTS.md from
every results file, so figures of benchmarks not re-run are kept.
"""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path

from bench import smoke

HERE = Path(__file__).parent


def main(names: list[str]) -> None:
    available = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    for name in names or available:
        if name not in available:
            sys.exit(f"unknown benchmark {name!r}; available: {', '.join(available)}")
        print(f"== {name}")
        importlib.import_module(f"bench.bench_{name}").main()
    parts = [f"# Benchmark results\n\nMachine: 2 cores, 24 GiB (CI-sized). Rebuilt {date.today()} "
             "by `make bench` (`python -m bench [name...]`).\n"]
    # in smoke mode (bench/smoke.py) the results files and RESULTS.md go to a temporary directory
    results = smoke.results_dir()
    parts += [p.read_text() for p in sorted(results.glob("*.md")) if p.name != "RESULTS.md"]
    target = HERE / "RESULTS.md" if not smoke.enabled() else results / "RESULTS.md"
    target.write_text("\n".join(parts))


if __name__ == "__main__":
    main(sys.argv[1:])
