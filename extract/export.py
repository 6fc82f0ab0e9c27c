"""A parsed disclosure as markdown tables or an xlsx workbook (a sheet a table)."""
from __future__ import annotations

import io
import re
import unicodedata

from .models import Disclosure, Figure, Table


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def table_records(t: Table) -> list[dict]:
    """Rows as flat records (for dataframes, csv, xlsx)."""
    out = []
    for r in t.rows:
        rec = {"科目编码": " ".join(r.code_parts), "名称": r.name}
        if any(x.project for x in t.rows):
            rec["项目名称"] = r.project or ""
        rec.update({c: r.values.get(c) for c in t.columns})
        rec["列归属"] = "不确定" if r.ambiguous else ""
        rec["定位"] = str(r.loc)
        out.append(rec)
    return out


def to_markdown(d: Disclosure) -> str:
    m = d.meta
    lines = [f"# {m.department or d.source_name} {m.year or ''} 年{m.kind or ''}", "",
             f"- 来源: {d.source_name} (doc {d.doc_id})", f"- 单位: {m.unit}", ""]
    if d.staffing:
        s = d.staffing
        pairs = [("编制数", s.authorized), ("实有人数", s.actual), ("在职", s.active), ("退休", s.retired), ("离休", s.lixiu)]
        lines.append("## 人员\n")
        lines.append(" · ".join(f"{k} {int(v.value) if v.value.is_integer() else v.value}" for k, v in pairs if v))
        lines.append("")
    for t in d.tables:
        lines.append(f"## {t.number or ''} {t.title}（单位：{t.unit}）\n")
        if t.empty_note and not t.rows:
            lines.append(f"> {t.empty_note}\n")
            continue
        recs = table_records(t)
        if not recs:
            continue
        cols = [c for c in recs[0].keys() if c != "定位"]
        lines.append("| " + " | ".join(cols) + " |")
        lines.append("|" + "---|" * len(cols))
        for rec in recs:
            lines.append("| " + " | ".join(_fmt(rec[c]) if isinstance(rec[c], float) or rec[c] is None else str(rec[c])
                                           for c in cols) + " |")
        lines.append("")
    if d.projects:
        lines.append("## 项目\n")
        for p in d.projects:
            scale = f"{p.scale.value:,.2f} 万元" if p.scale else "—"
            lines.append(f"- **{p.name}**: {scale}" + (f"；{p.allocation_text}" if p.allocation_text else ""))
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- xlsx

NUM_FORMAT = "#,##0.00"
INT_FORMAT = "#,##0"
SHEET_MAX = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def loc_zh(loc) -> str:
    """A locator in Chinese: 第3页 第12行 / 工作表 X 单元格 B4."""
    if loc is None:
        return ""
    parts = []
    if loc.sheet:
        parts.append(f"工作表 {loc.sheet}")
    if loc.cell:
        parts.append(f"单元格 {loc.cell}")
    if loc.page is not None:
        parts.append(f"第{loc.page}页")
    if loc.line is not None:
        parts.append(f"第{loc.line}行")
    return " ".join(parts)


def display_width(v) -> int:
    """Characters as Excel shows them: CJK and full-width characters count double."""
    if v is None:
        return 0
    s = f"{v:,.2f}" if isinstance(v, float) else str(v)
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in s.splitlines() or [""]), default=0)


def sheet_name(title: str, used: set[str]) -> str:
    """An Excel-safe, unique sheet name (≤31 characters, none of []:*?/\\, not starting/ending with ')."""
    name = _FORBIDDEN.sub("_", " ".join(title.split())).strip("'").strip() or "表"
    name = name[:SHEET_MAX].strip()
    base, k = name, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f"（{k}）"
        name = base[:SHEET_MAX - len(suffix)].rstrip() + suffix
        k += 1
    used.add(name)
    return name


def _fill_sheet(ws, title: str, unit: str | None, header: list[str], rows: list[list], *, note: str | None = None,
                formats: dict[int, str] | None = None) -> None:
    """Title, 单位 line, header row (frozen below), rows; floats as #,##0.00, None left blank, widths to fit."""
    from openpyxl.styles import Alignment, Font

    ws.append([title])
    ws["A1"].font = Font(bold=True)
    ws.append([f"单位：{unit}" if unit else None])
    ws.append(header)
    for c in ws[3]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=False, vertical="center")
    ws.freeze_panes = "A4"
    formats = formats or {}
    for row in rows:
        ws.append([None if v == "" else v for v in row])
        r = ws.max_row
        for j, v in enumerate(row, start=1):
            if isinstance(v, bool):
                continue
            if isinstance(v, (int, float)):
                ws.cell(r, j).number_format = formats.get(j - 1, NUM_FORMAT)
    if note:
        ws.append([note])
    from openpyxl.utils import get_column_letter
    for j, h in enumerate(header, start=1):
        width = max([display_width(h)] + [display_width(row[j - 1]) for row in rows if j - 1 < len(row)])
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 80)


def _table_sheet(t: Table) -> tuple[list[str], list[list]]:
    recs = table_records(t)
    if not recs:
        return ["科目编码", "名称", *t.columns], []
    header = list(recs[0].keys())
    rows = [list(rec.values()) for rec in recs]
    j = header.index("定位")
    for row, r in zip(rows, t.rows):
        row[j] = loc_zh(r.loc)
    return header, rows


