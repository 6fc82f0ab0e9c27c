"""Tables written as lists, as a plain-text release or a web page without grids writes them.

    （二）支出预算（按功能分类“类”）
    1. 社会保障和就业支出（208）325.20万元
    ● 213 农林水支出：合计3,232.05万元／基本支出1,458.05万元／项目支出1,774.00万元
      ○ 21301 农业农村：合计2,668.05万元／…
    301 工资福利支出：1,775.11万元

A run of such lines (a bullet, ordinal or indent; a 科目 code before the name or in brackets after
it; 'label amount unit' segments joined by ／) under a heading is one table: the heading is its
title, the segment labels its columns (one unlabelled amount: 金额), the code its row's level.
The heading names a catalogued kind the way a title does ('一般公共预算基本支出' + 表), and a
table of no known kind is kept with its own heading. Read only where the document has no grid or
text tables of its own: lists inside an ordinary disclosure's prose (a project's 资金分配) stay prose.
"""
from __future__ import annotations

import re

from budgetqa.core.normalize import norm, parse_number

from .models import Table, TableRow
from .source import SourceDoc
from .templates import catalogue, match_template

_LEAD = r"^\s*(?:[●○■□◆◇•·▪\-–—*]\s*|\d{1,2}\s*[.、．]\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]\s*)?(?:其中\s*[:：]\s*)?"
_ROW = re.compile(_LEAD + r"(?:(?P<code>\d{3}(?:\d{2}){0,2})\s+)?"
                  r"(?P<name>[\u4e00-\u9fff“”\"（）()·、]{1,39}[\u4e00-\u9fff”\"）)])\s*(?:[（(](?P<code2>\d{3}(?:\d{2}){0,2})[）)])?\s*[：:]?\s*"
                  r"(?P<rest>[^：:]*?\d[\s\S]*)$")
_AMOUNT = r"(?P<v>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(?P<u>万元|亿元|元)"
_SEGMENT = re.compile(r"^\s*(?P<label>[\u4e00-\u9fff“”（）()]{0,12}?)\s*[：:]?\s*" + _AMOUNT +
                      r"\s*(?P<note>[（(][^）)]*[）)])?\s*$")
_SEPARATORS = re.compile(r"[／/｜;；]")
_HEADING_TRIM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*|"
                           r"[（(][^）)]*[）)]\s*$|[:：]\s*$")


def _row(text: str) -> tuple[str | None, str, list[tuple[str, float, str]], bool] | None:
    """(code, name, [(label, value, unit)], has_note) of a list row, or None."""
    m = _ROW.match(norm(text))
    if not m or text.rstrip().endswith("。"):
        return None
    segments = []
    has_note = False
    for part in _SEPARATORS.split(m.group("rest")):
        s = _SEGMENT.match(part)
        if not s:
            return None
        v = parse_number(s.group("v"))
        if v is None:
            return None
        has_note = has_note or bool(s.group("note"))
        segments.append((s.group("label").strip(), v, s.group("u")))
    if not segments or len({u for _, _, u in segments}) > 1:
        return None
    return m.group("code") or m.group("code2"), m.group("name").strip(), segments, has_note


def _heading(lines, i: int) -> tuple[str, int] | None:
    """The heading above a run: the nearest line above it, without an amount, short."""
    for j in range(i - 1, max(-1, i - 4), -1):
        t = norm(lines[j].text).strip()
        if not t or t.endswith("。"):
            continue        # a sentence between the heading and its list ('基本支出合计…，其中…。')
        if re.search(r"\d\s*(?:万元|元)", t) or len(t) > 60:
            return None
        return t, j
    return None


def _title(heading: str) -> str:
    t = heading
    for _ in range(3):
        t = _HEADING_TRIM.sub("", t).strip()
    return t or heading


def list_tables(src: SourceDoc, skip: set[int]) -> tuple[list[Table], set[int]]:
    """Every run of at least two list rows under a heading, as a table; and the lines that hold
    nothing but a row (a row with a bracketed remark stays prose too: the remark is its words)."""
    lines = src.lines
    tables: list[Table] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if i in skip or _row(lines[i].text) is None:
            i += 1
            continue
        run = []
        j = i
        while j < len(lines) and j not in skip and (r := _row(lines[j].text)) is not None:
            run.append((j, r))
            j += 1
        head = _heading(lines, i)
        if len(run) >= 2 and head is not None:
            table = _table(src, head[0], head[1], run, len(tables))
            if table is not None:
                tables.append(table)
                used |= {k for k, r in run if not r[3]}
        i = j
    return tables, used


def _table(src: SourceDoc, heading: str, head_line: int, run, n: int) -> Table | None:
    columns: list[str] = []
    for _, (_, _, segs, _) in run:
        for label, _, _ in segs:
            name = label or "金额"
            if name not in columns:
                columns.append(name)
    title = _title(heading)
    coded = any(code for _, (code, _, _, _) in run)
    tpl = match_template(title) or match_template(title + "表")
    if tpl is not None and (tpl.shape != "coded" or not coded):
        tpl = None          # a kind read by code rows only fits a list of coded rows
    totals = catalogue().totals
    rows: list[TableRow] = []
    for k, (code, name, segs, _) in run:
        parts = [code[:3]] + [code[m:m + 2] for m in range(3, len(code), 2)] if code else []
        values = {c: None for c in columns}
        for label, v, _ in segs:
            values[label or "金额"] = v
        is_total = not parts and bool(totals.match(name) or re.search(r"(?:合计|总计)$", name))
        rows.append(TableRow(code=code, code_parts=parts, name=name, values=values, is_total=is_total,
                             level=len(parts) if parts else (0 if is_total else 1),
                             loc=src.lines[k].loc, raw=src.lines[k].text))
    unit = run[0][1][2][0][2]
    return Table(key=tpl.key if tpl else f"list_{n + 1}", title=title, unit=unit, columns=columns, rows=rows,
                 loc=src.lines[head_line].loc, generic=tpl is None)
