"""Chunks that carry their context: what gets indexed for one parsed disclosure.

A chunk is one focused unit — a table row (with its table title, column headers and code
path), a prose paragraph (with its section path, re-joined across the PDF's line breaks),
a project block, a performance-target block — or, for whatever those did not cover, a
small window of consecutive lines. Chunk text always contains the *raw* source lines
(citations quote them and evidence is matched against them, white space ignored), with a
short context prefix in 【…】 before them.
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from budgetqa.extract.models import Disclosure, PerformanceTable, Table, TableRow
from budgetqa.core.normalize import norm, squash
from budgetqa.extract.sections import heading_level
from budgetqa.extract.source import Locator, SourceDoc

from .perf_blocks import PerfBlock, find_blocks

ChunkKind = Literal["table_row", "table_head", "paragraph", "project", "performance", "lines"]

MAX_CHARS = 800          # keep chunks focused: one row / paragraph / block
MAX_PARA = 400          # paragraphs of one section are packed up to this size
SMALL_TABLE = 8         # a table with at most this many rows is also one chunk
WINDOW_CHARS = 300       # 'lines' chunks: consecutive left-over lines up to this size
INDICATOR_CHARS = 360    # performance indicator rows are grouped up to this size
_TABLE_TITLE = re.compile(r"(?:^表\s*\d+|情况表|明细表|决算表|总表|目标表|自评表)\s*$")


class Chunk(BaseModel):
    id: str
    doc_id: str
    text: str
    kind: ChunkKind
    metadata: dict = Field(default_factory=dict)

    @property
    def locator(self) -> str:
        return self.metadata.get("locator", "?")


def _loc_str(loc: Locator | None) -> str:
    return str(loc) if loc is not None else "?"


class _Builder:
    """Accumulates chunks for one document and remembers which lines they quote."""

    def __init__(self, src: SourceDoc, d: Disclosure):
        self.src, self.d = src, d
        self.chunks: list[Chunk] = []
        self.covered: set[int] = set()  # 1-based line numbers quoted verbatim somewhere
        self.base = {"doc_id": src.doc_id, "source": src.name, "department": d.meta.department or "",
                     "region": d.meta.region or "", "year": d.meta.year or 0, "kind": d.meta.kind or ""}

    def line(self, n: int) -> str:
        return self.src.lines[n - 1].text if 0 < n <= len(self.src.lines) else ""

    def add(self, kind: ChunkKind, context: str, body: str, loc: Locator | None, *, section: str = "",
            table: str = "", lines: list[int] | None = None) -> None:
        body = body.strip("\n")
        if not body.strip():
            return
        text = (f"【{context}】\n{body}" if context else body)
        # a chunk must quote its lines verbatim; only mark those it really contains
        flat = squash(text)
        for n in lines or []:
            raw = squash(self.line(n))
            if raw and raw in flat:
                self.covered.add(n)
        nums = [n for n in lines or [] if n]
        span = f"{min(nums)}-{max(nums)}" if nums else ""
        meta = dict(self.base, section=section, table=table, locator=_loc_str(loc), span=span,
                    line=(loc.line if loc and loc.line is not None else 0),
                    page=(loc.page if loc and loc.page is not None else 0), chunk_kind=kind)
        self.chunks.append(Chunk(id=f"{self.src.doc_id}:{len(self.chunks):05d}", doc_id=self.src.doc_id,
                                 text=text[: MAX_CHARS * 2], kind=kind, metadata=meta))


def _row_lines(b: _Builder, row: TableRow) -> list[int]:
    """Source lines that make up a (possibly wrapped) row: the first line and any following
    lines whose text is part of the row's raw text."""
    start = row.loc.line
    if start is None:
        return []
    out = [start]
    raw = squash(row.raw)
    n = start + 1
    while n <= len(b.src.lines) and len(out) < 6:
        t = squash(b.line(n))
        if not t:
            n += 1
            continue
        if t in raw and t not in squash("".join(b.line(i) for i in out)):
            out.append(n)
            n += 1
            continue
        break
    return out


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def _table_chunks(b: _Builder, t: Table) -> None:
    title = " ".join(x for x in (t.number, t.title) if x)
    cols = "/".join(t.columns)
    head = f"{title}（单位：{t.unit}）" + (f" 列: {cols}" if cols else "")
    short = f"{title}（单位：{t.unit}）"
    # the title and column-header lines above the first row: one chunk (the PDF splits
    # header cells into many tiny lines, which alone would match any column word)
    first = min((r.loc.line for r in t.rows if r.loc.line), default=None)
    if t.loc.line and first and first > t.loc.line:
        hl = [n for n in range(t.loc.line, first) if b.line(n).strip()]
        while hl:
            part, size = [], 0
            while hl and (not part or size + len(b.line(hl[0])) <= MAX_CHARS):
                size += len(b.line(hl[0]))
                part.append(hl.pop(0))
            cols_line = f"列: {cols}\n" if cols else ""
            b.add("table_head", short, cols_line + "\n".join(b.line(n) for n in part),
                  b.src.lines[part[0] - 1].loc, table=title, lines=part)
    if t.empty_note:
        b.add("table_row", head, t.empty_note, t.loc, table=title, lines=[t.loc.line] if t.loc.line else [])
    if 0 < len(t.rows) <= SMALL_TABLE:
        lines = [n for r in t.rows for n in _row_lines(b, r)]
        body = "\n".join(b.line(n) for n in lines)
        if len(body) <= MAX_CHARS:
            b.add("table_row", head, body, t.loc, table=title, lines=lines)
            return
    path: dict[int, str] = {}
    for row in t.rows:
        label = " ".join(row.code_parts) + (" " if row.code_parts else "") + row.name
        if row.level:
            path[row.level] = label
            for deeper in [k for k in path if k > row.level]:
                del path[deeper]
            code_path = " > ".join(path[k] for k in sorted(path))
        else:
            code_path = label
        if row.project:
            code_path += f" > 项目: {row.project}"
        values = ""
        if row.values and not row.ambiguous:
            vals = "；".join(f"{k} {_fmt(v)}" for k, v in row.values.items() if v is not None)
            values = f"\n({vals})" if vals else ""
        lines = _row_lines(b, row)
        raw_lines = "\n".join(b.line(n) for n in lines) if lines else row.raw
        body = raw_lines if squash(row.raw) in squash(raw_lines) else f"{raw_lines}\n{row.raw}"
        # a row names its own columns in its values line; the full column list (in the
        # header chunk) would make every row of a wide table match every column word
        b.add("table_row", f"{short} | {code_path}", body + values, row.loc, table=title, lines=lines)


