"""The document's own inconsistencies: reported, never corrected.

Each check is a small function over a parsed `Disclosure` yielding `Finding`s. Every finding
says where (table and row, or section; locator), what is stated, what the numbers give,
the difference, and the rounding tolerance that was allowed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Literal

from pydantic import BaseModel

from budgetqa.extract.models import Disclosure, Figure, Table, TableRow
from budgetqa.core.normalize import norm, squash
from budgetqa.core.numeric import close, tolerance
from budgetqa.extract.source import Locator
from budgetqa.extract.templates import TEMPLATES

from .arith import HALF_CENT, pct_agrees, pct_range, sum_tolerance

# error: a real disagreement; rounding: a gap within the stated tolerance (one finding per cause);
# warning: a partial list against its total (project amounts, 资金分配); notice: worth a look, not a contradiction
Severity = Literal["error", "rounding", "warning", "notice"]
SEVERITIES: tuple[str, ...] = ("error", "rounding", "warning", "notice")
# findings about wording and layout, not arithmetic: no stated / computed pair when they carry none
WORDING_KINDS = ("table_missing", "empty_table", "placeholder", "department_name", "punctuation", "year")


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
    cells: list[str] = []     # a grouped finding (rounding, placeholders, punctuation): every place it covers

    def line(self) -> str:
        if self.kind in WORDING_KINDS and not (self.stated or self.computed):
            return f"[{self.kind}] {self.where} ({self.locator}) — {self.detail}"
        return (f"[{self.kind}] {self.where} ({self.locator}): stated {self.stated:,.2f}, "
                f"computed {self.computed:,.2f}, difference {self.difference:+,.2f} "
                f"(tolerance ±{self.tolerance:.3f}) — {self.detail}")


CENT = 0.0099  # a difference of a cent or more is reported; within `tolerance` it may be rounding


def _off(a: float, b: float) -> bool:
    return abs(a - b) > CENT


def _f(kind, where, loc, stated, computed, tol, detail, severity: Severity = "error") -> Finding:
    if abs(stated - computed) <= tol and kind in ("sum", "cross_table", "prose_vs_table"):
        severity = "rounding"
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
        codes = [t.rows[c].code for c in children if t.rows[c].code]
        # a child whose code extends another child's code is that child's descendant, not a sibling
        children = [c for c in children if not (t.rows[c].code and any(
            k != t.rows[c].code and t.rows[c].code.startswith(k) for k in codes))]
        # '其中：（1）公务用车购置费' rows detail the row above them, they are no further part of the total
        children = [c for c in children if not re.match(r"^\s*(?:其中|[（(]\d+[）)])", t.rows[c].name)]
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
        it, et = _grand(inc.rows), _grand(exp.rows)
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
        # the numbered items add up to 本年收入合计 when the table has one (收入总计 adds 上年结转 to it)
        it = next((r for r in inc.rows if re.fullmatch(r"本年收入合计", r.name)), it)
        if it and top and all(r.values.get(inc.columns[0]) is not None for r in top):
            s = sum(_v(r.values.get(inc.columns[0])) for r in top)
            tol = sum_tolerance(len(top))
            if _off(_v(it.values.get(inc.columns[0])), s):
                yield _f("sum", f"{inc.number} {inc.title} / 收入总计", it.loc, _v(it.values.get(inc.columns[0])), s, tol, "收入总计 ≠ Σ 一级收入项")


# ------------------------------------------------------------------ across tables

def _grand(rows: list[TableRow]) -> TableRow | None:
    """The table's grand total: a row named 总计 (收入总计 below 本年收入合计 and 上年结转),
    else its first total row (a coded table's 合计 on top)."""
    totals = [r for r in rows if r.is_total]
    return next((r for r in totals if "总计" in r.name), totals[0] if totals else None)


def _total(t: Table | None, col: str | None = None) -> tuple[float | None, TableRow | None]:
    if t is None:
        return None, None
    r = _grand(t.rows)
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
        # 表4's fund column may hold the fund's 上年结转 too, 表5 this year's money only: either agrees
        carried = next((_v(r.values.get(t4.columns[0])) for t4 in [d.table("fiscal_summary_income")] if t4
                        for r in t4.rows if re.search(r"上年结转", r.name) and r.values.get(t4.columns[0])), None)
        if not (carried and fs_v is not None and g_total is not None and not _off(g_total + carried, fs_v)):
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


def _project_rows(d: Disclosure, name: str) -> tuple[Table | None, list[TableRow]]:
    """The project's row in the table of projects: the catalogued 项目支出表 by its project column,
    else a table the catalogue does not know titled with 项目 whose row name starts with the project's."""
    t7 = d.table("gpb_project")
    if t7:
        rows = [r for r in t7.rows if r.project and _same_project(r.project, name)]
        if rows:
            return t7, rows
    key = re.sub(r"\s+", "", name)
    for t in d.tables:
        if (t.generic or t.key.startswith(("table_", "list_"))) and "项目" in t.title and len(key) >= 4:
            rows = [r for r in t.rows if re.sub(r"\s+", "", r.name).startswith(key)]
            if rows:
                return t, rows
    return None, []


def check_projects(d: Disclosure) -> Iterable[Finding]:
    for p in d.projects:
        if p.scale is None:
            continue
        t7, rows = _project_rows(d, p.name)
        if t7 is not None and len(rows) == 1:
            where = t7.number or "项目支出表"
            yield from _compare("project_amount", f"项目「{p.name}」: 预算安排规模 vs {where}", p.scale.loc, p.scale.value,
                                rows[0].values.get(t7.columns[0]), f"说明与{where}的项目金额应一致")
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


# ------------------------------------------------------------------ wording, layout and placeholders

_RULES = json.loads((Path(__file__).with_name("audit_rules.json")).read_text(encoding="utf-8"))
_NUM = r"(-?[\d,]+(?:\.\d+)?)"
_MAX_CELLS = 20


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _note(kind, where, loc, detail, severity: Severity = "notice", stated=0.0, computed=0.0, tol=0.0,
          cells: list[str] | None = None) -> Finding:
    return Finding(kind=kind, severity=severity, where=where, locator=str(loc), stated=round(stated, 4),
                   computed=round(computed, 4), difference=round(stated - computed, 4), tolerance=round(tol, 4),
                   detail=detail, cells=cells or [])


def _cells_text(cells: list[str]) -> str:
    shown = "、".join(cells[:_MAX_CELLS])
    return shown + (f" 等 {len(cells)} 处" if len(cells) > _MAX_CELLS else "")


def _lines(d: Disclosure, src=None) -> list[tuple[str, str]]:
    """(text, locator) of every line: the source's own lines when given, else paragraphs, headings, titles."""
    if src is not None and getattr(src, "lines", None):
        return [(norm(l.text), str(l.loc)) for l in src.lines if l.text and l.text.strip()]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for p in d.paragraphs:
        for h in p.section_path:
            if h not in seen:
                seen.add(h)
                out.append((h, str(p.loc)))
        out.append((p.text, str(p.loc)))
    out += [(t.title, str(t.loc)) for t in d.tables]
    return out


def _sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[。；;！？])", text) if x.strip()]


