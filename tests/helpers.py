"""Shared test helpers: copies of raw/ with edits, in-process builds into temporary folders."""

from __future__ import annotations

import hashlib
import io
import os
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
PLAN_FILE = "cn-13th-fyp-informatization-2016.txt"
DOC_ID = "cn-13th-fyp-informatization-2016"
# run config for an in-process Dagster run whose console log is not wanted in the test output
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


def seed_bytes() -> bytes:
    return (RAW / PLAN_FILE).read_bytes()


def seed_text() -> str:
    return seed_bytes().decode("utf-8")


def make_raw(
    folder: Path,
    data: bytes | None = None,
    *,
    entry_updates: dict | None = None,
    fix_sha: bool = True,
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """A raw/ folder holding the plan (or `data` instead of it) and a manifest that matches it."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in RAW.rglob("*"):  # the other sources (outcome files …) as they are
        if path.is_file() and path.name not in (PLAN_FILE, "sources.yaml"):
            (folder / path.relative_to(RAW)).parent.mkdir(parents=True, exist_ok=True)
            (folder / path.relative_to(RAW)).write_bytes(path.read_bytes())
    data = seed_bytes() if data is None else data
    (folder / PLAN_FILE).write_bytes(data)
    for name, content in (extra_files or {}).items():
        (folder / name).write_bytes(content)
    manifest = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))
    entry = manifest["documents"][0]
    if fix_sha:
        entry["sha256"] = hashlib.sha256(data).hexdigest()
    entry.update(entry_updates or {})
    (folder / "sources.yaml").write_text(
        yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


@dataclass
class BuildResult:
    code: int
    out: str
    err: str


def run_build(raw: Path, warehouse: Path, catalog: Path) -> BuildResult:
    """`python -m pipelines build` in-process with the PLANS_* folders pointed at the given paths."""
    from pipelines.__main__ import main

    env = {"PLANS_RAW_DIR": str(raw), "PLANS_WAREHOUSE_DIR": str(warehouse), "PLANS_CATALOG_DIR": str(catalog)}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["build"])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return BuildResult(code, out.getvalue(), err.getvalue())


def tree_digest(*folders: Path) -> dict[str, str]:
    """Path → sha256 of every file under the folders (what 'byte-for-byte unchanged' compares)."""
    out = {}
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def relative_digest(folder: Path) -> dict[str, str]:
    """Path relative to `folder` → sha256 of every file under it, the folder's own links followed (as a reader
    sees it), so that two copies of a tree compare equal wherever they lie."""
    base = folder.resolve()
    return {str(Path(k).relative_to(base)): v for k, v in tree_digest(base).items()}
