"""Tables from grids — a PDF's ruled tables, an xlsx sheet's table blocks: title and unit from the
lines above (or the grid's own leading rows), header paths from the merged header cells, rows from
the cells — nothing guessed where the grid says it.

Stages (each a small function): find the title / unit lines above a grid → decide whether the grid
continues the previous table (no title of its own, same columns) → split header rows from data rows
→ a column path per column (项目 / 功能分类科目编码 / 类) → label, code and value columns → rows with
their 类/款/项 code joined, values by column header text, blank cells kept as None.
The catalogue (`catalogue.json`, read through `templates.catalogue()`) names the kind of table from
its title and header cells; a table it does not know is kept as a generic table with its own title,
headers, cells and locators (page + bbox in a PDF, sheet + cell address in an xlsx).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from budgetqa.core.normalize import norm, parse_number, squash

from .grid import rows_of
from .models import Table, TableRow
from .source import Grid, GridCell, Locator, SourceDoc
from .tables import _empty_note_line
from .templates import Kind, catalogue, numbered_title

_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|元)")
_NUMBER = re.compile(r"^[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_CODE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$")
_CODE_PART = re.compile(r"^\d{2,7}$")      # a 类 (3 digits), 款 / 项 (2) or a whole code in its own cell
_CODE_NAME = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2})\s+(\S.*)$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十]+）)")
_TITLE_END = re.compile(r"表(?:[（(].{0,10}[)）])?$")
_ATTACHMENT = re.compile(r"^附(?:件|表)[0-9一二三四五六七八九十]*(?:[-—－][0-9]+)?[:：]?$")
TITLE_LOOKBACK = 8        # lines above a grid that may hold its title and unit


@dataclass
class _Found:
    """A table being assembled from one grid or several (a table continued over pages)."""

    title: str
    unit: str | None
    kind: Kind | None
    paths: list[list[str]]
    grids: list[tuple[Grid, int]] = field(default_factory=list)   # (grid, first data row)
    title_line: int | None = None
    number: str | None = None       # 表3, when the table says it


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.replace(" ", "")))


def looks_like_title(text: str) -> bool:
    """'…表' (or '…表（续）'), short: a table title."""
    t = squash(norm(text))
    return bool(t) and len(t) <= 60 and bool(_TITLE_END.search(t))


def _number_then_title(texts: list[str]) -> bool:
    """A row of two cells, a table's number and its title."""
    m = numbered_title(squash(norm(texts[0])))
    return bool(m) and not m.group(2) and looks_like_title(texts[1])


def _lead_rows(rows: list[list[GridCell | None]]) -> tuple[str | None, str | None, int, str | None]:
    """Some exporters draw the title and the 编制单位 / 单位 line inside the ruled grid, and a sheet
    has them in its first rows: those leading rows (and empty ones, and the table's number alone,
    表3) give (title, unit, first table row, number) and are no part of the table."""
    title = unit = number = None
    top = 0
    while top < len(rows):
        texts = [c.text for c in rows[top] if c is not None and c.text]
        joined = norm(" ".join(texts))
        m = _UNIT.search(joined)
        if not texts:
            top += 1
        elif m or re.search(r"编制(?:部门|单位)\s*[:：]", joined):
            unit = unit or (m.group(1) if m else None)
            head = re.sub(r"编制(?:部门|单位)\s*[:：].*$", "", _UNIT.split(joined)[0]).strip()
            if title is None and looks_like_title(head):
                title = squash(head)       # the title and the 单位 line on one row
            top += 1
        elif len(texts) == 2 and number is None and _number_then_title(texts):
            # 表一 | 收入支出决算总表: the table's own title, not the cover line above it on the sheet
            number, title = squash(norm(texts[0])), squash(norm(texts[1]))
            top += 1
        elif len(texts) == 1 and title is None and (_TITLE_END.search(squash(joined)) or _is_unit_row(rows, top + 1)):
            title = squash(joined)     # a title ends in 表, or stands above the 编制单位 / 单位 line
            m = numbered_title(joined)
            if m and m.group(2):       # '表3 部门支出总体情况表' in one cell
                number, title = number or f"表{m.group(1)}", squash(m.group(2))
            top += 1
        elif len(texts) == 1 and number is None and numbered_title(squash(joined)):   # 公开06表 above or below the title
            number = squash(joined)
            top += 1
        elif len(texts) == 1 and title is None and _ATTACHMENT.match(squash(joined)):
            top += 1                   # 附件2 / 附表3-1 above the title
        else:
            break
    if top >= len(rows):
        return title, unit, 0, number
    return title, unit, top, number


