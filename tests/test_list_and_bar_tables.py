"""Dresses without a grid: tables written as lists (bullets, ordinals, 'label amount' segments
joined by ／), rows of cells drawn with full-width ｜ bars with a 栏次 column and a 甲乙丙
numbering row, a header-less two-sided 财政拨款收支总表 — and a workbook with every table on one
sheet, each titled by its number in one cell and its title in the next. Fixtures are invented
here (no eval document's figures)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.extract.load_text import bar_cells
from budgetqa.extract.parse import parse_file

LISTS = """白沙县林业局2026年部门预算公开

一、部门基本情况
主要职能：负责全县林业资源保护。

二、收支预算情况（单位：万元）
（一）收入预算
1. 一般公共预算拨款：900.00万元
2. 上年财政拨款结转：100.00万元
收入合计：1,000.00万元
（二）支出预算（按功能分类“类”）
1. 农林水支出（213）800.00万元
2. 住房保障支出（221）200.00万元
支出合计：1,000.00万元

三、部门支出预算明细（按功能分类科目，格式：科目编码 科目名称 合计／基本支出／项目支出）
● 213 农林水支出：合计800.00万元／基本支出300.00万元／项目支出500.00万元
  ○ 21302 林业和草原：合计800.00万元／基本支出300.00万元／项目支出500.00万元
    - 2130201 行政运行：合计300.00万元／基本支出300.00万元／项目支出0.00万元
    - 2130205 森林资源培育：合计500.00万元／基本支出0.00万元／项目支出500.00万元
● 221 住房保障支出：合计200.00万元／基本支出200.00万元／项目支出0.00万元

四、情况说明
2026年收支总预算1,000.00万元，比上年增加50.00万元。
"""

BARS = """白沙县林木种苗站
2026年单位预算公开

表一　收支预算总表
单位：元
收入项目｜栏次｜预算数｜支出项目｜栏次｜预算数
甲｜乙｜1｜丙｜丁｜2
一、一般公共预算拨款收入｜1｜500,000.00｜一、农林水支出｜4｜600,000.00
二、事业收入｜2｜100,000.00｜｜｜
收入总计｜3｜600,000.00｜支出总计｜5｜600,000.00

表三　支出预算表
单位：元
功能分类科目编码｜功能分类科目名称｜栏次｜合计｜基本支出｜项目支出
甲｜乙｜丙｜1｜2｜3
　｜合计｜1｜600,000.00｜400,000.00｜200,000.00
213｜农林水支出｜2｜600,000.00｜400,000.00｜200,000.00
2130205｜森林资源培育｜3｜200,000.00｜｜200,000.00

表四　财政拨款收支预算总表
单位：元
一般公共预算拨款收入｜500,000.00｜一般公共预算支出｜500,000.00
财政拨款收入总计｜500,000.00｜财政拨款支出总计｜500,000.00

第三部分　情况说明
2026年收支总预算60.00万元。
三、“三公”经费预算情况。2026年“三公”经费预算1.50万元，其中：公务接待费1.50万元。

