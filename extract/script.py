"""Traditional Chinese input: detect it and convert it to Simplified for matching and parsing.

The conversion is OpenCC's `t2s` (the `opencc` package, pinned in requirements.lock; its
dictionaries ship inside the wheel, so it works offline). A converted document keeps each
line's original characters in `Line.original` (citations quote them back, see
`original_text`), while `Line.text` holds the Simplified form that everything downstream
reads. Simplified text passes through `t2s` unchanged, so questions are always converted.
"""
from __future__ import annotations

import re
from functools import lru_cache

from budgetqa.core.normalize import squash

from .source import GridCell, Line, SourceDoc, Word

_CJK = re.compile(r"[\u4e00-\u9fff]")

# a document is taken as Traditional when at least this many of its Chinese characters, and this
# share of them, change under t2s (a Simplified text quoting one Traditional name stays as it is)
MIN_CHANGED = 3
MIN_SHARE = 0.02

TRADITIONAL_NOTICE = ("原文为繁体中文：已转换为简体中文用于检索、解析和问答；"
                      "每行原文保留在来源行的 original 字段中")


@lru_cache(maxsize=1)
def _converter():
    import opencc   # imported lazily: only text with Chinese characters needs it
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` in Simplified characters (unchanged when it has no Chinese or is Simplified already)."""
    if not text or not _CJK.search(text):
        return text
    return _converter().convert(text)


def changed_chars(text: str) -> tuple[int, int]:
    """(Chinese characters that t2s changes, Chinese characters in all)."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return 0, 0
    simple = to_simplified(text)
    if len(simple) == len(text):
        changed = sum(1 for a, b in zip(text, simple) if a != b)
    else:   # a phrase mapping changed the length: count the characters only one side has
        changed = max(len(set(text) - set(simple)), 1)
    return changed, cjk


def is_traditional(text: str) -> bool:
    changed, cjk = changed_chars(text)
    return changed >= MIN_CHANGED and changed / cjk >= MIN_SHARE


def _traditional_line(text: str) -> bool:
    changed, cjk = changed_chars(text)
    return changed >= MIN_CHANGED and cjk > 0 and changed / cjk >= 0.1


def simplify_doc(doc: SourceDoc) -> SourceDoc:
    """The document with its lines (cells, PDF words, grid cells) in Simplified characters when it
    is written in Traditional ones; each changed line keeps its original text in `original`.
    A Simplified document is returned as it is."""
    whole = is_traditional(doc.text())
    lines: list[Line] = []
    for line in doc.lines:
        # a Simplified document may quote a Traditional paragraph (a news page's Hong Kong
        # edition, a pasted excerpt): such a line is made Simplified on its own
        if not whole and not _traditional_line(line.text):
            lines.append(line)
            continue
        text = to_simplified(line.text)
        if text == line.text:
            lines.append(line)
            continue
        cells = [to_simplified(c) for c in line.cells] if line.cells is not None else None
        words = ([Word(text=to_simplified(w.text), x0=w.x0, x1=w.x1) for w in line.words]
                 if line.words is not None else None)
        lines.append(line.model_copy(update={"text": text, "original": line.text, "cells": cells, "words": words}))
    if not whole and all(a is b for a, b in zip(lines, doc.lines)):
        return doc
    if not whole:
        return doc.model_copy(update={"lines": lines})
    grids = [g.model_copy(update={"cells": [GridCell(**{**c.model_dump(), "text": to_simplified(c.text)})
                                            for c in g.cells]}) for g in doc.grids]
    return doc.model_copy(update={"lines": lines, "grids": grids})


def is_converted(doc: SourceDoc) -> bool:
    return any(l.original is not None for l in doc.lines)


def original_text(doc: SourceDoc, text: str) -> str:
    """`text` (a passage quoted from the Simplified form of `doc`) in the document's original
    characters; unchanged when the document was not converted or the passage is not found."""
    if not is_converted(doc) or not text:
        return text
    simple = "\n".join(l.text for l in doc.lines)
    orig = "\n".join(l.original if l.original is not None and len(l.original) == len(l.text) else l.text
                     for l in doc.lines)
    i = simple.find(text)
    if i >= 0:
        return orig[i:i + len(text)]
    s, o, t = squash(simple), squash(orig), squash(text)   # a passage quoted with its spaces folded
    if len(s) == len(o) and t:
        i = s.find(t)
        if i >= 0:
            return o[i:i + len(t)]
    # last resort, line by line: each Simplified line the passage contains, back to its original
    out = text
    for l in doc.lines:
        if l.original is not None and l.text.strip() and l.text.strip() in out:
            out = out.replace(l.text.strip(), l.original.strip())
    return out
