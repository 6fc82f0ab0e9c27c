"""Text a converter laid out in columns with runs of spaces (pdftotext -layout and the like): a
two-sided 收支总表 cut at its right half's column, a two-line header whose last name spans the
line below, a 科目 code written after a project's name, dashes for empty cells, page footers.
The fixture is invented here (no eval document's figures)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.extract.parse import parse_file

DOC = """某某县林业服务中心2026年单位预算

第一部分 单位概况
某某县林业服务中心是县林业局所属事业单位。

第二部分 2026年单位预算情况说明
2026年收入预算300.00万元，支出预算300.00万元。

附表1
                          2026年单位收支总表
单位名称：某某县林业服务中心                                          单位：万元
            收        入                                    支        出
项          目                      预算数        项          目                        预算数
一、一般公共预算拨款收入                      280.00        一、农林水支出                            250.00
二、政府性基金预算拨款收入                                    二、住房保障支出                          50.00
三、单位资金收入                          20.00
本年收入合计                            300.00        本年支出合计                            300.00
收  入  总  计                        300.00        支  出  总  计                        300.00

                                  - 4 -

附表7
              2026年单位一般公共预算“三公”经费支出表
单位名称：某某县林业服务中心                                          单位：万元
项    目                              2025年预算数    2026年预算数    比上年增减
                                                                      金额        增减率
合计                                    5.00            4.00            -1.00       -20.00%
1．因公出国（境）费                            0.00            0.00            0.00        —
2．公务接待费                               1.00            1.00            0.00        0.00%
3．公务用车运行维护费                          4.00            3.00            -1.00       -25.00%

附表10
                        2026年单位项目支出表
单位名称：某某县林业服务中心                                          单位：万元
项目名称                                  科目编码    合计        一般公共预算  单位资金
合计                                                    120.00      100.00        20.00
森林防火巡护                              2130234     70.00       70.00
林木良种繁育                              2130205     50.00       30.00         20.00
"""


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    p = Path(tmp_path_factory.mktemp("layout")) / "forestry-2026-dwys.txt"
    p.write_text(DOC, "utf-8")
    return parse_file(p)


def _table(d, pred):
    return next(t for t in d.tables if pred(t))


def test_a_layout_two_sided_table_is_cut_at_its_right_half(doc):
    inc = _table(doc, lambda t: t.key == "summary_income")
    exp = _table(doc, lambda t: t.key == "summary_expense")
    assert {r.name: r.values["预算数"] for r in inc.rows} == {
        "一、一般公共预算拨款收入": 280.0, "二、政府性基金预算拨款收入": None, "三、单位资金收入": 20.0,
        "本年收入合计": 300.0, "收入总计": 300.0}
    assert [r.name for r in exp.rows] == ["一、农林水支出", "二、住房保障支出", "本年支出合计", "支出总计"]
    assert next(r for r in exp.rows if r.name == "二、住房保障支出").values["预算数"] == 50.0


def test_a_header_name_spanning_the_line_below_names_two_columns(doc):
    t = _table(doc, lambda t: "三公" in t.title)
    assert t.columns == ["2025年预算数", "2026年预算数", "比上年增减·金额", "比上年增减·增减率"]
    car = next(r for r in t.rows if "运行维护费" in r.name)
    assert car.values == {"2025年预算数": 4.0, "2026年预算数": 3.0, "比上年增减·金额": -1.0, "比上年增减·增减率": -25.0}


def test_a_dash_is_an_empty_cell_not_part_of_the_name(doc):
    t = _table(doc, lambda t: "三公" in t.title)
    row = next(r for r in t.rows if "因公出国" in r.name)
    assert row.name == "1.因公出国（境）费"
    assert row.values["2026年预算数"] == 0.0 and row.values["比上年增减·增减率"] is None


def test_a_code_after_a_projects_name_is_no_amount(doc):
    t = _table(doc, lambda t: t.title.endswith("项目支出表"))
    row = next(r for r in t.rows if "良种" in r.name)
    assert row.values["合计"] == 50.0 and row.values["单位资金"] == 20.0
    assert "2130205" in row.name or row.code == "2130205"


def test_a_page_footer_is_no_row(doc):
    assert not any("- 4 -" in r.name or r.name.strip("- ").isdigit() for t in doc.tables for r in t.rows)