表七　财政拨款“三公”经费预算表
单位：元
项目｜栏次｜合计｜因公出国（境）费｜公务用车购置及运行费｜公务接待费
甲｜乙｜1｜2｜3｜4
2026年预算数｜1｜10,000.00｜0.00｜0.00｜10,000.00
"""


def _table(d, key):
    return next(t for t in d.tables if t.key == key)


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    p = tmp_path_factory.mktemp("lists") / "baisha-lyj-2026-bmys.txt"
    p.write_text(LISTS, "utf-8")
    return parse_file(p)


def test_list_rows_under_a_heading_are_a_table_with_labelled_columns(lists):
    detail = next(t for t in lists.tables if t.title == "部门支出预算明细")
    assert detail.columns == ["合计", "基本支出", "项目支出"]
    row = next(r for r in detail.rows if r.code == "2130205")
    assert row.name == "森林资源培育" and row.level == 3
    assert row.values == {"合计": 500.0, "基本支出": 0.0, "项目支出": 500.0}


def test_a_code_in_brackets_after_the_name_and_a_heading_naming_a_catalogued_kind(lists):
    by_class = next(t for t in lists.tables if t.title == "支出预算")
    assert by_class.key == "expense"        # '支出预算' + 表 is a catalogued title
    row = next(r for r in by_class.rows if r.code == "213")
    assert row.name == "农林水支出" and row.values["金额"] == 800.0
    assert any(r.is_total and r.values["金额"] == 1000.0 for r in by_class.rows)


def test_sentences_stay_prose(lists):
    assert not any("比上年" in r.raw for t in lists.tables for r in t.rows)


def test_a_list_table_answers(tmp_path):
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    p = tmp_path / "baisha-lyj-2026-bmys.txt"
    p.write_text(LISTS, "utf-8")
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    ws.ingest([p])
    a = answer_question("白沙县林业局森林资源培育安排了多少钱", ws)
    assert a.found and a.value == pytest.approx(500.0), a.answer
    assert a.verification.status == "verified"


def test_bar_cells_keep_an_empty_first_cell():
    assert bar_cells("　｜合计｜1｜600,000.00｜｜") == ["", "合计", "1", "600,000.00", "", ""]
    assert bar_cells("｜a｜b｜3｜") == ["a", "b", "3"]
    assert bar_cells("说明｜一句话") is None        # one bar: no row of cells


@pytest.fixture(scope="module")
def bars(tmp_path_factory):
    p = tmp_path_factory.mktemp("bars") / "baisha-zmz-2026-dwys.txt"
    p.write_text(BARS, "utf-8")
    return parse_file(p)


def test_a_cover_line_with_公开_names_the_unit(bars):
    assert bars.meta.department == "白沙县林木种苗站" and bars.meta.scope == "单位"


def test_bar_rows_drop_the_栏次_column_and_the_numbering_row(bars):
    t = _table(bars, "expense")
    assert t.columns == ["合计", "基本支出", "项目支出"] and t.unit == "元"
    assert [r.name for r in t.rows] == ["合计", "农林水支出", "森林资源培育"]
    assert t.rows[2].values == {"合计": 200000.0, "基本支出": None, "项目支出": 200000.0}


def test_a_two_sided_bar_table_with_栏次_columns(bars):
    income = _table(bars, "summary_income")
    assert [(r.name, r.values["预算数"]) for r in income.rows][:2] == [
        ("一、一般公共预算拨款收入", 500000.0), ("二、事业收入", 100000.0)]


def test_a_header_less_two_sided_row_halves_in_the_middle(bars):
    exp = _table(bars, "fiscal_summary_expense")
    assert [r.name for r in exp.rows] == ["一般公共预算支出", "财政拨款支出总计"]
    assert exp.rows[0].values["合计"] == 500000.0


def test_one_sheet_holding_every_table(tmp_path):
    """A sheet with the cover, then '表一 | 收支总表' rows cutting it into tables, a note under the
    last table and prose rows after it: every table found, the prose left out of the grids."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "2026年度部门决算公开表"
    rows = [["白沙县林业局2026年度部门决算公开表"], [], ["表一", "支出决算表"], ["公开03表", None, None, "单位：万元"],
            ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            [None, "合计", 80.0, 30.0, 50.0], ["2130201", "行政运行", 30.0, 30.0, None],
            ["2130205", "森林资源培育", 50.0, None, 50.0], [],
            ["表二", "财政拨款“三公”经费支出决算表"], ["公开07表", None, None, "单位：万元"],
            ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
            ["决算数", 3.0, 0.0, 2.0, 1.0], ["注：本表按财政拨款口径填列。"],
            ["附：决算情况简要说明"], ["1.机关运行经费：2026年度机关运行经费支出12.00万元，比上年减少1.00万元。"]]
    for r in rows:
        ws.append(r)
    p = tmp_path / "baisha-lyj-2026-bmjs.xlsx"
    wb.save(p)
    d = parse_file(p)
    assert d.meta.department == "白沙县林业局"
    keys = [t.key for t in d.tables]
    assert "final_expense" in keys and "final_three_public" in keys, [t.title for t in d.tables]
    assert not any("机关运行经费" in r.name for t in d.tables for r in t.rows)
    assert any("机关运行经费支出12.00万元" in p.text for p in d.paragraphs)


def _ask(tmp_path, text: str, name: str, question: str):
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    tmp_path.mkdir(parents=True, exist_ok=True)
    p = tmp_path / name
    p.write_text(text, "utf-8")
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    ws.ingest([p])
    return answer_question(question, ws)


def test_the_rows_under_a_row_are_ranked_when_the_question_names_it(tmp_path):
    a = _ask(tmp_path, LISTS, "baisha-lyj-2026-bmys.txt", "白沙县林业局林业和草原里哪一项最多？")
    assert a.found and a.value == pytest.approx(500.0), a.answer
    assert a.items[:2] == ["森林资源培育", "行政运行"], a.items


