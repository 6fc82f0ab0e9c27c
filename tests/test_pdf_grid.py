"""Real published PDFs of another template family (上海市普陀区, evals/gold/seeds/): tables from the
ruled grid, recognised by title and header cells, their own units, metadata from the content.

Checked three ways: figures read by hand from the PDFs land in the right table, row and column;
every number printed in a ruled table is recovered somewhere in the parsed tables; and the
template's identities (合计 = 基本支出 + 项目支出, 合计 = 人员经费 + 公用经费, a parent = Σ its
children) hold on every parsed table.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.core.normalize import parse_number, squash
from budgetqa.core.numeric import close
from budgetqa.extract.loader import load
from budgetqa.extract.parse import parse

SEEDS = Path(__file__).resolve().parents[1] / "evals" / "gold" / "seeds"
BUDGET_KINDS = {"summary_income", "summary_expense", "income", "expense", "fiscal_summary_income",
                "fiscal_summary_expense", "gpb_expense", "gov_fund", "state_capital", "gpb_basic", "three_public"}
FINAL_KINDS = {"final_summary_income", "final_summary_expense", "final_income", "final_expense",
               "final_fiscal_summary_income", "final_fiscal_summary_expense", "final_gpb_expense",
               "final_gpb_basic", "final_three_public", "final_gov_fund", "final_state_capital"}


@pytest.fixture(scope="module")
def parsed():
    out = {}
    for p in sorted(SEEDS.glob("*.pdf")):
        src = load(p)
        out[p.name] = (src, parse(src))
    return out


def cell(d, key: str, row: str, col: str) -> float | None:
    t = d.table(key)
    assert t is not None, f"no table {key}"
    for r in t.rows:
        if r.code == row or squash(r.name) == row or squash(r.name).endswith(row):
            assert col in r.values, f"{key} / {row}: no column {col} in {list(r.values)}"
            return r.values[col]
    raise AssertionError(f"{key}: no row {row} in {[r.name for r in t.rows]}")


# (file, table kind, row (code or name), column, value) — read off the PDFs by hand
FIGURES = [
    ("shpt-rmzfbgs-2025-bmys.pdf", "summary_income", "一、财政拨款收入", "预算数", 91016775.35),
    ("shpt-rmzfbgs-2025-bmys.pdf", "summary_expense", "一、一般公共服务支出", "预算数", 82096797.42),
    ("shpt-rmzfbgs-2025-bmys.pdf", "income", "201", "财政拨款收入", 82096797.42),
    ("shpt-rmzfbgs-2025-bmys.pdf", "expense", "2010301", "合计", 12029501.84),
    ("shpt-rmzfbgs-2025-bmys.pdf", "expense", "2010301", "基本支出", 11919501.84),
    ("shpt-rmzfbgs-2025-bmys.pdf", "expense", "2010301", "项目支出", 110000.00),
    ("shpt-rmzfbgs-2025-bmys.pdf", "expense", "2010350", "基本支出", 3767295.58),
    ("shpt-rmzfbgs-2025-bmys.pdf", "expense", "2210203", "合计", 1867680.00),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_expense", "210", "合计", 1097073.43),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_expense", "221", "合计", 3609125.22),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_basic", "301", "合计", 21170337.81),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_basic", "30101", "人员经费", 2540192.00),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_basic", "30108", "合计", 1763159.52),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_basic", "30109", "合计", 881579.76),
    ("shpt-rmzfbgs-2025-bmys.pdf", "gpb_basic", "30228", "公用经费", 248117.54),
    ("shpt-rmzfbgs-2025-bmys.pdf", "fiscal_summary_income", "一、一般公共预算资金", "预算数", 91016775.35),
    ("shpt-rmzfbgs-2025-bmys.pdf", "fiscal_summary_expense", "一、一般公共服务支出", "一般公共预算", 82096797.42),
    ("shpt-rmzfbgs-2025-bmys.pdf", "three_public", "合计", "预算数", 867.50),
    ("shpt-rmzfbgs-2025-bmys.pdf", "three_public", "因公出国(境)费", "预算数", 839.00),
    ("shpt-rmzfbgs-2025-bmys.pdf", "three_public", "公务接待费", "预算数", 28.50),
    ("shpt-rmzfbgs-2025-bmys.pdf", "three_public", "机关运行经费预算数", "预算数", 213.28),
    ("shpt-rmzfbgs-2025-dwys.pdf", "summary_expense", "一、一般公共服务支出", "人员经费", 13819399.88),
    ("shpt-rmzfbgs-2025-dwys.pdf", "summary_expense", "一、一般公共服务支出", "公用经费", 1867397.54),
    ("shpt-rmzfbgs-2025-dwys.pdf", "summary_expense", "一、一般公共服务支出", "项目支出", 66410000.00),
    ("shpt-rmzfbgs-2025-dwys.pdf", "summary_expense", "二、社会保障和就业支出", "公用经费", 265380.00),
    ("shpt-rmzfbgs-2025-dwys.pdf", "summary_expense", "二、社会保障和就业支出", "人员经费", 3948399.28),
    ("shpt-swwyh-2025-bmys.pdf", "summary_income", "一、财政拨款收入", "预算数", 371514655.00),
    ("shpt-swwyh-2025-bmys.pdf", "expense", "201", "基本支出", 12291733.00),
    ("shpt-swwyh-2025-bmys.pdf", "expense", "201", "项目支出", 9310000.00),
    ("shpt-swwyh-2025-bmys.pdf", "expense", "2060503", "合计", 17200000.00),
    ("shpt-swwyh-2025-bmys.pdf", "gpb_basic", "301", "合计", 16671057.00),
    ("shpt-swwyh-2025-bmys.pdf", "three_public", "合计", "预算数", 1.00),
    ("shpt-swwyh-2025-bmys.pdf", "three_public", "机关运行经费预算数", "预算数", 171.01),
    ("shpt-swwyh-2025-dwys.pdf", "summary_expense", "一、一般公共服务支出", "人员经费", 10823891.00),
    ("shpt-swwyh-2025-dwys.pdf", "summary_expense", "一、一般公共服务支出", "公用经费", 1467842.00),
    ("shpt-swwyh-2025-dwys.pdf", "summary_expense", "六、商业服务业等支出", "项目支出", 31364000.00),
]


@pytest.mark.parametrize("name,key,row,col,value", FIGURES)
def test_figure_in_its_cell(parsed, name, key, row, col, value):
    _, d = parsed[name]
    assert cell(d, key, row, col) == pytest.approx(value)


@pytest.mark.parametrize("name", ["shpt-rmzfbgs-2025-bmys.pdf", "shpt-swwyh-2025-bmys.pdf"])
def test_a_blank_cell_stays_blank(parsed, name):
    """社会保障和就业支出 has no 项目支出: the grid's empty cell is None, never 0."""
    _, d = parsed[name]
    assert cell(d, "expense", "208", "项目支出") is None


