"""Character-level normalisation: the only place that decides which spaces are layout and which are text."""

from __future__ import annotations

import re

# Whitespace that touches a non-ASCII character (CJK text or full-width punctuation) is PDF layout,
# not text: `到 2018年` → `到2018年`, `IT 项目` → `IT项目`. Whitespace between two ASCII
# characters is kept (collapsed to one space): `Data Package`.
_WS = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+")
_STRAY = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def clean(text: str) -> str:
    """De-space one de-wrapped unit of text, keeping every other character as printed."""
    text = _WS.sub(" ", text).strip()
    return _STRAY.sub("", text)


# East Asian Wide and Fullwidth blocks (Unicode EAW classes W and F), for a fast width count.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def width(text: str) -> int:
    """Display width of a line: full-width characters count two columns."""
    return len(text) + len(_WIDE.findall(text))


def is_blank(line: str) -> bool:
    return not line.strip() or not line.strip(" \t\u3000\x0c\ufeff")
