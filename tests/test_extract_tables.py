"""Values read from the samples' standard tables, each checked against the document text."""
from __future__ import annotations

import pytest

from budgetqa.extract.models import Disclosure


def cell(d: Disclosure, key: str, col: str, *, code: str | None = None, name: str | None = None,
         project: str | None = None, total: bool = False):
    t = d.table(key)
    assert t is not None, f"{key} missing in {d.source_name}"
    for r in t.rows:
        if total and r.is_total:
            return r.values.get(col)
        if code is not None and r.code == code.replace(" ", "") and (project is None or (r.project and project in r.project)):
            return r.values.get(col)
        if name is not None and code is None and name in r.name:
            return r.values.get(col)
    raise AssertionError(f"row not found in {key}: code={code} name={name} project={project}")


CASES = {
    "cj2024": [
        ("summary_income", "预算数", dict(name="本年收入"), 584.67),
        ("summary_income", "预算数", dict(name="一般财力"), 544.67),
        ("summary_income", "预算数", dict(name="上年结转结余"), 481.23),
        ("summary_income", "预算数", dict(name="收入总计"), 1065.90),
        ("summary_expense", "预算数", dict(code="206"), 1054.38),
        ("summary_expense", "预算数", dict(code="229"), 11.52),
        ("income", "单位资金", dict(code="206 01 01"), 40.00),
        ("income", "非财政拨款结转结余", dict(code="206 01 01"), 20.00),
        ("income", "财政拨款结转", dict(code="206 04 04"), 449.71),
        ("income", "一般公共预算", dict(code="206 05 99"), 50.00),
        ("expense", "项目支出", dict(total=True), 579.23),
        ("expense", "基本支出", dict(code="206 01 01"), 486.67),
        ("expense", "项目支出", dict(code="206 01 01"), 60.00),
        ("expense", "项目支出", dict(code="206 05 99"), 50.00),
        ("fiscal_summary_expense", "一般公共预算", dict(code="206"), 544.67),
        ("gpb_expense", "项目支出", dict(code="206 05 99"), 50.00),
        ("gpb_basic", "人员经费", dict(code="301 01"), 116.02),
        ("gpb_basic", "公用经费", dict(code="302 31"), 4.30),
        ("gpb_basic", "人员经费", dict(code="303 09"), 1.81),
        ("gpb_project", "合计", dict(code="206 01 02", project="引智工作经费"), 8.00),
        ("three_public", "合计", dict(name="公务接待费"), 0.48),
        ("carryover", "总计", dict(name="机关运行保障经费"), 20.00),
    ],
    "bz2025": [
        ("summary_income", "预算数", dict(name="一般公共预算拨款"), 2217.84),
        ("summary_income", "预算数", dict(name="上级一般公共预算安排转移支付"), 71.63),
        ("summary_income", "预算数", dict(name="收入总计"), 2337.28),
        ("summary_expense", "预算数", dict(code="221"), 54.93),
        ("income", "一般公共预算", dict(code="206 04 04"), 330.00),
        ("income", "上级一般公共预算转移支付", dict(code="206 04 04"), 15.00),
        ("income", "单位资金", dict(code="206 04 04"), 58.85),
        ("income", "财政拨款结转", dict(code="206 04 04"), 60.59),
        ("income", "总计", dict(code="208 05 05"), 68.25),
        ("expense", "项目支出", dict(total=True), 1613.07),
        ("expense", "基本支出", dict(code="206 01 01"), 259.11),
        ("expense", "项目支出", dict(code="206 04 99"), 1060.00),
        ("gpb_expense", "项目支出", dict(total=True), 1493.63),
        ("gpb_expense", "项目支出", dict(code="206 04 04"), 345.00),
        ("gpb_basic", "人员经费", dict(total=True), 680.74),
        ("gpb_basic", "公用经费", dict(code="302 11"), 3.50),
        ("gpb_basic", "人员经费", dict(code="301 01"), 180.98),
        ("gpb_project", "合计", dict(code="206 04 99", project="高新技术企业认定后奖励项目"), 1060.00),
        ("gpb_project", "合计", dict(code="206 04 04", project="自治州科学技术创新项目"), 230.00),
        ("three_public", "合计", dict(name="公务用车运行费"), 9.00),
        ("carryover", "总计", dict(name="技术合同认定登记机构补助经费"), 49.05),
    ],
    "wlmq2025": [
        ("summary_income", "预算数", dict(name="一般财力"), 4377.59),
        ("summary_income", "预算数", dict(name="财政拨款结转"), 1452.61),
        ("summary_income", "预算数", dict(name="收入总计"), 5932.17),
        ("income", "财政拨款结转", dict(code="206 02 08"), 1395.11),
        ("income", "一般公共预算", dict(code="206 02 08"), 718.00),
        ("income", "上级一般公共预算转移支付", dict(code="206 04 04"), 17.00),
        ("income", "单位资金", dict(code="206 02 03"), 3.33),
        ("income", "财政拨款结转", dict(code="206 05 99"), 53.97),
        ("expense", "基本支出", dict(total=True), 1401.38),
        ("expense", "项目支出", dict(code="206 05 99"), 293.94),
        ("expense", "项目支出", dict(code="206 02 08"), 2113.11),
        ("gpb_expense", "合计", dict(code="206 04 04"), 2080.50),
        ("gpb_basic", "人员经费", dict(total=True), 1280.21),
        ("gpb_basic", "公用经费", dict(total=True), 121.18),
        ("gpb_basic", "人员经费", dict(code="303 02"), 141.72),
        ("gpb_project", "合计", dict(total=True), 3047.97),
        ("gpb_project", "合计", dict(code="206 02 08", project="红山科创英才培养项目"), 598.00),
        ("gpb_project", "合计", dict(code="206 05 99", project="特定目标 2410010U"), 101.31),
        ("three_public", "合计", dict(total=True), 10.80),
        ("carryover", "总计", dict(name="红山科技领军人才项目经费"), 740.84),
        ("carryover", "总计", dict(name="乌鲁木齐市“十五五”前期课题研究编制经费"), 20.00),
    ],
}


