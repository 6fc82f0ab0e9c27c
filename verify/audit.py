"""The document's own inconsistencies: reported, never corrected.

Each check is a small function over a parsed `Disclosure` yielding `Finding`s. Every finding
says where (table and row, or section; locator), what is stated, what the numbers give,
the difference, and the rounding tolerance that was allowed.
"""
from __future__ import annotations

import re
from typing import Iterable, Literal

from pydantic import BaseModel

from budgetqa.extract.models import Disclosure, Figure, Table, TableRow
from budgetqa.core.normalize import squash
from budgetqa.extract.source import Locator
from budgetqa.extract.templates import TEMPLATES

from .arith import HALF_CENT, pct_range, sum_tolerance

Severity = Literal["error", "warning"]


class Finding(BaseModel):
    kind: str                 # sum | share | growth | cross_table | prose_vs_table | project_amount | allocation
    severity: Severity = "error"
    where: str
    locator: str
    stated: float
    computed: float
    difference: float
    tolerance: float
    detail: str

    def line(self) -> str:
        return (f"[{self.kind}] {self.where} ({self.locator}): stated {self.stated:,.2f}, "
                f"computed {self.computed:,.2f}, difference {self.difference:+,.2f} "
                f"(tolerance ±{self.tolerance:.3f}) — {self.detail}")


CENT = 0.0099  # a difference of a cent or more is reported; within `tolerance` it may be rounding


def _off(a: float, b: float) -> bool:
    return abs(a - b) > CENT


def _f(kind, where, loc, stated, computed, tol, detail, severity: Severity = "error") -> Finding:
    if abs(stated - computed) <= tol and kind in ("sum", "cross_table", "prose_vs_table"):
        severity = "warning"
        detail += "（差额在舍入容差内，可能是各数分别四舍五入所致）"
    return Finding(kind=kind, severity=severity, where=where, locator=str(loc), stated=round(stated, 4),
                   computed=round(computed, 4), difference=round(stated - computed, 4), tolerance=tol, detail=detail)


def _v(x: float | None) -> float:
    return 0.0 if x is None else x


def _rowname(t: Table, r: TableRow) -> str:
    label = " ".join(filter(None, [" ".join(r.code_parts) if r.code_parts else None, r.name, r.project]))
    return f"{t.number or ''} {t.title} / {label}".strip()


# ------------------------------------------------------------------ within a table

def check_row_identities(t: Table) -> Iterable[Finding]:
    tpl = next((x for x in TEMPLATES if t.key == x.key), None)
    if tpl is None or t.columns != tpl.columns:
        return
    for r in t.rows:
        if r.ambiguous:
            continue
        for ident in tpl.identities:
            total = r.values.get(t.columns[ident.total])
            parts = [r.values.get(t.columns[p]) for p in ident.parts]
            if total is None and all(p is None for p in parts):
                continue
            s = sum(_v(p) for p in parts)
            tol = sum_tolerance(len([p for p in parts if p is not None]))
            if _off(_v(total), s):
                names = " + ".join(t.columns[p] for p in ident.parts if r.values.get(t.columns[p]) is not None)
                yield _f("sum", _rowname(t, r), r.loc, _v(total), s, tol,
                         f"{t.columns[ident.total]} ≠ {names}")


def check_group_identities(t: Table) -> Iterable[Finding]:
    kids: dict[int, list[int]] = {}
    for i, r in enumerate(t.rows):
        if r.parent is not None:
            kids.setdefault(r.parent, []).append(i)
    for p, children in kids.items():
        parent = t.rows[p]
        for col in t.columns:
            if parent.values.get(col) is None and parent.ambiguous:
                continue
            if any(t.rows[c].ambiguous and t.rows[c].values.get(col) is None for c in children):
                continue
            s = sum(_v(t.rows[c].values.get(col)) for c in children)
            stated = _v(parent.values.get(col))
            tol = sum_tolerance(len(children))
            if _off(stated, s):
                what = "总计 ≠ Σ 下级行" if parent.is_total else "上级科目 ≠ Σ 下级科目"
                yield _f("sum", f"{_rowname(t, parent)} [{col}]", parent.loc, stated, s, tol,
                         f"{what} ({len(children)} 行)")


