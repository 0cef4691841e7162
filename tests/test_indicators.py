"""The two indicator tables, cell for cell as printed in the plan (checked against the text by hand)."""

from __future__ import annotations

import math

import pytest

from pipelines.extract.indicators import parse_cell

# (no, category, name, unit, cells…) exactly as printed in 「“十三五”信息化发展主要指标」 (lines 416-467).
TARGETS_13TH = [
    (1, "总体发展水平", "信息化发展指数", None, "72.45", "88", "—"),
    (2, "信息技术与产业", "信息产业收入规模", "万亿元", "17.1", "26.2", "8.9"),
    (3, "信息技术与产业", "国内信息技术发明专利授权数", "万件", "11.0", "15.3", "6.9"),
    (4, "信息技术与产业", "IT项目投资占全社会固定资产投资总额的比例", "%", "2.2", "5", "〔2.8〕"),
    (5, "信息基础设施", "光纤入户用户占总宽带用户的比率", "%", "56", "80", "〔24〕"),
    (6, "信息基础设施", "固定宽带家庭普及率", "%", "40", "70", "〔30〕"),
    (7, "信息基础设施", "移动宽带用户普及率", "%", "57", "85", "〔28〕"),
    (8, "信息基础设施", "贫困村宽带网络覆盖率", "%", "78", "90", "〔12〕"),
    (9, "信息基础设施", "互联网国际出口带宽", "Tbps", "3.8", "20", "39.4"),
    (10, "信息经济", "信息消费规模", "万亿元", "3.2", "6", "13.4"),
    (11, "信息经济", "电子商务交易规模", "万亿元", "21.79", ">38", ">11.8"),
    (12, "信息经济", "网络零售额", "万亿元", "3.88", "10", "20.8"),
    (13, "信息服务", "网民数量", "亿", "6.88", ">10", ">7.8"),
    (14, "信息服务", "社会保障卡普及率", "%", "64.6", "90", "〔25.4〕"),
    (15, "信息服务", "电子健康档案城乡居民覆盖率", "%", "75", "90", "〔15〕"),
    (16, "信息服务", "基本公共服务事项网上办理率", "%", "20", "80", "〔60〕"),
    (17, "信息服务", "电子诉讼占比", "%", "<1", ">15", "〔>14〕"),
]

# 「“十二五”信息化发展基本情况」 (lines 141-219): target 2015, target growth, actual 2015, actual growth.
REVIEW_12TH = [
    (1, "总体发展水平", "信息化发展指数", None, ">79", "—", "72.45", "—"),
    (2, "信息技术与产业", "集成电路芯片规模生产工艺", "纳米", "32/28", "—", "28", "—"),
    (3, "信息技术与产业", "信息产业收入规模", "万亿元", "16", "10", "17.1", "13"),
    (4, "信息基础设施", "网民数量", "亿", "8.5", "13.2", "6.88", "8.5"),
    (5, "信息基础设施", "固定互联网宽带接入用户", "亿户", ">2.7", ">15.7", "2.1", "10.1"),
    (6, "信息基础设施", "光纤入户用户数", "亿户", ">0.77", ">103.6", "1.2", "126.8"),
    (7, "信息基础设施", "城市家庭宽带接入能力", "Mbps", "20", "38.0", "20", "38.0"),
    (8, "信息基础设施", "农村家庭宽带接入能力", "Mbps", "4", "14.9", "4", "14.9"),
    (9, "信息基础设施", "县级以上城市有线广播电视网络实现双向化率", "%", "80", "〔55〕", "53", "〔28〕"),
    (10, "信息基础设施", "互联网国际出口带宽", "Tbps", "6.5", "42.7", "3.8", "37.5"),
    (11, "信息经济", "制造业主要行业大中型企业关键工序数（自）控化率", "%", ">70", ">6.08", "70", "6.08"),
    (12, "信息经济", "电子商务交易规模", "万亿元", ">18", ">31.7", "21.79", "35.5"),
    (13, "信息服务", "中央部委和省级政务部门主要业务信息化覆盖率", "%", ">85", "〔>15〕", "90.8", "〔20.8〕"),
    (14, "信息服务", "地市级政务部门主要业务信息化覆盖率", "%", "70", "〔30〕", "76.8", "〔36.8〕"),
    (15, "信息服务", "县级政务部门主要业务信息化覆盖率", "%", "50", "〔25〕", "52.5", "〔27.5〕"),
    (16, "信息服务", "电子健康档案城乡居民覆盖率", "%", ">70", "〔>30〕", "75", "〔35〕"),
    (17, "信息服务", "社会保障卡持卡人数", "亿", "8", "50.7", "8.84", "53.7"),
]


