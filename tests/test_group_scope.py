"""A question that names a group of documents ('科技局', '普陀那两个部门', '新疆这几个科技局') is
answered from every department that fits — one document each — never from one silently; a sum
over them is added in code; a figure of the year before is the figure named before 上一年.
On the four bundled samples (three 科技局 in three Xinjiang prefectures/cities)."""
from __future__ import annotations

import pytest

from budgetqa.core.answer import Answer, FactRef
from budgetqa.core.query import DocScope, Query
from budgetqa.qa.parser import parse_query
from budgetqa.qa.pipeline import answer_question
from budgetqa.verify.identity import check_identity

DEPARTMENTS = {"昌吉回族自治州科学技术局", "新疆巴州科学技术局", "乌鲁木齐市科学技术局"}


def _departments(a: Answer, ws) -> set[str]:
    by_id = {d.doc_id: d.department for d in ws.docs()}
    return {by_id[f.doc_id] for f in a.facts}


def test_a_department_word_several_departments_share_answers_for_each(qa_ws):
    a = answer_question("科技局的公务用车运行费预算是多少？", qa_ws)
    assert a.found and _departments(a, qa_ws) == DEPARTMENTS
    for value in ("4.30", "9.00", "10.80"):          # each department's 公务用车运行费
        assert value in a.answer
    assert a.verification.status == "verified"


def test_a_province_no_document_is_indexed_under_is_no_department_word(qa_ws):
    q = parse_query("这几份新疆科技局的预算里，哪家的收支总预算最大？", qa_ws.docs())
    assert not q.scope.missing and q.op == "rank"
    a = answer_question("这几份新疆科技局的预算里，哪家的收支总预算最大？", qa_ws)
    assert a.found and a.value == 5932.17 and "乌鲁木齐" in a.answer


def test_adding_up_over_the_group_is_computed_from_each_cited_figure(qa_ws):
    a = answer_question("三个新疆科技局预算里的政府采购预算加起来是多少？", qa_ws)
    assert a.found and _departments(a, qa_ws) == DEPARTMENTS
    assert abs(a.value - (93.87 + 124.76 + 114.29)) < 0.005 and a.unit == "万元"
    assert a.calculation and a.calculation.count("+") == 2
    assert a.verification.status == "verified"


def test_now_means_the_latest_year_the_group_reaches(qa_ws):
    # 昌吉州 (2024) and 巴州 (2025) are both '州科技局': 'now' is 2025
    a = answer_question("州科技局现在在职的有几个人", qa_ws)
    assert a.found and a.value == 36 and _departments(a, qa_ws) == {"新疆巴州科学技术局"}


def test_the_figure_of_the_year_before_is_the_one_named_before_it(qa_ws):
    # '项目支出上一年预算': 项目支出 is the figure, 预算 only the column
    a = answer_question("巴州科技局项目支出上一年预算是多少？", qa_ws)
    assert a.found and abs(a.value - (1613.07 - 369.44)) < 0.005
    assert "项目支出" in (a.figure or "")


def _ref(doc: str, name: str, value: float) -> FactRef:
    return FactRef(doc_id=doc, source=f"{doc}.txt", name=name, value=value, unit="万元", kind="cell")


def test_a_ranking_over_documents_of_different_figures_is_not_verified():
    """Two documents' 三公经费 and a third's 财政拨款支出预算 are no ranking of one figure."""
    query = Query(op="rank", measure="财政拨款 三公经费", rank="max", rank_over="documents",
                  scope=DocScope(doc_ids=["a", "b", "c"], all_docs=True))
    answer = Answer(question="哪个部门的财政拨款三公经费最高", found=True, answer="…", value=37151.47, unit="万元",
                    facts=[_ref("a", "财政拨款支出预算", 37151.47), _ref("b", "财政拨款“三公”经费", 10.8),
                           _ref("c", "财政拨款“三公”经费", 9.0)])
    problems = check_identity(answer, query)
    assert any("不是同一个数" in c.detail for c in problems), problems
    same = answer.model_copy(update={"facts": [_ref("a", "财政拨款“三公”经费", 867.5), *answer.facts[1:]]})
    assert not [c for c in check_identity(same, query) if "不是同一个数" in c.detail]


