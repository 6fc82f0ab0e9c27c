"""Probe round 3: realistic questions on the two budget disclosures, through answer_question.

The index holds all four samples (the two 乌鲁木齐 documents are there to distract), but every question
is about 000 = 昌吉州科技局 2024 部门预算 or 002 = 巴州科技局 2025 部门预算.

None of these copies a question of evals/gold, evals/dev, evals/holdout, test_qa_capabilities.py or
test_qa_paraphrases.py: they ask about other 经济分类 rows (工会经费, 福利费, 水费/电费, 委托业务费),
other 功能分类 项 rows and their 比上年 changes, 表1 rows, 表10 三公 rows, 政府采购 parts, 国有资产,
机关运行经费, 项目 政策依据 / 承担单位 / 执行时间, 绩效指标 of other projects, numbers in the
部门整体绩效目标 text, 人员 changes, plus five unanswerable questions.

Every expected figure was read off the sample text; line numbers are those of the files in samples/.
"""
from __future__ import annotations

import re

import pytest

from budgetqa.qa.pipeline import answer_question
from qa_asserts import flat, has_cite, holds_number, stated_and_verified, abstains


# 1. 经济分类 rows of 基本支出 (表6) ------------------------------------------------------------------

def test_cj_sum_union_dues_and_welfare(qa_ws):
    # 000 l.491 "302 28 工会经费 5.55 5.55"; l.493 "302 29 福利费 5.00 5.00" -> 10.55
    a = answer_question("昌吉州科技局2024年工会经费和福利费加一起多少", qa_ws)
    stated_and_verified(a, 10.55, "万元")
    assert a.doc.startswith("000_")
    assert a.calculation and sorted(float(x) for x in re.findall(r"\d+(?:\.\d+)?", a.calculation)) == [5.0, 5.55]
    assert has_cite(a, "工会经费 5.55") and has_cite(a, "福利费 5.00")


@pytest.mark.xfail(strict=True, reason="answers 电费 0.90 only; "
                   "missing: the alias 水电费 = 水费 + 电费 summed (水费和电费 passes)")
def test_bz_water_and_electricity_alias_sum(qa_ws):
    # 002 l.669 "302 05 水费 0.08 0.08"; l.671 "302 06 电费 0.90 0.90" -> 0.98
    a = answer_question("巴州科技局25年水电费一共多少钱", qa_ws)
    stated_and_verified(a, 0.98, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "水费 0.08") and has_cite(a, "电费 0.90")


def test_bz_yes_commissioned_services_budgeted(qa_ws):
    # 002 l.687 "302 27 委托业务费 2.60 2.60"
    a = answer_question("巴州科技局2025年有没有安排委托业务费", qa_ws)
    assert a.found and a.polarity == "yes", a.answer
    assert a.doc.startswith("002_")
    assert a.value is None or a.value == pytest.approx(2.60)
    assert has_cite(a, "委托业务费 2.60")


# 2. 功能分类 项 rows and their 比上年 changes -----------------------------------------------------------

def test_cj_general_admin_affairs_decrease(qa_ws):
    # 000 l.841-843: "2、科学技术支出（类）科学技术管理事务（款）一般行政管理事务（项）：2024 年预算数为 8.00 万元，
    #               比上年预算减少 2.00 万元，下降 20.00%"
    a = answer_question("昌吉州科技局2024年一般行政管理事务比上年少了多少", qa_ws)
    stated_and_verified(a, 2.0, "万元")
    assert a.doc.startswith("000_")
    assert has_cite(a, "比上年预算减少 2.00 万元")


def test_bz_institution_retirement_increase(qa_ws):
    # 002 l.1112-1116: "10、社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）：2025 年预算数为
    #                  13.64 万元，比上年预算增加 2.91 万元，增长 27.12%"
    a = answer_question("巴州科技局2025年事业单位离退休这项比上年多了多少", qa_ws)
    stated_and_verified(a, 2.91, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "比上年预算增加 2.91 万元")


def test_bz_no_occupational_annuity_item(qa_ws):
    # 002 l.1128-1134: "12、…机关事业单位职业年金缴费支出（项）：2025 年预算数为 0.00 万元，比上年预算减少 32.71 万元，
    #                  下降 100.00%，主要原因是 2025 年将由单位部门预算编制的职业年金预算统一调整为由财政统一编制预算"
    a = answer_question("巴州科技局25年部门预算里还有职业年金缴费支出吗", qa_ws)
    assert a.found and a.polarity == "no", a.answer
    assert a.doc.startswith("002_")
    assert has_cite(a, "职业年金缴费支出（项）：2025 年预算数为 0.00 万元") or has_cite(a, "比上年预算减少 32.71")