def _check_table(tables, table_id, expected, measures):
    ind = tables["indicators"].query("table_id == @table_id").sort_values("indicator_no")
    vals = tables["indicator_values"].query("table_id == @table_id")
    assert len(ind) == len(expected) == 17
    for row, exp in zip(ind.itertuples(), expected, strict=True):
        no, category, name, unit, *cells = exp
        unit_zh = None if isinstance(row.unit_zh, float) else row.unit_zh  # pandas shows a missing str as NaN
        assert (row.indicator_no, row.category_zh, row.name_zh, unit_zh) == (no, category, name, unit)
        got = dict(vals.query("indicator_no == @no")[["measure", "raw_text"]].itertuples(index=False))
        assert got == dict(zip(measures, cells, strict=True)), f"{table_id} #{no}"


def test_targets_13th_cell_for_cell(tables):
    _check_table(tables, "targets_13th", TARGETS_13TH, ["base_2015", "target_2020", "target_growth"])


def test_review_12th_cell_for_cell(tables):
    _check_table(tables, "review_12th", REVIEW_12TH, ["target_2015", "target_growth", "actual_2015", "actual_growth"])


def test_34_indicators_and_their_values(tables):
    assert len(tables["indicators"]) == 34
    assert len(tables["indicator_values"]) == 17 * 3 + 17 * 4


@pytest.mark.parametrize(
    "text, value, alt, qualifier, cumulative",
    [
        (">79", 79.0, None, ">", False),
        ("—", None, None, None, False),
        ("〔2.8〕", 2.8, None, None, True),
        ("〔>15〕", 15.0, None, ">", True),
        ("32/28", 32.0, 28.0, None, False),
        ("38.0", 38.0, None, None, False),
        ("<1", 1.0, None, "<", False),
        ("〔 > 14 〕", 14.0, None, ">", True),
    ],
)
def test_parse_cell(text, value, alt, qualifier, cumulative):
    cell = parse_cell(text)
    assert (cell.value, cell.value_alt, cell.qualifier, cell.is_cumulative_pp) == (value, alt, qualifier, cumulative)
    assert " " not in cell.raw_text


@pytest.mark.parametrize("garbled", ["7O", "3八", "1,2", "〔5", "5〕", "><3", "", "1.2.3"])
def test_garbled_numbers_are_refused(garbled):
    with pytest.raises(ValueError, match="not a figure"):
        parse_cell(garbled)


def test_trailing_zeros_and_raw_text_kept(tables):
    v = tables["indicator_values"]
    row = v.query("table_id == 'review_12th' and indicator_no == 7 and measure == 'target_growth'").iloc[0]
    assert row.raw_text == "38.0" and row.value == 38.0
    row = v.query("table_id == 'targets_13th' and indicator_no == 3 and measure == 'base_2015'").iloc[0]
    assert row.raw_text == "11.0"


def test_units_cannot_be_misread(tables):
    """15.3 万件 is 153 000 patents, not '15.3 trillion patents'."""
    v = tables["indicator_values"]
    patents = v.query("table_id == 'targets_13th' and indicator_no == 3 and measure == 'target_2020'").iloc[0]
    assert patents.value == 15.3 and patents.value_base == pytest.approx(153_000) and patents.value_unit_en == "patents"
    revenue = v.query("table_id == 'targets_13th' and indicator_no == 2 and measure == 'target_2020'").iloc[0]
    assert revenue.value_base == pytest.approx(26.2e12) and revenue.value_unit_en == "yuan (CNY)"
    users = v.query("table_id == 'targets_13th' and indicator_no == 13 and measure == 'target_2020'").iloc[0]
    assert users.value_base == pytest.approx(1e9) and users.qualifier == ">"
    pp = v.query("table_id == 'targets_13th' and indicator_no == 4 and measure == 'target_growth'").iloc[0]
    assert pp.is_cumulative_pp and pp.value_unit_en == "percentage points"
    ind = tables["indicators"].query("table_id == 'targets_13th' and indicator_no == 3").iloc[0]
    assert "10^4" in ind.unit_en and ind.unit_multiplier == 1e4


def test_consistency_audit(tables):
    c = tables["indicator_consistency"].set_index(["table_id", "indicator_no"])
    growth = c.loc[("targets_13th", 2)]
    assert growth.check_id == "implied_growth" and growth.agrees
    assert growth.implied_value == pytest.approx((26.2 / 17.1) ** 0.2 * 100 - 100, abs=1e-6)
    assert c.loc[("targets_13th", 4)].implied_value == pytest.approx(2.8)
    index = c.loc[("targets_13th", 1)]  # the index has no printed growth (—): nothing to compare
    assert (
        index.agrees is None and math.isnan(index.implied_value) and index.explanation_en.startswith("Not comparable")
    )
    # Every 13th-FYP growth figure agrees with its base and target within the printing's rounding …
    assert c.loc["targets_13th"]["agrees"].dropna().all()
    # … but three 12th-FYP rows imply a different 2010 baseline from the target than from the result.
    missed = c.loc["review_12th"].query("agrees == False").index.tolist()
    assert missed == [6, 10, 12]
    assert c.loc[("review_12th", 9)].implied_value == pytest.approx(25.0)  # 80 − 55 = 53 − 28
