"""Shared helpers for the prose extractors: a squashed working form of a paragraph, numbers, figures.

The prose extractors match on a *working* form of each paragraph: `norm()`, all white space
removed (pdftotext scatters spaces around digits: `在职 25 人` / `增长12.64%`) and the ASCII
separators `, : ;` made full-width unless they stand between two digits (`1,060.00`, `3:1`).
Values keep the paragraph's locator and its text; nothing here reads or writes files.
"""
from __future__ import annotations

import re

from .models import Figure, Paragraph
from budgetqa.core.normalize import cn_to_int, norm, parse_number

NUM = r"(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
CN_NUM = r"[零〇一二两三四五六七八九十百千万]+"
COUNT = rf"(?:{NUM}|{CN_NUM})"
MONEY_UNIT = r"万元|亿元|元|厄元"  # '厄元' is a seen OCR/typing slip for 万元
_UNIT_FIX = {"厄元": "万元"}

_SEP = {",": "，", ":": "：", ";": "；"}


def work(text: str) -> str:
    """The matching form of a paragraph (see module doc)."""
    t = re.sub(r"\s+", "", norm(text))
    return re.sub(r"[,:;]", lambda m: m.group(0) if _between_digits(t, m.start()) else _SEP[m.group(0)], t)


def _between_digits(t: str, i: int) -> bool:
    return 0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit()


def to_float(tok: str) -> float | None:
    """'1,060.00' -> 1060.0; '两' -> 2.0."""
    v = parse_number(tok)
    if v is None:
        n = cn_to_int(tok)
        return None if n is None else float(n)
    return v


def money_unit(u: str) -> str:
    return _UNIT_FIX.get(u, u)


def fig(value: float, p: Paragraph, unit: str = "万元") -> Figure:
    return Figure(value=value, unit=unit, loc=p.loc, text=p.text)


def search_fig(pattern: str, paras: list[Paragraph], unit: str = "万元", group: str = "v",
               flags: int = 0) -> Figure | None:
    """The first paragraph whose working text matches; the named group is the number."""
    for p in paras:
        m = re.search(pattern, work(p.text), flags)
        if m and m.group(group) is not None:
            v = to_float(m.group(group))
            if v is not None:
                u = m.groupdict().get("u") or unit
                return fig(v, p, money_unit(u))
    return None


def in_section(p: Paragraph, *words: str) -> bool:
    """Whether any heading on the paragraph's path contains one of `words`."""
    return any(w in h for h in p.section_path for w in words)


def looks_tabular(p: Paragraph) -> bool:
    """Performance/target tables that leaked into prose: tab cells or indicator headers."""
    t = p.text
    return "\t" in t or "一级指标" in t or "二级指标" in t or "三级指标" in t


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps`, but not inside （）()【】“” pairs."""
    out, buf, depth = [], [], 0
    for ch in text:
        if ch in "（(【[“《":
            depth += 1
        elif ch in "）)】]”》" and depth:
            depth -= 1
        if ch in seps and depth == 0:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return [x for x in out if x.strip()]


def last_segment(prefix: str, seps: str = "，：；、。") -> tuple[str, str]:
    """(head, tail) where tail is `prefix` after its last top-level separator."""
    depth = 0
    for i in range(len(prefix) - 1, -1, -1):
        ch = prefix[i]
        if ch in "）)】]”》":
            depth += 1
        elif ch in "（(【[“《" and depth:
            depth -= 1
        elif ch in seps and depth == 0:
            return prefix[:i], prefix[i + 1:]
    return "", prefix


def sign(verb: str | None, value: float) -> float:
    """减少 / 下降 make the change negative; 增加 / 增长 positive."""
    if verb and verb in ("减少", "下降", "降低", "降幅", "减幅", "减少了", "下降了"):
        return -abs(value)
    return value


def tidy(text: str) -> str:
    """Readable single-line text: `norm()`, and the spaces pdftotext puts next to CJK removed
    ('2025 年中央“三区”' -> '2025年中央“三区”'); spaces between ASCII words stay."""
    t = norm(text)
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", t).strip()
