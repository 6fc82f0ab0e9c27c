"""What every loader produces: the document as lines, each with a locator back to its source.

Loaders (text, PDF, xlsx) differ; everything downstream reads a `SourceDoc`. A line keeps
its raw text (citations quote it verbatim) and, where the input kept table cells
(tab-separated markdown, a ruled PDF table, a spreadsheet row), the cells with the empty
ones in place, so columns need no recovery there.
"""
from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr


class Locator(BaseModel):
    """Where a piece of text stands: page and line for text/PDF, sheet and cell for xlsx."""

    page: int | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    bbox: tuple[float, float, float, float] | None = Field(None, description="PDF only: x0, top, x1, bottom in points")

    def __str__(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return " ".join(parts) or "?"


class Word(BaseModel):
    """A word of a PDF line with its horizontal extent (points), for placing numbers in columns."""

    text: str
    x0: float
    x1: float


class Line(BaseModel):
    text: str = Field(description="raw text of the line, as in the source")
    loc: Locator
    cells: list[str] | None = Field(None, description="table cells with empty ones kept, when the source has them")
    words: list[Word] | None = Field(None, description="PDF only: the line's words with x positions")
    original: str | None = Field(None, description="the line as the source wrote it, when `text` is a conversion "
                                                   "(Traditional characters made Simplified); None: `text` is the original")


class GridCell(BaseModel):
    """One cell of a ruled table as the page (or the sheet) draws it: merged cells span rows / columns."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    bbox: tuple[float, float, float, float] | None = Field(None, description="PDF: x0, top, x1, bottom in points")
    ref: str | None = Field(None, description="xlsx: the cell's address on its sheet ('C7')")


class Grid(BaseModel):
    """A ruled table found on a PDF page, or a table block of an xlsx sheet: its cells, and the
    `lines` index each of its rows became."""

    page: int | None = Field(None, description="PDF: the page")
    sheet: str | None = Field(None, description="xlsx: the sheet")
    bbox: tuple[float, float, float, float] | None = Field(None, description="PDF: the table's box on its page")
    nrows: int
    ncols: int
    cells: list[GridCell]
    row_lines: list[int | None] = Field(description="per grid row, its index into SourceDoc.lines (None: an empty row)")

    _cover: tuple[list, dict] | None = PrivateAttr(None)   # (the cells indexed, position -> cell)

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering (row, col), merged cells included (the first listed, if several do)."""
        private = self.__pydantic_private__          # direct: this is called for every cell of every grid
        index = private.get("_cover")
        if index is None or index[0] is not self.cells:
            cover: dict[tuple[int, int], GridCell] = {}
            for c in self.cells:
                for r in range(c.row, c.row + max(1, c.rowspan)):
                    for k in range(c.col, c.col + max(1, c.colspan)):
                        cover.setdefault((r, k), c)
            index = private["_cover"] = (self.cells, cover)
        return index[1].get((row, col))


class SourceDoc(BaseModel):
    path: str
    name: str
    format: Literal["txt", "md", "pdf", "xlsx"]
    doc_id: str = Field(description="content hash: same bytes, same id")
    pages: int | None = None
    lines: list[Line]
    grids: list[Grid] = Field(default_factory=list, description="PDF: the ruled tables; xlsx: each sheet's table blocks; cell by cell")

    def text(self) -> str:
        return "\n".join(l.text for l in self.lines)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
