"""Outline, paragraphs, boxes, priority actions, policy measures and the annex of the real plan."""

from __future__ import annotations

import pandas as pd

from tests.helpers import DOC_ID


def test_documents_row(tables):
    d = tables["documents"].iloc[0]
    assert d.document_id == DOC_ID and d.document_number == "国发〔2016〕73号"
    assert d.issued_date == pd.Timestamp("2016-12-15") and d.title_zh == "“十三五”国家信息化规划"
    assert d.source_file == "raw/cn-13th-fyp-informatization-2016.txt" and len(d.source_sha256) == 64


def test_outline_chapters_and_sections(tables):
    o = tables["outline"]
    chapters = o.query("level == 1 and number_zh.notna() and section_id != 'annex'")
    assert chapters.title_zh.tolist() == [
        "发展现状与形势",
        "总体要求",
        "主攻方向",
        "重大任务和重点工程",
        "优先行动",
        "政策措施",
        "组织实施",
    ]
    sections = o.query("level == 2").groupby("parent_section_id").size().to_dict()
    assert sections == {"ch01": 2, "ch02": 3, "ch03": 6, "ch04": 10, "ch05": 12, "ch06": 6}
    annex = o.set_index("section_id").loc["annex"]
    assert (annex.number_zh, annex.title_zh, annex.line_start) == ("附件", "重点任务分工方案", 2271)
    s = o.set_index("section_id").loc["ch04-s02"]
    assert (s.number_zh, s.title_zh, s.line_start) == ("（二）", "建设泛在先进的信息基础设施体系", 777)
    assert o.title_en.notna().all()


def test_paragraphs_are_dewrapped_with_lead_sentences(tables):
    p = tables["paragraphs"].set_index("paragraph_id")
    first = p[p.heading_zh == "打造自主先进的技术体系"].iloc[0]
    assert first.section_id == "ch04-s01" and (first.line_start, first.line_end) == (675, 683)
    assert first.text_zh.startswith(
        "打造自主先进的技术体系。制定网络强国战略工程实施纲要，以系统思维构建新一代网络技术体系"
    )
    # spaces between Chinese and digits are layout, not text
    assert "截至2015年底，我国网民数达到6.88亿，互联网普及率达到50.3%" in p.text_zh.str.cat()
    # a paragraph across a page break (lines 61 → 65) is one paragraph
    assert any("三网融合在更大范围推广" in t for t in p.text_zh)
    assert not p.text_zh.str.contains(r"[\u4e00-\u9fff] |\s[\u4e00-\u9fff]|\n").any()
    assert len(p) == 220


def test_every_box_and_its_components(tables):
    mp = tables["major_projects"]
    assert mp.title_zh.tolist()[:3] == ["核心技术超越工程", "信息产业体系创新工程", "陆海空天一体化信息网络工程"]
    assert len(mp) == 16 and mp.section_id.str.startswith("ch04-s").all()
    counts = tables["project_components"].groupby("project_no").size().tolist()
    assert counts == [6, 5, 4, 2, 5, 3, 5, 5, 6, 3, 3, 4, 4, 3, 5, 4]
    assert mp.component_count.tolist() == counts
    pc = tables["project_components"].set_index(["project_no", "component_no"])
    assert pc.loc[(1, 1)].heading_zh == "制定网络强国工程实施纲要"
    assert pc.loc[(1, 6)].heading_zh == "建立国家信息领域重大项目及关键技术引进报告制度"
    assert pc.loc[(6, 3)].heading_zh == "互联网数据展示及应用"
    assert pc.loc[(12, 3)].heading_zh == "建立企业走出去数据库"  # first line wider than any body first line
    assert pc.loc[(16, 4)].heading_zh == "党政机关信息系统安全防护"


def test_box_boundaries_exclude_the_following_chapter_text(tables):
    p = tables["paragraphs"]
    after_box_1 = p[p.heading_zh == "推动产业协同创新"].iloc[0]
    assert pd.isna(after_box_1.project_no) and after_box_1.section_id == "ch04-s01"
    after_box_6 = p[p.heading_zh == "注重数据安全保护"].iloc[0]
    assert pd.isna(after_box_6.project_no)
    inside = p[p.heading_zh == "互联网数据展示及应用"].iloc[0]
    assert inside.project_no == 6


