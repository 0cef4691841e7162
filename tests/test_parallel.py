"""pipelines/parallel.py: work cut into chunks, run by forked workers or in this process, with the same result."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipelines.errors import PlanDataError
from pipelines.parallel import WORKERS, chunks, fork_map, workers


@pytest.mark.parametrize("n, processes", [(1, 2), (2, 2), (7, 2), (100, 2), (5, 1), (3, 8)])
def test_chunks_keep_every_item_once_in_order(n, processes):
    items = [f"doc-{i}" for i in range(n)]
    cut = chunks(items, processes)
    assert [x for c in cut for x in c] == items
    assert all(cut) and len(cut) <= max(1, processes * 4)
    assert max(map(len, cut)) - min(map(len, cut)) <= 1


def _pid_and_square(chunk: list[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), x * x) for x in chunk]


def test_forked_workers_give_the_serial_result_in_order():
    work = chunks(list(range(40)), 2)
    forked = fork_map(_pid_and_square, work, 2)
    serial = fork_map(_pid_and_square, work, 1)
    assert [[x for _, x in c] for c in forked] == [[x for _, x in c] for c in serial]
    assert {pid for c in serial for pid, _ in c} == {os.getpid()}
    assert os.getpid() not in {pid for c in forked for pid, _ in c}, "two processes asked for: none is this one"


def _fails(chunk: list[int]) -> list[int]:
    if 3 in chunk:
        raise PlanDataError("no row 3", file="raw/x.txt", table="indicators", line=7, hint="fix it")
    return chunk


def test_a_workers_error_is_raised_here_whole():
    with pytest.raises(PlanDataError) as raised:
        fork_map(_fails, [[1], [2], [3], [4]], 2)
    error = raised.value
    assert (error.file, error.table, error.line, error.hint) == ("raw/x.txt", "indicators", 7, "fix it")
    assert str(error) == "[file raw/x.txt, line 7; table indicators] no row 3 — fix it"


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_a_bad_worker_count_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(WORKERS, value)
    with pytest.raises(PlanDataError, match=f"{WORKERS} is '{value}', not a whole number of processes"):
        workers()


def test_the_worker_count_defaults_to_the_usable_cores(monkeypatch):
    monkeypatch.delenv(WORKERS, raising=False)
    assert workers() == len(os.sched_getaffinity(0))
    monkeypatch.setenv(WORKERS, "3")
    assert workers() == 3


INHERITED_HANDLER = """
import signal, time
from pipelines.parallel import fork_map
class Stop(Exception):
    pass
def interrupted(*_):
    raise RuntimeError("a handler the workers must not run")
def stop(*_):
    raise Stop("the run was stopped")
signal.signal(signal.SIGTERM, interrupted)  # as Dagster installs one in a run's process
signal.signal(signal.SIGALRM, stop)  # as Dagster stops a run: an error raised in its main thread
signal.alarm(1)
started = time.monotonic()
try:
    fork_map(lambda chunk: time.sleep(60), ["a", "b"], 2)
except Stop as exc:
    print(f"{exc} after {time.monotonic() - started:.0f} s")
"""


def test_workers_stopped_with_their_run_end_at_once_and_quietly():
    """A run stopped while its workers work (the UI's terminate; Dagster raises in the run's main thread): the
    workers are stopped at once, and do not run the SIGTERM handler they inherited (Dagster's raises and prints a
    traceback per worker into the run's log)."""
    from tests.helpers import ROOT

    done = subprocess.run(
        [sys.executable, "-c", INHERITED_HANDLER], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.strip() == "the run was stopped after 1 s", done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr, done.stderr


INTERRUPTED_WAIT = """
import os, signal, threading, time, traceback
from pipelines.parallel import fork_map
class Stop(Exception):
    pass
def stop(*_):
    raise Stop("stopped")
signal.signal(signal.SIGINT, stop if "{mode}" == "raises" else (lambda *_: None))
threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C while the workers work
started = time.monotonic()
try:
    fork_map(lambda chunk: time.sleep(60), ["a", "b"], 2)
except (Stop, KeyboardInterrupt) as exc:
    where = traceback.extract_tb(exc.__traceback__)[-2 if "{mode}" == "raises" else -1].name
    kept = signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    print(f"{{type(exc).__name__}} from {{where}} after {{time.monotonic() - started:.0f}} s, handler kept: {{kept}}")
"""


@pytest.mark.parametrize(
    "mode, said",
    [
        ("raises", "Stop from deliver after 1 s, handler kept: True"),  # Python's and Dagster's handlers raise
        ("notes", "KeyboardInterrupt from deliver after 1 s, handler kept: True"),  # one that only takes note
    ],
)
def test_ctrl_c_while_the_workers_work_stops_them_and_reaches_the_handler_in_one_place(mode, said):
    """A Ctrl-C while the parent waits for its workers is noted, the workers are stopped, and the handler the
    process had runs after that, at one known line (`deliver`), rather than wherever the signal landed: in a
    garbage collector's callback Python ignores what a handler raises, and the build went on to publish."""
    from tests.helpers import ROOT

    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WAIT.format(mode=mode)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == said, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
