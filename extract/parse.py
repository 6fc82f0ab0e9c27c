"""From a loaded `SourceDoc` to a `Disclosure`: a chain of small stages, each inspectable."""
from __future__ import annotations

from pathlib import Path

from budgetqa.core.errors import NotADisclosureError

from .loader import load
from .meta import detect_meta, looks_like_disclosure
from .models import Disclosure, Figure, Table, ThreePublic
from .templates import THREE_PUBLIC_ROWS
from .performance import parse_performance
from .prose import extract_prose
from .sections import build_paragraphs
from .source import SourceDoc
from .tables import parse_tables


def parse(src: SourceDoc) -> Disclosure:
    if not looks_like_disclosure(src):
        raise NotADisclosureError("this does not look like a department budget or final-account disclosure "
                                  "(no 预算/决算 tables or statements found)", file=src.name,
                                  hint="check that this is a 部门预算/部门决算公开 document")
    meta = detect_meta(src)
    tables, table_lines = parse_tables(src)
    performance, perf_lines = parse_performance(src)
    paragraphs = build_paragraphs(src.lines, skip=table_lines | perf_lines)
    d = Disclosure(doc_id=src.doc_id, source_name=src.name, format=src.format, pages=src.pages,
                   meta=meta, tables=tables, performance=performance, paragraphs=paragraphs)
    extract_prose(src, d)
    d.three_public_prose = d.three_public
    table_tp = three_public_from_table(d.table("three_public"))
    if table_tp is not None:
        d.three_public = table_tp
    return d


def three_public_from_table(t: Table | None) -> ThreePublic | None:
    """表10's 合计 column: a blank cell stays None (not stated), never 0."""
    if t is None or not t.rows:
        return None
    tp = ThreePublic(source="table")
    for key in ("total", "vehicle_total", "vehicle_purchase", "vehicle_operation", "outbound", "reception"):
        pat = THREE_PUBLIC_ROWS[key]
        for r in t.rows:
            name = r.name.removeprefix("其中：").removeprefix("其中:")
            if pat.search(name):
                if getattr(tp, key) is None and r.values.get(t.columns[0]) is not None:
                    setattr(tp, key, Figure(value=r.values[t.columns[0]], unit=t.unit, loc=r.loc, text=r.raw))
                break
    return tp


def parse_file(path: str | Path, *, max_mb: float = 50.0) -> Disclosure:
    return parse(load(path, max_mb=max_mb))
