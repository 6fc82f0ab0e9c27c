"""Helpers for the Streamlit app (`app.py` only wires these together).

Pure modules (`format`, `tables`, `charts`, `upload`, `source_view`, `findings`, `scope`) hold the
logic and are tested directly; `page_*` modules only draw; `bootstrap` owns the two workspaces
(the user's own, and the demo one holding the bundled samples); `style` the CSS.
"""
