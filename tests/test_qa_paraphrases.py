"""Paraphrased questions the way users actually ask them (probe round 2), through answer_question.

None of these copies a question of evals/gold, evals/dev, evals/holdout or test_qa_capabilities.py:
they ask about other rows, items, indicators and passages, or about the same facts in clearly
different words (colloquial 啥/咋/多少钱/几个人, abbreviations 三公/高企/一般公共/基本支出, an item
named by its amount, two-part questions, 比上年 changes, sums, 绩效自评 column differences, shares,
per-unit amounts, lists, yes/no, 用途/原因, and four unanswerable questions).

Every expected figure was read off the sample text; line numbers are those of the files in
samples/: 000 = 昌吉州科技局 2024 预算, 002 = 巴州科技局 2025 预算, 003 = 乌鲁木齐市科技局 2024 决算,
004 = 乌鲁木齐市科技局 2025 预算.
"""
from __future__ import annotations

import re

import pytest

from budgetqa.qa.pipeline import answer_question
from qa_asserts import flat, has_cite, holds_number, stated_and_verified, abstains


# 1. Colloquial wording (多少钱 / 几个人 / 实际花了) ---------------------------------------------------

def test_colloquial_line_item_how_much_money(qa_ws):
    # 000 l.479: "302 02 印刷费 0.50 0.50"
    a = answer_question("昌吉州科技局24年印刷费打算花多少钱", qa_ws)
    stated_and_verified(a, 0.50, "万元")
    assert a.doc.startswith("000_")
    assert has_cite(a, "印刷费 0.50")


def test_colloquial_how_many_people_retired(qa_ws):
    # 002 l.115-117: "实有人数 68人，其中：在职 36人，增加 2 人；退休 32人，增加 1 人"
    a = answer_question("巴州科技局现在退休的有几个人", qa_ws)
    stated_and_verified(a, 32.0, "人")
    assert a.doc.startswith("002_")
    assert has_cite(a, "退休 32人")


def test_colloquial_basic_spend_actually_spent(qa_ws):
    # 003 l.133: "本年支出 3,555.92 万元,其中:基本支出 1,489.94 万元,占 41.90%"
    a = answer_question("乌市科技局24年基本支出实际花了多少钱", qa_ws)
    stated_and_verified(a, 1489.94, "万元")
    assert a.doc.startswith("003_")
    assert has_cite(a, "基本支出 1,489.94 万元")


# 2. Abbreviations: 三公 / 高企 / 一般公共 --------------------------------------------------------------

def test_abbreviation_sangong(qa_ws):
    # 002 l.1327: "新疆巴州科学技术局 2025 年财政拨款“三公”经费数为 9.00 万元"; l.870 "合计 9.00 9.00"
    a = answer_question("巴州科技局25年三公预算多少", qa_ws)
    stated_and_verified(a, 9.0, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "“三公”经费数为 9.00 万元") or has_cite(a, "合计 9.00 9.00")


def test_abbreviation_gaoqi_target(qa_ws):
    # 000 l.1080: "高新技术企业数量突破 255 家"; l.1107 "数量指标 高新技术企业数量 >=255 家"
    a = answer_question("昌吉州科技局2024年定的高企数量目标是多少家", qa_ws)
    stated_and_verified(a, 255.0, "家")
    assert a.doc.startswith("000_")
    assert has_cite(a, "高新技术企业数量突破 255 家") or has_cite(a, "高新技术企业数量 >=255 家")


def test_abbreviation_yiban_gonggong_project_spend(qa_ws):
    # 004 l.431: "总计 4,449.35 1,401.38 3,047.97" (表5); l.957 "项目支出 3,047.97 万元，比上年预算增加 514.54 万元"
    a = answer_question("乌市科技局25年一般公共项目支出多少", qa_ws)
    stated_and_verified(a, 3047.97, "万元")
    assert a.doc.startswith("004_")
    assert has_cite(a, "3,047.97")


# 3. An item named by its amount -------------------------------------------------------------------

def test_item_named_by_amount_carryover_project(qa_ws):
    # 004 l.818: "2024 年人才专项经费---红山科创专家服务团工作经费 54.27 54.27 54.27"; l.1310 same in prose
    a = answer_question("乌市科技局2025年那笔54.27万的结转资金是什么项目的", qa_ws)
    assert a.found and a.doc.startswith("004_")
    assert "红山科创专家服务团工作经费" in flat(a.answer)
    assert "揭榜挂帅" not in a.answer and "红山科技领军人才" not in a.answer
    assert len(a.items) <= 1
    assert has_cite(a, "红山科创专家服务团工作经费 54.27")


