"""Where a build reads and writes: PLANS_* environment variables, with the project's `.env` as their defaults.

The one place that knows the variables: the Dagster resource (pipelines.resources.PlanPaths, fed by dg.EnvVar),
the command line and the extractors' default source folder all read them through here. `dg dev` loads `.env`
itself; every other entry point calls load_env(), which never overrides a variable already set.
"""

from __future__ import annotations

import os
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENV_FILE = PROJECT_ROOT / ".env"
# field of PlanPaths → the environment variable that sets it
VARIABLES = {"raw_dir": "PLANS_RAW_DIR", "warehouse_dir": "PLANS_WAREHOUSE_DIR", "catalog_dir": "PLANS_CATALOG_DIR"}


def load_env() -> None:
    """The defaults of `.env` for every PLANS_* variable not set in the environment."""
    load_dotenv(ENV_FILE, override=False)


def resolve(value: str | os.PathLike) -> Path:
    """A configured folder as an absolute path: a relative one is taken from the project root."""
    path = Path(value).expanduser()
    return (path if path.is_absolute() else PROJECT_ROOT / path).resolve()


def folder(field: str) -> Path:
    """The folder of one PlanPaths field (raw_dir, warehouse_dir, catalog_dir) as the environment sets it now."""
    load_env()
    variable = VARIABLES[field]
    value = os.environ.get(variable)
    if not value:
        raise KeyError(f"{variable} is not set and {ENV_FILE} gives no default for it")
    return resolve(value)
