"""The code location with the multiprocess executor: steps in parallel processes on one machine.

    dagster dev -f deploy/multiprocess/definitions.py
The DuckDB writer stays alone: `warehouse` is in the pool `duckdb_writer` (limit it to 1 with
`dagster instance concurrency set duckdb_writer 1`, or `concurrency: pools: default_limit: 1` in
dagster.yaml), and within a run the tag limit below keeps it single as well.
"""

import dagster as dg

from pipelines.definitions import make_definitions

executor = dg.multiprocess_executor.configured(
    {
        "max_concurrent": 2,
        "tag_concurrency_limits": [{"key": "plans/writes", "value": "duckdb", "limit": 1}],
        # each step forked from a server that imported the project once, instead of a fresh interpreter that
        # imports dagster, pandas, pandera and the definitions for every step (seconds a step)
        "start_method": {"forkserver": {"preload_modules": ["pipelines.definitions"]}},
    }
)
defs = make_definitions(executor)
