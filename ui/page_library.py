"""The 文档库 tab: upload with progress and a result per file; the document list; remove.

Uploads go into the user's own workspace only; the demo workspace holds the bundled samples,
which can be removed (and asked back) with one click. Samples an older version of the app put
into the user's workspace are pointed out, with a button that removes them.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from budgetqa.core.errors import BudgetQAError
from budgetqa.retrieval.workspace import DocRecord

from . import bootstrap
from .bootstrap import AppContext
from .draw import heading
from .format import doc_label, ingest_parts
from .source_view import drop_original
from .upload import ACCEPTED_TEXT, ingest_uploads, summary

RESULTS_KEY = "upload_results"
UPLOADER_GEN = "uploader_generation"
FLASH_KEY = "library_flash"
# uploads are capped by BUDGETQA_MAX_FILE_MB in the workspace (a Chinese message); the browser's own
# cap (an English message) is set well above it so it is only met by absurd files
BROWSER_CAP_FACTOR = 4


def docs_frame(docs: list[DocRecord]) -> pd.DataFrame:
    rows = [{"部门": r.department or "（未识别）", "地区": r.region or "", "年度": r.year, "类型": r.kind or "",
             "页数": r.pages, "文本块": r.n_chunks, "表格": r.n_tables, "文件": r.source,
             "导入时间": r.ingested_at.replace("T", " "), "doc_id": r.doc_id} for r in docs]
    df = pd.DataFrame(rows, columns=["部门", "地区", "年度", "类型", "页数", "文本块", "表格", "文件", "导入时间", "doc_id"])
    for c in ("年度", "页数", "文本块", "表格"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df


def _upload(ctx: AppContext) -> None:
    heading("上传文件")
    gen = st.session_state.setdefault(UPLOADER_GEN, 0)
    max_mb = ctx.settings.max_file_mb
    files = st.file_uploader(f"{ACCEPTED_TEXT}，可多选；.xls / .docx 请先另存为 .xlsx 或 PDF",
                             type=None, accept_multiple_files=True, key=f"uploader_{gen}",
                             max_upload_size=int(max(200, max_mb * BROWSER_CAP_FACTOR)))
    if st.button("导入所选文件", type="primary", disabled=not files, key="ingest_button"):
        bar = st.progress(0.0, text="准备导入……")

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(done / max(total, 1), text=f"正在解析并索引 {name}（{done + 1}/{total}）" if name else "完成")

        with ctx.lock:
            results = ingest_uploads(ctx.ws, [(f.name, f.getvalue()) for f in files], progress)
        st.session_state[RESULTS_KEY] = results
        st.session_state[UPLOADER_GEN] = gen + 1  # a fresh, empty uploader
        st.rerun()
    results = st.session_state.get(RESULTS_KEY)
    if results:
        box = st.error if any(r.status == "failed" for r in results) else st.success
        box("导入结果：" + summary(results))
        for r in results:
            line, detail = ingest_parts(r)
            st.markdown(line)
            if detail:
                st.caption(f"技术详情：{detail}")


def _demo_notice() -> None:
    st.info("这是**示例工作区**：只含内置的几份新疆部门预算 / 决算示例，与您自己的工作区完全分开。"
            "要导入自己的文件，请切换到「我的工作区」。", icon="📚")
    c1, c2, _ = st.columns([1, 1, 2])
    if c1.button("切换到我的工作区", key="to_mine", type="primary"):
        bootstrap.switch_to(bootstrap.MINE)
        st.rerun()
    if c2.button("移除全部示例", key="clear_demo", help="示例工作区清空；之后可一键重新载入"):
        n = bootstrap.clear_demo()
        st.session_state[FLASH_KEY] = ("success", f"已从示例工作区移除 {n} 份示例文件。")
        st.rerun()


def _legacy_samples(ctx: AppContext) -> None:
    """Only where an older app seeded the samples (its marker is there): a sample she uploaded herself
    is hers."""
    if not (ctx.ws.root / bootstrap.SEEDED_MARKER).exists():
        return
    ids = bootstrap.samples_in(ctx.ws)
    if not ids:
        return
    st.warning(f"您的工作区里有 {len(ids)} 份内置示例文件（早期版本的应用自动加入的），提问时它们也会被检索。"
               "示例现在放在单独的示例工作区里。", icon="⚠️")
    if st.button(f"从我的工作区移除这 {len(ids)} 份示例", key="remove_legacy_samples"):
        with ctx.lock:
            for doc_id in ids:
                ctx.ws.remove(doc_id)
            (ctx.ws.root / bootstrap.SEEDED_MARKER).unlink(missing_ok=True)
        st.session_state[FLASH_KEY] = ("success", f"已从我的工作区移除 {len(ids)} 份内置示例。")
        st.rerun()


def _remove(ctx: AppContext, docs: list[DocRecord]) -> None:
    with st.expander("删除文档"):
        labels = {r.doc_id: f"{doc_label(r)}（{r.source}）" for r in docs}
        doc_id = st.selectbox("要删除的文档", list(labels), format_func=labels.get, key="remove_choice",
                              placeholder="请选择")
        sure = st.checkbox("确认删除：该文档的文本块、索引和解析结果都将移除", key="remove_confirm")
        if st.button("删除", disabled=not sure, key="remove_button"):
            try:
                with ctx.lock:
                    rec = ctx.ws.remove(doc_id)
                    drop_original(ctx.ws.root, rec.doc_id)
                st.session_state[FLASH_KEY] = ("success", f"已删除：{doc_label(rec)}（{rec.source}）")
            except BudgetQAError as err:
                st.session_state[FLASH_KEY] = ("error", f"删除失败：{err}")
            st.session_state.pop("remove_confirm", None)
            st.rerun()


def render(ctx: AppContext) -> None:
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    if ctx.demo:
        _demo_notice()
    else:
        _legacy_samples(ctx)
        _upload(ctx)
    docs = ctx.ws.docs()
    heading(f"{ctx.name}：已索引文档（{len(docs)}）")
    if not docs:
        if ctx.demo:
            st.info("示例工作区是空的。")
            if st.button("重新载入内置示例", key="reload_demo"):
                bootstrap.reload_demo()
                st.rerun()
        else:
            st.info("索引为空：请在上方上传部门预算或决算公开文件。")
        return
    st.dataframe(docs_frame(docs), hide_index=True, width="stretch", placeholder="",
                 column_config={"年度": st.column_config.NumberColumn(format="%d"),
                                "doc_id": st.column_config.TextColumn(width="small")})
    _remove(ctx, docs)
