"""Open any supported file as a `SourceDoc`, with errors that name the file and say what to do."""
from __future__ import annotations

from pathlib import Path

from budgetqa.core.errors import EmptyDocumentError, FileTooLargeError, UnsupportedFormatError

from .source import SourceDoc

SUPPORTED = {".txt", ".md", ".markdown", ".pdf", ".xlsx"}


def load(path: str | Path, *, max_mb: float = 50.0, data: bytes | None = None) -> SourceDoc:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedFormatError(f"unsupported file type '{suffix or '(none)'}'", file=path.name,
                                     hint="give a .pdf, .xlsx, .txt or .md disclosure")
    if data is None:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            raise FileTooLargeError(f"file is {size / 1048576:.1f} MB, over the {max_mb:g} MB limit",
                                    file=path.name, hint="raise BUDGETQA_MAX_FILE_MB if this is really one disclosure")
        data = path.read_bytes()
    elif len(data) > max_mb * 1024 * 1024:
        raise FileTooLargeError(f"file is {len(data) / 1048576:.1f} MB, over the {max_mb:g} MB limit",
                                file=path.name, hint="raise BUDGETQA_MAX_FILE_MB if this is really one disclosure")
    if not data.strip():
        raise EmptyDocumentError("the file is empty", file=path.name, hint="check the export or conversion")
    if suffix == ".pdf":
        from .load_pdf import load_pdf
        doc = load_pdf(path, data)
    elif suffix == ".xlsx":
        from .load_xlsx import load_xlsx
        doc = load_xlsx(path, data)
    else:
        from .load_text import load_text
        doc = load_text(path, data)
    if not any(l.text.strip() for l in doc.lines):
        raise EmptyDocumentError("no text in the file", file=path.name, hint="check the export or conversion")
    from .script import simplify_doc
    return simplify_doc(doc)   # Traditional characters: Simplified for parsing, originals kept per line