def test_item_named_by_amount_colloquial(qa_ws):
    # 002 l.908: "科技特派员工作补助经费 9.30 9.30 9.30"; l.962 "…、科技特派员工作补助经费 9.30 万元、…"
    a = answer_question("巴州科技局25年那笔9.3万的结转资金是啥项目", qa_ws)
    assert a.found and a.doc.startswith("002_")
    assert "科技特派员工作补助经费" in flat(a.answer)
    assert not holds_number(a.answer, "60.59") and not holds_number(a.answer, "49.05")
    assert has_cite(a, "科技特派员工作补助经费 9.30")


# 4. Two-part question ------------------------------------------------------------------------------

def test_two_part_goods_and_services(qa_ws):
    # 003 l.221: "2024 年度政府采购支出总额 12.20 万元，其中：政府采购货物支出 1.68 万元、政府采购工程支出 0.00 万元、
    #            政府采购服务支出 10.53 万元。"
    a = answer_question("乌市科技局2024年政府采购里货物和服务分别花了多少", qa_ws)
    assert a.found and a.doc.startswith("003_")
    assert a.unit == "万元" and a.value is not None
    assert any(a.value == pytest.approx(v) for v in (1.68, 10.53)), a.answer
    assert holds_number(a.answer, "1.68") and holds_number(a.answer, "10.53"), a.answer
    assert has_cite(a, "政府采购货物支出 1.68 万元", "政府采购服务支出 10.53 万元")


# 5. 比上年: the change, not the level ------------------------------------------------------------------

def test_increase_over_previous_year(qa_ws):
    # 002 l.1172-1174: "17、住房保障支出（类）住房改革支出（款）住房公积金（项）：2025 年预算数为 54.93 万元，
    #                  比上年预算增加 2.59 万元，增长 4.95%"
    a = answer_question("巴州科技局2025年住房公积金比上年多了多少", qa_ws)
    stated_and_verified(a, 2.59, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "比上年预算增加 2.59 万元")


def test_decrease_percentage_over_previous_year(qa_ws):
    # 004 l.985-987: "3、科学技术支出（类）基础研究（款）科技人才队伍建设（项）：2025 年预算数为 718.00 万元，
    #                比上年预算减少 687.00 万元，下降 48.90%"
    a = answer_question("乌市科技局2025年科技人才队伍建设比上年少了百分之多少", qa_ws)
    assert a.found and a.doc.startswith("004_"), a.answer
    assert a.unit == "%" and a.value is not None and abs(a.value) == pytest.approx(48.90, abs=0.005), a.answer
    assert a.verification.status == "verified"
    assert has_cite(a, "下降 48.90%")


# 6. Sum of named table rows ------------------------------------------------------------------------

def test_sum_of_three_named_rows(qa_ws):
    # 000 l.477 "302 01 办公费 10.85 10.85", l.481 "302 07 邮电费 1.08 1.08", l.483 "302 11 差旅费 6.00 6.00" -> 17.93
    a = answer_question("昌吉州科技局2024年办公费、邮电费、差旅费三项加起来多少", qa_ws)
    stated_and_verified(a, 17.93, "万元")
    assert a.calculation and sorted(float(x) for x in re.findall(r"\d+(?:\.\d+)?", a.calculation)) == [1.08, 6.0, 10.85]
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)
    assert has_cite(a, "办公费 10.85") and has_cite(a, "邮电费 1.08") and has_cite(a, "差旅费 6.00")


# 7. 绩效自评: 年初预算数 vs 全年执行数 -------------------------------------------------------------------

def test_self_evaluation_budget_vs_execution_gap(qa_ws):
    # 003 l.622 "项目名称 科技类展会工作经费"; l.625 "年度资金总额 10.38 4.74 4.74" (年初预算数/全年预算数/全年执行数)
    # -> 10.38 - 4.74 = 5.64
    a = answer_question("乌市科技局2024年科技类展会工作经费年初预算和实际执行差了多少", qa_ws)
    stated_and_verified(a, 5.64, "万元")
    assert a.doc.startswith("003_")
    assert has_cite(a, "10.38", "4.74")


def test_self_evaluation_actual_below_initial_budget(qa_ws):
    # 003 l.673 "项目名称 跨区域协同创新合作年会工作经费"; l.676 "年度资金总额 24.79 16.80 16.80" -> 24.79 - 16.80 = 7.99
    a = answer_question("跨区域协同创新合作年会工作经费2024年实际花的比年初预算少多少（乌市科技局）", qa_ws)
    assert a.found and a.doc.startswith("003_")
    assert a.unit == "万元" and a.value is not None and abs(a.value) == pytest.approx(7.99, abs=0.005), a.answer
    assert a.verification.status == "verified"
    assert has_cite(a, "24.79", "16.80")


# 8. Shares ----------------------------------------------------------------------------------------

