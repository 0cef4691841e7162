"""`python -m pipelines inspect FILE`: what the pipeline makes of one file, before it has a manifest entry.

Runs the layout reader, the document model, every extractor and every check a table's declaration asks
for on FILE (`pipelines.process.process_source`, the same steps as a build) and publishes nothing. It
prints what of the document's structure could not be found (first, before anything it explains), what
waits for review (the counts `python -m pipelines review` would list), the layout, each table's row count
and first rows, and every check that would fail with its source line; a partial document (chapters 一 and 二
only, say) shows what it holds and which tables it gives no row of.

* ``--table T`` narrows the report to one table; ``--format csv`` writes that table to stdout as the
  catalogue's CSV (the report goes to stderr).
* Exit code: 0 when no blocking check fails (warnings and pending review do not count; with ``--table``,
  that table's checks), 1 when a blocking check fails, 2 when FILE cannot be read at all.

A file listed in the manifest (raw/sources.yaml) is read with its entry. Any other file is read as
``text`` (``html`` for ``.html``/``.htm``) in UTF-8 unless told otherwise, under a provisional id of its own
(from the file name, or ``--document-id``), with the metadata the text itself states: the notice's title
(…关于印发…的通知), the document number and the date. It borrows another document's reviewed vocabulary only
when asked: ``--vocabulary-of ID``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from pipelines.errors import PlanDataError
from pipelines.extract.html import HtmlError, read_html
from pipelines.extract.layout import Layout, TruncatedText, read_layout
from pipelines.extract.source import (
    DOCUMENT_ID,
    ENCODINGS,
    FORMATS,
    SourceDocument,
    decode,
    load_source,
    read_manifest,
    split_lines,
)
from pipelines.process import MODEL_CHECK, Batch, document_tables, process_source

LAYOUTS = {
    "pdf": "PDF text (printed lines; a trailing space closes a paragraph or cell)",
    "clean": "web copy (one paragraph per line, tab-separated table cells)",
    "html": "web page (paragraphs and <table> rows from the markup)",
}
NOTICE = re.compile(r"^(?P<issuer>\S{2,30}?)关于印发《?(?P<title>\S{2,60}?)》?的通知$")
ENCLOSED = re.compile(r"现将《(?P<title>[^》]{2,60})》印发给你们")
NUMBER = re.compile(r"^\S{1,12}〔\d{4}〕\d{1,4}号$")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
# a plan printed without a covering notice opens with its title (…规划, …纲要, …计划), then its date of issue
PLAN_TITLE = re.compile(r"^\S{2,60}(?:规划|纲要|计划|方案)$")
PROVENANCE = ("line_start", "line_end")
MANIFEST_NAME = "sources.yaml"


def _layout(text: str, form: str) -> Layout | None:
    try:
        return read_html(text) if form == "html" else read_layout(split_lines(text))
    except (HtmlError, TruncatedText):
        return None  # the document model reports it, with its line


def _from_text(layout: Layout | None) -> dict:
    """Title, issuer, document number and date as the text states them (in its first units)."""
    found: dict = {}
    texts = [u.text for u in (layout.units if layout else [])[:40]]
    for k in range(min(len(texts), 12)):
        for joined in (texts[k], texts[k] + (texts[k + 1] if k + 1 < len(texts) else "")):
            m = NOTICE.match(joined)
            if m and "title_zh" not in found:
                found.update(title_zh=m.group("title"), issuer_zh=m.group("issuer"))
    if texts and "title_zh" not in found and not any(ENCLOSED.search(x) for x in texts) and PLAN_TITLE.match(texts[0]):
        found["title_zh"] = texts[0]  # no notice: the title heads the text
    for k, text in enumerate(texts):
        if "title_zh" not in found and (m := ENCLOSED.search(text)):
            found["title_zh"] = m.group("title")
        if "document_number" not in found and NUMBER.match(text):
            found["document_number"] = text
        if "issued_date" not in found and (d := DATE.match(text)):
            try:
                found["issued_date"] = dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
            except ValueError:
                continue
            if "issuer_zh" not in found and k and len(texts[k - 1]) <= 30:
                found["issuer_zh"] = texts[k - 1]  # the signature above the date
    return found


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug if DOCUMENT_ID.match(slug) else "inspected-document"


def load(
    path: Path,
    raw: Path,
    *,
    form: str | None,
    encoding: str,
    document_id: str | None,
    vocabulary_of: str | None = None,
) -> tuple[SourceDocument, str]:
    """The file as a source document, and where its metadata came from."""
    given = str(path)  # messages name the file as the user gave it
    path = path.resolve()
    shown = given
    if not path.is_file():
        raise PlanDataError("no such file", file=shown)
    try:
        entries = read_manifest(raw)
    except PlanDataError:
        entries = []
    for entry in entries:
        if (raw / str(entry["path"])).resolve() == path and form in (None, entry.get("format") or "text"):
            source = load_source(raw, entry)
            entry_meta = dict(source.meta) | ({"vocabulary_of": vocabulary_of} if vocabulary_of else {})
            doc_id = document_id or source.document_id
            source = SourceDocument(doc_id, source.path, source.sha256, source.text, entry_meta)
            return source, f"raw/{MANIFEST_NAME} entry {entry['document_id']}"
    data = path.read_bytes()
    if not data.strip():
        raise PlanDataError("file is empty", file=shown)
    form = form or ("html" if path.suffix.lower() in (".html", ".htm") else "text")
    try:
        text = decode(data, encoding, shown)
    except PlanDataError as exc:
        if exc.line:  # not the declared encoding: say how to declare another one here
            exc.hint = "if it is a GBK/GB18030 file, give --encoding gb18030"
        raise
    found = _from_text(_layout(text, form))
    # what only a manifest entry can say stays empty, for the checks to report
    meta: dict = {"title_zh": "", "issuer_zh": "", "terms_of_use": "", "title_en": None, "issuer_en": None}
    meta.update(document_number=None, issued_date=None, origin_url=None)
    origin = "not in a manifest; from the text: " + (
        ", ".join(f"{k} {v}" for k, v in found.items()) if found else "nothing (no notice title, number or date)"
    )
    meta.update(found, format=form, encoding=encoding)
    doc_id = document_id or _slug(path.stem)
    origin += f"; document_id {doc_id} is provisional" + ("" if document_id else " (from the file name)")
    if vocabulary_of:
        meta["vocabulary_of"] = vocabulary_of
        origin += f"; reviewed vocabulary of {vocabulary_of} (--vocabulary-of)"
    else:
        origin += "; its own vocabulary, with the translation memory of every reviewed document"
    rel = os.path.relpath(path, raw)
    sha = hashlib.sha256(data).hexdigest()
    return SourceDocument(doc_id, rel, sha, text, meta, display_path=given), origin


def _short(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "∅"
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        value = value.date()
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _row(series: pd.Series) -> str:
    lines = ""
    if all(c in series.index for c in PROVENANCE) and pd.notna(series["line_start"]):
        lines = f"  (lines {int(series['line_start'])}-{int(series['line_end'])})"
    cells = [
        _short(v)
        for k, v in series.items()
        if k not in ("document_id", *PROVENANCE) and not str(k).endswith("_en") and k != "source_sha256"
    ]
    return " | ".join(cells) + lines


def _outline(batch: Batch) -> str:
    df = batch.checked.get("outline")
    if df is None or df.empty:
        return "nothing recognised"
    parts = []
    for r in df[df["level"] == 1].itertuples():
        count = int((df["parent_section_id"] == r.section_id).sum())
        name = f"{r.number_zh} {r.title_zh}" if isinstance(r.number_zh, str) else str(r.section_id)
        parts.append(name + (f" ({count} sections)" if count else ""))
    return ", ".join(parts)


def _stopped(batch: Batch) -> dict[str, PlanDataError]:
    """table → its extractor's error (inspect reads one document)."""
    return {table: error for (_, table), error in batch.errors.items()}


