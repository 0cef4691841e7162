"""Read the vocabularies kept beside the schemas (reviewed data, not code)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import yaml

VOCAB_DIR = Path(__file__).resolve().parents[2] / "schemas" / "vocab"


@cache
def read_csv(name: str) -> tuple[dict, ...]:
    with open(VOCAB_DIR / name, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def read_yaml(name: str) -> dict:
    return yaml.safe_load((VOCAB_DIR / name).read_text(encoding="utf-8"))


@cache
def english(kind: str) -> dict[str, str]:
    """zh → en for one kind of text, from titles_en.csv and texts_en.csv."""
    out: dict[str, str] = {}
    for name in ("titles_en.csv", "texts_en.csv"):
        if (VOCAB_DIR / name).exists():
            out.update({r["zh"]: r["en"] for r in read_csv(name) if r["kind"] == kind and r["en"].strip()})
    return out


def departments() -> dict[str, dict]:
    return {r["name_zh"]: r for r in read_csv("departments.csv")}
