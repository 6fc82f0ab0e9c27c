"""Offline answering capabilities on the bundled samples, through answer_question.

Every expected figure below was read off the sample text (line numbers are those of the
files in samples/): 000 = 昌吉州科技局 2024 预算, 002 = 巴州科技局 2025 预算,
003 = 乌鲁木齐市科技局 2024 决算, 004 = 乌鲁木齐市科技局 2025 预算.
"""
from __future__ import annotations

import re

import pytest

from budgetqa.qa.pipeline import answer_question
from qa_asserts import flat, cited, has_cite, holds_number, stated_and_verified, derived_and_recomputed


# 1. A per-unit amount written in prose beats the project total ---------------------------------------

def test_per_unit_award_stated_in_prose(qa_ws):
    # 002 l.1268: "2024 年首次通过认定的高新技术企业 53 家，每家奖励 20 万元，共奖励 1060 万元"
    a = answer_question("巴州科学技术局2025年对每家新认定的高新技术企业奖励多少钱", qa_ws)
    stated_and_verified(a, 20.0, "万元")
    assert a.value != pytest.approx(1060.0)
    assert a.doc.startswith("002_")
    assert has_cite(a, "每家奖励 20 万元")


def test_per_unit_average_stated_in_prose(qa_ws):
    # 002 l.1227: "奖励企业不少于 10家，平均每家企业奖励不超过 10万元" (project total 100.00)
    a = answer_question("巴州科技局2025年自治州创新创业大赛获奖企业平均每家奖励额度是多少", qa_ws)
    stated_and_verified(a, 10.0, "万元")
    assert a.value != pytest.approx(100.0)
    assert "平均每家企业奖励不超过10万" in cited(a)


# 2. A per-unit amount computed when the document does not state it -----------------------------------

def test_per_unit_computed_with_recomputed_calculation(qa_ws):
    # 004 l.1392: "2.车辆 6辆，价值 155.87 万元" -> 155.87 / 6 = 25.978
    a = answer_question("乌鲁木齐市科技局2025年平均每辆公务用车价值多少", qa_ws)
    stated_and_verified(a, 25.98, "万元", abs_=0.01)
    assert a.calculation and re.sub(r"\s", "", a.calculation) == "155.87/6"
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)
    assert has_cite(a, "6辆", "155.87")


def test_per_unit_computed_colloquial(qa_ws):
    a = answer_question("乌市科技局一般公务用车平均一辆值多少钱", qa_ws)
    stated_and_verified(a, 25.98, "万元", abs_=0.01)
    assert has_cite(a, "155.87")


# 3. The sum of a project's 资金分配 items against its 预算安排规模 -------------------------------------

def test_allocation_items_do_not_add_up_to_scale(qa_ws):
    # 000 l.892 "预算安排规模：50.00 万元"; l.898-902 办公费 22.00、差旅费 4.00、租车费用 1.00、
    # 咨询费 3.00、劳务费 15.00 -> 45 ≠ 50
    a = answer_question("昌吉州科技局2024年专家顾问服务中心工作经费的资金分配各项加起来和预算安排规模对得上吗", qa_ws)
    stated_and_verified(a, 45.0, "万元")
    assert "对不上" in a.answer
    assert a.calculation and sorted(float(x) for x in re.findall(r"\d+(?:\.\d+)?", a.calculation)) == [1, 3, 4, 15, 22]
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)
    assert has_cite(a, "办公费 22.00 万元") and has_cite(a, "劳务费 15.00 万元")
    assert has_cite(a, "预算安排规模：50.00 万元")


# 4. Projects funded only by 单位资金/其他资金, from the 绩效目标表 ------------------------------------

_OWN_FUNDS = {"巴州科技情报研究所自有资金项目": "50.00", "创新人才培养项目": "4.00", "科技创新能力提升项目": "4.85"}


def test_projects_funded_only_by_own_funds(qa_ws):
    # 002 绩效目标表 l.1976 / 2166 / 2488: "0.00 其他资金 50.00 / 4.00 / 4.85"; 单位资金 58.85 (l.953)
    a = answer_question("巴州科技局2025年哪些项目的资金全部来自单位资金？合计多少", qa_ws)
    stated_and_verified(a, 58.85, "万元")
    assert len(a.items) == 3
    for name in _OWN_FUNDS:
        assert any(name in it for it in a.items), a.items
    for amount in _OWN_FUNDS.values():
        assert has_cite(a, f"其他资金 {amount}")
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)


def test_projects_not_relying_on_appropriations(qa_ws):
    a = answer_question("巴州科技局2025年不靠财政拨款的项目有哪些", qa_ws)
    assert len(a.items) == 3
    for name in _OWN_FUNDS:
        assert any(name in it for it in a.items), a.items


# 5. Indicators from 绩效目标表 (pdftotext layout) and 目标 vs 实际 in a 决算 自评表 --------------------

def test_indicator_value_from_target_table(qa_ws):
    # 004 l.2866: "服务县市数量 =10个 计划标准 13 个 6" (13 个 is 上年完成值)
    a = answer_question("乌鲁木齐市科技局2025年三区科技人才专项资金的绩效指标里服务县市数量的目标值是多少个", qa_ws)
    stated_and_verified(a, 10.0, "个")
    assert a.doc.startswith("004_")
    assert has_cite(a, "服务县市数量 =10个")