def _fig_row(label: str, f: Figure | None, *, pct: bool = False) -> list | None:
    if f is None:
        return None
    return [label, f.value, "%" if pct else f.unit, loc_zh(f.loc), (f.text or "").strip()[:200]]


def key_figures(d: Disclosure) -> list[list]:
    """The figures the Disclosure holds outside its tables: 人员, 三公, 机关运行经费, 政府采购, 国有资产."""
    rows: list[list | None] = []
    s = d.staffing
    if s:
        rows += [_fig_row(f"人员·{k}", v) for k, v in (("编制数", s.authorized), ("实有人数", s.actual), ("在职", s.active),
                                                       ("在职增减", s.active_change), ("退休", s.retired),
                                                       ("退休增减", s.retired_change), ("离休", s.lixiu),
                                                       ("离休增减", s.lixiu_change))]
    for label, tp in (("三公经费", d.three_public), ("三公经费（文字）", d.three_public_prose)):
        if tp:
            rows += [_fig_row(f"{label}·{k}", v) for k, v in (
                ("合计", tp.total), ("因公出国（境）费", tp.outbound), ("公务接待费", tp.reception),
                ("公务用车购置及运行费", tp.vehicle_total), ("公务用车购置费", tp.vehicle_purchase),
                ("公务用车运行费", tp.vehicle_operation))]
    oc = d.operating_cost
    if oc:
        rows += [_fig_row("机关运行经费", oc.amount), _fig_row("机关运行经费·比上年增减", oc.change),
                 _fig_row("机关运行经费·增减率", oc.change_pct, pct=True)]
    p = d.procurement
    if p:
        rows += [_fig_row(f"政府采购·{k}", v) for k, v in (
            ("合计", p.total), ("货物", p.goods), ("工程", p.works), ("服务", p.services),
            ("面向中小企业", p.sme_reserved), ("小微企业", p.small_micro_reserved))]
        rows.append(_fig_row("政府采购·中小企业占比", p.sme_share_pct, pct=True))
    a = d.assets
    if a:
        rows += [_fig_row(f"国有资产·{k}", v) for k, v in (
            ("房屋面积", a.building_area), ("房屋价值", a.building_value), ("车辆", a.vehicles),
            ("车辆价值", a.vehicles_value), ("家具价值", a.furniture_value), ("其他资产价值", a.other_value),
            ("单价50万元以上设备", a.equipment_over_50), ("单价100万元以上设备", a.equipment_over_100))]
    return [r for r in rows if r]


def to_xlsx_bytes(d: Disclosure) -> bytes:
    """A workbook: 概况, one sheet a table (named by its title), 主要数据 / 文字中的数字 / 项目 from the prose."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    m = d.meta
    used: set[str] = set()
    ws.title = sheet_name("概况", used)
    info = [["部门", m.department], ["地区", m.region], ["年度", m.year], ["类型", m.kind],
            ["范围", m.scope], ["标题", m.title], ["金额单位", m.unit], ["来源文件", d.source_name],
            ["文档编号", d.doc_id], ["页数", d.pages], ["表格数", len(d.tables)]]
    if not d.tables:
        info.append(["说明", "未解析到公开表格（可能另行公开）；文字中的数字见“主要数据”和“文字中的数字”工作表"])
    _fill_sheet(ws, f"{m.department or d.source_name} {m.year or ''}年{m.kind or ''}".strip(), None,
                ["项目", "内容"], info, formats={1: "0"})
    for t in d.tables:
        title = f"{t.number} {t.title}" if t.number and t.number not in t.title else t.title
        sh = wb.create_sheet(sheet_name(title, used))
        header, rows = _table_sheet(t)
        _fill_sheet(sh, title, t.unit, header, rows, note=t.empty_note if not rows else None)
    kf = key_figures(d)
    if kf:
        sh = wb.create_sheet(sheet_name("主要数据", used))
        _fill_sheet(sh, "主要数据（表格之外的数字）", None, ["项目", "数值", "单位", "定位", "原文"], kf)
    if d.prose_figures:
        sh = wb.create_sheet(sheet_name("文字中的数字", used))
        rows = [[pf.subject, pf.amount, pf.unit, pf.share_pct, pf.change, pf.change_pct, pf.base,
                 " / ".join(pf.section_path), loc_zh(pf.loc), pf.text.strip()[:300]] for pf in d.prose_figures]
        _fill_sheet(sh, "文字中的数字", m.unit, ["主题", "金额", "单位", "占比（%）", "增减额", "增减率（%）", "比较基数",
                                            "所在章节", "定位", "原文"], rows)
    if d.projects:
        sh = wb.create_sheet(sheet_name("项目", used))
        rows = [[p.name, p.scale.value if p.scale else None, p.scale.unit if p.scale else None, p.undertaker,
                 p.policy_basis, p.allocation_text, p.period, loc_zh(p.loc)] for p in d.projects]
        _fill_sheet(sh, "项目支出说明", None, ["项目名称", "预算安排规模", "单位", "承担单位", "政策依据", "资金分配情况",
                                         "资金执行时间", "定位"], rows)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
