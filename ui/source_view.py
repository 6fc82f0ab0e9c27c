"""A citation back in its source: the whole sentence or table row it stands in, and the place on the page.

Citations carry a locator string ('p.20 line 1266', 'sheet 表1 cell B3 line 12') and the quoted
text; the stored `SourceDoc` (lines with page, line and, for PDFs, bbox; the ruled grids cell by
cell) says where that text stands. From it:

- `find_block` — the source lines the citation quotes (the quote may start a line or two before
  the locator's line, or be cut short: a chunk's text is capped);
- `whole_block` — that block widened to whole sentences (prose) — a table row is already whole;
- `highlight_boxes` — for a PDF, the boxes to draw: the cell(s) holding the figure, and the lines;
- `page_png` — the PDF page rendered with pdfplumber, the boxes drawn on it;
- `context_html` — for text inputs, the lines around the block, the block and the figure marked.

The original PDF is needed to draw the page: uploads keep it under `<workspace>/originals/`
(ui.upload), a file ingested from a path is read back from that path when it is unchanged.
No Streamlit here.
"""
from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

from budgetqa.core.normalize import squash
from budgetqa.extract.source import Line, SourceDoc, content_hash

from .format import figure_spans, highlight_html

ORIGINALS_DIR = "originals"
# a sentence ends here; a quote widened to whole sentences stops after one of these
_END = "。！？；!?;"
_MAX_WIDEN = 4  # lines added on either side, at most
Box = tuple[float, float, float, float]

_LINE_RE = re.compile(r"line (\d+)")
_PAGE_RE = re.compile(r"p\.(\d+)")


@dataclass
class Block:
    """Source lines [start, end) (0-based indexes into SourceDoc.lines) a citation stands on."""

    start: int
    end: int
    exact: bool = True  # False: the quote was not found verbatim; the locator's line is shown

    def indexes(self) -> range:
        return range(self.start, self.end)


def locator_line(locator: str) -> int | None:
    m = _LINE_RE.search(locator or "")
    return int(m.group(1)) if m else None


def locator_page(locator: str) -> int | None:
    m = _PAGE_RE.search(locator or "")
    return int(m.group(1)) if m else None


def _texts(line: Line) -> list[str]:
    return [squash(t) for t in (line.text, line.original) if t]


def _same(cited: str, line: Line, last: bool) -> bool:
    c = squash(cited)
    if not c:
        return False
    for t in _texts(line):
        if c == t or (last and t.startswith(c)):   # the quote's last line may be cut short
            return True
    return False


def _nonblank(src: SourceDoc, i: int, step: int) -> int | None:
    """The next index from i (inclusive) in direction `step` whose line has text."""
    while 0 <= i < len(src.lines):
        if src.lines[i].text.strip():
            return i
        i += step
    return None


def find_block(src: SourceDoc, locator: str, text: str) -> Block | None:
    """The lines `text` quotes (blank lines between them skipped), searched near the locator's
    line first, then in the whole document."""
    cited = [l for l in (text or "").split("\n") if l.strip()]
    n = len(src.lines)
    if not n:
        return None
    at = locator_line(locator)
    if cited:
        k = len(cited)

        def fits(s: int) -> int | None:
            i = s
            for j, c in enumerate(cited):
                i = _nonblank(src, i, 1) if j else i
                if i is None or not _same(c, src.lines[i], j == k - 1):
                    return None
                i += 1
            return i

        near: list[int] = []
        if at is not None:
            near = sorted(range(max(0, at - 1 - 2 * k - 2), min(n, at + 3)), key=lambda s: abs(s - (at - 1)))
        for s in near + list(range(n)):
            if src.lines[s].text.strip() and (e := fits(s)) is not None:
                return Block(s, e)
        # not verbatim (a converted or re-joined quote): the line holding the start of the quote
        head = squash(cited[0])[:12]
        if head:
            for s in near + list(range(n)):
                if any(head in t for t in _texts(src.lines[s])):
                    return Block(s, s + 1, exact=False)
    if at is not None and 1 <= at <= n:
        return Block(at - 1, at, exact=False)
    return None


_ROW_END = re.compile(r"[-\d][\d,]*(?:\.\d+)?%?\s+[-\d][\d,]*(?:\.\d+)?%?\s*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|第[一二三四五六七八九十\d]+[部章节]|[\d]+[、．]|\d+\.(?!\d))")


_AMOUNT = re.compile(r"(?:^|\s)-?[\d,]*\d\.\d+%?(?=\s|$)")
_PROSE_PUNCT = re.compile(r"[，。；：、]")


def is_row(line: Line) -> bool:
    """A table row (cells kept; or amounts standing alone between spaces and no sentence punctuation, or a
    line ending in two numbers): already whole, never widened."""
    t = line.text.strip()
    if line.cells is not None or _ROW_END.search(t):
        return True
    return bool(_AMOUNT.search(t)) and not _PROSE_PUNCT.search(t)


_LABEL = re.compile(r"^[\u4e00-\u9fff（）()、]{2,14}[：:]")


