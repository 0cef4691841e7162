"""The constants every part of the product shares, each stated once.

Plan facts are not here (they are data, in schemas/vocab/); these are facts of the format and the genre.
"""

from __future__ import annotations

from typing import NamedTuple

import pyarrow as pa

# A cell printed as a dash is empty (no figure): the em dash of the PDF, a hyphen or en dash of a web copy,
# and the double em dash some pages use.
DASHES = frozenset({"—", "-", "–", "——"})


class ColumnType(NamedTuple):
    duckdb: str
    arrow: pa.DataType
    gov_zh: str  # 数据类型 in the 政务信息资源目录 entry


# Frictionless type → how a column of it is stored in the warehouse (DuckDB) and in Parquet (Arrow), and
# how the government catalogue names it.
TYPES = {
    "string": ColumnType("VARCHAR", pa.string(), "字符型"),
    "integer": ColumnType("BIGINT", pa.int64(), "整数型"),
    "number": ColumnType("DOUBLE", pa.float64(), "数值型"),
    "boolean": ColumnType("BOOLEAN", pa.bool_(), "布尔型"),
    "date": ColumnType("DATE", pa.date32(), "日期型"),
    "datetime": ColumnType("TIMESTAMP", pa.timestamp("s"), "日期时间型"),
}


class FileFormat(NamedTuple):
    mediatype: str
    label: str  # as the site shows it
    eu_file_type: str  # http://publications.europa.eu/resource/authority/file-type/<this>, for DCAT
    gov_zh: str  # 格式 in the 政务信息资源目录 entry


# Every download: the table formats (CSV is canonical), then the zip of a whole package.
FORMATS = {
    "csv": FileFormat("text/csv", "CSV", "CSV", "CSV（UTF-8）"),
    "parquet": FileFormat("application/vnd.apache.parquet", "Parquet", "PARQUET", "Parquet"),
    "xlsx": FileFormat(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "XLSX", "XLSX（Excel）"
    ),
    "zip": FileFormat("application/zip", "ZIP", "ZIP", "ZIP（Frictionless 数据包，含 datapackage.json）"),
}
TABLE_FORMATS = ("csv", "parquet", "xlsx")