# ---- the parts a sum names, a sum asked to equal a total, a template named by its word ----------
def test_parts_said_once_for_a_project_are_its_parts_not_the_project(qa_ws):
    # '红山…项目，当年拨款加上年结转': two parts of one project, not the project + two parts
    q = parse_query("乌市红山科创英才培养项目，当年拨款加上年结转一共多少钱？", qa_ws.docs())
    assert q.op == "sum" and [o.measure.split()[0] for o in q.operands] == ["当年拨款", "上年结转"]


def test_a_sum_using_more_figures_than_the_parts_asked_is_not_verified():
    query = Query(op="sum", measure="A B", operands=[Query(measure="区级支持总部经济"), Query(measure="市级支持总部经济")])
    refs = [_ref("a", "专项 预算安排规模", 2921), _ref("a", "专项 区级支持总部经济", 1106), _ref("a", "专项 市级支持总部经济", 1262)]
    answer = Answer(question="…", found=True, answer="…", value=5289, unit="万元", calculation="2921 + 1106 + 1262",
                    facts=refs)
    assert any("算式用了 3 个" in c.detail for c in check_identity(answer, query))
    two = answer.model_copy(update={"facts": refs[1:], "value": 2368, "calculation": "1106 + 1262"})
    assert not [c for c in check_identity(two, query) if "算式用了" in c.detail]


def test_a_yes_no_answered_without_yes_or_no_is_not_verified():
    query = Query(op="yes_no", operands=[Query(op="sum", measure="人员经费 公用经费")])
    answer = Answer(question="…等于总计吗", found=True, answer="人员经费1,280.21 + 公用经费121.18 = 1,401.39 万元。",
                    value=1401.39, unit="万元", facts=[_ref("a", "人员经费", 1280.21), _ref("a", "公用经费", 121.18)])
    assert any("没有给出是或否" in c.detail for c in check_identity(answer, query))


def test_parts_asked_to_equal_the_total_are_compared_in_code(qa_ws):
    # 表6 of the 2025 Urumqi budget: 人员经费 1,280.21 + 公用经费 121.18 = 1,401.39, 总计 1,401.38
    a = answer_question("乌市科技局2025年基本支出表，人员经费加公用经费正好等于总计吗？", qa_ws)
    assert a.polarity == "no" and abs(a.value - 0.01) < 0.005 and "1,401.38" in a.answer
    assert a.verification.status == "verified"
    b = answer_question("巴州科技局2025年基本支出里人员经费加公用经费等于基本支出合计吗？", qa_ws)
    assert b.polarity == "yes" and b.value == 0


def test_a_template_is_named_by_the_word_template(tmp_path):
    from pathlib import Path

    from budgetqa.retrieval.workspace import Workspace

    root = Path(__file__).resolve().parents[1]
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    ws.ingest([root / "samples" / "003_606eb66e1c061dbe.txt", root / "tests" / "data" / "shpt-template-2024-bmjs.pdf"])
    # the template's 机关运行经费 is 'XXX': never the Urumqi 2024 决算's 53.55
    a = answer_question("这份2024年决算模板里，机关运行经费比2023年增加了多少？", ws)
    assert "53.55" not in a.answer and a.value is None
    t = answer_question("普陀区2024年决算模板里要公开哪几张表？", ws)
    assert t.found and len(t.items) == 9 and "财政拨款“三公”经费支出决算表" in t.items


# ---- a name the document writes; a place one character off; 几成 -------------------------------
def test_a_project_leader_the_document_names_is_answered_with_its_line(qa_ws):
    a = answer_question("昌吉科技局引智工作经费的项目负责人叫什么？", qa_ws)
    assert a.found and "王嘉晨" in a.answer and any("王嘉晨" in c.text for c in a.citations)
    # the name the question already writes is all the document says: no full name
    b = answer_question("乌鲁木齐“两区”创新建设专项的项目负责人冯先生全名叫什么？", qa_ws)
    assert not b.found


