"""xlsx disclosures (finance-bureau exports: one standard table per sheet) read with openpyxl.

Each sheet gives a line with its name, then one line per non-empty row with every cell of the
sheet's used width kept in place (an empty cell is "", never dropped). Numbers become text that
`parse_number` reads back to the same value.

A sheet's table is also kept as a grid (`Grid`, as a PDF's ruled table is): its cells with their
merged spans (a header 功能分类科目编码 spanning 类 款 项, 合计 spanning two header rows) and each
cell's address, so the same grid reader recognises it against the catalogue by its title and
header cells and names its columns by header text — never by position. A sheet holding several
tables is cut at each title row; a sheet of prose (one cell a row) has no grid; a note under a
table (注：…, …为空表。) is left out of the grid, as the text under a PDF table is.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetqa.core.errors import CorruptFileError
from budgetqa.core.normalize import norm, squash

from .grid_tables import looks_like_title
from .source import Grid, GridCell, Line, Locator, SourceDoc, content_hash
from .templates import numbered_title

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # legacy .xls, or an encrypted .xlsx container
_ZERO_PAD = re.compile(r"^0{2,}$")                 # number format "00": 款 / 项 codes shown as 04
_NUMBER = re.compile(r"^[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_NOTE = re.compile(r"^(?:注|说明|备注|附注|填报说明)\s*[:：\d１-９一二三四五六七八九十、.]|空表|。$")


def cell_text(v: Any, number_format: str | None = None) -> str:
    """A cell value as text without losing precision: 2060499 -> '2060499', 50.0 -> '50', 1065.9 -> '1065.9';
    an integer shown zero-padded by its number format ('00': 4 -> '04') as shown."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)) and number_format and _ZERO_PAD.match(number_format) \
            and float(v).is_integer() and 0 <= v < 10 ** len(number_format):
        return str(int(v)).zfill(len(number_format))
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return ""
        if v.is_integer() and abs(v) < 1e16:
            return str(int(v))
        return format(Decimal(repr(v)), "f")    # shortest round-trip digits, never an exponent
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return " ".join(str(v).split()) if "\n" in str(v) else str(v).strip()


