"""Where the job reads and writes: set by environment variables, resolved when a run starts."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENV = {"raw_dir": "PLANS_RAW_DIR", "warehouse_dir": "PLANS_WAREHOUSE_DIR", "catalog_dir": "PLANS_CATALOG_DIR"}
DEFAULTS = {"raw_dir": "raw", "warehouse_dir": "warehouse", "catalog_dir": "catalog"}


class PlanPaths(dg.ConfigurableResource):
    """Source and output folders. Empty fields fall back to PLANS_*_DIR, then to the repository's folders."""

    raw_dir: str = ""
    warehouse_dir: str = ""
    catalog_dir: str = ""

    def _resolve(self, key: str) -> Path:
        value = getattr(self, key) or os.environ.get(ENV[key]) or str(PROJECT_ROOT / DEFAULTS[key])
        return Path(value).expanduser().resolve()

    @property
    def raw(self) -> Path:
        return self._resolve("raw_dir")

    @property
    def warehouse(self) -> Path:
        return self._resolve("warehouse_dir")

    @property
    def catalog(self) -> Path:
        return self._resolve("catalog_dir")
