"""The numbered standard tables (表1 … 表11): find them, read their rows, put numbers in columns.

Stages, each a small function: `find_regions` (where each table starts and ends) →
`read_rows` (one raw row per table row, re-joining names wrapped over lines and skipping
repeated page headers) → `build_table` (codes, hierarchy, column candidates, identities) →
`resolve_columns` (pins from other tables, arc consistency, ambiguity).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .columns import Group, Vec, apply_pin, resolve, row_candidates, solve
from .models import Table, TableRow
from budgetqa.core.normalize import norm, parse_number
from .sections import heading_level
from .load_text import CELL_BARS
from .source import Line, SourceDoc
from .templates import TableTemplate, catalogue, is_unit_row_name, match_template, numbered_title

_DASHES = {"—", "－", "–", "--", "—-"}   # an empty cell a table writes as a dash ('增减率 —')
_NUM_TOKEN = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_CODE = re.compile(r"^(\d{3})(?![\d.,])(?:\s+(\d{2})(?![\d.,]))?(?:\s+(\d{2})(?![\d.,]))?\s*(.*)$")
_COMPACT_CODE = re.compile(r"^(\d{7}|\d{5})(?![\d.,])\s*(.*)$")
_TOTAL = re.compile(r"^(?:总\s*计|合\s*计)(?:\s|$)")
_PERF_TITLE = re.compile(r"绩效(?:目标|自评)表")
_PROSE_HEAD = re.compile(r"^[一二三四五六七八九十]+\s*、\s*关于")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@dataclass
class Region:
    start: int              # index of the '表 N' / title line
    end: int                # exclusive
    number: str | None
    title: str
    template: TableTemplate | None
    body_start: int = 0
    value_cols: list[int] | None = None     # a cell table: which cells hold its values (the rest name the row)
    numbering_cols: list[int] = field(default_factory=list)    # a cell table's 栏次 / 行次 cells: no part of a name


@dataclass
class RawRow:
    label: str
    values: list[float | None]
    idx: int                # index of the first line
    raw: str
    exact: bool = False     # values came from cells: already in their columns
    right: "RawRow | None" = None  # two-sided tables: the right half


# ---------------------------------------------------------------- regions

_ANY_TITLE = re.compile(r"^[\u4e00-\u9fff“”\"（）()、]{4,38}表$")


_RULE = re.compile(r"[\s─━┄┈┌┐└┘├┤┬┴┼│┃╭╮╰╯═║╔╗╚╝╠╣╦╩╬╞╡╪]+")


def _text(line: Line) -> str:
    """A line's parsing text: a markdown pipe row is read as its cells (the pipes are layout, and
    a row must start with its code or name), every other line as written."""
    if line.cells is not None and (line.text.lstrip().startswith("|") or any(b in line.text for b in CELL_BARS)):
        return norm(" ".join(c for c in line.cells if c.strip()))
    if _RULE.fullmatch(line.text):
        return ""       # a box-drawn table's rule line ('├──┼──┤'): layout, no words
    t = norm(line.text)
    return t.lstrip("#").strip() if t.startswith("#") else t      # a markdown heading's marks are layout


def _any_title(t: str) -> bool:
    """A '…表' title of any table ('2025年项目支出表': the year it is for does not count)."""
    return bool(_ANY_TITLE.match(re.sub(r"\d{4}\s*年度?", "", t.replace(" ", ""))))   # '…委员会2025年部门项目支出预算表'


def _title_near(lines: list[Line], i: int) -> tuple[str, int] | None:
    """The table title on this line (after '表 N') or on one of the next lines: a template title,
    or any '…表' title (a table of another template, read generically)."""
    m = numbered_title(_text(lines[i]))
    if m and m.group(2) and (match_template(m.group(2)) or _any_title(m.group(2))):
        return m.group(2), i
    for j in range(i + 1, min(i + 5, len(lines))):
        t = _text(lines[j])
        if t and len(t) <= 40 and (match_template(t) or _any_title(t)):
            return t, j
    return None


def find_regions(lines: list[Line]) -> list[Region]:
    starts: list[tuple[int, str | None, str, int]] = []
    for i, line in enumerate(lines):
        t = _text(line)
        if not t:
            continue
        m = numbered_title(t)
        if m:
            found = _title_near(lines, i)
            if found:
                starts.append((i, m.group(1), found[0], found[1]))
            continue
        # a title standing alone (no '表 N' line), followed by its 编制部门/单位 line
        # (or any '…表' title: a table of a family the catalogue does not know, 公开01表 below it)
        if len(t) <= 40 and (match_template(t) or _any_title(t)) and not t.endswith("。") \
                and (not starts or starts[-1][3] != i):
            nxt = " ".join(_text(l) for l in lines[i + 1:i + 4])
            if re.search(r"编制(?:部门|单位)|单位[:：]\s*(?:万元|元)", nxt):
                starts.append((i, None, t, i))
    regions: list[Region] = []
    for k, (i, num, title, title_idx) in enumerate(starts):
        limit = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        end = limit
        for j in range(title_idx + 1, limit):
            t = _text(lines[j])
            if not t:
                continue
            if heading_level(t) == 0 or _PROSE_HEAD.match(t) or (_PERF_TITLE.search(t) and len(t) < 30):
                end = j
                break
        kind = catalogue().recognise(title, _header_words(lines, title_idx + 1, end), text_only=True)
        regions.append(Region(i, end, num, re.sub(r"\s+", "", title), kind, title_idx + 1))
    return regions


HEADER_LOOKAHEAD = 16      # lines after a text table's title that may hold its header


def _header_words(lines: list[Line], start: int, end: int) -> list[str]:
    """A flattened table's header text, for the catalogue's header check: each line (whitespace
    removed) and its words, from the title to the first row that starts with a code or a total."""
    out: list[str] = []
    for j in range(start, min(end, start + HEADER_LOOKAHEAD)):
        t = _text(lines[j])
        if not t:
            continue
        if _is_row_start(t) and _split_values(t)[1]:
            break
        out.append(re.sub(r"\s+", "", t))
        out.extend(t.split())
    return out


# ---------------------------------------------------------------- rows

def _split_values(text: str) -> tuple[str, list[float | None]]:
    """Label and trailing numbers; a leading classification code is part of the label."""
    m = _CODE.match(text)
    if m and not m.group(4):
        return text.strip(), []
    prefix = ""
    if m:
        prefix = " ".join(p for p in m.groups()[:3] if p) + " "
        text = m.group(4)
    toks = text.split()
    vals: list[float | None] = []
    while toks and (_NUM_TOKEN.match(toks[-1]) or toks[-1] in _DASHES):
        vals.append(parse_number(toks.pop().rstrip("%")))
    vals.reverse()
    if vals and all(v is None for v in vals):      # dashes alone are no values: part of the label
        toks, vals = text.split(), []
    # a 科目 code written after the row's name ('耕地保护动态巡查 2200106 38.60'): a 5- or 7-digit
    # whole number before amounts written with decimals names the row, it is not an amount
    words = text.split()
    while len(vals) >= 2 and vals[0] is not None and float(vals[0]).is_integer() and \
            re.fullmatch(r"\d{5}|\d{7}", words[len(toks)]) and any(re.search(r"\.\d", w) for w in words[len(toks) + 1:]):
        toks.append(words[len(toks)])
        vals.pop(0)
    return (prefix + " ".join(toks)).strip(), vals


def _is_row_start(t: str) -> bool:
    return bool(_CODE.match(t) or _COMPACT_CODE.match(t) or _TOTAL.match(t))


_PAGE_FOOTER = re.compile(r"^(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)$")


def _is_header_noise(t: str) -> bool:
    return (t.startswith("※") or bool(_PAGE_FOOTER.match(t)) or bool(re.match(r"^栏\s*次(?:\s|$)", t))
            or bool(re.match(r"^(?:编制(?:部门|单位)|单位[:：])", t))
            or bool(re.fullmatch(r"\d{1,3}", t)) or bool(re.fullmatch(r"(?:类\s*款\s*项|类\s*款)", t)))


def _empty_note_line(t: str) -> bool:
    return "空表" in t or bool(re.search(r"没有(?:使用)?.{0,30}(?:安排|支出|收入)", t))


def read_rows(lines: list[Line], region: Region, ncols: int, numbered: bool = False) -> tuple[list[RawRow], str | None]:
    """Raw rows of one table; the '为空表' sentence if the table says it is empty.

    The header (and a header repeated after a page break) ends at the '※ 1 2 3' line when
    the table has one, else at the first line that starts a row and carries numbers."""
    rows: list[RawRow] = []
    note: list[str] = []
    in_header = True
    pending: RawRow | None = None
    pending_code_led = False
    i = region.body_start
    body = list(range(region.body_start, region.end))

    def next_text(k: int) -> str:
        for j in range(k + 1, region.end):
            t = _text(lines[j])
            if t:
                return t
        return ""

    col_x: list[float] | None = None      # PDF without ruling lines: x of each numbered column
    for i in body:
        line = lines[i]
        t = _text(line)
        if not t:
            continue
        if t.startswith("※") and line.words:
            xs = [(w.x0 + w.x1) / 2 for w in line.words if re.fullmatch(r"\d{1,2}", w.text)]
            col_x = xs if len(xs) == ncols else None
        if note and not note[-1].endswith("。"):
            note.append(t)
            continue
        if _empty_note_line(t):
            note.append(t)
            continue
        if region.value_cols and line.cells is None and rows:
            break       # a cell table ends at the first line that is not one of its rows (a page's chrome)
        if re.match(r"^编制(?:部门|单位)", t):
            in_header = True
            continue
        if in_header and region.value_cols and line.cells and len(line.cells) > max(region.value_cols) \
                and any(parse_number(norm(line.cells[k])) is not None for k in region.value_cols):
            in_header = False       # a cell table's header ends at its first row with a value
        if in_header:
            if t.startswith("※"):
                in_header = False
                continue
            label, vals = _split_values(t)
            code_led = bool(_CODE.match(t) or _COMPACT_CODE.match(t))
            if numbered and not (code_led and vals):
                continue
            if not ((vals and (_is_row_start(t) or (label and not _is_header_noise(t)))) or code_led):
                continue
            in_header = False
        if _is_header_noise(t):
            continue
        cells = line.cells
        if cells is not None and region.value_cols and len(cells) > max(region.value_cols) and not in_header:
            # a cell table whose header said which cells hold values: the cells before the first
            # name the row ('类 款 项 科目名称'); a row of values only is the table's one row (合计)
            vals = [parse_number(norm(cells[k])) for k in region.value_cols]
            label = " ".join(norm(c) for k, c in enumerate(cells[:region.value_cols[0]])
                             if c.strip() and k not in region.numbering_cols) or "合计"
            if _is_numbering_row(label, vals):
                continue        # 甲｜乙｜丙｜1｜2｜3: the columns' numbers, not a row
            if rows and all(v is None for v in vals) and label != "合计" and \
                    not any(re.fullmatch(r"\d{3,}", c.strip()) for c in cells) \
                    and len(label) <= 12 and not any(c.strip() for c in cells[region.value_cols[0]:]):
                # '│  │　　支出  │  │': a name wrapped onto a second line inside its cell — joined
                # to the cell above it, column by column
                above = lines[rows[-1].idx].cells or []
                if len(above) == len(cells):
                    joined = [norm(a).strip() + norm(c).strip() for a, c in zip(above, cells)]
                    label = " ".join(c for k, c in enumerate(joined[:region.value_cols[0]])
                                     if c and k not in region.numbering_cols)
                else:
                    label = rows[-1].label + label
                rows[-1] = RawRow(label, rows[-1].values, rows[-1].idx, rows[-1].raw + "\n" + line.text,
                                  exact=rows[-1].exact)
                continue
            if pending:
                rows.append(pending)
                pending = None
            rows.append(RawRow(label, vals, i, line.text, exact=True))
            continue
        if cells is not None and len([c for c in cells if c.strip()]) > 0 and len(cells) > ncols:
            vals = [parse_number(norm(c)) for c in cells[-ncols:]]
            label = " ".join(norm(c) for c in cells[:-ncols] if c.strip())
            if pending:
                rows.append(pending)
                pending = None
            rows.append(RawRow(label, vals, i, line.text, exact=True))
            continue
        placed = _place_by_x(line, col_x, ncols) if col_x and line.words else None
        if placed is not None:
            if pending:
                rows.append(pending)
                pending = None
            rows.append(RawRow(placed[0], placed[1], i, line.text, exact=True))
            continue
        label, vals = _split_values(t)
        if pending is not None:
            if not _is_row_start(t):
                sep = " " if pending_code_led else ""
                pending.label = (pending.label + sep + label).strip() if label else pending.label
                pending.raw += "\n" + line.text
                pending_code_led = False
                if vals:
                    pending.values = vals
                    rows.append(pending)
                    pending = None
                continue
            rows.append(pending)
            pending = None
        if not vals:
            nxt = next_text(i)
            nxt_label, nxt_vals = _split_values(nxt) if nxt else ("", [])
            code_led = bool(_CODE.match(label) or _COMPACT_CODE.match(label))
            wraps = code_led or (region.template is not None and region.template.has_projects)
            if nxt and not _is_row_start(nxt) and not _is_header_noise(nxt) and not _empty_note_line(nxt) \
                    and (not nxt_label or wraps):
                pending = RawRow(label, [], i, line.text)
                pending_code_led = bool(_CODE.match(label) or _COMPACT_CODE.match(label))
                continue
        if not vals and rows and _continues_previous(label, region.template):
            # the rest of the previous row's name, wrapped onto its own line after the numbers
            rows[-1].label += label
            rows[-1].raw += "\n" + line.text
            continue
        rows.append(RawRow(label, vals, i, line.text))
    if pending is not None:
        rows.append(pending)
    return rows, ("".join(note) or None)


def _continues_previous(label: str, tpl: TableTemplate | None) -> bool:
    """A value-less fragment that cannot be a row of its own: in a coded table every row has a
    code or is a total; in 表10 every row is one of the template's 三公 lines."""
    if tpl is None or _is_row_start(label) or len(label) > 20:
        return False
    if tpl.shape == "coded" and not tpl.has_projects:
        return True
    if tpl.row_names:
        name = re.sub(r"^其中[:：]", "", label)
        return not any(p.search(name) for p in tpl.row_names.values())
    return False


