"""Every selected document at once, without the orchestrator: sources → document models → checked tables.

One call handles any number of documents. Each document's text is read and parsed once; every table
is extracted per document, then validated once for all documents together (a pandera call costs the
same for one row as for thousands). A failure is traced back to the document it belongs to, and that
document is left out whole while the others pass. The Dagster assets, `python -m pipelines inspect`
and the benchmark all call this function; none of them re-implements a step of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from pipelines.errors import PlanDataError
from pipelines.extract.model import PlanDocument, build_document
from pipelines.extract.pending import ReviewQueue
from pipelines.extract.source import SourceDocument, load_source, read_manifest
from pipelines.extract.tables import PER_DOCUMENT, extract_table
from pipelines.parallel import spread
from pipelines.validate import Failure, Report, check_completeness, check_foreign_keys, validate
from schemas.frames import frame
from schemas.registry import TABLES
from schemas.spec import table_spec

SOURCE_CHECK = "verified"  # on source_documents: listed, inside raw/, checksum, encoding, not empty
MODEL_CHECK = "parsed"  # on plan_documents: the document model and every extractor ran without error
VALID_CHECK = "valid"  # on plan_documents: every table of the document passes its declaration and its keys
VALID_ROWS = "rows"  # the passed `valid` check's metadata: table → the document's row count (the CLI prints it)
COMPLETE_CHECK = "complete"  # on plan_documents, a warning: a table the document gives no row
REVIEW_CHECK = "reviewed"  # on plan_documents, a warning: what waits for a person (pipelines.extract.pending)
WARNING_CHECKS = ("completeness",)  # a table check that warns (an empty part is reported, never blocks)


@dataclass
class DocumentOutcome:
    document_id: str
    source: SourceDocument | None = None
    model: PlanDocument | None = None
    error: PlanDataError | None = None  # the source could not be read or the text not parsed
    stage: str | None = None  # SOURCE_CHECK or MODEL_CHECK, where `error` happened
    failures: list[Failure] = field(default_factory=list)  # failed table checks (blocking and warnings)

    @property
    def review(self) -> ReviewQueue | None:
        """What of the document waits for a person (after its tables were extracted)."""
        return None if self.model is None else ReviewQueue.of(self.model)

    @property
    def findings(self) -> list[str]:
        """The parts of the structure the text does not show (the notice, chapters, the annex)."""
        return [] if self.model is None else self.model.findings

    @property
    def blocking(self) -> list[Failure]:
        return [f for f in self.failures if f.check not in WARNING_CHECKS]

    @property
    def warnings(self) -> list[Failure]:
        return [f for f in self.failures if f.check in WARNING_CHECKS]

    @property
    def passed(self) -> bool:
        return self.error is None and not self.blocking


@dataclass
class Batch:
    """What one call produced: every document's outcome, the passing documents' tables, the check reports."""

    outcomes: dict[str, DocumentOutcome]
    tables: dict[str, pd.DataFrame]  # validated rows of the documents that passed every check
    reports: dict[tuple[str, str], Report]  # (table, check) → report over all documents of the call
    checked: dict[str, pd.DataFrame] = field(default_factory=dict)  # every document's rows, as validated
    errors: dict[tuple[str, str], PlanDataError] = field(default_factory=dict)  # (document, table) → extractor error

    @property
    def passed(self) -> list[str]:
        return [d for d, o in self.outcomes.items() if o.passed]

    @property
    def failed(self) -> list[str]:
        return [d for d, o in self.outcomes.items() if not o.passed]


def document_tables() -> list[str]:
    """The tables made per document, in publishing order (the rest are shared by every document)."""
    return [t for t in TABLES if table_spec(t).per_document]


def shared_tables() -> list[str]:
    return [t for t in TABLES if not table_spec(t).per_document]


def checks_of(table: str) -> list[str]:
    """The checks a table's declaration asks for (all blocking but those of WARNING_CHECKS)."""
    spec = table_spec(table)
    completeness = ["completeness"] if spec.per_document and not spec.optional else []
    return ["schema", *completeness] + (["foreign_keys"] if spec.references else [])


