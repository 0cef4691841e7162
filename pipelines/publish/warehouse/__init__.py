"""The warehouse wing: plans.duckdb and the Parquet set (tables, views, bilingual comments), and the release.

Owns the DuckDB writer (`database`, `ddl`), the views (`views`: one sql/<view>.sql with its YAML each, and the
rules they share in sql/rules.sql) and the release that switches a staged build in (`release`). Imports
`schemas` and `pipelines.publish.arrow` only; the catalogue and the site read it (a view's spec, the database
name), never the other way round.
"""
