"""The CSS the app adds: the highlighted cited figure, quiet passages, the source view, and Chinese
text in place of the English Streamlit draws itself (the file uploader's "Upload" button and
"200MB per file • PDF…" line), which no API lets us change."""
from __future__ import annotations

import streamlit as st

CSS = """
<style>
mark.bqa-fig { background: #ffd666; color: #1f1f1f; padding: 0 .15em; border-radius: 3px; font-weight: 600; }
div.bqa-passage { font-family: "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; font-size: .92rem;
  line-height: 1.65; background: #fafafa; border-left: 3px solid #d9d9d9; padding: .5rem .8rem; white-space: normal; }
div.bqa-figure-label { color: #595959; font-size: .9rem; margin-bottom: -.4rem; }
div.bqa-src { font-family: "Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", monospace; font-size: .85rem;
  line-height: 1.55; border: 1px solid #e8e8e8; border-radius: 4px; padding: .3rem 0; background: #fff; }
div.bqa-src-line { display: flex; padding: 0 .6rem; }
div.bqa-src-cited { background: #fff7d6; border-left: 3px solid #fa8c16; }
span.bqa-src-no { color: #8c8c8c; min-width: 4.5em; text-align: right; padding-right: .8em; user-select: none; }
span.bqa-src-text { white-space: pre-wrap; word-break: break-all; }
/* the file uploader, in Chinese: the button's "Upload" and the "200MB per file • …" line */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "选择文件"; font-size: .875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0 !important; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "拖放文件到此处，或点“选择文件” · 每个文件不超过 __MAX_MB__ MB · PDF、XLSX、TXT、MD"; font-size: .8rem; }
</style>
"""


def css(max_mb: float = 50) -> str:
    mb = f"{max_mb:g}"
    return CSS.replace("__MAX_MB__", mb)


def apply(max_mb: float = 50) -> None:
    st.html(css(max_mb))