@pytest.mark.parametrize("name", ["shpt-rmzfbgs-2025-bmys.pdf", "shpt-rmzfbgs-2025-dwys.pdf",
                                  "shpt-swwyh-2025-bmys.pdf", "shpt-swwyh-2025-dwys.pdf"])
def test_budget_pdf_kinds_units_and_metadata(parsed, name):
    _, d = parsed[name]
    assert BUDGET_KINDS <= {t.key for t in d.tables}
    assert all(t.unit == "元" for t in d.tables if t.key != "three_public")
    assert d.table("three_public").unit == "万元"
    dept = "上海市普陀区人民政府办公室" if "rmzfbgs" in name else "上海市普陀区商务委员会"
    assert (d.meta.department, d.meta.region, d.meta.year, d.meta.kind) == (dept, "上海市普陀区", 2025, "预算")
    assert d.meta.scope == ("单位" if "dwys" in name else "部门")


def test_final_account_template_yields_its_nine_tables_empty(parsed):
    _, d = parsed["shpt-template-2024-bmjs.pdf"]
    assert FINAL_KINDS <= {t.key for t in d.tables}
    assert all(v is None for t in d.tables if t.key in FINAL_KINDS for r in t.rows for v in r.values.values())
    assert (d.meta.department, d.meta.year, d.meta.kind) == ("上海市XX局", 2024, "决算")


