"""The 问答 tab: chat history kept in the session, each answer drawn with its proof.

Each answer says which documents were searched (all of the workspace, or the ones the user
limited the chat to), quotes every citation whole (its sentence or table row), and offers
「查看原文」: the PDF page with the cited cell framed, or the lines around a cited text line.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from budgetqa.core.answer import Answer, Citation
from budgetqa.core.errors import BudgetQAError
from budgetqa.extract.source import SourceDoc

from . import source_view as sv
from .bootstrap import AppContext
from .format import doc_label, fmt_value, highlight_html, status_label
from .scope import scoped

HISTORY_KEY = "chat_history"  # one history per workspace: f"{HISTORY_KEY}_{mine|demo}"
SCOPE_KEY = "chat_scope"
CHECK_KINDS = {"found": "原文找到", "calc": "重新计算", "table_identity": "表内勾稽", "missing": "缺失",
               "conflict": "矛盾"}


@dataclass
class Turn:
    question: str
    answer: Answer | None = None
    error: str | None = None
    searched: list[str] = field(default_factory=list)   # labels of the documents searched
    scoped: bool = False                                # limited to chosen documents
    workspace: str = ""                                 # 我的工作区 / 示例工作区


def history_key(ctx: AppContext) -> str:
    return f"{HISTORY_KEY}_{'demo' if ctx.demo else 'mine'}"


def ask(ctx: AppContext, question: str, doc_ids: list[str] | None = None) -> Turn:
    """Run the QA pipeline on the workspace (or the chosen documents); errors become a message
    the user can act on, never a traceback."""
    ws = scoped(ctx.ws, doc_ids)
    searched = [doc_label(r) for r in ws.docs()]
    turn = Turn(question, searched=searched, scoped=bool(doc_ids), workspace=ctx.name)
    try:
        from budgetqa.qa.pipeline import answer_question
    except ImportError as err:
        turn.error = f"问答模块不可用：{err}"
        return turn
    try:
        turn.answer = answer_question(question, ws, ctx.settings)
    except BudgetQAError as err:
        turn.error = f"未能回答：{err}"
    except Exception as err:  # a bug in the answering code must not take the page down
        turn.error = f"回答时出现意外错误，请把问题和文件反馈给维护者（{type(err).__name__}: {str(err)[:200]}）"
    return turn


def _md(text: str) -> str:
    """Plain text safe for st.markdown (a '$' would start LaTeX)."""
    return text.replace("$", r"\$")


def _doc_name(file_name: str, doc_id: str | None, labels: dict[str, str]) -> str:
    """'新疆巴州科学技术局 · 2025 · 预算（002_….txt）' when the document is still indexed."""
    label = labels.get(doc_id or "") or labels.get(file_name)
    return f"{label}（{file_name}）" if label else file_name


@functools.lru_cache(maxsize=16)
def _source(ws, doc_id: str) -> SourceDoc | None:
    try:
        return ws.source(doc_id)
    except BudgetQAError:
        return None


@st.cache_data(show_spinner=False, max_entries=64)
def _page_png(root: str, doc_id: str, path: str, page: int, line_boxes: tuple, figure_boxes: tuple,
              value: float | None, zoom: bool) -> bytes | None:
    pdf = sv.original_bytes(Path(root), doc_id, path)
    if pdf is None:
        return None
    return sv.page_png(pdf, page, list(line_boxes), list(figure_boxes), zoom=zoom, value=value)


def quote(ws, c: Citation) -> str:
    """The citation's text quoted whole (its sentence or table row) when its source is at hand."""
    src = _source(ws, c.doc_id) if (ws is not None and c.doc_id) else None
    return sv.whole_quote(src, c.locator, c.text) if src is not None else c.text


