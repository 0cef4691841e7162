"""English beside the Chinese: keyed to the exact Chinese, figures kept, glossary followed, stale English refused."""

from __future__ import annotations

import csv
from decimal import Decimal

import pandas as pd
import pytest

from pipelines.extract.translation import TRANSLATIONS_DIR, check_file, zh_hash
from pipelines.process import process_documents
from pipelines.validate import validate
from schemas.english import figures_en, figures_zh, glossary_violations, missing_figures
from tests.helpers import DOC_ID, make_raw, seed_text

FILE = TRANSLATIONS_DIR / f"{DOC_ID}.csv"


def test_the_plan_translation_file_passes_every_check():
    assert check_file(FILE) == []


def test_every_translation_is_keyed_by_address_and_hash_of_its_chinese():
    with open(FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 436 and len({r["key"] for r in rows}) == 436
    assert all(zh_hash(r["zh"]) == r["zh_sha256"] for r in rows)
    by_key = {r["key"]: r for r in rows}
    # a paragraph's English opens with its lead sentence's English
    for key, r in by_key.items():
        if key.endswith("#heading"):
            assert by_key[key.removesuffix("#heading")]["en"].startswith(r["en"].rstrip(".") + "."), key


@pytest.mark.parametrize(
    "zh, values",
    [
        ("到2020年，完成对832个贫困县、12.8万个贫困村的覆盖", ["2020", "832", "128000"]),
        ("达到17.1万亿元，网民8.84亿人", ["17100000000000", "884000000"]),
        ("启动5G商用，推进IPv6规模部署，3D打印", []),
        ("2016年12月15日", ["2016", "12", "15"]),
        ("PUE值不高于1.4，32/28nm", ["1.4", "32", "28"]),
    ],
)
def test_figures_of_chinese_text(zh, values):
    assert [f.value for f in figures_zh(zh)] == [Decimal(v) for v in values]


def test_figures_of_english_text():
    got = figures_en("128,000 villages, 128 thousand, 17.1 trillion yuan, 5G, IPv6, 15 December 2016, 47th")
    assert {Decimal(128000), Decimal("17.1e12"), Decimal(2016), Decimal(15), Decimal(12), Decimal(47)} <= got
    assert Decimal(5) not in got and Decimal(6) not in got


def test_missing_figures_names_what_the_english_lost():
    zh = "到2020年，完成对832个贫困县、12.8万个贫困村的覆盖，PUE值不高于1.4"
    assert (
        missing_figures(zh, "By 2020, cover 832 poor counties and 128,000 poor villages; PUE no higher than 1.4") == []
    )
    assert missing_figures(zh, "By 2020, cover 832 poor counties and 12.8 poor villages; PUE no higher than 1.5") == [
        "12.8万",
        "1.4",
    ]


def test_glossary_is_enforced_where_the_chinese_uses_a_term():
    assert glossary_violations("推进网信军民深度融合工程", "Advance the project for deep integration") == [
        "网信 → cybersecurity and informatization"
    ]
    # 网信办 is not the term 网信; the office has one English name, the department tables' (cac)
    office = "led by the Office of the Central Leading Group for Cyberspace Affairs"
    assert glossary_violations("中央网信办牵头", office) == []
    assert glossary_violations("中央网信办牵头", "led by the Cyberspace Administration of China") == [
        "中央网信办 → Office of the Central Leading Group for Cyberspace Affairs"
    ]
    assert glossary_violations("培养工程师", "train engineers") == []  # 工程师 is not a 工程
    assert glossary_violations("新型智慧城市", "new-type smart cities") == []


def _paragraphs(tables):
    return tables["paragraphs"].copy()


def test_a_lost_figure_fails_the_schema_check_naming_row_and_line(tables):
    df = _paragraphs(tables)
    row = df.index[df.text_zh.str.contains("832个贫困县")][0]
    df.loc[row, "text_en"] = df.loc[row, "text_en"].replace("832", "800")
    _, report = validate("paragraphs", df)
    assert [(f.check, f.line) for f in report.failures] == [("figures_kept", df.loc[row, "line_start"])]


def test_an_english_text_that_breaks_the_glossary_fails(tables):
    df = _paragraphs(tables)
    row = df.index[df.text_zh.str.contains("新型智慧城市")][0]
    df.loc[row, "text_en"] = df.loc[row, "text_en"].replace("new-type smart cities", "smart cities")
    _, report = validate("paragraphs", df)
    assert [f.check for f in report.failures] == ["glossary_followed"]


def test_a_missing_english_text_must_be_marked_pending(tables):
    """English may be missing only where the row says it awaits review; a reviewed row has every English text."""
    df = _paragraphs(tables)
    df.loc[df.index[5], "text_en"] = None
    _, report = validate("paragraphs", df)
    assert [(f.check, f.line) for f in report.failures] == [("translated", df.loc[df.index[5], "line_start"])]
    df.loc[df.index[5], "translation_status"] = "pending"
    assert validate("paragraphs", df)[1].passed


def test_changed_chinese_makes_its_translation_stale_and_pending(tmp_path, tables):
    """Edit one phrase of a copy that shares the plan's vocabulary: the copy publishes, the changed paragraph is
    pending with its English null, never the old English beside the new Chinese, and the warning names the copy,
    the key and the line. The original's entry is untouched."""
    p = tables["paragraphs"].query("text_zh.str.contains('覆盖亚太地区')").iloc[0]
    text = seed_text()
    assert text.count("覆盖亚太地区") == 1
    copy_id = "cn-13th-fyp-informatization-2016-edited"
    raw = make_raw(
        tmp_path / "raw",
        text.replace("覆盖亚太地区", "覆盖亚洲和太平洋地区").encode("utf-8"),
        entry_updates={"document_id": copy_id, "vocabulary_of": DOC_ID},
    )
    batch = process_documents(raw, [copy_id])
    assert batch.passed == [copy_id]
    got = batch.tables["paragraphs"].set_index("paragraph_id")
    assert got.loc[p.paragraph_id, "translation_status"] == "pending"
    assert pd.isna(got.loc[p.paragraph_id, "text_en"]) and "亚洲和太平洋" in got.loc[p.paragraph_id, "text_zh"]
    assert (got.translation_status == "reviewed").sum() == len(got) - 1
    review = batch.outcomes[copy_id].review
    assert review is not None
    (stale,) = review.stale
    assert (stale.key, stale.line) == (f"{p.section_id}.{p.ordinal}", p.line_start) and "Asia-Pacific" in (
        stale.stale or ""
    )
    assert f"{stale.key} (line {p.line_start})" in review.summary() and copy_id in review.summary()
    assert TRANSLATIONS_DIR.joinpath(f"{DOC_ID}.csv").read_text(encoding="utf-8").count("覆盖亚太地区") == 1


def test_english_of_milestones_targets_and_boxes(tables):
    """What an English reader needs: the plan's 2020 commitments in English, figures intact."""
    ms = tables["action_milestones"]
    text = " ".join(ms.text_en)
    for figure in ("832", "128,000", "35"):
        assert figure in text, figure
    assert tables["priority_actions"].target_text_en.notna().all()
    assert tables["project_components"].text_en.notna().all()
    assert isinstance(tables["policy_measures"].text_en.iloc[0], str)
    assert not pd.isna(tables["paragraphs"].heading_en).all()