# 1. 决算数 against 年初预算数 and the words comparing them

_BUDGET = re.compile(r"年初预算(?:数)?(?:为|是)?\s*" + _NUM + r"\s*万元")
_FINAL = re.compile(r"(?<!年初)(?<!全年)(?:支出|收入)?决算(?:数)?(?:为|是)?\s*" + _NUM + r"\s*万元")
_PCT_DONE = re.compile(r"完成(?:年初)?预算(?:数)?的\s*" + _NUM + r"\s*[%％]")
_PCT_DIFF = re.compile(r"预决算差异率(?:为)?\s*" + _NUM + r"\s*[%％]")
_REL = re.compile(r"决算数?(大于|小于|等于|高于|低于|超过)(?:年初)?预算数?(?![（(])")
_FLAT = re.compile(r"(?:与年初预算(?:数)?持平|预决算(?:数)?持平|决算数?与(?:年初)?预算数?持平)")


def _statements(d: Disclosure):
    """Runs of sentences that state a 年初预算 figure, with the sentences that follow it up to the next one."""
    for p in d.paragraphs:
        sents = _sentences(p.text)
        i = 0
        while i < len(sents):
            if _BUDGET.search(sents[i]):
                j = i + 1
                while j < len(sents) and not _BUDGET.search(sents[j]) and not _FINAL.search(sents[j]) \
                        and (_REL.search(sents[j]) or _FLAT.search(sents[j]) or _PCT_DONE.search(sents[j])):
                    j += 1
                yield p, "".join(sents[i:j])
                i = j
            else:
                i += 1


