"""Extractors of the annex: its tasks, the departments each names, and the tasks that implement a box or an
action."""

from __future__ import annotations

import re

from pipelines.errors import PlanDataError
from pipelines.extract import annex as annex_rows
from pipelines.extract.model import Box, PlanDocument
from pipelines.extract.pending import Pending, ReviewQueue
from pipelines.extract.programme_rows import action_sections
from pipelines.extract.text_rows import structure_vocabulary
from pipelines.extract.translation import English
from schemas.vocabulary import VOCAB_DIR, read_csv
from schemas.vocabulary import departments as department_vocab

Rows = list[dict]


def _annex(doc: PlanDocument) -> list[annex_rows.AnnexRow]:
    """The annex's rows, read once per document."""
    return doc.once("annex", lambda: annex_rows.read_rows(doc, list(department_vocab())))


def annex_tasks(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    kinds = {name: d["kind"] for name, d in department_vocab().items()}
    rows = []
    for r in _annex(doc):
        assignments, open_ended = annex_rows.split_responsibility(doc, r)
        rows.append(
            {
                "document_id": doc.document_id,
                "task_no": r.task_no,
                "task_zh": r.task_zh,
                "task_en": en.title("annex_task", r.task_zh, r.line_start, f"附件 序号{r.task_no}"),
                "responsibility_zh": r.responsibility_zh,
                "is_open_ended": open_ended,
                "has_lead": any(a.role == "lead" for a in assignments),
                "names_collective": any(kinds.get(a.name_zh) == "collective" for a in assignments),
                "line_start": r.line_start,
                "line_end": r.line_end,
            }
        )
    return rows


def task_departments(doc: PlanDocument) -> Rows:
    vocab = department_vocab()
    rows = []
    for r in _annex(doc):
        assignments, _ = annex_rows.split_responsibility(doc, r)
        for a in assignments:
            if a.name_zh not in vocab:
                raise PlanDataError(
                    f"department {a.name_zh!r} is not in schemas/vocab/departments.csv",
                    file=doc.source.shown,
                    document_id=doc.document_id,
                    table="task_departments",
                    row=f"序号 {r.task_no}",
                    line=r.line_start,
                    hint="add it with its full name, English name and kind, or fix the text",
                )
            rows.append(
                {
                    "document_id": doc.document_id,
                    "task_no": r.task_no,
                    "department_id": vocab[a.name_zh]["department_id"],
                    "role": a.role,
                    "ordinal": a.ordinal,
                }
            )
    return rows


def _core(heading: str) -> str:
    """A component heading without its leading verb and trailing 建设: 推进宽带乡村建设 → 宽带乡村."""
    words = structure_vocabulary()["link_matching"]
    for verb in words["heading_verbs"]:
        if heading.startswith(verb):
            heading = heading[len(verb) :]
            break
    for tail in words["heading_tails"]:
        heading = heading.removesuffix(tail)
    return heading


def _introduced(doc: PlanDocument, box: Box) -> list[str]:
    """The 工程 the body paragraph just before a box announces (…实施宽带乡村和…基础网络完善工程。)."""
    before = [
        p
        for p in doc.paragraphs
        if p.section_id == box.section_id and p.project_no is None and p.unit.line_end < box.header.line_start
    ]
    if not before:
        return []
    verbs = "|".join(structure_vocabulary()["project_task_verbs"])
    return re.findall(rf"(?:{verbs})([^，。；：、]{{2,40}}?工程)", before[-1].text)


def _link_rows(doc: PlanDocument, key: str, candidates: dict[int, dict]) -> Rows:
    """Task ↔ box or action links: a task that (组织)实施 the title or an announced 工程, or whose text holds
    every component heading's core; then the reviewed decisions (confirm, reject) of the vocabulary."""
    verbs = structure_vocabulary()["project_task_verbs"]
    kind = "project" if key == "project_no" else "action"
    reviewed = annex_link_reviews(doc.vocabulary_id)
    rows = []
    for r in _annex(doc):
        for number, names in candidates.items():
            basis = [
                b
                for b, found in (
                    ("title", any(v + t in r.task_zh for v in verbs for t in names["title"])),
                    ("introducing_sentence", any(v + t in r.task_zh for v in verbs for t in names["introduced"])),
                    ("component_headings", bool(names["cores"]) and all(c in r.task_zh for c in names["cores"])),
                )
                if found
            ]
            decision = reviewed.get((kind, number, r.task_no))
            if decision == "reject":
                continue
            if basis or decision == "confirm":
                rows.append(
                    {
                        "document_id": doc.document_id,
                        "task_no": r.task_no,
                        key: number,
                        "match_basis": "; ".join(basis) if basis else "reviewed",
                    }
                )
    confirmed_unlinked = {n for (k, n, _), d in reviewed.items() if d == "unlinked" and k == kind}
    unlinked = sorted(set(candidates) - {row[key] for row in rows} - confirmed_unlinked)
    if _annex(doc):  # a document without an annex has nothing to link (its structure report says so)
        for number in unlinked:  # a reviewer confirms a link, or records why there is none
            title, line = candidates[number]["title"][0], candidates[number]["line"]
            ReviewQueue.of(doc).add(Pending("annex_link", f"{kind},{number}", title, line, f"{kind} {number}"))
    return rows


def annex_link_reviews(document_id: str) -> dict[tuple[str, int, int | None], str]:
    """(project|action, number, task_no or None) → confirm / reject / unlinked, from the reviewed vocabulary."""
    name = f"annex_links/{document_id}.csv"
    if not (VOCAB_DIR / name).exists():
        return {}
    return {
        (r["kind"], int(r["number"]), int(r["task_no"]) if r["task_no"] else None): r["decision"]
        for r in read_csv(name)
    }


def annex_task_projects(doc: PlanDocument) -> Rows:
    candidates = {
        b.project_no: {
            "title": [b.title_zh],
            "introduced": _introduced(doc, b),
            "cores": [_core(p.heading) for p in b.paragraphs if p.heading],
            "line": b.header.line_start,
        }
        for b in doc.boxes
    }
    return _link_rows(doc, "project_no", candidates)


def annex_task_actions(doc: PlanDocument) -> Rows:
    candidates = {
        k: {"title": [s.title_zh], "introduced": [], "cores": [], "line": s.line_start}
        for k, (s, _, _) in enumerate(action_sections(doc), 1)
    }
    return _link_rows(doc, "action_no", candidates)
