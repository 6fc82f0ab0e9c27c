"""Text and number normalisation for parsing (never for what is quoted back to users)."""
from __future__ import annotations

import re
import unicodedata

_LATEX = [
    (r"\\geq?\b", "≥"), (r"\\leq?\b", "≤"), (r"\\%", "%"), (r"\\times\b", "×"),
    (r"\\pm\b", "±"), (r"\\gt\b", ">"), (r"\\lt\b", "<"), (r"\\sim\b", "~"), (r"\\cdot\b", "·"),
]
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．％＋－＝＜＞"}
_FULLWIDTH.update({0x3000: 0x20})


def norm(text: str) -> str:
    """Parsing form of a line: markdown/HTML/LaTeX noise removed, full-width digits and
    comparison symbols made ASCII, runs of spaces folded. Chinese punctuation is kept."""
    t = text
    if "<" in t:
        t = re.sub(r"</?(p|br|span|div|b|strong|td|tr)\b[^>]*>", " ", t, flags=re.I)
    if "$" in t or "\\" in t:
        t = re.sub(r"\$([^$]*)\$", lambda m: _delatex(m.group(1)), t)
        t = _delatex(t)
    t = t.replace("**", "")
    t = t.translate(_FULLWIDTH)
    t = t.replace("\u00a0", " ")
    t = re.sub(r"[ \u2002\u2003\u2009]+", " ", t)
    return t.strip()


def _delatex(s: str) -> str:
    for pat, rep in _LATEX:
        s = re.sub(pat, rep, s)
    s = re.sub(r"\\(?:text|mathrm|mathbf)\{([^}]*)\}", r"\1", s)
    s = s.replace("{", "").replace("}", "")
    return s.replace("\\", "")


def squash(text: str) -> str:
    """Text with all white space removed: how evidence strings are compared."""
    return re.sub(r"\s+", "", text)


NUMBER_RE = re.compile(r"(?<![\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])-?\d+(?:\.\d+)?")


def parse_number(tok: str) -> float | None:
    """'1,060.00' -> 1060.0; '-' / '—' / '' -> None."""
    t = tok.strip().replace(",", "").replace("，", "")
    t = t.translate(_FULLWIDTH)
    if t in {"", "-", "—", "--", "/", "－"}:
        return None
    try:
        return float(t)
    except ValueError:
        return None


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_to_int(s: str) -> int | None:
    """Chinese numerals up to the ten-thousands: '一十一' -> 11, '两' -> 2, '十二' -> 12."""
    if not s or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in s):
        return None
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        else:
            unit = _CN_UNITS[c]
            total += (cur or 1) * unit
            cur = 0
    return total + cur


AMOUNT_UNITS = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}


def to_wanyuan(value: float, unit: str) -> float:
    return value * AMOUNT_UNITS[unit]
