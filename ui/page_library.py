"""The 文档库 tab: upload with progress and a result per file; the document list; remove."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from budgetqa.core.errors import BudgetQAError
from budgetqa.retrieval.workspace import DocRecord

from .bootstrap import AppContext
from .draw import heading
from .format import doc_label, ingest_line
from .upload import ACCEPTED_TYPES, ingest_uploads, summary

RESULTS_KEY = "upload_results"
UPLOADER_GEN = "uploader_generation"
FLASH_KEY = "library_flash"


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
    files = st.file_uploader("PDF（含文字层）、Excel 导出表（.xlsx）、文本或 Markdown（.txt / .md），可多选",
                             type=ACCEPTED_TYPES, accept_multiple_files=True, key=f"uploader_{gen}")
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
            st.markdown(ingest_line(r))


def _remove(ctx: AppContext, docs: list[DocRecord]) -> None:
    with st.expander("删除文档"):
        labels = {r.doc_id: f"{doc_label(r)}（{r.source}）" for r in docs}
        doc_id = st.selectbox("要删除的文档", list(labels), format_func=labels.get, key="remove_choice")
        sure = st.checkbox("确认删除：该文档的文本块、索引和解析结果都将移除", key="remove_confirm")
        if st.button("删除", disabled=not sure, key="remove_button"):
            try:
                with ctx.lock:
                    rec = ctx.ws.remove(doc_id)
                st.session_state[FLASH_KEY] = ("success", f"已删除：{doc_label(rec)}（{rec.source}）")
            except BudgetQAError as err:
                st.session_state[FLASH_KEY] = ("error", f"删除失败：{err}")
            st.session_state.pop("remove_confirm", None)
            st.rerun()


def render(ctx: AppContext) -> None:
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    _upload(ctx)
    docs = ctx.ws.docs()
    heading(f"已索引文档（{len(docs)}）")
    if not docs:
        st.info("索引为空：请在上方上传部门预算或决算公开文件。")
        return
    st.dataframe(docs_frame(docs), hide_index=True, width="stretch",
                 column_config={"年度": st.column_config.NumberColumn(format="%d"),
                                "doc_id": st.column_config.TextColumn(width="small")})
    _remove(ctx, docs)
