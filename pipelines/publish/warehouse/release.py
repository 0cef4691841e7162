"""Release a staged build: the warehouse (DuckDB file and Parquet set) by one rename, then the catalogue by one.

The warehouse folder holds each build in a version folder `.build-<id>/` (plans.duckdb and parquet/) and
three links: `current` → the version being served, and `plans.duckdb` → current/plans.duckdb and
`parquet` → current/parquet for readers, who keep using those two paths. Releasing a build is one
rename of a new `current` link over the old one, so the database and every Parquet file switch together:
a reader sees the whole old build or the whole new one, never a mix (a query already running, or a
database already open, keeps the files it opened). The catalogue folder is replaced by a rename too,
and put back if that rename fails.

Whatever step fails, the published warehouse and catalogue stay readable, each either the old build or
the new one; what a failed release leaves behind (a staging folder, an unused version, an old catalogue
kept aside) is removed by the next build (`tidy`).

The folders may also be found as a person or a tool left them: copied by something that follows links (a
backup, `cp -rL`, an artefact upload), so that `current`, `plans.duckdb` and `parquet` are real folders and
files; with `current` missing; with a killed build's leftovers. `adopt` takes such a folder in: real
`current` or `parquet` folders become a version of their own (served until the new build switches), and
the links are laid again, so a restored copy builds like a fresh one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from pipelines.publish.warehouse.database import CATALOG, DB_NAME, PARQUET

CURRENT = "current"
VERSION_PREFIX = ".build-"
STAGING_PREFIX = ".staging-"


def published_parquet(warehouse_dir: Path, table: str) -> Path:
    """Where readers find a table's (or view's) Parquet file."""
    return warehouse_dir / PARQUET / f"{table}.parquet"


def published_database(warehouse_dir: Path) -> Path:
    return warehouse_dir / DB_NAME


def table_name(table: str) -> str:
    """The table's (or view's) name in the published database, as DuckDB qualifies it."""
    return f"{CATALOG}.main.{table}"


def _link(target: str, at: Path) -> None:
    """Point the link `at` to `target` by one rename (a file or link already there is replaced whole; a real
    folder there, as a copy that followed links leaves one, is moved aside first, for `tidy` to remove)."""
    if at.is_dir() and not at.is_symlink():
        os.replace(at, at.with_name(f"{VERSION_PREFIX}restored-{at.name}-{os.getpid()}"))
    tmp = at.with_name(f".{at.name}.link-{os.getpid()}")
    if os.path.lexists(tmp):
        if os.path.isdir(tmp) and not os.path.islink(tmp):
            shutil.rmtree(tmp)
        else:
            os.unlink(tmp)
    os.symlink(target, tmp)
    os.replace(tmp, at)


def _served(warehouse_dir: Path) -> str | None:
    current = warehouse_dir / CURRENT
    return os.readlink(current) if os.path.islink(current) else None


def release_warehouse(stage: Path, warehouse_dir: Path) -> None:
    version = warehouse_dir / (VERSION_PREFIX + stage.name.removeprefix(STAGING_PREFIX))
    os.chmod(stage, 0o755)  # a scratch folder is private; the published one is for every reader
    os.replace(stage, version)  # the staged build becomes a version (not served yet)
    _link(version.name, warehouse_dir / CURRENT)  # the switch: database and Parquet set together
    for name, target in ((DB_NAME, f"{CURRENT}/{DB_NAME}"), (PARQUET, f"{CURRENT}/{PARQUET}")):
        path = warehouse_dir / name
        if os.path.islink(path) and os.readlink(path) == target:
            continue
        _link(target, path)  # a real folder or file there (an old layout, a restored copy) is replaced


def release_catalog(stage: Path, catalog_dir: Path) -> None:
    """Replace the catalogue folder by the staged one; put the old one back if that fails."""
    os.chmod(stage, 0o755)
    old = None
    if catalog_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{catalog_dir.name}-old-", dir=catalog_dir.parent))
        os.rmdir(old)
        os.replace(catalog_dir, old)
    try:
        os.replace(stage, catalog_dir)
    except BaseException:
        if old is not None:
            os.replace(old, catalog_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def keep_operators_files(catalog_dir: Path, stage: Path) -> list[str]:
    """Copy into the staged catalogue what a person put at the top of the published one (a CNAME or .nojekyll for
    GitHub Pages, a robots.txt, a README): every top-level entry that the new build does not write and that the
    last build's catalog.json does not name as a package (a package left out is gone with its folder). Returns
    their names. Copied, not moved: if the release fails, the published folder is whole."""
    if not (catalog_dir / "catalog.json").is_file():
        return []
    previous = json.loads((catalog_dir / "catalog.json").read_text(encoding="utf-8"))  # read whole by the build
    packages = {p.get("name") for p in previous.get("packages", []) if isinstance(p, dict)}
    kept = sorted(
        p.name for p in catalog_dir.iterdir() if not os.path.lexists(stage / p.name) and p.name not in packages
    )
    for name in kept:
        source = catalog_dir / name
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, stage / name, symlinks=True)
        else:
            shutil.copy2(source, stage / name, follow_symlinks=False)
    return kept


def release(stage_warehouse: Path, stage_catalog: Path, warehouse_dir: Path, catalog_dir: Path) -> None:
    release_warehouse(stage_warehouse, warehouse_dir)
    release_catalog(stage_catalog, catalog_dir)
    tidy(warehouse_dir, catalog_dir)


def tidy(warehouse_dir: Path, catalog_dir: Path) -> None:
    """Remove what an earlier build left behind: staging folders, versions no longer served, old catalogues."""
    if warehouse_dir.is_dir():
        served = _served(warehouse_dir)
        for path in warehouse_dir.iterdir():
            name = path.name
            if name.startswith(STAGING_PREFIX) or (name.startswith(VERSION_PREFIX) and name != served):
                shutil.rmtree(path, ignore_errors=True)
            elif name.startswith(".") and ".link-" in name:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
    if catalog_dir.parent.is_dir():
        for path in catalog_dir.parent.glob(f".{catalog_dir.name}-*"):
            shutil.rmtree(path, ignore_errors=True)