def check_two_sided(d: Disclosure) -> Iterable[Finding]:
    for key in ("summary", "fiscal_summary"):
        inc, exp = d.table(f"{key}_income"), d.table(f"{key}_expense")
        if not inc or not exp:
            continue
        it = next((r for r in inc.rows if r.is_total), None)
        et = next((r for r in exp.rows if r.is_total), None)
        col = exp.columns[0]
        if it and et:
            a, b = _v(it.values.get(inc.columns[0])), _v(et.values.get(col))
            if _off(a, b):
                yield _f("sum", f"{inc.number} 收入总计 vs 支出总计", it.loc, a, b, sum_tolerance(1), "收入总计应等于支出总计")
        if et:
            lei = [r for r in exp.rows if r.level == 1 and r.values.get(col) is not None]
            if lei:
                s = sum(_v(r.values.get(col)) for r in lei)
                tol = sum_tolerance(len(lei))
                if _off(_v(et.values.get(col)), s):
                    yield _f("sum", f"{exp.number} {exp.title} / 支出总计", et.loc, _v(et.values.get(col)), s, tol, "支出总计 ≠ Σ 类")
        # left side: 收入总计 = Σ top-level items (一、二、…); each top-level = Σ its numbered items
        top = [r for r in inc.rows if re.match(r"^[一二三四五六七八九十]+、", r.name)]
        if it and top and all(r.values.get(inc.columns[0]) is not None for r in top):
            s = sum(_v(r.values.get(inc.columns[0])) for r in top)
            tol = sum_tolerance(len(top))
            if _off(_v(it.values.get(inc.columns[0])), s):
                yield _f("sum", f"{inc.number} {inc.title} / 收入总计", it.loc, _v(it.values.get(inc.columns[0])), s, tol, "收入总计 ≠ Σ 一级收入项")


# ------------------------------------------------------------------ across tables

def _total(t: Table | None, col: str | None = None) -> tuple[float | None, TableRow | None]:
    if t is None:
        return None, None
    r = next((r for r in t.rows if r.is_total), None)
    if r is None:
        return None, None
    c = col or t.columns[0]
    if r.ambiguous and r.values.get(c) is None:
        return None, r
    return r.values.get(c), r


def _compare(kind, where, loc, stated, computed, detail, tol=None) -> Iterable[Finding]:
    if stated is None or computed is None:
        return
    tol = tol if tol is not None else sum_tolerance(1)
    if _off(stated, computed):
        yield _f(kind, where, loc, stated, computed, tol, detail)


def check_cross_tables(d: Disclosure) -> Iterable[Finding]:
    inc_total, inc_row = _total(d.table("summary_income"))
    pairs = [
        ("income", None, "表2 总计 vs 表1 收入总计"),
        ("expense", None, "表3 总计 vs 表1 收入总计"),
    ]
    for key, col, label in pairs:
        v, r = _total(d.table(key), col)
        if r is not None:
            yield from _compare("cross_table", label, r.loc, v, inc_total, "两表总计应一致")
    gpb = d.table("gpb_expense")
    g_total, g_row = _total(gpb)
    fs_v, fs_row = _total(d.table("fiscal_summary_expense"), "一般公共预算")
    if g_row is not None:
        yield from _compare("cross_table", "表5 总计 vs 表4 一般公共预算支出总计", g_row.loc, g_total, fs_v, "两表应一致")
        basic, _ = _total(gpb, "基本支出")
        proj, _ = _total(gpb, "项目支出")
        b6, r6 = _total(d.table("gpb_basic"))
        p7, r7 = _total(d.table("gpb_project"))
        if r6 is not None:
            yield from _compare("cross_table", "表6 总计 vs 表5 基本支出", r6.loc, b6, basic, "一般公共预算基本支出两表应一致")
        if r7 is not None:
            yield from _compare("cross_table", "表7 总计 vs 表5 项目支出", r7.loc, p7, proj, "一般公共预算项目支出两表应一致")
    # the same 类 in 表1 (right side) and 表3
    s1, s3 = d.table("summary_expense"), d.table("expense")
    if s1 and s3:
        by_code = {r.code: r for r in s3.rows if r.code and r.level == 1}
        for r in s1.rows:
            if r.code in by_code and r.values.get(s1.columns[0]) is not None:
                yield from _compare("cross_table", f"表1 {r.code} {r.name} vs 表3", r.loc, r.values[s1.columns[0]],
                                    by_code[r.code].values.get(s3.columns[0]), "同一科目两表应一致")


# ------------------------------------------------------------------ prose

def _section_base(d: Disclosure, pf) -> float | None:
    """The total a share in this section is taken of: the section's '… X 万元，其中：' statement."""
    for p in d.paragraphs:
        if p.section_path == pf.section_path and "其中" in p.text and (p.loc.line or 0) <= (pf.loc.line or 0):
            m = re.search(r"([\d,]+\.\d{2})\s*万元\s*[,，]?\s*其中", p.text)
            if m:
                base = float(m.group(1).replace(",", ""))
    return locals().get("base")


