"""DataFrame → Arrow with the declared types and the column documentation in the field metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa

from schemas.constants import TYPES
from schemas.spec import TableSpec

ARROW_TYPES = {kind: t.arrow for kind, t in TYPES.items()}


def _column(series: pd.Series, kind: str) -> pa.Array:
    """One column in its declared Arrow type, empty cells (None, NaN, NA, NaT) as nulls."""
    arrow_type = ARROW_TYPES[kind]
    try:
        if kind == "date":
            return pa.array(series, from_pandas=True).cast(arrow_type)
        return pa.array(series, type=arrow_type, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):  # mixed Python objects: convert them one by one
        convert: dict[str, Callable[[Any], Any]] = {
            "date": lambda v: pd.Timestamp(v).date(),
            "integer": int,
            "number": float,
            "boolean": bool,
        }
        to = convert.get(kind, str)
        return pa.array([None if pd.isna(v) else to(v) for v in series], type=arrow_type)


def to_arrow(spec: TableSpec, df: pd.DataFrame) -> pa.Table:
    arrays, fields = [], []
    for col in spec.columns:
        arrays.append(_column(df[col.name], col.type))
        fields.append(
            pa.field(
                col.name,
                ARROW_TYPES[col.type],
                nullable=col.nullable,
                metadata={
                    "title_zh": col.title_zh,
                    "title_en": col.title_en,
                    "description_zh": col.description_zh,
                    "description_en": col.description_en,
                },
            )
        )
    schema = pa.schema(
        fields,
        metadata={
            "table": spec.name,
            "title_zh": spec.title_zh,
            "title_en": spec.title_en,
            "description_zh": spec.description_zh,
            "description_en": spec.description_en,
            "primary_key": json.dumps(list(spec.primary_key)),
        },
    )
    return pa.Table.from_arrays(arrays, schema=schema)
