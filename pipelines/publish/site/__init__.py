"""The site wing: the static site rendered from the catalogue model, for people.

Owns the pages (`pages`: index, package pages, the search index), the table pages (`table_pages`), the
source pages (`source_page`), the charts (`charts`) and the templates. Imports `schemas` and the two other
wings; nothing imports it but the publishing step (`pipelines.publish.stage`).
"""
