"""The catalogue wing: the catalogue model, built once in memory, and every machine-readable rendering of it.

Owns the packages (`packages`: datapackage.json, data files, zips, versions and changelog), the download
formats (`formats`, `xlsx`), the model with every file's size and hash (`model`), catalog.json, DCAT and
schema.org (`dcat`), the 政务信息资源目录 entry (`govcatalog`) and the provenance sentences (`provenance`).
Imports `schemas`, `pipelines.publish.arrow` and the warehouse wing (view specs); never the site.
"""
