"""The 文档详情 tab: one document's parsed tables, charts, audit findings and exports."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from budgetqa.core.errors import BudgetQAError
from budgetqa.extract.models import Disclosure
from budgetqa.verify.audit import audit

from . import charts, findings as fnd, tables
from .bootstrap import AppContext
from .draw import BLANK_NOTE, hbar, money_table
from .format import doc_label

KIND_LABELS = fnd.KIND_LABELS

SELECT_KEY = "document_choice"


def _tables(d: Disclosure) -> None:
    if not d.tables:
        st.info("本文档未识别出标准公开表（例如决算只列出了附表名称，数字在说明文字和绩效自评表中）。")
        return
    labels = [tables.table_label(t) for t in d.tables]
    i = st.selectbox("表格", range(len(d.tables)), format_func=lambda k: labels[k], key=f"table_{d.doc_id}",
                     placeholder="请选择")
    t = d.tables[i]
    st.caption(f"单位：{t.unit} · 位置：{t.loc} · {BLANK_NOTE}")
    if t.empty_note and not t.rows:
        st.info(t.empty_note)
        return
    df = tables.table_frame(t)
    shown = df.drop(columns=["列归属"]) if not (df["列归属"] != "").any() else df
    money_table(shown, tables.value_columns(shown), height=min(38 * (len(df) + 1) + 4, 620))
    n_amb = sum(r.ambiguous for r in t.rows)
    if n_amb:
        st.warning(f"{n_amb} 行的数字无法唯一确定所属列（原文丢失了空单元格），已标注“不确定”，未作猜测。")
    st.download_button("下载本表 CSV", tables.csv_bytes(df), file_name=tables.export_name(d, "csv", t.number or t.key),
                       mime="text/csv", key=f"csv_table_{d.doc_id}")


def _bar(df: pd.DataFrame, x: str, title: str, empty: str) -> None:
    unit = charts.unit_of(df)
    st.markdown(f"**{title}（{unit}）**")
    if df.empty:
        st.caption(empty)
        return
    hbar(df, x, unit=unit)


def _charts(d: Disclosure) -> None:
    left, right = st.columns(2)
    with left:
        _bar(charts.expense_by_function(d), "科目", "支出（按功能分类 · 类）", "文档未列出按功能分类的支出表。")
    with right:
        _bar(charts.basic_vs_project(d), "类别", "基本支出与项目支出", "文档未列出基本 / 项目支出。")
    tp = charts.three_public_parts(d)
    _bar(tp, "项目", "“三公”经费构成", "文档未列出“三公”经费的分项。")
    if not tp.empty:
        st.caption("表中留空的分项不画出（未列出不等于 0）；“来源”为“说明”的取自文字说明。")
    st.caption("条形的顺序与原表一致。")


def _audit(ctx: AppContext, d: Disclosure) -> None:
    try:
        try:
            src = ctx.ws.source(d.doc_id)
        except BudgetQAError:
            src = None
        ns = fnd.notes(d, audit(d, src, by_cause=True))
    except Exception as err:  # an audit bug must not take the page down
        st.error(f"审计未能完成：{type(err).__name__}: {err}")
        return
    n = fnd.counts(ns)
    cols = st.columns(4)
    for col, sev in zip(cols, fnd.SEVERITY_LABELS):
        col.metric(fnd.SEVERITY_LABELS[sev], n[sev], help=fnd.SEVERITY_HELP[sev])
    if not ns:
        st.success("未发现文档内部的不一致：合计、分项、占比、增幅与各表之间相互吻合（在四舍五入容差内）。")
        return
    st.caption("按级别排列：错误 → 舍入 → 警告 → 提示；同一原因只列一条（涉及多处的，展开可见全部位置）。"
               f"金额单位随所在表格（本文档：{d.meta.unit}）。")
    current = None
    for note in ns:
        sev = note.severity
        if sev != current:
            current = sev
            st.markdown(f"**{fnd.SEVERITY_LABELS.get(sev, sev)}（{n.get(sev, 0)}）** — {fnd.SEVERITY_HELP.get(sev, '')}")
        f = note.finding
        with st.container(border=True):
            color = fnd.SEVERITY_COLORS.get(sev, "gray")
            st.markdown(f":{color}-badge[{fnd.SEVERITY_LABELS.get(sev, sev)}] "
                        f":gray-badge[{KIND_LABELS.get(f.kind, f.kind)}] **{_md(fnd.title(note))}**")
            if note.has_amounts:
                st.markdown(fnd.amounts_line(note))
            st.caption(_md(fnd.detail(note)))
            if len(note.places) > 1:
                with st.expander(f"涉及的 {len(note.places)} 处"):
                    st.markdown("\n".join(f"- {_md(p)}" for p in note.places))
    with st.expander("表格视图"):
        money_table(tables.findings_frame(ns), ["文档所列", "计算所得", "差额", "容差"])
    st.caption("审计只报告文档自身的不一致，从不改动文档中的数字。")


def _md(text: str) -> str:
    return text.replace("$", r"\$")


def _export(d: Disclosure) -> None:
    st.markdown("导出解析结果（数字与原文一致，空白单元格保持空白）：")
    c1, c2, c3 = st.columns(3)
    c1.download_button("Excel（每表一页）", tables.xlsx_bytes(d), file_name=tables.export_name(d, "xlsx"),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"xlsx_{d.doc_id}", width="stretch")
    c2.download_button("CSV（全部表格，长表）", tables.csv_bytes(tables.all_tables_frame(d)),
                       file_name=tables.export_name(d, "csv", "tables"), mime="text/csv",
                       key=f"csv_all_{d.doc_id}", width="stretch")
    c3.download_button("JSON（完整解析模型）", tables.json_bytes(d), file_name=tables.export_name(d, "json"),
                       mime="application/json", key=f"json_{d.doc_id}", width="stretch")


def render(ctx: AppContext) -> None:
    docs = ctx.ws.docs()
    if not docs:
        st.info("还没有索引任何文档。")
        return
    labels = {r.doc_id: f"{doc_label(r)}（{r.source}）" for r in docs}
    if st.session_state.get(SELECT_KEY) not in labels:
        st.session_state.pop(SELECT_KEY, None)
    doc_id = st.selectbox("文档", list(labels), format_func=labels.get, key=SELECT_KEY, placeholder="请选择")
    rec = next(r for r in docs if r.doc_id == doc_id)
    try:
        d = ctx.ws.disclosure(doc_id)
    except BudgetQAError as err:
        st.error(str(err))
        return
    title = " · ".join(str(x) for x in (rec.department or rec.source, f"{rec.year} 年" if rec.year else None, rec.kind) if x)
    st.markdown(f"### {title}")
    facts = [rec.region, f"{rec.pages} 页" if rec.pages else None, f"识别出 {len(d.tables)} 张表",
             f"{len(d.projects)} 个项目说明" if d.projects else None, f"金额单位：{d.meta.unit}", rec.source]
    st.caption(" · ".join(x for x in facts if x))
    t_tab, c_tab, a_tab, e_tab = st.tabs(["表格", "图表", "审计发现", "导出"])
    with t_tab:
        _tables(d)
    with c_tab:
        _charts(d)
    with a_tab:
        _audit(ctx, d)
    with e_tab:
        _export(d)
