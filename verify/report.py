"""A one-file report of `budgetqa check` an auditor can hand on: self-contained HTML or an xlsx workbook.

Pure functions: findings (verify/audit.py `Finding`) + the document's metadata → str / bytes. The HTML
has inline CSS and no external URL (no script, font or image), and every text from the document is escaped.
"""
from __future__ import annotations

import html
import io
import time
from typing import Any, Iterable, Mapping

from .audit import SEVERITIES, WORDING_KINDS, Finding

SEVERITY_LABEL = {"error": "错误", "rounding": "舍入", "warning": "警告", "notice": "提示"}
SEVERITY_NOTE = {"error": "数字之间的实际不一致",
                 "rounding": "差额在舍入容差内（可能是各数分别四舍五入所致）",
                 "warning": "部分列举与合计不符（项目金额、资金分配）",
                 "notice": "值得一看，但不是矛盾（占位符、缺表、标点、年份等）"}
KIND_LABEL = {"sum": "合计", "share": "占比", "growth": "增长率", "cross_table": "表间核对", "prose_vs_table": "文字与表格",
              "project_amount": "项目金额", "allocation": "资金分配", "table_missing": "缺少表格", "empty_table": "空表",
              "placeholder": "占位符", "department_name": "部门名称", "punctuation": "标点", "year": "年份"}
META_FIELDS = (("department", "部门"), ("region", "地区"), ("year", "年度"), ("kind", "类型"), ("scope", "范围"),
               ("unit", "金额单位"), ("title", "标题"))

