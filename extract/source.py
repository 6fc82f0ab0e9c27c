"""What every loader produces: the document as lines, each with a locator back to its source.

Loaders (text, PDF, xlsx) differ; everything downstream reads a `SourceDoc`. A line keeps
its raw text (citations quote it verbatim) and, where the input kept table cells
(tab-separated markdown, a ruled PDF table, a spreadsheet row), the cells with the empty
ones in place, so columns need no recovery there.
"""
from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, Field


class Locator(BaseModel):
    """Where a piece of text stands: page and line for text/PDF, sheet and cell for xlsx."""

    page: int | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

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


class SourceDoc(BaseModel):
    path: str
    name: str
    format: Literal["txt", "md", "pdf", "xlsx"]
    doc_id: str = Field(description="content hash: same bytes, same id")
    pages: int | None = None
    lines: list[Line]

    def text(self) -> str:
        return "\n".join(l.text for l in self.lines)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