def _starts_sentence(t: str) -> bool:
    """A numbered heading or list item, or a field label ('资金分配情况：…'): a sentence starts here."""
    return bool(_HEADING.match(t) or _LABEL.match(t))


def _is_heading(t: str) -> bool:
    """'一、机关运行经费预算' — a numbered heading (no sentence punctuation), not a list item that is a sentence."""
    return bool(_HEADING.match(t)) and not _PROSE_PUNCT.search(t[2:])


def _stripped(line: Line) -> str:
    return (line.original or line.text).strip()


def _short(src: SourceDoc, i: int) -> bool:
    """A line that stops well before the lines around it: a paragraph's last line or a heading."""
    idx = [j for j in range(max(0, i - 12), min(len(src.lines), i + 13)) if src.lines[j].text.strip()]
    line = src.lines[i]
    if line.loc.bbox:
        same = [src.lines[j].loc.bbox[2] for j in idx if src.lines[j].loc.bbox and src.lines[j].loc.page == line.loc.page]
        return bool(same) and max(same) - line.loc.bbox[2] > 30
    lengths = sorted(len(_stripped(src.lines[j])) for j in idx)
    return len(_stripped(line)) < 0.7 * lengths[len(lengths) // 2]


def whole_block(src: SourceDoc, b: Block) -> tuple[Block, int, int]:
    """`b` widened to whole sentences: (block, chars to drop from the first line's start, chars to keep
    of the last line; -1 = all). Table rows are returned as they are."""
    lines = src.lines
    start, end = b.start, b.end
    if any(is_row(lines[i]) for i in b.indexes() if lines[i].text.strip()):
        return b, 0, -1
    # backwards: while the line before neither ends a sentence nor a paragraph, the sentence began there
    if not _starts_sentence(_stripped(lines[start])):
        for _ in range(_MAX_WIDEN):
            j = _nonblank(src, start - 1, -1)
            if j is None:
                break
            p = _stripped(lines[j])
            if is_row(lines[j]) or p[-1] in _END or p[-1] in "：:" or _short(src, j) or _is_heading(p):
                break
            start = j
            if _starts_sentence(p):  # a numbered list item or a field: its sentence starts here
                break
    # forwards: until a line ends the sentence (or the paragraph)
    for _ in range(_MAX_WIDEN):
        last_i = _nonblank(src, end - 1, -1)
        last = _stripped(lines[last_i]) if last_i is not None else ""
        if not last or last[-1] in _END or last[-1] in "：:":
            break
        j = _nonblank(src, end, 1)
        if j is None or is_row(lines[j]) or _starts_sentence(_stripped(lines[j])):
            break
        end = j + 1
    # trim the widened edges to the sentence: after the last sentence end of an added first line,
    # up to the first sentence end of an added last line
    head_cut, tail_keep = 0, -1
    if start < b.start:
        first = _stripped(lines[start])
        ends = [i for i, ch in enumerate(first) if ch in _END]
        if ends and ends[-1] + 1 < len(first):
            head_cut = ends[-1] + 1
    if end > b.end:
        last = _stripped(lines[end - 1])
        ends = [i for i, ch in enumerate(last) if ch in _END]
        if ends:
            tail_keep = ends[0] + 1
    return Block(start, end, b.exact), head_cut, tail_keep


def whole_quote(src: SourceDoc, locator: str, text: str) -> str:
    """The citation quoted whole: its sentence(s) or its table row, as the source writes them.
    The citation's own text when it cannot be found in the source."""
    b = find_block(src, locator, text)
    if b is None or not b.exact:
        return text
    wb, head_cut, tail_keep = whole_block(src, b)
    idx = [i for i in wb.indexes() if src.lines[i].text.strip()]
    parts = [_stripped(src.lines[i]) for i in idx]
    if tail_keep >= 0:
        parts[-1] = parts[-1][:tail_keep]
    parts[0] = parts[0][head_cut:]
    return "\n".join(p for p in parts if p)


# ------------------------------------------------------------------ PDF page


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def highlight_boxes(src: SourceDoc, b: Block, value: float | None) -> tuple[int | None, list[Box], list[Box]]:
    """(page, line boxes, figure boxes) of a block on a PDF: the figure boxes are the grid cells (or
    words) on the cited lines that write the answer's figure."""
    page = next((src.lines[i].loc.page for i in b.indexes() if src.lines[i].loc.page), None)
    lines = [src.lines[i] for i in b.indexes() if src.lines[i].loc.page == page]
    line_boxes = [tuple(l.loc.bbox) for l in lines if l.loc.bbox]
    figure: list[Box] = []
    if value is not None and page is not None:
        for g in src.grids:
            if g.page != page:
                continue
            for c in g.cells:
                if any(_overlaps(c.bbox, lb) for lb in line_boxes) and figure_spans(c.text, value):
                    figure.append(tuple(c.bbox))
        if not figure:
            for l in lines:
                if not (l.loc.bbox and l.words):
                    continue
                for w in l.words:
                    if figure_spans(w.text, value):
                        figure.append((w.x0, l.loc.bbox[1], w.x1, l.loc.bbox[3]))
    return page, line_boxes, figure


def original_bytes(root: Path, doc_id: str, path: str = "") -> bytes | None:
    """The document's original file: kept by the app at upload, else the path it was ingested from
    (`SourceDoc.path`, only when that file is still the same bytes)."""
    for p in sorted((root / ORIGINALS_DIR).glob(f"{doc_id}.*")):
        try:
            return p.read_bytes()
        except OSError:
            pass
    try:
        p = Path(path)
        if path and p.is_file():
            data = p.read_bytes()
            if content_hash(data) == doc_id:
                return data
    except OSError:
        pass
    return None


def keep_original(root: Path, doc_id: str, name: str, data: bytes) -> Path | None:
    """Keep an upload's bytes so its pages can be drawn later (PDF only: text inputs are stored whole)."""
    suffix = Path(name).suffix.lower()
    if suffix != ".pdf" or content_hash(data) != doc_id:
        return None
    d = root / ORIGINALS_DIR
    try:
        d.mkdir(parents=True, exist_ok=True)
        p = d / f"{doc_id}{suffix}"
        if not p.exists():
            tmp = p.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(p)
        return p
    except OSError:
        return None


def drop_original(root: Path, doc_id: str) -> None:
    for p in (root / ORIGINALS_DIR).glob(f"{doc_id}.*"):
        p.unlink(missing_ok=True)


LINE_FILL, LINE_STROKE = (255, 214, 102, 60), (250, 140, 22)
FIG_FILL, FIG_STROKE = (255, 214, 102, 90), (212, 56, 13)


def _tighten(page, box: Box, value: float | None) -> Box:
    """A line-shaped figure box (a prose line holding the figure) narrowed to the figure's own
    characters on the page; a cell-shaped box (a table cell) is kept."""
    x0, top, x1, bottom = box
    if value is None or (x1 - x0) < 3 * (bottom - top):
        return box
    chars = sorted((c for c in page.chars if c["x0"] >= x0 - 1 and c["x1"] <= x1 + 1
                    and c["top"] >= top - 2 and c["bottom"] <= bottom + 2), key=lambda c: c["x0"])
    text = "".join(c["text"] for c in chars)
    spans = figure_spans(text, value)
    if not spans or len(text) != len(chars):
        return box
    s, e = spans[0]
    hit = chars[s:e]
    return (min(c["x0"] for c in hit) - 1, min(c["top"] for c in hit) - 1,
            max(c["x1"] for c in hit) + 1, max(c["bottom"] for c in hit) + 1)


def page_png(pdf: bytes, page: int, line_boxes: list[Box], figure_boxes: list[Box], *,
             resolution: int = 110, zoom: bool = False, value: float | None = None) -> bytes:
    """The page as PNG, cited lines framed orange, the figure's cell framed red (with `value`, a
    figure inside a prose line is framed alone). `zoom`: only the band of the page around the boxes,
    at a higher resolution."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        p = doc.pages[page - 1]
        figure_boxes = [_tighten(p, b, value) for b in figure_boxes]
        boxes = figure_boxes + line_boxes
        if zoom and boxes:
            top = max(p.bbox[1], min(b[1] for b in boxes) - 70)
            bottom = min(p.bbox[3], max(b[3] for b in boxes) + 70)
            left = max(p.bbox[0], min(b[0] for b in boxes) - 60)
            right = min(p.bbox[2], max(b[2] for b in boxes) + 60)
            p = p.crop((left, top, right, bottom))
            resolution = int(resolution * 1.6)
        im = p.to_image(resolution=resolution)
        for b in line_boxes:
            im.draw_rect(b, fill=LINE_FILL, stroke=LINE_STROKE, stroke_width=2)
        for b in figure_boxes:
            im.draw_rect(b, fill=FIG_FILL, stroke=FIG_STROKE, stroke_width=4)
        out = io.BytesIO()
        im.annotated.save(out, format="PNG")
        return out.getvalue()


# ------------------------------------------------------------------ text inputs


def context_html(src: SourceDoc, b: Block, value: float | None, around: int = 5) -> str:
    """The lines around the block as HTML (`around` lines with text on either side; blank lines left
    out): line numbers, the cited lines on a yellow band, the figure marked."""
    before, i = [], b.start - 1
    while i >= 0 and len(before) < around:
        if src.lines[i].text.strip():
            before.append(i)
        i -= 1
    after, i = [], b.end
    while i < len(src.lines) and len(after) < around:
        if src.lines[i].text.strip():
            after.append(i)
        i += 1
    cited = [i for i in b.indexes() if src.lines[i].text.strip()] or [b.start]
    rows = []
    for i in sorted(before) + cited + after:
        line = src.lines[i]
        text = line.original or line.text
        hit = b.start <= i < b.end
        body = highlight_html(text, value, breaks=False) if hit else html.escape(text)
        where = line.loc.cell or (line.loc.line if line.loc.line is not None else i + 1)
        rows.append(f'<div class="bqa-src-line{" bqa-src-cited" if hit else ""}"><span class="bqa-src-no">'
                    f'{html.escape(str(where))}</span><span class="bqa-src-text">{body or "&nbsp;"}</span></div>')
    return '<div class="bqa-src">' + "".join(rows) + "</div>"
