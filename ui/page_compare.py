"""The 跨文档对比 tab: the same item across departments or years, 预算 and 决算 kept apart."""
from __future__ import annotations

import streamlit as st

from budgetqa.retrieval.workspace import DocRecord

from . import charts
from .bootstrap import AppContext
from .draw import hbar, money_table
from .format import doc_label

KIND_KEY, YEAR_KEY, ITEM_KEY = "compare_kind", "compare_years", "compare_item"
ALL_KINDS = ("预算", "决算")


def kinds_of(docs: list[DocRecord]) -> list[str]:
    """The kinds present, 预算 before 决算 (an unknown kind last, as 未识别)."""
    present = {r.kind or "未识别" for r in docs}
    return [k for k in ALL_KINDS if k in present] + sorted(present - set(ALL_KINDS))


def select(docs: list[DocRecord], kind: str, years: list[int]) -> list[DocRecord]:
    """The documents of one kind and the chosen years, in department / year order."""
    out = [r for r in docs if (r.kind or "未识别") == kind and (r.year in years)]
    return sorted(out, key=lambda r: (r.department or r.source, r.year or 0))


def render(ctx: AppContext) -> None:
    docs = ctx.ws.docs()
    if len(docs) < 2:
        st.info("至少需要两份文档才能对比。")
        return
    kinds = kinds_of(docs)
    counts = {k: sum((r.kind or "未识别") == k for r in docs) for k in kinds}
    if st.session_state.get(KIND_KEY) not in kinds:
        st.session_state[KIND_KEY] = max(kinds, key=lambda k: counts[k])
    c1, c2 = st.columns([1, 2])
    kind = c1.radio("类型", kinds, key=KIND_KEY, horizontal=True, format_func=lambda k: f"{k}（{counts[k]} 份）",
                    help="预算与决算分开对比：一个是计划数，一个是实际数")
    years_all = sorted({r.year for r in docs if (r.kind or "未识别") == kind and r.year}, reverse=True)
    if not set(st.session_state.get(YEAR_KEY) or []) <= set(years_all) or not st.session_state.get(YEAR_KEY):
        st.session_state[YEAR_KEY] = years_all[:1]
    years = c2.multiselect("年度", years_all, key=YEAR_KEY, placeholder="请选择年度", format_func=lambda y: f"{y} 年",
                           help="默认只看最近一年；可加选其他年度")
    chosen = select(docs, kind, years)
    if not chosen:
        st.info("请至少选择一个年度。")
        return
    ds = [(doc_label(r), ctx.ws.disclosure(r.doc_id)) for r in chosen]
    items = list(charts.METRICS) + charts.function_classes([d for _, d in ds])
    if st.session_state.get(ITEM_KEY) not in items:
        st.session_state.pop(ITEM_KEY, None)
    item = st.selectbox("对比项目", items, key=ITEM_KEY, placeholder="请选择",
                        help="同一项目在不同部门、地区或年度的文档中的数值，取自各文档解析出的表格，统一换算为万元")
    st.caption(f"对比范围：{kind} · {'、'.join(f'{y} 年' for y in sorted(years))} · {len(chosen)} 份文档")
    df = charts.compare(ds, item)
    if df.empty:
        st.info("所选项目在这些文档中都没有列出。")
        return
    hbar(df, "文档", unit=charts.COMPARE_UNIT)
    converted = (df["原文单位"] != charts.COMPARE_UNIT).any()
    shown = df if converted else df.drop(columns=["原文数值", "原文单位"])
    money_table(shown.rename(columns={"金额": f"金额（{charts.COMPARE_UNIT}）"}),
                [f"金额（{charts.COMPARE_UNIT}）"] + (["原文数值"] if converted else []))
    if converted:
        st.caption("以元等其他单位列示的文档已换算为万元；“原文数值”为文档所列。")
    missing = [label for label, d in ds if charts.item_value(d, item) is None]
    if missing:
        st.caption("未列出该项目的文档：" + "；".join(missing))