_CSS = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em;color:#222;line-height:1.5}
h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.meta{width:auto}table.meta th{width:8em}
.sev{font-weight:bold;white-space:nowrap}.error{color:#b00020}.rounding{color:#8a6d00}.warning{color:#b35900}.notice{color:#0b6e99}
.counts span{display:inline-block;margin-right:1.2em;padding:2px 8px;border:1px solid #ccc;border-radius:4px}
.cells{font-size:.9em;color:#555}.small{font-size:.85em;color:#666}
"""


def _as_dict(meta: Any) -> dict:
    if meta is None:
        return {}
    if hasattr(meta, "model_dump"):
        return meta.model_dump(mode="json")
    return dict(meta)


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:,.2f}"


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    fs = list(findings)
    return {s: sum(1 for f in fs if f.severity == s) for s in SEVERITIES}


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9)


def _has_numbers(f: Finding) -> bool:
    return not (f.kind in WORDING_KINDS and not (f.stated or f.computed))


def render_html(findings: list[Finding], meta: Mapping | Any = None, *, doc: str | None = None,
                doc_id: str | None = None, ambiguous: list[tuple[str, str]] | None = None,
                generated: str | None = None) -> str:
    """The report as one self-contained HTML page: metadata and counts by severity at the top, then
    the findings grouped by severity, each with where, locator, stated / computed / difference / tolerance."""
    e = lambda x: html.escape("" if x is None else str(x), quote=True)  # noqa: E731
    m = _as_dict(meta)
    n = counts(findings)
    generated = generated or time.strftime("%Y-%m-%d %H:%M")
    title = f"核对报告：{doc or m.get('department') or ''}"
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(title)}</h1>",
           '<p class="small">budgetqa check：核对文档自身的数字（只报告，不更正原文）。生成时间 ' + e(generated) + "</p>",
           '<h2>文档信息</h2><table class="meta">']
    rows = [("来源文件", doc), ("文档编号", doc_id)] + [(label, m.get(k)) for k, label in META_FIELDS]
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows if v not in (None, "")]
    out.append("</table>")
    out.append("<h2>汇总</h2>")
    total = n["error"] + n["rounding"] + n["warning"]
    out.append(f"<p>共 {len(findings)} 条发现，其中不一致 {total} 处。</p><p class=\"counts\">")
    out += [f'<span class="{s}">{SEVERITY_LABEL[s]} {n[s]}</span>' for s in SEVERITIES]
    out.append("</p>")
    if not findings:
        out.append("<p>没有发现不一致（已核对表格合计、文字中的占比和增长率、构成与项目金额）。</p>")
    for s in SEVERITIES:
        group = [f for f in findings if f.severity == s]
        if not group:
            continue
        out.append(f'<h2 class="{s}">{SEVERITY_LABEL[s]}（{len(group)}）</h2><p class="small">{e(SEVERITY_NOTE[s])}</p>')
        out.append("<table><tr><th>#</th><th>类型</th><th>位置</th><th>定位</th><th>文档所列</th><th>计算所得</th>"
                   "<th>差额</th><th>容差</th><th>说明</th></tr>")
        for i, f in enumerate(group, 1):
            nums = _has_numbers(f)
            cells = ""
            if f.cells:
                cells = '<div class="cells">涉及：' + "；".join(e(c) for c in f.cells) + "</div>"
            out.append(
                f'<tr><td class="num">{i}</td><td class="sev {s}">{e(KIND_LABEL.get(f.kind, f.kind))}</td>'
                f"<td>{e(f.where)}</td><td>{e(f.locator)}</td>"
                f'<td class="num">{_num(f.stated) if nums else ""}</td><td class="num">{_num(f.computed) if nums else ""}</td>'
                f'<td class="num">{f"{f.difference:+,.2f}" if nums else ""}</td>'
                f'<td class="num">{f"±{f.tolerance:.3f}" if nums else ""}</td>'
                f"<td>{e(f.detail)}{cells}</td></tr>")
        out.append("</table>")
    if ambiguous:
        out.append(f"<h2>列归属无法唯一确定的行（{len(ambiguous)}）</h2><table><tr><th>表</th><th>行</th></tr>")
        out += [f"<tr><td>{e(t)}</td><td>{e(r)}</td></tr>" for t, r in ambiguous]
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def render_xlsx(findings: list[Finding], meta: Mapping | Any = None, *, doc: str | None = None,
                doc_id: str | None = None, ambiguous: list[tuple[str, str]] | None = None) -> bytes:
    """The report as a workbook: 概况 (metadata, counts by severity) and 发现 (one row a finding, by severity)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    m = _as_dict(meta)
    n = counts(findings)
    wb = Workbook()
    ws = wb.active
    ws.title = "概况"
    ws.append(["核对报告"])
    ws["A1"].font = Font(bold=True)
    for k, v in [("来源文件", doc), ("文档编号", doc_id)] + [(label, m.get(kk)) for kk, label in META_FIELDS]:
        if v not in (None, ""):
            ws.append([k, v])
    ws.append([])
    ws.append(["级别", "条数"])
    for s in SEVERITIES:
        ws.append([SEVERITY_LABEL[s], n[s]])
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 50
    sh = wb.create_sheet("发现")
    header = ["级别", "类型", "位置", "定位", "文档所列", "计算所得", "差额", "容差", "说明", "涉及"]
    sh.append(header)
    for c in sh[1]:
        c.font = Font(bold=True)
    sh.freeze_panes = "A2"
    for f in _ordered(findings):
        nums = _has_numbers(f)
        sh.append([SEVERITY_LABEL.get(f.severity, f.severity), KIND_LABEL.get(f.kind, f.kind), f.where, f.locator,
                   f.stated if nums else None, f.computed if nums else None, f.difference if nums else None,
                   f.tolerance if nums else None, f.detail, "；".join(f.cells) or None])
        r = sh.max_row
        for j in (5, 6, 7):
            sh.cell(r, j).number_format = "#,##0.00"
        sh.cell(r, 8).number_format = "0.000"
    for col, w in zip("ABCDEFGHIJ", (8, 12, 40, 22, 14, 14, 12, 9, 60, 40)):
        sh.column_dimensions[col].width = w
    if ambiguous:
        sa = wb.create_sheet("列归属不确定")
        sa.append(["表", "行"])
        for t, row in ambiguous:
            sa.append([t, row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
