"""Checks on the paths a command is given, before any loader sees them: a missing file or a
folder becomes one `UserInputError` line (what, which file, what to do), never a traceback."""
from __future__ import annotations

from pathlib import Path

from budgetqa.core.errors import UserInputError


def input_file(path: str | Path) -> Path:
    """`path` as a readable regular file, or a UserInputError naming it."""
    p = Path(path)
    if p.is_dir():
        raise UserInputError("is a folder, not a file", file=path,
                             hint="give one disclosure file (.pdf .xlsx .txt .md); `budgetqa ingest FOLDER` indexes a folder")
    if not p.exists():
        raise UserInputError("no such file", file=path, hint="check the path")
    if not p.is_file():
        raise UserInputError("not a regular file", file=path, hint="give a .pdf, .xlsx, .txt or .md disclosure")
    try:
        with p.open("rb"):
            pass
    except OSError as err:
        raise UserInputError(f"cannot be read ({err.strerror or err})", file=path,
                             hint="check the file's permissions") from err
    return p
