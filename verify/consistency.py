"""Does the document contradict itself about a cited figure? A prose figure of an item that the
tables state too (its 科目 row, its 三公 line), with another value in every place they state it
for the document's year. Such an answer is a `conflict`, never `verified`: the disclosure's
inconsistency is reported, not silently resolved.

Pure: it reads parsed facts (`extract.models.Fact`), nothing else.
"""
from __future__ import annotations

import re
from typing import Any

from budgetqa.core.normalize import norm

_TO_WAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}
# numbering, codes and connectives before an item's own name: '（2）', '30231', '其中：', '3．'
_LEAD = re.compile(r"^(?:[\s\d.．、,，:：()（）\-]|其中|一|二|三|四|五|六|七|八|九|十)+")
_YEAR = re.compile(r"(20\d{2})\s*年")
_NOT_THIS_YEAR = re.compile(r"上年|去年|增减|变动|比上年|差额|增长|减少")


def item_name(name: str) -> str:
    """The item a figure is of, without its numbering or code ('（2）公务用车运行维护费' →
    '公务用车运行维护费')."""
    return re.sub(r"\s+", "", _LEAD.sub("", name or ""))


_TAIL = r"(?:预算数?|决算数?|支出|为|是|安排|共)?$"
_SPLIT_COLUMNS = ("人员经费", "公用经费")


def words_before_each(f: Any, width: int = 12) -> list[str]:
    """The `width` characters before each place a sentence writes figure `f` ('全年预算数 4.90 万元，
    决算数 4.90 万元': both), white space removed — what the sentence says the figure is."""
    clause = re.sub(r"\s+", "", norm(f.clause or ""))
    out = []
    for form in dict.fromkeys((f"{f.value:,.2f}", f"{f.value:.2f}", f"{f.value:g}")):
        for m in re.finditer(re.escape(form) + r"(?!\d)", clause):
            if m.start() > 0 and not clause[m.start() - 1].isdigit():
                out.append(clause[max(0, m.start() - width):m.start()])
    return out


def _wan(f: Any) -> float | None:
    k = _TO_WAN.get(f.unit)
    return None if k is None else f.value * k


def _this_year_column(col: str, year: int | None) -> bool:
    """A column of the document's own year: no 上年 / change word, and no other year named."""
    if _NOT_THIS_YEAR.search(col) or re.fullmatch(r"列\d+", col):
        return False
    years = [int(y) for y in _YEAR.findall(col)]
    return not years or (year is not None and years[-1] == year)


def _this_year_cell(g: Any, year: int | None) -> bool:
    """A cell that states the document's own year's figure: a column naming that year, or an
    unnamed-year main column (合计 / 本年预算) — not 上年, not a change."""
    col = g.column or ""
    return _this_year_column(col, year) and (bool(_YEAR.search(col)) or bool(g.main_col))


def contradicting(f: Any, facts: list[Any], year: int | None) -> Any | None:
    """The table cell stating prose figure `f`'s item for the document's year with another value,
    when every such cell disagrees with `f`; else None."""
    v = _wan(f)
    key = item_name(f.name)
    if v is None or f.kind not in ("prose", "model"):
        return None     # (a cell against prose: too many sentences name a fund or a class loosely)
    if key.endswith("预算安排规模") and not f.alloc:
        return _project_row_contradicting(f, facts, v)
    if f.project or f.alloc or "资金分配" in (f.clause or ""):
        return None     # a project's own money ('委托业务费 30.20 万元' of its 资金分配) is no row of the tables
    before = next(iter(words_before_each(f, 30)), "")
    # the item's own row: a 功能 / 经济分类 row (with its code) or a 三公 line — not a fund source
    # or a total ('一般公共预算' heads an income and an expense table with different figures)
    others = [g for g in facts if g.kind == "cell" and _this_year_cell(g, year)
              and (g.code or "三公" in (g.context or ""))]
    # the 基本支出 split the 基本支出表's total row states in its columns ('合计 · 公用经费'): the
    # sentence must name it alone ('公用经费321.56万元'), not a fund or a class around it
    columns = [g for g in facts if g.kind == "cell" and g.is_total and g.column in _SPLIT_COLUMNS
               and _this_year_column(g.column, year) and item_name(f.name) == g.column]
    # a 三公 table printed across: one 预算数 / 决算数 row, the items in its columns
    across = [g for g in facts if g.kind == "cell" and "三公" in (g.context or "") and g.column
              and item_name(g.column) == key and _wan(g) is not None
              and re.fullmatch(r"(\d{4})?\s*年?度?\s*(预算|决算)数?", g.name.strip())
              and _this_year_column(g.name, year)]
    same = [g for g in others if g is not f and _wan(g) is not None and len(item_name(g.name)) >= 4
            and (item_name(g.name) == key or re.search(re.escape(item_name(g.name)) + _TAIL, before))] + columns + across
    return _disagreeing(same, v)


def _disagreeing(cells: list[Any], v: float) -> Any | None:
    """The first of the cells stating the item when every one of them disagrees with `v` (万元)."""
    if not cells:
        return None
    tol = max(0.006, abs(v) * 5e-4)
    return None if any(abs(_wan(g) - v) <= tol for g in cells) else cells[0]


def _project_row_contradicting(f: Any, facts: list[Any], v: float) -> Any | None:
    """A project's 预算安排规模 against its row in a table of projects (项目名称 | 科目 | 合计 …):
    the row whose name starts with the project's, in its main column; a conflict when every such
    row states another amount."""
    project = item_name(f.name)[: -len("预算安排规模")]
    if len(project) < 4:
        return None
    return _disagreeing([g for g in facts if g.kind == "cell" and g.main_col and _wan(g) is not None
                         and item_name(g.name).startswith(project)], v)