def test_share_stated_in_prose(qa_ws):
    # 004 l.862 "部门收入预算 5,932.17 万元"; l.898 "财政拨款结转 1,452.61 万元，占 24.49%"
    a = answer_question("乌市科技局2025年财政拨款结转占部门收入的比例是多少", qa_ws)
    stated_and_verified(a, 24.49, "%", abs_=0.01)
    assert a.doc.startswith("004_")
    assert has_cite(a, "1,452.61", "24.49%")


def test_share_computed_goods_in_procurement(qa_ws):
    # 000 l.1016-1018: "政府采购预算 93.87 万元，其中：政府采购货物预算 38.45 万元" -> 38.45 / 93.87 = 40.96%
    a = answer_question("昌吉州科技局2024年政府采购里货物占多少比例", qa_ws)
    stated_and_verified(a, 40.96, "%", abs_=0.01)
    assert a.calculation and re.sub(r"\s", "", a.calculation) == "38.45/93.87*100"
    assert has_cite(a, "93.87", "38.45")


# 9. Per-unit amounts ------------------------------------------------------------------------------

def test_per_person_computed(qa_ws):
    # 002 l.1282 "预算安排规模：56.63 万元"; l.1286 "主要用于选派 28名科技人员…" -> 56.63 / 28 = 2.02
    a = answer_question("巴州2025年三区科技人才支持计划人均多少钱", qa_ws)
    stated_and_verified(a, 2.02, "万元", abs_=0.01)
    assert a.calculation and re.sub(r"\s", "", a.calculation) == "56.63/28"
    assert has_cite(a, "56.63") and has_cite(a, "28名")


def test_per_vehicle_value_colloquial(qa_ws):
    # 002 l.1399: "2.车辆 4辆，价值 91.93 万元；其中：一般公务用车 4辆，价值 91.93 万" -> 91.93 / 4 = 22.98
    a = answer_question("巴州科技局平均每辆公车值多少钱", qa_ws)
    stated_and_verified(a, 22.98, "万元", abs_=0.01)
    assert a.calculation and re.sub(r"\s", "", a.calculation) == "91.93/4"
    assert has_cite(a, "4辆", "91.93")


# 10. Lists ----------------------------------------------------------------------------------------

_CJ_OFFICES = ["办公室（组织人事科）", "综合科", "工业科技科", "农村科技科", "自创区建设与科技合作科",
               "昌吉州专家顾问服务中心", "昌吉州国际人才交流合作中心"]


def test_list_offices_count_and_names(qa_ws):
    # 000 l.103-109: "下设 7 个处室，分别是：办公室（组织人事科）、综合科、工业科技科、农村科技科、自创区建设与科技
    #                合作科（外国专家服务科）、昌吉州专家顾问服务中心、昌吉州国际人才交流合作中心。"
    a = answer_question("昌吉州科技局里面分了几个处室，都叫什么", qa_ws)
    assert a.found and a.doc.startswith("000_"), a.answer
    assert len(a.items) == 7, a.items
    for name in _CJ_OFFICES:
        assert any(name in it for it in a.items), a.items
    assert has_cite(a, "综合科、工业科技科、农村科技科")


def test_list_budget_units(qa_ws):
    # 004 l.107-115: "纳入乌鲁木齐市科学技术局 2025 年部门预算编制范围的下属预算单位包括：1、乌鲁木齐市科学技术局（本级）
    #                （行政单位） 2、乌鲁木齐科技信息服务中心（全额拨款事业单位） 3、乌鲁木齐市技术创新研发与科技成果转化中心"
    a = answer_question("乌市科技局2025年预算包括哪几家单位", qa_ws)
    assert a.found and a.doc.startswith("004_")
    assert len(a.items) == 3, a.items
    for name in ("科学技术局（本级）", "乌鲁木齐科技信息服务中心", "技术创新研发与科技成果转化中心"):
        assert any(name in it for it in a.items), a.items
    assert has_cite(a, "下属预算单位包括")


_INFO_CENTER_PROJECTS = ["特定目标2410010U", "机房运行维护费", "科教兴市栏目、科技统计与文献服务经费"]


def test_list_projects_of_sub_unit(qa_ws):
    # 004 表7 l.628 "乌鲁木齐科技信息服务中心 139.21 39.10 100.11", then l.694 "特定目标 2410010U 101.31",
    # l.697-700 "“小微企业创业创新综合管理信息服务大平台”机房运行维护费 4.00", l.703-706 "2025 年科教兴市栏目、科技统计与文献服务经费 33.90"
    a = answer_question("乌鲁木齐科技信息服务中心2025年一般公共预算安排了哪几个项目", qa_ws)
    assert a.found and a.doc.startswith("004_")
    assert len(a.items) == 3, a.items
    for name in _INFO_CENTER_PROJECTS:
        assert any(flat(name) in flat(it) for it in a.items), a.items
    assert not any("两区" in it or "揭榜挂帅" in it for it in a.items)
    assert has_cite(a, "特定目标 2410010U 101.31")


