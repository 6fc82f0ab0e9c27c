"""Helpers for the Streamlit app (`app.py` only wires these together).

Pure modules (`format`, `tables`, `charts`, `upload`) hold the logic and are tested
directly; `page_*` modules only draw; `bootstrap` owns the shared workspace.
"""