def _perf_chunks(b: _Builder, p: PerformanceTable) -> None:
    title = p.kind + "表" + (f"：{p.project}" if p.project else "")
    block: list[str] = []
    block_lines: list[int] = []
    for f in p.funds:
        if f.loc.line:
            block_lines.append(f.loc.line)
    if p.goal:
        block.append(f"目标: {p.goal}")
    if block_lines or block:
        b.add("performance", title, "\n".join([*(b.line(n) for n in block_lines), *block]), p.loc,
              table=title, lines=block_lines)
    # indicators in small groups, each group quoting its raw lines
    group: list[int] = []
    labels: list[str] = []
    for ind in p.indicators:
        if ind.loc.line:
            group.append(ind.loc.line)
        labels.append(" / ".join(x for x in (ind.level1, ind.level2, ind.name) if x))
        if len(group) >= 4:
            b.add("performance", f"{title} | {'；'.join(labels)}", "\n".join(b.line(n) for n in group),
                  b.src.lines[group[0] - 1].loc, table=title, lines=list(group))
            group, labels = [], []
    if group:
        b.add("performance", f"{title} | {'；'.join(labels)}", "\n".join(b.line(n) for n in group),
              b.src.lines[group[0] - 1].loc, table=title, lines=list(group))


def _group(b: _Builder, nums: list[int], limit: int) -> list[list[int]]:
    out: list[list[int]] = []
    cur: list[int] = []
    size = 0
    for n in nums:
        ln = len(b.line(n).strip())
        if cur and size + ln > limit:
            out.append(cur)
            cur, size = [], 0
        cur.append(n)
        size += ln
    if cur:
        if out and size < 60:  # a short tail (a table's 总分 line) stays with the rows above it
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def _block_chunks(b: _Builder, blk: PerfBlock) -> None:
    """A performance table found in the lines: its head (title, name, money rows, goal)
    and its indicator rows in small groups, every chunk naming the project."""
    title = f"{blk.title}：{blk.name}" if blk.name else blk.title
    loc = b.src.lines[blk.start - 1].loc
    head = [n for n in blk.head if n not in b.covered]
    last_money = max(blk.money, default=0)
    money_part = [n for n in head if n <= last_money] or head[:1]
    rest = [n for n in head if n not in money_part]
    funding = f"\n({blk.funding})" if blk.funding else ""  # derived, so in the body, not the boosted prefix
    b.add("performance", f"{title} | 项目资金", "\n".join(b.line(n) for n in money_part) + funding, loc,
          section=title, table=blk.title, lines=money_part)
    for g in _group(b, rest, MAX_PARA):
        b.add("performance", f"{title} | 总体目标", "".join(b.line(n).strip() for n in g),
              b.src.lines[g[0] - 1].loc, section=title, table=blk.title, lines=g)
    for g in _group(b, [n for n in blk.indicators if n not in b.covered], INDICATOR_CHARS):
        b.add("performance", f"{title} | 绩效指标", "\n".join(b.line(n) for n in g),
              b.src.lines[g[0] - 1].loc, section=title, table=blk.title, lines=g)


_PROJECT_HEAD = re.compile(r"项目名称[:：]")


