"""Section headings and prose paragraphs joined back across the PDF's line breaks."""
from __future__ import annotations

import re

from .models import Paragraph
from budgetqa.core.normalize import norm
from .source import Line

CN_NUM = "一二三四五六七八九十"
# level 0: 第X部分; level 1: 一、; level 2: （一） / (一)
HEADING_PATTERNS = [
    (0, re.compile(rf"^第[{CN_NUM}]+部分")),
    (1, re.compile(rf"^[{CN_NUM}]{{1,3}}\s*、")),
    (2, re.compile(rf"^[（(][{CN_NUM}]{{1,4}}[)）]")),
]
_END = ("。", "：", ":", "；", "！", "？")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}\s*(?:[、．]|\.(?!\d))|[（(]\d{1,2}[)）]|[-•·]\s)")
_TOC_LINE = re.compile(r"^-\s")
_LABEL = re.compile(r"^[\u4e00-\u9fff（）()]{2,12}[:：]")


def heading_level(t: str) -> int | None:
    for level, pat in HEADING_PATTERNS:
        if pat.match(t):
            return level
    return None


def _is_heading_line(t: str, level: int) -> bool:
    # a heading is short and is not a sentence that merely starts with a numeral
    if level == 0:
        return len(t) <= 60
    body = t.split("：", 1)[0] if level == 2 else t
    return len(body) <= 60 and not t.endswith("。")


def build_paragraphs(lines: list[Line], skip: set[int] | None = None, max_chars: int = 700) -> list[Paragraph]:
    """Walk the lines not consumed by tables; keep a section path; join wrapped lines.

    A paragraph ends at sentence-ending punctuation, a heading, a list item, or a skipped
    (table) line; a heading wrapped over two lines is joined when its first line does
    not end a sentence and the next line is short.
    """
    skip = skip or set()
    path: list[str] = []
    paras: list[Paragraph] = []
    buf: list[tuple[Line, str]] = []

    def flush():
        if buf:
            text = "".join(t for _, t in buf).strip()
            if text:
                paras.append(Paragraph(section_path=list(path), text=text, loc=buf[0][0].loc,
                                       end_line=buf[-1][0].loc.line,
                                       line_numbers=[l.loc.line for l, _ in buf if l.loc.line is not None]))
            buf.clear()

    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if i in skip:
            flush()
            i += 1
            continue
        t = norm(line.text)
        if not t or _TOC_LINE.match(t):
            i += 1
            continue
        level = heading_level(t)
        if level is not None and _is_heading_line(t, level):
            flush()
            head = t
            # a heading wrapped onto the next non-empty line (e.g. '…情况说' + '明')
            j = i + 1
            while j < n and not norm(lines[j].text):
                j += 1
            if level < 2 and j < n and j not in skip:
                nxt = norm(lines[j].text)
                if nxt and len(nxt) <= 12 and heading_level(nxt) is None and not head.endswith(_END):
                    head += nxt
                    i = j
            title = re.sub(r"\s+", "", head) if level < 2 else head
            path[:] = path[:level] + [title]
            if level == 2 and "：" in head:
                # '（一）项目名称：XXX' is a heading and a paragraph of its own
                buf.append((line, t))
                flush()
            i += 1
            continue
        if buf and (_LIST_ITEM.match(t) or _LABEL.match(t)):
            flush()
        buf.append((line, t))
        if t.endswith(_END) or sum(len(x) for _, x in buf) >= max_chars:
            flush()
        i += 1
    flush()
    return paras
