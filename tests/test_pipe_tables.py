"""Markdown pipe tables (a web copy or a converter's markdown): rows read by their cells, columns
named by the header's text, a one-row horizontal table, a two-sided 收支总表 split at its second
label column, the page's chrome after a table not read as rows — and a township's 人民政府 as the
publishing department. The fixture is invented here (no eval document's figures)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.extract.load_text import pipe_cells
from budgetqa.extract.parse import parse_file

PAGE = """某某县人民政府门户网站
首页 政务公开

某某县青石乡人民政府2026年部门预算公开

第一部分 部门概况
青石乡人民政府内设3个办公室。

第二部分 2026年部门预算安排情况说明
2026年青石乡收入预算500.00万元，支出预算500.00万元。

表一 2026年部门收支总表
单位：万元
| 收入项目 | 预算数 | 支出项目 | 预算数 |
| --- | --- | --- | --- |
| 一、一般公共预算拨款收入 | 480.00 | 一般公共服务支出 | 300.00 |
| 二、政府性基金预算拨款收入 |  | 农林水支出 | 200.00 |
| 三、上年结转 | 20.00 |  |  |
| 收入总计 | 500.00 | 支出总计 | 500.00 |

表二 2026年部门收入总表
单位：万元
| 单位名称 | 合计 | 一般公共预算拨款 | 政府性基金预算拨款 | 上年结转 |
| --- | --- | --- | --- | --- |
| 合计 | 500.00 | 480.00 |  | 20.00 |
| 青石乡人民政府（本级） | 410.00 | 390.00 |  | 20.00 |
| 青石乡社会事务服务中心 | 90.00 | 90.00 |  |  |

表三 2026年部门支出总表
单位：万元
| 类 | 款 | 项 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- | --- | --- | --- |
|  |  |  | 合计 | 500.00 | 350.00 | 150.00 |
| 201 |  |  | 一般公共服务支出 | 300.00 | 280.00 | 20.00 |
| 201 | 03 | 01 | 行政运行 | 280.00 | 280.00 |  |
| 201 | 03 | 02 | 一般行政管理事务 | 20.00 |  | 20.00 |
| 213 |  |  | 农林水支出 | 200.00 | 70.00 | 130.00 |
| 213 | 07 | 05 | 对村民委员会和村党支部的补助 | 200.00 | 70.00 | 130.00 |

表七 2026年一般公共预算“三公”经费支出表
单位：万元
| 合计 | 因公出国（境）费 | 公务接待费 | 公务用车购置及运行费小计 | 公务用车购置费 | 公务用车运行费 |
| --- | --- | --- | --- | --- | --- |
| 3.10 | 0.00 | 0.90 | 2.20 | 0.00 | 2.20 |

表十 2026年项目支出表
单位：万元
| 项目名称 | 功能科目 | 项目金额 | 项目类别 |
| --- | --- | --- | --- |
| 村级运转补助 | 2130705 对村民委员会和村党支部的补助 | 130.00 | 其他运转类 |
| 综治维稳经费 | 2010302 一般行政管理事务 | 20.00 | 特定目标类 |
| 合计 |  | 150.00 |  |

