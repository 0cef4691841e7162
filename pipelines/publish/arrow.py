"""DataFrame → Arrow with the declared types and the column documentation in the field metadata."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa

from schemas.constants import TYPES
from schemas.spec import TableSpec

ARROW_TYPES = {kind: t.arrow for kind, t in TYPES.items()}


def to_arrow(spec: TableSpec, df: pd.DataFrame) -> pa.Table:
    arrays, fields = [], []
    for col in spec.columns:
        series = df[col.name]
        if col.type == "date":
            values = [None if pd.isna(v) else pd.Timestamp(v).date() for v in series]
        elif col.type == "integer":
            values = [None if pd.isna(v) else int(v) for v in series]
        elif col.type == "number":
            values = [None if pd.isna(v) else float(v) for v in series]
        elif col.type == "boolean":
            values = [None if pd.isna(v) else bool(v) for v in series]
        else:
            values = [None if pd.isna(v) else str(v) for v in series]
        arrays.append(pa.array(values, type=ARROW_TYPES[col.type]))
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
