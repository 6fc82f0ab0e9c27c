"""Probe round 4: mixed question kinds few earlier tests cover, through answer_question.

Cross-document questions (two departments, or 乌鲁木齐市科技局 2024 决算 vs 2025 预算), very terse or
casual wording as journalists type it, questions that quote a figure to check (right and wrong),
list questions (a table section, a project's indicators, the projects of a funding source, the
经济分类 items under 商品和服务支出) and unanswerable questions of five different kinds.

None of these repeats a question of evals/gold, evals/dev, evals/holdout, test_qa_capabilities.py,
test_qa_paraphrases.py, test_qa_probe_budget.py or test_qa_probe_urumqi.py.

Every expected figure was read off the sample text; line numbers are those of the files in
samples/: 000 = 昌吉州科技局 2024 预算, 002 = 巴州科技局 2025 预算, 003 = 乌鲁木齐市科技局 2024 决算,
004 = 乌鲁木齐市科技局 2025 预算. Arithmetic was checked with python.
"""
from __future__ import annotations

import re

import pytest

from budgetqa.qa.pipeline import answer_question
from qa_asserts import flat, has_cite, holds_number, stated_and_verified, abs_stated, abstains, cites_docs


_WRONG = re.compile(r"^(不对|不正确|有误|错|对不上|不一致|不是)")
_RIGHT = re.compile(r"^(对|正确|没错|是的|对得上|一致|属实)")


def _says_right(a) -> bool:
    head = flat(a.answer)
    return a.polarity == "yes" or (_RIGHT.match(head) is not None and _WRONG.match(head) is None)


def _says_wrong(a) -> bool:
    return a.polarity == "no" or _WRONG.match(flat(a.answer)) is not None


# 1. Cross-document: two departments, or one department in two years ----------------------------------

def test_cross_personnel_cost_two_departments(qa_ws):
    # 002 l.641 "总计 724.21 680.74 43.47", l.1184 "人员经费 680.74 万元";
    # 000 l.449 "总计 486.67 442.47 44.20", l.863 "人员经费 442.47 万元" -> 680.74 - 442.47 = 238.27
    a = answer_question("巴州科技局2025年和昌吉州科技局2024年的人员经费哪个多，多多少", qa_ws)
    abs_stated(a, 238.27, "万元")
    assert "巴州" in a.answer
    assert has_cite(a, "680.74") and has_cite(a, "442.47")
    assert cites_docs(a, "002_", "000_")


def test_cross_procurement_sum_two_departments(qa_ws):
    # 004 l.1374 "政府采购预算 114.29 万元"; 002 l.1384 "政府采购预算 124.76 万元" -> 239.05
    a = answer_question("乌市科技局和巴州科技局2025年政府采购预算加起来多少", qa_ws)
    stated_and_verified(a, 239.05, "万元")
    assert has_cite(a, "114.29") and has_cite(a, "124.76")
    assert cites_docs(a, "004_", "002_")


def test_cross_sangong_ratio_two_departments(qa_ws):
    # 000 l.643 "合计 4.78 4.78" / l.949 "“三公”经费预算数为 4.78"; 002 l.870 "合计 9.00 9.00" / l.1327
    # -> 4.78 / 9.00 = 53.11%
    a = answer_question("昌吉州科技局2024年三公经费相当于巴州科技局2025年三公经费的百分之多少", qa_ws)
    stated_and_verified(a, 53.11, "%", abs_=0.01)
    assert has_cite(a, "4.78") and has_cite(a, "9.00")
    assert cites_docs(a, "000_", "002_")


def test_cross_personnel_cost_budget_vs_final(qa_ws):
    # 004 l.470 "总计 1,401.38 1,280.21 121.18" (2025 人员经费); 003 l.181 "人员经费 1,391.49 万元" (2024 决算)
    # -> 1391.49 - 1280.21 = 111.28 (2025 is lower)
    a = answer_question("乌市科技局2025年人员经费预算比2024年决算的人员经费少了多少", qa_ws)
    abs_stated(a, 111.28, "万元")
    assert has_cite(a, "1,280.21") and has_cite(a, "1,391.49")
    assert cites_docs(a, "004_", "003_")


