"""Fill prose fields of the extraction model with the LLM, schema-first and quote-checked.

The model lists a project's 资金分配情况 items, each with a quote that must stand verbatim
in the source (compared with white space removed, since PDF text breaks lines anywhere)
and must contain the item's amount. Items failing either check are dropped and named in
the returned problems; nothing is repaired. `compare_with_parse` then reports where the
LLM and the deterministic parse disagree, for review rather than silent preference.
"""
from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from budgetqa.settings import Settings
from llm.client import structured_call
from llm.prompts import render

from .models import AllocationItem
from .normalize import NUMBER_RE, norm, parse_number, squash

AMOUNT_TOLERANCE = 0.005


class AllocationItemWithQuote(BaseModel):
    name: str = Field(description="用途或对象，照原文")
    amount: float | None = Field(None, description="金额数字，不带千分位；原文未写金额为 null")
    unit: str | None = Field("万元", description="金额单位，如 万元、元")
    quote: str = Field(description="从原文逐字照抄的一段连续文字，含名称和金额")


class ProjectAllocations(BaseModel):
    """The LLM's output for one project; an empty list is a legal answer."""

    items: list[AllocationItemWithQuote] = Field(default_factory=list)


def quote_in_source(quote: str, source: str) -> bool:
    q = squash(quote)
    return bool(q) and q in squash(source)


def numbers_in(text: str) -> list[float]:
    return [v for v in (parse_number(m.group(0)) for m in NUMBER_RE.finditer(norm(text))) if v is not None]


def check_item(item: AllocationItemWithQuote, source: str) -> str | None:
    """Why the item cannot be kept, or None."""
    if not quote_in_source(item.quote, source):
        return f"dropped {item.name!r}: its quote is not in the source text: {item.quote[:80]!r}"
    if item.amount is not None and not any(abs(v - item.amount) <= AMOUNT_TOLERANCE for v in numbers_in(item.quote)):
        return f"dropped {item.name!r}: amount {item.amount:g} does not appear in its quote {item.quote[:80]!r}"
    return None


def fill_project_allocations(project_text: str, chat: BaseChatModel,
                             settings: Settings) -> tuple[list[AllocationItemWithQuote], list[str]]:
    """(kept items, problems). Kept items have a verbatim quote holding their amount."""
    messages = render("extract_project", project_text=project_text)
    result = structured_call(chat, ProjectAllocations, messages, settings.llm_structured_mode)
    kept, problems = [], []
    for item in result.items:
        why = check_item(item, project_text)
        if why:
            problems.append(why)
        else:
            kept.append(item)
    return kept, problems


def _key(name: str) -> str:
    return re.sub(r"[\s，。、；：:,.;（）()“”\"'《》]", "", norm(name))


def _match(name: str, candidates: list[tuple[int, str]]) -> int | None:
    """Index of the one parsed item with the same name, or whose name contains / is contained."""
    k = _key(name)
    exact = [i for i, c in candidates if c == k]
    if exact:
        return exact[0]
    hits = [i for i, c in candidates if c and k and (c in k or k in c)]
    return hits[0] if len(hits) == 1 else None


def compare_with_parse(llm_items: list[AllocationItemWithQuote], parsed_items: list[AllocationItem]) -> list[str]:
    """Disagreements between the LLM's items and the deterministic parse, one line each."""
    keys = [_key(p.name) for p in parsed_items]
    used: set[int] = set()
    out = []
    for item in llm_items:
        i = _match(item.name, [(j, k) for j, k in enumerate(keys) if j not in used])
        if i is None:
            out.append(f"LLM item {item.name!r} ({_fmt(item.amount)}) is not in the parse")
            continue
        used.add(i)
        p = parsed_items[i]
        pv = p.amount.value if p.amount else None
        if (pv is None) != (item.amount is None) or (pv is not None and abs(pv - item.amount) > AMOUNT_TOLERANCE):
            out.append(f"{p.name!r}: LLM says {_fmt(item.amount)}, the parse says {_fmt(pv)}")
    for j, p in enumerate(parsed_items):
        if j not in used:
            out.append(f"parse item {p.name!r} ({_fmt(p.amount.value if p.amount else None)}) was not found by the LLM")
    return out


def _fmt(v: float | None) -> str:
    return "no amount" if v is None else f"{v:g}"
