"""The IO manager of the checked intermediates: one file per asset and document partition.

A document's run stores its verified source, its document model and each of its checked tables (a
DataFrame of that document's rows) as `<base>/<asset>/<document_id>.pickle`; an unpartitioned asset (a
shared table) as `<base>/<asset>.pickle`. The base folder is the instance's storage folder (DAGSTER_HOME/
storage in the UI, a temporary folder for the command line) unless `base_dir` names another.

Pickle, not Parquet: the intermediates round-trip exactly (nullable dtypes, the document model's objects)
and fast; the published Parquet files are the release's. Every file is replaced by a rename, never
rewritten in place, so a reader never sees half of one. `load_asset_value` reads any of them:
`defs.load_asset_value("indicators", partition_key=DOCUMENT_ID, instance=instance)` gives that document's rows.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import dagster as dg

from pipelines.errors import PlanDataError

FOLDER = "checked"


class CheckedStore(dg.ConfigurableIOManager):
    """Checked intermediates as files under the instance's storage (or `base_dir`)."""

    base_dir: str = ""

    def _base(self, context: dg.InputContext | dg.OutputContext) -> Path:
        if self.base_dir:
            return Path(self.base_dir)
        instance = context.step_context.instance if isinstance(context, dg.OutputContext) else context.instance
        return Path(instance.storage_directory()) / FOLDER

    def _path(self, context: dg.InputContext | dg.OutputContext, partition: str | None) -> Path:
        asset = self._base(context) / "/".join(context.asset_key.path)
        return asset / f"{partition}.pickle" if partition is not None else asset.with_suffix(".pickle")

    def handle_output(self, context: dg.OutputContext, obj: Any) -> None:
        """One file per partition: a run of several partitions (a range) gives a dict document_id → value."""
        paths: dict[str | None, Path]
        values: dict[str | None, Any]
        if not context.has_asset_partitions:
            paths = {None: self._path(context, None)}
            values = {None: obj}
        else:
            keys = list(context.asset_partition_keys)
            values = obj if len(keys) > 1 else {keys[0]: obj}
            paths = {k: self._path(context, k) for k in keys}
        for key, path in paths.items():
            _put(path, values[key])
        if len(paths) == 1:
            context.add_output_metadata({"stored": dg.MetadataValue.path(str(next(iter(paths.values()))))})

    def load_input(self, context: dg.InputContext) -> Any:
        """One partition's value when one is asked for (load_asset_value, a partitioned step); for an
        unpartitioned step, a dict document_id → value of every partition stored (a document never checked
        is absent)."""
        if not context.has_asset_partitions:
            path = self._path(context, None)
            if not path.exists():
                raise PlanDataError(
                    f"{context.asset_key.to_user_string()} has no checked rows in this instance",
                    file=str(path),
                    hint="materialize it first (the job build_catalog runs it before publishing)",
                )
            return _get(path)
        if context.has_partition_key:
            return _get(self._path(context, context.partition_key))
        out = {}
        for key in context.asset_partition_keys:
            path = self._path(context, key)
            if path.exists():
                out[key] = _get(path)
        return out


def _put(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=5)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _get(path: Path) -> Any:
    with open(path, "rb") as fh:
        return pickle.load(fh)  # noqa: S301  (files this IO manager wrote in the instance's own storage)