def test_bz_health_share_stated(qa_ws):
    # 002 l.1029: "4、卫生健康支出（类）36.47 万元，占 1.64%。"
    a = answer_question("巴州科技局2025年卫生健康支出占一般公共预算拨款的比重是多少", qa_ws)
    stated_and_verified(a, 1.64, "%", abs_=0.01)
    assert a.doc.startswith("002_")
    # the stated share, or both parts of a recomputed one, quoted where written
    assert has_cite(a, "卫生健康支出（类）36.47 万元，占 1.64%") or (has_cite(a, "36.47") and has_cite(a, "2,217.84"))


# 3. 表1 收入 rows and their changes ----------------------------------------------------------------

@pytest.mark.xfail(strict=True, reason="value 2229.44 right but verification 'conflict': "
                   "the prose citation stops at the line end '…增' before '长 2,229.44%'; "
                   "missing: citing the whole sentence when the stated % sits on the next line")
def test_cj_appropriation_carryover_growth_pct(qa_ws):
    # 000 l.751-753: "财政拨款结转 461.23 万元，占 43.27%，比上年预算增加 441.43 万元，增长 2,229.44%"
    a = answer_question("昌吉州科技局2024年财政拨款结转比上年涨了百分之多少", qa_ws)
    stated_and_verified(a, 2229.44, "%", abs_=0.01)
    assert a.doc.startswith("000_")
    assert has_cite(a, "2,229.44%")


def test_bz_upper_transfer_increase(qa_ws):
    # 002 l.136 "上级一般公共预算安排转移支付 71.63"; l.935-937 "上级一般公共预算安排的转移支付资金 71.63 万元，
    #                                             占 3.06%，比上年预算增加 16.66 万元，增长 30.31%"
    a = answer_question("巴州科技局2025年上级转移支付资金比上年增加了多少", qa_ws)
    stated_and_verified(a, 16.66, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "比上年预算增加 16.66 万元")


# 4. 表10 三公 rows -----------------------------------------------------------------------------------

def test_cj_yes_reception_and_amount(qa_ws):
    # 000 l.647 "公务接待费 0.48 0.48"; l.951-953 "…公务用车运行费 4.30 万元，公务接待费 0.48 万元。"
    a = answer_question("昌吉州科技局24年安排公务接待费了没？多少", qa_ws)
    assert a.found and a.doc.startswith("000_"), a.answer
    assert a.polarity == "yes", a.answer
    assert a.value == pytest.approx(0.48) and a.unit == "万元", a.answer
    assert has_cite(a, "公务接待费 0.48")


def test_cj_reception_share_of_sangong(qa_ws):
    # 000 l.643 "合计 4.78 4.78"; l.647 "公务接待费 0.48 0.48" -> 0.48 / 4.78 = 10.04%
    a = answer_question("昌吉州科技局2024年三公里面公务接待费占几成", qa_ws)
    stated_and_verified(a, 10.04, "%", abs_=0.01)
    assert a.doc.startswith("000_")
    assert a.calculation and re.sub(r"\s", "", a.calculation) == "0.48/4.78*100"
    assert has_cite(a, "4.78") and has_cite(a, "0.48")


# 5. 政府采购 parts ---------------------------------------------------------------------------------

def test_cj_no_procurement_of_works(qa_ws):
    # 000 l.1016-1020: "政府采购预算 93.87 万元，其中：政府采购货物预算 38.45 万元，政府采购工程预算 0 万元，
    #                  政府采购服务预算 55.42 万元。"
    a = answer_question("昌吉州科技局2024年政府采购有没有工程类的", qa_ws)
    assert a.found and a.polarity == "no", a.answer
    assert a.doc.startswith("000_")
    assert has_cite(a, "政府采购工程预算 0 万元")


