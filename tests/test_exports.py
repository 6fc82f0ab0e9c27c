"""xlsx export of a Disclosure and the one-file `check` report (html / xlsx)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from budgetqa.extract.export import display_width, sheet_name, to_xlsx_bytes  # noqa: E402
from budgetqa.verify.audit import Finding  # noqa: E402
from budgetqa.verify.report import render_html, render_xlsx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "evals" / "gold" / "seeds"


def _wb(d):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(d)))


def _cells(ws):
    return [c for row in ws.iter_rows() for c in row]


def test_xlsx_sheets_named_by_title_in_chinese(parsed):
    wb = _wb(parsed["bz2025"])
    names = wb.sheetnames
    assert names[0] == "概况"
    assert "表3 部门支出总体情况表" in names
    assert "表1 部门收支总体情况表（收入）" in names and "表1 部门收支总体情况表（支出）" in names
    assert len(set(names)) == len(names)
    for n in names:
        assert len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n)
        assert not re.search(r"[A-Za-z]", n), n          # no keys like summary_income
        assert not re.fullmatch(r"表\d+_\d+", n)


def test_xlsx_formats_freeze_unit_and_known_value(parsed):
    wb = _wb(parsed["bz2025"])
    ws = wb["表3 部门支出总体情况表"]
    assert ws["A2"].value == "单位：万元"
    assert ws.freeze_panes == "A4"
    header = [c.value for c in ws[3]]
    assert header[:2] == ["科目编码", "名称"] and "合计" in header
    assert all(h and not re.search(r"[A-Za-z]", h) for h in header)
    col = header.index("合计") + 1
    total = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "总计")
    cell = total[col - 1]
    assert isinstance(cell.value, (int, float)) and cell.value == pytest.approx(2337.28)
    assert cell.number_format == "#,##0.00"
    for c in _cells(ws):
        assert c.value != "None"
        if isinstance(c.value, float):
            assert c.number_format == "#,##0.00"
    # blank cells stay blank: the 项目支出 of a row without one is None, not 0 or "None"
    assert any(c.value is None for r in ws.iter_rows(min_row=4) for c in r[2:5])
    # widths fit the CJK header (counted double)
    assert ws.column_dimensions["B"].width >= display_width("名称")


def test_xlsx_prose_only_final_account_exports_figures(parsed):
    d = parsed["wlmq2024js"]
    assert not d.tables
    wb = _wb(d)
    assert "文字中的数字" in wb.sheetnames and "主要数据" in wb.sheetnames
    ws = wb["文字中的数字"]
    vals = [c.value for c in _cells(ws) if isinstance(c.value, (int, float))]
    assert any(v == pytest.approx(3391.36) for v in vals)   # 财政拨款收入 3,391.36 万元
    assert ws.freeze_panes == "A4"
    key = wb["主要数据"]
    assert any(isinstance(c.value, float) and c.number_format == "#,##0.00" for c in _cells(key))
    assert all(c.value != "None" for s in wb.worksheets for c in _cells(s))


def test_sheet_names_safe_and_unique():
    used: set[str] = set()
    a = sheet_name("表1 收入/支出[汇总]:*?\\" + "很长的标题" * 10, used)
    b = sheet_name("表1 收入/支出[汇总]:*?\\" + "很长的标题" * 10, used)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not re.search(r"[\[\]:*?/\\]", a + b)
    assert display_width("合计") == 4 and display_width("ab") == 2


@pytest.mark.skipif(not (SEEDS / "shpt-rmzfbgs-2025-bmys.pdf").exists(), reason="seed PDF not present")
def test_xlsx_shanghai_pdf_unit_yuan():
    from budgetqa.extract.parse import parse_file
    d = parse_file(SEEDS / "shpt-rmzfbgs-2025-bmys.pdf")
    wb = _wb(d)
    ws = wb["2025年部门支出预算总表"]
    assert ws["A2"].value == "单位：元"
    vals = [c for c in _cells(ws) if isinstance(c.value, (int, float))]
    assert any(c.value == pytest.approx(82096797.42) and c.number_format == "#,##0.00" for c in vals)


def test_cli_extract_xlsx(tmp_path, samples_dir):
    from budgetqa.cli import main
    out = tmp_path / "o.xlsx"
    assert main(["extract", str(samples_dir / "002_e49850479605d5c8.txt"), "--format", "xlsx", "--out", str(out)]) == 0
    assert "表3 部门支出总体情况表" in openpyxl.load_workbook(out).sheetnames


# ---------------------------------------------------------------- check report

FINDINGS = [
    Finding(kind="sum", severity="error", where="表3 部门支出总体情况表 / 总计", locator="p.7 line 416", stated=100.0,
            computed=90.0, difference=10.0, tolerance=0.005, detail="合计与各项之和不符 <script>alert(1)</script> & co"),
    Finding(kind="sum", severity="rounding", where="表5 / 205", locator="p.8 line 3", stated=1.01, computed=1.0,
            difference=0.01, tolerance=0.015, detail="舍入", cells=["表5 205 合计", "表6 205 合计"]),
    Finding(kind="placeholder", severity="notice", where="第三部分", locator="p.2 line 9", stated=0, computed=0,
            difference=0, tolerance=0, detail="XX 占位符"),
]
META = {"department": "新疆巴州科学技术局", "year": 2025, "kind": "预算", "scope": "部门", "unit": "万元"}


def test_report_html_self_contained_escaped():
    page = render_html(FINDINGS, META, doc="a<b>.txt", doc_id="abc123")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert not re.search(r"(src|href)\s*=|https?://|<script|<link", page)
    assert "&lt;script&gt;" in page and "&amp; co" in page and "a&lt;b&gt;.txt" in page
    assert "新疆巴州科学技术局" in page and "2025" in page and "abc123" in page
    for label, n in (("错误", 1), ("舍入", 1), ("警告", 0), ("提示", 1)):
        assert f"{label} {n}</span>" in page
    assert page.index("错误（1）") < page.index("舍入（1）") < page.index("提示（1）")   # by severity
    assert "p.7 line 416" in page and "表6 205 合计" in page and "+10.00" in page


def test_report_xlsx():
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(FINDINGS, META, doc="x.txt", doc_id="abc")))
    assert wb.sheetnames[:2] == ["概况", "发现"]
    ws = wb["发现"]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["错误", "舍入", "提示"]
    assert rows[0][4] == 100.0 and ws["E2"].number_format == "#,##0.00"
    assert rows[2][4] is None            # a wording finding carries no numbers
    summary = {r[0]: r[1] for r in wb["概况"].iter_rows(values_only=True) if r and r[0]}
    assert summary["错误"] == 1 and summary["部门"] == "新疆巴州科学技术局"


def test_cli_check_html_and_xlsx(tmp_path, samples_dir):
    from budgetqa.cli import main
    f = samples_dir / "002_e49850479605d5c8.txt"
    assert main(["check", str(f), "--format", "html", "--out", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "新疆巴州科学技术局" in page and "汇总" in page and "http" not in page
    assert main(["check", str(f), "--format", "xlsx", "--out", str(tmp_path / "r.xlsx")]) == 0
    assert "发现" in openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
