"""The audit on a rendered PDF in the Shanghai 决算 layout: untitled-number ruled tables (收入支出决算
总表, 单位：万元 above the grid), digits in another font 3 points below the Chinese text — the
same planted errors as the text versions in test_audit_families.py, found with the same severity,
and a clean rendering with no error findings."""
from __future__ import annotations

import pytest

from budgetqa.extract.loader import load
from budgetqa.extract.parse import parse
from budgetqa.verify.audit import audit
from render import render_pdf
from test_audit_families import CLEAN

TABLE = {"number": "", "title": "收入支出决算总表", "dept_line": "编制部门：测试市教育局 单位：万元",
         "header": [["项目", "决算数", "项目", "决算数"]],
         "rows": [["一、一般公共预算财政拨款收入", 250.00, "一、教育支出", 250.00],
                  ["二、事业收入", None, "", None],
                  ["本年收入合计", 250.00, "本年支出合计", 250.00]]}


def _render(tmp_path, text: str):
    blocks = [line for line in text.splitlines() if line.strip()] + [TABLE]
    path = render_pdf(blocks, tmp_path / "final.pdf", digit_drop=3.0)
    src = load(path)
    d = parse(src)
    return d, audit(d, src, by_cause=True)


def _errors(findings):
    return [f for f in findings if f.severity == "error"]


def test_clean_rendering_reads_and_has_no_errors(tmp_path):
    d, findings = _render(tmp_path, CLEAN)
    assert (d.meta.department, d.meta.year, d.meta.kind) == ("测试市教育局", 2024, "决算")
    assert {"final_summary_income", "final_summary_expense"} <= {t.key for t in d.tables}
    text = "".join(p.text for p in d.paragraphs).replace(" ", "")
    assert "年初预算为200.00万元，支出决算为250.00万元，完成年初预算的125.00%" in text   # digits stay on their line
    assert not _errors(findings), [f.line() for f in _errors(findings)]


PLANTED = [
    ("完成年初预算的125.00%", "完成年初预算的120.00%", "budget_vs_final", "error"),
    ("决算数大于年初预算数", "决算数小于年初预算数", "budget_vs_final", "error"),
    ("第二部分 测试市教育局2024年度", "第二部分 测试市卫生健康委员会2024年度", "department_name", "error"),
    ("截至2024年12月31日", "截至2022年12月31日", "year", "error"),
    ("决算总计250.00万元", "决算总计0万元", "implied_total", "error"),
    ("负责全市教育工作。", "负责XX工作。", "placeholder", "notice"),
    ("负责全市教育工作。", "负责全市教育工作。。", "punctuation", "notice"),
]


@pytest.mark.parametrize("old,new,kind,severity", PLANTED)
def test_planted_error_is_found_with_its_severity(tmp_path, old, new, kind, severity):
    assert old in CLEAN
    _, findings = _render(tmp_path, CLEAN.replace(old, new, 1))
    hits = [f for f in findings if f.kind == kind]
    assert hits and all(f.severity == severity for f in hits), [f.line() for f in findings]
    if severity == "notice":
        assert not _errors(findings), [f.line() for f in _errors(findings)]
