"""The 问答 tab: chat history kept in the session, each answer drawn with its proof."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from budgetqa.core.errors import BudgetQAError
from budgetqa.core.answer import Answer

from .bootstrap import AppContext
from .format import doc_label, fmt_value, highlight_html, status_label

HISTORY_KEY = "chat_history"
CHECK_KINDS = {"found": "原文找到", "calc": "重新计算", "table_identity": "表内勾稽", "missing": "缺失",
               "conflict": "矛盾"}


@dataclass
class Turn:
    question: str
    answer: Answer | None = None
    error: str | None = None


def ask(ctx: AppContext, question: str) -> Turn:
    """Run the QA pipeline; errors become a message the user can act on, never a traceback."""
    try:
        from budgetqa.qa.pipeline import answer_question
    except ImportError as err:
        return Turn(question, error=f"问答模块不可用：{err}")
    try:
        return Turn(question, answer=answer_question(question, ctx.ws, ctx.settings))
    except BudgetQAError as err:
        return Turn(question, error=f"未能回答：{err}")


def _md(text: str) -> str:
    """Plain text safe for st.markdown (a '$' would start LaTeX)."""
    return text.replace("$", r"\$")


def _doc_name(file_name: str, doc_id: str | None, labels: dict[str, str]) -> str:
    """'新疆巴州科学技术局 · 2025 · 预算（002_….txt）' when the document is still indexed."""
    label = labels.get(doc_id or "") or labels.get(file_name)
    return f"{label}（{file_name}）" if label else file_name


def render_answer(a: Answer, labels: dict[str, str] | None = None) -> None:
    labels = labels or {}
    label, color, icon = status_label(a.verification.status, a.found)
    badge = f":{color}-badge[{icon} {label}]"
    if a.found and a.value is not None:
        if a.figure:
            st.caption(_md(a.figure))
        left, right = st.columns([3, 2], vertical_alignment="center")
        left.metric("答案", fmt_value(a.value, a.unit), label_visibility="collapsed")
        right.markdown(badge + ("" if a.mode == "offline" else "  :blue-badge[LLM]"))
    else:
        st.markdown(badge)
    st.markdown(_md(a.answer))
    if a.items:
        st.markdown("\n".join(f"- {_md(i)}" for i in a.items))
    if a.doc:
        doc_id = next((c.doc_id for c in a.citations if c.doc == a.doc), None)
        st.caption(f"来源文档：{_doc_name(a.doc, doc_id, labels)}")
    if a.notice:
        st.info(a.notice, icon=":material/info:")
    if a.calculation:
        st.markdown("**计算过程**")
        st.code(a.calculation, language=None, wrap_lines=True)
    checks = a.verification.checks
    if checks:
        with st.expander(f"核验明细（{sum(c.ok for c in checks)}/{len(checks)} 项通过）"):
            for c in checks:
                mark = ":green[:material/check:]" if c.ok else ":red[:material/close:]"
                st.markdown(f"{mark} **{CHECK_KINDS.get(c.kind, c.kind)}** — {_md(c.detail)}")
    if a.citations:
        st.markdown(f"**引用（{len(a.citations)}）**")
        for i, c in enumerate(a.citations, start=1):
            with st.expander(f"[{i}] {_doc_name(c.doc, c.doc_id, labels)} · {c.locator}", expanded=(i == 1)):
                st.markdown(f'<div class="bqa-passage">{highlight_html(c.text, a.value)}</div>',
                            unsafe_allow_html=True)
    meta = ["离线模式" if a.mode == "offline" else "LLM 模式"]
    if a.latency_ms is not None:
        meta.append(f"用时 {a.latency_ms / 1000:.2f} 秒")
    st.caption(" · ".join(meta))


def render_turn(t: Turn, labels: dict[str, str] | None = None) -> None:
    with st.chat_message("user"):
        st.markdown(_md(t.question))
    with st.chat_message("assistant"):
        if t.error:
            st.error(t.error)
        elif t.answer is not None:
            render_answer(t.answer, labels)


def render(ctx: AppContext) -> None:
    history: list[Turn] = st.session_state.setdefault(HISTORY_KEY, [])
    docs = ctx.ws.docs()
    n_docs = len(docs)
    labels = {key: doc_label(r) for r in docs for key in (r.doc_id, r.source)}
    mode = "已配置大模型" if ctx.settings.llm_configured else "离线模式（未配置大模型，答案直接取自解析的表格和原文）"
    st.caption(f"在 {n_docs} 份已索引文档中提问 · {mode}")
    board = st.container()
    question = st.chat_input("输入问题，例如：巴州高企奖励多少？三公经费合计多少？", disabled=n_docs == 0)
    if question and question.strip():
        with board, st.spinner("正在检索并核验……"):
            history.append(ask(ctx, question.strip()))
    with board:
        if not history:
            st.info("提问示例：「部门收支总预算是多少」「三公经费合计多少」「项目支出占总支出的比例」。"
                    "每个答案给出数值和单位、核验状态、计算过程，以及可展开的原文引用。", icon=":material/forum:")
        for t in history:
            render_turn(t, labels)
