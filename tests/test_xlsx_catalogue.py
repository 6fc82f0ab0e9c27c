"""xlsx inputs go through the table catalogue, like text and PDF tables.

A sheet's table is recognised by its title and header cells against `extract/catalogue.json`, its
columns named by their header text (never by position), its merged header cells read as column
paths, its unit from its own 单位 line; a sheet nobody catalogued is kept as a generic table with
its title, header paths, cells and sheet / cell locators. The catalogue is data: a copy with a new
title variant (or a new kind), pointed at by $BUDGETQA_CATALOGUE, is used without a code change.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from budgetqa.cli import main
from budgetqa.core.errors import UserInputError
from budgetqa.extract import templates
from budgetqa.extract.loader import load
from budgetqa.extract.parse import parse, parse_file

CATALOGUE = Path(templates.__file__).with_name("catalogue.json")


# ---------------------------------------------------------------- workbook builders

def _sheet(wb: Workbook, name: str, rows: list[list], merges: tuple[str, ...] = (), *, first: bool = False):
    ws = wb.active if first else wb.create_sheet(name)
    ws.title = name
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    return ws


def cover(wb: Workbook):
    """The workbook's first sheet: the document's cover line (a lone 表3 says neither 预算 nor 决算)."""
    return _sheet(wb, "封面", [["XX县卫生健康委员会2024年部门预算公开"]], first=True)


def xinjiang_sheet(wb: Workbook, *, first: bool = False):
    """表3 as a Xinjiang-family export: number row, title, 编制部门 / 单位 line, one header row, ※ 1 2 3."""
    return _sheet(wb, "表3", [
        ["表3"],
        ["部门支出总体情况表"],
        ["编制部门：XX县卫生健康委员会", None, None, None, "单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["※", "※", 1, 2, 3],
        ["总计", None, 300.5, 220.5, 80],
        ["210", "卫生健康支出", 300.5, 220.5, 80],
        ["210 01", "卫生健康管理事务", 300.5, 220.5, 80],
        ["210 01 01", "行政运行", 220.5, 220.5, None],
        ["210 01 99", "其他卫生健康管理事务支出", 80, None, 80],
    ], merges=("A2:E2",), first=first)


def shanghai_sheet(wb: Workbook, *, first: bool = False):
    """A Shanghai-family 功能分类 table: merged title, 编制单位 + 单位：元 on one row, three header rows
    (项目 / 功能分类科目编码 / 类 款 项, 合计 spanning them), 款 and 项 typed as numbers shown as 01."""
    ws = _sheet(wb, "一般公共预算支出", [
        ["2025年部门一般公共预算支出功能分类预算表"],
        ["编制单位：上海市XX区卫生健康委员会", None, None, None, None, None, "单位：元"],
        ["项目", None, None, None, "合计", "基本支出", "项目支出"],
        ["功能分类科目编码", None, None, "功能分类科目名称", None, None, None],
        ["类", "款", "项", None, None, None, None],
        ["合计", None, None, None, 12650000.5, 10050000.5, 2600000],
        ["210", None, None, "卫生健康支出", 12650000.5, 10050000.5, 2600000],
        ["210", 1, None, "卫生健康管理事务", 12650000.5, 10050000.5, 2600000],
        ["210", 1, 1, "行政运行", 10050000.5, 10050000.5, None],
        ["210", 1, 99, "其他卫生健康管理事务支出", 2600000, None, 2600000],
    ], merges=("A1:G1", "A3:D3", "E3:E5", "F3:F5", "G3:G5", "A4:C4", "D4:D5", "A6:D6"), first=first)
    for row in ws.iter_rows(min_row=8, max_row=10, min_col=2, max_col=3):
        for c in row:
            if c.value is not None:
                c.number_format = "00"
    return ws


def three_public_sheet(wb: Workbook, *, first: bool = False):
    """The 三公 table of the same Shanghai document: in 万元, not 元 (the unit is per table)."""
    return _sheet(wb, "三公经费", [
        ["2025年部门“三公”经费和机关运行经费预算表"],
        ["编制单位：上海市XX区卫生健康委员会", None, None, "单位：万元"],
        ["“三公”经费支出内容", "合计", "一般公共预算", "政府性基金"],
        ["合计", 12.3, 12.3, None],
        ["因公出国（境）费", 2, 2, None],
        ["公务接待费", 1.3, 1.3, None],
        ["公务用车购置及运行费", 9, 9, None],
    ], merges=("A1:D1",), first=first)


def save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def table(d, key):
    t = d.table(key)
    assert t is not None, f"no {key} in {[x.key for x in d.tables]}"
    return t


def row(t, code=None, name=None):
    r = t.row(code=code, name=name)
    assert r is not None, f"{t.key}: no row {code or name} in {[(x.code, x.name) for x in t.rows]}"
    return r


# ---------------------------------------------------------------- recognised sheets

def test_xinjiang_style_sheet_is_recognised_by_title_and_headers(tmp_path):
    wb = Workbook()
    cover(wb)
    xinjiang_sheet(wb)
    d = parse_file(save(wb, tmp_path / "卫健委2024预算.xlsx"))
    t = table(d, "expense")
    assert not t.generic and t.number == "表3" and t.title == "部门支出总体情况表" and t.unit == "万元"
    assert t.columns == ["合计", "基本支出", "项目支出"]
    assert [r.code for r in t.rows] == [None, "210", "21001", "2100101", "2100199"]   # the ※ 1 2 3 row is no row
    total = row(t, name="总计")
    assert total.is_total and total.values == {"合计": 300.5, "基本支出": 220.5, "项目支出": 80.0}
    r = row(t, "2100101")
    assert r.values == {"合计": 220.5, "基本支出": 220.5, "项目支出": None}   # a blank cell is not stated, not 0
    assert not r.ambiguous                      # the cells say which column: nothing to guess
    assert t.rows[r.parent].code == "21001"
    assert (r.loc.sheet, r.loc.cell) == ("表3", "A9") and r.loc.page is None
    assert (t.loc.sheet, t.loc.cell) == ("表3", "A1")


def test_shanghai_style_sheet_with_merged_two_row_headers(tmp_path):
    wb = Workbook()
    shanghai_sheet(wb, first=True)
    d = parse_file(save(wb, tmp_path / "sh.xlsx"))
    t = table(d, "gpb_expense")
    assert t.title == "2025年部门一般公共预算支出功能分类预算表" and t.unit == "元"
    assert t.header_paths == [["项目", "功能分类科目编码", "类"], ["项目", "功能分类科目编码", "款"],
                              ["项目", "功能分类科目编码", "项"], ["项目", "功能分类科目名称"],
                              ["合计"], ["基本支出"], ["项目支出"]]
    assert t.columns == ["合计", "基本支出", "项目支出"]
    # 类 / 款 / 项 cells join into one code; 款 typed as the number 1 (shown 01) stays 01
    assert [r.code for r in t.rows] == [None, "210", "21001", "2100101", "2100199"]
    assert row(t, "2100101").values == {"合计": 10050000.5, "基本支出": 10050000.5, "项目支出": None}
    assert row(t, "2100199").name == "其他卫生健康管理事务支出"
    assert row(t, name="合计").is_total
    assert row(t, "2100101").loc.cell == "A9"


def test_columns_are_mapped_by_header_text_not_position(tmp_path):
    """The same 表3 with its columns shuffled (name before code, 项目支出 first, 合计 last) reads the same values."""
    wb = Workbook()
    cover(wb)
    xinjiang_sheet(wb)
    order = [1, 4, 0, 3, 2]          # 科目名称 项目支出 科目编码 基本支出 合计
    src = [list(r) for r in xinjiang_sheet(Workbook()).iter_rows(values_only=True)]
    shuffled = src[:3] + [[r[k] for k in order] for r in src[3:]]
    _sheet(wb, "表3（乱序）", shuffled, merges=("A2:E2",))
    d = parse_file(save(wb, tmp_path / "order.xlsx"))
    plain, mixed = [t for t in d.tables if t.key == "expense"]
    assert mixed.columns == ["项目支出", "基本支出", "合计"]        # named by header, in the sheet's order
    assert [(r.code, r.name, r.values) for r in mixed.rows] == [(r.code, r.name, r.values) for r in plain.rows]
    assert row(mixed, "2100199").values["项目支出"] == 80.0 and row(mixed, "2100199").values["基本支出"] is None


def test_unit_is_read_per_sheet(tmp_path):
    wb = Workbook()
    shanghai_sheet(wb, first=True)
    three_public_sheet(wb)
    _sheet(wb, "表3", [["部门支出总体情况表"], ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                      ["210", "卫生健康支出", 5, 5, None]])
    d = parse_file(save(wb, tmp_path / "units.xlsx"))
    assert table(d, "gpb_expense").unit == "元"
    tp = table(d, "three_public")
    assert tp.unit == "万元"
    assert row(tp, name="公务接待费").values["合计"] == 1.3
    assert d.three_public.total.value == 12.3 and d.three_public.total.unit == "万元"
    # a sheet without a 单位 line takes the document's unit
    assert table(d, "expense").unit == d.meta.unit


def test_uncatalogued_sheet_is_kept_as_a_generic_table(tmp_path):
    wb = Workbook()
    cover(wb)
    xinjiang_sheet(wb)
    _sheet(wb, "机关运行经费", [
        ["2024年机关运行经费明细表"],
        ["单位：万元"],
        ["序号", "经费项目", "金额", "比上年增减"],
        [1, "办公费", 12.5, -1.5],
        [2, "水电费", 8, 0.6],
        [3, "物业管理费", 20.25, None],
    ])
    _sheet(wb, "Sheet3", [["区域", "面积（平方米）"], ["办公用房", 2300], ["业务用房", 850]])
    d = parse_file(save(wb, tmp_path / "generic.xlsx"))
    t = next(t for t in d.tables if t.title == "2024年机关运行经费明细表")
    assert t.generic and t.key == "generic" and t.unit == "万元"
    assert t.header_paths == [["序号"], ["经费项目"], ["金额"], ["比上年增减"]]
    assert t.columns == ["金额", "比上年增减"]
    assert [(r.name, r.values) for r in t.rows] == [
        ("办公费", {"金额": 12.5, "比上年增减": -1.5}), ("水电费", {"金额": 8.0, "比上年增减": 0.6}),
        ("物业管理费", {"金额": 20.25, "比上年增减": None})]  # a 序号 column names no row
    assert (t.rows[0].loc.sheet, t.rows[0].loc.cell) == ("机关运行经费", "A4")
    # a sheet without a title row is named by its sheet
    s3 = next(t for t in d.tables if t.loc.sheet == "Sheet3")
    assert s3.generic and s3.title == "Sheet3" and row(s3, name="办公用房").values == {"面积（平方米）": 2300.0}
    # the catalogued sheet beside them is still recognised
    assert not table(d, "expense").generic


def test_two_tables_on_one_sheet_and_a_note_under_an_empty_one(tmp_path):
    wb = Workbook()
    cover(wb)
    _sheet(wb, "表8-表9", [
        ["政府性基金预算支出情况表"],
        ["编制部门：XX县卫生健康委员会", None, "单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["XX县卫生健康委员会2024年没有使用政府性基金预算拨款安排的支出，本表为空表。"],
        ["部门支出总体情况表"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["210", "卫生健康支出", 5, 5, None],
    ])
    d = parse_file(save(wb, tmp_path / "two.xlsx"))
    fund = table(d, "gov_fund")
    assert fund.rows == [] and "为空表" in (fund.empty_note or "")
    assert row(table(d, "expense"), "210").values == {"合计": 5.0, "基本支出": 5.0, "项目支出": None}
    assert any("为空表" in p.text for p in d.paragraphs)      # the note stays text, quoted like a PDF's


def test_the_sheets_grid_keeps_every_cell_with_its_address(tmp_path):
    wb = Workbook()
    shanghai_sheet(wb, first=True)
    src = load(save(wb, tmp_path / "grid.xlsx"))
    (grid,) = src.grids
    assert grid.sheet == "一般公共预算支出" and grid.page is None and (grid.nrows, grid.ncols) == (10, 7)
    head = grid.at(2, 2)
    assert (head.text, head.ref, head.colspan) == ("项目", "A3", 4)
    total = grid.at(3, 4)
    assert (total.text, total.ref, total.rowspan) == ("合计", "E3", 3)
    kuan = grid.at(7, 1)
    assert (kuan.text, kuan.ref) == ("01", "B8")
    # the lines are what they were: one per row, cells kept in place
    assert next(l for l in src.lines if l.loc.cell == "A9").cells[:4] == ["210", "01", "01", "行政运行"]


def test_budgetqa_extract_cli_on_xlsx(tmp_path, capsys):
    wb = Workbook()
    cover(wb)
    xinjiang_sheet(wb)
    shanghai_sheet(wb)
    three_public_sheet(wb)
    path = save(wb, tmp_path / "all.xlsx")
    assert main(["extract", str(path), "--format", "json", "--workspace", str(tmp_path / "ws")]) == 0
    data = json.loads(capsys.readouterr().out)
    kinds = {t["key"]: t for t in data["tables"]}
    assert set(kinds) == {"expense", "gpb_expense", "three_public"}
    assert {k: t["unit"] for k, t in kinds.items()} == {"expense": "万元", "gpb_expense": "元", "three_public": "万元"}
    r = next(r for r in kinds["gpb_expense"]["rows"] if r["code"] == "2100199")
    assert r["values"] == {"合计": 2600000.0, "基本支出": None, "项目支出": 2600000.0}
    assert r["loc"]["sheet"] == "一般公共预算支出" and r["loc"]["cell"] == "A10"


def test_identities_are_checked_on_xlsx_tables(tmp_path):
    """The identities hold on a consistent sheet; one planted error in a cell is reported, not corrected."""
    from budgetqa.verify.audit import check_group_identities, check_row_identities

    def findings(t):
        return list(check_row_identities(t)) + list(check_group_identities(t))

    wb = Workbook()
    cover(wb)
    xinjiang_sheet(wb)
    assert findings(table(parse_file(save(wb, tmp_path / "good.xlsx")), "expense")) == []
    wb["表3"]["C9"] = 230.5            # 行政运行 合计: no longer 基本 + 项目, nor does 210 01 add up
    bad = table(parse_file(save(wb, tmp_path / "bad.xlsx")), "expense")
    assert row(bad, "2100101").values["合计"] == 230.5
    found = findings(bad)
    assert found and all(f.severity == "error" for f in found)


# ---------------------------------------------------------------- the catalogue is data

@pytest.fixture()
def own_catalogue(tmp_path, monkeypatch):
    """A copy of the bundled catalogue, edited by the test, used through $BUDGETQA_CATALOGUE."""
    data = json.loads(CATALOGUE.read_text("utf-8"))
    path = tmp_path / "my_catalogue.json"

    def use(edit) -> Path:
        edit(data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        monkeypatch.setenv(templates.CATALOGUE_ENV, str(path))
        return path

    yield use
    monkeypatch.delenv(templates.CATALOGUE_ENV, raising=False)
    templates.catalogue()          # back to the bundled one for the tests that follow


def _variant_workbook(tmp_path: Path) -> Path:
    wb = Workbook()
    cover(wb)
    _sheet(wb, "支出", [
        ["2024年部门支出分功能科目明细表"],
        ["单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["210", "卫生健康支出", 300.5, 220.5, 80],
        ["210 01", "卫生健康管理事务", 300.5, 220.5, 80],
    ])
    _sheet(wb, "采购", [
        ["2024年政府采购预算明细表"],
        ["单位：万元"],
        ["采购项目", "采购品目", "采购预算金额"],
        ["办公设备购置", "货物", 35],
        ["物业管理服务", "服务", 60],
    ])
    return save(wb, tmp_path / "variant.xlsx")


def test_a_title_variant_added_to_a_copy_of_the_catalogue_is_recognised(tmp_path, own_catalogue, capsys):
    path = _variant_workbook(tmp_path)
    before = parse_file(path)
    assert [t.key for t in before.tables] == ["generic", "generic"]       # nobody catalogued these titles

    def edit(data):
        expense = next(k for k in data["kinds"] if k["key"] == "expense")
        expense["titles"].append("支出分功能科目明细表")
        data["kinds"].append({"key": "procurement", "kind": "预算", "titles": ["政府采购预算明细表"],
                              "headers": ["采购"]})
    own_catalogue(edit)
    assert main(["extract", str(path), "--format", "json", "--workspace", str(tmp_path / "ws")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(t["key"], t["generic"]) for t in data["tables"]] == [("expense", False), ("procurement", False)]
    expense = data["tables"][0]
    assert expense["columns"] == ["合计", "基本支出", "项目支出"]
    assert expense["rows"][1]["code"] == "21001" and expense["rows"][1]["values"]["项目支出"] == 80.0
    procurement = data["tables"][1]
    assert procurement["columns"] == ["采购预算金额"]
    assert [(r["name"], r["values"]["采购预算金额"]) for r in procurement["rows"]] == [
        ("办公设备购置货物", 35.0), ("物业管理服务服务", 60.0)]


def test_a_title_variant_in_the_catalogue_also_reaches_text_tables(tmp_path, own_catalogue):
    """Text inputs read their kinds from the same catalogue: the new variant names a flattened table too."""
    text = "\n".join([
        "2024年XX县卫生健康委员会部门预算公开",
        "表 3",
        "部门支出分功能科目明细表",
        "编制部门：XX县卫生健康委员会 单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "总计 300.50 220.50 80.00",
        "210 卫生健康支出 300.50 220.50 80.00",
        "210 01 卫生健康管理事务 300.50 220.50 80.00",
        "210 01 01 行政运行 220.50 220.50",
        "210 01 99 其他卫生健康管理事务支出 80.00 80.00",
        "第三部分 2024年部门预算情况说明",
        "2024年支出预算300.50万元，其中基本支出220.50万元，项目支出80.00万元。",
    ]) + "\n"
    path = tmp_path / "wjw.txt"
    path.write_text(text, "utf-8")
    assert parse_file(path).table("expense") is None
    own_catalogue(lambda data: next(k for k in data["kinds"] if k["key"] == "expense")["titles"].append(
        "支出分功能科目明细表"))
    t = parse_file(path).table("expense")
    assert t is not None and t.number == "表3"
    # columns recovered by the kind's identities (合计 = 基本支出 + 项目支出), from the catalogue's data
    assert row(t, "2100199").values == {"合计": 80.0, "基本支出": None, "项目支出": 80.0}
    assert row(t, "2100101").values == {"合计": 220.5, "基本支出": 220.5, "项目支出": None}


def test_templates_hold_no_title_patterns_of_their_own():
    """Every kind the text parser knows comes from the catalogue file."""
    data = json.loads(CATALOGUE.read_text("utf-8"))
    keys = [k["key"] for k in data["kinds"]]
    assert [t.key for t in templates.TEMPLATES] == [k["key"] for k in data["kinds"] if k.get("columns")]
    assert set(keys) >= {t.key for t in templates.TEMPLATES}
    source = Path(templates.__file__).read_text("utf-8")
    assert not re.search(r"re\.compile\(r?[\"'][^\"']*表", source)     # no title regex in code


def test_a_broken_catalogue_is_a_clear_error(tmp_path, own_catalogue):
    own_catalogue(lambda data: next(k for k in data["kinds"] if k["key"] == "expense").__setitem__(
        "titles", ["部门支出(总表"]))
    wb = Workbook()
    cover(wb)
    xinjiang_sheet(wb)
    path = save(wb, tmp_path / "x.xlsx")
    with pytest.raises(UserInputError, match=r"my_catalogue\.json.*kind expense titles: bad pattern"):
        parse_file(path)
    assert main(["extract", str(path), "--workspace", str(tmp_path / "ws")]) == 2


def test_use_catalogue_in_process(tmp_path):
    data = json.loads(CATALOGUE.read_text("utf-8"))
    next(k for k in data["kinds"] if k["key"] == "expense")["titles"].append("支出分功能科目明细表")
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    wb_path = _variant_workbook(tmp_path)
    try:
        templates.use_catalogue(path)
        assert parse_file(wb_path).tables[0].key == "expense"
    finally:
        templates.use_catalogue(None)
    assert parse_file(wb_path).tables[0].key == "generic"