def test_who_is_never_answered_by_a_verified_figure(qa_ws):
    a = answer_question("昌吉科技局机关运行保障经费谁负责？", qa_ws)
    assert not (a.value is not None and a.verification.status == "verified")


def test_a_place_one_character_off_an_indexed_region_is_that_region(qa_ws):
    a = answer_question("巴洲科技局今年取暖费预算多少", qa_ws)       # 巴洲 → 巴州
    assert a.found and a.value == 4.79 and a.doc == "002_e49850479605d5c8.txt"
    q = parse_query("上年三公经费是多少", qa_ws.docs())               # 上年 is no 上海
    assert "上海" not in q.phrase


def test_what_share_in_tenths_is_a_percentage(qa_ws):
    a = answer_question("昌吉科技局三公经费里，养车的钱占了几成？", qa_ws)   # 4.30 ÷ 4.78
    assert a.found and a.unit == "%" and abs(a.value - 89.96) < 0.01


def test_per_person_said_by_the_count_it_divides_by(qa_ws):
    # 表6 of the 2025 Urumqi budget: 302 29 福利费 18.30; 在职 68人
    a = answer_question("乌鲁木齐科技局2025年福利费按在职人数算，一个人合多少钱？", qa_ws)
    assert a.found and a.calculation and abs(a.value - round(18.30 / 68, 2)) < 0.005


def test_a_yes_no_comparison_of_two_figures_of_one_document_is_computed(qa_ws):
    # 2025 Urumqi budget: 项目支出 4,530.78, 基本支出 1,401.38
    a = answer_question("乌市科技局今年项目支出是不是比基本支出多？", qa_ws)
    assert a.polarity == "yes" and a.calculation and a.verification.status == "verified"
    b = answer_question("乌市科技局2025年基本支出比项目支出多吗？", qa_ws)
    assert b.polarity == "no"
    c = answer_question("巴州科技局2025年人员经费比公用经费少吗？", qa_ws)      # 680.74 vs 43.47
    assert c.polarity == "no"


def test_what_is_arranged_is_money(qa_ws):
    a = answer_question("乌鲁木齐科技局今年退休费安排了多少", qa_ws)     # 303 02 退休费 141.72, not 127 retirees
    assert a.found and a.unit == "万元" and a.value == 141.72


@pytest.mark.parametrize("name, short", [("卫生健康局", "卫健局"), ("科学技术局", "科技局"), ("人力资源和社会保障局", "人社局"),
                                         ("住房和城乡建设局", "住建局"), ("市场监督管理局", "市监局"),
                                         ("发展和改革委员会", "发改委")])
def test_a_departments_short_form_is_generated_from_its_name(name, short):
    from budgetqa.core.aliases import department_short_forms

    assert short in department_short_forms(name)


def test_a_news_article_is_about_the_office_it_names_most(tmp_path):
    from budgetqa.extract.parse import parse_file

    text = ("潮白区民政局晒出2025年“账本”：收支总预算4.86亿元\n"
            "近日，潮白区民政局公开2025年部门预算。潮白区民政局2025年收支总预算48,632.57万元。\n"
            "区财政局有关负责人表示，各部门预算均已公开。\n")
    f = tmp_path / "news.txt"
    f.write_text(text * 3, encoding="utf-8")
    assert parse_file(f).meta.department == "潮白区民政局"


def test_a_cell_of_another_column_than_the_one_named_is_not_verified():
    query = Query(op="lookup", measure="职业技术学校 事业收入")
    cell = FactRef(doc_id="a", source="a.txt", name="南屏市职业技术学校", value=67147260, unit="元", kind="cell",
                   column="总计", columns=["总计", "一般公共预算拨款", "事业收入", "其他收入"])
    answer = Answer(question="…", found=True, answer="…", value=67147260, unit="元", facts=[cell])
    assert any("问的是“事业收入”列" in c.detail for c in check_identity(answer, query))
    right = cell.model_copy(update={"column": "事业收入", "value": 1930000})
    assert not [c for c in check_identity(answer.model_copy(update={"facts": [right]}), query) if "列" in c.detail]