def test_a_sentence_its_table_contradicts_is_answered_with_the_table(tmp_path):
    """说明 1.50万元 vs 表七 10,000 元: the table's figure leads, the sentence's beside it, a conflict."""
    a = _ask(tmp_path, BARS, "baisha-zmz-2026-dwys.txt", "白沙县林木种苗站2026年公务接待费预算是多少万元？")
    assert a.verification.status == "conflict", (a.answer, a.verification)
    assert a.value == pytest.approx(10000.0) and a.unit == "元", a.answer
    assert "1.50" in a.answer and "1 万元" in a.answer.replace("1.00", "1")
    b = _ask(tmp_path / "b", BARS, "baisha-zmz-2026-dwys.txt", "白沙县林木种苗站说明里的公务接待费和三公经费表一致吗？")
    assert b.polarity == "no" and b.verification.status == "conflict", b.answer


BOX = """白沙县发展和改革局2026年部门预算

表3
白沙县发展和改革局2026年部门支出总表
单位：万元
┌─────────┬────────────────────┬──────────┬──────────┬──────────┐
│科目编码 │      科目名称      │   合计   │ 基本支出 │ 项目支出 │
├─────────┼────────────────────┼──────────┼──────────┼──────────┤
│         │合计                │    150.00│    100.00│     50.00│
│201      │一般公共服务支出    │    150.00│    100.00│     50.00│
│2010401  │行政运行            │    100.00│    100.00│          │
│2010404  │战略规划与实施      │     50.00│          │     50.00│
└─────────┴────────────────────┴──────────┴──────────┴──────────┘

表10
白沙县发展和改革局2026年部门项目支出预算表
单位：万元
┌────────────────────┬─────────┬──────────┐
│      项目名称      │科目编码 │   合计   │
├────────────────────┼─────────┼──────────┤
│合计                │         │     50.00│
│白沙县第十五个五年规│2010404  │     50.00│
│划纲要编制经费      │         │          │
└────────────────────┴─────────┴──────────┘

第三部分 情况说明
（一）项目名称：白沙县第十五个五年规划纲要编制经费
预算安排规模：55.00万元
项目承担单位：白沙县发展和改革局
"""


def test_box_drawn_tables_and_a_project_its_table_contradicts(tmp_path):
    """Box-drawn cells (rule lines as layout, a name wrapped inside its cell joined to the line
    above); the 预算安排规模 of the prose against the project's own row: reported by the audit, and
    the answer leads with the row (a conflict)."""
    from budgetqa.verify.audit import audit

    p = tmp_path / "baisha-fgj-2026-bmys.txt"
    p.write_text(BOX, "utf-8")
    d = parse_file(p)
    t = _table(d, "expense")
    assert [r.name for r in t.rows] == ["合计", "一般公共服务支出", "行政运行", "战略规划与实施"]
    assert t.rows[3].values == {"合计": 50.0, "基本支出": None, "项目支出": 50.0}
    projects = next(x for x in d.tables if "项目" in x.title and x.key != "expense")
    assert any(r.name.startswith("白沙县第十五个五年规划纲要编制经费") for r in projects.rows)
    findings = [f for f in audit(d) if f.kind == "project_amount"]
    assert len(findings) == 1 and findings[0].stated == 55.0 and findings[0].computed == 50.0
    a = _ask(tmp_path / "q", BOX, p.name, "白沙县发改局十五五规划纲要编制经费安排了多少？")
    assert a.verification.status == "conflict" and a.value == pytest.approx(50.0), a.answer


def test_one_cell_a_line_is_joined_back_into_rows():
    """A converter that writes every cell on its own line (empty cells dropped): the rows come back,
    each on its first cell's line, the other lines left empty (line numbers keep their place)."""
    from budgetqa.extract.load_text import join_cell_lines

    raws = ["2026年部门支出总表", "单位：万元", "科目编码", "科目名称", "合计", "基本支出", "项目支出",
            "合计", "150.00", "100.00", "50.00", "201", "一般公共服务支出", "150.00", "100.00", "50.00",
            "2010401", "行政运行", "100.00", "100.00", "— 3 —", "2010404", "战略规划与实施", "50.00", "50.00",
            "说明：以上为本部门支出预算。"]
    out = join_cell_lines(raws)
    assert len(out) == len(raws) and out[0] == raws[0] and out[-1] == raws[-1]
    rows = [t for t in out if t]
    assert rows[2:] == ["科目编码 科目名称 合计 基本支出 项目支出", "合计 150.00 100.00 50.00",
                        "201 一般公共服务支出 150.00 100.00 50.00", "2010401 行政运行 100.00 100.00",
                        "2010404 战略规划与实施 50.00 50.00", "说明：以上为本部门支出预算。"]
    # a 绩效 table's short lines (no 科目 codes before names) are left as they are
    perf = ["产出指标", "数量指标", "培训人次", "≥100", "质量指标", "合格率", "95%", "时效指标", "完成时间",
            "12月底", "效益指标", "满意度", "90%", "成本指标"]
    assert join_cell_lines(perf) == perf
