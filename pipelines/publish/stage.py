"""The publishing step, top to bottom: stage the warehouse, build the catalogue model, render the site, release."""

from __future__ import annotations

import contextlib
import errno
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.errors import PlanDataError
from pipelines.publish.catalogue.build import build_catalogue, build_date
from pipelines.publish.site.pages import render_site
from pipelines.publish.warehouse.database import DB_NAME, PARQUET, stage_warehouse
from pipelines.publish.warehouse.release import keep_operators_files, release, tidy
from pipelines.publish.warehouse.views import read_views, write_view_parquet


@dataclass
class Staged:
    warehouse: Path  # staging folder of the database and Parquet set
    catalog: Path  # staging folder of the catalogue and site
    index: dict  # catalog.json
    kept: list[str]  # what a person put at the top of the published catalogue, carried into this one


def stage(
    tables: dict[str, pd.DataFrame],
    documents_meta: list[dict],
    sources: dict[str, list[str]],
    warehouse_dir: Path,
    catalog_dir: Path,
    timings: dict | None = None,
) -> Staged:
    """Stage everything beside the published folders; nothing half-staged is left behind on failure.

    `documents_meta` are the manifest entries of the published documents (they date the catalogue),
    `sources` their verified lines (for the source pages); `timings`, if given, receives each part's seconds."""
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    stage_wh = stage_warehouse(tables, warehouse_dir)
    stage_cat: Path | None = None
    try:
        views = read_views(stage_wh / DB_NAME)
        write_view_parquet(views, stage_wh / PARQUET)
        t1 = time.perf_counter()
        timings["warehouse"] = t1 - t0
        everything = {**tables, **views}
        catalogue = build_catalogue(everything, catalog_dir, build_date(documents_meta))
        stage_cat = catalogue.folder
        t2 = time.perf_counter()
        timings["catalogue"] = t2 - t1
        render_site(everything, catalogue.index, catalogue.folder, catalogue.model, sources)
        timings["site"] = time.perf_counter() - t2
        kept = keep_operators_files(catalog_dir, catalogue.folder)
    except BaseException:
        shutil.rmtree(stage_wh, ignore_errors=True)
        if stage_cat is not None:
            shutil.rmtree(stage_cat, ignore_errors=True)
        raise
    return Staged(stage_wh, catalogue.folder, catalogue.index, kept)


def _os_failure(exc: OSError, what: str, where: Path) -> PlanDataError:
    """An operating-system error as a message that says what failed, where, and what to do; never a traceback."""
    if exc.errno == errno.ENOSPC:
        return PlanDataError(
            f"the disk is full: {what} stopped ({exc.strerror})",
            file=str(exc.filename or where),
            hint="nothing was published and the staged files were removed; free some space and build again",
        )
    return PlanDataError(
        f"{what} failed: {exc.strerror or exc} ({type(exc).__name__})",
        file=str(exc.filename or where),
        hint="the published warehouse and catalogue are still a whole build (the last one, or this one); "
        "fix the cause (permissions, a file in the way) and build again: the next build tidies what is left",
    )


def publish(
    tables: dict[str, pd.DataFrame],
    documents_meta: list[dict],
    sources: dict[str, list[str]],
    warehouse_dir: Path,
    catalog_dir: Path,
    timings: dict | None = None,
) -> Staged:
    """Tidy what an earlier build left, stage everything, release it; returns what was staged (the catalogue
    index, the person's files kept). On any failure the published folders stay a whole build and nothing staged
    is left behind (PlanDataError says why)."""
    try:
        tidy(warehouse_dir, catalog_dir)
    except OSError as exc:
        raise _os_failure(exc, "tidying the output folders", warehouse_dir) from exc
    try:
        staged = stage(tables, documents_meta, sources, warehouse_dir, catalog_dir, timings)
    except OSError as exc:
        raise _os_failure(exc, "staging the warehouse and catalogue", warehouse_dir) from exc
    t0 = time.perf_counter()
    try:
        release(staged.warehouse, staged.catalog, warehouse_dir, catalog_dir)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tidy(warehouse_dir, catalog_dir)  # whatever the failed release staged or kept aside
        raise _os_failure(exc, "releasing the new build", warehouse_dir) from exc
    if timings is not None:
        timings["release"] = time.perf_counter() - t0
    return staged