def test_bz_two_part_goods_and_services(qa_ws):
    # 002 l.1384-1388: "政府采购预算 124.76 万元，其中：政府采购货物预算 13.48 万元，政府采购工程预算 0.00 万元，
    #                  政府采购服务预算 111.29 万元。"
    a = answer_question("巴州科技局25年政府采购里货物和服务各安排了多少", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert a.unit == "万元" and a.value is not None
    assert any(a.value == pytest.approx(v) for v in (13.48, 111.29)), a.answer
    assert holds_number(a.answer, "13.48") and holds_number(a.answer, "111.29"), a.answer
    assert has_cite(a, "政府采购货物预算 13.48 万元", "111.29")


# 6. 国有资产 ---------------------------------------------------------------------------------------

def test_bz_building_value_spacing(qa_ws):
    # 002 l.1398: "1.房屋 5,145.00 平方米，价值 402.17 万元。"
    a = answer_question("巴州 科技局 房屋 价值 多少", qa_ws)
    stated_and_verified(a, 402.17, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "价值 402.17 万元")


# 7. 机关运行经费 -------------------------------------------------------------------------------------

def test_cj_running_costs_growth_pct(qa_ws):
    # 000 l.1008-1010: "机关运行经费财政拨款预算 44.20 万元，比上年预算增加 3.43 万元，增长 8.41%。"
    a = answer_question("昌吉州科技局24年机关运行经费涨了百分之几", qa_ws)
    stated_and_verified(a, 8.41, "%", abs_=0.01)
    assert a.doc.startswith("000_")
    assert has_cite(a, "增长 8.41%")


# 8. 项目 政策依据 / 承担单位 / 执行时间 (text) ---------------------------------------------------------

def test_cj_policy_basis_expert_center(qa_ws):
    # 000 l.881-890: "（一）项目名称：专家顾问服务中心工作经费 设立的政策依据：…州人民政府下发《关于调整昌吉州专家顾问团
    #                委员会组成人员及成立昌吉州第三届专家顾问团的通知》（昌州政办发〔2021〕69 号）…"
    a = answer_question("昌吉州科技局专家顾问服务中心工作经费是依据哪个文件设立的", qa_ws)
    assert a.found and a.doc.startswith("000_"), a.answer
    assert "昌州政办发〔2021〕69号" in flat(a.answer), a.answer
    assert has_cite(a, "昌州政办发〔2021〕69 号")


def test_cj_execution_period_of_talent_introduction(qa_ws):
    # 000 l.908 "（二）项目名称：引智工作经费"; l.928 "资金执行时间：2024 年 1 月 1 日—2024 年 12 月 31 日"
    a = answer_question("昌吉州科技局引智工作经费的资金执行时间是啥时候", qa_ws)
    assert a.found and a.doc.startswith("000_"), a.answer
    assert "2024年1月1日—2024年12月31日" in flat(a.answer), a.answer
    assert has_cite(a, "资金执行时间：2024 年 1 月 1 日—2024 年 12 月 31 日")


def test_bz_policy_basis_gaoqi_award(qa_ws):
    # 002 l.1256-1260: "（四）项目名称：高新技术企业认定后奖励项目 设立的政策依据：《关于印发＜巴音郭楞蒙古自治州高新技术
    #                  企业倍增行动实施方案（2023-2025 年）＞的通知》（巴政办发〔2023〕50 号）"
    a = answer_question("巴州高企认定奖励的政策依据是啥", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert "巴政办发〔2023〕50号" in flat(a.answer) or "高新技术企业倍增行动实施方案" in flat(a.answer), a.answer
    assert has_cite(a, "巴政办发〔2023〕50 号")


def test_bz_undertaking_unit_sanqu(qa_ws):
    # 002 l.1276 "（五）项目名称：2025 年中央“三区”科技人才支持计划"; l.1284 "项目承担单位：新疆巴音郭楞蒙古自治州科学技术局"
    a = answer_question("巴州2025年三区科技人才支持计划由哪个单位承担", qa_ws)
    assert a.found and a.doc.startswith("002_"), a.answer
    assert "新疆巴音郭楞蒙古自治州科学技术局" in flat(a.answer), a.answer
    assert has_cite(a, "项目承担单位：新疆巴音郭楞蒙古自治州科学技术局")


# 9. 绩效指标 targets of other projects ----------------------------------------------------------------

@pytest.mark.xfail(strict=True, reason="answers 每年 10 万元 (政策依据 line); "
                   "missing: 绩效指标 rows whose name/value cells wrap over several lines ('发放宣传册（份） > =100 （份 )')")
def test_cj_brochures_target(qa_ws):
    # 000 l.1290 "项目名称 引智工作经费"; l.1348-1358 "发放宣传册（份） > =100 （份 ) 计划标准 100 份" (cell broken over lines)
    a = answer_question("昌吉州科技局引智工作经费计划发放多少份宣传册", qa_ws)
    stated_and_verified(a, 100.0, "份")
    assert a.doc.startswith("000_")
    assert has_cite(a, "发放宣传册")


def test_bz_academician_visits_target(qa_ws):
    # 002 l.1966 "项目名称 巴州科技情报研究所自有资金项目"; l.2037-2040 "河北院士专家巴州行次 数 ＞=2 次";
    # l.1988 "3.组织 2 批次河北院士专家到巴州开展科技指导服务工作"
    a = answer_question("巴州科技情报研究所2025年打算请河北院士专家来巴州几次", qa_ws)
    stated_and_verified(a, 2.0, "次")
    assert a.doc.startswith("002_")
    assert has_cite(a, "＞=2 次") or has_cite(a, "组织 2 批次河北院士专家")


# 10. 部门整体绩效目标: numbers in the goal text / table -------------------------------------------------

def test_cj_goal_text_projects_to_apply(qa_ws):
    # 000 l.1076-1077 (部门整体绩效目标 年度绩效目标 text): "申报国家、自治区科技项目 300 项，实施州本级重大科技攻关项目 20 项"
    a = answer_question("昌吉州科技局2024年部门整体目标里要申报多少项国家和自治区科技项目", qa_ws)
    stated_and_verified(a, 300.0, "项")
    assert a.doc.startswith("000_")
    assert has_cite(a, "申报国家、自治区科技项目 300")


def test_bz_department_goal_plan_projects(qa_ws):
    # 002 部门整体绩效目标表 l.1470-1473: "支持自治州科技计划项目数 量 ＞=15 个" (not the 创新项目's "科技计划项目立项 8 项", l.3099-3101)
    a = answer_question("巴州科技局2025年部门整体绩效目标里支持自治州科技计划项目数量定了多少个", qa_ws)
    stated_and_verified(a, 15.0, "个")
    assert a.doc.startswith("002_")
    assert has_cite(a, "＞=15 个")


# 11. 编制 / 在职 / 退休 changes -------------------------------------------------------------------------

@pytest.mark.xfail(strict=True, reason="not found ('减少了多少人' answers 61.14 万元); "
                   "missing: 人员 changes '退休 19 人，减少 3 人' of 机构设置及人员情况 as answerable figures")
def test_cj_retirees_decrease(qa_ws):
    # 000 l.111-113: "编制数 27，实有人数 44 人，其中：在职 25 人，增加 2 人；退休 19 人，减少 3 人"
    a = answer_question("昌吉州科技局退休的比上年少了几个人", qa_ws)
    stated_and_verified(a, 3.0, "人")
    assert a.doc.startswith("000_")
    assert has_cite(a, "退休 19 人，减少 3 人")


# 12. A difference computed from two rows ----------------------------------------------------------------

def test_bz_bonus_vs_basic_salary_difference(qa_ws):
    # 002 l.645 "301 01 基本工资 180.98 180.98"; l.649 "301 03 奖金 119.12 119.12" -> 61.86
    a = answer_question("巴州科技局25年奖金比基本工资少多少", qa_ws)
    stated_and_verified(a, 61.86, "万元")
    assert a.doc.startswith("002_")
    assert has_cite(a, "基本工资 180.98") and has_cite(a, "奖金 119.12")


# 13. Unanswerable -------------------------------------------------------------------------------------

def test_unanswerable_year_not_published(qa_ws):
    # only the 2024 预算 of 昌吉州科技局 is in samples/; its 福利费 5.00 (000 l.493) has no 2025 counterpart
    a = answer_question("昌吉州科技局2025年福利费预算多少", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "5.00") and not holds_number(a.answer, "4.09")


def test_unanswerable_person_name(qa_ws):
    # 002 names 吴建明 only as 项目负责人 of the 情报所 project (l.1966), never as 所长
    a = answer_question("巴州科技情报研究所的所长叫啥名字", qa_ws)
    abstains(a)
    assert "吴建明" not in a.answer


def test_unanswerable_breakdown_not_given(qa_ws):
    # 000 l.896-904 gives 咨询费 3.00 万元 in total for the 智库专家; no per-expert rate anywhere
    a = answer_question("昌吉州专家顾问服务中心给每位智库专家的咨询费标准是每人多少钱", qa_ws)
    abstains(a)


def test_unanswerable_other_department(qa_ws):
    # no 巴州财政局 disclosure in samples/; 002 l.1327 "新疆巴州科学技术局 2025 年财政拨款“三公”经费数为 9.00 万元"
    a = answer_question("巴州财政局2025年三公经费预算多少", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "9.00")


def test_unanswerable_actual_when_only_target(qa_ws):
    # 000 l.1304-1306: the 引智工作经费 goal is "引进外国专家 20 人次" (a 2024 target in a 2024 预算); no actual
    a = answer_question("昌吉州科技局2024年实际引进了多少人次外国专家", qa_ws)
    abstains(a)
    assert not holds_number(a.answer, "20")