_SANQU_QUANTITY = ["选派科技人员", "服务县市数", "培训场次", "培训人次"]


def test_list_quantity_indicators_of_project(qa_ws):
    # 002 绩效目标表 of "2025年中央“三区”科技人才支持计划" (l.1798): 数量指标 l.1858 "选派科技人员 =28 人",
    # l.1864 "服务县市数 =14 个", l.1870 "培训场次 ＞=28 场次", l.1876 "培训人次 ＞=300 人次"
    a = answer_question("巴州2025年三区科技人才支持计划的数量指标有哪几个", qa_ws)
    assert a.found and a.doc.startswith("002_")
    assert len(a.items) == 4, a.items
    for name in _SANQU_QUANTITY:
        assert any(name in it for it in a.items), a.items
    assert not any("出勤率" in it or "覆盖率" in it for it in a.items)
    assert has_cite(a, "选派科技人员 =28 人")


# 11. Yes / no ---------------------------------------------------------------------------------------

def test_yes_from_stated_spend(qa_ws):
    # 003 l.195: "其中：因公出国（境）费支出 4.90 万元，占 31.53%"; l.201 "…代表团 2 人赴哈萨克斯坦…"
    a = answer_question("乌市科技局2024年有没有因公出国", qa_ws)
    assert a.found and a.polarity == "yes"
    assert a.doc.startswith("003_")
    assert has_cite(a, "因公出国（境）费支出 4.90 万元")


def test_no_from_zero_budget(qa_ws):
    # 004 l.1276-1278: "其中：因公出国（境）费 0.00 万元，公务用车购置费 0.00 万元，公务用车运行费 10.80 万元，
    #                  公务接待费 0.00 万元。"; l.1292-1294 "公务接待费增加 0.00 万元，…2024 年与 2025 年均未安排此项预算经费"
    a = answer_question("乌市科技局2025年安排公务接待费了吗", qa_ws)
    assert a.found and a.polarity == "no"
    assert a.doc.startswith("004_")
    assert has_cite(a, "公务接待费 0.00 万元") or has_cite(a, "公务接待费增加 0.00 万元")


# 12. Descriptive: 原因 / 用途 --------------------------------------------------------------------------

def test_reason_colloquial_nothing_spent(qa_ws):
    # 003 l.173: "8. 科学技术支出(类)科学技术普及(款)科普活动(项):支出决算数为 0.00 万元,比上年决算减少 29.99 万元,
    #            下降 100.00%,主要原因是:本年较上年减少 2022 年自治区科技厅重大科普项目经费。"
    a = answer_question("乌市科技局2024年科普活动咋一分钱没花", qa_ws)
    assert a.found and a.doc.startswith("003_"), a.answer
    assert "重大科普项目经费" in flat(a.answer)
    assert has_cite(a, "本年较上年减少 2022 年自治区科技厅重大科普项目经费")


def test_purpose_of_carryover_colloquial(qa_ws):
    # 002 l.1352-1356: "1．2024 年技术合同认定登记机构补助经费 49.05 万元，主要用于保障技术合同认定登记机构正常开展工作，
    #                  提升技术交易市场活跃度，促进科技成果转化，…"
    a = answer_question("巴州2024年技术合同认定登记机构补助经费结转到今年拿来干啥", qa_ws)
    assert a.found and a.doc.startswith("002_")
    assert "保障技术合同认定登记机构正常开展工作" in flat(a.answer)
    assert a.value is None or a.value == pytest.approx(49.05)
    assert has_cite(a, "主要用于保障技")


# 13. Unanswerable ---------------------------------------------------------------------------------

def test_unanswerable_year_not_published(qa_ws):
    # only the 2025 预算 of 巴州科技局 is in samples/; its 公用经费 43.47 (l.1190) has no 2023 counterpart
    a = answer_question("巴州科技局2023年的公用经费预算多少", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "43.47")


def test_unanswerable_person_name(qa_ws):
    # 004 names only 部门联系人 (l.1422), no 副局长
    a = answer_question("乌鲁木齐市科技局分管财务的副局长叫啥名字", qa_ws)
    abstains(a)
    assert "来丽拉" not in a.answer and "张春丽" not in a.answer


def test_unanswerable_breakdown_not_given(qa_ws):
    # 003 l.203 lists what 公务用车运行维护费 10.64 covers (燃料费、维修费、…) but gives no amounts per item
    a = answer_question("乌市科技局2024年公务用车运行维护费10.64万里油费和维修费各多少", qa_ws)
    abstains(a)


def test_unanswerable_other_department(qa_ws):
    # no 教育局 disclosure in samples/; 004 l.1274 "乌鲁木齐市科学技术局 2025 年财政拨款“三公”经费数为 10.80 万元"
    a = answer_question("乌鲁木齐市教育局2025年三公经费预算多少", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "10.80")
