"""Publishing: checked tables → warehouse, catalogue and site, released together. Pure functions, in three wings.

* `warehouse/`: the DuckDB file and the Parquet set (tables, views, comments) and the release that switches
  them and the catalogue in.
* `catalogue/`: the catalogue model (packages, files with sizes and hashes, written once) and its renderings:
  datapackage.json, CSV/Parquet/Excel, catalog.json, DCAT, schema.org, the 政务信息资源目录 entry.
* `site/`: the static site rendered from the catalogue model: pages, table and source pages, charts.

The step reads top to bottom in `pipelines.publish.stage`: stage the warehouse, build the catalogue model,
render the site; then `release`. A wing imports `schemas` and the wings before it, never `extract` or
the orchestration (an import-linter contract in pyproject.toml keeps the layers in order).
"""
