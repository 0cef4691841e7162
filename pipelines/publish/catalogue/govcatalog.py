"""China's government data resource catalogue fields (政务信息资源目录) for each data package.

The field names follow 《政务信息资源目录编制指南（试行）》 (2017); they are the keys of
`gov_catalog` in catalog.json, so that a catalogue clerk finds the words they know.
"""

from __future__ import annotations

import pandas as pd

from pipelines.publish.catalogue.model import CatalogModel, bilingual_description, descriptor_of
from pipelines.publish.warehouse.views import spec_of
from schemas.constants import FORMATS, TABLE_FORMATS, TYPES

CODE_PREFIX = "CNIP"  # China National Informatization Plans: this catalogue's own namespace

# 信息资源代码: assigned once per package, never renumbered nor reused, so a code keeps meaning the
# same package whatever packages are added later (numbering by position would shift them).
RESOURCE_NUMBERS = {
    "all": "00",
    "text": "01",
    "indicators": "02",
    "projects": "03",
    "actions": "04",
    "assignments": "05",
    "views": "06",
}

FORMATS_ZH = "、".join(FORMATS[f].gov_zh for f in TABLE_FORMATS) + f"；整包 {FORMATS['zip'].gov_zh}"
SHARE_TYPE = "无条件共享"
OPEN_TYPE = "无条件开放"
# The source is a one-off plan: the data change only when a source is corrected or a plan is added.
UPDATE_CYCLE = "不定期（来源文件更正或新增规划文件时重建）"


def resource_code(package: str) -> str:
    try:
        return f"{CODE_PREFIX}-{RESOURCE_NUMBERS[package]}"
    except KeyError:
        raise ValueError(
            f"package {package!r} has no 信息资源代码: give it the next free number in "
            f"RESOURCE_NUMBERS (pipelines/publish/catalogue/govcatalog.py); never reuse an old one"
        ) from None


def _provider(documents: pd.DataFrame) -> str:
    sources = "；".join(f"{r.issuer_zh}《{r.title_zh}》（{r.document_number}）" for r in documents.itertuples())
    return f"plans-catalog 项目维护者（依据{sources}整理）"


def _related(package: str, members: dict[str, list[str]]) -> list[str]:
    """Packages that hold a table this one refers to or that refers to one of its tables (by foreign key)."""
    if package == "all":
        return sorted(resource_code(p) for p in members if p != "all")
    home = {t: p for p, tables in members.items() if p != "all" for t in tables}
    mine = set(members[package])
    related = {"all"}
    for t, p in home.items():
        refs = {fk["reference"]["resource"] for fk in spec_of(t).foreign_keys}
        if t in mine:
            related |= {home[r] for r in refs if r in home}
        elif refs & mine:
            related.add(p)
    related.discard(package)
    return sorted(resource_code(p) for p in related)


def gov_catalog(
    package: dict, summary_zh: str, members: dict[str, list[str]], documents: pd.DataFrame, created: str
) -> dict:
    """The catalogue entry of one package (an entry of catalog.json's `packages`)."""
    return {
        "信息资源名称": package["title_zh"],
        "信息资源代码": resource_code(package["name"]),
        "提供方": _provider(documents),
        "摘要": summary_zh,
        "格式": FORMATS_ZH,
        "信息项": [
            {"数据表": t, "信息项名称": c.title_zh, "字段名": c.name, "数据类型": TYPES[c.type].gov_zh}
            for t in members[package["name"]]
            for c in spec_of(t).columns
        ],
        "共享属性": SHARE_TYPE,
        "开放属性": OPEN_TYPE,
        "更新周期": UPDATE_CYCLE,
        "发布日期": created[:10],
        "关联资源代码": _related(package["name"], members),
    }


def add_gov_catalog(index: dict, documents: pd.DataFrame, model: CatalogModel) -> None:
    """Add `gov_catalog` to every package of the catalogue index, in place."""
    members = {p["name"]: [r["name"] for r in p["resources"]] for p in index["packages"]}
    for pkg in index["packages"]:
        summary_zh, _ = bilingual_description(descriptor_of(model, pkg))
        pkg["gov_catalog"] = gov_catalog(pkg, summary_zh, members, documents, index["created"])
