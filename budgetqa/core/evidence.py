"""What evidence text can and cannot prove: shared by the fact builder, the answerer and the verifier.

`NOTHING_ARRANGED` — the words a disclosure uses to say an item has no money (a cited 空表 proves 0).
`INSTRUCTION_RE` — instruction-like sentences (prompt injection in a document); a number they carry
proves nothing.
"""
from __future__ import annotations

import re

from budgetqa.core.normalize import norm

NOTHING_ARRANGED = r"空表|未安排|没有使用|未发生|未使用|无此项|不涉及"


INSTRUCTION_RE = re.compile(r"[^。；;\n]*(忽略(以上|之前|上述|前面)|无视(以上|之前)|ignore (all |the )?(previous|above)|"
                            r"请(直接)?回答|你(现在)?是|system prompt|指令)[^。；;\n]*", re.I)


def strip_instructions(text: str) -> str:
    """Text without instruction-like sentences: a number they carry proves nothing."""
    return INSTRUCTION_RE.sub(" ", norm(text))
