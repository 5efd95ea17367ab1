"""Untrusted files are parsed in a throwaway process, under a CPU, memory and wall-clock budget.

A hostile upload (a PDF page of millions of drawing operators, a workbook
declaring row 40,000,000, a gzip bomb) must cost its sender a refusal, not
every other user their server. So parsing never happens in the web process:
`run(func, *args)` forks a child from a small fork server (started once,
with the parsers already imported, so a child costs milliseconds), limits it
with `setrlimit` (RLIMIT_CPU, RLIMIT_AS over what the parsers already use)
and a lower priority, waits at most `wall_seconds`, and kills it otherwise.

The parsers still check the cheap facts first (declared sizes, row numbers,
column counts, operator counts) and refuse with a French reason; the budget
is the backstop for whatever they did not foresee. Calling `run` from the
event loop is a bug (it would freeze every user while it waits) and raises.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from collectivia.core.errors import CollectiviaError, InvalidInput, TooManyRequests

T = TypeVar("T")

# Modules the fork server imports once, so that each child starts with them loaded
# ("__main__" too, as multiprocessing does by default: a child then need not re-import it).
PRELOAD = ["__main__", "collectivia.core.documents", "collectivia.workforce.reader",
           "collectivia.governance.shadow", "pypdf", "docx"]
# Parses at once per web process: a hostile file may use its whole budget, others queue.
PARALLEL = max(2, (os.cpu_count() or 2) // 2)
QUEUE_SECONDS = 60.0
NICENESS = 10

_context: Any = None
_context_lock = threading.Lock()
_slots = threading.BoundedSemaphore(PARALLEL)


@dataclass(frozen=True)
class Budget:
    """What one parse may spend. Memory is counted on top of what the child starts with."""

    cpu_seconds: int = 20
    memory_bytes: int = 1_200_000_000
    wall_seconds: float = 40.0


DEFAULT = Budget()


class BudgetExceeded(InvalidInput):
    """The file needed more computing time or memory than any honest file of its kind."""


def _ctx():
    global _context
    with _context_lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


def _address_space() -> int:
    """The child's current virtual size (bytes): the memory budget is added to it."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _limit_self(budget: Budget) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_seconds, budget.cpu_seconds + 2))
    try:
        ceiling = _address_space() + budget.memory_bytes
    except OSError:  # pragma: no cover - no /proc: a fixed ceiling
        ceiling = 2 * budget.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(NICENESS)


def _child(conn, func: Callable[..., Any], args: tuple, budget: Budget) -> None:
    """Runs in the child: apply the limits, call, send back the result or the refusal."""
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    try:
        _limit_self(budget)
        outcome: tuple = ("ok", func(*args))
    except CollectiviaError as exc:
        outcome = ("refused", type(exc), exc.message)
    except MemoryError:
        outcome = ("memory",)
    except RecursionError:
        outcome = ("broken", "RecursionError")
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes a French refusal
        outcome = ("broken", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory",))
    finally:
        conn.close()


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def run(func: Callable[..., T], *args: Any, budget: Budget = DEFAULT, subject: str = "Le fichier"
        ) -> T:
    """`func(*args)` in a limited child process: its result, or InvalidInput in French.

    `func` must be a module-level function (it is sent to the child by name)
    and its arguments and result picklable. `subject` starts the refusal
    message ("Le fichier « cv.pdf »").
    """
    if _on_event_loop():
        raise RuntimeError("sandbox.run() would block the event loop: call it from a thread")
    if not _slots.acquire(timeout=QUEUE_SECONDS):
        raise TooManyRequests("Le serveur lit déjà plusieurs fichiers : réessayez dans une minute.")
    try:
        return _run_in_child(func, args, budget, subject)
    finally:
        _slots.release()


def _run_in_child(func, args, budget: Budget, subject: str):
    ctx = _ctx()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, budget), daemon=True)
    started = time.monotonic()
    process.start()
    sender.close()
    outcome: tuple | None = None
    try:
        if receiver.poll(budget.wall_seconds):
            try:
                outcome = receiver.recv()
            except (EOFError, OSError):
                outcome = None
    finally:
        receiver.close()
        if outcome is None and process.is_alive():
            process.kill()
        process.join(timeout=5)
        if process.is_alive():  # pragma: no cover - a child that ignores SIGKILL
            process.kill()
    return _interpret(outcome, process.exitcode, time.monotonic() - started, budget, subject)


def _interpret(outcome: tuple | None, exitcode: int | None, elapsed: float, budget: Budget,
               subject: str):
    if outcome is not None:
        kind = outcome[0]
        if kind == "ok":
            return outcome[1]
        if kind == "refused":
            raise outcome[1](outcome[2])
        if kind == "memory":
            raise BudgetExceeded(f"{subject} demande trop de mémoire pour être lu (plus de "
                                 f"{budget.memory_bytes // 1_000_000} Mo) : il a été refusé. "
                                 "Vérifiez-le, ou enregistrez-le à nouveau depuis son logiciel.")
        raise InvalidInput(f"{subject} est illisible ou endommagé : il a été refusé.")
    if elapsed >= budget.wall_seconds or exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise BudgetExceeded(f"{subject} demande trop de calcul pour être lu (plus de "
                             f"{budget.cpu_seconds} s) : il a été refusé. Vérifiez-le, ou "
                             "enregistrez-le à nouveau depuis son logiciel.")
    raise InvalidInput(f"{subject} est illisible ou endommagé : sa lecture a échoué.")
