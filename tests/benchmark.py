"""Performance figures: `python3 tasks.py bench` (`python -m tests.benchmark`). Prints, never asserts.

1. extraction: raw text → document model → every table, in one process (median of many runs);
2. pandera validation of every table;
3. one document: the main job (`python -m pipelines build`, Dagster) against the same work without Dagster
   (`python -m tests.benchmark plain`), each as a whole process, and the catalogue staging on its own;
4. many documents: copies of the plan under new document ids, 1, 20 and 100 of them, through the main job
   end to end in one run, with the plain work beside it (scaling: every figure printed);
5. the Dagster event log: the events one document's run writes, and what storing them costs per document on
   SQLite and on PostgreSQL side by side (PostgreSQL as tests/test_deployment.py finds it: PLANS_PG_*).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from pipelines.assets.publish import source_texts
from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument, load_sources
from pipelines.extract.tables import extract_table
from pipelines.process import process_documents, shared_tables
from pipelines.publish.stage import stage
from pipelines.publish.warehouse.release import release, tidy
from pipelines.settings import PROJECT_ROOT
from pipelines.validate import validate
from schemas.registry import TABLES
from tests.helpers import QUIET

RAW = PROJECT_ROOT / "raw"


def _median_ms(fn, runs: int) -> tuple[float, float]:
    fn()  # warm-up: imports, vocabularies, regex caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def extract_all(sources: list[SourceDocument]) -> dict:
    docs = [build_document(s) for s in sources]
    return {t: extract_table(t, docs) for t in TABLES}


def copies_raw(folder: Path, n: int) -> Path:
    """raw/ with the plan listed `n` times under new ids (copies share the plan's vocabularies)."""
    shutil.copytree(RAW, folder)
    manifest = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))
    plan = manifest["documents"][0]
    manifest["documents"] = [
        {**plan, "document_id": f"{plan['document_id']}-c{i:03d}", "vocabulary_of": plan["document_id"]}
        for i in range(n)
    ]
    manifest.pop("outcomes", None)  # outcome figures belong to the plan's own id
    (folder / "sources.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def plain_build(raw: Path, warehouse: Path, catalog: Path) -> dict[str, float]:
    """The main job's work without Dagster: read, extract and check every document, the shared tables, then the
    publishing step's own staging and release, in this process. Returns the seconds of each part."""
    times, t0 = {}, time.perf_counter()
    tidy(warehouse, catalog)
    batch = process_documents(raw, [e.document_id for e in load_sources(raw)])
    tables = dict(batch.tables)
    for t in shared_tables():
        tables[t], _ = validate(t, extract_table(t, [], raw))
    tables = {t: tables[t] for t in TABLES}
    times["documents"] = time.perf_counter() - t0
    documents: list[dict] = [
        {"document_id": o.document_id, "sha256": o.source.sha256, "meta": o.source.meta}
        for o in batch.outcomes.values()
        if o.source is not None
    ]
    metas = [o.source.meta for o in batch.outcomes.values() if o.source is not None]
    staged = stage(tables, metas, source_texts(raw, documents), warehouse, catalog, times)
    t3 = time.perf_counter()
    release(staged.warehouse, staged.catalog, warehouse, catalog)
    times["release"] = time.perf_counter() - t3
    times["total"] = time.perf_counter() - t0
    return times


def _process(args: list[str], raw: Path, out: Path) -> float:
    env = {
        **os.environ,
        "PLANS_RAW_DIR": str(raw),
        "PLANS_WAREHOUSE_DIR": str(out / "warehouse"),
        "PLANS_CATALOG_DIR": str(out / "catalog"),
    }
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return took


def largest_page(catalog: Path) -> tuple[int, str]:
    """The size in bytes and the path of the catalogue's largest HTML page (links followed: the release)."""
    return max((p.stat().st_size, p.relative_to(catalog).as_posix()) for p in catalog.rglob("*.html"))


def main_job(raw: Path, out: Path) -> float:
    return _process(["-m", "pipelines", "build"], raw, out)


def plain_job(raw: Path, out: Path) -> float:
    return _process(["-m", "tests.benchmark", "plain"], raw, out)


def _postgres_overrides() -> tuple[dict | None, str]:
    """Instance storage on a fresh PostgreSQL database (and how to drop it), or None and why not."""
    import uuid

    try:
        import psycopg2
    except ImportError:
        return None, "psycopg2 not installed"
    pg = {
        "host": os.environ.get("PLANS_PG_HOST", "localhost"),
        "user": os.environ.get("PLANS_PG_USER", "plans"),
        "password": os.environ.get("PLANS_PG_PASSWORD", "plans"),
    }
    name = f"plans_bench_{uuid.uuid4().hex[:8]}"
    try:
        con = psycopg2.connect(dbname="postgres", connect_timeout=5, **pg)
    except psycopg2.OperationalError as exc:
        return None, f"no PostgreSQL ({str(exc).strip().splitlines()[0]})"
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    con.close()
    db = {
        "hostname": pg["host"],
        "username": pg["user"],
        "password": pg["password"],
        "db_name": name,
        "scheme": "postgresql+psycopg2",
    }
    return {"storage": {"postgres": {"postgres_db": db}}}, name


def _drop_database(name: str) -> None:
    import psycopg2

    con = psycopg2.connect(
        dbname="postgres",
        host=os.environ.get("PLANS_PG_HOST", "localhost"),
        user=os.environ.get("PLANS_PG_USER", "plans"),
        password=os.environ.get("PLANS_PG_PASSWORD", "plans"),
    )
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    con.close()


def event_log_cost(root: Path, n: int) -> None:
    """One run of n documents on a SQLite instance; its event log stored again into a fresh SQLite and a fresh
    PostgreSQL event log, timed."""
    import dagster as dg

    raw = copies_raw(root / "events", n)
    os.environ.update(PLANS_RAW_DIR=str(raw), PLANS_WAREHOUSE_DIR=str(root / "ew"), PLANS_CATALOG_DIR=str(root / "ec"))
    from pipelines.definitions import defs

    ids = [e["document_id"] for e in yaml.safe_load((raw / "sources.yaml").read_text(encoding="utf-8"))["documents"]]
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("documents", ids)
        tags = {"dagster/asset_partition_range_start": ids[0], "dagster/asset_partition_range_end": ids[-1]}
        run = defs.resolve_job_def("build_documents").execute_in_process(instance=instance, tags=tags, run_config=QUIET)
        entries = [e for e in instance.all_logs(run.run_id) if e.is_dagster_event]
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e.dagster_event_type.value] = kinds.get(e.dagster_event_type.value, 0) + 1  # type: ignore[union-attr]
    top = ", ".join(f"{k} {v / n:.0f}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])[:4])
    print(f"5. Dagster event log, one run of {n} documents: {len(entries) / n:.1f} events per document ({top} …)")
    overrides, why = _postgres_overrides()
    for storage, config in (("SQLite", None), ("PostgreSQL", overrides)):
        if storage == "PostgreSQL" and config is None:
            print(f"   {storage:<10} not measured: {why}")
            continue
        with dg.instance_for_test(overrides=config) as fresh:
            t0 = time.perf_counter()
            for e in entries:
                fresh.event_log_storage.store_event(e)
            took = time.perf_counter() - t0
        print(
            f"   {storage:<10} {1000 * took / len(entries):5.2f} ms an event, {took / n:5.3f} s per document "
            f"({took:.2f} s for {len(entries)} events)"
        )
    if overrides is not None:
        _drop_database(why)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", nargs="?", choices=["all", "plain", "events"], default="all")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and no 100-document run")
    args = parser.parse_args(argv)
    if args.what == "plain":  # one process doing the main job's work without Dagster (figure 3)
        plain_build(
            Path(os.environ["PLANS_RAW_DIR"]),
            Path(os.environ["PLANS_WAREHOUSE_DIR"]),
            Path(os.environ["PLANS_CATALOG_DIR"]),
        )
        return
    if args.what == "events":  # figure 5 alone
        with tempfile.TemporaryDirectory() as tmp:
            event_log_cost(Path(tmp), 5)
        return
    runs = 5 if args.quick else 30
    sources = load_sources(RAW)
    lines = sum(len(s.lines) for s in sources)

    median, best = _median_ms(lambda: extract_all(sources), runs)
    print(
        f"1. extraction, raw text → all {len(TABLES)} tables ({lines} lines): median {median:.1f} ms, "
        f"best {best:.1f} ms over {runs} runs"
    )
    tables = extract_all(sources)
    per_table = [(t, _median_ms(lambda t=t: validate(t, tables[t]), max(3, runs // 3))[0]) for t in TABLES]
    total = sum(ms for _, ms in per_table)
    print(f"2. pandera validation of all tables: {total:.0f} ms in total, {total / len(TABLES):.1f} ms a table")
    for t, ms in sorted(per_table, key=lambda x: -x[1])[:5]:
        print(f"   {t:<24} {ms:6.1f} ms ({len(tables[t])} rows)")

    reps = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        dagster = statistics.median(main_job(RAW, root / f"d{i}") for i in range(reps))
        plain = statistics.median(plain_job(RAW, root / f"p{i}") for i in range(reps))
        parts = plain_build(RAW, root / "w", root / "c")
        print(
            f"3. one document, whole processes: main job {dagster:.2f} s, the same work without Dagster {plain:.2f} s: "
            f"{dagster / plain:.2f}× (target ≤ 1.5×), median of {reps}"
        )
        print(
            "   without Dagster, in process: "
            + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items())
            + " (catalogue staging target ≤ 1.0 s)"
        )

        print("4. many documents (copies of the plan), one run each:")
        counts = [1, 5] if args.quick else [1, 20, 100]
        first = None
        for n in counts:
            raw = copies_raw(root / f"raw{n}", n)
            job = main_job(raw, root / f"job{n}")
            parts = plain_build(raw, root / f"pw{n}", root / f"pc{n}")
            first = first or job
            size, page = largest_page(root / f"job{n}" / "catalog")
            print(
                f"   {n:>4} documents: main job {job:6.2f} s ({job / first:.2f}× one document; targets: 20 ≤ 2.0×, "
                f"100 ≤ 30 s); without Dagster {parts['total']:6.2f} s = documents {parts['documents']:.2f} + "
                f"warehouse {parts['warehouse']:.2f} + catalogue {parts['catalogue']:.2f} + site "
                f"{parts['site']:.2f} + release {parts['release']:.2f}; largest page {size / 2**20:.2f} MiB "
                f"({page}; target ≤ 3 MB)"
            )
        event_log_cost(root, 5)


if __name__ == "__main__":
    main()