def _is_unit_row(rows: list[list[GridCell | None]], k: int) -> bool:
    if k >= len(rows):
        return False
    joined = norm(" ".join(c.text for c in rows[k] if c is not None and c.text))
    return bool(_UNIT.search(joined) or re.search(r"编制(?:部门|单位)\s*[:：]", joined))


def _header_rows(grid: Grid, rows: list[list[GridCell | None]], top: int = 0) -> int:
    """How many leading rows are header: the rows the first row's merged cells reach, then every
    row with no number, no code and no row label (类 款 项, or column words under a spanning head)."""
    cat = catalogue()

    def closure(end: int) -> int:
        grown = True
        while grown:
            grown = False
            for c in grid.cells:
                if c.row < end < c.row + c.rowspan:
                    end, grown = c.row + c.rowspan, True
        return end

    end = closure(top + 1)
    while end < len(rows):
        if any(c is not None and c.rowspan > 1 for c in rows[end]):
            end = closure(end + 1)      # a cell spanning rows below it is a header cell
            continue
        texts = [c.text for c in rows[end] if c is not None and c.text]
        if not texts:
            break
        if any(_is_number(t) or _CODE.match(t) for t in texts):
            break
        if _ORDINAL.match(texts[0]) or (cat.totals.match(squash(texts[0])) and not _header_across(rows, end)):
            break       # (合计 | 因公出国（境）费 | 公务接待费 … over more header: a table laid out across)
        if len(texts) < 2:
            break
        end += 1
    return end


def _header_across(rows: list[list[GridCell | None]], k: int) -> bool:
    """Row k starts with 合计 / 小计 but is a header: three or more words, and under it more header
    words (小计 | 购置费 | 运行费) or the 栏次 numbering (1 2 3 …) — a table laid out across."""
    here = [c.text for c in rows[k] if c is not None and c.text]
    if len(here) < 3 or k + 1 >= len(rows):
        return False
    below = [squash(c.text) for c in rows[k + 1] if c is not None and c.text]
    words = len(below) >= 2 and not any(_is_number(t) or _CODE.match(t) for t in below)
    numbering = len(below) >= 3 and [t for t in below] == [str(i) for i in range(1, len(below) + 1)]
    return words or numbering


def _paths(grid: Grid, nheader: int, top: int = 0) -> list[list[str]]:
    out = []
    for col in range(grid.ncols):
        path: list[str] = []
        for r in range(top, nheader):
            c = grid.at(r, col)
            t = squash(c.text) if c is not None else ""
            if t and (not path or path[-1] != t):
                path.append(t)
        out.append(path)
    return out


def _title_above(src: SourceDoc, grid: Grid) -> tuple[str | None, str | None, int | None]:
    """(title, unit, title line index) from the non-table lines right above the grid on its page."""
    first = next((n for n in grid.row_lines if n is not None), None)
    if first is None or grid.sheet is not None:      # a sheet's title and unit are its own first rows
        return None, None, None
    unit = title = None
    tline = None
    for n in range(first - 1, max(-1, first - 1 - TITLE_LOOKBACK), -1):
        line = src.lines[n]
        if line.cells is not None or line.loc.page != grid.page:
            break
        text = norm(line.text)
        m = _UNIT.search(text)
        if m and unit is None:
            unit = m.group(1)
        head = _UNIT.split(text)[0]
        head = re.sub(r"编制(?:部门|单位)\s*[:：].*$", "", head).strip()
        if head and _TITLE_END.search(squash(head)) and len(squash(head)) <= 60:
            title, tline = squash(head), n
            break
    return title, unit, tline