def check_budget_vs_final(d: Disclosure, src=None) -> Iterable[Finding]:
    for p, text in _statements(d):
        b = _BUDGET.search(text)
        f = _FINAL.search(text, b.end()) or _FINAL.search(text)
        if not b or not f:
            continue
        budget, final = _num(b.group(1)), _num(f.group(1))
        where = f"{' > '.join(p.section_path[-1:])} / 年初预算 {budget:,.2f} 万元、决算 {final:,.2f} 万元"
        nxt = _BUDGET.search(text, f.end())
        tail = text[f.end(): nxt.start() if nxt else len(text)]
        pm = _PCT_DONE.search(tail)
        if pm and budget > 0:
            pct = _num(pm.group(1))
            if not pct_agrees(pct, final, budget):
                yield _note("budget_vs_final", where, p.loc, f"完成年初预算的 {pct}%，但 {final:,.2f} / {budget:,.2f} × 100 = "
                            f"{final / budget * 100:.2f}%", "error", pct, final / budget * 100, HALF_CENT * 2)
        dm = _PCT_DIFF.search(tail)
        if dm and budget > 0:
            pct = _num(dm.group(1))
            if not pct_agrees(pct, final - budget, budget):
                yield _note("budget_vs_final", where, p.loc, f"预决算差异率 {pct}%，但 ({final:,.2f} − {budget:,.2f}) / "
                            f"{budget:,.2f} × 100 = {(final - budget) / budget * 100:.2f}%", "error", pct,
                            (final - budget) / budget * 100, HALF_CENT * 2)
        rm, flat = _REL.search(tail), _FLAT.search(tail)
        same = close(final, budget)
        if rm:
            word = rm.group(1)
            ok = same if word == "等于" else (final > budget and not same) if word in ("大于", "高于", "超过") \
                else (final < budget and not same)
            if not ok:
                yield _note("budget_vs_final", where, p.loc, f"文字说「决算数{word}预算数」，但决算 {final:,.2f} 与年初预算 "
                            f"{budget:,.2f} 不符", "error", final, budget, tolerance(budget))
        elif flat and not same:
            yield _note("budget_vs_final", where, p.loc, f"文字说「{flat.group(0)}」，但决算 {final:,.2f} ≠ 年初预算 {budget:,.2f}",
                        "error", final, budget, tolerance(budget))


# 2. tables: named in 目录 or required by the kind, empty without a note, blank where the prose states a figure

_TOC_HEAD = re.compile(r"^目\s*录$")
_TOC_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|表\s*\d+|\d+\s*[、.．])?\s*(.+?表)(?:[\s.…·]*\d+)?$")


def _title_core(t: str) -> str:
    t = squash(t)
    t = re.sub(r"^(?:表\d+|[一二三四五六七八九十]+、)", "", t)
    t = re.sub(r"20\d\d年(?:度)?", "", t)
    t = re.sub(r"[（(][^）)]*[）)]", "", t)
    t = re.sub(r"^(?:.*?(?:局|委员会|委|办公室|厅|院|中心))?(?:部门|预算单位|单位)", "", t)
    return t.replace("“", "").replace("”", "").replace('"', "")


def _toc_tables(src) -> list[tuple[str, str]]:
    if src is None or not getattr(src, "lines", None):
        return []
    lines = [(norm(l.text).strip(), str(l.loc)) for l in src.lines]
    start = next((i for i, (t, _) in enumerate(lines[:200]) if _TOC_HEAD.match(t.replace(" ", ""))), None)
    if start is None:
        return []
    out, seen_heads = [], set()
    for t, loc in lines[start + 1: start + 120]:
        t = t.lstrip("-• ").strip()
        if not t:
            continue
        key = squash(t)
        if key in seen_heads:  # the body starts: its first heading repeats the contents' first line
            break
        seen_heads.add(key)
        m = _TOC_ITEM.match(t)
        if m and len(squash(m.group(1))) >= 4:
            out.append((m.group(1), loc))
    return out


