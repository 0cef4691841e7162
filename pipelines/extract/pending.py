"""What waits for a person: every item of a document that no reviewed vocabulary decides yet.

A document is published whole on its first build; what a reviewer must still decide is collected here while
its tables are extracted, and published as pending, never as if it were reviewed:

* `translation`: a text with no English reviewed for its exact Chinese (its English is null);
* a title kind of titles_en.csv (`chapter`, `section`, `project`, `indicator`, `indicator_category`,
  `annex_task`, `unit` …): a title, name or unit with no reviewed English;
* `decision`: a figure in a dated clause that no reviewed decision covers (a pending candidate, in no verdict);
* `table_role`: an indicator table no entry of indicator_tables.yaml declares (its role is unknown);
* `annex_link`: a box or action that no annex task implements and no review confirms.

An item is `stale` where a reviewed entry exists for an earlier wording of the same place: that entry is
never applied to the new Chinese. `python -m pipelines review` writes the items to CSV files in the
vocabularies' own formats.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pending:
    kind: str
    key: str  # where the vocabulary files it: the text's address, a title's kind, a decision's address
    zh: str  # the Chinese a reviewer decides on
    line: int | None  # the source line
    context: str  # where it stands, for the reviewer: the section, the table and row
    stale: str | None = None  # what was reviewed for an earlier wording here (never applied to this text)
    detail: tuple[tuple[str, object], ...] = field(default=())  # kind-specific fields for the worklist

    @property
    def reason(self) -> str:
        return "stale" if self.stale is not None else "new"

    def get(self, name: str):
        return dict(self.detail).get(name)


class ReviewQueue:
    """One document's pending items, each once however many tables meet it."""

    def __init__(self, document_id: str, shown: str) -> None:
        self.document_id = document_id
        self.shown = shown  # the source file, as messages name it
        self._items: dict[tuple[str, str, str], Pending] = {}

    @classmethod
    def of(cls, doc) -> ReviewQueue:
        """The document's queue (PlanDocument), shared by every table extracted from it."""
        return doc.once("review", lambda: cls(doc.document_id, doc.source.shown))

    def add(self, item: Pending) -> None:
        self._items.setdefault((item.kind, item.key, item.zh), item)

    @property
    def items(self) -> list[Pending]:
        return sorted(self._items.values(), key=lambda p: (p.line or 0, p.kind, p.key))

    @property
    def stale(self) -> list[Pending]:
        return [p for p in self.items if p.stale is not None]

    def counts(self) -> dict[str, int]:
        """Pending items by kind (the title kinds counted together as `title`)."""
        main = ("translation", "decision", "table_role", "annex_link")
        return dict(Counter(p.kind if p.kind in main else "title" for p in self.items))

    def summary(self) -> str:
        counts = self.counts()
        if not counts:
            return "nothing waits for review"
        order = ["translation", "title", "decision", "table_role", "annex_link"]
        parts = [f"{counts[k]} {k.replace('_', ' ')}(s)" for k in order if k in counts]
        stale = self.stale
        text = f"{', '.join(parts)} wait for review"
        if stale:
            shown = "; ".join(f"{p.key} (line {p.line})" for p in stale[:5]) + (" …" if len(stale) > 5 else "")
            text += f"; {len(stale)} stale (reviewed for an earlier wording, not applied): {shown}"
        return text + f" — python -m pipelines review {self.document_id}"
