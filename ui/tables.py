"""Parsed tables as typed dataframes, and the exports the document view offers.

Amount columns are float (a blank cell stays NaN: "not stated", never 0); codes and names
are strings. CSV is written with a BOM so Excel opens the Chinese headers correctly.
"""
from __future__ import annotations

import json

import pandas as pd

from budgetqa.extract.export import table_records, to_xlsx_bytes
from budgetqa.extract.models import Disclosure, Table

TEXT_COLUMNS = ["科目编码", "名称", "项目名称", "列归属", "定位"]


def table_label(t: Table) -> str:
    n = len(t.rows)
    empty = "（空表）" if not t.rows else f"（{n} 行）"
    return f"{t.number or ''} {t.title}{empty}".strip()


def table_frame(t: Table) -> pd.DataFrame:
    """One table as a dataframe: text columns str, value columns float64."""
    recs = table_records(t)
    cols = list(recs[0].keys()) if recs else ["科目编码", "名称", *t.columns, "列归属", "定位"]
    df = pd.DataFrame.from_records(recs, columns=cols)
    for c in df.columns:
        if c in TEXT_COLUMNS:
            df[c] = df[c].fillna("").astype("string")
        else:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def value_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if c not in TEXT_COLUMNS]


def all_tables_frame(d: Disclosure) -> pd.DataFrame:
    """Every table in long form (表, 表名, 科目编码, 名称, 项目名称, 列, 数值, 定位): one CSV for all."""
    rows = []
    for t in d.tables:
        for rec in table_records(t):
            for col in t.columns:
                rows.append({"表": t.number or t.key, "表名": t.title, "单位": t.unit,
                             "科目编码": rec["科目编码"], "名称": rec["名称"], "项目名称": rec.get("项目名称", ""),
                             "列": col, "数值": rec.get(col), "定位": rec["定位"]})
    df = pd.DataFrame(rows, columns=["表", "表名", "单位", "科目编码", "名称", "项目名称", "列", "数值", "定位"])
    df["数值"] = pd.to_numeric(df["数值"], errors="coerce").astype("float64")
    return df


def csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")


def json_bytes(d: Disclosure) -> bytes:
    """The whole parsed model (what `budgetqa extract --format json` writes)."""
    return json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=1).encode("utf-8")


def xlsx_bytes(d: Disclosure) -> bytes:
    return to_xlsx_bytes(d)


def export_name(d: Disclosure, ext: str, suffix: str = "") -> str:
    stem = d.source_name.rsplit(".", 1)[0]
    return f"{stem}{'-' + suffix if suffix else ''}.{ext}"


SEVERITY = {"error": "错误", "rounding": "舍入", "warning": "警告", "notice": "提示"}


def findings_frame(items: list) -> pd.DataFrame:
    """Findings (or `ui.findings.Note`s: unit and places known) as one table, in Chinese."""
    from .findings import KIND_LABELS, Note
    rows = []
    for it in items:
        f, unit, places = (it.finding, it.unit, it.places) if isinstance(it, Note) else (it, "", list(it.cells))
        rows.append({"级别": SEVERITY.get(f.severity, f.severity), "类型": KIND_LABELS.get(f.kind, f.kind),
                     "位置": f.where, "定位": f.locator, "单位": unit, "文档所列": f.stated, "计算所得": f.computed,
                     "差额": f.difference, "容差": f.tolerance, "涉及处数": max(1, len(places)),
                     "说明": f.detail.split("；同一舍入差额见于：", 1)[0]})
    return pd.DataFrame(rows, columns=["级别", "类型", "位置", "定位", "单位", "文档所列", "计算所得", "差额", "容差",
                                       "涉及处数", "说明"])
