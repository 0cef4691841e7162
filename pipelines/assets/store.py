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


def _folder(instance: dg.DagsterInstance) -> Path:
    folder = Path(instance.storage_directory()) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(instance: dg.DagsterInstance, doc_id: str, sha256: str, meta: dict, tables: dict[str, pd.DataFrame]) -> None:
    folder = _folder(instance)
    fd, tmp = tempfile.mkstemp(prefix=f".{doc_id}-", dir=folder)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump({"document_id": doc_id, "sha256": sha256, "meta": meta, "tables": tables}, fh, protocol=5)
    os.replace(tmp, folder / f"{doc_id}.pickle")


def forget(instance: dg.DagsterInstance, doc_id: str) -> None:
    (_folder(instance) / f"{doc_id}.pickle").unlink(missing_ok=True)


def save_shared(instance: dg.DagsterInstance, table: str, rows: pd.DataFrame) -> None:
    """A shared table whose every check passed, for the publishing step (which then need not read it again)."""
    folder = _folder(instance).parent / SHARED
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{table}-", dir=folder)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(rows, fh, protocol=5)
    os.replace(tmp, folder / f"{table}.pickle")


def load_shared(instance: dg.DagsterInstance, table: str) -> pd.DataFrame | None:
    """The checked shared table, or None where its step has not passed in this instance."""
    path = _folder(instance).parent / SHARED / f"{table}.pickle"
    if not path.exists():
        return None
    with open(path, "rb") as fh:
        return pickle.load(fh)


def forget_shared(instance: dg.DagsterInstance, table: str) -> None:
    (_folder(instance).parent / SHARED / f"{table}.pickle").unlink(missing_ok=True)


def load(instance: dg.DagsterInstance, doc_ids: list[str]) -> list[dict]:
    """The stored documents among `doc_ids`, in that order (a document never checked is absent)."""
    folder = _folder(instance)
    out = []
    for doc_id in doc_ids:
        path = folder / f"{doc_id}.pickle"
        if path.exists():
            with open(path, "rb") as fh:
                out.append(pickle.load(fh))
    return out
