"""xlsx disclosures (finance-bureau exports: one standard table per sheet) read with openpyxl.

Each sheet gives a line with its name, then one line per non-empty row with every cell of the
sheet's used width kept in place (an empty cell is "", never dropped), so the table parser
reads values straight from their columns. Numbers become text that `parse_number` reads back
to the same value.
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetqa.core.errors import CorruptFileError

from .source import Line, Locator, SourceDoc, content_hash

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # legacy .xls, or an encrypted .xlsx container


def cell_text(v: Any) -> str:
    """A cell value as text without losing precision: 2060499 -> '2060499', 50.0 -> '50', 1065.9 -> '1065.9'."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
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
    try:
        for ws in wb.worksheets:
            lines.append(Line(text=ws.title, loc=Locator(sheet=ws.title, line=len(lines) + 1)))
            raw: list[tuple[int, list[str]]] = []
            ws.reset_dimensions()   # exporters often write a wrong <dimension>; read every cell there is
            for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
                raw.append((r, [cell_text(v) for v in values]))
            for r, col, cells in sheet_rows(raw):
                lines.append(Line(text=" ".join(c for c in cells if c), cells=cells,
                                  loc=Locator(sheet=ws.title, cell=f"{column_letter(col)}{r}", line=len(lines) + 1)))
    except Exception as err:
        raise _open_error(path, data, err) from err
    finally:
        wb.close()
    return SourceDoc(path=str(path), name=path.name, format="xlsx", doc_id=content_hash(data), lines=lines)
