"""Read the vocabularies of schemas/vocab/ (reviewed data, not code).

The lowest layer: the table declarations (schemas/), the extractors and the publishers all read the
vocabularies through this module, and it imports nothing of theirs.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

# The reviewed vocabularies; `PLANS_VOCAB_DIR` points a build at another copy (a plan brought with its own entries).
VOCAB_SETTING = "PLANS_VOCAB_DIR"
PROJECT_VOCAB = Path(__file__).resolve().parent / "vocab"
VOCAB_DIR = Path(os.environ.get(VOCAB_SETTING) or PROJECT_VOCAB)


# libyaml's parser when PyYAML was built with it (the wheels are): the same safe constructor, about 8× faster
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """YAML's safe loader, refusing a mapping that holds a key twice (plain YAML lets the last one win silently)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} appears twice in one mapping (first at line {seen[key]}, again at line "
                    f"{key_node.start_mark.line + 1}): the second would silently replace the first",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class VocabularyMissing(Exception):
    """A vocabulary file that cannot be read where PLANS_VOCAB_DIR (or schemas/vocab/) says it is: the message
    names the file, the folder's setting and what to do (the command line prints it as a refusal)."""


def _open_failure(name: str, exc: OSError) -> VocabularyMissing:
    where = "the project's schemas/vocab/" if VOCAB_DIR == PROJECT_VOCAB else VOCAB_SETTING
    if not VOCAB_DIR.is_dir():
        what = f"the vocabulary folder {VOCAB_DIR} ({where}) " + (
            "is a file" if VOCAB_DIR.exists() else "does not exist"
        )
    else:
        what = f"the vocabulary file {VOCAB_DIR / name} cannot be read ({exc.strerror or exc})"
    return VocabularyMissing(
        f"{what}: point {VOCAB_SETTING} at a copy of schemas/vocab/ holding every file of it, or unset it to use "
        "the project's own"
    )


@cache
def read_csv(name: str) -> tuple[dict, ...]:
    try:
        with open(VOCAB_DIR / name, encoding="utf-8", newline="") as fh:
            return tuple(csv.DictReader(fh))
    except OSError as exc:
        raise _open_failure(name, exc) from exc


@cache
def read_yaml(name: str) -> dict:
    try:
        text = (VOCAB_DIR / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise _open_failure(name, exc) from exc
    return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506


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


# What dates a quantified target: its own sentence (到YYYY年), its section's opening, or the plan period's end.
YEAR_BASES = ("clause", "section", "plan period")


# --- indicator tables -----------------------------------------------------------------------------
# The genre, not any one plan: an indicator table either reviews the last period (targets against what was
# achieved) or sets this period's targets (a base and a target). A measure's name is its kind and, for a
# level, its year (`base_YYYY`, `target_YYYY`, `target_growth`); the vocabulary lists each table's measures.
ROLES = {
    "review": ("target", "target_growth", "actual", "actual_growth"),
    "targets": ("base", "target", "target_growth"),
}
# A table whose title no entry declares is published with its role unknown, its measures named by its header:
# `value_YYYY` for a year column, `growth` for a growth column (or the kind a group word above them gives).
UNKNOWN_ROLE = "unknown"
MEASURE_KINDS = ("base", "target", "actual", "value", "target_growth", "actual_growth", "growth")
MEASURE = re.compile(
    r"^(?:(?P<level>base|target|actual|value)_(?P<year>\d{4})(?:_\d)?|(?P<growth>target_growth|actual_growth|growth)(?:_\d)?)$"
)


@dataclass(frozen=True)
class Measure:
    name: str
    kind: str
    year: int | None

    @property
    def is_growth(self) -> bool:
        return self.kind.endswith("growth")


@dataclass(frozen=True)
class IndicatorTable:
    """One entry of indicator_tables.yaml: a table a plan may print, recognised by its title."""

    table_id: str
    role: str  # review, targets, or unknown (no entry declares the table)
    title_zh: str
    title_en: str | None
    measures: tuple[Measure, ...]
    growth_years: int | None

    def of_kind(self, kind: str) -> Measure:
        return next(m for m in self.measures if m.kind == kind)

    @property
    def year(self) -> int:
        """The year the table's targets are for (its `target_YYYY` column)."""
        return self.of_kind("target").year  # type: ignore[return-value]

    @property
    def base_year(self) -> int:
        """The year the table's growth is counted from: its base column, or the target year less the period."""
        if self.role == "targets":
            return self.of_kind("base").year  # type: ignore[return-value]
        return self.year - (self.growth_years or 0)


def measure(name: str) -> Measure:
    m = MEASURE.match(name)
    if not m:
        raise ValueError(f"measure {name!r} is not a kind and a year (base_YYYY, target_YYYY, actual_YYYY) or a growth")
    if m["growth"]:
        return Measure(name, m["growth"], None)
    return Measure(name, m["level"], int(m["year"]))


@cache
def indicator_tables() -> tuple[IndicatorTable, ...]:
    """The indicator tables of indicator_tables.yaml, each checked against its role."""
    out = []
    for cfg in read_yaml("indicator_tables.yaml")["tables"]:
        where = f"schemas/vocab/indicator_tables.yaml: table {cfg.get('table_id')!r}"
        if cfg.get("role") not in ROLES:
            raise ValueError(f"{where}: role must be one of {', '.join(ROLES)}")
        measures = tuple(measure(n) for n in cfg["measures"])
        kinds = sorted(m.kind for m in measures)
        if kinds != sorted(ROLES[cfg["role"]]):
            raise ValueError(f"{where}: a {cfg['role']} table has the measures {', '.join(ROLES[cfg['role']])}")
        out.append(
            IndicatorTable(
                cfg["table_id"], cfg["role"], cfg["title_zh"], cfg["title_en"], measures, int(cfg["growth_years"])
            )
        )
    return tuple(out)


def indicator_table(table_id: str) -> IndicatorTable:
    return next(t for t in indicator_tables() if t.table_id == table_id)