def _place_by_x(line: Line, col_x: list[float], ncols: int) -> tuple[str, list[float | None]] | None:
    """Put each trailing number under the numbered column nearest its x position (PDF words)."""
    words = list(line.words or [])
    nums = []
    while words and _NUM_TOKEN.match(words[-1].text):
        nums.append(words.pop())
    if not nums:
        return None
    vec: list[float | None] = [None] * ncols
    for w in nums:
        c = min(range(ncols), key=lambda k: abs(col_x[k] - (w.x0 + w.x1) / 2))
        if vec[c] is not None:
            return None              # two numbers under one column: let the identities decide
        vec[c] = parse_number(w.text)
    return norm(" ".join(w.text for w in words)), vec


# ---------------------------------------------------------------- building

def _code_of(label: str) -> tuple[list[str], str]:
    m = _CODE.match(label)
    if m:
        parts = [p for p in m.groups()[:3] if p]
        return parts, m.group(4).strip()
    m = _COMPACT_CODE.match(label)
    if m:
        c = m.group(1)
        parts = [c[:3]] + [c[k:k + 2] for k in range(3, len(c), 2)]
        return parts, m.group(2).strip()
    return [], label.strip()


def _make_row(raw: RawRow, lines: list[Line], columns: list[str], vec: list[float | None], **kw) -> TableRow:
    return TableRow(values=dict(zip(columns, vec)), loc=lines[raw.idx].loc, raw=raw.raw, **kw)


