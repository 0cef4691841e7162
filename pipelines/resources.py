"""The Dagster resource that says where a run reads and writes (see pipelines/settings.py for the variables)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.settings import VARIABLES, load_env, resolve


class PlanPaths(dg.ConfigurableResource):
    """Source and output folders; a relative path is taken from the project root."""

    raw_dir: str
    warehouse_dir: str
    catalog_dir: str

    @classmethod
    def from_env(cls) -> PlanPaths:
        """The folders as the Definitions configure them (PLANS_* variables, `.env` defaults), fed by dg.EnvVar
        so that a run resolves them when it starts, on whichever machine it runs."""
        load_env()
        return cls(**{field: dg.EnvVar(variable) for field, variable in VARIABLES.items()})

    @classmethod
    def now(cls) -> PlanPaths:
        """The folders as the environment sets them at this moment (the command line, outside any run)."""
        load_env()
        return cls(**{field: dg.EnvVar(variable).get_value() or "" for field, variable in VARIABLES.items()})

    @property
    def raw(self) -> Path:
        return resolve(self.raw_dir)

    @property
    def warehouse(self) -> Path:
        return resolve(self.warehouse_dir)

    @property
    def catalog(self) -> Path:
        return resolve(self.catalog_dir)
