"""Character-level normalisation: the only place that decides which spaces are layout and which are text."""

from __future__ import annotations

import re
import unicodedata

# Whitespace that touches a non-ASCII character (CJK text or full-width punctuation) is PDF layout,
# not text: `到 2018年` → `到2018年`, `IT 项目` → `IT项目`. Whitespace between two ASCII
# characters is kept (collapsed to one space): `Data Package`.
_WS = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+")
_STRAY = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def clean(text: str) -> str:
    """De-space one de-wrapped unit of text, keeping every other character as printed."""
    text = _WS.sub(" ", text).strip()
    return _STRAY.sub("", text)


def width(text: str) -> int:
    """Display width of a line: full-width characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_blank(line: str) -> bool:
    return not line.strip() or not line.strip(" \t\u3000\x0c\ufeff")