def _has_table(d: Disclosure, core: str) -> bool:
    core = _title_core(core)
    for t in d.tables:
        c = _title_core(t.title)
        if c and (c == core or core in c or c in core):
            return True
    return False


def _words(p: str) -> set[str]:
    return {p[i:i + 2] for i in range(len(p) - 1)}


def _matches_required(d: Disclosure, key: str, name: str) -> bool:
    if any(t.key == key or t.key.startswith(key + "_") for t in d.tables):
        return True
    return _has_table(d, name)


def _empty_noted(d: Disclosure, t: Table) -> bool:
    """A note under the table (same page or the next), or a sentence naming the table's subject."""
    if t.empty_note:
        return True
    subject = next((w for w in ("政府性基金", "国有资本经营", "三公", "结转", "项目支出") if w in squash(t.title)), None)
    pats = [re.compile(x) for x in _RULES["empty_notes"]]
    for p in d.paragraphs:
        text = squash(p.text)
        near = t.loc.page is not None and p.loc.page in (t.loc.page, t.loc.page + 1) and \
            (p.loc.line or 0) >= (t.loc.line or 0)
        if not near and not (subject and subject in text):
            continue
        if any(x.search(text) for x in pats):
            return True
    return False


_ITEM_FIG = r"(?:（[类款项]）)?\s*(?:支出|经费)?(?:决算|预算)?(?:数)?(?:为|是)?\s*" + _NUM + r"\s*(万元|元|亿元)"


def check_tables_present(d: Disclosure, src=None) -> Iterable[Finding]:
    kind = d.meta.kind
    toc = _toc_tables(src)
    attached = any("见附表" in t or "见附件" in t for t, _ in _lines(d, src))
    named: set[str] = set()
    for name, loc in toc:
        named.add(_title_core(name))
        if not _has_table(d, name):
            yield _note("table_missing", name, loc, "目录列出此表，但文中没有这张表" + ("（文中说见附表）" if attached else ""),
                        "notice" if attached else "error")
    for key, name in (_RULES["required_tables"].get(kind or "", {})).items():
        if _title_core(name) in named or any(_title_core(name) in n or n in _title_core(name) for n in named):
            continue
        if not _matches_required(d, key, name):
            yield _note("table_missing", name, d.meta.loc or "?", f"{kind}公开通常应有此表，文中未找到"
                        + ("（文中说见附表）" if attached else ""))
    # empty tables without a note
    for t in d.tables:
        if t.generic or not t.rows and t.key.endswith("expense") and any(
                o.key == t.key and o is not t and o.rows for o in d.tables):
            continue
        if all(v is None for r in t.rows for v in r.values.values()) and not _empty_noted(d, t):
            yield _note("empty_table", f"{t.number or ''} {t.title}".strip(), t.loc,
                        "表中没有任何数字，文中也没有说明为空表（空表 / 无数据 / 没有…收支）")
    # a row the table leaves blank while the prose states a figure for it
    prose = [(squash(p.text), p) for p in d.paragraphs]

    def item(n: str) -> str:
        return re.sub(r"^(?:其中[：:]|[\d一二三四五六七八九十]+[.、．])+", "", squash(n))

    stated_somewhere = {item(r.name) for t in d.tables for r in t.rows if any(v is not None for v in r.values.values())}
    for t in d.tables:
        for r in t.rows:
            name = item(r.name)
            if len(name) < 4 or r.is_total or not r.values or any(v is not None for v in r.values.values()) \
                    or name in stated_somewhere:  # the same name elsewhere has the figure (a homonym row)
                continue
            pat = re.compile(re.escape(name) + _ITEM_FIG)
            for text, p in prose:
                m = pat.search(text)
                if m and _num(m.group(1)) != 0:
                    yield _note("blank_cell", f"{t.number or ''} {t.title} / {r.name}".strip(), r.loc,
                                f"说明中写 {r.name} {m.group(1)} {m.group(2)}（{p.loc}），表中该行为空", "error",
                                _num(m.group(1)), 0.0)
                    break


# 3. placeholders and the department's name

