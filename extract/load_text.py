"""Text and markdown disclosures: pdftotext-like lines, or converter markdown with tab-separated rows."""
from __future__ import annotations

from pathlib import Path

from budgetqa.core.errors import CorruptFileError

from .source import Line, Locator, SourceDoc, content_hash


def decode(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CorruptFileError("the text is neither UTF-8 nor GB18030", file=path.name,
                           hint="re-save it as UTF-8 text")


def load_text(path: Path, data: bytes) -> SourceDoc:
    """A leading space on a line marks a new page in pdftotext-like text; pages are counted from it."""
    text = decode(data, path)
    fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    lines: list[Line] = []
    page = 1
    seen_text = False
    for i, raw in enumerate(text.splitlines(), start=1):
        if fmt == "txt" and seen_text and raw.startswith(" ") and raw.strip():
            page += 1
        if raw.strip():
            seen_text = True
        cells = raw.split("\t") if "\t" in raw else None
        lines.append(Line(text=raw, loc=Locator(page=page if fmt == "txt" else None, line=i), cells=cells))
    return SourceDoc(path=str(path), name=path.name, format=fmt, doc_id=content_hash(data),
                     pages=page if fmt == "txt" else None, lines=lines)