def render_source(ws, c: Citation, value: float | None) -> None:
    """The citation in its source: the PDF page with the figure's cell framed, or the lines around it."""
    src = _source(ws, c.doc_id) if (ws is not None and c.doc_id) else None
    if src is None:
        st.caption("原文已不在索引中（文档已删除），无法显示。")
        return
    b = sv.find_block(src, c.locator, c.text)
    if b is None:
        st.caption("未能在原文中定位这段引用。")
        return
    if b.exact:
        b = sv.whole_block(src, b)[0]  # the whole sentence, as quoted above
    if src.format == "pdf":
        page, line_boxes, fig_boxes = sv.highlight_boxes(src, b, value)
        if page is not None and (line_boxes or fig_boxes):
            args = (str(ws.root), src.doc_id, src.path, page, tuple(line_boxes), tuple(fig_boxes), value)
            zoomed = _page_png(*args, True)
            if zoomed is not None:
                what = "红框为答案数字，橙框为引用的行" if fig_boxes else "橙框为引用的行"
                st.image(zoomed, caption=f"第 {page} 页（局部放大）：{what}")
                st.image(_page_png(*args, False), caption=f"第 {page} 页全页")
                return
            st.caption("原 PDF 文件不在工作区中（只有上传的文件会保留原件），下面是这一页提取出的文字。")
    where = "工作表 " + src.lines[b.start].loc.sheet if src.lines[b.start].loc.sheet else (
        f"第 {src.lines[b.start].loc.page} 页" if src.lines[b.start].loc.page else "")
    st.caption(f"{src.name} {where} · 黄色底纹为引用的行，数字高亮为答案".strip())
    st.markdown(sv.context_html(src, b, value), unsafe_allow_html=True)


def render_answer(a: Answer, labels: dict[str, str] | None = None, ws=None, key: str = "a") -> None:
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
                st.markdown(f'<div class="bqa-passage">{highlight_html(quote(ws, c), a.value)}</div>',
                            unsafe_allow_html=True)
                if ws is not None and c.doc_id and st.toggle("查看原文", key=f"src_{key}_{i}",
                                                             help="PDF：原页面图像，框出引用的单元格；文本：引用行的上下文"):
                    render_source(ws, c, a.value)
    meta = ["离线模式" if a.mode == "offline" else "LLM 模式"]
    if a.latency_ms is not None:
        meta.append(f"用时 {a.latency_ms / 1000:.2f} 秒")
    st.caption(" · ".join(meta))


def searched_line(t: Turn) -> str:
    """Which documents the question was asked of: '检索范围：我的工作区的全部 2 份文档（A；B）'."""
    names = "；".join(t.searched) if t.searched else "无"
    if t.scoped:
        return f"检索范围：限定的 {len(t.searched)} 份文档（{names}）"
    return f"检索范围：{t.workspace}的全部 {len(t.searched)} 份文档（{names}）"


def render_turn(t: Turn, labels: dict[str, str] | None = None, ws=None, key: str = "t") -> None:
    with st.chat_message("user"):
        st.markdown(_md(t.question))
    with st.chat_message("assistant"):
        if t.searched or t.workspace:
            st.caption(_md(searched_line(t)))
        if t.error:
            st.error(t.error)
        elif t.answer is not None:
            render_answer(t.answer, labels, ws, key)


def render(ctx: AppContext) -> None:
    history: list[Turn] = st.session_state.setdefault(history_key(ctx), [])
    docs = ctx.ws.docs()
    n_docs = len(docs)
    labels = {key: doc_label(r) for r in docs for key in (r.doc_id, r.source)}
    options = {r.doc_id: f"{doc_label(r)}（{r.source}）" for r in docs}
    if st.session_state.get(SCOPE_KEY):
        st.session_state[SCOPE_KEY] = [d for d in st.session_state[SCOPE_KEY] if d in options]
    chosen = st.multiselect("限定检索的文档（不选则检索全部文档）", list(options), format_func=options.get,
                            key=SCOPE_KEY, placeholder="全部文档", disabled=n_docs == 0)
    mode = "已配置大模型" if ctx.settings.llm_configured else "离线模式（未配置大模型，答案直接取自解析的表格和原文）"
    scope = f"限定的 {len(chosen)} 份文档" if chosen else f"{ctx.name}的全部 {n_docs} 份文档"
    st.caption(f"在{scope}中提问 · {mode}")
    board = st.container()
    question = st.chat_input("输入问题，例如：巴州高企奖励多少？三公经费合计多少？", disabled=n_docs == 0)
    if question and question.strip():
        with board, st.spinner("正在检索并核验……"):
            history.append(ask(ctx, question.strip(), chosen or None))
    with board:
        if not history:
            st.info("提问示例：「部门收支总预算是多少」「三公经费合计多少」「项目支出占总支出的比例」。"
                    "每个答案给出数值和单位、核验状态、计算过程，以及可展开的原文引用（可查看原文页面）。",
                    icon=":material/forum:")
        for k, t in enumerate(history):
            render_turn(t, labels, ctx.ws, key=str(k))
