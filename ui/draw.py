"""Small drawing helpers shared by the pages: bar charts with readable Chinese labels,
money tables that leave blank cells blank, and section headings."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

BAR_COLOR = "#1f5fa8"


def heading(text: str) -> None:
    st.markdown(f"##### {text}")


def hbar(df: pd.DataFrame, label: str, value: str = "金额", unit: str = "万元") -> None:
    """Horizontal bars, labels in full (no truncation of long department names), values printed."""
    base = alt.Chart(df).encode(
        y=alt.Y(f"{label}:N", sort=None, title=None, axis=alt.Axis(labelLimit=360, labelFontSize=12, labelOverlap=False)),
        x=alt.X(f"{value}:Q", title=unit, axis=alt.Axis(format=",", tickCount=6)),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{value}:Q", format=",.2f")],
    )
    bars = base.mark_bar(color=BAR_COLOR, cornerRadiusEnd=2)
    text = base.mark_text(align="left", dx=4, fontSize=12, color="#333").encode(text=alt.Text(f"{value}:Q", format=",.2f"))
    st.altair_chart((bars + text).properties(height=alt.Step(34)), width="stretch")


def money_table(df: pd.DataFrame, value_cols: list[str], **kwargs) -> None:
    """A dataframe whose amount columns show 1,060.00 and blank (not 'None') where nothing is stated."""
    styled = df.style.format("{:,.2f}", subset=value_cols, na_rep="")
    st.dataframe(styled, hide_index=True, width="stretch", **kwargs)
