"""Dated, quantified targets stated in the plan's prose (besides its indicator tables).

The rule that decides, stated once (README, "Quantified targets"):

* A paragraph is read clause by clause (clauses end at ，；。：). A clause is dated by the nearest
  `到YYYY年` before it in the same sentence; a sentence without one takes the year that opens its
  section's first paragraph (a 发展目标 section opens with 到YYYY年，…), and otherwise has no date.
* Every figure of a dated clause is a candidate (a figure is what the translation check counts: digits
  with 万/亿 applied; the digits of names such as 5G or IPv6 are not figures). Figures that are dates,
  ordinals or durations (the words in schemas/vocab/structure.yaml `not_a_target`) are not candidates.
  Past facts are never candidates: they are not dated by 到YYYY年 (截至YYYY年底… states no target year).
* Each candidate is decided in the reviewed vocabulary schemas/vocab/quantified_targets/<document_id>.csv,
  keyed by the paragraph's address and the figure as printed: a target (with its metric in both languages, its
  unit code and the table indicator it restates, if any) or not a target (with the reason). A
  candidate the vocabulary does not decide stops the build, naming its line, so nothing is counted or
  dropped silently; a vocabulary row that matches no candidate stops it too.
* The comparator comes from the clause's words (`comparators` in structure.yaml): 不高于 → ≤, 超过 → >,
  以上 after the figure → ≥, and so on; a figure with none of them is "=".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipelines.errors import PlanDataError
from pipelines.extract.model import Paragraph, PlanDocument
from pipelines.extract.translation import paragraph_key
from schemas.english import Figure, figures_zh
from schemas.vocabulary import VOCAB_DIR, read_csv, read_yaml

SENTENCE = re.compile(r"[^。]+。?")
CLAUSE = re.compile(r"[^，；。：]+[，；。：]?")
DATED = re.compile(r"到(\d{4})年")


@dataclass(frozen=True)
class Candidate:
    paragraph: Paragraph
    year: int
    clause: str
    figure: Figure
    offset: int  # of the figure in the paragraph's text
    occurrence: int  # 1 for the paragraph's first candidate printed this way, 2 for the second …

    @property
    def key(self) -> str:
        return paragraph_key(self.paragraph.section_id, self.paragraph.ordinal)

    @property
    def ident(self) -> tuple[str, str, int]:
        """What the vocabulary decides it by: paragraph address, figure as printed, occurrence."""
        return self.key, self.figure.printed, self.occurrence


@cache
def _words() -> dict:
    return read_yaml("structure.yaml")


def section_year(doc: PlanDocument, section_id: str) -> int | None:
    """The year that opens the section's first paragraph (到YYYY年，…), which dates its undated sentences."""
    first = next((p for p in doc.paragraphs if p.section_id == section_id), None)
    m = DATED.match(first.text) if first else None
    return int(m.group(1)) if m else None


def _figures(clause: str) -> list[tuple[Figure, int]]:
    """(figure, offset in clause) for every figure of a clause that may be a target."""
    words = _words()["not_a_target"]
    out = []
    pos = 0
    for figure in figures_zh(clause):
        at = clause.index(figure.printed, pos)
        pos = at + len(figure.printed)
        after, before = clause[pos:], clause[:at]
        if after.startswith(tuple(words["after"])) or before.endswith(tuple(words["before"])):
            continue
        out.append((figure, at))
    return out


def candidates(doc: PlanDocument) -> list[Candidate]:
    out = []
    years = {}
    for p in doc.paragraphs:
        if p.section_id not in years:
            years[p.section_id] = section_year(doc, p.section_id)
        start = 0
        seen: dict[str, int] = {}
        for sentence in SENTENCE.findall(p.text):
            year = years[p.section_id]
            at = start
            for clause in CLAUSE.findall(sentence):
                m = DATED.search(clause)
                if m:
                    year = int(m.group(1))
                if year is not None:
                    for figure, offset in _figures(clause):
                        if m and figure.printed == m.group(1):
                            continue  # the 到YYYY年 itself
                        seen[figure.printed] = seen.get(figure.printed, 0) + 1
                        out.append(
                            Candidate(p, year, clause.rstrip("，；。："), figure, at + offset, seen[figure.printed])
                        )
                at += len(clause)
            start += len(sentence)
    return out


def comparator(clause: str, figure: Figure) -> str:
    """≥, >, ≤, < or = from the clause's words around the figure."""
    at = clause.index(figure.printed)
    after = clause[at + len(figure.printed) :]
    rules = _words()["comparators"]
    for word, op in rules["after_figure"].items():
        if re.match(rf"[^\d，；。]{{0,12}}?{re.escape(word)}", after):
            return op
    for word, op in rules["in_clause"].items():
        if word in clause[:at]:
            return op
    return "="


@dataclass(frozen=True)
class Decision:
    key: str
    figure: str
    is_target: bool
    reason: str | None
    metric_zh: str | None
    metric_en: str | None
    unit_zh: str | None
    indicator: tuple[str, int] | None


@cache
def decisions(document_id: str) -> dict[tuple[str, str, int], Decision]:
    """The reviewed decisions for one document: schemas/vocab/quantified_targets/<document_id>.csv."""
    name = f"quantified_targets/{document_id}.csv"
    if not (VOCAB_DIR / name).exists():
        return {}
    out = {}
    for r in read_csv(name):
        table, _, no = (r["indicator"] or "").partition("#")
        out[(r["key"], r["figure"], int(r["occurrence"]))] = Decision(
            r["key"],
            r["figure"],
            r["decision"] == "target",
            r["reason"] or None,
            r["metric_zh"] or None,
            r["metric_en"] or None,
            r["unit_zh"],
            (table, int(no)) if table else None,
        )
    return out


def decide(doc: PlanDocument) -> list[tuple[Candidate, Decision]]:
    """Every candidate with its reviewed decision; an undecided candidate or an unused decision is an error."""
    vocab = decisions(doc.vocabulary_id)
    found = candidates(doc)
    out = []
    for c in found:
        d = vocab.get(c.ident)
        if d is None:
            raise PlanDataError(
                f"the figure {c.figure.printed} in a clause dated {c.year} is not decided: {c.clause}",
                file=f"raw/{doc.source.path}",
                document_id=doc.document_id,
                table="quantified_targets",
                row=f"{c.key} {c.figure.printed} (occurrence {c.occurrence})",
                line=c.paragraph.unit.line_at(c.offset),
                hint=f"decide it in schemas/vocab/quantified_targets/{doc.vocabulary_id}.csv: a target (metric, "
                "unit) or not (reason)",
            )
        out.append((c, d))
    used = {c.ident for c in found}
    present = {paragraph_key(p.section_id, p.ordinal) for p in doc.paragraphs}  # a cut text is completeness' job
    stale = [k for k in vocab if k not in used and k[0] in present]
    if stale:
        raise PlanDataError(
            f"schemas/vocab/quantified_targets/{doc.vocabulary_id}.csv decides figures the text no longer states: "
            f"{stale}",
            document_id=doc.document_id,
            table="quantified_targets",
            hint="remove or correct those rows",
        )
    return out