附件下载：
青石乡2026年部门预算公开表.xls
【打印本页】 【关闭窗口】
"""


@pytest.fixture(scope="module")
def township(tmp_path_factory) -> object:
    p = Path(tmp_path_factory.mktemp("pipe")) / "qingshi-2026-bmys.txt"
    p.write_text(PAGE, "utf-8")
    return parse_file(p)


def _table(d, key: str):
    return next(t for t in d.tables if t.key == key)


def test_pipe_cells_keep_empty_cells_and_skip_the_rule():
    assert pipe_cells("| 201 |  | 一般公共服务支出 | 300.00 |") == ["201", "", "一般公共服务支出", "300.00"]
    assert pipe_cells("| --- | :---: | ---: |") is None
    assert pipe_cells("收入 | 支出") is None          # not a pipe row: no leading and trailing pipe


def test_a_township_government_is_the_publishing_department(township):
    assert township.meta.department == "某某县青石乡人民政府"
    assert township.meta.year == 2026 and township.meta.kind == "预算"


def test_coded_rows_are_read_by_their_cells(township):
    t = _table(township, "expense")
    row = next(r for r in t.rows if r.name == "一般行政管理事务")
    assert row.values == {"合计": 20.0, "基本支出": None, "项目支出": 20.0}
    assert next(r for r in t.rows if r.is_total).values["基本支出"] == 350.0


def test_columns_come_from_the_header_when_it_differs_from_the_template(township):
    t = _table(township, "income")
    assert t.columns == ["合计", "一般公共预算拨款", "政府性基金预算拨款", "上年结转"]
    unit = next(r for r in t.rows if r.name.startswith("青石乡社会事务服务中心"))
    assert unit.values["合计"] == 90.0 and unit.values["上年结转"] is None


def test_a_horizontal_table_of_one_row_is_its_total_row(township):
    t = _table(township, "three_public")
    (row,) = t.rows
    assert row.values["公务接待费"] == 0.9 and row.values["公务用车运行费"] == 2.2 and row.values["合计"] == 3.1


def test_a_two_sided_table_splits_at_its_second_label_column(township):
    inc, exp = _table(township, "summary_income"), _table(township, "summary_expense")
    assert [r.name for r in exp.rows] == ["一般公共服务支出", "农林水支出", "支出总计"]
    assert next(r for r in inc.rows if "上年结转" in r.name).values == {"预算数": 20.0}


def test_a_titled_table_with_a_year_is_kept_and_ends_before_the_page_chrome(township):
    t = next(t for t in township.tables if t.title.endswith("项目支出表"))
    assert t.columns == ["项目金额"]                       # 功能科目 and 项目类别 name the row
    assert [r.values["项目金额"] for r in t.rows] == [130.0, 20.0, 150.0]
    assert not any("附件" in r.name or "打印" in r.name for r in t.rows)


def test_a_township_is_named_by_its_place(tmp_path):
    """'青石乡' names 某某县青石乡人民政府 (a township's office goes by its place), among other documents."""
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    p = tmp_path / "qingshi-2026-bmys.txt"
    p.write_text(PAGE, "utf-8")
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    root = Path(__file__).resolve().parent.parent
    ws.ingest([p, root / "samples" / "002_e49850479605d5c8.txt", root / "samples" / "004_ad81c3092455a930.txt"])
    a = answer_question("青石乡行政运行预算多少", ws)      # every document has a 行政运行 row
    assert a.found and a.value == pytest.approx(280.0), a.answer
    assert a.facts and all(f.source == p.name for f in a.facts)


def test_projects_are_filtered_from_a_table_of_projects(tmp_path):
    """'哪些项目超过100万元' over a 项目支出表 the catalogue does not know: its rows, not its 合计."""
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    p = tmp_path / "qingshi-2026-bmys.txt"
    p.write_text(PAGE, "utf-8")
    ws = Workspace.open(workspace=str(tmp_path / "ws"))
    ws.ingest([p])
    a = answer_question("青石乡哪些项目超过100万元", ws)
    assert a.found and a.items == ["村级运转补助"], a.answer


TWO_ROW = """某某市血站2026年单位预算

### 表五 一般公共预算支出表

单位：某某市血站　　　　金额单位：元

| 科目编码 | 科目名称 | 2025年预算数 | 2026年预算数 |  |  |
|---|---|---|---|---|---|
|  |  |  | 合计 | 基本支出 | 项目支出 |
|  | 合计 | 900,000.00 | 1,000,000.00 | 700,000.00 | 300,000.00 |
| 210 | 卫生健康支出 | 900,000.00 | 1,000,000.00 | 700,000.00 | 300,000.00 |
"""

IDEOGRAPHIC = """某某省某某管理局2026年部门预算

表2-4 一般公共预算“三公”经费支出表
部门：某某省某某管理局　单位：万元
单位编码　单位名称　合计　因公出国（境）费　公务接待费　公务用车购置及运行费　　
　　　　　小计　公务用车购置费　公务用车运行费
　合计　12.00　2.00　3.00　7.00　4.00　3.00
101001　某某管理局机关　12.00　2.00　3.00　7.00　4.00　3.00
"""


def test_a_header_of_two_rows_names_columns_by_their_paths(tmp_path):
    """'2026年预算数' spans '合计 | 基本支出 | 项目支出' below it; the heading marks are no part of the title."""
    p = tmp_path / "xuezhan-2026-dwys.md"
    p.write_text(TWO_ROW, "utf-8")
    d = parse_file(p)
    t = _table(d, "gpb_expense")
    assert t.title == "一般公共预算支出表"
    assert t.columns == ["2025年预算数", "2026年预算数·合计", "2026年预算数·基本支出", "2026年预算数·项目支出"]
    row = next(r for r in t.rows if r.code == "210")
    assert row.values["2026年预算数·项目支出"] == 300000.0 and row.values["2025年预算数"] == 900000.0
    assert d.meta.department == "某某市血站"       # '# X2026年单位预算' titles a 单位 budget too


def test_cells_separated_by_ideographic_spaces(tmp_path):
    """A web page's table copied as text: cells between U+3000, an empty cell as two of them."""
    p = tmp_path / "guanli-2026-bmys.txt"
    p.write_text(IDEOGRAPHIC, "utf-8")
    t = _table(parse_file(p), "three_public")
    unit = next(r for r in t.rows if "机关" in r.name)
    assert unit.values["公务接待费"] == 3.0 and unit.values["公务用车购置及运行费·公务用车运行费"] == 3.0
