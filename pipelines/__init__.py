"""The Dagster code location of the plans catalogue (`pipelines.definitions`) and the pure work it runs."""
