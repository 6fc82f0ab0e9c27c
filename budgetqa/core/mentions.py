"""Numbers with units as the documents write them: find them in text, write them the ways the
documents do, and tell whether a text states a value. Pure functions, shared by the parser
(the fact catalog) and the answerer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import cn_to_int, parse_number, squash
from .vocabulary import VOCABULARY

# units a stated number may carry (longest first so 万元 wins over 元, 人次 over 人)
UNITS: list[str] = VOCABULARY["units"]
_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
NUM = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
MENTION_RE = re.compile(rf"(?<![\d.,A-Za-z])({NUM})\s*({_UNIT_RE})?")
CN_MENTION_RE = re.compile(r"([一二两三四五六七八九十百]+)\s*(个|名|人|家|辆|项)")
AMOUNT_UNITS = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}
COUNT_UNITS = set(VOCABULARY["count_units"])


@dataclass
class Mention:
    value: float
    unit: str | None
    start: int
    end: int
    token: str


def mentions(text: str) -> list[Mention]:
    """Numbers in a (normalised) text with the unit right after them, if any."""
    out: list[Mention] = []
    for m in MENTION_RE.finditer(text):
        v = parse_number(m.group(1))
        if v is None:
            continue
        unit = m.group(2)
        # a year or date is not a figure
        tail = text[m.end(1): m.end(1) + 2].lstrip()
        if unit is None and (tail.startswith("年") or tail.startswith("月") or tail.startswith("日") or tail.startswith("号")):
            continue
        out.append(Mention(v, unit, m.start(), m.end(), m.group(1)))
    for m in CN_MENTION_RE.finditer(text):
        v = cn_to_int(m.group(1))
        if v is not None:
            out.append(Mention(float(v), m.group(2), m.start(), m.end(), m.group(1)))
    out.sort(key=lambda x: x.start)
    return out


def number_forms(v: float) -> list[str]:
    """Ways a number is written in the documents (squashed comparisons)."""
    forms = {f"{v:,.2f}", f"{v:.2f}", f"{v:,.1f}", f"{v:.1f}"}
    if float(v).is_integer():
        forms |= {str(int(v)), f"{int(v):,}"}
    return sorted(forms, key=len, reverse=True)


def number_pattern(token: str) -> re.Pattern:
    """A written number as a whole token of squashed text: '20' is not the 20 of '2024'."""
    return re.compile(r"(?<![\d.,])" + re.escape(squash(token)) + r"(?![\d,]|\.\d)")


def states_number(text: str, value: float) -> bool:
    s = squash(text)
    return any(number_pattern(f).search(s) for f in number_forms(value))


def unit_in_class(unit: str, uc: str) -> bool:
    """Whether a written unit is of the kind a question asks for (amount / pct / count / area / score)."""
    return {"amount": unit in AMOUNT_UNITS, "pct": unit == "%", "count": unit in COUNT_UNITS,
            "area": unit == "平方米", "score": unit == "分"}.get(uc, True)