def check_placeholders(d: Disclosure, src=None) -> Iterable[Finding]:
    lines = _lines(d, src)
    for label, pat in _RULES["placeholders"].items():
        rx = re.compile(pat)
        cells = [loc for text, loc in lines if rx.search(text)]
        if cells:
            cells = list(dict.fromkeys(cells))
            yield _note("placeholder", f"占位符「{label}」", cells[0], f"文中留有未填写的占位符「{label}」，见 {_cells_text(cells)}",
                        cells=cells)


_ORG_TAIL = r"(?:局|委员会|委|办公室|厅|部|院|中心|站|所|协会|联合会|馆|校|学校|医院|街道办事处|街道|镇|乡|政府|处|队|团|社)"
_REGION = re.compile(r"^.*(?:省|自治区|市|自治州|州|地区|盟|区|县|旗)")
_DEPT_IN_HEAD = [
    re.compile(r"^第[一二三四五六七八九十]+部分(.{2,40}?" + _ORG_TAIL + r")(?:（[^）]*）)?(?:20\d\d年|概况|部门|单位)"),
    re.compile(r"^(.{2,40}?" + _ORG_TAIL + r")(?:（[^）]*）)?20\d\d年(?:度)?(?:部门|单位)(?:预算|决算)"),
    re.compile(r"编制(?:部门|单位)[:：](.{2,40}?" + _ORG_TAIL + r")(?=单位[:：]|$|\s)"),
]


def _dept_tail(name: str) -> str:
    n = re.sub(r"[（(][^）)]*[）)]", "", squash(name))
    return _REGION.sub("", n) or n


def _same_dept(a: str, b: str) -> bool:
    sa, sb = re.sub(r"[（(][^）)]*[）)]", "", squash(a)), re.sub(r"[（(][^）)]*[）)]", "", squash(b))
    if sa in sb or sb in sa:
        return True
    ta, tb = _dept_tail(a), _dept_tail(b)
    return bool(ta and tb) and (ta == tb or ta.endswith(tb) or tb.endswith(ta))


def check_department_names(d: Disclosure, src=None) -> Iterable[Finding]:
    dept = d.meta.department
    if not dept or not re.search(_ORG_TAIL + r"(?:[（(][^）)]*[）)])?$", squash(dept)):
        return  # no cover name, or one that is not an organisation's: nothing to compare with
    seen: set[str] = set()
    for text, loc in _lines(d, src):
        t = squash(text)
        for rx in _DEPT_IN_HEAD:
            m = rx.search(t)
            if m and not _same_dept(m.group(1), dept) and (m.group(1), loc) not in seen:
                seen.add((m.group(1), loc))
                yield _note("department_name", f"部门名称「{m.group(1)}」", loc,
                            f"标题或编制部门写作「{m.group(1)}」，封面为「{dept}」", "error")
                break


# 4. years in headings and dates

_Y_DOC = re.compile(r"(?<![与比较同])(20\d\d)年(?:度)?(?:部门|单位)(决算|预算)(?!执行)")
_Y_DATE = re.compile(r"截至(20\d\d)年12月31日")
_Y_CMP = re.compile(r"(?:与(20\d\d)年(?:度)?(?:决算|预算)?(?:数)?相比|比(20\d\d)年(?:度)?(?:决算|预算))")


def check_years(d: Disclosure, src=None) -> Iterable[Finding]:
    n, kind = d.meta.year, d.meta.kind
    if not n or kind not in ("预算", "决算"):
        return
    for text, loc in _lines(d, src):
        t = squash(text)
        for m in _Y_DOC.finditer(t):
            y = int(m.group(1))
            if m.group(2) == kind and y != n:
                yield _note("year", f"年度「{m.group(0)}」", loc, f"文中写 {m.group(0)}，本文件是 {n} 年{kind}", "error", y, n)
        for m in _Y_DATE.finditer(t):
            y, want = int(m.group(1)), (n if kind == "决算" else n - 1)
            if y not in (want, n):
                yield _note("year", f"日期「{m.group(0)}」", loc, f"{n} 年{kind}的资产日期应为 {want} 年 12 月 31 日", "error", y, want)
        for m in _Y_CMP.finditer(t):
            y = int(m.group(1) or m.group(2))
            if y != n - 1:
                yield _note("year", f"比较年度「{m.group(0)}」", loc, f"{n} 年{kind}与上年（{n - 1} 年）比较，文中写 {y} 年", "error", y, n - 1)