def _failures(batch: Batch, tables: list[str]) -> list[str]:
    """Every failed blocking check of `tables`, table by table in publishing order."""
    out = []
    for outcome in batch.outcomes.values():
        if outcome.error is not None:
            out.append(f"{outcome.stage}: {outcome.error}")
        for f in sorted(outcome.blocking, key=lambda f: tables.index(f.table) if f.table in tables else -1):
            if f.table not in tables:
                continue
            if f.check == MODEL_CHECK and f.error is not None:
                out.append(f"{f.table}: the extractor stopped: {f.error}")
            else:
                out.append(str(f))
    return out


def _warnings(batch: Batch, tables: list[str]) -> list[str]:
    """What the document lacks, first its structure, then each table it gives no row of."""
    out = []
    for outcome in batch.outcomes.values():
        out += outcome.findings
        out += [f"{f.table}: the text gives no row of it ({f.check})" for f in outcome.warnings if f.table in tables]
    return out


def report(
    batch: Batch, shown: str, source: SourceDocument, origin: str, tables: list[str], rows: int, out: TextIO
) -> None:
    model = next(iter(batch.outcomes.values())).model
    print(f"inspect {shown}", file=out)
    print(
        f"  source    {source.format}, {source.meta.get('encoding') or 'utf-8'}, {len(source.lines)} lines, "
        f"sha256 {source.sha256[:12]}…, document_id {source.document_id}",
        file=out,
    )
    print(f"  metadata  {origin}", file=out)
    outcome = next(iter(batch.outcomes.values()))
    for finding in outcome.findings:
        print(f"  MISSING   {finding}", file=out)
    if outcome.review is not None:
        print(f"  review    {outcome.review.summary()}", file=out)
    if model is None:
        print("  layout    not read: see the checks below", file=out)
        return
    kind = model.layout.kind
    print(f"  layout    {kind}: {LAYOUTS.get(kind, kind)}; {len(model.layout.units)} units", file=out)
    print(f"  outline   {_outline(batch)}", file=out)
    print("tables (rows, then the first rows: Chinese columns, lines)", file=out)
    stopped = _stopped(batch)
    for table in tables:
        df = batch.checked.get(table)
        if table in stopped:
            print(f"  {table:<24} —  not extracted: {stopped[table].message}", file=out)
            continue
        if df is None:
            continue
        note = "" if len(df) else "   missing: nothing found in the text"
        print(f"  {table:<24} {len(df):>4}{note}", file=out)
        for _, r in df.head(rows).iterrows():
            print(f"      {_row(r)}", file=out)


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    from pipelines.resources import PlanPaths

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="python -m pipelines inspect", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path, help="a plan's text (PDF text or web copy) or its web page (.html)")
    parser.add_argument("--table", choices=document_tables(), help="report (or write) this table only")
    parser.add_argument("--format", choices=["text", "csv"], default="text", help="csv: write --table to stdout")
    parser.add_argument("--rows", type=int, default=3, help="how many first rows to show per table (default 3)")
    parser.add_argument("--source-format", choices=FORMATS, help="text or html (default: from the file name)")
    parser.add_argument("--encoding", choices=sorted(ENCODINGS), default="utf-8", help="the file's encoding")
    parser.add_argument("--document-id", help="the document's id (default: provisional, from the file name)")
    parser.add_argument(
        "--vocabulary-of", metavar="ID", help="use the reviewed vocabulary of document ID (another copy of that plan)"
    )
    args = parser.parse_args(argv)
    if args.format == "csv" and not args.table:
        parser.error("--format csv writes one table: give --table")
    raw = PlanPaths.now().raw
    try:
        source, origin = load(
            args.file,
            raw,
            form=args.source_format,
            encoding=args.encoding,
            document_id=args.document_id,
            vocabulary_of=args.vocabulary_of,
        )
    except PlanDataError as exc:
        print(f"inspect FAILED: {exc}", file=stderr)
        return 2
    batch = process_source(source, raw)
    stopped = _stopped(batch)
    tables = [args.table] if args.table else [t for t in document_tables() if t in batch.checked or t in stopped]
    failures = _failures(batch, tables)
    try:
        return _write(batch, args, source, origin, tables, failures, stdout, stderr)
    except BrokenPipeError:  # the reader stopped reading (| head): the exit code still tells the checks
        if stdout is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if failures else 0


def _write(
    batch: Batch, args, source: SourceDocument, origin: str, tables: list[str], failures: list[str], stdout, stderr
) -> int:
    if args.format == "csv":
        from pipelines.publish.catalogue.formats import csv_bytes
        from schemas.spec import table_spec

        df = batch.checked.get(args.table)
        if df is None or args.table in _stopped(batch):
            print(f"inspect FAILED: {args.table} could not be extracted", file=stderr)
            for line in failures:
                print(f"  - {line}", file=stderr)
            return 1
        stdout.write(csv_bytes(table_spec(args.table), df).decode("utf-8"))
        stdout.flush()
        out = stderr
    else:
        report(batch, str(args.file), source, origin, tables, args.rows, stdout)
        out = stdout
    warnings = _warnings(batch, tables)
    if warnings:
        print(f"warnings ({len(warnings)}; the document is published all the same):", file=out)
        for line in warnings:
            print(f"  - {line}", file=out)
    if failures:
        print(f"checks that would fail ({len(failures)}):", file=out)
        for line in failures:
            print(f"  - {line}", file=out)
        print("result: FAIL", file=out)
        return 1
    print("result: every blocking check passes", file=out)
    return 0
