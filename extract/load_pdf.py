"""PDF disclosures with pdfplumber: ruled tables as rows of cells, the rest as lines of positioned words.

A ruled table row keeps its empty cells (so numbers need no column recovery); text outside
the tables keeps each word's x extent, which lets the table parser put numbers back under
their columns when a table was printed without ruling lines. Lines come out top to bottom
per page, with table rows at their place among the text lines.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budgetqa.core.errors import CorruptFileError, EmptyDocumentError, ScannedPDFError

from .grid import grid_of
from .source import Grid, Line, Locator, SourceDoc, Word, content_hash

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
LINE_TOLERANCE = 3.0        # points: words whose tops differ by less share a line
LINE_OVERLAP = 0.5          # or whose vertical extents overlap by half the smaller height (mixed fonts)
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")


@dataclass
class _Item:
    """One output line before numbering: its vertical position decides its order on the page."""

    top: float
    x0: float
    text: str
    cells: list[str] | None = None
    words: list[Word] | None = None
    grid_row: tuple[int, int] | None = None   # (index into the page's grids, grid row)
    bbox: tuple[float, float, float, float] | None = None


def clean_cell(value: str | None) -> str:
    """A table cell as one line: wrapped Chinese re-joined without a gap, other wraps with a space."""
    if value is None:
        return ""
    parts = [p.strip() for p in value.splitlines()]
    out = ""
    for p in parts:
        if not p:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(p[0])):
            out += " "
        out += p
    return out


def group_words(words: list[dict[str, Any]], tolerance: float = LINE_TOLERANCE) -> list[list[dict[str, Any]]]:
    """Cluster pdfplumber words into lines, each sorted left to right.

    Two words share a line when their tops are within `tolerance` or when their vertical extents
    overlap by at least `LINE_OVERLAP` of the smaller height: digits set in another font a few
    points below the Chinese text still overlap it, while the next line (a leading further) does not.
    """
    lines: list[list[dict[str, Any]]] = []
    band: list[float] = []       # the current line's [top, bottom]
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        bottom_w = w.get("bottom", w["top"])
        if lines:
            top, bottom = band
            overlap = min(bottom, bottom_w) - max(top, w["top"])
            share = overlap / max(1e-6, min(bottom - top, bottom_w - w["top"]))
            if abs(w["top"] - lines[-1][0]["top"]) <= tolerance or share >= LINE_OVERLAP:
                lines[-1].append(w)
                band = [min(top, w["top"]), max(bottom, bottom_w)]
                continue
        lines.append([w])
        band = [w["top"], bottom_w]
    return [sorted(l, key=lambda w: w["x0"]) for l in lines]


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def page_items(page: Any, page_no: int = 0, grids: list[Grid] | None = None) -> list[_Item]:
    """Table rows and text lines of one pdfplumber page, top to bottom; each ruled table also
    goes to `grids` cell by cell (its rows' items say which grid row they are)."""
    items: list[_Item] = []
    page = page.dedupe_chars()      # some exporters overprint characters to fake bold
    # a frame around the page or a boxed paragraph is a 1-row or 1-column "table": read it as text
    tables = [t for t in page.find_tables(TABLE_SETTINGS)
              if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    boxes = [t.bbox for t in tables]
    for t in tables:
        gi = None
        if grids is not None:
            grid = grid_of(t, page_no, clean_cell)
            grids.append(grid)
            gi = len(grids) - 1
            row_of_top = {round(c.bbox[1], 1): c.row for c in grid.cells}
        for row, texts in zip(t.rows, t.extract()):
            cells = [clean_cell(c) for c in texts]
            if not any(cells):
                continue
            x0, top = row.bbox[0], row.bbox[1]
            ref = None
            if gi is not None:
                r = row_of_top.get(round(top, 1))
                if r is None:
                    r = min(row_of_top.items(), key=lambda kv: abs(kv[0] - top))[1]
                ref = (gi, r)
            items.append(_Item(top, x0, " ".join(c for c in cells if c), cells=cells, grid_row=ref,
                               bbox=tuple(round(v, 2) for v in row.bbox)))
    outside = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) if boxes else page
    for ws in group_words(outside.extract_words()):
        words = [Word(text=w["text"], x0=round(w["x0"], 2), x1=round(w["x1"], 2)) for w in ws]
        box = (round(min(w["x0"] for w in ws), 2), round(min(w["top"] for w in ws), 2),
               round(max(w["x1"] for w in ws), 2), round(max(w["bottom"] for w in ws), 2))
        items.append(_Item(min(w["top"] for w in ws), ws[0]["x0"], " ".join(w.text for w in words), words=words, bbox=box))
    items.sort(key=lambda it: (round(it.top, 1), it.x0))
    return items


def _is_encrypted(err: BaseException) -> bool:
    """pdfminer's password/encryption errors, possibly wrapped by pdfplumber."""
    seen: set[int] = set()
    stack: list[Any] = [err]
    while stack:
        e = stack.pop()
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        name = type(e).__name__.lower()
        if "password" in name or "encrypt" in name:
            return True
        stack += [*e.args, e.__cause__, e.__context__]
    return False


def _read_error(path: Path, err: Exception) -> CorruptFileError:
    if _is_encrypted(err):
        return CorruptFileError("the PDF is encrypted (password-protected)", file=path.name,
                                hint="supply a decrypted copy (e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`)")
    return CorruptFileError(f"the PDF cannot be read ({type(err).__name__}: {str(err)[:120] or 'unparseable'})",
                            file=path.name, hint="the file is damaged or not a PDF; download or export it again")


def load_pdf(path: Path, data: bytes) -> SourceDoc:
    import pdfplumber

    lines: list[Line] = []
    grids: list[Grid] = []
    has_text = False
    has_images = False
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            if n_pages == 0:
                raise EmptyDocumentError("the PDF has no pages (its page tree is empty)", file=path.name,
                                         hint="the export or download produced an empty PDF; export it again")
            for pno, page in enumerate(pdf.pages, start=1):
                if not any(c.get("text", "").strip() for c in page.chars):
                    has_images = has_images or bool(page.images)
                    continue
                has_text = True
                for it in page_items(page, pno, grids):
                    if it.grid_row is not None:
                        gi, r = it.grid_row
                        if 0 <= r < len(grids[gi].row_lines):
                            grids[gi].row_lines[r] = len(lines)
                    lines.append(Line(text=it.text, cells=it.cells, words=it.words,
                                      loc=Locator(page=pno, line=len(lines) + 1, bbox=it.bbox)))
    except EmptyDocumentError:
        raise
    except Exception as err:  # pdfminer raises many unrelated types on a damaged file
        raise _read_error(path, err) from err
    if not has_text:
        what = "only images (a scan)" if has_images else "no text (blank pages)"
        raise ScannedPDFError(f"the PDF has no text layer: its {n_pages} page(s) hold {what}", file=path.name,
                              hint="run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and load the OCRed PDF")
    return SourceDoc(path=str(path), name=path.name, format="pdf", doc_id=content_hash(data),
                     pages=n_pages, lines=lines, grids=grids)