def _label_cols(f: _Found) -> set[int]:
    """Columns that name the rows: by header text (项目, 科目名称, 类/款/项, 编码 …), or, for a header
    the catalogue does not know (“三公”经费支出内容), because their cells hold words, not numbers."""
    cat = catalogue()
    words = [0] * len(f.paths)
    numbers = [0] * len(f.paths)
    for grid, first in f.grids:
        for r in range(first, grid.nrows):
            for c in range(min(grid.ncols, len(f.paths))):
                cell = grid.at(r, c)
                if cell is None or cell.col != c or not cell.text:
                    continue
                if _is_number(cell.text) or _CODE.match(cell.text.replace(" ", "")):
                    numbers[c] += 1
                else:
                    words[c] += 1
    return {c for c, p in enumerate(f.paths)
            if (p and cat.label.search(p[-1])) or (words[c] >= 2 and words[c] > numbers[c])
            or (p and cat.note is not None and cat.note.search(p[-1]))}


def _sides(paths: list[list[str]], labels: set[int]) -> list[list[int]]:
    """Column groups of a table printed as two side by side (收入 | 支出): each starts at a label column
    headed as one (项目, 科目名称 …) and has value columns of its own; text columns after the values
    (备注, 定位, 说明) start no side."""
    cat = catalogue()
    label = [i in labels for i in range(len(paths))]
    starts = [i for i in range(len(paths)) if label[i] and (i == 0 or not label[i - 1])
              and (i == 0 or bool(paths[i] and cat.label.search(paths[i][-1])))]
    if len(starts) < 2:
        return [list(range(len(paths)))]
    bounds = starts + [len(paths)]
    sides: list[list[int]] = []
    for k in range(len(starts)):
        side = list(range(bounds[k], bounds[k + 1]))
        if sides and all(label[c] for c in side):
            sides[-1].extend(side)
        else:
            sides.append(side)
    return sides


def _col_names(paths: list[list[str]], cols: list[int]) -> dict[int, str]:
    """A value column is named by its header text; a leaf that repeats is named with its parents."""
    leaves = [paths[c][-1] if paths[c] else f"第{c + 1}列" for c in cols]
    names = {}
    for c, leaf in zip(cols, leaves):
        name = leaf
        if leaves.count(leaf) > 1 and len(paths[c]) > 1:
            name = "·".join(paths[c][1:] if len(paths[c]) > 2 else paths[c])
        names[c] = name
    for c in cols:      # still the same name (预算数 | 决算数 blocks alike below their heads): the whole path
        if list(names.values()).count(names[c]) > 1 and len(paths[c]) > 2:
            names[c] = "·".join(paths[c])
    seen: dict[str, int] = {}
    for c in cols:
        n = names[c]
        seen[n] = seen.get(n, 0) + 1
        if seen[n] > 1:
            names[c] = f"{n}({seen[n]})"
    return names


def _code_parts(code: str) -> list[str]:
    d = re.sub(r"\D", "", code)
    return [p for p in (d[:3], d[3:5], d[5:7]) if p]


