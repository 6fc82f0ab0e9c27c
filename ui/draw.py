"""Small drawing helpers shared by the pages: bar charts with readable Chinese labels,
money tables that leave blank cells blank, and section headings."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

BAR_COLOR = "#1f5fa8"
# amounts: thousands separators, never scientific or SI notation (d3-format)
AXIS_FORMAT = ",.0f"
AXIS_FORMAT_SMALL = ",.2f"
VALUE_FORMAT = ",.2f"


def heading(text: str) -> None:
    st.markdown(f"##### {text}")


def axis_format(values: pd.Series) -> str:
    """',.0f' (1,234) for amounts of 10 and more, ',.2f' (0.50) below: never 5e+2 or 1.2k."""
    top = float(values.abs().max()) if len(values) else 0.0
    return AXIS_FORMAT if top >= 10 else AXIS_FORMAT_SMALL


def hbar_chart(df: pd.DataFrame, label: str, value: str = "金额", unit: str = "万元") -> alt.LayerChart:
    """Horizontal bars in the order of the rows (the table's order), labels in full, values printed,
    the amount axis titled with its unit."""
    order = list(df[label])
    base = alt.Chart(df).encode(
        y=alt.Y(f"{label}:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=360, labelFontSize=12, labelOverlap=False)),
        x=alt.X(f"{value}:Q", title=f"金额（{unit}）",
                axis=alt.Axis(format=axis_format(df[value]), tickCount=6, labelOverlap=True)),
        tooltip=[alt.Tooltip(f"{label}:N", title="项目"), alt.Tooltip(f"{value}:Q", title=f"金额（{unit}）", format=VALUE_FORMAT)],
    )
    bars = base.mark_bar(color=BAR_COLOR, cornerRadiusEnd=2)
    text = base.mark_text(align="left", dx=4, fontSize=12, color="#333").encode(text=alt.Text(f"{value}:Q", format=VALUE_FORMAT))
    return (bars + text).properties(height=alt.Step(34))


def hbar(df: pd.DataFrame, label: str, value: str = "金额", unit: str = "万元") -> None:
    st.altair_chart(hbar_chart(df, label, value, unit), width="stretch")


BLANK_NOTE = "空白单元格：原表在该处留空（未列出），不是 0。"


def money_table(df: pd.DataFrame, value_cols: list[str], **kwargs) -> None:
    """A dataframe whose amount columns show 1,060.00, and blank — never 'None' — where nothing is stated."""
    styled = df.style.format("{:,.2f}", subset=value_cols, na_rep="")
    st.dataframe(styled, hide_index=True, width="stretch", placeholder="", **kwargs)