def _hierarchy(rows: list[TableRow], is_unit: list[bool]) -> list[Group]:
    """Parent-child groups from codes (总计 > 单位 > 类 > 款 > 项)."""
    groups: dict[int, list[int]] = {}
    total = next((i for i, r in enumerate(rows) if r.is_total), None)
    unit = None
    lei = kuan = None
    for i, r in enumerate(rows):
        if r.is_total:
            continue
        if is_unit[i]:
            unit = i
            lei = kuan = None
            if total is not None:
                groups.setdefault(total, []).append(i)
            continue
        if r.level == 1:
            lei, kuan = i, None
            parent = unit if unit is not None else total
        elif r.level == 2:
            kuan = i
            parent = lei if lei is not None and rows[lei].code_parts[:1] == r.code_parts[:1] else None
        elif r.level == 3:
            parent = kuan if kuan is not None and rows[kuan].code_parts[:2] == r.code_parts[:2] else None
        else:
            parent = unit if unit is not None else total
        if parent is not None:
            groups.setdefault(parent, []).append(i)
    return [Group(p, c) for p, c in groups.items()]


def _named_groups(rows: list[TableRow], template: TableTemplate, is_unit: list[bool]) -> list[Group]:
    """Groups between the kind's named rows (catalogue `rows` / `row_groups`: 合计 = 出国 + 接待 + 车辆 …)."""
    if template.row_groups:
        found: dict[str, int] = {}
        for i, r in enumerate(rows):
            name = re.sub(r"^其中[:：]", "", r.name)
            for key, pat in template.row_names.items():      # in the catalogue's order
                if pat.search(name) and key not in found:
                    found[key] = i
                    break
        groups = []
        for parent, children in template.row_groups:
            if parent in found:
                kids = [found[k] for k in children if k in found]
                if kids:
                    groups.append(Group(found[parent], kids))
        return groups
    return _hierarchy(rows, is_unit)


