"""The numbered standard tables (表1 … 表11, and the 决算 tables)."""
from __future__ import annotations

from .models import Table
from .source import SourceDoc


def parse_tables(src: SourceDoc) -> tuple[list[Table], set[int]]:
    """Return the tables and the indexes (into src.lines) of the lines they consumed."""
    return [], set()
