"""A parsed disclosure as markdown tables or an xlsx workbook (a sheet a table)."""
from __future__ import annotations

import io

from .models import Disclosure, Table


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


def to_xlsx_bytes(d: Disclosure) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "概况"
    m = d.meta
    for row in (("部门", m.department), ("地区", m.region), ("年度", m.year), ("类型", m.kind), ("单位", m.unit),
                ("来源", d.source_name), ("doc_id", d.doc_id)):
        ws.append(list(row))
    used = {"概况"}
    for t in d.tables:
        name = (t.number or t.key)[:28]
        base, k = name, 2
        while name in used:
            name = f"{base}_{k}"[:31]
            k += 1
        used.add(name)
        sh = wb.create_sheet(name)
        sh.append([t.title, f"单位：{t.unit}"])
        recs = table_records(t)
        if recs:
            sh.append(list(recs[0].keys()))
            for rec in recs:
                sh.append(list(rec.values()))
        elif t.empty_note:
            sh.append([t.empty_note])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