@pytest.mark.parametrize("question, value, unit, cell", [
    # 003 l.282: 实现电子商务交易额  >=8 亿元  =6 亿元
    ("乌市科技局2024年国家农业科技园区专项经费的电子商务交易额年度指标值定的多少", 8.0, "亿元", ">=8 亿元"),
    ("乌市科技局2024年国家农业科技园区专项经费电子商务交易额实际完成值", 6.0, "亿元", "=6 亿元"),
    # 003 l.326: “两区”科技创新项目立项数量  ≥25 项  =33 项
    ("乌市科技局2024年两区创新建设专项的科技创新项目立项数量年度指标值是多少", 25.0, "项", "≥25 项"),
    ("乌市科技局2024年两区创新建设专项的科技创新项目立项数量实际完成了多少项", 33.0, "项", "=33 项"),
])
def test_self_evaluation_target_vs_actual(qa_ws, question, value, unit, cell):
    a = answer_question(question, qa_ws)
    stated_and_verified(a, value, unit)
    assert a.doc.startswith("003_")
    assert has_cite(a, cell)


def test_department_self_evaluation_indicator(qa_ws):
    # 003 l.258: 跨区域协同创新年会项目签约数量  >=30项  …  71项
    a = answer_question("乌市科技局2024年部门整体绩效自评中跨区域协同创新年会项目签约数量实际完成多少项", qa_ws)
    assert a.found and a.value == pytest.approx(71.0) and a.unit in ("项", "个")
    assert a.verification.status == "verified"
    assert has_cite(a, "71项") or has_cite(a, "=71 个")


# 6. A previous-year figure derived from the next year's document -------------------------------------

def test_previous_year_budget_derived_from_next_budget(qa_ws):
    # 002 l.929: "一般公共预算 2,146.21 万元，占 91.83%，比上年预算增加 330.71 万元" -> 1,815.50
    a = answer_question("巴州科技局2024年一般公共预算有多少", qa_ws)
    derived_and_recomputed(a, 1815.50, "万元")
    assert a.doc.startswith("002_")
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)
    assert has_cite(a, "2,146.21", "330.71")


def test_previous_year_final_accounts_derived_from_next_final_accounts(qa_ws):
    # 003 l.165: "科技成果转化与扩散(项):支出决算数为1,690.44万元,比上年决算减少925.12万元" -> 2,615.56
    a = answer_question("乌市科技局2023年科技成果转化与扩散实际支出了多少", qa_ws)
    derived_and_recomputed(a, 2615.56, "万元")
    assert a.doc.startswith("003_")
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)
    assert has_cite(a, "1,690.44", "925.12")


def test_previous_year_spend_colloquial(qa_ws):
    a = answer_question("乌市科技局2023年在科技成果转化与扩散上花了多少", qa_ws)
    derived_and_recomputed(a, 2615.56, "万元")
    assert has_cite(a, "1,690.44", "925.12")


# 7. A yes/no answered "no" by a sentence saying it did not happen --------------------------------------

def test_no_from_negative_sentence(qa_ws):
    # 000 l.728: "上级一般公共预算安排的转移支付资金未安排。"
    a = answer_question("昌吉州科技局2024年预算收入里有上级一般公共预算转移支付资金吗", qa_ws)
    assert a.found and a.polarity == "no"
    assert a.doc.startswith("000_")
    assert has_cite(a, "上级一般公共预算安排的转移支付资金未安排")


def test_no_from_negative_sentence_colloquial(qa_ws):
    a = answer_question("昌吉州科技局2024年是否收到上级财政的转移支付", qa_ws)
    assert a.found and a.polarity == "no"
    assert has_cite(a, "转移支付资金未安排")


# 8. A sub-unit figure the template only gives for the whole department abstains ---------------------

@pytest.mark.parametrize("question", [
    "乌鲁木齐科技信息服务中心2025年基本支出预算是多少",
    "2025年乌鲁木齐科技信息服务中心的人员经费有多少",
])
def test_sub_unit_figure_only_given_for_department_abstains(qa_ws, question):
    a = answer_question(question, qa_ws)
    assert not a.found and a.value is None
    assert a.verification.status == "not applicable"


# 9. A descriptive question answered by the passage -----------------------------------------------------

def test_purpose_answered_by_passage(qa_ws):
    # 000 l.1000-1002: "6．教科文-2023 年昌吉州科技项目经费（…56 号）427.90 万元，主要用于“两区”厅地联动项目配套补助资金。"
    a = answer_question("昌吉州科技局2024年结转的427.9万元科技项目经费用途是什么", qa_ws)
    assert a.found and a.doc.startswith("000_")
    assert "厅地联动项目配套补助资金" in flat(a.answer)
    assert has_cite(a, "427.90 万元，主要用于“两区”厅地联动项目配套补助资金")
    assert a.verification.status == "verified"