def _read(raw: Path, doc_ids: list[str]) -> dict[str, DocumentOutcome]:
    entries = {e["document_id"]: e for e in read_manifest(raw)}
    outcomes = {}
    for doc_id in doc_ids:
        out = outcomes[doc_id] = DocumentOutcome(doc_id)
        try:
            if doc_id not in entries:
                raise PlanDataError(
                    f"document {doc_id!r} is no longer listed",
                    file=str(raw / "sources.yaml"),
                    hint="the manifest sensor removes partitions of documents taken out of the manifest",
                )
            out.source = load_source(raw, entries[doc_id])
        except PlanDataError as exc:
            out.error, out.stage = exc, SOURCE_CHECK
            continue
        try:
            out.model = build_document(out.source)
        except PlanDataError as exc:
            out.error, out.stage = exc, MODEL_CHECK
    return outcomes


def _extract(
    outcomes: dict[str, DocumentOutcome], tables: list[str] | None = None
) -> tuple[dict[str, list[pd.DataFrame]], dict[tuple[str, str], PlanDataError]]:
    """`tables` (every per-document table by default) of every parsed document, table by table: an extractor
    that stops is charged to its document as a failed `parsed` check, and the document's other tables are still
    extracted and checked, so one run reports every problem of a document."""
    wanted = [t for t in document_tables() if tables is None or t in tables]
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in wanted}
    errors: dict[tuple[str, str], PlanDataError] = {}
    for out in outcomes.values():
        if out.model is None:
            continue
        for table in wanted:
            try:
                parts[table].append(frame(table, PER_DOCUMENT[table](out.model)))
            except PlanDataError as exc:
                errors[(out.document_id, table)] = exc
                out.failures.append(
                    Failure(table, MODEL_CHECK, None, exc.message, exc.row, exc.line, out.document_id, exc)
                )
    return parts, errors


def _blame(failures: list[Failure], outcomes: dict[str, DocumentOutcome], candidates: list[str]) -> None:
    """Charge each failure to its document; one that names no document fails every candidate."""
    for f in failures:
        for doc_id in [f.document_id] if f.document_id in outcomes else candidates:
            outcomes[doc_id].failures.append(f)


def _read_and_extract(
    raw: Path, doc_ids: list[str]
) -> tuple[dict[str, DocumentOutcome], dict[str, list[pd.DataFrame]], dict[tuple[str, str], PlanDataError]]:
    outcomes = _read(raw, doc_ids)
    return (outcomes, *_extract(outcomes))


def process_documents(raw: Path, doc_ids: list[str]) -> Batch:
    """Read and extract the documents, a chunk of them per forked worker (pipelines.parallel: each document
    is read on its own), then check all their tables together in this process."""
    outcomes: dict[str, DocumentOutcome] = {}
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in document_tables()}
    errors: dict[tuple[str, str], PlanDataError] = {}
    for done, found, failed in spread(partial(_read_and_extract, raw), doc_ids):
        outcomes |= done
        for table, frames in found.items():
            parts[table] += frames
        errors |= failed
    batch = _check(raw, outcomes, parts)
    batch.errors = errors
    return batch


def process_source(source: SourceDocument, raw: Path, tables: list[str] | None = None) -> Batch:
    """One given document, listed in a manifest or not (`python -m pipelines inspect`): its document model,
    then `tables` (every per-document table by default) extracted and checked as process_documents checks
    them. A table whose extractor fails is charged to the document as a failed `parsed` check (its error in
    `Batch.errors`) and the other tables are still extracted and checked. `raw` holds the shared tables'
    sources."""
    out = DocumentOutcome(source.document_id, source)
    try:
        out.model = build_document(source)
    except PlanDataError as exc:
        out.error, out.stage = exc, MODEL_CHECK
    parts, errors = _extract({source.document_id: out}, tables)
    batch = _check(raw, {source.document_id: out}, parts)
    batch.errors = errors
    return batch


