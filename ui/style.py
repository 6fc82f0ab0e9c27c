"""The few CSS rules the app adds: the highlighted cited figure and quiet passages."""
from __future__ import annotations

import streamlit as st

CSS = """
<style>
mark.bqa-fig { background: #ffd666; color: #1f1f1f; padding: 0 .15em; border-radius: 3px; font-weight: 600; }
div.bqa-passage { font-family: "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; font-size: .92rem;
  line-height: 1.65; background: #fafafa; border-left: 3px solid #d9d9d9; padding: .5rem .8rem; white-space: normal; }
div.bqa-figure-label { color: #595959; font-size: .9rem; margin-bottom: -.4rem; }
</style>
"""


def apply() -> None:
    st.html(CSS)