def column_letter(idx: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    out = ""
    while idx > 0:
        idx, rem = divmod(idx - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def sheet_rows(rows: list[tuple[int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """Trim the columns empty in every row (left and right); (row number, first column, cells) per non-empty row."""
    used = [(r, cells) for r, cells in rows if any(cells)]
    if not used:
        return []
    first = min(next(k for k, c in enumerate(cells) if c) for _, cells in used)
    last = max(max(k for k, c in enumerate(cells) if c) for _, cells in used)
    out = []
    for r, cells in used:
        padded = cells + [""] * (last + 1 - len(cells))
        out.append((r, first + 1, padded[first:last + 1]))
    return out


# ---------------------------------------------------------------- grids

Merge = tuple[int, int, int, int]       # min_row, min_col, max_row, max_col (sheet coordinates, 1-based)


def _texts(cells: list[str]) -> list[str]:
    return [c for c in cells if c]


def _is_title_row(cells: list[str]) -> bool:
    """A row that starts a table: its title alone (…表) or its number alone (表3)."""
    texts = _texts(cells)
    if len(texts) == 2 and numbered_title(squash(norm(texts[0]))) and not numbered_title(squash(norm(texts[0]))).group(2):
        texts = [" ".join(texts)]       # the number in its own cell: 表一 | 收入支出决算总表
    if len(texts) != 1:
        return False
    t = squash(norm(texts[0]))
    if _NUMBER.match(t):
        return False
    return looks_like_title(t) or bool(numbered_title(t))


def _is_note_row(cells: list[str]) -> bool:
    """A note under a table (注：…, 本表为空表。): one cell of words, kept out of the grid."""
    texts = _texts(cells)
    return len(texts) == 1 and not _NUMBER.match(texts[0].replace(" ", "")) and bool(_NOTE.search(norm(texts[0])))


def _is_prose_row(cells: list[str]) -> bool:
    """A sentence alone on its row (text above a table on the same sheet), not a header cell."""
    texts = _texts(cells)
    return len(texts) == 1 and (norm(texts[0]).endswith("。") or len(squash(texts[0])) > 60)


def _blocks(rows: list[tuple[int, int, list[str]]]) -> list[list[tuple[int, int, list[str]]]]:
    """A sheet's rows cut into tables: a title row after table rows starts the next one."""
    blocks: list[list[tuple[int, int, list[str]]]] = []
    cur: list[tuple[int, int, list[str]]] = []
    has_table = False
    for row in rows:
        if cur and has_table and _is_title_row(row[2]):
            blocks.append(cur)
            cur, has_table = [], False
        cur.append(row)
        has_table = has_table or len(_texts(row[2])) >= 2
    if cur:
        blocks.append(cur)
    return blocks


def block_grid(sheet: str, block: list[tuple[int, int, list[str]]], merges: list[Merge],
               line_of: dict[int, int]) -> Grid | None:
    """One table block of a sheet as a `Grid` (None: no row with two cells, i.e. prose)."""
    end = len(block)
    seen_row = False
    for k, (_, _, cells) in enumerate(block):
        if seen_row and (_is_note_row(cells) or _is_prose_row(cells)):
            end = k         # a note under the table, and the prose after it, are no part of the grid
            break
        seen_row = seen_row or len(_texts(cells)) >= 2
    while end > 0 and len(_texts(block[end - 1][2])) < 2 and _is_note_row(block[end - 1][2]):
        end -= 1
    start = 0
    while start < end and _is_prose_row(block[start][2]):
        start += 1
    block = block[start:end]
    if not any(len(_texts(cells)) >= 2 for _, _, cells in block):
        return None
    first_col = block[0][1]
    lo = min(next(k for k, c in enumerate(cells) if c) for _, _, cells in block)
    hi = max(max(k for k, c in enumerate(cells) if c) for _, _, cells in block)
    sheet_rows_in = [r for r, _, _ in block]
    index = {r: k for k, r in enumerate(sheet_rows_in)}
    col0, col1 = first_col + lo, first_col + hi           # the block's sheet columns
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in merges:
        if r0 not in index or not (col0 <= c0 <= col1):
            continue                                       # a merge whose value is not in this block
        rows_in = [r for r in sheet_rows_in if r0 <= r <= r1]
        c1 = min(c1, col1)
        spans[(r0, c0)] = (len(rows_in), c1 - c0 + 1)
        covered.update((r, c) for r in rows_in for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    cells: list[GridCell] = []
    for k, (r, _, row_cells) in enumerate(block):
        for c in range(col0, col1 + 1):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            cells.append(GridCell(text=row_cells[c - first_col], row=k, col=c - col0, rowspan=rowspan,
                                  colspan=colspan, ref=f"{column_letter(c)}{r}"))
    return Grid(sheet=sheet, nrows=len(block), ncols=col1 - col0 + 1, cells=cells,
                row_lines=[line_of[r] for r in sheet_rows_in])


_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def sheet_merges(ws) -> list[Merge]:
    """The merged ranges of a sheet. A read-only sheet does not parse them, so they are read from the
    sheet's XML (<mergeCell ref="A1:E1"/>); a normal sheet reports them itself."""
    from openpyxl.utils.cell import range_boundaries

    if hasattr(ws, "merged_cells"):
        refs = [str(m) for m in ws.merged_cells.ranges]
    else:
        with ws._get_source() as src:
            refs = [m.group(1).decode("ascii") for m in _MERGE.finditer(src.read())]
    out = []
    for ref in refs:
        c0, r0, c1, r1 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        out.append((r0, c0, r1, c1))
    return out


def _open_error(path: Path, data: bytes, err: Exception) -> CorruptFileError:
    if data.startswith(_OLE_MAGIC):
        return CorruptFileError("not an open .xlsx workbook: it is password-protected (encrypted) or an old .xls",
                                file=path.name, hint="supply a decrypted copy saved as .xlsx")
    return CorruptFileError(f"the workbook cannot be read ({type(err).__name__})", file=path.name,
                            hint="the file is damaged or not an .xlsx; export it again from Excel/WPS")


def load_xlsx(path: Path, data: bytes) -> SourceDoc:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # zipfile, XML and openpyxl errors alike mean an unreadable file
        raise _open_error(path, data, err) from err
    lines: list[Line] = []
    grids: list[Grid] = []
    try:
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):      # a chart sheet
                continue
            lines.append(Line(text=ws.title, loc=Locator(sheet=ws.title, line=len(lines) + 1)))
            raw: list[tuple[int, list[str]]] = []
            ws.reset_dimensions()   # exporters often write a wrong <dimension>; read every cell there is
            for r, row in enumerate(ws.iter_rows(), start=1):
                raw.append((r, [cell_text(c.value, getattr(c, "number_format", None)) for c in row]))
            rows = sheet_rows(raw)
            line_of: dict[int, int] = {}
            for r, col, cells in rows:
                line_of[r] = len(lines)
                lines.append(Line(text=" ".join(c for c in cells if c), cells=cells,
                                  loc=Locator(sheet=ws.title, cell=f"{column_letter(col)}{r}", line=len(lines) + 1)))
            merges = sheet_merges(ws)
            for block in _blocks(rows):
                grid = block_grid(ws.title, block, merges, line_of)
                if grid is not None:
                    grids.append(grid)
    except Exception as err:
        raise _open_error(path, data, err) from err
    finally:
        wb.close()
    return SourceDoc(path=str(path), name=path.name, format="xlsx", doc_id=content_hash(data), lines=lines,
                     grids=grids)