def _rows(src: SourceDoc, found: _Found, side: list[int], names: dict[int, str]) -> list[TableRow]:
    cat = catalogue()
    paths = found.paths
    labels = [c for c in side if c not in names]
    code_cols = [c for c in labels if paths[c] and any(cat.code.search(p) for p in paths[c])
                 and not any("名称" in p for p in paths[c])]
    # the row's name: the label columns before the side's first value column (not a 备注 / 定位 after them)
    first_value = min((c for c in side if c in names), default=max(side) + 1)
    name_cols = [c for c in labels if c not in code_cols and c < first_value
                 and not (paths[c] and cat.note is not None and cat.note.search(paths[c][-1]))
                 and not (paths[c] and re.fullmatch(r"行次|栏次|序号", paths[c][-1]))]   # a line number names nothing
    # a 项目名称 column beside the row's own name column holds the project (表7: 科目 + 项目)
    project_cols = [c for c in name_cols if paths[c] and paths[c][-1].endswith("项目名称")]
    if len(project_cols) == len(name_cols):
        project_cols = []
    name_cols = [c for c in name_cols if c not in project_cols]
    out: list[TableRow] = []
    for grid, first in found.grids:
        grid_rows = rows_of(grid)
        for r in range(first, grid.nrows):
            cells = {c: (grid.at(r, c).text if grid.at(r, c) is not None else "") for c in side}
            if r < len(grid.row_lines) and grid.row_lines[r] is None or not any(cells.values()):
                continue
            first_text = next((cells[c] for c in side if cells[c]), "")
            if cat.numbering.match(squash(first_text)):
                continue
            for c in code_cols:      # 款 / 项 typed as a number in a spreadsheet: 4 is 04
                if re.fullmatch(r"\d", cells[c]) and paths[c] and paths[c][-1] in ("款", "项"):
                    cells[c] = "0" + cells[c]
            code = "".join(re.sub(r"\s", "", cells[c]) for c in code_cols if _CODE_PART.match(cells[c].replace(" ", "")))
            # a code column holding words (总计, 合计 spanning the code cells) is the row's name
            words = [cells[c] for c in code_cols if cells[c] and not _CODE_PART.match(cells[c].replace(" ", ""))]
            name = " ".join(dict.fromkeys(words + [cells[c] for c in name_cols if cells[c]]))
            project = " ".join(cells[c] for c in project_cols if cells[c]) or None
            if not code:
                m = _CODE_NAME.match(name)
                if m:
                    code, name = m.group(1).replace(" ", ""), m.group(2)
            values: dict[str, float | None] = {}
            boxes: dict[str, tuple[float, float, float, float]] = {}
            for c, col in names.items():
                cell = grid.at(r, c)
                text = cell.text if cell is not None else ""
                values[col] = parse_number(text) if text and _is_number(text) else None
                if cell is not None and values[col] is not None and cell.bbox is not None:
                    boxes[col] = cell.bbox
            if not name and not code and all(v is None for v in values.values()):
                continue
            nums = [v for v in values.values() if v is not None]
            if not name and not code and len(nums) >= 3 and nums == list(range(1, len(nums) + 1)):
                continue        # the 栏次 numbering 1 2 3 … written without its label
            n = grid.row_lines[r]
            line = src.lines[n]
            parts = _code_parts(code) if code else []
            row_box = _row_box(grid_rows[r], side)
            out.append(TableRow(code="".join(parts) or None, code_parts=parts, name=squash(name) if name else (code or ""),
                                project=project, values=values, cell_boxes=boxes,
                                is_total=bool(cat.totals.match(squash(name))) if name else False,
                                level=len(parts), loc=_row_loc(line.loc, grid_rows[r], side, row_box),
                                raw=" ".join(t for t in (cells[c] for c in side) if t)))
    _link_parents(out)
    return out


def _row_loc(loc: Locator, cells: list[GridCell | None], side: list[int], box) -> Locator:
    """A row's locator: page, line and box in a PDF; sheet and the address of the row's first cell in an xlsx."""
    ref = next((cells[c].ref for c in side if c < len(cells) and cells[c] is not None and cells[c].ref), None)
    return Locator(page=loc.page, line=loc.line, sheet=loc.sheet, cell=ref or loc.cell, bbox=box)


