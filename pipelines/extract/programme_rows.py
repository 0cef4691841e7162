"""Extractors of the programme: boxes (major projects) and their components, priority actions, their milestones
and tasks, and the policy measures."""

from __future__ import annotations

import re

from pipelines.extract.model import Paragraph, PlanDocument, Section
from pipelines.extract.text_rows import structure_vocabulary, text_context, text_key
from pipelines.extract.translation import English

Rows = list[dict]


def major_projects(doc: PlanDocument) -> Rows:
    return [
        {
            "document_id": doc.document_id,
            "project_no": b.project_no,
            "title_zh": b.title_zh,
            "title_en": English.of(doc).title("project", b.title_zh, b.header.line_start, f"专栏{b.project_no}"),
            "section_id": b.section_id,
            "component_count": len(b.paragraphs),
            "line_start": b.header.line_start,
            "line_end": b.line_end,
        }
        for b in doc.boxes
    ]


def project_components(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    return [
        {
            "document_id": doc.document_id,
            "project_no": b.project_no,
            "component_no": k,
            "heading_zh": p.heading,
            "heading_en": en(f"{text_key(p)}#heading", p.heading, p.unit.line_start, text_context(doc, p)),
            "text_zh": p.text,
            "text_en": en(text_key(p), p.text, p.unit.line_start, text_context(doc, p)),
            "paragraph_id": p.paragraph_id,
            "line_start": p.unit.line_start,
            "line_end": p.unit.line_end,
        }
        for b in doc.boxes
        for k, p in enumerate(b.paragraphs, 1)
    ]


def action_sections(doc: PlanDocument) -> list[tuple[Section, Paragraph, list[Paragraph]]]:
    """Sections that state a 行动目标 are priority actions, numbered in order (read once per document)."""
    return doc.once("actions", lambda: _read_action_sections(doc))


def _read_action_sections(doc: PlanDocument) -> list[tuple[Section, Paragraph, list[Paragraph]]]:
    prefix = structure_vocabulary()["action_target_prefix"]
    out = []
    for s in doc.sections:
        if s.level != 2:
            continue
        paras = doc.section_paragraphs(s.section_id)
        target = next((p for p in paras if p.text.startswith(prefix)), None)
        if target is not None:
            out.append((s, target, [p for p in paras if p is not target]))
    return out


def priority_actions(doc: PlanDocument) -> Rows:
    prefix = structure_vocabulary()["action_target_prefix"]
    en = English.of(doc)
    return [
        {
            "document_id": doc.document_id,
            "action_no": k,
            "title_zh": s.title_zh,
            "title_en": en.title("section", s.title_zh, s.line_start, f"{s.number_zh}{s.title_zh}"),
            "section_id": s.section_id,
            "target_text_zh": target.text[len(prefix) :],
            "target_text_en": en(
                f"{text_key(target)}#target",
                target.text[len(prefix) :],
                target.unit.line_start,
                text_context(doc, target),
            ),
            "line_start": s.line_start,
            "line_end": s.line_end,
        }
        for k, (s, target, _) in enumerate(action_sections(doc), 1)
    ]


def action_milestones(doc: PlanDocument) -> Rows:
    structure = structure_vocabulary()
    prefix, lead = structure["action_target_prefix"], re.compile(structure["milestone_lead"])
    en = English.of(doc)
    rows = []
    for k, (_, target, _) in enumerate(action_sections(doc), 1):
        text = target.text[len(prefix) :]
        marks = list(lead.finditer(text))  # a target with no dated part gives no milestone
        for n, m in enumerate(marks):
            end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
            part = text[m.end() : end].rstrip("；。;")
            start_off, end_off = len(prefix) + m.start(), len(prefix) + end - 1
            rows.append(
                {
                    "document_id": doc.document_id,
                    "action_no": k,
                    "year": int(m.group(1)),
                    "text_zh": part,
                    "text_en": en(
                        f"{text_key(target)}#{m.group(1)}",
                        part,
                        target.unit.line_at(start_off),
                        text_context(doc, target),
                    ),
                    "line_start": target.unit.line_at(start_off),
                    "line_end": target.unit.line_at(end_off),
                }
            )
    return rows


def action_tasks(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    rows = []
    for k, (_, _, tasks) in enumerate(action_sections(doc), 1):
        for n, p in enumerate(tasks, 1):
            rows.append(
                {
                    "document_id": doc.document_id,
                    "action_no": k,
                    "task_no": n,
                    "heading_zh": p.heading,
                    "heading_en": en(f"{text_key(p)}#heading", p.heading, p.unit.line_start, text_context(doc, p)),
                    "text_zh": p.text,
                    "text_en": en(text_key(p), p.text, p.unit.line_start, text_context(doc, p)),
                    "line_start": p.unit.line_start,
                    "line_end": p.unit.line_end,
                }
            )
    return rows


def _joined(parts: list[str | None]) -> str | None:
    """The English of several paragraphs, or None (a gap) when any one of them has none."""
    return None if any(p is None for p in parts) else " ".join(p for p in parts if p)


def policy_measures(doc: PlanDocument) -> Rows:
    titles = set(structure_vocabulary()["policy_chapter_titles"])
    chapters = [s for s in doc.sections if s.level == 1 and s.title_zh in titles]
    en = English.of(doc)
    rows: Rows = []
    for chapter in chapters:
        for s in doc.children(chapter.section_id):
            paras = doc.section_paragraphs(s.section_id, boxes=True)
            rows.append(
                {
                    "document_id": doc.document_id,
                    "measure_no": len(rows) + 1,
                    "title_zh": s.title_zh,
                    "title_en": en.title("section", s.title_zh, s.line_start, f"{s.number_zh}{s.title_zh}"),
                    "text_zh": "".join(p.text for p in paras),
                    "text_en": _joined(
                        [en(text_key(p), p.text, p.unit.line_start, text_context(doc, p)) for p in paras]
                    ),
                    "line_start": s.line_start,
                    "line_end": s.line_end,
                }
            )
    return rows


# --- annex -------------------------------------------------------------------------------------
