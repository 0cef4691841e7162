"""Where a build reads and writes: the PLANS_* environment variables, defaulting to the repository's folders.

The one place that knows the variables and their defaults: the Dagster resource (pipelines.resources.PlanPaths,
fed by dg.EnvVar), the command line and the extractors' default source folder all read them through here.
A local `.env` (not committed) may set them for one checkout: `dg dev` and the dagster CLI load it themselves
(and let it win over the shell, as Dagster does); every other entry point loads it without overriding what the
shell set. load_env() then gives every variable still unset its default, so a run's dg.EnvVar always resolves.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENV_FILE = PROJECT_ROOT / ".env"
# field of PlanPaths → the environment variable that sets it, and its default (from the project root)
VARIABLES = {"raw_dir": "PLANS_RAW_DIR", "warehouse_dir": "PLANS_WAREHOUSE_DIR", "catalog_dir": "PLANS_CATALOG_DIR"}
DEFAULTS = {"PLANS_RAW_DIR": "raw", "PLANS_WAREHOUSE_DIR": "warehouse", "PLANS_CATALOG_DIR": "catalog"}


def load_env() -> None:
    """A local `.env` for what the shell did not set, then the defaults for what neither set."""
    if ENV_FILE.is_file():
        load_dotenv(ENV_FILE, override=False)
    for variable, default in DEFAULTS.items():
        if not os.environ.get(variable):
            os.environ[variable] = default


def resolve(value: str | os.PathLike) -> Path:
    """A configured folder as an absolute path: a relative one is taken from the project root."""
    path = Path(value).expanduser()
    return (path if path.is_absolute() else PROJECT_ROOT / path).resolve()


def folder(field: str) -> Path:
    """The folder of one PlanPaths field (raw_dir, warehouse_dir, catalog_dir) as the environment sets it now."""
    load_env()
    return resolve(os.environ[VARIABLES[field]])


SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"  # the reproducible-builds convention: the date a build stands for


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds since 1970 (None when unset); anything else is refused, naming it."""
    from pipelines.errors import PlanDataError

    value = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return None
    # ASCII digits, as the convention says: str.isdigit() also takes '²' (which int() then refuses) and other scripts'
    if not re.fullmatch(r"[0-9]+", value) or int(value) > 253402300799:  # 9999-12-31T23:59:59Z
        raise PlanDataError(
            f"{SOURCE_DATE_EPOCH} is {value!r}, not a whole number of seconds since 1970-01-01 UTC "
            "(up to the year 9999)",
            hint=f"set it as `date +%s` prints it (e.g. {SOURCE_DATE_EPOCH}=1480982400), or unset it to date the "
            "catalogue by its sources' `retrieved` dates",
        )
    return int(value)
