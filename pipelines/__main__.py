"""`python -m pipelines build`: run the main job in-process and print progress.

`python -m pipelines inspect FILE [--table T --format csv]`: what the pipeline makes of one file, without a
manifest entry; publishes nothing (see pipelines/inspect.py).

`python -m pipelines review DOCUMENT_ID [--out DIR]`: every item of a document that waits for a person, written
to CSV files in the vocabularies' own formats (see pipelines/review.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pipelines.errors import PlanDataError

# dagster and the project's modules are imported where a command needs them, inside main(): a Ctrl-C while they
# load (the first seconds) is then reported in one line, like one during the build

STEP_EVENTS = {
    "STEP_SUCCESS",
    "STEP_FAILURE",
    "STEP_SKIPPED",
    "ASSET_CHECK_EVALUATION",
    "STEP_UP_FOR_RETRY",
}


# how a step stopped by Ctrl-C or a stop signal fails: Dagster's interrupt error, or DuckDB's when the signal came
# during a query
INTERRUPTED = {"DagsterExecutionInterruptedError", "KeyboardInterrupt", "InterruptException"}
QUERY_INTERRUPTED = "RuntimeError: Query interrupted"
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


def refusals() -> tuple[type[Exception], ...]:
    """The errors that are refusals of bad input, each said in its own words: the sources' and the vocabularies'."""
    from schemas.vocabulary import VocabularyMissing

    return PlanDataError, VocabularyMissing


class _Progress(logging.Handler):
    """Print one line per finished step and per failed check; remember the failures."""

    def __init__(self, stream) -> None:
        from pipelines.process import VALID_CHECK, VALID_ROWS

        super().__init__()
        self.valid = VALID_CHECK, VALID_ROWS  # the check whose metadata counts a document's checked rows
        self.refusals = [f"{e.__module__}.{e.__qualname__}: " for e in refusals()]  # class names left off
        self.stream = stream
        self.started = time.perf_counter()
        self.failures: list[str] = []
        self.warnings: list[str] = []
        self.documents: dict[str, list[str]] = {}  # partition → "table rows" of its checked tables
        self.interrupted = False

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "dagster_event", None)
        if event is None and record.levelno >= logging.WARNING:  # a step's own warning (context.log.warning)
            message = getattr(record, "dagster_meta", {}).get("orig_message") or record.getMessage()
            self.warnings.append(message)
            print(f"{time.perf_counter() - self.started:6.2f}s  WARN  {message}", file=self.stream, flush=True)
            return
        if event is None or event.event_type_value not in STEP_EVENTS:
            return
        at = f"{time.perf_counter() - self.started:6.2f}s"
        kind = event.event_type_value
        if kind == "ASSET_CHECK_EVALUATION":
            data = event.asset_check_evaluation_data
            if data.passed:
                check, counts = self.valid
                rows = data.metadata.get(counts) if data.check_name == check else None
                if data.partition is not None and rows is not None:  # a document's tables, counted as checked
                    self.documents[data.partition] = [f"{table} {n}" for table, n in rows.value.items()]
                return
            warn = data.severity.value == "WARN"  # dagster.AssetCheckSeverity
            doc = f" [{data.partition}]" if data.partition else ""
            name = f"{data.asset_key.to_user_string()}.{data.check_name}"
            text = str(data.description or "")
            first, more = text.splitlines()[0] if text else "", text.count("\n")
            line = f"check{doc} {name} failed: {first.removeprefix('- ')}" + (f" (and {more} more)" if more else "")
            if warn:
                self.warnings.append(line)
            elif not data.partition:  # a shared table's check (a document's problems come with its run's failure)
                self.failures.append(f"check {name} failed: {text}")
            print(f"{at}  {'WARN' if warn else 'FAIL'}  {line}", file=self.stream, flush=True)
        elif kind == "STEP_SUCCESS":
            for doc_id, tables in sorted(self.documents.items()):
                print(f"{at}  ok    [{doc_id}] {len(tables)} tables checked: {', '.join(tables)}", file=self.stream)
            self.documents.clear()
            print(f"{at}  ok    {event.step_key}", file=self.stream, flush=True)
        elif kind == "STEP_FAILURE":
            error = event.step_failure_data.error
            while error is not None and error.cause is not None and "DagsterExecution" in (error.cls_name or ""):
                error = error.cause  # the user code's own error, not Dagster's wrapper
            message = error.message.strip() if error else "failed"
            if error is not None and (error.cls_name in INTERRUPTED or message == QUERY_INTERRUPTED):
                self.interrupted = True
                message = "interrupted (Ctrl-C or a stop signal) before it finished"
            for prefix in (*self.refusals, "dagster._core.definitions.events.Failure: "):
                message = message.removeprefix(prefix)
            self.failures.append(f"{event.step_key}: {message}")
            print(f"{at}  FAIL  {event.step_key}: {message.splitlines()[0]}", file=self.stream, flush=True)
        elif kind == "STEP_SKIPPED":
            print(
                f"{at}  skip  {event.step_key} (an upstream step or blocking check failed)",
                file=self.stream,
                flush=True,
            )


def build(stream=None) -> int:
    """Build every document of the manifest, then publish them together. Returns the exit code.

    The same jobs as in the UI, in-process on an ephemeral instance, with intermediates in a temporary
    folder. All or nothing: if any document fails a blocking check, nothing is published.
    """
    import dagster as dg

    from pipelines.lock import build_lock
    from pipelines.resources import PlanPaths

    stream = stream or sys.stdout
    handler = _Progress(stream)

    @dg.logger
    def progress(_init_context):
        log = logging.getLogger("pipelines.progress")
        log.setLevel(logging.DEBUG)
        log.handlers = [handler]
        log.propagate = False
        return log

    paths = PlanPaths.now()
    # one build at a time on these folders (exits at once if another runs)
    with build_lock(paths.warehouse, paths.catalog, paths.raw):
        return _build(paths, handler, progress, stream)


def _build(paths, handler: _Progress, progress, stream) -> int:
    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.extract.source import read_manifest
    from pipelines.partitions import DOCUMENTS
    from pipelines.settings import source_date_epoch

    raw = paths.raw
    ids = [e["document_id"] for e in read_manifest(raw)]
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH said now, not after the documents were built
    print(f"building warehouse and catalogue from {raw} ({len(ids)} document(s)) …", file=stream, flush=True)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(DOCUMENTS, ids)
    documents = defs.resolve_job_def("build_documents").with_logger_defs({"progress": progress})
    publish = defs.resolve_job_def("build_catalog").with_logger_defs({"progress": progress})
    run_config: dict[str, Any] = {"loggers": {"progress": {}}}
    # One run for every document (a partition range; the step's backfill policy is a single run). The
    # ephemeral instance keeps run storage and the checked tables in a temporary folder shared by the runs.
    if ids:
        with _planned_once_per_asset():
            documents.execute_in_process(
                run_config=run_config,
                instance=instance,
                raise_on_error=False,
                tags={"dagster/asset_partition_range_start": ids[0], "dagster/asset_partition_range_end": ids[-1]},
            )
    if not handler.failures:
        publish.execute_in_process(run_config=run_config, instance=instance, raise_on_error=False)
    took = time.perf_counter() - handler.started
    if not handler.failures:
        print(
            f"done in {took:.2f}s" + (f" with {len(handler.warnings)} warning(s)" if handler.warnings else ""),
            file=stream,
            flush=True,
        )
        return 0
    print(
        f"build FAILED after {took:.2f}s; the published warehouse and catalogue were left as they were:",
        file=sys.stderr,
        flush=True,
    )
    for line in handler.failures:
        print(f"  - {line}", file=sys.stderr, flush=True)
    return EXIT_INTERRUPTED if handler.interrupted else 1


# Dagster's own switch: a run over a range of partitions plans each asset once (with the range) instead of once per
# partition and asset (1 900 events stored one by one at 100 documents). What it costs, that a failed run does not
# mark its partitions failed, matters to an instance that is kept; the command line's is thrown away after the
# build. The UI and the sensor run one document per run, where the two are the same.
PLANNED_ONCE = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"


@contextmanager
def _planned_once_per_asset() -> Iterator[None]:
    saved = os.environ.get(PLANNED_ONCE)
    os.environ[PLANNED_ONCE] = "true"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(PLANNED_ONCE, None)
        else:
            os.environ[PLANNED_ONCE] = saved


def _printable_anywhere() -> None:
    """A console that cannot show Chinese (PYTHONIOENCODING=ascii, a Latin-1 terminal) shows the build's lines
    with such characters escaped (\\u2026) rather than ending the build in a UnicodeEncodeError."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and codecs.lookup(stream.encoding or "ascii").name != "utf-8":
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["inspect"]:
        from pipelines.inspect import main as inspect

        return inspect(argv[1:])
    if argv[:1] == ["review"]:
        from pipelines.review import main as review

        return review(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    parser.add_argument(
        "command",
        choices=["build", "inspect", "review"],
        help="build: raw/ → warehouse/ and catalog/; inspect FILE, review DOCUMENT_ID: see their --help",
    )
    args = parser.parse_args(argv)
    if args.command == "build":
        _printable_anywhere()  # the build's lines are for people (inspect --format csv writes data: not escaped)
        try:
            return build()
        except KeyboardInterrupt:  # Ctrl-C outside a step (loading the definitions, creating a run)
            print(
                "build interrupted (Ctrl-C) before it published; the published warehouse and catalogue were left "
                "as they were",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        except Exception as exc:
            if not isinstance(exc, refusals()):
                raise
            print(f"build FAILED: {exc}", file=sys.stderr)
            return 1
    return 2


def _exit_interrupted() -> None:
    """End the process with the shell's code for Ctrl-C. A Ctrl-C that lands while dagster is being imported
    sometimes ended the process with SIGINT at exit although main() had handled it (exit -2, 6 times in 60 tries;
    seemingly CPython's mark of an unhandled KeyboardInterrupt, left set by code an extension module runs). So
    the exit functions run here and the process ends at once, with 130 (0 times in the same 60 tries)."""
    import atexit

    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    try:
        code = main()
    except KeyboardInterrupt:  # while a command's modules load, or in inspect or review
        print("interrupted (Ctrl-C) before anything was published", file=sys.stderr)
        code = EXIT_INTERRUPTED
    if code == EXIT_INTERRUPTED:
        _exit_interrupted()
    sys.exit(code)