@pytest.mark.xfail(strict=True, reason="answered 46.00 (对外合作交流工作经费) from 004 alone; the same with 2025年/2024年 gives 22.73; "
                   "missing: abbreviated years (25年/24年) in cross-year comparisons")
def test_cross_public_cost_budget_vs_actual_terse(qa_ws):
    # 004 l.470 / l.1030 "公用经费 121.18 万元"; 003 l.183 "公用经费 98.45 万元" -> 121.18 - 98.45 = 22.73
    a = answer_question("乌市科技局公用经费25年预算比24年实际花的多多少", qa_ws)
    abs_stated(a, 22.73, "万元")
    assert has_cite(a, "121.18") and has_cite(a, "98.45")
    assert cites_docs(a, "004_", "003_")


def test_cross_staff_sum_two_departments(qa_ws):
    # 004 l.117 "在职 68人"; 002 l.115 "在职 36人" -> 104
    a = answer_question("乌市科技局和巴州科技局2025年在职人员一共多少人", qa_ws)
    stated_and_verified(a, 104.0, "人")
    assert has_cite(a, "在职 68人") and has_cite(a, "在职 36人")
    assert cites_docs(a, "004_", "002_")


@pytest.mark.xfail(strict=True, reason="answered 148.00 平方米 from 003 alone; without 截至2024年底 it gives 4997; "
                   "missing: a 截至X年底 stock date read as a date, not as the document year, in cross-department "
                   "questions")
def test_cross_building_area_difference(qa_ws):
    # 002 l.1398 "1.房屋 5,145.00 平方米"; 004 l.1390 "1.房屋 148.00 平方米" -> 4997
    a = answer_question("截至2024年底巴州科技局的房屋面积比乌鲁木齐市科技局大多少平方米", qa_ws)
    abs_stated(a, 4997.0, "平方米")
    assert has_cite(a, "5,145.00") and has_cite(a, "148.00")
    assert cites_docs(a, "002_", "004_") or cites_docs(a, "002_", "003_")  # 003 l.227 also: 房屋 148.00 平方米


def test_cross_procurement_budget_vs_final(qa_ws):
    # 004 l.1374 "政府采购预算 114.29 万元" (2025); 003 l.221 "2024 年度政府采购支出总额 12.20 万元" -> 102.09
    a = answer_question("乌鲁木齐市科技局2025年政府采购预算比2024年政府采购实际支出多多少", qa_ws)
    abs_stated(a, 102.09, "万元")
    assert has_cite(a, "114.29") and has_cite(a, "12.20")
    assert cites_docs(a, "004_", "003_")


# 2. Terse / casual wording --------------------------------------------------------------------------

def test_terse_total_pot(qa_ws):
    # 004 l.190 "收 入 总 计 5,932.17 支 出 总 计 5,932.17"; l.854 "收支总预算 5,932.17 万元"
    a = answer_question("乌市科技局25年总盘子多大", qa_ws)
    stated_and_verified(a, 5932.17, "万元")
    assert a.doc.startswith("004_")
    assert has_cite(a, "5,932.17")


def test_terse_headcount_cost(qa_ws):
    # 000 l.449 "总计 486.67 442.47 44.20"; l.863 "人员经费 442.47 万元"
    a = answer_question("昌吉科技局一年人头费多少", qa_ws)
    stated_and_verified(a, 442.47, "万元")
    assert a.doc.startswith("000_")
    assert has_cite(a, "442.47")


@pytest.mark.xfail(strict=True, reason="answered the amount 1,060.00 with its 资金分配 text, never says the source; "
                   "missing: 钱从哪来 → funding source (财政拨款/本级一般公共预算) of a project")