def build_table(src: SourceDoc, region: Region, known_names: dict[str, str],
                pins: dict[str, dict[str, float | None]] | None = None) -> Table | None:
    """One table; `pins` maps a row name ('总计') to column values stated by another table."""
    tpl = region.template
    lines = src.lines
    numbered = _numbered_columns(lines, region)
    ncols = numbered or (len(tpl.columns) if tpl else 0)
    # the widest row: a table of no known template without a numbering line has as many columns
    widest = 0 if numbered else max((len(r.values) for r in read_rows(lines, region, 10_000)[0]), default=0)
    if not ncols:
        ncols = widest
    header = _header_names(lines, region, ncols)
    if tpl and not numbered:
        # rows wider than the catalogued columns (a province's 年初预算数 | 调整预算数 | 决算数 … for
        # the national 合计 | 基本支出 | 项目支出): the table's own header names them, or nothing does
        if widest > len(tpl.columns):
            wide = _header_names(lines, region, widest)
            ncols, header = widest, wide or [f"列{k + 1}" for k in range(widest)]
    head_cells = None if numbered else _cell_header(lines, region)
    if head_cells and (idx := _value_columns(lines, region, head_cells)):
        cols = [head_cells[k] for k in idx]
        region.value_cols = idx
        region.numbering_cols = [k for k, h in enumerate(head_cells) if catalogue().numbering.match(h.split("·")[-1])]
        header = cols           # a cell table says its own columns: mapped by header text
        ncols = len(cols)
    columns = tpl.columns if tpl and len(tpl.columns) == ncols else (header or [f"列{k + 1}" for k in range(ncols)])
    if tpl and columns is tpl.columns and header and not _same_columns(header, tpl.columns):
        # the title matched a catalogued table but its header says other columns (表二 by unit
        # with 事业收入…): columns are mapped by header text, never by count
        columns = header
    identities = tpl.identities if tpl and columns is tpl.columns else []
    if ncols == 0:
        return None
    raws, note = read_rows(lines, region, ncols, numbered=bool(numbered))
    dept = None
    rows: list[TableRow] = []
    cands: list[list[Vec]] = []
    is_unit: list[bool] = []
    for raw in raws:
        parts, rest = _code_of(raw.label)
        name, project = rest, None
        if tpl and tpl.has_projects and parts:
            known = known_names.get("".join(parts))
            if known and rest.startswith(known):
                name, project = known, rest[len(known):].strip() or None
            elif " " in rest:
                name, project = rest.split(" ", 1)
        name = _CJK_GAP.sub("", name) if not project else name
        total = bool(_TOTAL.match(raw.label)) and not parts
        unit = (not parts and not total and tpl is not None and tpl.classification != "名称"
                and is_unit_row_name(name) and len(raw.values) > 0
                and (tpl.classification != "项目" or not re.search(r"费|资金|项目|经费", name)))
        level = 0 if (total or not parts) else len(parts)
        if raw.exact:
            vec_cands = [tuple(raw.values)]
        else:
            vec_cands = row_candidates(raw.values, ncols, identities)
            if not vec_cands:
                vec_cands = [tuple((raw.values + [None] * ncols)[:ncols])]
        # a value another table states for this table's total row (catalogue `pins`)
        pin = next((v for k, v in (pins or {}).items() if k == name or _TOTAL.match(k)), None) if total else None
        if pin:
            vec_cands = apply_pin(vec_cands, {columns.index(c): v for c, v in pin.items() if c in columns})
        rows.append(TableRow(code="".join(parts) or None, code_parts=parts, name=name or raw.label, project=project,
                             values={}, is_total=total, level=level, loc=lines[raw.idx].loc, raw=raw.raw))
        cands.append(vec_cands)
        is_unit.append(unit)
    groups = _named_groups(rows, tpl, is_unit) if tpl and tpl.shape == "named" else _hierarchy(rows, is_unit)
    cands, _bad = solve(cands, groups)
    for g in groups:
        for child in g.children:
            rows[child].parent = g.parent
    for r, c in zip(rows, cands):
        res = resolve(c, ncols)
        r.values = dict(zip(columns, res.values))
        r.ambiguous = res.ambiguous
        r.alternatives = [dict(zip(columns, a)) for a in res.alternatives]
    unit_line = next((_text(l) for l in lines[region.start:region.body_start + 3] if "单位" in l.text), "")
    m = re.search(r"单位[:：]\s*(万元|元|亿元)", unit_line)
    return Table(key=tpl.key if tpl else f"table_{region.number or region.start}", number=f"表{region.number}" if region.number else None,
                 title=region.title, unit=m.group(1) if m else "万元", columns=columns, rows=rows,
                 loc=lines[region.start].loc, empty_note=note)


