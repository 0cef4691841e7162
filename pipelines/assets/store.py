"""The checked tables of each document, kept between the document runs and the publishing run.

One file per document in the Dagster instance's storage folder (a temporary folder for the command
line, DAGSTER_HOME/storage in the UI): written only when every check of the document passed, removed
when a check fails, so the publishing step sees every document either whole and checked, or not at all.
Each file is replaced by a rename, never rewritten in place.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

import dagster as dg
import pandas as pd

FOLDER = "checked_documents"
SHARED = "checked_shared"  # the shared tables (vocabularies, outcome files), one file each


def _folder(instance: dg.DagsterInstance, name: str = FOLDER) -> Path:
    folder = Path(instance.storage_directory()) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _put(folder: Path, name: str, value) -> None:
    """Pickle `value` as `<name>.pickle`, replacing the file by a rename, never rewriting it in place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(value, fh, protocol=5)
    os.replace(tmp, folder / f"{name}.pickle")


def _get(path: Path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def save(instance: dg.DagsterInstance, doc_id: str, sha256: str, meta: dict, tables: dict[str, pd.DataFrame]) -> None:
    _put(_folder(instance), doc_id, {"document_id": doc_id, "sha256": sha256, "meta": meta, "tables": tables})


def forget(instance: dg.DagsterInstance, doc_id: str) -> None:
    (_folder(instance) / f"{doc_id}.pickle").unlink(missing_ok=True)


def save_shared(instance: dg.DagsterInstance, table: str, rows: pd.DataFrame) -> None:
    """A shared table whose every check passed, for the publishing step (which then need not read it again)."""
    _put(_folder(instance, SHARED), table, rows)


def load_shared(instance: dg.DagsterInstance, table: str) -> pd.DataFrame | None:
    """The checked shared table, or None where its step has not passed in this instance."""
    path = _folder(instance, SHARED) / f"{table}.pickle"
    return _get(path) if path.exists() else None


def forget_shared(instance: dg.DagsterInstance, table: str) -> None:
    (_folder(instance, SHARED) / f"{table}.pickle").unlink(missing_ok=True)


def load(instance: dg.DagsterInstance, doc_ids: list[str]) -> list[dict]:
    """The stored documents among `doc_ids`, in that order (a document never checked is absent)."""
    folder = _folder(instance)
    out = []
    for doc_id in doc_ids:
        path = folder / f"{doc_id}.pickle"
        if path.exists():
            out.append(_get(path))
    return out