def test_header_paths_and_codes(parsed):
    _, d = parsed["shpt-rmzfbgs-2025-bmys.pdf"]
    t = d.table("expense")
    assert t.header_paths[:4] == [["项目", "功能分类科目编码", "类"], ["项目", "功能分类科目编码", "款"],
                                  ["项目", "功能分类科目编码", "项"], ["项目", "功能分类科目名称"]]
    assert t.columns == ["合计", "基本支出", "项目支出"]
    r = next(r for r in t.rows if r.code == "2010301")
    assert r.code_parts == ["201", "03", "01"] and r.name == "行政运行" and r.level == 3
    assert t.rows[r.parent].code == "20103"
    # every cell keeps its page and box
    assert r.loc.page == 11 and r.cell_boxes["合计"][0] < r.cell_boxes["基本支出"][0]


@pytest.mark.parametrize("name", ["shpt-rmzfbgs-2025-bmys.pdf", "shpt-rmzfbgs-2025-dwys.pdf",
                                  "shpt-swwyh-2025-bmys.pdf", "shpt-swwyh-2025-dwys.pdf"])
def test_every_printed_number_is_recovered(parsed, name):
    src, d = parsed[name]
    printed = [parse_number(c.text) for g in src.grids for c in g.cells
               if c.text and parse_number(c.text) is not None and "," in c.text or "." in c.text]
    got = [v for t in d.tables for r in t.rows for v in r.values.values() if v is not None]
    missing = [v for v in printed if v is not None and not any(close(v, g) for g in got)]
    assert len(printed) > 100 and not missing, missing[:10]


@pytest.mark.parametrize("name", ["shpt-rmzfbgs-2025-bmys.pdf", "shpt-rmzfbgs-2025-dwys.pdf",
                                  "shpt-swwyh-2025-bmys.pdf", "shpt-swwyh-2025-dwys.pdf"])
def test_identities_hold(parsed, name):
    _, d = parsed[name]
    checked = 0
    for t in d.tables:
        for parts in (("人员经费", "公用经费", "项目支出"), ("基本支出", "项目支出"), ("人员经费", "公用经费")):
            if "合计" in t.columns and all(p in t.columns for p in parts):
                for r in t.rows:
                    if r.values.get("合计") is not None:
                        s = sum(r.values.get(p) or 0.0 for p in parts)
                        assert close(s, r.values["合计"]), (t.key, r.name, r.values)
                        checked += 1
                break
        col = t.columns[0] if t.columns else None
        for i, r in enumerate(t.rows):
            kids = [k for k in t.rows if k.parent == i and k.code and r.code]
            if col and kids and r.values.get(col) is not None:
                assert close(sum(k.values.get(col) or 0.0 for k in kids), r.values[col]), (t.key, r.code, r.name)
                checked += 1
    assert checked > 50


def test_prose_keeps_figures_with_their_labels(parsed):
    """Digits in another font a few points off the Chinese baseline stay on the same line."""
    _, d = parsed["shpt-rmzfbgs-2025-bmys.pdf"]
    text = squash(" ".join(p.text for p in d.paragraphs))
    assert "财政拨款收入9,101.68万元" in text and "减少2,389.52万元" in text
    assert "“三公”经费预算数为867.50万元" in text
    # table cells stay out of the prose
    assert "91,016,775.35" not in text


def test_figures_in_different_units_are_combined_in_one_unit():
    """A 元 table cell and a 万元 prose figure: converted (and the conversion written into the
    calculation) before they are added, subtracted or divided — never mixed as they stand."""
    from budgetqa.extract.models import Fact
    from budgetqa.qa.offline import in_unit

    def fact(v, u):
        return Fact(doc_id="d", source="s", name="x", context="", value=v, unit=u, kind="cell", cites=[])
    vals, exprs, unit = in_unit([fact(91016775.35, "元"), fact(9101.68, "万元")])
    assert unit == "元" and vals == pytest.approx([91016775.35, 91016800.0]) and exprs[1] == "9101.68*10000"
    vals, exprs, unit = in_unit([fact(9101.68, "万元"), fact(91016775.35, "元")])
    assert unit == "万元" and vals[1] == pytest.approx(9101.6775, abs=1e-4) and exprs[1] == "91016775.35/10000"
    assert in_unit([fact(53, "家"), fact(20, "万元")]) is None
