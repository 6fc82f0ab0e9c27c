"""The 跨文档对比 tab: the same item across departments or years."""
from __future__ import annotations

import streamlit as st

from . import charts
from .bootstrap import AppContext
from .draw import hbar, money_table
from .format import doc_label


def render(ctx: AppContext) -> None:
    docs = ctx.ws.docs()
    if len(docs) < 2:
        st.info("至少需要两份文档才能对比。")
        return
    ds = [(f"{doc_label(r)}", ctx.ws.disclosure(r.doc_id)) for r in docs]
    items = list(charts.METRICS) + charts.function_classes([d for _, d in ds])
    item = st.selectbox("对比项目", items, key="compare_item",
                        help="同一项目在不同部门、地区或年度的文档中的数值（万元），取自各文档解析出的表格")
    df = charts.compare(ds, item)
    if df.empty:
        st.info("所选项目在各文档中都没有列出。")
        return
    hbar(df, "文档")
    money_table(df, ["金额"])
    missing = [label for label, d in ds if charts.item_value(d, item) is None]
    if missing:
        st.caption("未列出该项目的文档：" + "；".join(missing))