def _paragraph_chunks(b: _Builder) -> None:
    """Consecutive paragraphs of one section are packed up to ~MAX_PARA chars (a label line
    such as '预算安排规模：230.00 万元' says little alone); a section that is a project
    ('（一）项目名称：…') becomes one project block. Raw lines are concatenated without
    the PDF's line breaks."""
    groups: list[tuple[str, list[int], bool]] = []
    for p in b.d.paragraphs:
        nums = [n for n in p.line_numbers if b.line(n).strip() and n not in b.covered]
        if not nums:
            continue
        section = " > ".join(p.section_path)
        is_project = bool(p.section_path and _PROJECT_HEAD.search(p.section_path[-1]))
        limit = MAX_CHARS if is_project else MAX_PARA
        size = sum(len(b.line(n).strip()) for n in nums)
        if groups and groups[-1][0] == section and \
                sum(len(b.line(n).strip()) for n in groups[-1][1]) + size <= limit:
            groups[-1][1].extend(nums)
        else:
            groups.append((section, list(nums), is_project))
    for section, nums, is_project in groups:
        parts, cur, cur_lines = [], "", []
        for n in nums:
            piece = b.line(n).strip()
            if cur and len(cur) + len(piece) > MAX_CHARS:
                parts.append((cur, cur_lines))
                cur, cur_lines = "", []
            cur += piece
            cur_lines.append(n)
        parts.append((cur, cur_lines))
        for text, lines in parts:
            b.add("project" if is_project else "paragraph", section, text, b.src.lines[lines[0] - 1].loc,
                  section=section, lines=lines)


def _project_chunks(b: _Builder) -> None:
    for pr in b.d.projects:
        start = pr.loc.line
        if not start:
            continue
        lines, n = [], start
        # the block runs until the next heading of the same or higher level
        while n <= len(b.src.lines) and sum(len(b.line(i)) for i in lines) < MAX_CHARS:
            t = norm(b.line(n))
            if lines and t and heading_level(t) is not None:
                break
            if t:
                lines.append(n)
            n += 1
        section = " > ".join(pr.section_path)
        b.add("project", f"项目: {pr.name}" + (f" | {section}" if section else ""),
              "".join(b.line(i).strip() for i in lines), pr.loc, section=section, lines=lines)


def _context_at(b: _Builder) -> list[str]:
    """For each line, the nearest table title or section heading above it (window context)."""
    out: list[str] = []
    heading = ""
    title = ""
    for line in b.src.lines:
        t = norm(line.text)
        out.append(title or heading)  # what stands above this line
        if t:
            lvl = heading_level(t)
            if lvl is not None and len(t) <= 60:
                heading, title = t, ""
            elif len(t) <= 40 and _TABLE_TITLE.search(t):
                title = t
    return out


def _covered_by_neighbour(b: _Builder) -> None:
    """A heading line is already quoted as the context prefix of the chunks below it:
    mark lines whose text is inside a chunk starting within the next few lines."""
    starts: dict[int, list[str]] = {}
    for c in b.chunks:
        starts.setdefault(c.metadata.get("line", 0), []).append(squash(c.text))
    for i, line in enumerate(b.src.lines, start=1):
        raw = squash(line.text)
        if not raw or i in b.covered:
            continue
        if any(raw in t for j in range(i, i + 8) for t in starts.get(j, [])):
            b.covered.add(i)


def _window_chunks(b: _Builder) -> None:
    ctx = _context_at(b)
    pending: list[int] = []

    def flush():
        if pending:
            n0 = pending[0]
            b.add("lines", ctx[n0 - 1], "\n".join(b.line(n) for n in pending), b.src.lines[n0 - 1].loc,
                  section=ctx[n0 - 1], lines=list(pending))
            pending.clear()

    for i, line in enumerate(b.src.lines, start=1):
        if not line.text.strip() or i in b.covered:
            continue
        if pending and (i - pending[-1] > 3 or ctx[i - 1] != ctx[pending[0] - 1]
                        or sum(len(b.line(n).strip()) for n in pending) + len(line.text.strip()) > WINDOW_CHARS):
            flush()
        pending.append(i)
    flush()


def make_chunks(src: SourceDoc, d: Disclosure) -> list[Chunk]:
    """All chunks of one document. Every non-empty source line is quoted verbatim by at
    least one chunk (lines no structured chunk covered go into 'lines' windows)."""
    b = _Builder(src, d)
    for t in d.tables:
        _table_chunks(b, t)
    # performance tables: chunked from their source lines (raw text, whatever the parser
    # made of them); the parsed table, where there is one, supplies a name the lines lack
    parsed = {p.loc.line: p for p in d.performance if p.loc.line}
    blocks = find_blocks(src)
    for blk in blocks:
        p = parsed.get(blk.start)
        if p is not None and not blk.name:
            blk.name = squash(p.project or p.department or "")
        _block_chunks(b, blk)
    starts = {blk.start for blk in blocks}
    for p in d.performance:
        if p.loc.line not in starts:
            _perf_chunks(b, p)
    _project_chunks(b)
    _paragraph_chunks(b)
    _covered_by_neighbour(b)
    _window_chunks(b)
    return b.chunks
