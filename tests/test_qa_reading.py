"""Readings of the question that come from the template, not from one phrasing: a ranking over
"these departments", the year before the document's, a yes/no over a stated change, the money of
a per-unit figure, a department asked by another of its plates (加挂…牌子)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.qa.parser import parse_query
from budgetqa.qa.pipeline import answer_question

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "evals" / "gold" / "seeds"


def test_a_ranking_over_these_departments_ranks_every_one(qa_ws):
    a = answer_question("这几个科技局的预算里谁的“三公”经费最少？", qa_ws)
    assert a.found and a.value == pytest.approx(4.78) and a.unit == "万元"
    assert "昌吉" in a.answer and "巴州" in a.answer and "乌鲁木齐" in a.answer  # every document ranked, named
    q = parse_query("这几个科技局的预算里谁的“三公”经费最少？", qa_ws.docs())
    assert q.unit_class == "amount"          # '这几个' points at documents, it counts nothing
    assert "最少" not in q.measure and "谁" not in q.measure


@pytest.mark.parametrize("question, value", [
    ("巴州科技局上年机关运行经费预算是多少？", 44.11),                       # 43.47, 比上年减少 0.64
    ("昌吉州科技局上一年（2023年）的一般公共预算是多少？", 483.53),          # 544.67, 比上年增加 61.14
])
def test_the_year_before_is_worked_back_and_never_verified(qa_ws, question, value):
    a = answer_question(question, qa_ws)
    assert a.found and a.value == pytest.approx(value, abs=0.01)
    assert parse_query(question, qa_ws.docs()).scope.derived_prev
    assert a.verification.status != "verified"     # worked back from 比上年, not stated


def test_a_comparison_with_last_year_is_not_a_previous_year_figure(qa_ws):
    a = answer_question("昌吉州科技局2024年一般公共预算比上一年增加多少", qa_ws)
    assert a.found and a.value == pytest.approx(61.14)
    assert not parse_query("昌吉州科技局2024年一般公共预算比上一年增加多少", qa_ws.docs()).scope.derived_prev


def test_yes_no_over_a_stated_change(qa_ws):
    a = answer_question("巴州科技局2025年「三公」經費預算比上年有變化嗎？", qa_ws)   # 9.00, 比上年增加 0.00
    assert a.found and a.polarity == "no" and a.answer.startswith("没有变化")
    b = answer_question("昌吉州科技局2024年一般公共预算比上年增加了吗？", qa_ws)
    assert b.found and b.polarity == "yes"


def test_a_per_unit_amount_divides_the_whole_not_a_cost_of_what_is_counted(qa_ws):
    a = answer_question("巴州2025年“三区”科技人才项目平均每名选派科技人员多少钱？", qa_ws)
    assert a.found and a.value == pytest.approx(2.02, abs=0.01)   # 56.63 万元 ÷ 28 名, not 7.42 ÷ 28
    q = parse_query("巴州2025年“三区”科技人才项目平均每名选派科技人员多少钱？", qa_ws.docs())
    assert q.per_what == "选派科技人员"


@pytest.fixture(scope="module")
def shanghai_ws(tmp_path_factory):
    from budgetqa.retrieval.workspace import Workspace

    ws = Workspace.open(workspace=str(tmp_path_factory.mktemp("ws_sh")))
    ws.ingest([SEEDS / "shpt-swwyh-2025-dwys.pdf", SEEDS / "shpt-rmzfbgs-2025-dwys.pdf"])
    return ws


def test_plates_are_read_from_the_document(shanghai_ws):
    recs = {r.source: r for r in shanghai_ws.docs()}
    assert "上海市普陀区经济委员会" in recs["shpt-swwyh-2025-dwys.pdf"].other_names
    assert recs["shpt-rmzfbgs-2025-dwys.pdf"].department not in recs["shpt-rmzfbgs-2025-dwys.pdf"].other_names


def test_a_department_asked_by_another_plate_is_answered_from_its_own_document(shanghai_ws):
    a = answer_question("普陀区经委2025年机关运行经费预算多少？", shanghai_ws)
    assert a.found and a.value == pytest.approx(171.01)             # the 商务委员会's, not 政府办's 213.28
    assert a.doc == "shpt-swwyh-2025-dwys.pdf"


@pytest.mark.parametrize("question, value, name", [
    ("乌市科技局2024年哪个自评项目执行率最低？是多少？", 14.20, "自然科学基金重点项目"),     # 19 projects' 执行率
    ("巴州科技局2025年哪个项目预算最多", 1060.0, "高新技术企业认定后奖励项目"),             # each 预算安排规模
])
def test_a_ranking_of_rows_ranks_the_rows_of_its_table(qa_ws, question, value, name):
    a = answer_question(question, qa_ws)
    assert a.found and a.value == pytest.approx(value) and name in a.answer
    assert len(a.items) >= 3 and len(a.facts) >= 2      # the others it was ranked against, cited


def test_a_ranking_answered_by_one_figure_is_not_verified(qa_ws):
    """'哪项…最多' where the figure found has no peers to rank: the one figure is no ranking."""
    a = answer_question("乌市科技局2025年哪项支出最多", qa_ws)
    assert not (a.found and a.verification.status == "verified" and len(a.facts) < 2)
