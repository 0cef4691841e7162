"""Performance figures: `python -m pipelines.bench` (or `python3 tasks.py bench`). Prints, never asserts.

1. extraction: raw text → document model → every table, in-process (median of many runs);
2. pandera validation of every table, per table;
3. the end-to-end main job against a Dagster run of the same graph of empty assets, in one process;
4. scaling: 1, 10 and 100 documents (variants of the plan) through extraction and the warehouse write.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path

import dagster as dg

from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument, load_sources
from pipelines.extract.tables import extract_table
from pipelines.publish.warehouse import stage_warehouse
from pipelines.resources import PROJECT_ROOT
from pipelines.validate import validate
from schemas.registry import TABLES


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


def variants(source: SourceDocument, n: int) -> list[SourceDocument]:
    meta = {**source.meta, "vocabulary_of": source.document_id}  # copies of the plan share its vocabularies
    return [dataclasses.replace(source, document_id=f"{source.document_id}-v{i:03d}", meta=meta) for i in range(n)]


def _noop(checks: list[dg.AssetCheckSpec]):
    def compute(context):
        yield dg.Output(None)
        for c in checks:
            yield dg.AssetCheckResult(asset_key=c.asset_key, check_name=c.name, passed=True)

    return compute


def empty_graph_seconds() -> float:
    """The same assets, partitions, dependencies, checks and runs as the main job, each asset doing nothing."""
    from pipelines.definitions import defs
    from pipelines.partitions import DOCUMENTS

    graph = defs.resolve_asset_graph()
    assets = []
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        checks = [
            dg.AssetCheckSpec(c.name, asset=key, blocking=c.name != "plan_agrees_with_itself")
            for c in node.check_keys
            if c.asset_key == key
        ]
        assets.append(
            dg.asset(
                name=key.path[-1], deps=list(node.parent_keys), check_specs=checks, partitions_def=node.partitions_def
            )(_noop(checks))
        )
    real = {j: defs.resolve_job_def(j) for j in ("build_documents", "build_catalog")}
    jobs = [
        dg.define_asset_job(j, selection=dg.AssetSelection.assets(*[k for k in job.asset_layer.executable_asset_keys]))
        for j, job in real.items()
    ]
    mirror = dg.Definitions(assets=assets, jobs=jobs, executor=dg.in_process_executor)
    quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
    instance = dg.DagsterInstance.ephemeral()
    ids = [s.document_id for s in load_sources(PROJECT_ROOT / "raw")]
    instance.add_dynamic_partitions(DOCUMENTS, ids)
    t0 = time.perf_counter()
    for doc_id in ids:
        mirror.resolve_job_def("build_documents").execute_in_process(
            partition_key=doc_id, instance=instance, run_config=quiet
        )
    mirror.resolve_job_def("build_catalog").execute_in_process(instance=instance, run_config=quiet)
    return time.perf_counter() - t0


def main_job_seconds(root: Path) -> float:
    from pipelines.__main__ import build

    os.environ.update(
        {
            "PLANS_RAW_DIR": str(PROJECT_ROOT / "raw"),
            "PLANS_WAREHOUSE_DIR": str(root / "warehouse"),
            "PLANS_CATALOG_DIR": str(root / "catalog"),
        }
    )
    with open(os.devnull, "w") as sink:
        t0 = time.perf_counter()
        code = build(stream=sink)
        took = time.perf_counter() - t0
    if code != 0:
        raise SystemExit("the main job failed; run `python -m pipelines build` to see why")
    return took


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and no 100-document run")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 30
    sources = load_sources(PROJECT_ROOT / "raw")
    lines = sum(len(s.lines) for s in sources)

    median, best = _median_ms(lambda: extract_all(sources), runs)
    print(
        f"1. extraction, raw text → all {len(TABLES)} tables ({lines} lines): median {median:.1f} ms, "
        f"best {best:.1f} ms over {runs} runs (target ≤ 50 ms)"
    )
    plain, _ = _median_ms(lambda: [sum(len(ln) for ln in s.text.split("\n")) for s in sources], runs)
    print(f"   a plain pass over the text (split + len): median {plain:.2f} ms")

    tables = extract_all(sources)
    total = 0.0
    per_table = []
    for t in TABLES:
        ms, _ = _median_ms(lambda t=t: validate(t, tables[t]), max(3, runs // 3))
        per_table.append((t, ms))
        total += ms
    print(
        f"2. pandera validation of all tables: {total:.0f} ms in total, {total / len(TABLES):.1f} ms a table on average"
    )
    for t, ms in sorted(per_table, key=lambda x: -x[1])[:5]:
        print(f"   {t:<24} {ms:6.1f} ms ({len(tables[t])} rows)")

    with tempfile.TemporaryDirectory() as tmp:
        reps = 1 if args.quick else 3
        real = statistics.median(main_job_seconds(Path(tmp) / f"r{i}") for i in range(reps))
        empty_graph_seconds()  # warm-up
        empty = statistics.median(empty_graph_seconds() for _ in range(reps))
        print(
            f"3. main job end to end: {real:.2f} s; the same graph of empty assets in Dagster: {empty:.2f} s; "
            f"ratio {real / empty:.2f}× (target ≤ 1.3×), median of {reps}"
        )

        print("4. scaling (extraction + validation + warehouse write, DuckDB and Parquet):")
        counts = [1, 10] if args.quick else [1, 10, 100]
        base = None
        for n in counts:
            docs = variants(sources[0], n)
            t0 = time.perf_counter()
            extracted = extract_all(docs)
            t1 = time.perf_counter()
            valid = {t: validate(t, df)[0] for t, df in extracted.items()}
            t2 = time.perf_counter()
            stage_warehouse(valid, Path(tmp) / f"scale{n}")
            t3 = time.perf_counter()
            per_doc = (t3 - t0) / n
            base = base or per_doc
            print(
                f"   {n:>4} documents: extract {t1 - t0:6.2f} s, validate {t2 - t1:6.2f} s, "
                f"warehouse {t3 - t2:6.2f} s, total {t3 - t0:6.2f} s = {per_doc * 1000:6.1f} ms a document "
                f"({per_doc / base:.2f}× the 1-document cost)"
            )


if __name__ == "__main__":
    main()
