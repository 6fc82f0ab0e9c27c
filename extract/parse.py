"""From a loaded `SourceDoc` to a `Disclosure`: a chain of small stages, each inspectable."""
from __future__ import annotations

from pathlib import Path

from budgetqa.core.errors import NotADisclosureError

from .loader import load
from .meta import detect_meta, looks_like_disclosure
from .facts import build_catalog
from .models import Disclosure, Figure, Table, ThreePublic
from .templates import THREE_PUBLIC_ROWS
from .performance import parse_performance
from .prose import extract_prose
from .sections import build_paragraphs
from .source import SourceDoc
from .grid_tables import grid_tables
from .tables import parse_tables
from .list_tables import list_tables


def parse(src: SourceDoc) -> Disclosure:
    if not looks_like_disclosure(src):
        raise NotADisclosureError("this is not a department budget or final-account disclosure, nor a page "
                                  "restating one: it has no budget vocabulary (预算/决算 with 支出、收入、万元 …)",
                                  file=src.name,
                                  hint="give a 部门预算/部门决算公开 document, or a news article / web page quoting its figures")
    meta = detect_meta(src)
    # a PDF's ruled grids give the cells; text inputs need the columns recovered by arithmetic
    tables, table_lines = grid_tables(src, meta.unit) if src.grids else parse_tables(src)
    if not tables:
        # no grid and no text table: the tables may be written as lists (a web page's release)
        tables, table_lines = list_tables(src, table_lines)
    performance, perf_lines = parse_performance(src)
    paragraphs = build_paragraphs(src.lines, skip=table_lines | perf_lines)
    d = Disclosure(doc_id=src.doc_id, source_name=src.name, format=src.format, pages=src.pages,
                   meta=meta, tables=tables, performance=performance, paragraphs=paragraphs)
    extract_prose(src, d)
    d.three_public_prose = d.three_public
    table_tp = three_public_from_table(d.table("three_public"))
    if table_tp is not None:
        d.three_public = table_tp
    _add_notices(src, d)
    d.catalog = build_catalog(d, src)  # last stage: every figure typed and located, stored with the model
    return d


PROSE_ONLY_NOTICE = ("未识别到预算/决算表格：按纯文字文档收录（如转述部门预算的新闻或网页），"
                     "只能回答正文中写明的数字，请以部门正式公开的文件为准")


def _add_notices(src: SourceDoc, d: Disclosure) -> None:
    from .script import TRADITIONAL_NOTICE, is_converted
    if not d.tables and not d.performance:
        d.prose_only = True
        d.notices.append(PROSE_ONLY_NOTICE)
    if is_converted(src):
        d.notices.append(TRADITIONAL_NOTICE)


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
