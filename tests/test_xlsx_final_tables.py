"""A 决算 exported as a workbook, one sheet per national table: the 公开NN表 number above the title,
a 行次 column that names nothing, 人员经费 | 公用经费 printed side by side (one table folded in two),
the 三公 table laid out across in a 预算数 block and a 决算数 block, and the most specific title
(政府性基金…收入支出决算表 is not any 支出决算表). Invented figures."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from budgetqa.extract.parse import parse_file


def _sheet(wb, name, rows):
    ws = wb.create_sheet(name)
    for r in rows:
        ws.append(r)
    return ws


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "收入支出决算总表", [
        ["收入支出决算总表", "", "", "", "", ""],
        ["", "", "", "", "", "公开01表"],
        ["编制单位：某某市气象服务中心", "", "", "", "", "单位：元"],
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["一、一般公共预算财政拨款收入", "1", 900000, "一、农林水支出", "20", 700000],
        ["二、事业收入", "2", 100000, "二、住房保障支出", "21", 300000],
        ["", "3", "", "三、其他支出", "22", ""],
        ["本年收入合计", "4", 1000000, "本年支出合计", "23", 1000000],
    ])
    _sheet(wb, "一般公共预算财政拨款基本支出决算表", [
        ["一般公共预算财政拨款基本支出决算表", "", "", "", "", ""],
        ["", "", "", "", "", "公开06表"],
        ["编制单位：某某市气象服务中心", "", "", "", "", "单位：元"],
        ["人员经费", "", "", "公用经费", "", ""],
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["30101", "基本工资", 300000, "30201", "办公费", 20000],
        ["30102", "津贴补贴", 200000, "30231", "公务用车运行维护费", 15000],
        ["人员经费合计", "", 500000, "公用经费合计", "", 35000],
    ])
    tp = _sheet(wb, "财政拨款“三公”经费支出决算表", [
        ["财政拨款“三公”经费支出决算表"] + [""] * 7,
        [""] * 7 + ["公开07表"],
        ["编制单位：某某市气象服务中心"] + [""] * 6 + ["单位：元"],
        ["预算数", "", "", "", "决算数", "", "", ""],
        ["合计", "因公出国（境）费", "公务用车运行费", "公务接待费", "合计", "因公出国（境）费", "公务用车运行费", "公务接待费"],
        ["1", "2", "3", "4", "5", "6", "7", "8"],
        [30000, 0, 20000, 10000, 27000, 0, 18000, 9000],
    ])
    tp.merge_cells("A4:D4")     # each block's head spans its items, as exports draw it
    tp.merge_cells("E4:H4")
    _sheet(wb, "政府性基金预算财政拨款收入支出决算表", [
        ["政府性基金预算财政拨款收入支出决算表", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "公开08表"],
        ["编制单位：某某市气象服务中心", "", "", "", "", "", "单位：元"],
        ["功能分类科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "", "年末结转和结余"],
        ["", "", "", "", "小计", "基本支出", ""],
        ["", "合计", 5000, 10000, 12000, "", 3000],
        ["212", "城乡社区支出", 5000, 10000, 12000, "", 3000],
    ])
    _sheet(wb, "部门决算情况说明", [["某某市气象服务中心2025年度部门决算情况说明"],
                                  ["2025年度收入总计100.00万元，支出总计100.00万元。"]])
    p = Path(tmp_path_factory.mktemp("xlsx")) / "qx-2025-bmjs.xlsx"
    wb.save(p)
    return parse_file(p)


def _t(d, key):
    return next(t for t in d.tables if t.key == key)


def test_the_table_number_above_the_title_is_no_header(final):
    t = _t(final, "final_gpb_basic")
    assert t.number == "表06" and t.unit == "元"
    assert not any("单位" in c for c in t.columns), t.columns


def test_a_line_number_column_names_nothing(final):
    t = _t(final, "final_summary_income")
    assert [r.name for r in t.rows][:2] == ["一、一般公共预算财政拨款收入", "二、事业收入"]
    assert not any(r.name.isdigit() for r in t.rows)


def test_two_halves_with_the_same_columns_are_one_table(final):
    t = _t(final, "final_gpb_basic")
    rows = {r.code: r for r in t.rows if r.code}
    assert rows["30201"].name == "办公费" and list(rows["30201"].values.values()) == [20000.0]
    assert rows["30101"].name == "基本工资" and list(rows["30101"].values.values()) == [300000.0]
    assert not any(v is not None and "办公费" in r.name and r.code == "30101" for r in t.rows for v in r.values.values())


def test_a_three_public_table_laid_out_across_in_two_blocks(final):
    t = _t(final, "final_three_public")
    assert t.columns == ["预算数", "决算数"]
    by = {r.name: r.values for r in t.rows}
    assert by["公务接待费"] == {"预算数": 10000.0, "决算数": 9000.0}
    assert by["合计"] == {"预算数": 30000.0, "决算数": 27000.0}


def test_the_most_specific_title_names_the_table(final):
    t = _t(final, "final_gov_fund")
    assert "年末结转和结余" in t.columns
    assert next(r for r in t.rows if r.name == "城乡社区支出").values["年末结转和结余"] == 3000.0
