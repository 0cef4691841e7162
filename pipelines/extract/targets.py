"""Dated, quantified targets stated in the plan's prose (besides its indicator tables).

The rule that decides, stated once (README, "Quantified targets"):

* A paragraph is read clause by clause (clauses end at ，；。：). A clause is dated by the nearest
  `到YYYY年` before it in the same sentence; a sentence without one takes the year that opens its
  section's first paragraph (a 发展目标 section opens with 到YYYY年，…); a sentence of a box (专栏) with
  neither falls due at the end of the plan period (`period_end` in raw/sources.yaml), and otherwise a
  clause has no date.
* Every figure of a dated clause is a candidate (a figure is what the translation check counts: digits
  with 万/亿 applied; the digits of names such as 5G or IPv6, and of a web address, are not figures). Figures
  that are dates, ordinals or durations (the words in schemas/vocab/structure.yaml `not_a_target`) are not
  candidates. Past facts are never candidates: they are not dated by 到YYYY年 (截至YYYY年底… states no target
  year).
* Each candidate is decided in the reviewed vocabulary schemas/vocab/quantified_targets/<document_id>.csv,
  keyed by the paragraph's address, the figure as printed and its occurrence, and holding the clause and the
  year it decided: a target (with its metric in both languages, its unit code and the table indicator it restates, if
  any) or not a target (with the reason). The decisions are a memory too: a clause decided once, in any
  document, decides the same clause (same words, same figure, due the same year) wherever it is printed again.
  A candidate no decision covers, or whose clause or year changed since its decision, is published as pending
  (no metric, no verdict) and listed by `python -m pipelines review`; it never stops the build.
* The comparator comes from the clause's words (`comparators` in structure.yaml): 不高于 → ≤, 超过 → >,
  以上 after the figure → ≥, and so on; a figure with none of them is "=".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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
    year_basis: str  # one of YEAR_BASES
    clause: str
    figure: Figure
    offset: int  # of the figure in the paragraph's text
    occurrence: int  # 1 for the paragraph's first candidate printed this way, 2 for the second …
    in_clause: int  # 1 for the clause's first figure printed this way …: the decisions' memory key

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


def period_end(doc: PlanDocument) -> int | None:
    """The last year of the plan period, as the manifest declares it (`period_end`), if it does."""
    end = doc.source.meta.get("period_end")
    return int(end) if end else None


def candidates(doc: PlanDocument) -> list[Candidate]:
    out = []
    years: dict[str, int | None] = {}
    end = period_end(doc)
    for p in doc.paragraphs:
        if p.section_id not in years:
            years[p.section_id] = section_year(doc, p.section_id)
        start = 0
        seen: dict[str, int] = {}
        for sentence in SENTENCE.findall(p.text):
            year, basis = years[p.section_id], "section"
            if year is None and p.project_no is not None and end is not None:
                year, basis = end, "plan period"  # a box's project falls due with the plan
            at = start
            for clause in CLAUSE.findall(sentence):
                m = DATED.search(clause)
                if m:
                    year, basis = int(m.group(1)), "clause"
                if year is not None:
                    in_clause: dict[str, int] = {}
                    for figure, offset in _figures(clause):
                        if m and figure.printed == m.group(1):
                            continue  # the 到YYYY年 itself
                        seen[figure.printed] = seen.get(figure.printed, 0) + 1
                        in_clause[figure.printed] = in_clause.get(figure.printed, 0) + 1
                        out.append(
                            Candidate(
                                p,
                                year,
                                basis,
                                clause.rstrip("，；。："),
                                figure,
                                at + offset,
                                seen[figure.printed],
                                in_clause[figure.printed],
                            )
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
    year: int  # the year the clause was due when it was decided
    clause_zh: str  # the clause as it stood when it was decided
    is_target: bool
    reason: str | None
    metric_zh: str | None
    metric_en: str | None
    unit_zh: str | None
    indicator: tuple[str, int] | None

    @property
    def verdict(self) -> str:
        return "target" if self.is_target else "not a target"


@cache
def decisions(document_id: str) -> dict[tuple[str, str, int], Decision]:
    """The reviewed decisions for one document: schemas/vocab/quantified_targets/<document_id>.csv."""
    name = f"quantified_targets/{document_id}.csv"
    if not (VOCAB_DIR / name).exists():
        return {}
    out = {}
    for r in read_csv(name):
        if r.get("decision") not in ("target", "not a target"):
            continue  # a worklist row not decided yet
        table, _, no = (r["indicator"] or "").partition("#")
        out[(r["key"], r["figure"], int(r["occurrence"]))] = Decision(
            r["key"],
            r["figure"],
            int(r["year"]),
            r["clause_zh"],
            r["decision"] == "target",
            r["reason"] or None,
            r["metric_zh"] or None,
            r["metric_en"] or None,
            r["unit_zh"] or None,
            (table, int(no)) if table else None,
        )
    return out


@cache
def decision_memory() -> dict[tuple[str, str, int], Decision]:
    """(clause, figure, year) → the decision, over every document's decisions: a clause decided once decides the same
    clause due the same year wherever it is printed again (the first file in name order wins a tie)."""
    out: dict[tuple[str, str, int], Decision] = {}
    folder = VOCAB_DIR / "quantified_targets"
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        for d in decisions(path.stem).values():
            out.setdefault((d.clause_zh, d.figure, d.year), d)
    return out


@dataclass(frozen=True)
class Decided:
    candidate: Candidate
    decision: Decision | None  # None: pending, no reviewer has decided this clause's figure
    stale: Decision | None = None  # a decision for an earlier wording of the clause (never applied)


def decide(doc: PlanDocument) -> list[Decided]:
    """Every candidate with the reviewed decision for its clause: the document's own, or the memory's for the same
    clause; else pending (and stale, where the document's own decision was for another wording)."""
    own = decisions(doc.vocabulary_id)
    memory = decision_memory()
    out = []
    for c in candidates(doc):
        mine = own.get(c.ident)
        if mine is not None and (mine.clause_zh, mine.year) == (c.clause, c.year):
            out.append(Decided(c, mine))
            continue
        # the memory decides a figure printed once in its clause (a clause that prints it twice needs its own)
        found = memory.get((c.clause, c.figure.printed, c.year)) if c.in_clause == 1 else None
        out.append(Decided(c, found, None if found is not None else mine))
    return out
