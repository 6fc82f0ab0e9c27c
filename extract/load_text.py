"""Text and markdown disclosures: pdftotext-like lines, or converter markdown with tab-separated
rows or pipe tables (`| 201 | 01 | 行政运行 | 4.00 |`, as markdown and web copies write them)."""
from __future__ import annotations

import re
from pathlib import Path

from budgetqa.core.errors import CorruptFileError

from .source import Line, Locator, SourceDoc, content_hash


def utf16_encoding(data: bytes) -> str | None:
    """'utf-16' (with a BOM), 'utf-16-le' / 'utf-16-be' (no BOM: the NUL bytes of ASCII text sit at odd /
    even offsets), or None when the bytes are not UTF-16."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    n = len(head) // 2
    if n < 2 or len(data) % 2:
        return None
    even_nul = sum(1 for i in range(0, 2 * n, 2) if head[i] == 0)
    odd_nul = sum(1 for i in range(1, 2 * n, 2) if head[i] == 0)
    # UTF-8 / GB18030 text has no NUL bytes; in UTF-16 the ASCII (digits, spaces, line breaks) puts a NUL
    # on one side of each pair, and only the few CJK characters U+xx00 put one on the other side
    if odd_nul >= max(4, 0.05 * n) and even_nul * 4 <= odd_nul:
        return "utf-16-le"
    if even_nul >= max(4, 0.05 * n) and odd_nul * 4 <= even_nul:
        return "utf-16-be"
    return None


def decode(data: bytes, path: Path) -> str:
    if data[:3] == b"\xef\xbb\xbf":
        encs: tuple[str, ...] = ("utf-8-sig",)
    else:
        u16 = utf16_encoding(data)
        encs = (u16,) if u16 else ("utf-8-sig", "gb18030")
    for enc in encs:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text.lstrip("\ufeff")
    if encs[0].startswith("utf-16"):
        raise CorruptFileError("the text looks like UTF-16 but does not decode as UTF-16", file=path.name,
                               hint="the file is truncated or damaged; re-save it as UTF-8 text")
    raise CorruptFileError("the text is neither UTF-8, UTF-16 nor GB18030", file=path.name,
                           hint="re-save it as UTF-8 text")


_PIPE_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")


def pipe_cells(raw: str) -> list[str] | None:
    """The cells of a markdown pipe-table row ('| a |  | b |' -> ['a', '', 'b']), empty ones kept;
    None for any other line and for the '| --- | --- |' rule under a header."""
    s = raw.strip()
    if len(s) < 3 or not (s.startswith("|") and s.endswith("|")) or s.count("|") < 3:
        return None
    cells = [c.strip() for c in s[1:-1].split("|")]
    if all(_PIPE_RULE.match(c) for c in cells):
        return None
    return cells


CELL_BARS = "｜│┃"     # full-width and box-drawing vertical bars web pages and converters draw between cells


def bar_cells(raw: str) -> list[str] | None:
    """Cells of a row drawn with full-width bars between them, empty cells kept (an empty code cell
    too: '　｜合计｜1｜8,669,790.00｜…'); bars at both ends are edges: '｜a｜b｜' -> ['a', 'b']."""
    s = raw
    for b in CELL_BARS[1:]:
        s = s.replace(b, CELL_BARS[0])
    if s.count(CELL_BARS[0]) < 2:
        return None
    core = s.strip(" \t\r")      # an ideographic space before the first bar is an empty cell
    edged = core.startswith(CELL_BARS[0]) and core.endswith(CELL_BARS[0])
    if edged:
        s = core[1:-1]
    cells = [c.strip() for c in s.split(CELL_BARS[0])]
    filled = [c for c in cells if c]
    if edged and filled and len(cells) >= 2:
        return cells        # a row of a drawn grid: every cell is one, even a name's second line alone
    if len(filled) < 2 or not (len(filled) >= 3 or any(re.fullmatch(r"-?[\d,]+(?:\.\d+)?%?", c) for c in filled)):
        return None
    return cells


def ideographic_cells(raw: str) -> list[str] | None:
    """Cells of a row a web page's table became, separated by ideographic spaces (U+3000), an empty
    cell as two in a row: '101001　…机关　17.60　6.00　　8.40'. A line qualifies with a number in a
    cell or three named cells (a header); leading indentation of prose does not."""
    if raw.count("\u3000") < 2:
        return None
    cells = [c.strip() for c in raw.split("\u3000")]
    filled = [c for c in cells if c]
    if len(filled) < 2 or not (len(filled) >= 3 or any(re.fullmatch(r"-?[\d,]+(?:\.\d+)?%?", c) for c in filled)):
        return None
    if all(len(c) > 40 for c in filled):
        return None     # sentences spaced apart, not cells
    return cells


_NUM_TOKEN = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
_CODE_TOKEN = re.compile(r"\d{3}(?:\d{2}){0,2}")
_FOOTER = re.compile(r"[—\-–]+\s*\d+\s*[—\-–]+|第\s*\d+\s*页")
_KEEP = re.compile(r"表$|表（续）$|单位[:：]|部门[:：]|编制")


def _token(t: str) -> str | None:
    """A line that holds one table cell, as a PDF converter writes a table it cannot lay out: a
    number, a 科目 code, or a short name; None for anything else (a sentence, a title)."""
    t = t.strip()
    if not t or len(t) > 30 or " " in t or _KEEP.search(t) or re.search(r"[。；;：:，,](?!\d)", t):
        return None
    if _NUM_TOKEN.fullmatch(t):
        return "code" if _CODE_TOKEN.fullmatch(t) else "num"
    return "name" if re.search(r"[\u4e00-\u9fff]", t) else None


def join_cell_lines(raws: list[str]) -> list[str]:
    """Runs of one-cell-a-line (at least 12 such lines) joined back into one line per row —
    '208 社会保障和就业支出 362.91 362.91' — so the text-table reader places the numbers as it does a
    pdftotext row: a row starts at a code followed by a name, or at a name after numbers (the 合计
    row after the header too); the header's names before the first number make one header line;
    page footers inside are dropped. The row stands on its first cell's line and the lines of its
    other cells are left empty, so every line keeps its number in the file."""
    kinds = [_token(r) for r in raws]
    out = list(raws)
    i = 0
    while i < len(raws):
        j = i
        while j < len(raws) and (kinds[j] or _FOOTER.fullmatch(raws[j].strip()) or not raws[j].strip()):
            j += 1
        run = [k for k in range(i, j) if kinds[k]]
        coded = sum(1 for n, k in enumerate(run[:-1]) if kinds[k] == "code" and kinds[run[n + 1]] == "name")
        if len(run) < 12 or not any(kinds[k] == "num" for k in run) or coded < 3:
            # (a 绩效 table's lines, a list of names: no 科目 codes before names, nothing to join)
            i = max(j, i + 1)
            continue
        row: list[int] = []

        def flush():
            if row:
                out[row[0]] = " ".join(raws[k].strip() for k in row)
                for k in row[1:]:
                    out[k] = ""
                row.clear()
        for n, k in enumerate(run):
            kind = kinds[k]
            nxt = kinds[run[n + 1]] if n + 1 < len(run) else None
            has_num = any(kinds[x] == "num" for x in row)
            if kind == "code" and nxt == "name":
                flush()
            elif kind == "name" and (has_num or (row and nxt == "num" and raws[k].strip() in ("合计", "总计", "小计"))):
                flush()     # a name after numbers starts a row; so does the 合计 row after the header
            row.append(k)
        flush()
        for k in range(i, j):
            if _FOOTER.fullmatch(raws[k].strip()):
                out[k] = ""
        i = j
    return out


def load_text(path: Path, data: bytes) -> SourceDoc:
    """A leading space on a line marks a new page in pdftotext-like text; pages are counted from it."""
    text = decode(data, path)
    fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    lines: list[Line] = []
    page = 1
    seen_text = False
    for i, raw in enumerate(join_cell_lines(text.splitlines()), start=1):
        if fmt == "txt" and seen_text and raw.startswith(" ") and raw.strip():
            page += 1
        if raw.strip():
            seen_text = True
        cells = raw.split("\t") if "\t" in raw else pipe_cells(raw) or bar_cells(raw) or ideographic_cells(raw)
        lines.append(Line(text=raw, loc=Locator(page=page if fmt == "txt" else None, line=i), cells=cells))
    return SourceDoc(path=str(path), name=path.name, format=fmt, doc_id=content_hash(data),
                     pages=page if fmt == "txt" else None, lines=lines)
