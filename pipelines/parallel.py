"""Work spread over the machine's cores by forked worker processes: reading and extracting the documents,
checking each table's declaration, rendering each table's downloads, zipping the packages, rendering the
documents' pages.

A forked worker starts with everything its parent has built (the tables, the prepared pages), so nothing large
is copied to it: only the chunk of work it is given and the result it returns cross the pipe. Work runs
in this process instead when there is one worker or one chunk, where there is no `fork` (Windows; macOS, where
forking a process with threads is unsafe), and in a daemonic process (a Celery worker's task), which may not
have children. Either way the result is the same, in the order of the chunks.

`PLANS_WORKERS` sets how many processes (1: everything in this process); by default, one per usable core.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pipelines.errors import PlanDataError

T = TypeVar("T")
WORKERS = "PLANS_WORKERS"
_task: Callable[[Any], Any] | None = None  # what the forked workers run (they inherit it)


def workers() -> int:
    """How many processes to use: PLANS_WORKERS, or one per core this process may run on."""
    value = os.environ.get(WORKERS, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise PlanDataError(
                f"{WORKERS} is {value!r}, not a whole number of processes",
                hint=f"set {WORKERS} to 1 or more (1 renders everything in the build's own process), or unset it",
            )
        return int(value)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def chunks(items: Sequence, processes: int, per_process: int = 4) -> list[list]:
    """`items` cut into about `per_process` chunks a process, in order (small chunks even out uneven items)."""
    if not items:
        return []
    count = min(len(items), max(1, processes * per_process))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def spread(task: Callable[[list], T], items: Sequence) -> list[T]:
    """`task` over `items` cut into chunks (`chunks`), in up to `workers()` processes: each chunk's result, in order."""
    processes = workers()
    return fork_map(task, chunks(items, processes), processes)


def _run(chunk: Any) -> Any:
    assert _task is not None
    return _task(chunk)


def fork_map(task: Callable[[Any], Any], work: Sequence[Any], processes: int) -> list[Any]:
    """`task` over every chunk of `work`, in up to `processes` forked workers; the results in the order of `work`.
    An error in a worker is raised here, as it was raised there; a stop signal (Ctrl-C, SIGTERM) stops the
    workers at once and is then handed to the handler this process had for it (see `_stops_noted`)."""
    if processes <= 1 or len(work) <= 1 or not can_fork():
        return [task(chunk) for chunk in work]
    global _task
    _task = task
    with _stops_noted() as stops:
        pool = multiprocessing.get_context("fork").Pool(min(processes, len(work)), initializer=_quiet)
        try:
            pending = pool.map_async(_run, work, chunksize=1)
            while not pending.ready() and not stops.noted:
                pending.wait(0.1)
            if stops.noted:
                pool.terminate()
            else:
                done = pending.get()
                pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
            _task = None
    stops.deliver()
    return done


STOPS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class _Stops:
    previous: dict[int, Any] = field(default_factory=dict)  # signal → the handler this process had for it
    noted: list[int] = field(default_factory=list)

    def deliver(self) -> None:
        """Hand a stop noted while the workers ran to the handler that was there (Dagster's raises its interrupt
        error, Python's own KeyboardInterrupt); a handler that only takes note still stops this work."""
        if not self.noted:
            return
        signo = self.noted[0]
        handler = self.previous.get(signo)
        if callable(handler):
            handler(signo, None)
        raise KeyboardInterrupt


@contextmanager
def _stops_noted() -> Iterator[_Stops]:
    """While this process waits for its workers, a stop signal is noted instead of raised where it lands. A handler
    that raises (Python's for Ctrl-C, Dagster's during a step) raises at whatever line runs when the signal comes,
    and one that lands in a garbage collector's callback is ignored by Python: seen here, a Ctrl-C while the
    pages were rendered printed "Exception ignored" and the build went on to publish. Only signals handled by
    Python code are noted (an ignored or default one stays as it was), and only in the main thread (the only
    one that may set handlers)."""
    stops = _Stops()
    if threading.current_thread() is not threading.main_thread():
        yield stops
        return
    for signo in STOPS:
        handler = signal.getsignal(signo)
        if callable(handler):
            stops.previous[signo] = handler
            signal.signal(signo, lambda received, _frame: stops.noted.append(received))
    try:
        yield stops
    finally:
        for held, before in stops.previous.items():
            signal.signal(held, before)


def _quiet() -> None:
    """A worker leaves interrupts to its parent (which stops the pool) and ends at once when stopped: it must not
    run the signal handlers it inherited (Dagster's raise an error and print a traceback into the build's log)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
