"""Reviewed English translations: lookup by stable key and Chinese hash, figure and glossary checks.

Translations live in ``schemas/vocab/translations/<document_id>.csv`` (``key, zh_sha256, zh, en``).
A key is the text's structural address in its document (``ch04-s02.3`` is the third paragraph of
section 四（二）; ``…#heading``, ``…#target`` and ``…#2018`` are its lead sentence, its action target
and its dated milestone). The hash ties the English to the exact Chinese it translates: when the
Chinese changes, the translation is stale and the build stops rather than publish old English
beside new Chinese.

Run ``python -m pipelines.extract.translation FILE.csv`` to check a translation file on its own.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from pipelines.errors import PlanDataError
from pipelines.extract.vocab import VOCAB_DIR, read_csv, read_yaml

TRANSLATIONS_DIR = VOCAB_DIR / "translations"


def zh_hash(text: str) -> str:
    """The first 16 hex digits of the text's UTF-8 sha256: enough to tell that a text changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- figures ------------------------------------------------------------------------------------


@cache
def _figure_rules() -> dict:
    return read_yaml("figures.yaml")


@cache
def _exempt() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _figure_rules()["names"]))


_ZH_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_EN_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*-?\s*(thousand|million|billion|trillion))?", re.IGNORECASE
)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


@dataclass(frozen=True)
class Figure:
    printed: str  # as it stands in the Chinese, multiplier included (12.8万)
    value: Decimal  # in plain units (128000)
    month: bool = False  # a calendar month (12月): an English month name also carries it


def figures_zh(text: str) -> list[Figure]:
    """Every figure in a Chinese text, 万/亿 applied; digits inside names (5G, IPv6) are not figures."""
    rules = _figure_rules()
    multipliers = {k: Decimal(str(v)) for k, v in rules["multipliers"].items()}
    suffix = re.compile("|".join(sorted(map(re.escape, multipliers), key=len, reverse=True)))
    exempt = _spans(_exempt(), text)
    out = []
    for m in _ZH_NUMBER.finditer(text):
        if _inside(m.start(), exempt):
            continue
        value = Decimal(m.group())
        rest = text[m.end() :]
        mult = suffix.match(rest)
        if mult:
            value *= multipliers[mult.group()]
            printed = m.group() + mult.group()
        else:
            printed = m.group()
        month = rest.startswith("月") and 1 <= value <= 12
        out.append(Figure(printed, value, month))
    return out


def figures_en(text: str) -> set[Decimal]:
    """Every number an English text states, scale words applied (128 thousand, 17.1 trillion)."""
    scales = {k: Decimal(str(v)) for k, v in _figure_rules()["english_scales"].items()}
    exempt = _spans(_exempt(), text)
    out: set[Decimal] = set()
    for m in _EN_NUMBER.finditer(text):
        if _inside(m.start(), exempt):
            continue
        value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        out.add(value)
        if m.group(3):
            out.add(value * scales[m.group(3).lower()])
    months = _figure_rules()["months"]
    for i, name in enumerate(months, 1):
        if re.search(rf"\b{name}\b", text):
            out.add(Decimal(i))
    return out


@lru_cache(maxsize=65536)  # pure; the same text in many documents (copies, formats) is checked once
def missing_figures(zh: str, en: str) -> list[str]:
    """The figures of the Chinese that the English does not state (as printed in the Chinese)."""
    have = figures_en(en)
    return [f.printed for f in figures_zh(zh) if f.value not in have]


# --- glossary -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    zh: str
    en: tuple[str, ...]
    except_zh: tuple[str, ...]


@cache
def glossary() -> tuple[Term, ...]:
    return tuple(
        Term(
            r["zh"],
            tuple(e.strip() for e in r["en"].split("|") if e.strip()),
            tuple(e for e in (r["except_zh"] or "").split("|") if e),
        )
        for r in read_csv("glossary.csv")
    )


@lru_cache(maxsize=65536)
def glossary_violations(zh: str, en: str) -> list[str]:
    """Glossary terms of the Chinese whose English rendering the English lacks (`term → wanted`)."""
    low = en.lower()
    out = []
    for term in glossary():
        text = zh
        for compound in term.except_zh:
            text = text.replace(compound, "")
        if term.zh in text and not any(e.lower() in low for e in term.en):
            out.append(f"{term.zh} → {' | '.join(term.en)}")
    return out


# --- the translation files ----------------------------------------------------------------------


@dataclass(frozen=True)
class Translation:
    key: str
    zh_sha256: str
    zh: str
    en: str


class TranslationError(ValueError):
    pass


def _read_file(path: Path) -> dict[str, Translation]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, Translation] = {}
    for n, r in enumerate(rows, 2):
        t = Translation(r["key"], r["zh_sha256"], r["zh"], r["en"])
        if t.key in out:
            raise TranslationError(f"{path.name} line {n}: key {t.key} appears twice")
        if zh_hash(t.zh) != t.zh_sha256:
            raise TranslationError(
                f"{path.name} line {n}: zh_sha256 of {t.key} is not the hash of its zh (expected {zh_hash(t.zh)})"
            )
        out[t.key] = t
    return out


@cache
def translations(document_id: str) -> dict[str, Translation]:
    path = TRANSLATIONS_DIR / f"{document_id}.csv"
    return _read_file(path) if path.exists() else {}


def paragraph_key(section_id: str, ordinal: int) -> str:
    """A paragraph's structural address: its section and its place in it (ch04-s02.3)."""
    return f"{section_id}.{ordinal}"


class English:
    """The reviewed English of one document's texts, each checked against the Chinese it translates."""

    def __init__(self, document_id: str) -> None:
        self.document_id = document_id
        self.table = translations(document_id)

    def __call__(self, key: str, zh: str | None) -> str | None:
        """The English of `zh` at `key`; None where no translation exists yet (a visible gap, caught by the
        `translated` check); an error where the Chinese changed since it was translated."""
        if zh is None:
            return None
        t = self.table.get(key)
        if t is None:
            return None
        if t.zh_sha256 != zh_hash(zh):
            raise PlanDataError(
                f"translation stale for {key}: the Chinese text changed since it was translated",
                file=f"schemas/vocab/translations/{self.document_id}.csv",
                document_id=self.document_id,
                hint="review the English against the new Chinese, then update its zh, zh_sha256 and en",
            )
        return t.en


def check_file(path: Path) -> list[str]:
    """Every problem of one translation file: hashes, empty English, missing figures, glossary terms."""
    problems = []
    try:
        rows = _read_file(path)
    except TranslationError as exc:
        return [str(exc)]
    for t in rows.values():
        if not t.en.strip():
            problems.append(f"{t.key}: English is empty")
            continue
        if re.search(r"[\u4e00-\u9fff]", t.en):
            problems.append(f"{t.key}: English contains Chinese characters")
        for f in missing_figures(t.zh, t.en):
            problems.append(f"{t.key}: figure {f} of the Chinese is not in the English")
        for v in glossary_violations(t.zh, t.en):
            problems.append(f"{t.key}: glossary {v}")
    return problems


def main(argv: list[str]) -> int:
    problems = [f"{p}: {msg}" for p in argv for msg in check_file(Path(p))]
    print("\n".join(problems) if problems else f"ok: {len(argv)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
