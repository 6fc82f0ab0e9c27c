"""What a question adds to its own words, and how much a kind of chunk is worth to it.

Pure functions over the question, the filters and the documents in scope; the workspace
applies them. Each rule follows from the disclosure template, not from any one document:
- year semantics: a 预算 for year Y+1 states year-Y budget figures only as '比上年预算
  增加/减少 …' — when a question about year Y is answered from that document, its
  '上年' sentences are what to look for;
- '本级' (局本级, 机关本级) is the department's own budget unit, which unit-level tables
  list under the department's name;
- '几辆 / 几个 / 几人' asks for a count written as a number and its measure word ('6辆');
- 名词解释 (term definitions) and table-header fragments contain every keyword but never a
  figure: they are worth less unless the question asks what a term means.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from budgetqa.core.normalize import norm

from .filters import years_in

PREV_YEAR_WEIGHT = 0.8
OWN_UNIT_WEIGHT = 0.8
MEASURE_WEIGHT = 0.5
_MEASURE = re.compile(r"(?:几|多少)(辆|台|套|处|栋|间|家|项|名|人|个)")
_OWN_UNIT = re.compile(r"本级")
_DEFINE = re.compile(r"什么是|是什么|指什么|指的是|什么意思|含义|定义|解释|概念|包括什么|包含什么|包括哪些内容")

# fused-score multipliers by chunk kind: what stands for itself vs left-over fragments
KIND_PRIOR = {"table_row": 1.0, "paragraph": 1.0, "project": 1.0, "performance": 1.0,
              "table_head": 0.6, "lines": 0.75}
GLOSSARY_PRIOR = 0.5


def _get(d: Any, k: str):
    return d.get(k) if isinstance(d, dict) else getattr(d, k, None)


_YEAR_AT = re.compile(r"(?<!\d)(20\d{2}|\d{2})\s*年(?!\d)")


def _budget_years(q: str) -> list[int]:
    """Years the question names, except those it ties to a 决算 ('2024年决算的…')."""
    out: list[int] = []
    ms = list(_YEAR_AT.finditer(q))
    for i, m in enumerate(ms):
        tail = q[m.end(): ms[i + 1].start() if i + 1 < len(ms) else m.end() + 12][:12]
        if "决算" in tail:
            continue
        y = int(m.group(1))
        out.append(y if y > 99 else 2000 + y)
    return [y for y in out if y in years_in(q) or 2000 <= y <= 2099]


def extra_terms(question: str, docs: Iterable[Any]) -> list[tuple[str, float]]:
    """(words, weight) to search for besides the question's own words; `docs` are the
    documents in scope (after filtering)."""
    q = norm(question)
    docs = list(docs)
    out: list[tuple[str, float]] = []
    have = {(_get(d, "year"), _get(d, "kind")) for d in docs}
    if any((y, "预算") not in have and (y + 1, "预算") in have for y in _budget_years(q)):
        out.append(("比上年预算 上年", PREV_YEAR_WEIGHT))
    if _OWN_UNIT.search(q):
        names = sorted({_get(d, "department") for d in docs if _get(d, "department")})
        if names:
            out.append((" ".join(names), OWN_UNIT_WEIGHT))
    for m in _MEASURE.finditer(q):
        out.append((m.group(1), MEASURE_WEIGHT))
    return out


def chunk_prior(meta: dict, question: str) -> float:
    """How much a chunk of this kind / section is worth for the question (multiplier)."""
    p = KIND_PRIOR.get(meta.get("chunk_kind", ""), 1.0)
    if "名词解释" in (meta.get("section") or "") and not _DEFINE.search(norm(question)):
        p *= GLOSSARY_PRIOR
    return p



def block_key(chunk: Any) -> tuple[str, str] | None:
    """The block a chunk is a piece of (a performance table, a prose section), or None
    for chunks that stand alone (table rows)."""
    meta = chunk.metadata
    if meta.get("chunk_kind") in ("performance", "paragraph", "project") and meta.get("section"):
        return chunk.doc_id, meta["section"]
    return None
