"""The 设置 tab: what the app runs with. Read from the environment; the API key is never shown."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from . import bootstrap
from .bootstrap import AppContext
from .draw import heading
from .format import human_size


def dir_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def render(ctx: AppContext) -> None:
    view = ctx.settings.public_view()
    docs = ctx.ws.docs()
    heading("大模型")
    if view["llm_configured"]:
        st.success(f"已配置：{view['llm_model']} @ {view['llm_base_url']}（结构化输出方式：{view['llm_structured_mode']}）")
    else:
        st.info("未配置大模型：离线模式。答案取自解析出的表格和原文，同样带引用和核验。"
                "设置环境变量 BUDGETQA_LLM_BASE_URL、BUDGETQA_LLM_MODEL、BUDGETQA_LLM_API_KEY 后重启即可启用。")
    st.markdown(f"API 密钥：{'已设置（不显示）' if view['llm_api_key_set'] else '未设置'}")
    heading("工作区与索引")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("文档", len(docs))
    c2.metric("文本块", sum(r.n_chunks for r in docs))
    c3.metric("表格", sum(r.n_tables for r in docs))
    c4.metric("磁盘占用", human_size(dir_size(ctx.ws.root)))
    st.markdown(f"当前查看：**{ctx.name}** · 目录 `{view['workspace']}`")
    st.markdown(f"我的工作区：`{bootstrap.current_workspace()}`（环境变量 BUDGETQA_WORKSPACE），只含您上传的文件")
    st.markdown(f"示例工作区：`{bootstrap.demo_workspace()}`（环境变量 {bootstrap.DEMO_ENV}，默认为我的工作区目录加 -demo），"
                "只含内置示例")
    st.markdown(f"向量库：{'Chroma 服务 ' + view['chroma_url'] if view['chroma_url'] else '本地 Chroma'} · "
                f"嵌入：{'离线字符 n-gram' if view['embedding'] == 'hash' else 'OpenAI 兼容接口'}")