_LABEL_HEADS = re.compile(r"^(项目|科目编码|科目名称|功能分类科目编码|经济分类科目编码|行次|栏次|类|款|项|编码|名称|"
                          r"项目名称|科目|单位名称|预算单位)$")


def _header_names(lines: list[Line], region: Region, ncols: int) -> list[str] | None:
    """Column names of a table the catalogue does not know, read off its header: the last header
    line (above the 栏次 / ※ numbering row, or the first row) whose words, less the label heads
    (项目, 科目编码, 科目名称, 行次…), are exactly as many as its value columns."""
    header: list[str] = []
    raws: list[str] = []
    for j in range(region.body_start, min(region.end, region.body_start + HEADER_LOOKAHEAD)):
        t = _text(lines[j])
        if not t or re.search(r"单位[:：]|部门[:：]|编制", t) or numbered_title(t):
            continue
        if re.match(r"^(栏次|※)", t) or (_is_row_start(t) and _split_values(t)[1]):
            break
        header.append(t)
        raws.append(lines[j].text)
    lines_words = [[w for w in _joined_chars(t).split() if not _LABEL_HEADS.match(w) and not re.fullmatch(r"[\d.]+", w)]
                   for t in header]
    for words in reversed(lines_words):
        if len(words) == ncols and len(set(words)) == ncols:
            return words
    # a two-line header whose last name spans the next line's ('比上年增减' over '金额 增减率')
    for k, (a, b) in enumerate(zip(lines_words, lines_words[1:])):
        # only where the layout shows it: every word of the second line starts under the last
        # word of the first (a header written without column spacing says nothing of the spans)
        last = raws[k].rfind(a[-1]) if a else -1
        under = last >= 0 and "   " in raws[k + 1] and all(raws[k + 1].find(w) >= last - 2 for w in b)
        if a and b and under and len(a) - 1 + len(b) == ncols:
            words = a[:-1] + [f"{a[-1]}·{w}" for w in b]
            if len(set(words)) == ncols:
                return words
    return None


