"""Reviewed English translations: lookup by stable key and Chinese hash, figure and glossary checks.

Translations live in ``schemas/vocab/translations/<document_id>.csv`` (``key, zh_sha256, zh, en``).
A key is the text's structural address in its document (``ch04-s02.3`` is the third paragraph of
section 四（二）; ``…#heading``, ``…#target`` and ``…#2018`` are its lead sentence, its action target
and its dated milestone). The hash ties the English to the exact Chinese it translates, and makes the
files a translation memory: a text reviewed once serves every document that prints the same Chinese.
When the Chinese changes, the translation is stale: the text becomes pending (English null,
translation_status pending) and a warning names it; old English is never published beside new Chinese.

Run ``python -m pipelines.extract.translation FILE.csv`` to check a translation file on its own.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.extract.pending import Pending, ReviewQueue
from schemas.english import glossary_violations, missing_figures
from schemas.vocabulary import VOCAB_DIR, english

TRANSLATIONS_DIR = VOCAB_DIR / "translations"


def zh_hash(text: str) -> str:
    """The first 16 hex digits of the text's UTF-8 sha256: enough to tell that a text changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


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


@cache
def memory() -> dict[str, str]:
    """The translation memory: zh_sha256 → reviewed English, over every translation file, so that a text reviewed
    once serves every document that prints the same Chinese (the first file in name order wins a tie)."""
    out: dict[str, str] = {}
    for path in sorted(TRANSLATIONS_DIR.glob("*.csv")):
        for tr in _read_file(path).values():
            if tr.en.strip():
                out.setdefault(tr.zh_sha256, tr.en)
    return out


class English:
    """The reviewed English of one document's texts: its own file's entry for the address when it was reviewed for
    this very Chinese, else the translation memory's for the same Chinese, else None and a pending item. A stale
    entry (the Chinese changed since review) is never published: the text is pending, and the item says so."""

    def __init__(self, document_id: str, vocabulary_id: str, queue: ReviewQueue) -> None:
        self.document_id = document_id
        self.vocabulary_id = vocabulary_id
        self.table = translations(vocabulary_id)
        self.queue = queue

    @classmethod
    def of(cls, doc) -> English:
        """The one lookup of a document (PlanDocument), its pending items in the document's review queue."""
        return doc.once("english", lambda: cls(doc.document_id, doc.vocabulary_id, ReviewQueue.of(doc)))

    def __call__(self, key: str, zh: str | None, line: int | None = None, context: str = "") -> str | None:
        if zh is None:
            return None
        h = zh_hash(zh)
        own = self.table.get(key)
        if own is not None and own.zh_sha256 == h and own.en.strip():
            return own.en
        found = memory().get(h)
        if found is not None:
            return found
        stale = own.en if own is not None and own.en.strip() else None
        self.queue.add(Pending("translation", key, zh, line, context, stale))
        return None

    def title(self, kind: str, zh: str | None, line: int | None = None, context: str = "") -> str | None:
        """The reviewed English of a title, a name or a short text of titles_en.csv / texts_en.csv, by its Chinese."""
        if zh is None:
            return None
        found = english(kind).get(zh)
        if found is None:
            self.queue.add(Pending(kind, kind, zh, line, context))
        return found


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