def _check(raw: Path, outcomes: dict[str, DocumentOutcome], parts: dict[str, list[pd.DataFrame]]) -> Batch:
    """Validate the extracted tables (`parts`, in publishing order) of every parsed document."""
    candidates = [d for d, o in outcomes.items() if o.error is None]
    if not candidates:
        return Batch(outcomes, {t: frame(t, []) for t in document_tables()}, {})
    shared = {t: extract_table(t, [], raw) for t in shared_tables()}
    checked: dict[str, pd.DataFrame] = {}
    reports: dict[tuple[str, str], Report] = {}
    names = [t for t in document_tables() if t in parts]
    frames = {t: pd.concat(parts[t], ignore_index=True) if parts[t] else frame(t, []) for t in names}
    # each table's declaration checked by a forked worker; keys checked here, in order
    validated: dict[str, tuple[pd.DataFrame, Report]] = {}
    for done in spread(lambda some: {t: validate(t, frames[t]) for t in some}, names):
        validated |= done
    for table in names:
        valid, report = validated[table]
        reports[(table, "schema")] = report
        _blame(report.failures, outcomes, candidates)
        if "completeness" in checks_of(table):
            reports[(table, "completeness")] = report = check_completeness(table, valid, candidates)
            _blame(report.failures, outcomes, candidates)
        if "foreign_keys" in checks_of(table):
            refs = {**shared, **checked, table: valid}
            reports[(table, "foreign_keys")] = report = check_foreign_keys(table, valid, refs)
            _blame(report.failures, outcomes, candidates)
        checked[table] = valid
    passed = [d for d, o in outcomes.items() if o.passed]
    tables = {}
    for table, df in checked.items():
        keep = df[df["document_id"].isin(passed)].reset_index(drop=True)
        if len(keep) != len(df) and not reports[(table, "schema")].passed:
            keep, _ = validate(table, keep)  # the passing documents' rows, coerced to the declared types
        tables[table] = keep
    return Batch(outcomes, tables, reports, checked)


BLOCKING_CHECKS = (SOURCE_CHECK, MODEL_CHECK, VALID_CHECK)  # the document checks a run stops at, in fixing order


def problems(out: DocumentOutcome) -> dict[str, list[str]]:
    """Every blocking problem of one document, by the check that found it (verified, parsed, valid), each line
    naming its table, row, source line and, where the extractor knows it, the file and vocabulary to edit."""
    found: dict[str, list[str]] = {}
    if out.error is not None:
        found.setdefault(out.stage or MODEL_CHECK, []).append(str(out.error))
    for f in out.blocking:
        check = MODEL_CHECK if f.check == MODEL_CHECK else VALID_CHECK
        line = str(f.error) if f.error is not None else str(f)  # an extractor's error names its own table
        if check == VALID_CHECK:  # which declaration: the table's schema or its keys
            kind = "foreign_keys" if f.check.startswith("foreign_key") else "schema"
            line = f"{f.table}.{kind}: {line.removeprefix(f'{f.table}: ')}"
        if line not in found.get(check, []):  # one extractor's error met again by the tables built on it
            found.setdefault(check, []).append(line)
    return {c: found[c] for c in BLOCKING_CHECKS if c in found}


def problem_report(out: DocumentOutcome) -> str:
    """The failure message of a document's run: every problem, grouped by check with a count."""
    found = problems(out)
    total = sum(map(len, found.values()))
    shown = f" ({out.source.shown})" if out.source is not None else ""
    lines = [f"document {out.document_id}{shown}: {total} problem{'s' if total != 1 else ''}"]
    for check, items in found.items():
        lines.append(f"{check}: {len(items)} problem{'s' if len(items) != 1 else ''}")
        lines += [f"  - {item}" for item in items]
    return "\n".join(lines)