def _joined_chars(t: str) -> str:
    """Header words spaced out one character at a time joined again ('项    目' -> '项目')."""
    return re.sub(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])\s+([\u4e00-\u9fff])(?![\u4e00-\u9fff])", r"\1\2", t)


def _is_numbering_row(label: str, vals: list[float | None]) -> bool:
    """The row numbering a table's columns: labels 甲 乙 丙 (or none), values 1, 2, 3 … in order."""
    nums = [v for v in vals if v is not None]
    return (len(nums) >= 2 and nums == [float(k) for k in range(int(nums[0]), int(nums[0]) + len(nums))]
            and bool(re.fullmatch(r"[甲乙丙丁戊己庚辛\s]*", label)))


def _cell_header(lines: list[Line], region: Region) -> list[str] | None:
    """The header of a table whose rows carry cells (markdown pipe, tab or ideographic-space rows):
    the rows of cells holding no number before the first that does, one name per column — its
    header path joined by '·' (label heads kept, so the caller can tell where the values start)."""
    rows: list[list[str]] = []
    for j in range(region.body_start, min(region.end, region.body_start + HEADER_LOOKAHEAD)):
        cells = lines[j].cells
        if not cells or not lines[j].text.strip():
            continue
        filled = [norm(c) for c in cells if c.strip()]
        if any(parse_number(c) is not None for c in filled):
            break
        if len(filled) >= 2:
            if rows and len(cells) != len(rows[-1]):
                rows = []              # another table's header: start again
            rows.append([norm(c) for c in cells])
    if not rows:
        return None
    # a header of two (or more) rows: an upper cell spans the empty cells after it
    # ('2025年预算数' over '合计 | 基本支出 | 项目支出'), each column named by its path
    paths = [[] for _ in rows[-1]]
    for k, row in enumerate(rows):
        last = ""
        for c, text in enumerate(row):
            if k < len(rows) - 1:
                last = text or last
                text = text or last
            if text and (not paths[c] or paths[c][-1] != text):
                paths[c].append(text)
    return ["·".join(p) for p in paths]


def _label_head(name: str) -> bool:
    """A header that names rows, not values: 科目编码, 科目名称, 类 款 项 … — by the last part of a
    two-row header's path ('经济分类科目·科目编码'), with the catalogue's label headers."""
    leaf = name.split("·")[-1]
    return bool(_LABEL_HEADS.match(leaf) or catalogue().label.search(leaf))


def _value_columns(lines: list[Line], region: Region, head: list[str]) -> list[int] | None:
    """Which cells of a cell table hold values: the header's columns whose cells in the body are
    numbers (or empty) more often than words — a name, a 科目 or a 项目类别 column is none."""
    nums = [0] * len(head)
    words = [0] * len(head)
    for j in range(region.body_start, region.end):
        cells = lines[j].cells
        if not cells or len(cells) != len(head) or [norm(c) for c in cells] == head:
            continue
        for k, c in enumerate(cells):
            c = norm(c)
            if not c:
                continue
            # a number, unless a 2-3 digit one (a 类 code) in the first column or under a label head
            if parse_number(c) is not None and (not re.fullmatch(r"\d{2,3}", c) or (k and not _label_head(head[k]))):
                nums[k] += 1
            else:
                words[k] += 1
    # an empty column (政府性基金 of a department that has none) is a value column too
    idx = [k for k in range(len(head)) if head[k] and nums[k] >= words[k] and not _label_head(head[k])]
    names = [head[k] for k in idx]
    return idx if idx and len(set(names)) == len(names) else None


def _same_columns(header: list[str], template: list[str]) -> bool:
    """The header's words name the template's columns, in order (each shares most of its
    characters with the template column in its place)."""
    def share(a: str, b: str) -> float:
        grams = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
        return sum(g in b for g in grams) / len(grams)
    return all(max(share(h, t), share(t, h)) >= 0.5 for h, t in zip(header, template))


def _numbered_columns(lines: list[Line], region: Region) -> int | None:
    """Count the data columns from the '※ ※ ※ 1 2 3' line when there is one."""
    for j in range(region.body_start, min(region.end, region.body_start + 60)):
        t = _text(lines[j])
        if t.startswith("※"):
            nums = re.findall(r"\d+", t)
            return len(nums) or None
    return None


# ---------------------------------------------------------------- two-sided (表1, 表4)

_LINE_NO = re.compile(r"([\u4e00-\u9fff）)])\s+\d{1,3}(?=\s|$)")


def _halves_at(cells: list[str]) -> int | None:
    """A row of cells with no header to split it: 'name | amount | name | amount' halves in the middle."""
    n = len(cells)
    if n < 4 or n % 2:
        return None
    half = n // 2
    named = [norm(cells[k]) for k in (0, half)]
    if all(c and parse_number(c) is None for c in named) and \
            all(not norm(c) or parse_number(norm(c)) is not None for c in cells[1:half] + cells[half + 1:]):
        return half
    return None


