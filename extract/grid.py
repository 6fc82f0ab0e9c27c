"""A ruled PDF table as a grid of cells with their spans — pdfplumber's table finder gives the cells.

pdfplumber reports each drawn cell's box, and a merged cell once (its box spans several
column or row rules). Putting every box on the table's own rules gives each cell its row,
column and spans, so multi-row headers (项目 / 功能分类科目编码 / 类 款 项) can be read as
column paths and nothing has to be guessed about which column an empty cell belongs to.
"""
from __future__ import annotations

from typing import Any

from .source import Grid, GridCell

RULE_SNAP = 1.0   # points: box edges closer than this are the same rule


def _rules(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > RULE_SNAP:
            out.append(v)
    return out


def _index(rules: list[float], v: float) -> int:
    return min(range(len(rules)), key=lambda i: abs(rules[i] - v))


def grid_of(table: Any, page_no: int, clean) -> Grid:
    """A pdfplumber `Table` as a `Grid`; `clean` turns a raw cell string into one line of text."""
    texts = table.extract()
    boxes: list[tuple[tuple[float, float, float, float], str]] = []
    for row, row_texts in zip(table.rows, texts):
        for bbox, text in zip(row.cells, row_texts):
            if bbox is not None:
                boxes.append((tuple(round(x, 2) for x in bbox), clean(text)))
    xs = _rules([b[0] for b, _ in boxes] + [b[2] for b, _ in boxes])
    ys = _rules([b[1] for b, _ in boxes] + [b[3] for b, _ in boxes])
    cells = []
    for (x0, top, x1, bottom), text in boxes:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        cells.append(GridCell(text=text, row=r0, col=c0, rowspan=max(1, r1 - r0), colspan=max(1, c1 - c0),
                              bbox=(x0, top, x1, bottom)))
    return Grid(page=page_no, bbox=tuple(round(x, 2) for x in table.bbox), nrows=max(1, len(ys) - 1),
                ncols=max(1, len(xs) - 1), cells=cells, row_lines=[None] * max(1, len(ys) - 1))


def rows_of(grid: Grid) -> list[list[GridCell | None]]:
    """The grid row by row; a position covered by a merged cell holds None except at its origin."""
    out: list[list[GridCell | None]] = [[None] * grid.ncols for _ in range(grid.nrows)]
    for c in grid.cells:
        if c.row < grid.nrows and c.col < grid.ncols:
            out[c.row][c.col] = c
    return out
