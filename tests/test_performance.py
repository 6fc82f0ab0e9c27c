"""绩效目标表 / 绩效自评表 on the four samples: table counts, projects, funds, indicators.

Every expected value below was read off the sample text (line numbers in the comments).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from budgetqa.extract.loader import load
from budgetqa.extract.models import Indicator, PerformanceTable
from budgetqa.extract.performance import parse_performance, parse_target

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FILES = {"000": "000_fbfe44e17c8967fa.txt", "002": "002_e49850479605d5c8.txt",
         "003": "003_606eb66e1c061dbe.txt", "004": "004_ad81c3092455a930.txt"}


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[list[PerformanceTable], set[int]]]:
    return {k: parse_performance(load(SAMPLES / f)) for k, f in FILES.items()}


def table(parsed, doc: str, project: str | None = None, kind: str | None = None) -> PerformanceTable:
    tables = parsed[doc][0]
    hits = [t for t in tables if (project is None or t.project == project) and (kind is None or t.kind == kind)]
    assert len(hits) == 1, [t.project for t in tables]
    return hits[0]


def indicator(t: PerformanceTable, name: str) -> Indicator:
    hits = [i for i in t.indicators if i.name == name]
    assert len(hits) == 1, [i.name for i in t.indicators]
    return hits[0]


def fund(t: PerformanceTable, name: str) -> dict[str, float | None]:
    hits = [f for f in t.funds if f.name == name]
    assert len(hits) == 1, [f.name for f in t.funds]
    return hits[0].values


# ---------------------------------------------------------------- 指标值

@pytest.mark.parametrize("raw, expected", [
    (">=20 项", (">=", 20.0, "项")),
    ("＞=53家", (">=", 53.0, "家")),
    ("≥12 个", (">=", 12.0, "个")),
    ("<=5%", ("<=", 5.0, "%")),
    ("=1 人", ("=", 1.0, "人")),
    ("＜=40 万元", ("<=", 40.0, "万元")),
    ("=100%", ("=", 100.0, "%")),
    (r"$\geq 90\%$", (">=", 90.0, "%")),
    ("≤6 小时", ("<=", 6.0, "小时")),
    ("有效提高", (None, None, None)),
    ("2025年11月30日前", (None, None, None)),
])
def test_parse_target(raw, expected):
    assert parse_target(raw) == expected


# ---------------------------------------------------------------- tables found

@pytest.mark.parametrize("doc, counts", [
    ("000", {"部门整体绩效目标": 1, "项目支出绩效目标": 3}),
    ("002", {"部门整体绩效目标": 1, "项目支出绩效目标": 9}),
    ("003", {"部门整体支出绩效自评": 1, "项目支出绩效自评": 19}),
    ("004", {"部门整体绩效目标": 1, "项目支出绩效目标": 13}),
])
def test_table_counts(parsed, doc, counts):
    tables = parsed[doc][0]
    assert Counter(t.kind for t in tables) == counts
    for t in tables:
        assert t.indicators, f"{doc} {t.kind} {t.project}: no indicators"
        assert all(i.name for i in t.indicators)
        assert t.department
        if t.kind.startswith("项目"):
            assert t.project


def test_project_names(parsed):
    assert [t.project for t in parsed["000"][0][1:]] == ["机关运行保障经费", "引智工作经费", "专家顾问服务中心工作经费"]
    # 004 l.2020-2024: the name wraps over two lines before 项目负责人
    names_004 = [t.project for t in parsed["004"][0]]
    assert "2025年人才发展资金--重点领域科技创新攻关“揭榜挂帅”项目（+上年结转资金）" in names_004
    assert "2025年“两区”创新建设专项" in names_004
    names_003 = [t.project for t in parsed["003"][0]]
    assert "2023年乌鲁木齐国家农业科技园区专项经费" in names_003
    assert "技术市场专项经费" in names_003


def test_departments(parsed):
    assert table(parsed, "000", kind="部门整体绩效目标").department == "昌吉回族自治州科学技术局"
    assert table(parsed, "003", kind="部门整体支出绩效自评").department == "乌鲁木齐市科学技术局（部门）"
    # 003 l.412: '主管部门 | 主管部门 | | 实施单位 | 乌鲁木齐市科学技术局' — the unfilled label is skipped
    assert table(parsed, "003", project="技术市场专项经费").department == "乌鲁木齐市科学技术局"
    assert table(parsed, "004", project="2025年科教兴市栏目、科技统计与文献服务经费").department == "乌鲁木齐科技信息服务中心"


def test_consumed_lines(parsed):
    src = load(SAMPLES / FILES["003"])
    _, used = parsed["003"]
    texts = {i: src.lines[i].text for i in used}
    assert 242 in used and 281 in used                       # title l.243, indicator row l.282
    assert not any("具体附部门整体支出绩效自评表" in t for t in texts.values())
    assert not any("其他需说明" in t for t in texts.values())
    src0 = load(SAMPLES / FILES["000"])
    used0 = parsed["000"][1]
    assert 1057 in used0 and 1672 in used0                   # 部门整体 title l.1058 … last table row
    assert not any("其他需说明" in src0.lines[i].text or "名词解释" in src0.lines[i].text for i in used0)


# ---------------------------------------------------------------- funds

def test_funds_target_tables(parsed):
    whole = table(parsed, "000", kind="部门整体绩效目标")
    assert fund(whole, "上级安排") == {"年度预算": 0.0}
    assert fund(whole, "本级安排") == {"年度预算": 544.67}       # l.1091
    assert fund(whole, "其他资金") == {"年度预算": 60.0}         # l.1093 '其他资金（万元） 其他 60.00'
    p = table(parsed, "000", project="机关运行保障经费")       # l.1124-1132, 其中：财政拨 / 款 wrapped
    assert fund(p, "年度预算总额") == {"年度预算": 60.0}
    assert fund(p, "其中：财政拨款") == {"年度预算": 0.0}
    assert fund(p, "其他资金") == {"年度预算": 60.0}
    assert fund(table(parsed, "004", project="2025年“两区”创新建设专项"), "年度预算总额") == {"年度预算": 1600.0}


def test_funds_self_evaluation(parsed):
    whole = table(parsed, "003", kind="部门整体支出绩效自评")   # l.247-248
    assert fund(whole, "年度总资金") == {"年初预算数": 3977.09, "全年预算数": 3628.92, "全年执行数": 3555.92,
                                      "分值权重": 10.0, "执行率": 97.99, "得分": 9.8}
    assert fund(whole, "上级资金")["执行率"] is None            # '-' is not stated, not 0
    p = table(parsed, "003", project="2024 年“两区”创新建设专项")  # l.320-321
    assert fund(p, "年度资金总额") == {"年初预算数": 950.0, "全年预算数": 1674.94, "全年执行数": 1674.94,
                                    "分值": 10.0, "执行率": 100.0, "得分": 10.0}
    assert fund(p, "其中：当年财政拨款")["全年执行数"] == 1674.94


# ---------------------------------------------------------------- indicators, 自评 (cells)

def test_self_evaluation_indicators(parsed):
    park = table(parsed, "003", project="2023年乌鲁木齐国家农业科技园区专项经费")
    assert park.total_score == 95.0                           # l.285 '95.00分'
    ind = indicator(park, "实现电子商务交易额")                # l.282
    assert (ind.level1, ind.level2) == ("效益指标", "经济效益指标")
    assert (ind.operator, ind.target_value, ind.target_unit) == (">=", 8.0, "亿元")
    assert (ind.actual_raw, ind.actual_value, ind.weight, ind.score) == ("=6 亿元", 6.0, 20.0, 15.0)
    assert "重大重组" in ind.deviation
    # l.274-276: the deviation runs on in a row holding only the last cell
    promo = indicator(park, "开展农产品推介活动次数")
    assert promo.deviation.endswith("因此推介活动完成率出现偏差。") and promo.level2 == "数量指标"

    sp = table(parsed, "003", project="2023 年第二批科技计划专项资金--2023 年自治区科技特派员工作补助经费（上年结转资金）")
    assert sp.total_score == 100.0
    # l.306: the row slid two cells left; 一级 inherited, 二级 from the row itself
    hours = indicator(sp, "课程培训所需时长(小时)")
    assert (hours.level1, hours.level2) == ("产出指标", "时效指标")
    assert (hours.operator, hours.target_value, hours.target_unit) == ("<=", 6.0, "小时")
    assert (hours.actual_value, hours.weight, hours.score) == (8.0, 5.0, 5.0)
    assert hours.deviation.endswith("培训班的培训效果和效率。")
    farmers = indicator(sp, "对农户增收的影响")                   # l.309: a text 指标值
    assert (farmers.target_raw, farmers.operator, farmers.target_value) == ("有效提升", None, None)
    assert (farmers.actual_raw, farmers.weight, farmers.score) == ("完全达到预期效果", 15.0, 15.0)

    two = table(parsed, "003", project="2024 年“两区”创新建设专项")
    assert two.total_score == 96.5
    ratio = indicator(two, "立项单位中企业的比例")               # l.332: slid one cell left
    assert (ratio.level1, ratio.level2) == ("产出指标", "质量指标")
    assert (ratio.operator, ratio.target_value, ratio.actual_value, ratio.weight, ratio.score) == (">=", 90.0, 100.0, 10.0, 10.0)
    inv = indicator(two, "带动社会投入与引导资金投入比例")        # l.331
    assert (inv.target_value, inv.actual_value, inv.weight, inv.score) == (3.0, 1.95, 10.0, 6.5)

    whole = table(parsed, "003", kind="部门整体支出绩效自评")      # l.259
    hi = indicator(whole, "高新技术企业增长率")
    assert (hi.level1, hi.level2) == ("管理效率", "质量指标")
    assert (hi.operator, hi.target_value, hi.target_unit, hi.actual_value, hi.weight, hi.score) == \
        (">=", 6.0, "%", 17.96, 20.0, 20.0)


# ---------------------------------------------------------------- indicators, 目标表 (text)

def test_target_indicators_000(parsed):
    whole = table(parsed, "000", kind="部门整体绩效目标")
    assert len(whole.indicators) == 7
    hi = indicator(whole, "高新技术企业数量")                   # l.1107
    assert (hi.level1, hi.level2, hi.operator, hi.target_value, hi.target_unit, hi.weight) == \
        ("履职效能", "数量指标", ">=", 255.0, "家", 15.0)
    assert indicator(whole, "实施州本级重大科技攻关项目").target_value == 20.0   # name wrapped l.1100-1102

    p = table(parsed, "000", project="机关运行保障经费")
    assert len(p.indicators) == 9
    acc = indicator(p, "资金支付准确率")                        # l.1193-1198: '>' / '=95%' / 上年完成值 100%
    assert (acc.level1, acc.level2) == ("产出指标", "质量指标")
    assert (acc.operator, acc.target_value, acc.target_unit, acc.actual_value, acc.weight) == (">=", 95.0, "%", 100.0, 10.0)
    fee = indicator(p, "培训费")                                # l.1220-1224: '＜=40' / '万元' / '计划标准 67 10'
    assert (fee.level1, fee.level2) == ("成本指标", "经济成本指标")
    assert (fee.operator, fee.target_value, fee.target_unit, fee.actual_value, fee.weight) == ("<=", 40.0, "万元", 67.0, 10.0)
    eff = indicator(p, "有效提高工作效率")                       # l.1261-1265: text 指标值 wrapped '有效' / '提高'
    assert (eff.target_raw, eff.operator, eff.target_value, eff.weight) == ("有效提高", None, None, 10.0)
    assert indicator(p, "提高工作人员业务水平能力和工作积极性").target_raw == "有效提高"
    sat = indicator(p, "服务对象满意度（%）")
    assert (sat.level1, sat.level2, sat.target_value) == ("满意度指标", "满意度指标", 95.0)

    intel = table(parsed, "000", project="引智工作经费")        # name over four lines l.1378-1384
    limit = indicator(intel, "外国人来华工作许可事项办理时限承诺为 15 个工作日，特殊情况可延长 10个工作日。")
    assert (limit.operator, limit.target_value, limit.target_unit, limit.actual_raw, limit.weight) == \
        ("<=", 15.0, "天", "3天", 15.0)


def test_target_indicators_002_004(parsed):
    whole = table(parsed, "002", kind="部门整体绩效目标")
    assert len(whole.indicators) == 8
    hi = indicator(whole, "培育高新技术企业数量")                # l.1525: the weight '10' stands inside the wrapped basis
    assert (hi.operator, hi.target_value, hi.target_unit, hi.weight) == (">=", 30.0, "家", 10.0)
    tsinghua = indicator(whole, "完成清华大学研究生社会实践项目数量")
    assert (tsinghua.operator, tsinghua.target_value, tsinghua.weight) == ("=", 1.0, 10.0)

    p = table(parsed, "002", project="创新人才培养项目")
    sub = indicator(p, "专员补助资金")                          # l.2257 '＜=5000 元/人 计划标准 - 20'
    assert (sub.operator, sub.target_value, sub.target_unit, sub.actual_raw, sub.weight) == ("<=", 5000.0, "元/人", None, 20.0)
    race = table(parsed, "002", project="2025 年第十一届新疆创新创业大赛优秀组织奖")
    when = indicator(race, "大赛完成时限")                      # l.1724-1728: a date 指标值
    assert (when.target_raw, when.operator, when.weight) == ("2025年11月30日前", None, 3.0)
    assert len(race.indicators) == 16

    two = table(parsed, "004", project="2025年“两区”创新建设专项")
    assert len(two.indicators) == 7
    first = indicator(two, "支持产业核心技术攻关项目数量")        # l.1592-1596
    assert (first.level1, first.level2, first.operator, first.target_value, first.target_unit) == \
        ("产出指标", "数量指标", ">=", 3.0, "项")
    assert (first.actual_raw, first.actual_value, first.weight) == ("3项", 3.0, 10.0)
    push = indicator(two, "推动产业关键核心技术攻关实现突破")
    assert (push.target_raw, push.weight, push.level2) == ("有效推动", 40.0, "社会效益指标")
