"""Chart data read from the parsed model: what people would rather look at than read.

Each function returns a small dataframe (empty when the document does not state the
figures) — the page draws it. Values come only from the parsed tables / 三公 figures;
nothing is estimated, and a blank cell is left out rather than drawn as 0. Rows keep the
table's order; each frame says its unit (`单位`: the table's, e.g. 元 for a Shanghai PDF), and
the cross-document comparison converts every figure to 万元.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from budgetqa.extract.models import Disclosure, Figure, Table, TableRow

EXPENSE_TABLES = ("expense", "gpb_expense", "summary_expense", "fiscal_summary_expense")
COMPARE_UNIT = "万元"
_SCALE = {"元": 1.0, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "亿元": 1e8}


def convert(value: float | None, unit: str | None, to: str = COMPARE_UNIT) -> float | None:
    """An amount from one money unit to another (元 / 千元 / 万元 / 亿元); other units unchanged."""
    if value is None or unit == to or unit not in _SCALE or to not in _SCALE:
        return value
    return value * _SCALE[unit] / _SCALE[to]


def unit_of(df: pd.DataFrame, default: str = "万元") -> str:
    """The unit a chart frame is in (its `单位` column)."""
    if "单位" in df.columns and len(df):
        return str(df["单位"].iloc[0])
    return default


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
                rows.append({"科目": f"{r.code or ''} {r.name}".strip(), "金额": v, "单位": t.unit, "表": t.number or t.key})
    return pd.DataFrame(rows, columns=["科目", "金额", "单位", "表"])


def basic_vs_project(d: Disclosure) -> pd.DataFrame:
    """基本支出 vs 项目支出 from the total row of 表3 (else 表5)."""
    for key in ("expense", "gpb_expense"):
        t = d.table(key)
        tot = _total_row(t)
        if tot is None:
            continue
        parts = [(c, tot.values.get(c)) for c in ("基本支出", "项目支出")]
        if any(v is not None for _, v in parts):
            return pd.DataFrame([{"类别": c, "金额": v, "单位": t.unit, "表": t.number or t.key}
                                 for c, v in parts if v is not None], columns=["类别", "金额", "单位", "表"])
    return pd.DataFrame(columns=["类别", "金额", "单位", "表"])


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
    unit = None
    for name, attr in names + vehicle:
        f, src = pick(attr)
        if f is not None:
            unit = unit or f.unit  # one unit for the chart: the first part's
            rows.append({"项目": name, "金额": convert(f.value, f.unit, unit), "单位": unit, "来源": src})
    return pd.DataFrame(rows, columns=["项目", "金额", "单位", "来源"])


Amount = tuple[float | None, str | None]


def _fig(f: Figure | None) -> Amount:
    return (None, None) if f is None else (f.value, f.unit)


def _table_total(key: str, col: str) -> Callable[[Disclosure], Amount]:
    def get(d: Disclosure) -> Amount:
        t = d.table(key)
        tot = _total_row(t)
        return (None, None) if tot is None else (tot.values.get(col), t.unit)
    return get


def _spending_total(d: Disclosure) -> Amount:
    for key in ("expense", "summary_expense"):
        t = d.table(key)
        tot = _total_row(t)
        if t is not None and tot is not None and t.columns and tot.values.get(t.columns[0]) is not None:
            return tot.values.get(t.columns[0]), t.unit
    return None, None


def _three_public_total(d: Disclosure) -> Amount:
    tp = d.three_public or d.three_public_prose
    return _fig(tp.total) if tp else (None, None)


# each returns (value, unit) as the document states it
METRICS: dict[str, Callable[[Disclosure], Amount]] = {
    "支出总计": _spending_total,
    "基本支出": _table_total("expense", "基本支出"),
    "项目支出": _table_total("expense", "项目支出"),
    "一般公共预算支出": _table_total("gpb_expense", "合计"),
    "人员经费": _table_total("gpb_basic", "人员经费"),
    "公用经费": _table_total("gpb_basic", "公用经费"),
    "三公经费合计": _three_public_total,
    "机关运行经费": lambda d: _fig(d.operating_cost.amount) if d.operating_cost else (None, None),
}


def function_classes(ds: list[Disclosure]) -> list[str]:
    """The 功能分类 类 present in any of the documents' expense tables: '206 科学技术支出'."""
    seen: dict[str, str] = {}
    for d in ds:
        for _, row in expense_by_function(d).iterrows():
            code = row["科目"].split(" ", 1)[0]
            seen.setdefault(code, row["科目"])
    return [seen[c] for c in sorted(seen)]


def item_amount(d: Disclosure, item: str) -> Amount:
    """A named metric, or a 功能分类 类 given as '206 科学技术支出': (value, unit) as stated."""
    if item in METRICS:
        return METRICS[item](d)
    code = item.split(" ", 1)[0]
    df = expense_by_function(d)
    hit = df[df["科目"].str.split(" ").str[0] == code]
    return (float(hit["金额"].iloc[0]), str(hit["单位"].iloc[0])) if len(hit) else (None, None)


def item_value(d: Disclosure, item: str) -> float | None:
    """The item in 万元 (converted from the document's unit)."""
    v, unit = item_amount(d, item)
    return convert(v, unit)


def compare(ds: list[tuple[str, Disclosure]], item: str) -> pd.DataFrame:
    """One item across documents (labelled), in the documents' order: 文档, 金额 (万元), 原文数值, 原文单位 —
    documents not stating it are left out."""
    rows = []
    for label, d in ds:
        v, unit = item_amount(d, item)
        if v is not None:
            rows.append({"文档": label, "金额": convert(v, unit), "原文数值": v, "原文单位": unit or ""})
    return pd.DataFrame(rows, columns=["文档", "金额", "原文数值", "原文单位"])