def check_prose_figures(d: Disclosure) -> Iterable[Finding]:
    for pf in d.prose_figures:
        where = f"{' > '.join(pf.section_path[-2:])} / {pf.subject}"
        if pf.amount is not None and pf.change is not None and pf.change_pct is not None:
            prev = pf.amount - pf.change
            if abs(prev) > 0.01:
                r = pct_range(pf.change, prev, half=HALF_CENT * 2)
                computed = pf.change / prev * 100
                if r and not (r[0] - HALF_CENT <= pf.change_pct <= r[1] + HALF_CENT):
                    yield _f("growth", where, pf.loc, pf.change_pct, computed, round((r[1] - r[0]) / 2 + HALF_CENT, 4),
                             f"增长率应为 {pf.change:,.2f} / ({pf.amount:,.2f} − {pf.change:,.2f}) × 100")
        if pf.amount is not None and pf.share_pct is not None:
            base = _section_base(d, pf)
            if base:
                r = pct_range(pf.amount, base)
                computed = pf.amount / base * 100
                if r and not (r[0] - HALF_CENT <= pf.share_pct <= r[1] + HALF_CENT):
                    yield _f("share", where, pf.loc, pf.share_pct, computed, round((r[1] - r[0]) / 2 + HALF_CENT, 4),
                             f"占比应为 {pf.amount:,.2f} / {base:,.2f} × 100")


def _fig(x: Figure | None) -> float | None:
    return None if x is None else x.value


def check_components(d: Disclosure) -> Iterable[Finding]:
    """Stated totals against their stated parts: 三公, 政府采购."""
    for label, tp in (("三公经费(说明)", d.three_public_prose), ("三公经费(表)", d.three_public)):
        if tp and tp.total:
            parts = [x for x in (tp.outbound, tp.reception, tp.vehicle_total) if x is not None]
            if tp.vehicle_total is None:
                parts += [x for x in (tp.vehicle_purchase, tp.vehicle_operation) if x is not None]
            if len(parts) >= 2:
                s = sum(p.value for p in parts)
                tol = sum_tolerance(len(parts))
                if _off(tp.total.value, s):
                    yield _f("sum", f"{label} 合计", tp.total.loc, tp.total.value, s, tol, "合计 ≠ 出国 + 接待 + 公务用车")
    if d.three_public_prose and d.three_public and d.three_public.source == "table":
        for key, name in (("total", "合计"), ("outbound", "因公出国（境）费"), ("reception", "公务接待费"),
                          ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行费")):
            a, b = getattr(d.three_public_prose, key), getattr(d.three_public, key)
            if a is not None and (b is not None or a.value != 0):
                yield from _compare("prose_vs_table", f"三公经费 {name}: 说明 vs 表", a.loc, a.value, _fig(b) or 0.0,
                                    "说明与表中数字应一致")
    pr = d.procurement
    if pr and pr.total and any(x is not None for x in (pr.goods, pr.works, pr.services)):
        parts = [x for x in (pr.goods, pr.works, pr.services) if x is not None]
        s = sum(p.value for p in parts)
        tol = sum_tolerance(len(parts))
        if _off(pr.total.value, s):
            yield _f("sum", "政府采购 总额", pr.total.loc, pr.total.value, s, tol, "总额 ≠ 货物 + 工程 + 服务")


def _same_project(a: str, b: str) -> bool:
    a, b = squash(a), squash(b)
    return bool(a and b) and (a == b or (len(a) >= 6 and a in b) or (len(b) >= 6 and b in a))


def check_projects(d: Disclosure) -> Iterable[Finding]:
    t7 = d.table("gpb_project")
    for p in d.projects:
        if p.scale is None:
            continue
        if t7:
            rows = [r for r in t7.rows if r.project and _same_project(r.project, p.name)]
            if len(rows) == 1:
                yield from _compare("project_amount", f"项目「{p.name}」: 预算安排规模 vs 表7", p.scale.loc, p.scale.value,
                                    rows[0].values.get(t7.columns[0]), "说明与表7的项目金额应一致")
        for pt in d.performance:
            if pt.project and _same_project(pt.project, p.name) and pt.funds:
                amount = next((v for v in pt.funds[0].values.values() if v is not None), None)
                if amount is not None and abs(amount - p.scale.value) > sum_tolerance(1):
                    yield _f("project_amount", f"项目「{p.name}」: 预算安排规模 vs 绩效目标表", p.scale.loc, p.scale.value,
                             amount, sum_tolerance(1), f"绩效目标表 {pt.funds[0].name} 为 {amount:,.2f}", severity="warning")
                break
        amounts = [a.amount.value for a in p.allocations if a.amount is not None]
        if len(amounts) >= 2:
            s = sum(amounts)
            if abs(s - p.scale.value) > sum_tolerance(len(amounts)):
                yield _f("allocation", f"项目「{p.name}」: 资金分配明细合计 vs 预算安排规模", p.scale.loc, p.scale.value, s,
                         sum_tolerance(len(amounts)), f"资金分配列出的 {len(amounts)} 项合计 {s:,.2f}", severity="warning")


def audit(d: Disclosure) -> list[Finding]:
    out: list[Finding] = []
    for t in d.tables:
        out.extend(check_row_identities(t))
        out.extend(check_group_identities(t))
    for check in (check_two_sided, check_cross_tables, check_prose_figures, check_components, check_projects):
        out.extend(check(d))
    return out