def test_purpose_answered_by_passage_colloquial(qa_ws):
    a = answer_question("昌吉州科技局上年结转的昌吉州科技项目经费干什么用", qa_ws)
    assert a.found and "厅地联动项目配套补助资金" in flat(a.answer)
    assert has_cite(a, "主要用于“两区”厅地联动项目配套补助资金")


# 10. A share: the part never exceeds the whole ------------------------------------------------------

def _share_parts(calc: str) -> tuple[float, float]:
    m = re.fullmatch(r"([\d.]+)/([\d.]+)\*100", re.sub(r"\s", "", calc or ""))
    assert m, calc
    return float(m.group(1)), float(m.group(2))


def test_share_of_appropriations_in_carryover(qa_ws):
    # 000 l.977: "上年结转结余 481.23 万元，包括：财政拨款 461.23 万元，非财政拨款 20.00 万元" -> 95.84%
    a = answer_question("昌吉州科技局2024年的上年结转结余中财政拨款的比重是多少", qa_ws)
    stated_and_verified(a, 95.84, "%", abs_=0.01)
    part, whole = _share_parts(a.calculation)
    assert (part, whole) == (461.23, 481.23) and part <= whole and a.value <= 100
    assert has_cite(a, "481.23", "461.23")


def test_share_phrased_as_percent_of(qa_ws):
    a = answer_question("昌吉州科技局2024年结转结余资金有百分之几是财政拨款", qa_ws)
    stated_and_verified(a, 95.84, "%", abs_=0.01)


# 11. Cross-document comparison with one side missing abstains -------------------------------------------

@pytest.mark.parametrize("question, present", [
    # 专家顾问服务中心工作经费 is only in 000 (50.00); 清华…工作站项目 only in 002 (32.00)
    ("昌吉州科技局2024年与乌鲁木齐市科技局2025年的专家顾问服务中心工作经费相比哪个多", "50"),
    ("巴州科技局2025年和昌吉州科技局2024年清华大学研究生社会实践基地工作站项目经费分别多少，差多少", "32"),
])
def test_cross_document_comparison_with_missing_side_abstains(qa_ws, question, present):
    a = answer_question(question, qa_ws)
    assert not a.found and a.value is None and a.calculation is None
    assert not holds_number(a.answer, present)  # no answer from the one document that has it


def test_cross_document_comparison_both_sides_present(qa_ws):
    # control: 004 l.787 公务用车运行费 10.80; 002 l.880 公务用车运行费 9.00
    # '哪个高' asks who: the higher one's figure is the answer, the other and the gap beside it
    a = answer_question("乌市科技局2025年和巴州科技局2025年公务用车运行费比较哪个高", qa_ws)
    stated_and_verified(a, 10.80, "万元")
    assert a.answer.startswith("乌鲁木齐市科学技术局") and "9.00" in a.answer and "1.80" in a.answer
    assert has_cite(a, "公务用车运行费 10.80") and has_cite(a, "公务用车运行费 9.00")
    assert {c.doc[:4] for c in a.citations} >= {"004_", "002_"}
    # '高多少' asks the gap: that is the figure
    b = answer_question("乌市科技局2025年和巴州科技局2025年公务用车运行费哪个高，高多少", qa_ws)
    stated_and_verified(b, 1.80, "万元")


# 12. Citations hold the figure, not digits inside a year --------------------------------------------

@pytest.mark.parametrize("question, value, num, snippet", [
    # 000 l.951: "因公出国（境）费 0 万元，公务用车购置费 0 万元"
    ("昌吉州科技局2024年因公出国（境）费预算是多少", 0.0, "0", "因公出国（境）费 0 万元"),
    # 002 l.1329: "因公出国（境）费 0.00 万元"
    ("巴州科技局2025年因公出国境经费安排了多少", 0.0, "0", "因公出国（境）费 0.00 万元"),
    # 002 l.1268: "每家奖励 20 万元" (the lines also hold 2024 / 2025)
    ("巴州科学技术局2025年对每家新认定的高新技术企业奖励多少钱", 20.0, "20", "每家奖励 20 万元"),
])
def test_citation_holds_figure_not_year(qa_ws, question, value, num, snippet):
    a = answer_question(question, qa_ws)
    stated_and_verified(a, value, "万元")
    assert a.citations and holds_number(a.citations[0].text, num), a.citations[0].text
    assert has_cite(a, snippet)


def test_zero_not_cited_from_year_only_line(qa_ws):
    a = answer_question("巴州科技局2025年政府性基金预算多少", qa_ws)
    assert a.found
    if a.value is not None:  # a number is stated: it must be verified and quoted where written
        assert a.value == 0 and a.verification.status == "verified"
        # quoted where the document writes 0, or where it says nothing was arranged (空表 / 未安排);
        # never verified by a line whose only digits are a year
        assert any(holds_number(c.text, "0") or re.search(r"空表|未安排|没有使用", c.text) for c in a.citations)
    else:  # or the answer is the negative sentence itself
        assert a.polarity == "no" or "未安排" in a.answer or "没有" in a.answer
        assert has_cite(a, "没有使用政府性基金预算拨款安排的支出") or has_cite(a, "政府性基金预算未安排")