def _split_two_sided(t: str) -> tuple[str, str]:
    """Left and right halves of a 表1/表4 line: the right half starts at a 3-digit 功能分类 code
    followed by a name, or at '支出总计'."""
    t2 = _CJK_GAP.sub("", t)
    m = re.search(r"(?:^|\s)(\d{3}\s+[\u4e00-\u9fff])", t2)
    if m:
        return t2[:m.start(1)].strip(), t2[m.start(1):].strip()
    m = re.search(r"支出(?:合计|总计)", t2)
    if m and m.start() > 0:
        start = t2.rfind(" ", 0, m.start()) + 1      # the whole word: '本年支出合计', not '支出合计'
        if start > 0:
            return t2[:start].strip(), t2[start:].strip()
        return t2[:m.start()].strip(), t2[m.start():].strip()
    # both halves' lines start with an ordinal ('一、一般公共预算财政拨款收入 1 6,176.31 一、一般公共服务
    # 支出 32'): the right half at the second; a right half alone starts the line with its own
    ords = [m.start(1) for m in re.finditer(r"(?:^|\s)([一二三四五六七八九十]{1,3}、)", t)]   # the spaces as written
    if len(ords) >= 2:
        return _CJK_GAP.sub("", t[:ords[1]]).strip(), _CJK_GAP.sub("", t[ords[1]:]).strip()
    m = re.search(r"\s((?:结余分配|年末结转(?:和结余)?|年末财政拨款结转和结余|结转下年|本年支出合计|总计)(?:\s|$))", t2)
    if m and m.start(1) > 0:
        return t2[:m.start(1)].strip(), t2[m.start(1):].strip()
    return t2.strip(), ""


_RIGHT_HEAD = re.compile(r"项\s*目|支\s*出")


def _layout_split(lines: list[Line], region: Region) -> int | None:
    """Text laid out in columns with runs of spaces (a converter's layout mode): the character
    column where the right half's label starts — that of the header's second 项目 (or 支出)."""
    for j in range(region.body_start, min(region.end, region.body_start + 4)):
        raw = lines[j].text
        found = [m.start() for m in _RIGHT_HEAD.finditer(raw)]
        if len(found) >= 2 and found[1] - found[0] >= 20 and "   " in raw:
            return found[1]
    return None


def _split_at_column(raw: str, col: int) -> tuple[str, str] | None:
    """A layout line cut where its right half starts: the first word that begins near `col`
    after a run of spaces (the right half may stand alone, the left half empty)."""
    for m in re.finditer(r"(?:^|\s{2,})(\S)", raw):
        if m.start(1) >= col - 4:
            return raw[:m.start(1)], raw[m.start(1):]
    return None


