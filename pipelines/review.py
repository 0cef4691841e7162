"""`python -m pipelines review DOCUMENT_ID [--out DIR]`: every item of a document that waits for a person, at once.

Reads the document as a build does (`pipelines.process.process_documents`), then writes each kind of pending
item to a file in the vocabulary's own format, under DIR (default `review/<document_id>/`), laid out as
schemas/vocab/ is:

* `translations/<document_id>.csv` (key, zh_sha256, zh, en): the document's own entries, then every text
  with no English reviewed for its exact Chinese, `en` empty; `line`, `context` and, for a text whose
  wording changed since review, `stale_en` (the English of the earlier wording) help the reviewer;
* `titles_en.csv` (kind, zh, en): the titles, names and short texts with no reviewed English;
* `units.csv` (unit_zh, unit_en, multiplier, base_unit_en, note): units the vocabulary lacks;
* `quantified_targets/<document_id>.csv`: the document's own decisions, then every figure of a dated clause
  no decision covers, `decision` empty (`target` with metric and unit, or `not a target` with the reason);
* `indicator_tables.yaml`: an entry to complete (table_id, role) for every table no entry declares, with
  the measures its header names;
* `annex_links/<document_id>.csv`: every box or action no annex task implements, `decision` empty
  (`confirm` a task, or `unlinked` with the reason).

Fill the empty cells in, then copy each file over its namesake in schemas/vocab/ (the shared files,
titles_en.csv and units.csv, are written whole: every reviewed row, then the new ones): the next build
publishes the items as reviewed. Prints the counts; exit code 0, or 2 when the document cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter
from pathlib import Path

import yaml

from pipelines.extract.pending import Pending
from pipelines.extract.translation import translations, zh_hash
from pipelines.process import process_documents
from schemas.vocabulary import VOCAB_DIR, read_csv


def _csv(fields: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _shared(name: str) -> list[dict]:
    """Every row of a shared vocabulary file as it stands (written back whole, new rows after it)."""
    return [dict(r) for r in read_csv(name)] if (VOCAB_DIR / name).exists() else []


def worklist(document_id: str, vocabulary_id: str, items: list[Pending]) -> dict[str, str]:
    """Relative path → file text, for every kind of item that has one (nothing for a kind with none)."""
    files: dict[str, str] = {}
    by_kind: dict[str, list[Pending]] = {}
    for p in items:
        by_kind.setdefault(p.kind, []).append(p)

    texts = by_kind.pop("translation", [])
    if texts:
        # the document's own file (a copy's own, not the shared one), its entries kept but those to review again
        waiting = {p.key for p in texts}
        rows: list[dict] = [
            {"key": t.key, "zh_sha256": t.zh_sha256, "zh": t.zh, "en": t.en}
            for t in translations(document_id).values()
            if t.key not in waiting
        ]
        rows += [
            {
                "key": p.key,
                "zh_sha256": zh_hash(p.zh),
                "zh": p.zh,
                "en": "",
                "line": p.line,
                "context": p.context,
                "stale_en": p.stale or "",
            }
            for p in texts
        ]
        files[f"translations/{document_id}.csv"] = _csv(
            ["key", "zh_sha256", "zh", "en", "line", "context", "stale_en"], rows
        )

    decisions = by_kind.pop("decision", [])
    if decisions:
        name = f"quantified_targets/{vocabulary_id}.csv"
        fields = ["key", "figure", "occurrence", "year", "clause_zh", "decision", "reason", "metric_zh", "metric_en"]
        fields += ["unit_zh", "indicator"]
        own = _shared(name) if vocabulary_id == document_id else []
        asked = {(p.key, str(p.get("figure")), str(p.get("occurrence"))) for p in decisions}
        rows = [r for r in own if (r["key"], r["figure"], r["occurrence"]) not in asked]
        rows += [
            {
                "key": p.key,
                "figure": p.get("figure"),
                "occurrence": p.get("occurrence"),
                "clause_zh": p.zh,
                "year": p.get("year"),
                "line": p.line,
                "context": p.context,
                "stale": p.stale or "",
            }
            for p in decisions
        ]
        files[f"quantified_targets/{document_id}.csv"] = _csv([*fields, "line", "context", "stale"], rows)

    roles = by_kind.pop("table_role", [])
    if roles:
        entries = [
            {
                "title_zh": p.zh,
                "table_id": "",
                "role": "",
                "title_en": "",
                "measures": list(p.get("measures") or ()),
                "growth_years": None,
                "line": p.line,
            }
            for p in roles
        ]
        note = (
            "# Add each entry, completed, under `tables:` in schemas/vocab/indicator_tables.yaml: a table_id (ASCII),\n"
            "# its role (review or targets), its English title and its measures named by kind and year (base_YYYY,\n"
            "# target_YYYY, target_growth), with growth_years. The measures below are what its header names.\n"
        )
        files["indicator_tables.yaml"] = note + yaml.safe_dump({"tables": entries}, allow_unicode=True, sort_keys=False)

    links = by_kind.pop("annex_link", [])
    if links:
        rows = [
            {"kind": p.key.split(",")[0], "number": p.key.split(",")[1], "task_no": "", "decision": "", "note": ""}
            | {"title_zh": p.zh, "line": p.line}
            for p in links
        ]
        files[f"annex_links/{vocabulary_id}.csv"] = _csv(
            ["kind", "number", "task_no", "decision", "note", "title_zh", "line"], rows
        )

    units = by_kind.pop("unit", [])
    if units:
        rows = _shared("units.csv") + [
            {"unit_zh": p.zh, "unit_en": "", "multiplier": "", "base_unit_en": "", "note": f"line {p.line}"}
            for p in units
        ]
        files["units.csv"] = _csv(["unit_zh", "unit_en", "multiplier", "base_unit_en", "note"], rows)

    titles = [p for kind in sorted(by_kind) for p in by_kind[kind]]
    if titles:
        rows = _shared("titles_en.csv") + [
            {"kind": p.kind, "zh": p.zh, "en": "", "line": p.line, "context": p.context} for p in titles
        ]
        files["titles_en.csv"] = _csv(["kind", "zh", "en", "line", "context"], rows)
    return files


def main(argv: list[str] | None = None, stdout=None, stderr=None) -> int:
    from pipelines.resources import PlanPaths

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="python -m pipelines review", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("document_id", help="a document of raw/sources.yaml")
    parser.add_argument("--out", type=Path, help="where to write the files (default review/<document_id>/)")
    args = parser.parse_args(argv)
    paths = PlanPaths.now()
    batch = process_documents(paths.raw, [args.document_id])
    outcome = batch.outcomes[args.document_id]
    if outcome.model is None or outcome.review is None:
        print(f"review FAILED: {outcome.error}", file=stderr)
        return 2
    items = outcome.review.items
    out = args.out or Path("review") / args.document_id
    files = worklist(args.document_id, outcome.model.vocabulary_id, items)
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    counts = Counter(p.kind for p in items)
    print(f"review {args.document_id}: {len(items)} item(s) wait for a person", file=stdout)
    for kind, n in sorted(counts.items()):
        stale = sum(1 for p in items if p.kind == kind and p.stale is not None)
        print(
            f"  {kind:<20} {n:>5}" + (f"  ({stale} stale: reviewed for an earlier wording)" if stale else ""),
            file=stdout,
        )
    for finding in outcome.findings:
        print(f"  MISSING {finding}", file=stdout)
    for rel in files:
        print(f"  wrote {out / rel}", file=stdout)
    if files:
        print("fill in the empty cells, then copy each file over its namesake in schemas/vocab/", file=stdout)
    return 0
