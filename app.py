"""budgetqa — the Streamlit app: `streamlit run app.py`.

A thin caller: every bit of logic lives in `ui/` (and below it, the library).
"""
import streamlit as st

# an emoji page icon: a Material icon name would make the browser fetch an SVG from fonts.gstatic.com
st.set_page_config(page_title="budgetqa · 预算公开问答", page_icon="🏛️", layout="wide")
_loading = st.empty()
_loading.caption("正在启动……")  # the first start imports the index libraries: say so instead of a blank page

from budgetqa.ui import bootstrap, page_chat, page_compare, page_document, page_library, page_settings, style  # noqa: E402

ctx = bootstrap.start()
style.apply(ctx.settings.max_file_mb)
_loading.empty()

with st.sidebar:
    st.title(":material/account_balance: 预算公开问答")
    st.caption("部门预算 / 决算公开文件的解析、问答、核验与审计。所有答案都带原文引用。")
    st.session_state[bootstrap.RADIO_KEY] = bootstrap.DEMO if ctx.demo else bootstrap.MINE
    st.radio("工作区", [bootstrap.MINE, bootstrap.DEMO], format_func=bootstrap.WORKSPACE_LABELS.get,
             key=bootstrap.RADIO_KEY, on_change=bootstrap.on_radio,
             help="我的工作区只含您上传的文件；示例工作区含内置的示例文件，两者互不相混")
    docs = ctx.ws.docs()
    st.metric("已索引文档", len(docs))
    st.caption(f"工作区目录：{ctx.ws.root}")
    st.caption("大模型：" + ("已配置" if ctx.settings.llm_configured else "未配置（离线模式）"))
    if st.button("清空对话", key="clear_chat"):
        st.session_state.pop(page_chat.history_key(ctx), None)

chat, library, document, compare, settings = st.tabs(
    [":material/forum: 问答", ":material/folder_open: 文档库", ":material/table_view: 文档详情",
     ":material/bar_chart: 跨文档对比", ":material/settings: 设置"])
with chat:
    page_chat.render(ctx)
with library:
    page_library.render(ctx)
with document:
    page_document.render(ctx)
with compare:
    page_compare.render(ctx)
with settings:
    page_settings.render(ctx)
