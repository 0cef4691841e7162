"""The plan's web page as a source: read with an HTML parser, it gives the PDF text's tables.

tests/fixtures/html/ch1-2.html is hand-written after the portal's markup (a content container, paragraphs
indented by style, bold and 楷体 lead sentences, tables with rowspan and colspan), its text transcribed by
hand from the PDF text. The hostile pages below are written here.
"""

from __future__ import annotations

import hashlib
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipelines.errors import PlanDataError
from pipelines.extract.html import read_html
from pipelines.extract.model import build_document
from pipelines.extract.source import SourceDocument, load_source
from pipelines.extract.tables import extract_table
from pipelines.process import process_documents
from tests.helpers import RAW
from tests.test_browser_copy import CHAPTERS, checked, published_csv, same_rows

FIXTURE = Path(__file__).parent / "fixtures" / "html" / "ch1-2.html"


def page_source(text: str, plan_docs, name: str = "page.html") -> SourceDocument:
    base = plan_docs[0].source
    return SourceDocument(base.document_id, name, "0" * 64, text, {**base.meta, "format": "html"})


def page_raw(folder: Path, data: bytes, **updates) -> Path:
    """A raw/ folder whose manifest lists one saved page (format: html), as a data engineer would add it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_bytes(data)
    entry = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))["documents"][0]
    entry.update(
        {
            "document_id": "cn-13th-fyp-informatization-2016",
            "path": "page.html",
            "format": "html",
            "encoding": "utf-8",
            "sha256": hashlib.sha256(data).hexdigest(),
            **updates,
        }
    )
    (folder / "sources.yaml").write_text(yaml.safe_dump({"documents": [entry]}, allow_unicode=True), "utf-8")
    return folder


def texts(html: str) -> list[str]:
    return [u.text for u in read_html(html).units]


@pytest.fixture(scope="module")
def page(plan_docs) -> list:
    return [build_document(page_source(FIXTURE.read_text(encoding="utf-8"), plan_docs))]


# --- the page gives the PDF text's tables -----------------------------------------------------------


@pytest.mark.parametrize("table", ["outline", "paragraphs", "indicators", "indicator_values", "indicator_consistency"])
def test_the_page_gives_the_same_tables_cell_for_cell(table, page, tables):
    got = extract_table(table, page)
    expected = tables[table]
    if "section_id" in expected.columns:
        expected = expected[expected.section_id.str.match(CHAPTERS)]
    assert len(got) == len(expected) > 0
    same_rows(checked(table, got), checked(table, expected))


def test_the_review_table_reads_its_two_level_header_from_rowspan_and_colspan(page):
    block = next(b for b in page[0].tables if b.title_zh == "“十二五”信息化发展基本情况")
    assert [u.raw for u in block.units[:3]] == [
        "指标\t规划目标\t\t实现情况\t",  # 指　标: a cell's ideographic space is layout
        "2015年\t年均增长（%）\t2015年\t年均增长（%）",
        "总体发展水平",
    ]
    assert block.units[-1].text.startswith("注：")  # the note, a row of one cell
    assert page[0].layout.kind == "html"


def test_provenance_is_the_source_line_of_each_element(page):
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")

    def line_of(fragment: str) -> int:
        return next(n for n, ln in enumerate(lines, 1) if fragment in ln)

    ind = extract_table("indicators", page).set_index(["table_id", "indicator_no"])
    assert ind.loc[("review_12th", 1)].line_start == line_of("<tr><td>1.信息化发展指数")
    nine = ind.loc[("review_12th", 9)]  # a row written over several source lines
    assert (nine.line_start, nine.line_end) == (line_of("9.县级以上") - 1, line_of("<td>〔28〕</td>"))
    p = extract_table("paragraphs", page).set_index("paragraph_id")
    lead = p[p.heading_zh == "党中央、国务院高度重视信息化工作"].iloc[0]
    assert lead.line_start == lead.line_end == line_of("<strong>党中央、国务院高度重视信息化工作。</strong>")
    first = p[p.section_id == "preamble"].iloc[0]  # one <p> over three source lines
    assert first.line_start == line_of("“十三五”时期是全面建成")
    assert first.line_end == line_of("加快信息化发展，增强国家")


def test_only_the_pages_content_is_read(page):
    text = "".join(u.text for u in page[0].layout.units)
    outside_content = ("不是正文", "也不是正文", "中国政府网", "索引号", "000014349", "主办单位", "打印", "专栏")
    for outside in outside_content:
        assert outside not in text, outside
    # the page's title, over two lines (a <br> inside the paragraph): one unit, which heads the notice
    assert page[0].layout.units[0].text == "国务院关于印发“十三五”国家信息化规划的通知"


# --- lead sentences from the typography ---------------------------------------------------------------


def paragraph_headings(body: str, plan_docs) -> dict[str, str | None]:
    doc = build_document(page_source(f"<html><body>{body}</body></html>", plan_docs))
    return {p.text[:6]: p.heading for p in doc.paragraphs}


def test_lead_sentences_come_from_bold_and_kaiti_markup(plan_docs):
    got = paragraph_headings(
        "<p><strong>网信军民融合体系初步建立，技术融合、产业融合、信息融合不断深化。</strong>网信军民融合顶层设计。</p>"
        "<p>坚持以惠民为宗旨。把增进人民福祉作为出发点。</p>"
        '<p><span style="font-family: KaiTi, 楷体">坚持全面深化改革</span>。正确处理政府和市场关系。</p>'
        '<p><font face="楷体_GB2312">坚持服务国家战略。</font>围绕推进建设。</p>'
        '<p><span style="font-weight:700">坚持全球视野发展。</span>把握趋势。</p>'
        "<p>坚持安全与发展并重。树立<b>科学的</b>网络安全观。</p>",
        plan_docs,
    )
    assert got == {
        # longer than the text's rule reads (30 characters)
        "网信军民融合": "网信军民融合体系初步建立，技术融合、产业融合、信息融合不断深化",
        "坚持以惠民为": None,  # the page marks leads, and this one it does not mark
        "坚持全面深化": "坚持全面深化改革",
        "坚持服务国家": "坚持服务国家战略",
        "坚持全球视野": "坚持全球视野发展",
        "坚持安全与发": None,  # bold inside the sentence is no lead
    }


def test_a_page_without_lead_markup_reads_leads_from_the_text(plan_docs):
    got = paragraph_headings("<p>坚持以惠民为宗旨。把增进人民福祉作为出发点。</p>", plan_docs)
    assert got == {"坚持以惠民为": "坚持以惠民为宗旨"}


# --- tables: the grid that rowspan and colspan make -------------------------------------------------------


def test_rowspan_and_colspan_place_every_cell_in_its_column():
    units = read_html(
        "<table>"
        "<tr><td rowspan='2'>指标</td><td colspan='2'>规划目标</td><td colspan='2'>实现情况</td></tr>"
        "<tr><td>2015年</td><td>年均增长（%）</td><td>2015年</td><td>年均增长（%）</td></tr>"
        "<tr><td colspan='5'>类别</td></tr>"
        "<tr><td>1.甲（%）</td><td rowspan='2'>5</td><td>1</td><td>2</td><td>3</td></tr>"
        "<tr><td>2.乙（%）</td><td>4</td><td>6</td><td>7</td></tr>"
        "<tr><td>3.丙（%）</td><td colspan='2'>—</td><td>8</td><td>9</td></tr>"
        "</table>"
    ).units
    assert [u.raw for u in units] == [
        "指标\t规划目标\t\t实现情况\t",
        "2015年\t年均增长（%）\t2015年\t年均增长（%）",
        "类别",
        "1.甲（%）\t5\t1\t2\t3",
        "2.乙（%）\t\t4\t6\t7",  # column 2 is held by the 5 above
        "3.丙（%）\t—\t\t8\t9",  # the merged cell stands in its first column
    ]


def test_a_one_column_table_that_opens_with_a_box_title_is_a_box(plan_docs):
    doc = build_document(
        page_source(
            "<html><body><p><strong>四、重大任务和重点工程</strong></p><p>（一）构建体系。</p>"
            "<table><tr><td><p>专栏1　核心技术超越工程</p><p><b>制定纲要。</b>列出清单。</p>"
            "<p><b>突破集成电路。</b>加大部署。</p></td></tr></table>"
            "<p><b>推动产业协同创新。</b>统筹研究。</p></body></html>",
            plan_docs,
        )
    )
    (box,) = doc.boxes
    assert (box.project_no, box.title_zh) == (1, "核心技术超越工程")
    assert [p.heading for p in box.paragraphs] == ["制定纲要", "突破集成电路"]
    assert doc.paragraphs[-1].project_no is None  # the table's end is the box's end


# --- hostile pages --------------------------------------------------------------------------------------


def test_scripts_styles_frames_and_hidden_elements_are_never_read_or_run():
    got = texts(
        "<html><head><title>标题</title><script>document.write('<p>脚本</p>')</script>"
        "<style>p:before { content: '样式' }</style></head><body>"
        "<p>正文一<script>alert('内联脚本')</script></p>"
        "<!-- 1.信息化发展指数 >79 — 72.45 — -->"
        "<img src='http://example.invalid/x.png' onerror=\"alert('图片')\">"
        "<iframe src='http://example.invalid/'>框架</iframe><object data='x.swf'>对象</object>"
        "<noscript>无脚本</noscript><template><p>模板</p></template>"
        "<p hidden>隐藏一</p><p style='display: none'>隐藏二</p><p style='visibility:hidden'>隐藏三</p>"
        "<form><input value='输入'><button>按钮</button><textarea>文本框</textarea></form>"
        "<?php echo '处理指令'; ?><p>正文二</p></body></html>"
    )
    assert got == ["正文一", "正文二"]


def test_entities_are_not_expanded_and_nothing_is_fetched():
    page = (
        '<!DOCTYPE html [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY file SYSTEM "file:///etc/passwd">]>'
        '<html><body><p>甲&b;乙&file;丙</p><p>见<a href="http://example.invalid/">链接</a></p></body></html>'
    )
    got = "".join(texts(page))
    assert "哈" not in got and "root:" not in got and "链接" in got


def test_markup_nested_too_deeply_is_refused_with_its_line(plan_docs):
    deep = "<html><body>\n<p>开头</p>\n" + "<div>" * 5000 + "深处" + "</div>" * 5000 + "\n</body></html>"
    with pytest.raises(PlanDataError) as caught:
        build_document(page_source(deep, plan_docs))
    message = str(caught.value)
    assert "nested too deeply" in message and "file raw/page.html, line 3" in message


def test_huge_spans_are_bounded():
    units = read_html(
        "<table><tr><td colspan='999999999'>甲</td><td>乙</td></tr>"
        "<tr><td rowspan='999999999'>丙</td><td>丁</td></tr></table>"
    ).units
    assert [u.text for u in units] == ["甲乙", "丙丁"] and all(u.raw.count("\t") <= 1000 for u in units)


@pytest.mark.parametrize("page", ["", "   \n ", "<html><head><title>空</title></head><body> </body></html>"])
def test_a_page_without_text_is_refused(page, plan_docs):
    with pytest.raises(PlanDataError, match="holds no HTML|no text found"):
        build_document(page_source(page, plan_docs))


def test_a_wrong_meta_charset_changes_nothing(tmp_path, page):
    # UTF-8 bytes under a page that claims GB2312: the manifest's encoding decides
    text = FIXTURE.read_text(encoding="utf-8").replace("charset=utf-8", "charset=gb2312")
    raw = page_raw(tmp_path / "a", text.encode("utf-8"))
    doc = build_document(load_source(raw, yaml.safe_load((raw / "sources.yaml").read_text("utf-8"))["documents"][0]))
    pd.testing.assert_frame_equal(extract_table("indicator_values", [doc]), extract_table("indicator_values", page))
    # GB18030 bytes under a page that claims UTF-8, declared gb18030 in the manifest
    raw = page_raw(tmp_path / "b", FIXTURE.read_text(encoding="utf-8").encode("gb18030"), encoding="gb18030")
    doc = build_document(load_source(raw, yaml.safe_load((raw / "sources.yaml").read_text("utf-8"))["documents"][0]))
    pd.testing.assert_frame_equal(extract_table("indicators", [doc]), extract_table("indicators", page))
    # the same bytes declared utf-8: refused, naming the file and the line
    raw = page_raw(tmp_path / "c", FIXTURE.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(PlanDataError, match=r"file raw/page.html, line \d+.*not valid utf-8"):
        load_source(raw, yaml.safe_load((raw / "sources.yaml").read_text("utf-8"))["documents"][0])


# --- the page in a manifest, and python -m pipelines inspect ---------------------------------------------


def test_a_manifest_entry_with_format_html_runs_through_the_pipeline(tmp_path, tables):
    raw = page_raw(tmp_path / "raw", FIXTURE.read_bytes())
    batch = process_documents(raw, ["cn-13th-fyp-informatization-2016"])
    outcome = batch.outcomes["cn-13th-fyp-informatization-2016"]
    assert outcome.error is None and outcome.model is not None and outcome.model.layout.kind == "html"
    same_rows(batch.checked["indicator_values"], checked("indicator_values", tables["indicator_values"]))
    # a partial document: only the tables of the chapters after 二 are missing
    assert {f.check for f in outcome.failures} == {"completeness"}


def test_an_unknown_format_is_refused(tmp_path):
    raw = page_raw(tmp_path / "raw", FIXTURE.read_bytes(), format="pdf")
    with pytest.raises(PlanDataError, match="format 'pdf' is not supported"):
        load_source(raw, yaml.safe_load((raw / "sources.yaml").read_text("utf-8"))["documents"][0])


def test_inspect_writes_the_pages_review_table_as_csv(tables):
    from pipelines.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["inspect", str(FIXTURE), "--table", "indicators", "--format", "csv"])
    assert code == 0, err.getvalue()
    got = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    expected = published_csv("indicators", tables["indicators"])
    assert (got.table_id == "review_12th").sum() == 17
    same_rows(got, expected, "document_id")  # the page, not in the manifest, has a provisional id


# --- the page as the portal serves it --------------------------------------------------------------------------

PORTAL = Path(__file__).parent / "fixtures" / "html" / "portal.html"


@pytest.fixture(scope="module")
def portal(plan_docs) -> dict:
    """The portal-style page (Word-exported tables, spans, inline styles, furniture) as a manifest entry would
    give it: its tables, extracted and validated."""
    from pipelines.process import process_source

    source = page_source(PORTAL.read_text(encoding="utf-8"), plan_docs, "portal.html")
    batch = process_source(source, RAW)
    return {"batch": batch, "tables": batch.checked, "model": batch.outcomes[source.document_id].model}


def test_the_portal_page_has_the_features_of_the_real_markup():
    text = PORTAL.read_text(encoding="utf-8")
    assert '<td width="96" valign="center"' in text and "<o:p></o:p>" in text  # Word's export
    assert 'rowspan="2"' in text and 'colspan="2"' in text and "指\u3000标" in text
    assert '<p align="center" style="text-align: center; line-height: 16pt;"><span' in text  # <p> in <td>
    assert '<span lang="EN-US" style="font-family: Times New Roman;">2015</span><span' in text  # split digits
    assert "&nbsp;&nbsp;&nbsp;&nbsp;" in text and "<br />" in text and 'style="text-indent: 2em;' in text
    assert '【<a href="javascript:window.print()">打印此页</a>】' in text  # furniture inside the container
    assert "http://www.gov.cn/zhengce/content/2016-12/27/content_5153411.htm</p>" in text  # and around it


@pytest.mark.parametrize("table", ["indicators", "indicator_values", "indicator_consistency"])
def test_the_portal_page_gives_every_cell_of_both_indicator_tables(portal, table, tables):
    got = checked(table, portal["tables"][table])
    same_rows(got, checked(table, tables[table]))


def test_the_portal_page_gives_the_box_the_action_and_the_annex_rows(portal, tables):
    got = portal["tables"]
    comps = tables["project_components"]
    same_rows(got["project_components"], comps[comps.project_no == 1], "paragraph_id")
    same_rows(got["priority_actions"], tables["priority_actions"].head(1))
    same_rows(got["action_milestones"], tables["action_milestones"].head(2))
    same_rows(got["action_tasks"], tables["action_tasks"].head(4))
    same_rows(got["annex_tasks"], tables["annex_tasks"].head(5))
    td = tables["task_departments"]
    same_rows(got["task_departments"], td[td.task_no <= 5])


def test_the_portal_pages_paragraphs_are_the_pdf_texts(portal, tables):
    got = portal["tables"]["paragraphs"]
    pdf = tables["paragraphs"].set_index(["section_id", "ordinal"])
    for r in got.itertuples():  # every paragraph of the page is the PDF text's paragraph at the same address
        assert pdf.loc[(r.section_id, r.ordinal), "text_zh"] == r.text_zh, (r.section_id, r.ordinal)
    chapter_one = pdf.loc["ch01-s01"]
    assert len(got[got.section_id == "ch01-s01"]) == len(chapter_one)  # the <br /> broke no paragraph
    assert len(got[got.section_id == "preamble"]) == 2  # <br />&nbsp;… opened the second one
    furniture = ("打印", "关闭", "来源", "责任编辑", "分享", "http", "2016-12-27", "首页", "版权")
    assert not any(word in text for text in got.text_zh for word in furniture)


def test_the_portal_page_is_read_with_every_check_passing(portal):
    batch = portal["batch"]
    outcome = next(iter(batch.outcomes.values()))
    assert outcome.error is None and not outcome.blocking, [str(f) for f in outcome.blocking]
    assert {f.table for f in outcome.warnings} == {"policy_measures"}  # not on the page: warned, not failed
    assert not portal["tables"]["quantified_targets"].figure_zh.str.contains("5153411|2016").any()


def test_inspect_names_a_file_outside_raw_as_given(tmp_path):
    from pipelines.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    rel = PORTAL.relative_to(Path.cwd()) if PORTAL.is_relative_to(Path.cwd()) else PORTAL
    with redirect_stdout(out), redirect_stderr(err):
        main(["inspect", str(rel), "--table", "indicators"])
    assert f"inspect {rel}" in out.getvalue() and "raw/.." not in out.getvalue() + err.getvalue()


def test_a_copy_without_the_content_container_reads_the_same_text(plan_docs, portal):
    """Saved by another tool, or from another version of the portal: no content container, so the whole body is
    read; the navigation, metadata table, date stamp, editor, share buttons, address and footer stay out."""
    from pipelines.process import process_source

    text = PORTAL.read_text(encoding="utf-8").replace(' class="pages_content" id="UCAP-CONTENT"', "")
    batch = process_source(page_source(text, plan_docs, "bare.html"), RAW)
    got, expected = batch.checked, portal["tables"]
    for table in ("paragraphs", "indicators", "indicator_values", "annex_tasks", "quantified_targets"):
        same_rows(got[table], expected[table])
    assert got["outline"].section_id.tolist() == expected["outline"].section_id.tolist()