def test_terse_where_gaoqi_money_comes_from(qa_ws):
    # 002 l.2302-2312 "年度预算总额 1,060.00 其中：财政拨款 1,060.00 其他资金 0.00";
    # l.2318-2320 "州本级财政予以一次性 20 万元资金奖励支持"; l.287 表2: 一般公共预算 1,060.00, no 单位资金
    a = answer_question("巴州高企奖励钱从哪来", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert re.search(r"财政拨款|一般公共预算|本级财政|州本级", a.answer), a.answer
    assert "单位资金" not in a.answer and "转移支付" not in a.answer
    assert has_cite(a, "1,060.00") or has_cite(a, "州本级财政")


def test_terse_trip_abroad_spend(qa_ws):
    # 003 l.201 "因公出国（境）费支出 4.90 万元，…2 人赴哈萨克斯坦进行科技合作交流"
    a = answer_question("乌市科技局24年出国花了多少钱", qa_ws)
    stated_and_verified(a, 4.90, "万元")
    assert a.doc.startswith("003_")
    assert has_cite(a, "因公出国（境）费支出 4.90 万元")


def test_terse_pension_insurance(qa_ws):
    # 002 l.651 "301 08 机关事业单位基本养老保险缴费 68.25 68.25"; l.1122 "…缴费支出（项）：2025 年预算数为 68.25 万元"
    a = answer_question("巴州科技局25年养老保险交多少", qa_ws)
    stated_and_verified(a, 68.25, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "68.25")


def test_terse_keywords_only(qa_ws):
    # 004 l.480 "301 07 绩效工资 121.90 121.90"
    a = answer_question("乌市科技局 25 绩效工资", qa_ws)
    stated_and_verified(a, 121.90, "万元")
    assert a.doc.startswith("004_")
    assert has_cite(a, "绩效工资 121.90")


# 3. A quoted figure to check -----------------------------------------------------------------------

def test_check_growth_rate_right(qa_ws):
    # 004 l.957 "项目支出 3,047.97 万元，比上年预算增加 514.54 万元，增长 20.31%"
    # -> 514.54 / (3047.97 - 514.54) = 20.31%
    a = answer_question("乌市科技局说25年一般公共预算项目支出增长20.31%，这个算得对吗", qa_ws)
    assert a.found and a.doc.startswith("004_"), a.answer
    assert _says_right(a), a.answer
    assert a.value == pytest.approx(20.31, abs=0.01) and a.unit == "%", a.answer
    assert has_cite(a, "514.54")


def test_check_growth_rate_wrong(qa_ws):
    # 002 l.1104-1108 "行政单位离退休（项）：2025 年预算数为 27.84 万元，比上年预算增加 6.30 万元，增长 29.25%"
    # -> 6.30 / 21.54 = 29.25%, not 26.25%
    a = answer_question("巴州科技局2025年行政单位离退休比上年增长了26.25%，对吗", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert _says_wrong(a), a.answer
    assert a.value == pytest.approx(29.25, abs=0.01) and a.unit == "%", a.answer
    assert has_cite(a, "6.30")


def test_check_amount_right(qa_ws):
    # 000 l.459 "301 07 绩效工资 28.11 28.11"
    a = answer_question("文件说昌吉州科技局2024年绩效工资是28.11万元，对吗", qa_ws)
    assert a.found and a.doc.startswith("000_"), a.answer
    assert _says_right(a), a.answer
    assert a.value == pytest.approx(28.11) and a.unit == "万元", a.answer
    assert has_cite(a, "绩效工资 28.11")


def test_check_amount_wrong_last_years_figure(qa_ws):
    # 003 l.215 "机关运行经费支出 53.55 万元，比上年减少 4.67 万元" -> 58.22 is 2023's figure, 2024's is 53.55
    a = answer_question("乌市科技局2024年机关运行经费决算是58.22万元，对不对", qa_ws)
    assert a.found and a.doc.startswith("003_"), a.answer
    assert _says_wrong(a), a.answer
    assert a.value == pytest.approx(53.55) and a.unit == "万元", a.answer
    assert has_cite(a, "53.55")


def test_check_share_right(qa_ws):
    # 002 l.968-970 "支出预算 2,337.28 万元，其中：基本支出724.21万元，占30.99%" -> 724.21 / 2337.28 = 30.99%
    a = answer_question("巴州科技局2025年基本支出占支出预算30.99%，这个比例对吗", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert _says_right(a), a.answer
    assert a.value == pytest.approx(30.99, abs=0.01) and a.unit == "%", a.answer
    assert has_cite(a, "724.21")


def test_check_sum_of_parts_right(qa_ws):
    # 002 l.641 "总计 724.21 680.74 43.47" -> 680.74 + 43.47 = 724.21
    a = answer_question("巴州科技局2025年人员经费680.74万加公用经费43.47万正好等于基本支出724.21万，对吗", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert _says_right(a), a.answer
    assert a.value == pytest.approx(724.21) and a.unit == "万元", a.answer
    assert has_cite(a, "724.21")


# 4. Lists -----------------------------------------------------------------------------------------

_BZ_HEALTH = [("行政单位医疗", "13.19"), ("事业单位医疗", "16.66"), ("公务员医疗补助", "5.65"),
              ("其他行政事业单位医疗支出", "0.96")]


def test_list_items_of_table_section(qa_ws):
    # 002 表5 l.608-618: "210 卫生健康支出 36.47", "210 11 01 行政单位医疗 13.19", "210 11 02 事业单位医疗 16.66",
    # "210 11 03 公务员医疗补助 5.65", "210 11 99 其他行政事业单位医疗支出 0.96"
    a = answer_question("巴州科技局2025年卫生健康支出具体分哪几项", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert len(a.items) == 4, a.items
    for name, amount in _BZ_HEALTH:
        assert any(name in it for it in a.items), a.items
        assert holds_number(a.answer, amount), a.answer
    assert not any("住房公积金" in it or "养老" in it for it in a.items)


_TDLD_QUANTITY = ["支持厅地联动项目数量", "申报知识产权数量", "发表或录用学术论文数量", "形成年度技术报告", "形成中期检查报告"]


def test_list_quantity_indicators_of_project(qa_ws):
    # 004 绩效目标表 of "落实 2023年厅地联动市级配套专项资金" (l.2654): 数量指标 l.2708 "支持厅地联动项目数量 =1项",
    # l.2714 "申报知识产权数量 ＞=7 件", l.2720 "发表或录用学术论文数量 ＞=7 篇", l.2726 "形成年度技术报告 ＞=3 份",
    # l.2732 "形成中期检查报告 ＞=1 份"; 质量指标 l.2741 "企业牵头项目比例 =100%"
    a = answer_question("乌市科技局厅地联动市级配套专项资金的数量指标有哪些", qa_ws)
    assert a.found and a.doc.startswith("004_"), a.answer
    assert len(a.items) == 5, a.items
    for name in _TDLD_QUANTITY:
        assert any(name in flat(it) for it in a.items), a.items
    assert not any("企业牵头" in it for it in a.items)


_BZ_GAOQI_INDICATORS = ["奖励企业数量", "企业正常运营率", "核查通过率", "奖励资金拨付时限", "补助奖励金额",
                        "提升企业创新能力", "企业满意度"]


def test_list_all_indicators_of_project(qa_ws):
    # 002 绩效目标表 of "高新技术企业认定后奖励项目" (l.2297): l.2366 "奖励企业数量 ＞=53家", l.2382 "企业正常运营率 ＞=90%",
    # l.2393 "核查通过率 ＞=90%", l.2407 "奖励资金拨付时限 2025 年 11月 30日前",
    # l.2424-2427 "每家高新技术企业认定后补助奖励金额 ＜=20 万元", l.2449 "提升企业创新能力 逐步提高",
    # l.2467 "企业满意度 ＞=90%"
    a = answer_question("巴州高企认定后奖励项目的绩效指标都有哪些", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert len(a.items) == 7, a.items
    for name in _BZ_GAOQI_INDICATORS:
        assert any(name in flat(it) for it in a.items), a.items


@pytest.mark.xfail(strict=True, reason="found=False; "
                   "missing: projects funded by a column of 表2/表7 (上级转移支付) joined with the prose naming them")
def test_list_projects_of_funding_source(qa_ws):
    # 002 l.935-941 "上级一般公共预算安排的转移支付资金 71.63 万元…中央“三区”科技人才支持计划…将安排的转移支付第十一届
    # 新疆创新创业大赛优秀组织奖项目编入部门预算"; 表2 l.285 "206 04 04 科技成果转化与扩散 464.44 345.00 330.00 15.00 …",
    # l.291 "206 05 99 其他科技条件与服务支出 56.63 56.63 56.63" -> 56.63 + 15.00 = 71.63
    a = answer_question("巴州科技局2025年上级转移支付的钱安排了哪些项目", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert len(a.items) == 2, a.items
    assert any("三区" in it for it in a.items), a.items
    assert any("第十一届新疆创新创业大赛优秀组织奖" in flat(it) for it in a.items), a.items
    assert not any("高新技术企业" in it or "清华" in it for it in a.items)


_WLMQ_GOODS_SERVICES = [("办公费", "46.66"), ("水费", "0.22"), ("电费", "3.70"), ("邮电费", "3.00"), ("取暖费", "5.86"),
                        ("差旅费", "7.62"), ("维修（护）费", "1.20"), ("培训费", "0.65"), ("委托业务费", "0.50"),
                        ("工会经费", "13.22"), ("福利费", "18.30"), ("公务用车运行维护费", "10.80"),
                        ("其他商品和服务支出", "9.44")]


def test_list_goods_and_services_items_with_amounts(qa_ws):
    # 004 表6 l.494 "302 商品和服务支出 121.18 121.18", then l.496-520 the 13 items (302 01 办公费 46.66 … 302 99 其他商品和
    # 服务支出 9.44); 303 对个人和家庭的补助 (l.522) is not part of it
    a = answer_question("乌市科技局2025年商品和服务支出都有哪些，各多少钱", qa_ws)
    assert a.found and a.doc.startswith("004_"), a.answer
    assert len(a.items) == 13, a.items
    for name, amount in _WLMQ_GOODS_SERVICES:
        assert any(name in it for it in a.items), a.items
        assert holds_number(a.answer, amount), (name, a.answer)
    assert not any("退休费" in it or "基本工资" in it for it in a.items)


# 5. Unanswerable ------------------------------------------------------------------------------------

def test_unanswerable_2026_figure(qa_ws):
    # 002 is the 2025 预算; its 高新技术企业认定后奖励项目 1,060.00 (l.1262) has no 2026 counterpart
    a = answer_question("巴州科技局2026年高企认定奖励打算安排多少钱", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "1060") and not holds_number(a.answer, "1,060.00")


def test_unanswerable_per_person_salary(qa_ws):
    # 002 gives only totals (l.645 "基本工资 180.98", l.1184 人员经费 680.74); no individual's pay is disclosed
    a = answer_question("巴州科技局一个普通科员一个月工资到手多少", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "180.98") and not holds_number(a.answer, "680.74")


def test_unanswerable_sub_unit_establishment(qa_ws):
    # 002 l.109-115: 巴州科技情报研究所 is one of 6 科室; "编制数 39" is the whole bureau's; l.1982 "保障情报所至少 10 名工作人员"
    # is a staffing target of a project, not its 编制
    a = answer_question("巴州科技情报研究所有多少个编制", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "39")


def test_unanswerable_redacted_project_name(qa_ws):
    # 004 l.1245-1255: "项目名称：特定目标 1010001K  设立的政策依据：完全不予公开 预算安排规模：17.00 万元 …
    # 资金分配情况：完全不予公开"; l.3532-3534 SM 项目 "项目绩效目标表完全不予公开"
    a = answer_question("乌市科技局2025年特定目标1010001K这个项目真实名称叫什么", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "17")


def test_unanswerable_department_not_indexed(qa_ws):
    # no 吐鲁番市 disclosure in samples/; the indexed 科技局 totals are 5,932.17 (004 l.854), 2,337.28 (002 l.917),
    # 1,065.90 (000 l.708)
    a = answer_question("吐鲁番市科技局2025年部门预算总额是多少", qa_ws)
    abstains(a)
    for n in ("5932.17", "2337.28", "1065.90"):
        assert not holds_number(a.answer, n), a.answer
