"""Audit findings as the document page lists them: severity first, one note per cause, units shown.

`verify.audit.audit(d, src, by_cause=True)` already makes one finding of a rounding gap repeated
over cells; here notes with the same cause and wording (e.g. nine 「文中未找到」 tables) become
one note listing the places, every note is ordered by severity (错误 → 舍入 → 警告 → 提示), and
its amounts get the unit of the table they stand in. No Streamlit here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from budgetqa.extract.models import Disclosure
from budgetqa.verify.audit import SEVERITIES, WORDING_KINDS, Finding

SEVERITY_LABELS = {"error": "错误", "rounding": "舍入", "warning": "警告", "notice": "提示"}
SEVERITY_COLORS = {"error": "red", "rounding": "gray", "warning": "orange", "notice": "blue"}
SEVERITY_HELP = {
    "error": "数字之间真正不符：合计与分项、表与表、说明与表格对不上，超出四舍五入容差。",
    "rounding": "差额在四舍五入容差之内（通常是 0.01），多半是各数分别取整所致；同一原因只列一次。",
    "warning": "部分列示与总数不符，例如项目的资金分配明细或绩效目标表金额与预算安排规模不一致。",
    "notice": "值得一看，但不是数字矛盾：缺表、空表未说明、占位符、名称或年份不一致、标点等。",
}
KIND_LABELS = {"sum": "合计与分项不符", "share": "占比不符", "growth": "增减不符", "cross_table": "表间不符",
               "prose_vs_table": "说明与表格不符", "project_amount": "项目金额不符", "allocation": "资金分配不符",
               "components": "构成不符", "budget_vs_final": "预决算口径", "table_missing": "缺少公开表",
               "empty_table": "空表未说明", "placeholder": "占位符", "department_name": "部门名称不一致",
               "year": "年度不一致", "implied_total": "总数与增减矛盾", "punctuation": "重复标点"}
PERCENT_KINDS = ("share", "growth")
_TABLE_NO = re.compile(r"^(表\s*[0-9０-９一二三四五六七八九十]+(?:-\d+)?)")


@dataclass
class Note:
    """One cause: a finding, or several notices saying the same thing about different places."""

    finding: Finding
    unit: str
    places: list[str] = field(default_factory=list)  # every place it covers (grouped rounding / notices)

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def has_amounts(self) -> bool:
        f = self.finding
        return not (f.kind in WORDING_KINDS and not (f.stated or f.computed))


def unit_for(d: Disclosure, f: Finding) -> str:
    """The unit of a finding's amounts: % for shares and growth rates, else the unit of the table
    named at the start of `where` (表3 …), else the document's."""
    if f.kind in PERCENT_KINDS:
        return "%"
    m = _TABLE_NO.match(f.where.strip())
    if m:
        no = m.group(1).replace(" ", "")
        t = next((t for t in d.tables if (t.number or "").replace(" ", "") == no), None)
        if t is not None and t.unit:
            return t.unit
    for t in d.tables:
        if t.title and t.title in f.where and t.unit:
            return t.unit
    return d.meta.unit or "万元"


def notes(d: Disclosure, findings: list[Finding]) -> list[Note]:
    """Findings as notes: severity first (stable within a severity), notices of one cause merged."""
    out: list[Note] = []
    merged: dict[tuple, Note] = {}
    for f in findings:
        places = list(f.cells) if len(f.cells) > 1 else []
        if f.severity == "notice" and f.kind in WORDING_KINDS:
            key = (f.kind, f.detail)
            if key in merged:
                merged[key].places.append(f"{f.where}（{f.locator}）")
                continue
            n = merged[key] = Note(f, unit_for(d, f), places or [f"{f.where}（{f.locator}）"])
            out.append(n)
            continue
        out.append(Note(f, unit_for(d, f), places))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda n: order.get(n.severity, len(order)))


def counts(ns: list[Note]) -> dict[str, int]:
    return {s: sum(n.severity == s for n in ns) for s in SEVERITIES}


def amount(v: float, unit: str) -> str:
    return f"{v:,.2f}%" if unit == "%" else f"{v:,.2f} {unit}"


def title(n: Note) -> str:
    """What the note is about: the finding's place, or the places of merged notices."""
    f = n.finding
    if n.places and f.severity == "notice" and len(n.places) > 1:
        return f"{KIND_LABELS.get(f.kind, f.kind)}：{len(n.places)} 处"
    return f.where


def amounts_line(n: Note) -> str:
    f = n.finding
    return (f"文档所列 **{amount(f.stated, n.unit)}** · 计算所得 **{amount(f.computed, n.unit)}** · "
            f"差额 **{f.difference:+,.2f}{'%' if n.unit == '%' else ' ' + n.unit}**"
            f"（容差 ±{f.tolerance:.2f}{'%' if n.unit == '%' else ' ' + n.unit}） · 位置 {f.locator}")


_SAME_GAP = "；同一舍入差额见于："


def detail(n: Note) -> str:
    """The finding's explanation without the list of places (shown apart)."""
    return n.finding.detail.split(_SAME_GAP, 1)[0]