def build_two_sided(src: SourceDoc, region: Region) -> list[Table]:
    tpl = region.template
    lines = src.lines
    right_cols = tpl.columns
    left_rows: list[TableRow] = []
    right_rows: list[TableRow] = []
    right_cands: list[list[Vec]] = []
    started = False
    head = _cell_header(lines, region)
    # a 栏次 / 行次 cell numbers the row: no amount, dropped from every row of cells
    keep = [k for k, h in enumerate(head) if not catalogue().numbering.match(h.split("·")[-1])] if head else []
    if head and len(keep) < len(head):
        head = [head[k] for k in keep]
    else:
        keep = []
    # a cell table: its right half starts at the second label column of its header (支出项目)
    split_at = next((k for k in range(1, len(head)) if re.search(r"项目|科目|支出", head[k])
                     and not re.search(r"预算|决算|金额|合计", head[k])), None) if head else None
    layout_at = None if split_at else _layout_split(lines, region)
    # a 行次 column (决算 tables): the row's line number after its name is no amount
    line_numbers = any(re.search(r"行\s*次", _text(lines[j])) for j in range(region.body_start, min(region.end, region.body_start + 4)))
    for i in range(region.body_start, region.end):
        line = lines[i]
        t = _text(line)
        if not t or _is_header_noise(t):
            continue
        cell_right = None
        cells = line.cells
        if keep and cells and len(cells) > max(keep):
            cells = [cells[k] for k in keep]
            if re.fullmatch(r"[甲乙丙丁戊己\s]*", "".join(c for c in cells if parse_number(norm(c)) is None)):
                continue        # 甲｜乙｜1｜丙｜丁｜2: the columns' numbers, not a row
        at = split_at or (_halves_at(cells) if cells else None)
        if at and cells and len(cells) > at:
            left, right = (_CJK_GAP.sub("", norm(" ".join(c for c in part if c.strip())))
                           for part in (cells[:at], cells[at:]))
            cell_right = [norm(c) for c in cells[at:]]
        elif layout_at is not None and (halves := _split_at_column(line.text, layout_at)) is not None:
            left, right = (_CJK_GAP.sub("", norm(h)) for h in halves)
        elif line_numbers and (m0 := re.match(r"^\d{1,3}\s+(?=\S)", t)):
            left, right = "", t[m0.end():]     # the left half's 行次 alone: a right-half row
        else:
            left, right = _split_two_sided(t)
        if not started:
            lab, vals = _split_values(left)
            if not (right and re.match(r"\d{3}", right)) and not vals:
                continue
            started = True
        if line_numbers:
            left, right = (("" if re.fullmatch(r"\d{1,3}", h.strip()) else _LINE_NO.sub(r"\1", h)) for h in (left, right))
        if left:
            lab, vals = _split_values(left)
            if lab:
                total = bool(re.search(r"收入(?:总计|合计)", lab))
                left_rows.append(TableRow(name=lab, values={tpl.left_columns[0]: vals[0] if vals else None},
                                          is_total=total, level=0, loc=line.loc, raw=line.text))
        if right:
            lab, vals = _split_values(right)
            parts, name = _code_of(lab)
            total = not parts and bool(re.search(r"支出(?:总计|合计)", lab))
            right_rows.append(TableRow(code="".join(parts) or None, code_parts=parts, name=name, is_total=total,
                                       level=len(parts), loc=line.loc, raw=line.text))
            if cell_right is not None and len(cell_right) == len(right_cols) + 1:
                right_cands.append([tuple(parse_number(c) for c in cell_right[1:])])   # cells: in their columns
            else:
                right_cands.append(row_candidates(vals, len(right_cols), tpl.identities) or
                                   [tuple((vals + [None] * len(right_cols))[:len(right_cols)])])
    # pins: the right side's 总计 row restates the left side's fund lines (表4)
    if len(right_cols) > 1:
        pin = {}
        for col_i, col in enumerate(right_cols[1:], start=1):
            for r in left_rows:
                if re.sub(r"^[一二三四五六七八九十\d.、]+", "", r.name) == col:
                    pin[col_i] = r.values[tpl.left_columns[0]]
                    break
        for k, r in enumerate(right_rows):
            if r.is_total and pin:
                right_cands[k] = apply_pin(right_cands[k], pin)
    total_i = next((k for k, r in enumerate(right_rows) if r.is_total), None)
    groups = []
    if total_i is not None:
        kids = [k for k, r in enumerate(right_rows) if r.level == 1]
        if kids:
            groups.append(Group(total_i, kids))
    right_cands, _ = solve(right_cands, groups)
    for g in groups:
        for child in g.children:
            right_rows[child].parent = g.parent
    for r, c in zip(right_rows, right_cands):
        res = resolve(c, len(right_cols))
        r.values = dict(zip(right_cols, res.values))
        r.ambiguous = res.ambiguous
        r.alternatives = [dict(zip(right_cols, a)) for a in res.alternatives]
    number = f"表{region.number}" if region.number else None
    loc = lines[region.start].loc
    side_names = ("收入", "支出")
    unit_line = next((_text(l) for l in lines[region.start:region.body_start + 3] if "单位" in l.text), "")
    m = re.search(r"单位[:：]\s*(万元|元|亿元)", unit_line)
    unit = m.group(1) if m else "万元"      # the table's own unit line, as for one-sided tables
    return [
        Table(key=f"{tpl.key}_income", number=number, title=f"{region.title}（{side_names[0]}）",
              columns=tpl.left_columns, rows=left_rows, loc=loc, unit=unit),
        Table(key=f"{tpl.key}_expense", number=number, title=f"{region.title}（{side_names[1]}）",
              columns=right_cols, rows=right_rows, loc=loc, unit=unit),
    ]


# ---------------------------------------------------------------- all tables

def _pins(tables: list[Table], tpl: TableTemplate) -> dict[str, dict[str, float | None]]:
    """Values another table already parsed states for one of this kind's rows (catalogue `pins`:
    表1's income lines restate 表2's 总计 row)."""
    spec = tpl.pins
    other = next((t for t in tables if t.key == spec["table"]), None)
    if other is None:
        return {}
    pin: dict[str, float | None] = {}
    for r in other.rows:
        name = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+\s*[.、．]|其中[:：])", "", r.name).strip()
        for pat, col in spec["lines"]:
            if col not in pin and pat.search(name):
                pin[col] = r.values.get(spec["column"])
                break
    return {spec["row"]: pin} if pin else {}


def parse_tables(src: SourceDoc) -> tuple[list[Table], set[int]]:
    """Return the tables and the indexes (into src.lines) of the lines they consumed."""
    tables: list[Table] = []
    consumed: set[int] = set()
    known_names: dict[str, str] = {}
    for region in find_regions(src.lines):
        consumed.update(range(region.start, region.end))
        if region.template is not None and region.template.shape == "two_sided":
            tables.extend(build_two_sided(src, region))
            continue
        pins = _pins(tables, region.template) if region.template is not None and region.template.pins else None
        table = build_table(src, region, known_names, pins)
        if table is None:
            continue
        for r in table.rows:
            if r.code and not r.project and r.name:
                known_names.setdefault(r.code, r.name)
        tables.append(table)
    return tables, consumed
