"""Chart data read from the parsed model: what people would rather look at than read.

Each function returns a small dataframe (empty when the document does not state the
figures) — the page draws it. Values come only from the parsed tables / 三公 figures;
nothing is estimated, and a blank cell is left out rather than drawn as 0.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from budgetqa.extract.models import Disclosure, Figure, Table, TableRow

EXPENSE_TABLES = ("expense", "gpb_expense", "summary_expense", "fiscal_summary_expense")


def _first_value(t: Table, r: TableRow) -> float | None:
    return r.values.get(t.columns[0]) if t.columns else None


def _total_row(t: Table | None) -> TableRow | None:
    if t is None:
        return None
    return next((r for r in t.rows if r.is_total and r.level == 0), None)


def _expense_table(d: Disclosure) -> Table | None:
    for key in EXPENSE_TABLES:
        t = d.table(key)
        if t and any(r.level == 1 and _first_value(t, r) for r in t.rows):
            return t
    return None


def expense_by_function(d: Disclosure) -> pd.DataFrame:
    """支出 by 功能分类 类 (from 表3, else 表5 / 表1): 科目, 金额, 表."""
    t = _expense_table(d)
    rows = []
    if t is not None:
        for r in t.rows:
            v = _first_value(t, r)
            if r.level == 1 and v:
                rows.append({"科目": f"{r.code or ''} {r.name}".strip(), "金额": v, "表": t.number or t.key})
    return pd.DataFrame(rows, columns=["科目", "金额", "表"])


def basic_vs_project(d: Disclosure) -> pd.DataFrame:
    """基本支出 vs 项目支出 from the total row of 表3 (else 表5)."""
    for key in ("expense", "gpb_expense"):
        t = d.table(key)
        tot = _total_row(t)
        if tot is None:
            continue
        parts = [(c, tot.values.get(c)) for c in ("基本支出", "项目支出")]
        if any(v is not None for _, v in parts):
            return pd.DataFrame([{"类别": c, "金额": v, "表": t.number or t.key} for c, v in parts if v is not None],
                                columns=["类别", "金额", "表"])
    return pd.DataFrame(columns=["类别", "金额", "表"])


def three_public_parts(d: Disclosure) -> pd.DataFrame:
    """The 三公 components as stated: 表10 first; a cell the table left blank is taken from
    the prose when the prose states it (来源 says which)."""
    tab, prose = d.three_public, d.three_public_prose
    if tab is None and prose is None:
        return pd.DataFrame(columns=["项目", "金额", "单位", "来源"])

    def pick(attr: str) -> tuple[Figure | None, str]:
        for tp, src in ((tab, "表"), (prose, "说明")):
            f = getattr(tp, attr) if tp is not None else None
            if f is not None:
                return f, src
        return None, ""

    names = [("因公出国（境）费", "outbound"), ("公务接待费", "reception")]
    vehicle = [("公务用车购置费", "vehicle_purchase"), ("公务用车运行费", "vehicle_operation")]
    if all(pick(a)[0] is None for _, a in vehicle):
        vehicle = [("公务用车购置及运行费", "vehicle_total")]
    rows = []
    for name, attr in names + vehicle:
        f, src = pick(attr)
        if f is not None:
            rows.append({"项目": name, "金额": f.value, "单位": f.unit, "来源": src})
    return pd.DataFrame(rows, columns=["项目", "金额", "单位", "来源"])


def _fig(f: Figure | None) -> float | None:
    return None if f is None else f.value


def _table_total(key: str, col: str) -> Callable[[Disclosure], float | None]:
    def get(d: Disclosure) -> float | None:
        tot = _total_row(d.table(key))
        return None if tot is None else tot.values.get(col)
    return get


def _spending_total(d: Disclosure) -> float | None:
    for key in ("expense", "summary_expense"):
        t = d.table(key)
        tot = _total_row(t)
        if t is not None and tot is not None and t.columns and tot.values.get(t.columns[0]) is not None:
            return tot.values.get(t.columns[0])
    return None


METRICS: dict[str, Callable[[Disclosure], float | None]] = {
    "支出总计": _spending_total,
    "基本支出": _table_total("expense", "基本支出"),
    "项目支出": _table_total("expense", "项目支出"),
    "一般公共预算支出": _table_total("gpb_expense", "合计"),
    "人员经费": _table_total("gpb_basic", "人员经费"),
    "公用经费": _table_total("gpb_basic", "公用经费"),
    "三公经费合计": lambda d: _fig((d.three_public or d.three_public_prose).total) if (d.three_public or d.three_public_prose) else None,
    "机关运行经费": lambda d: _fig(d.operating_cost.amount) if d.operating_cost else None,
}


def function_classes(ds: list[Disclosure]) -> list[str]:
    """The 功能分类 类 present in any of the documents' expense tables: '206 科学技术支出'."""
    seen: dict[str, str] = {}
    for d in ds:
        for _, row in expense_by_function(d).iterrows():
            code = row["科目"].split(" ", 1)[0]
            seen.setdefault(code, row["科目"])
    return [seen[c] for c in sorted(seen)]


def item_value(d: Disclosure, item: str) -> float | None:
    """A named metric, or a 功能分类 类 given as '206 科学技术支出'."""
    if item in METRICS:
        return METRICS[item](d)
    code = item.split(" ", 1)[0]
    df = expense_by_function(d)
    hit = df[df["科目"].str.split(" ").str[0] == code]
    return float(hit["金额"].iloc[0]) if len(hit) else None


def compare(ds: list[tuple[str, Disclosure]], item: str) -> pd.DataFrame:
    """One item across documents (labelled): 文档, 金额 — documents not stating it are left out."""
    rows = [{"文档": label, "金额": v} for label, d in ds if (v := item_value(d, item)) is not None]
    return pd.DataFrame(rows, columns=["文档", "金额"])
