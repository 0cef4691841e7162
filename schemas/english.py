"""What an English text must keep of the Chinese it translates: its figures and its glossary terms.

The rules are data (schemas/vocab/figures.yaml, schemas/vocab/glossary.csv); the table declarations'
checks `figures_kept` and `glossary_followed`, the translation files' check and the quantified-target
reader all use these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from schemas.vocabulary import read_csv, read_yaml

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
