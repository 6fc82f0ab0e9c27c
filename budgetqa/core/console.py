"""One rich Console for every command: its natural width on a terminal, and wide enough
when piped to a file or another program (rich would otherwise squeeze tables to 80
columns and truncate the headers)."""
from __future__ import annotations

import sys

from rich.console import Console

PIPED_WIDTH = 200


def console(**kw) -> Console:
    if not sys.stdout.isatty() and "width" not in kw:
        kw["width"] = PIPED_WIDTH
    return Console(**kw)
