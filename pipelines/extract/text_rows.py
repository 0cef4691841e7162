"""Extractors of the plan's text: the document row, the outline and the paragraphs."""

from __future__ import annotations

import pandas as pd

from pipelines.extract.model import Paragraph, PlanDocument
from pipelines.extract.translation import English, paragraph_key
from schemas.vocabulary import english, read_yaml

Rows = list[dict]


def structure_vocabulary() -> dict:
    return read_yaml("structure.yaml")


# --- text ---------------------------------------------------------------------------------------


def documents(doc: PlanDocument) -> Rows:
    m = doc.source.meta
    return [
        {
            "document_id": doc.document_id,
            "title_zh": m["title_zh"],
            "title_en": m["title_en"],
            "issuer_zh": m["issuer_zh"],
            "issuer_en": m["issuer_en"],
            "document_number": m["document_number"],
            "issued_date": pd.Timestamp(m["issued_date"]),
            "source_file": doc.source.shown,
            "source_sha256": doc.source.sha256,
            "origin_url": m["origin_url"],
            "terms_of_use": " ".join(str(m["terms_of_use"]).split()),
            "line_count": len(doc.source.lines),
        }
    ]


def outline(doc: PlanDocument) -> Rows:
    meta = doc.source.meta
    rows = []
    title_en: str | None
    en = English.of(doc)
    reviewed = english("document")  # a reviewed English title wins over one composed from the manifest
    for ordinal, s in enumerate(doc.sections, 1):
        if s.section_id in ("notice", "preamble") and s.title_zh in reviewed:
            title_en = reviewed[s.title_zh]
        elif s.section_id in ("notice", "preamble") and not (meta.get("title_en") and meta.get("issuer_en")):
            title_en = en.title("document", s.title_zh, s.line_start, "raw/sources.yaml: title_en, issuer_en")
        elif s.section_id == "notice":
            title_en = f"Notice of the {meta['issuer_en']} on Issuing {meta['title_en']}"
        elif s.section_id == "preamble":
            title_en = meta["title_en"]
        else:
            kind = "chapter" if s.level == 1 else "section"
            title_en = English.of(doc).title(kind, s.title_zh, s.line_start, f"{s.number_zh or ''}{s.title_zh}")
        rows.append(
            {
                "document_id": doc.document_id,
                "section_id": s.section_id,
                "ordinal": ordinal,
                "level": s.level,
                "number_zh": s.number_zh,
                "title_zh": s.title_zh,
                "title_en": title_en,
                "parent_section_id": s.parent_section_id,
                "line_start": s.line_start,
                "line_end": s.line_end,
            }
        )
    return rows


def text_key(p: Paragraph) -> str:
    return paragraph_key(p.section_id, p.ordinal)


def text_context(doc: PlanDocument, p: Paragraph) -> str:
    """Where a paragraph stands, for a reviewer: its section's number and title (and its box)."""
    s = doc.section(p.section_id)
    where = f"{s.number_zh or ''}{s.title_zh}"
    return where + (f" · 专栏{p.project_no}" if p.project_no else "")


def paragraphs(doc: PlanDocument) -> Rows:
    en = English.of(doc)
    return [
        {
            "document_id": doc.document_id,
            "paragraph_id": p.paragraph_id,
            "section_id": p.section_id,
            "ordinal": p.ordinal,
            "project_no": p.project_no,
            "heading_zh": p.heading,
            "heading_en": en(f"{text_key(p)}#heading", p.heading, p.unit.line_start, text_context(doc, p)),
            "text_zh": p.text,
            "text_en": en(text_key(p), p.text, p.unit.line_start, text_context(doc, p)),
            "line_start": p.unit.line_start,
            "line_end": p.unit.line_end,
        }
        for p in doc.paragraphs
    ]


# --- indicators ---------------------------------------------------------------------------------
