"""The national 决算 tables read from text (a docx or web copy, one row a line): the 收支总表's two
halves with their 行次 numbers, a line holding only the right half's row, the 栏次 row, and the
一般公共预算财政拨款支出决算表 by its catalogued columns. Invented figures."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.extract.parse import parse_file

DOC = """某某县文物局2025年度部门决算

第一部分 部门概况
某某县文物局负责全县文物保护工作。

第二部分 2025年度部门决算情况说明
2025年度收入总计320.00万元，支出总计320.00万元。

公开01表
收入支出决算总表
部门：某某县文物局                                                   金额单位：万元
收入 支出
项目 行次 金额 项目 行次 金额
栏次 1 栏次 2
一、一般公共预算财政拨款收入 1 300.00 一、一般公共服务支出 20
二、政府性基金预算财政拨款收入 2 二、文化旅游体育与传媒支出 21 280.00
三、事业收入 3 20.00 三、社会保障和就业支出 22 40.00
4 四、住房保障支出 23
本年收入合计 5 320.00 本年支出合计 24 320.00
6 25
总计 7 320.00 总计 26 320.00

公开05表
一般公共预算财政拨款支出决算表
部门：某某县文物局                                                   金额单位：万元
项目 本年支出
科目编码 科目名称 小计 基本支出 项目支出
栏次 1 2 3
合计 300.00 180.00 120.00
207 文化旅游体育与传媒支出 260.00 140.00 120.00
20702 文物 260.00 140.00 120.00
2070204 文物保护 260.00 140.00 120.00
208 社会保障和就业支出 40.00 40.00
"""


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    p = Path(tmp_path_factory.mktemp("final")) / "wenwu-2025-bmjs.txt"
    p.write_text(DOC, "utf-8")
    return parse_file(p)


def _rows(d, key):
    t = next(t for t in d.tables if t.key == key)
    return {r.name: r.values for r in t.rows}


def test_the_summary_halves_drop_their_line_numbers(final):
    inc = _rows(final, "final_summary_income")
    assert inc["一、一般公共预算财政拨款收入"] == {"决算数": 300.0}
    assert inc["三、事业收入"] == {"决算数": 20.0}
    assert inc["本年收入合计"] == {"决算数": 320.0}
    exp = _rows(final, "final_summary_expense")
    assert exp["二、文化旅游体育与传媒支出"] == {"决算数": 280.0}
    assert exp["四、住房保障支出"] == {"决算数": None}          # the line held only the right half
    assert exp["本年支出合计"] == {"决算数": 320.0}
    assert not any(v == {"决算数": 25.0} or not k for k, v in exp.items()), exp   # '6 25': two 行次, no row


def test_the_final_expense_table_by_its_catalogued_columns(final):
    rows = _rows(final, "final_gpb_expense")
    assert not any(k.startswith("栏次") for k in rows)
    assert rows["合计"] == {"小计": 300.0, "基本支出": 180.0, "项目支出": 120.0}
    assert rows["文物保护"]["项目支出"] == 120.0


WIDE = """某某县档案局2025年度单位决算

一般公共预算财政拨款支出决算表
编制单位：某某县档案局                    2025年度                                单位：元
科目编码    科目名称                      年初预算数      调整预算数      决算数
                                                                          合计          基本支出      项目支出
            合计                          900,000.00      960,000.00      950,000.00    700,000.00    250,000.00
201         一般公共服务支出              900,000.00      960,000.00      950,000.00    700,000.00    250,000.00
"""


def test_a_table_wider_than_its_catalogued_columns_keeps_its_own(tmp_path):
    """年初预算数 | 调整预算数 | 决算数 (合计 基本 项目): five columns, not the national three."""
    p = tmp_path / "dangan-2025-dwjs.txt"
    p.write_text(WIDE, "utf-8")
    t = next(t for t in parse_file(p).tables if t.key == "final_gpb_expense")
    total = next(r for r in t.rows if r.is_total)
    assert t.columns[:2] == ["年初预算数", "调整预算数"] and len(t.columns) == 5, t.columns
    assert total.values["年初预算数"] == 900000.0 and list(total.values.values())[2] == 950000.0


def test_a_budget_summary_line_written_with_single_spaces_splits_at_its_second_ordinal(tmp_path):
    p = tmp_path / "shuiwu-2026-bmys.txt"
    p.write_text("""某某省水务局2026年部门预算

表1-1 部门收支总表
单位：万元
收入 支出
项目 预算数 项目 预算数
一、一般公共预算拨款收入 500.00 一、农林水支出 480.00
二、国有资本经营预算拨款收入 二、住房保障支出 40.00
本年收入合计 500.00 本年支出合计 520.00
上年结转 20.00 年末结转
收入总计 520.00 支出总计 520.00
""", "utf-8")
    d = parse_file(p)
    inc, exp = _rows(d, "summary_income"), _rows(d, "summary_expense")
    assert inc["二、国有资本经营预算拨款收入"] == {"预算数": None} and exp["二、住房保障支出"] == {"预算数": 40.0}
    assert inc["上年结转"] == {"预算数": 20.0} and exp["年末结转"] == {"预算数": None}
