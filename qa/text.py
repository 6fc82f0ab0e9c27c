"""Text helpers for answering: formatting, key words, phrase similarity (numbers with units
in text are `budgetqa.core.mentions`, shared with the parser).

Pure functions; nothing here knows about documents or workspaces.
"""
from __future__ import annotations

import re
from functools import lru_cache

from budgetqa.core.normalize import norm, squash

from budgetqa.core.mentions import (AMOUNT_UNITS, COUNT_UNITS, UNITS, Mention, mentions,  # noqa: F401
                                    number_forms, number_pattern, states_number, unit_in_class)


def fmt(v: float | None, unit: str | None = None) -> str:
    """1060.0 -> '1,060.00' for money, '27' for counts, '54.34' for percentages."""
    if v is None:
        return "—"
    if unit in COUNT_UNITS or (unit in (None, "") and float(v).is_integer() and abs(v) < 1e6 and unit != "万元"):
        if float(v).is_integer():
            return f"{int(v):,}" if unit not in COUNT_UNITS else str(int(v))
    if unit == "%":
        return f"{v:.2f}"
    return f"{v:,.2f}"


# ---- phrase similarity ---------------------------------------------------------------
STOP = set("的了吗呢么是多少几个啥哪些什么怎么请问一下这个那个有没有是否对不对里面中当年今年该其")
_PUNCT = re.compile(r"[\s，。、；：:;,.!?！？“”\"'‘’（）()《》<>【】\[\]{}—\-_/\\|·…~～]+")


# memoised: ranking compares one question with every candidate label, and the same labels
# (row names, table titles) come back for every question (bounded caches: a few MB)
@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    return _PUNCT.sub("", norm(text))


@lru_cache(maxsize=1 << 16)
def bigrams(text: str) -> frozenset[str]:
    t = clean(text)
    return frozenset({t[i:i + 2] for i in range(len(t) - 1)} | ({t} if len(t) == 1 else set()))


def coverage(query: str, label: str) -> float:
    """Share of the query's character bigrams found in the label (0..1)."""
    q = bigrams(query)
    if not q:
        return 0.0
    lab = clean(label)
    return sum(1 for b in q if b in lab) / len(q)


def contains_squashed(hay: str, needle: str) -> bool:
    return squash(needle) in squash(hay)


# sentences in a document that address the reader / a model instead of stating facts