@pytest.mark.parametrize("doc", sorted(CASES))
def test_table_values(parsed, doc):
    d = parsed[doc]
    wrong = []
    for key, col, where, expected in CASES[doc]:
        got = cell(d, key, col, **where)
        if got is None or abs(got - expected) > 1e-6:
            wrong.append(f"{key} {where} [{col}]: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)
    assert len(CASES[doc]) >= 20


def test_blank_cells_are_absent_not_zero(parsed):
    d = parsed["cj2024"]
    # 206 01 01 行政运行 in 表3 has 基本 486.67 and 项目 60.00; 206 01 02 has only 项目 8.00
    assert cell(d, "expense", "基本支出", code="206 01 02") is None
    assert cell(d, "income", "政府性基金预算", total=True) is None


def test_empty_tables_keep_their_statement(parsed):
    for doc in ("cj2024", "bz2025", "wlmq2025"):
        t = parsed[doc].table("gov_fund")
        assert t is not None and not t.rows and "空表" in (t.empty_note or "")


def test_wrapped_names_are_joined(parsed):
    t = parsed["bz2025"].table("income")
    r = t.row(code="2080505")
    assert r is not None and r.name == "机关事业单位基本养老保险缴费支出" and r.values["总计"] == 68.25
    t7 = parsed["wlmq2025"].table("gpb_project")
    names = [r.project for r in t7.rows if r.project]
    assert "2025 年人才发展资金--重点领域科技创新攻关“揭榜挂帅”项目" in names


def test_column_recovery_uses_parent_rows(parsed):
    """206 05 99 其他科技条件与服务支出 50.00 50.00: the parent row decides 项目 not 基本 (DOMAIN.md's example)."""
    d = parsed["cj2024"]
    assert cell(d, "gpb_expense", "项目支出", code="206 05 99") == 50.00
    assert cell(d, "gpb_expense", "基本支出", code="206 05 99") is None
    # 表6: 302 rows are 公用经费 because the 人员经费 column total only fits 301 + 303
    assert cell(d, "gpb_basic", "公用经费", code="302") == 44.20
    assert cell(d, "gpb_basic", "人员经费", code="302") is None


def test_truly_ambiguous_rows_are_marked_not_guessed(parsed):
    """表10's 合计 4.78 4.78: the second figure fits 一般公共预算, 政府性基金 or 国有资本经营 alike."""
    t = parsed["cj2024"].table("three_public")
    r = next(r for r in t.rows if r.is_total)
    assert r.values["合计"] == 4.78
    assert r.ambiguous and len(r.alternatives) == 3
    assert r.values["一般公共预算"] is None  # not silently guessed


def _violations(d: Disclosure) -> set[str]:
    """Identities recomputed here, independently of the audit: each row's columns against the
    template's identity, each parent row against the sum of its children."""
    from budgetqa.extract.templates import TEMPLATES

    out = set()
    for t in d.tables:
        tpl = next((x for x in TEMPLATES if x.key == t.key), None)
        for r in t.rows:
            if tpl and t.columns == tpl.columns and not r.ambiguous:
                for ident in tpl.identities:
                    parts = [r.values.get(t.columns[p]) or 0.0 for p in ident.parts]
                    if abs((r.values.get(t.columns[ident.total]) or 0.0) - sum(parts)) > 0.005 * (len(parts) + 1):
                        out.add(str(r.loc))
        for i, r in enumerate(t.rows):
            kids = [k for k in t.rows if k.parent == i]
            if kids and not r.ambiguous and not any(k.ambiguous for k in kids):
                for c in t.columns:
                    s = sum(k.values.get(c) or 0.0 for k in kids)
                    if abs((r.values.get(c) or 0.0) - s) > 0.005 * (len(kids) + 1):
                        out.add(str(r.loc))
    return out


def test_every_table_satisfies_its_identities_unless_audit_reports_it(parsed):
    """Row and parent/child identities hold on every parsed table, except where `budgetqa check`
    reports the document itself at fault (same locator)."""
    from budgetqa.verify.audit import audit

    for name, d in parsed.items():
        reported = {f.locator for f in audit(d)}
        unexplained = _violations(d) - reported
        assert not unexplained, f"{name}: identities fail at {sorted(unexplained)} and the audit does not report them"
        assert sum(len(t.rows) for t in d.tables) >= (0 if name == "wlmq2024js" else 150)


def test_audit_reports_a_broken_total(parsed):
    """Change one figure: the audit must name the row, the stated and computed totals and the difference."""
    from budgetqa.verify.audit import audit

    d = parsed["cj2024"].model_copy(deep=True)
    t = d.table("expense")
    r = t.row(code="2060101")
    r.values["合计"] = 547.67  # stated 546.67 = 486.67 + 60.00
    found = [f for f in audit(d) if f.locator == str(r.loc) and f.kind == "sum"]
    assert found and abs(found[0].difference - 1.0) < 1e-6 and found[0].computed == 546.67


@pytest.mark.parametrize("line, number, title", [
    ("表1 部门收支总体情况表", "1", "部门收支总体情况表"), ("表一 部门收支总表", "一", "部门收支总表"),
    ("公开01表 收入支出决算总表", "01", "收入支出决算总表"), ("附表1 收支总表", "1", "收支总表"),
    ("表1-2 一般公共预算支出表", "1-2", "一般公共预算支出表")])
def test_the_table_numberings_families_use(line, number, title):
    """表N, 表一, the national 决算's 公开NN表, 附表N and 表N-N all number a table (catalogue data)."""
    from budgetqa.extract.templates import numbered_title

    m = numbered_title(line)
    assert m and m.group(1) == number and m.group(2) == title
    assert numbered_title("表格说明") is None


def test_a_table_the_catalogue_does_not_know_is_kept_with_its_header_names(tmp_path):
    """A national 决算 table (title, then 公开05表, then the 部门 / 金额单位 line) is kept though
    no catalogue entry matches, its columns named by the header line above 栏次."""
    from budgetqa.extract.parse import parse_file

    f = tmp_path / "js.txt"
    f.write_text("\n".join([
        "某县卫生健康局2024年度部门决算", "第一部分 部门概况", "一、部门职责", "负责全县卫生健康工作。", "",
        "一般公共预算财政拨款支出决算表", "公开05表", "部门：某县卫生健康局                 金额单位：万元",
        "项目 本年支出", "科目编码 科目名称 小计 基本支出 项目支出", "栏次 1 2 3",
        "合计 6,150.47 2,609.17 3,541.30", "210 卫生健康支出 5,416.67 1,875.37 3,541.30",
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。"]), encoding="utf-8")
    d = parse_file(f)
    t = next(t for t in d.tables if t.title == "一般公共预算财政拨款支出决算表")
    assert t.columns == ["小计", "基本支出", "项目支出"]
    total = next(r for r in t.rows if r.is_total)
    assert total.values == {"小计": 6150.47, "基本支出": 2609.17, "项目支出": 3541.30}


def test_a_catalogued_title_over_other_columns_takes_its_header_names(tmp_path):
    """Columns are mapped by header text, never by count: a table whose title matches a
    catalogued one (一般公共预算支出表: 合计 / 基本支出 / 项目支出) but whose header names other
    columns keeps the header's."""
    from budgetqa.extract.parse import parse_file

    f = tmp_path / "ys.txt"
    f.write_text("\n".join([
        "某市教育局2025年部门预算", "第一部分 部门概况", "一、部门职责", "负责全市教育工作。", "",
        "表5", "一般公共预算支出表", "编制部门：某市教育局                 单位：万元",
        "科目编码 科目名称 合计 基本支出 其他资金", "栏次 1 2 3",
        "合计 1,000.00 200.00 800.00", "205 教育支出 1,000.00 200.00 800.00", ""]), encoding="utf-8")
    t = next(t for t in parse_file(f).tables if "一般公共预算支出" in t.title)
    assert t.key == "gpb_expense" and t.columns == ["合计", "基本支出", "其他资金"]