def test_priority_actions_milestones_and_tasks(tables):
    pa_ = tables["priority_actions"]
    assert len(pa_) == 12 and pa_.title_zh.iloc[0] == "新一代信息网络技术超前部署行动"
    assert pa_.title_zh.iloc[3] == "数据资源共享开放行动"
    m = tables["action_milestones"]
    years = m.groupby("action_no").year.apply(list).to_dict()
    assert years == {k: ([2017, 2020] if k == 5 else [2018, 2020]) for k in range(1, 13)}
    first = m.query("action_no == 2 and year == 2020").iloc[0]
    assert first.text_zh == "建成由35颗卫星组成的北斗全球卫星导航系统，为全球用户提供服务"
    assert not m.text_zh.str.startswith("到").any() and not m.text_zh.str.endswith(("；", "。")).any()
    tasks = tables["action_tasks"]
    assert tasks.groupby("action_no").size().tolist() == [4, 4, 3, 3, 4, 4, 5, 4, 3, 4, 4, 3]
    assert tasks.query("action_no == 5").heading_zh.tolist() == [
        "构建统一的政务服务信息系统",
        "建立电子证照体系和共享互认机制",
        "建立完善统一身份认证体系",
        "构建便民服务“一张网”",
    ]


def test_policy_measures(tables):
    pm = tables["policy_measures"]
    assert pm.title_zh.tolist() == [
        "完善法律法规，健全法治环境",
        "创新制度机制，优化市场环境",
        "开拓投融资渠道，激发发展活力",
        "加大财税支持，优化资源配置",
        "着力队伍建设，强化人才支撑",
        "优化基础环境，推动协同发展",
    ]
    assert pm.text_zh.iloc[0].startswith("完善信息化法律框架")


def test_annex_rows_including_those_split_by_page_breaks(tables):
    a = tables["annex_tasks"].set_index("task_no")
    assert a.index.tolist() == list(range(1, 75))
    assert a.loc[1].task_zh == "打造自主先进的技术体系，制定网络强国工程实施纲要，组织实施网络强国工程。"
    # row 55: the two cells interleave across the page break at lines 3096/3100
    assert a.loc[55].task_zh == (
        "强化事中事后监管，实施企业信用信息依法公示、社会监督和失信联合惩戒，推动建立网信领域信用管理机制，"
        "建立诚信档案和失信联合惩戒制度。"
    )
    assert a.loc[55].responsibility_zh.startswith("国家发展改革委、工商总局、商务部、人民银行、银监会")
    assert a.loc[55].responsibility_zh.endswith(
        "最高人民法院、最高人民检察院、工业和信息化部、公安部、安全监管总局等按职责分工负责"
    )
    # row 48: only the department cell crosses the page break
    assert a.loc[48].responsibility_zh.endswith("海关总署、税务总局、工商总局、质检总局、社科院等按职责分工负责")
    assert a.loc[74].task_zh == "强化责任意识，建立信息化工作问责制度。"
    assert a.loc[1].is_open_ended and not a.loc[61].is_open_ended and not a.loc[74].is_open_ended
    assert a.is_open_ended.sum() == 63


def test_task_departments_roles_and_order(tables):
    td = tables["task_departments"]
    row1 = td.query("task_no == 1").sort_values("ordinal")
    assert list(zip(row1.department_id, row1.role, strict=True)) == [
        ("cac", "lead"),
        ("ndrc", "lead"),
        ("miit", "lead"),
        ("most", "responsible"),
        ("mps", "responsible"),
        ("cas", "responsible"),
    ]
    row74 = td.query("task_no == 74").sort_values("ordinal")
    assert list(zip(row74.department_id, row74.role, strict=True)) == [
        ("cac", "lead"),
        ("ndrc", "lead"),
        ("all_regions", "responsible"),
        ("all_departments", "responsible"),
    ]
    row9 = td.query("task_no == 9")  # no 牵头: everyone is responsible
    assert set(row9.role) == {"responsible"} and len(row9) == 3
    leads = td.query("role == 'lead'").department_id.value_counts()
    assert leads.index[0] == "cac" and leads.iloc[0] == 38 and leads.loc["ndrc"] == 26


def test_departments_vocabulary_is_complete(tables):
    dep = tables["departments"].set_index("department_id")
    assert dep.loc["cac"].full_name_zh == "中央网络安全和信息化领导小组办公室"
    assert dep.loc["cac"].name_en == "Office of the Central Leading Group for Cyberspace Affairs"
    assert set(tables["task_departments"].department_id) <= set(dep.index)
    assert dep.name_en.str.len().gt(0).all() and dep.full_name_zh.str.len().gt(0).all()


def test_links_between_annex_tasks_and_boxes_and_actions(tables):
    links = tables["annex_task_projects"]
    assert links.query("project_no == 6").task_no.tolist() == [12]
    assert len(links) == 16 and sorted(set(links.project_no)) == list(range(1, 17))
    # box 4 is named differently in the annex: row 9 implements the 工程 the sentence before the box announces
    box4 = links.query("project_no == 4").iloc[0]
    assert (box4.task_no, box4.match_basis) == (9, "introducing_sentence; component_headings")
    assert set(links.query("project_no != 4").match_basis) == {"title"}
    assert tables["annex_task_actions"].action_no.tolist() == list(range(1, 13))