# 5. a total stated as 0 (or tiny) while its own change and growth rate imply another value

_IMPLIED = re.compile(_NUM + r"\s*万元[。，,；]?\s*(?:与(?:上年|上年度|20\d\d年度?)(?:决算|预算)?(?:数)?相比|比(?:上年|上年度|20\d\d年度?)"
                      r"(?:决算|预算)?(?:执行)?(?:数)?)[，,]?[^，。\d%]{0,24}?(增加|减少)\s*" + _NUM + r"\s*万元[，,]?\s*(增长|下降)\s*"
                      + _NUM + r"\s*[%％]")


def check_implied_totals(d: Disclosure, src=None) -> Iterable[Finding]:
    for p in d.paragraphs:
        t = squash(p.text)
        for m in _IMPLIED.finditer(t):
            stated, change, pct = _num(m.group(1)), _num(m.group(3)), _num(m.group(5))
            if change == 0 or pct == 0:
                continue
            sgn = 1 if m.group(2) == "增加" else -1
            prev = change / (pct / 100)
            implied = prev + sgn * change
            if implied <= 0 or stated > 0.1 * implied:
                continue  # only the 0 / tiny totals: an ordinary wrong rate is the growth check's
            yield _note("implied_total", f"{' > '.join(p.section_path[-1:])} / {m.group(0)[:40]}", p.loc,
                        f"写为 {stated:,.2f} 万元，但{m.group(2)} {change:,.2f} 万元、{m.group(4)} {pct}% 意味着上年约 {prev:,.2f}、"
                        f"本年约 {implied:,.2f} 万元", "error", stated, implied, tolerance(implied))


# 6. repeated punctuation

_REPEAT = re.compile(r"(?<!。)。。(?!。)|，，|；；|、、|：：|,,")


def check_punctuation(d: Disclosure, src=None) -> Iterable[Finding]:
    cells = list(dict.fromkeys(loc for text, loc in _lines(d, src) if _REPEAT.search(text.replace(" ", ""))))
    if cells:
        yield _note("punctuation", "重复标点", cells[0], f"重复的标点（。。 ，， ；； 等），见 {_cells_text(cells)}", cells=cells)


# ------------------------------------------------------------------ one finding per rounding cause

def group_rounding(findings: list[Finding], *, by_cause: bool = False) -> list[Finding]:
    """Rounding gaps of the same size on the same figure (one row over several columns; with `by_cause`
    also over rows and tables) are one cause: keep one finding and list the cells."""
    out: list[Finding] = []
    groups: dict[tuple, Finding] = {}
    for f in findings:
        if f.severity != "rounding":
            out.append(f)
            continue
        key = (f.kind, f.stated, f.computed) if by_cause else (f.kind, f.locator, f.stated, f.computed)
        g = groups.get(key)
        if g is None:
            g = groups[key] = f.model_copy(update={"cells": [f"{f.where} ({f.locator})"]})
            out.append(g)
        else:
            g.cells.append(f"{f.where} ({f.locator})")
            g.tolerance = max(g.tolerance, f.tolerance)
    for g in groups.values():
        if len(g.cells) > 1:
            g.where = f"{g.where} 等 {len(g.cells)} 处"
            g.detail += f"；同一舍入差额见于：{_cells_text(g.cells)}"
    return out


def audit(d: Disclosure, src=None, *, by_cause: bool = False) -> list[Finding]:
    """All checks. `src` (the loaded `SourceDoc`) adds the lines the parse keeps no paragraph for
    (目录, headings, 编制部门 lines). Rounding gaps of one row are always one finding; with
    `by_cause` the same gap repeated over rows and tables (one rounded figure) is one finding too."""
    out: list[Finding] = []
    for t in d.tables:
        out.extend(check_row_identities(t))
        out.extend(check_group_identities(t))
    for check in (check_two_sided, check_cross_tables, check_prose_figures, check_components, check_projects):
        out.extend(check(d))
    for check in (check_budget_vs_final, check_tables_present, check_placeholders, check_department_names,
                  check_years, check_implied_totals, check_punctuation):
        out.extend(check(d, src))
    return group_rounding(out, by_cause=by_cause)
