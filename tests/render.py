"""Test helper: one small disclosure, rendered as a ruled PDF, an xlsx workbook and pdftotext-like text.

`blocks` is a list of items, each a paragraph string or a table dict:
    {"number": "表3", "title": "部门支出总体情况表", "dept_line": "编制部门：XX 单位：万元",
     "header": [[...], ...], "rows": [[cell, ...], ...]}
A cell is a string, a number (an amount in 万元) or None (blank). The same blocks give the
same content in every format, so the loaders and the table parser can be checked against
each other. The PDF uses reportlab's built-in CID font, so no font file is needed.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

Block = str | dict[str, Any]

FONT = "STSong-Light"
FONT_SIZE = 9.0
LEADING = 12.0
PAD = 4.0
NAME_MAX_WIDTH = 130.0   # a wider name wraps inside its cell, as in real disclosures


def fmt_amount(v: Any) -> str:
    """How a PDF or text disclosure prints a cell: amounts with thousands separators and 2 decimals."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return f"{v:,.2f}"
    return str(v)


def sample_blocks() -> list[Block]:
    """A small 2024 education-bureau budget disclosure whose tables add up (表3, 表6, 表10)."""
    dept = "XX市教育局"
    dept_line = f"编制部门：{dept} 单位：万元"
    return [
        f"第一部分 2024 年{dept}部门概况",
        "一、主要职能",
        "贯彻执行国家和自治区的教育方针、政策和法规，统筹规划全市教育事业发展。",
        "二、机构设置及人员情况",
        f"{dept}编制数 45 人，实有人数 42 人，其中：在职 38 人，退休 4 人，离休 0 人。",
        f"第二部分 2024 年{dept}部门预算公开表",
        {
            "number": "表3", "title": "部门支出总体情况表", "dept_line": dept_line,
            "header": [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
            "rows": [
                ["总计", None, 761.52, 606.32, 155.20],
                ["205", "教育支出", 641.70, 486.50, 155.20],
                ["205 01", "教育管理事务", 521.70, 486.50, 35.20],
                ["205 01 01", "行政运行", 486.50, 486.50, None],
                ["205 01 02", "一般行政管理事务", 35.20, None, 35.20],
                ["205 02", "普通教育", 120.00, None, 120.00],
                ["205 02 03", "初中教育", 120.00, None, 120.00],
                ["208", "社会保障和就业支出", 58.32, 58.32, None],
                ["208 05", "行政事业单位养老支出", 58.32, 58.32, None],
                ["208 05 05", "机关事业单位基本养老保险缴费支出", 58.32, 58.32, None],
                ["210", "卫生健康支出", 24.60, 24.60, None],
                ["210 11", "行政事业单位医疗", 24.60, 24.60, None],
                ["210 11 01", "行政单位医疗", 24.60, 24.60, None],
                ["221", "住房保障支出", 36.90, 36.90, None],
                ["221 02", "住房改革支出", 36.90, 36.90, None],
                ["221 02 01", "住房公积金", 36.90, 36.90, None],
            ],
        },
        {
            "number": "表6", "title": "一般公共预算基本支出情况表", "dept_line": dept_line,
            "header": [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
            "rows": [
                ["总计", None, 606.32, 545.22, 61.10],
                ["301", "工资福利支出", 515.22, 515.22, None],
                ["301 01", "基本工资", 180.00, 180.00, None],
                ["301 02", "津贴补贴", 95.40, 95.40, None],
                ["301 07", "绩效工资", 120.00, 120.00, None],
                ["301 08", "机关事业单位基本养老保险缴费", 58.32, 58.32, None],
                ["301 10", "职工基本医疗保险缴费", 24.60, 24.60, None],
                ["301 13", "住房公积金", 36.90, 36.90, None],
                ["302", "商品和服务支出", 61.10, None, 61.10],
                ["302 01", "办公费", 20.00, None, 20.00],
                ["302 11", "差旅费", 12.00, None, 12.00],
                ["302 17", "公务接待费", 1.50, None, 1.50],
                ["302 28", "工会经费", 8.20, None, 8.20],
                ["302 31", "公务用车运行维护费", 6.00, None, 6.00],
                ["302 99", "其他商品和服务支出", 13.40, None, 13.40],
                ["303", "对个人和家庭的补助", 30.00, 30.00, None],
                ["303 02", "退休费", 30.00, 30.00, None],
            ],
        },
        {
            "number": "表10", "title": "财政拨款“三公”经费支出情况表", "dept_line": dept_line,
            "header": [["“三公”经费支出内容", "合计", "一般公共预算", "政府性基金", "国有资本经营预算"]],
            "rows": [
                ["合计", 7.50, 7.50, None, None],
                ["因公出国（境）费", None, None, None, None],
                ["公务接待费", 1.50, 1.50, None, None],
                ["公务用车购置及运行费（小计）", 6.00, 6.00, None, None],
                ["其中：公务用车购置费", None, None, None, None],
                ["公务用车运行费", 6.00, 6.00, None, None],
            ],
        },
        f"第三部分 2024 年{dept}部门预算情况说明",
        f"{dept} 2024 年收支预算总计 761.52 万元，其中基本支出 606.32 万元，占 79.62%；"
        "项目支出 155.20 万元，占 20.38%。",
        "2024 年“三公”经费财政拨款预算 7.50 万元，其中因公出国（境）费 0.00 万元，",
        "公务用车购置及运行费 6.00 万元，公务接待费 1.50 万元。",
    ]


def sample_text(blocks: list[Block]) -> str:
    """The blocks as pdftotext-like text: a table row is its non-empty cells joined by spaces."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b)
            continue
        out += [b["number"], b["title"], b["dept_line"]]
        for row in list(b.get("header", [])) + list(b["rows"]):
            out.append(" ".join(s for s in (fmt_amount(c) for c in row) if s))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- PDF

def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break a cell's text character by character (Chinese has no spaces to break at)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not text:
        return [""]
    lines, cur = [], ""
    for ch in text:
        if cur and stringWidth(cur + ch, FONT, size) > width - 2 * PAD:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + [cur]


def _col_widths(table: dict[str, Any], avail: float) -> list[float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = [[fmt_amount(c) for c in r] for r in list(table.get("header", [])) + list(table["rows"])]
    ncols = max(len(r) for r in rows)
    widths = [max((stringWidth(r[k], FONT, FONT_SIZE) if k < len(r) else 0.0) for r in rows) + 2 * PAD + 2
              for k in range(ncols)]
    if table.get("widths"):
        return list(table["widths"])
    # text columns (most cells not numbers) are capped, so long names wrap
    for k in range(ncols):
        numeric = sum(1 for r in table["rows"] if k < len(r) and isinstance(r[k], (int, float)))
        if numeric == 0:
            widths[k] = min(widths[k], NAME_MAX_WIDTH)
    total = sum(widths)
    if total > avail:
        k = max(range(ncols), key=lambda i: widths[i])
        widths[k] = max(60.0, widths[k] - (total - avail))
    return widths


def render_pdf(blocks: list[Block], path: str | Path, *, ruled: bool = True, digit_drop: float = 0.0) -> Path:
    """Paragraphs and table titles as text; tables drawn with ruling lines (none if `ruled` is
    False, like PDFs whose tables are only aligned text), split across pages if long.
    `digit_drop` > 0 sets the digits of the text lines in another font (Helvetica) that many points
    below the Chinese baseline, as some real exporters do."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    page_w, page_h = A4
    margin = 40.0
    avail = page_w - 2 * margin
    y = page_h - margin

    def new_page() -> None:
        nonlocal y
        c.showPage()
        y = page_h - margin

    def text_line(s: str) -> None:
        nonlocal y
        for part in _wrap(s, avail + 2 * PAD, FONT_SIZE):
            if y - LEADING < margin:
                new_page()
            if not digit_drop:
                c.setFont(FONT, FONT_SIZE)
                c.drawString(margin, y - FONT_SIZE, part)
            else:
                x = margin
                for run in re.findall(r"[0-9.,%]+|[^0-9.,%]+", part):
                    digits = run[0].isdigit() or run[0] in ".,%"
                    font = "Helvetica" if digits else FONT
                    c.setFont(font, FONT_SIZE)
                    c.drawString(x, y - FONT_SIZE - (digit_drop if digits else 0.0), run)
                    x += stringWidth(run, font, FONT_SIZE)
            y -= LEADING + 4

    for b in blocks:
        if isinstance(b, str):
            text_line(b)
            continue
        if y - 4 * LEADING < margin:
            new_page()
        for s in (b["number"], b["title"], b["dept_line"]):
            text_line(s)
        widths = _col_widths(b, avail)
        xs = [margin]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [y]
        for row in list(b.get("header", [])) + list(b["rows"]):
            cells = [fmt_amount(v) for v in row] + [""] * (len(widths) - len(row))
            wrapped = [_wrap(s, w, FONT_SIZE) for s, w in zip(cells, widths)]
            h = max(len(w) for w in wrapped) * LEADING + 2 * PAD
            if y - h < margin:          # close this page's part of the table, go on on the next
                if len(ys) > 1 and ruled:
                    c.grid(xs, ys)
                new_page()
                ys = [y]
            c.setFont(FONT, FONT_SIZE)
            for k, parts in enumerate(wrapped):
                for m, part in enumerate(parts):
                    ty = y - PAD - FONT_SIZE - m * LEADING
                    if isinstance(row[k] if k < len(row) else None, (int, float)):
                        c.drawRightString(xs[k + 1] - PAD, ty, part)
                    else:
                        c.drawString(xs[k] + PAD, ty, part)
            y -= h
            ys.append(y)
        if len(ys) > 1 and ruled:
            c.grid(xs, ys)
        y -= LEADING
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------- xlsx

def render_xlsx(blocks: list[Block], path: str | Path, *, paragraphs_sheet: str = "说明") -> Path:
    """Paragraphs on a first sheet; each table on its own sheet named by its number (表3), with
    title row, 编制部门/单位 row, header rows and data rows; amounts as numbers, blanks empty."""
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    first = wb.active
    first.title = paragraphs_sheet
    for b in blocks:
        if isinstance(b, str):
            first.append([b])
            continue
        ws = wb.create_sheet(b["number"])
        ws.append([b["title"]])
        ws.append([b["dept_line"]])
        for row in list(b.get("header", [])) + list(b["rows"]):
            ws.append([v for v in row])
    wb.save(path)
    return path