def test_how_many_departments_a_question_counts_is_no_department_name(qa_ws):
    # '几家科技局' / '两家科技局': the 科技局 of the index, not a department called 几家科技局
    q = parse_query("巴州和乌鲁木齐两家科技局2025年三公经费差多少？", qa_ws.docs())
    assert not q.scope.missing
    a = answer_question("巴州和乌鲁木齐两家科技局2025年三公经费差多少？", qa_ws)
    assert a.found and abs(a.value - 1.80) < 0.005
    r = parse_query("几家科技局的预算里，谁的政府采购预算最高？", qa_ws.docs())
    assert not r.scope.missing


def test_a_subject_code_is_no_year_and_names_its_row(qa_ws):
    # 2060404 is a 功能分类 code of the 2024 Changji budget, not the year 2060
    q = parse_query("昌吉州科技局 2060404 科技成果转化与扩散科目里，财政拨款结转有多少？", qa_ws.docs())
    assert q.scope.year != 2060 and not q.scope.missing
    a = answer_question("昌吉州科技局 2060404 科技成果转化与扩散科目里，财政拨款结转有多少？", qa_ws)
    assert a.found and a.value == 449.71


def test_one_row_of_the_column_a_ranking_names_is_not_verified():
    query = Query(op="rank", measure="基本支出 公用经费", rank="min", rank_over="documents",
                  scope=DocScope(doc_ids=["a", "b"], all_docs=True))
    row = FactRef(doc_id="a", source="a.pdf", name="310 资本性支出", value=78000, unit="元", kind="cell",
                  column="公用经费")
    total = FactRef(doc_id="b", source="b.txt", name="公用经费", value=43.47, unit="万元", kind="cell",
                    column="公用经费", is_total=True)
    answer = Answer(question="…", found=True, answer="…", value=78000, unit="元", facts=[row, total])
    assert any("一行" in c.detail for c in check_identity(answer, query))


def test_a_short_part_of_a_figure_keeps_the_figure_as_context(qa_ws):
    # '政府采购预算中，服务类': 服务类 of 政府采购 (111.91), not any 服务 figure
    a = answer_question("乌市科技局2025年政府采购预算中，服务类有多少？", qa_ws)
    assert a.value == 111.91 or a.verification.status != "verified"
    assert "政府采购" in (a.query or "")


def test_a_cell_whose_row_name_holds_another_amount_is_not_verified():
    """'绩效工资 747.98 30207 邮电费' is two rows of a two-sided table read as one."""
    query = Query(op="lookup", measure="绩效工资")
    cell = FactRef(doc_id="a", source="a.txt", name="301 07 绩效工资 747.98 30207 邮电费", value=7.36, unit="万元",
                   kind="cell", column="列1")
    answer = Answer(question="…", found=True, answer="…", value=7.36, unit="万元", facts=[cell])
    assert any("行没有读准" in c.detail for c in check_identity(answer, query))


def test_parts_of_one_row_must_each_name_that_row():
    query = Query(op="sum", measure="人员经费 公用经费", operands=[Query(measure="人员经费 一般公共服务支出"),
                                                                  Query(measure="公用经费 一般公共服务支出")])
    a = FactRef(doc_id="a", source="a.pdf", name="一般公共服务支出", value=10823891, unit="元", kind="cell",
                column="人员经费")
    total = FactRef(doc_id="a", source="a.pdf", name="支出总计", value=1710062, unit="元", kind="cell", column="公用经费")
    answer = Answer(question="…", found=True, answer="…", value=12533953, unit="元", calculation="10823891 + 1710062",
                    facts=[a, total])
    assert any("不是所问“一般公共服务支出”的数" in c.detail for c in check_identity(answer, query))


def test_a_row_said_once_before_的_holds_for_each_part(qa_ws):
    q = parse_query("巴州科技局2025年科学技术管理事务的人员经费加公用经费一共多少？", qa_ws.docs())
    assert q.op == "sum" and all("科学技术管理事务" in o.measure for o in q.operands)