def _row_box(cells: list[GridCell | None], side: list[int]) -> tuple[float, float, float, float] | None:
    boxes = [cells[c].bbox for c in side if c < len(cells) and cells[c] is not None and cells[c].bbox is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _link_parents(rows: list[TableRow]) -> None:
    """A coded row adds up into the nearest row above whose code is its prefix; 类 rows into the total."""
    total = next((i for i, r in enumerate(rows) if r.is_total), None)
    last: dict[str, int] = {}          # code -> the last row above with it (a sheet can hold 10^4 rows)
    for i, r in enumerate(rows):
        if not r.code:
            continue
        above = [last[r.code[:n]] for n in range(1, len(r.code)) if r.code[:n] in last]
        if above:
            r.parent = max(above)
        elif total is not None and total != i and len(r.code) == 3:
            r.parent = total
        last[r.code] = i


_COLUMN_WORD = re.compile(r"^(?:预算数|决算数|执行数|年初预算数?|全年预算数?|调整预算数?)$")


def _transpose(t: Table, found: _Found, names: dict[int, str]) -> Table:
    """A table of one data row (a 三公 table printed across) read as one row per item: the header
    path names the item (its group head dropped, 小计 named by its parent), a column word at the
    leaf (预算数 / 决算数) names the column."""
    row = t.rows[0]
    default_col = "预算数" if "预算" in t.title else "决算数" if "决算" in t.title else "数额"
    items: dict[str, TableRow] = {}
    for c, col in names.items():
        p = list(found.paths[c])
        if p and _COLUMN_WORD.match(p[-1]):
            column = p.pop()
        elif len(p) > 1 and _COLUMN_WORD.match(p[0]):
            column = p.pop(0)               # a block of items per column: 预算数 (合计 因公出国…) | 决算数 (…)
        else:
            column = default_col
            if len(p) > 1:
                p = p[1:]                   # the group head (“三公”经费预算数) spans every item
        if len(p) > 1 and p[-1] in ("小计", "合计"):
            p = p[:-1]
        name = "·".join(p) if p else col
        box = row.cell_boxes.get(col)
        r = items.get(name)
        if r is None:
            r = items[name] = TableRow(name=name, is_total=name in ("合计", "总计"), raw=row.raw,
                                       loc=row.loc.model_copy(update={"bbox": box or row.loc.bbox}))
        r.values[column] = row.values[col]
        if box is not None:
            r.cell_boxes[column] = box
    rows = list(items.values())
    cols = list(dict.fromkeys(k for r in rows for k in r.values))
    return t.model_copy(update={"rows": rows, "columns": cols})


def grid_tables(src: SourceDoc, default_unit: str = "万元") -> tuple[list[Table], set[int]]:
    """Every grid's table (a PDF's ruled tables, an xlsx's sheets), with the `src.lines` indexes its
    rows and title lines took."""
    found: list[_Found] = []
    consumed: set[int] = set()
    for grid in src.grids:
        rows = rows_of(grid)
        title, unit, tline = _title_above(src, grid)
        in_title, in_unit, top, number = _lead_rows(rows)
        title, unit = title or in_title, unit or in_unit
        prev = found[-1] if found else None
        nheader = _header_rows(grid, rows, top)
        paths = _paths(grid, nheader, top)
        header_texts = [p for path in paths for p in path]
        # a PDF table goes on over the page break; a sheet's table ends with its block
        continues = (title is None and prev is not None and len(prev.paths) == grid.ncols
                     and grid.page is not None and prev.grids[-1][0].page in (grid.page, grid.page - 1))
        if continues:
            repeated = [p for p in paths if p] and paths == prev.paths
            looks_header = any(paths) and not any(_is_number(t) for t in header_texts)
            prev.grids.append((grid, nheader if (repeated or looks_header) else 0))
        else:
            kind = catalogue().recognise(title or "", header_texts)
            if grid.sheet is not None:
                # a sheet without a title row is named by its sheet (部门支出总表 / 表3 / Sheet1)
                if kind is None and title is None:
                    kind = catalogue().recognise(grid.sheet, header_texts)
                if number is None and numbered_title(squash(grid.sheet)):
                    number = squash(grid.sheet)
            fallback = f"未命名表格（第{grid.page}页）" if grid.sheet is None else grid.sheet
            found.append(_Found(title=title or fallback, unit=unit, kind=kind, paths=paths,
                                grids=[(grid, nheader)], title_line=tline, number=number))
            if tline is not None:
                consumed.add(tline)
        consumed.update(n for n in grid.row_lines if n is not None)
    tables: list[Table] = []
    for f in found:
        built = _build(src, f, default_unit)
        if not any(t.rows for t in built):
            note = _empty_note(src, f.grids[-1][0], consumed)
            for t in built:
                t.empty_note = note
        tables.extend(built)
    return tables, consumed


NOTE_LOOKAHEAD = 4        # lines under a grid that may say the table is empty


def _empty_note(src: SourceDoc, grid: Grid, consumed: set[int]) -> str | None:
    """The sentence under an empty table saying it is empty (…为空表。), on the same page / sheet."""
    last = max((n for n in grid.row_lines if n is not None), default=None)
    if last is None:
        return None
    note: list[str] = []
    for n in range(last + 1, min(len(src.lines), last + 1 + NOTE_LOOKAHEAD)):
        line = src.lines[n]
        if n in consumed or line.loc.page != grid.page or line.loc.sheet != grid.sheet:
            break
        t = norm(line.text).strip()
        if not t:
            continue
        if note:
            note.append(t)
        elif _empty_note_line(t):
            note.append(t)
        else:
            break
        if t.endswith("。"):
            break
    return "".join(note) or None


def _build(src: SourceDoc, f: _Found, default_unit: str) -> list[Table]:
    key = f.kind.key if f.kind else "generic"
    labels = _label_cols(f)
    sides = _sides(f.paths, labels)
    # halves with the same headers are one table folded in two (经济分类 301… | 302…), unless the
    # catalogue says the kind is printed 收入 | 支出 side by side
    # (the halves' heads may differ — 人员经费 | 公用经费 — when their columns are the same: 科目编码 科目名称 决算数)
    folded = (len(sides) > 1 and not (f.kind and f.kind.two_sided)
              and all([f.paths[c][-1:] for c in s] == [f.paths[c][-1:] for c in sides[0]] for s in sides))
    if len(sides) > 1 and not folded and f.kind is not None and not f.kind.two_sided:
        # a kind the catalogue knows as one table: a label column among the values (科目编码 placed
        # after a value column) is a column of it, not the start of a second table beside it
        sides = [[c for s in sides for c in s]]
    first_grid = f.grids[0][0]
    first_line = next((n for n in first_grid.row_lines if n is not None), 0)
    top = f.title_line if f.title_line is not None else first_line
    loc = Locator(page=first_grid.page, line=top + 1, sheet=first_grid.sheet, cell=src.lines[top].loc.cell,
                  bbox=first_grid.bbox)
    out = []
    for k, side in enumerate(sides):
        value_cols = [c for c in side if c not in labels]
        names = _col_names(f.paths, value_cols)
        title, skey = f.title, key
        if folded:
            skey, title = key, f.title
        elif len(sides) == 2:
            root = f.paths[side[0]][0] if f.paths[side[0]] else ""
            # the half's own head says which it is (本年收入 / 财政拨款支出); else left is 收入
            side_word = "收入" if "收入" in root else "支出" if "支出" in root else ("收入" if k == 0 else "支出")
            part = "income" if side_word == "收入" else "expense"
            head = root if ("收入" in root or "支出" in root) else side_word
            skey, title = f"{key}_{part}", f"{f.title}（{head}）"
        elif len(sides) > 2:
            skey = f"{key}_{k + 1}"
        elif f.kind and f.kind.two_sided:
            # one half of a 收入 | 支出 table on its own (a sheet or page each): its title or head says which
            root = f.paths[side[0]][0] if f.paths[side[0]] else ""
            said = re.findall(r"[（(]([^（()）]*)[)）]", f.title) + [root]
            word = next((w for w in said if "收入" in w or "支出" in w), "")
            if word:
                skey = f"{key}_{'income' if '收入' in word else 'expense'}"
        t = Table(key=skey, number=_number(f.number), title=title, unit=f.unit or default_unit,
                  columns=list(names.values()), rows=[], loc=loc, header_paths=[f.paths[c] for c in side],
                  generic=f.kind is None)
        t.rows = _rows(src, f, side, names)
        if folded and out:
            out[0].rows.extend(r.model_copy(update={"values": dict(zip(out[0].columns, r.values.values())),
                                                    "cell_boxes": {}}) for r in t.rows)
            _link_parents(out[0].rows)
            continue
        if len(t.rows) == 1 and len(names) >= 3 and not t.rows[0].code and all(c in names for c in side[:1]):
            t = _transpose(t, f, names)
        out.append(t)
    return out


def _number(text: str | None) -> str | None:
    """'表 3' / '表3' -> '表3'."""
    m = numbered_title(text) if text else None
    return f"表{m.group(1)}" if m else None
