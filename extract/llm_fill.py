"""Fill prose fields of the extraction model with the LLM, schema-first and quote-checked.

The model lists a project's 资金分配情况 items, each with a quote that must stand verbatim
in the source (compared with white space removed, since PDF text breaks lines anywhere)
and must contain the item's amount. Items failing either check are dropped and named in
the returned problems; nothing is repaired. `compare_with_parse` then reports where the
LLM and the deterministic parse disagree, for review rather than silent preference.

`fill_indicators` does the same for the 三级指标 of a 绩效目标表 / 绩效自评表: every number
the model fills (target, actual, weight, score) must stand in its quote, and the name too.
"""
from __future__ import annotations

import re
from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict, Field

from budgetqa.core.numeric import ABS_TOLERANCE
from budgetqa.core.settings import Settings
from budgetqa.llm.client import context_error, evidence_budget, structured_call
from budgetqa.llm.prompts import render

from .models import AllocationItem, Indicator
from budgetqa.core.normalize import NUMBER_RE, norm, parse_number, squash

AMOUNT_TOLERANCE = ABS_TOLERANCE


class AllocationItemWithQuote(BaseModel):
    name: str = Field(description="用途或对象，照原文")
    amount: float | None = Field(None, description="金额数字，不带千分位；原文未写金额为 null")
    unit: str | None = Field("万元", description="金额单位，如 万元、元")
    quote: str = Field(description="从原文逐字照抄的一段连续文字，含名称和金额")


class ProjectAllocations(BaseModel):
    """The LLM's output for one project; an empty list is a legal answer, a reply without
    `items` (or with other keys) is not: it is schema-invalid, re-asked, then a model error."""

    model_config = ConfigDict(extra="forbid")
    items: list[AllocationItemWithQuote]


CUT_NOTE = "text cut"       # problems starting with this are not dropped items


def fit_source(text: str, messages_without_text: list[tuple[str, str]], schema: type[BaseModel],
               settings: Settings) -> tuple[str, list[str]]:
    """The source text cut to what fits BUDGETQA_LLM_CONTEXT_TOKENS, and a note if it was cut."""
    budget = evidence_budget(settings, messages_without_text, schema)
    if budget < 0:
        raise context_error(settings.llm_context_tokens - budget, settings)
    if len(text) <= budget:
        return text, []
    return text[:budget], [f"{CUT_NOTE} to its first {budget} of {len(text)} characters to fit "
                           f"BUDGETQA_LLM_CONTEXT_TOKENS={settings.llm_context_tokens}: the rest was not read by the model"]


def submitted_count(kept: list, problems: list[str]) -> int:
    """How many items the model submitted: kept ones plus dropped ones."""
    return len(kept) + sum(1 for p in problems if not p.startswith(CUT_NOTE))


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
    sent, problems = fit_source(project_text, render("extract_project", project_text=""), ProjectAllocations, settings)
    messages = render("extract_project", project_text=sent)
    result = structured_call(chat, ProjectAllocations, messages, settings.llm_structured_mode)
    kept = []
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


def pair_with_parse(llm_names: list[str], parsed_names: list[str]) -> list[int | None]:
    """For each LLM item, the index of the parsed item it stands for (each used once), or None."""
    keys = [_key(n) for n in parsed_names]
    used: set[int] = set()
    out: list[int | None] = []
    for name in llm_names:
        i = _match(name, [(j, k) for j, k in enumerate(keys) if j not in used])
        if i is not None:
            used.add(i)
        out.append(i)
    return out


def _allocation_diff(item: AllocationItemWithQuote, p: AllocationItem) -> list[str]:
    pv = p.amount.value if p.amount else None
    if (pv is None) != (item.amount is None) or (pv is not None and abs(pv - item.amount) > AMOUNT_TOLERANCE):
        return [f"{p.name!r}: LLM says {_fmt(item.amount)}, the parse says {_fmt(pv)}"]
    return []


def compare_with_parse(llm_items: list[AllocationItemWithQuote], parsed_items: list[AllocationItem]) -> list[str]:
    """Disagreements between the LLM's items and the deterministic parse, one line each."""
    pairs = pair_with_parse([i.name for i in llm_items], [p.name for p in parsed_items])
    out = []
    for item, j in zip(llm_items, pairs):
        if j is None:
            out.append(f"LLM item {item.name!r} ({_fmt(item.amount)}) is not in the parse")
        else:
            out.extend(_allocation_diff(item, parsed_items[j]))
    for j, p in enumerate(parsed_items):
        if j not in pairs:
            out.append(f"parse item {p.name!r} ({_fmt(p.amount.value if p.amount else None)}) was not found by the LLM")
    return out


def agreeing_allocations(llm_items: list[AllocationItemWithQuote], parsed_items: list[AllocationItem]) -> list[str]:
    """Names of the LLM items that match a parsed item with the same amount."""
    pairs = pair_with_parse([i.name for i in llm_items], [p.name for p in parsed_items])
    return [item.name for item, j in zip(llm_items, pairs)
            if j is not None and not _allocation_diff(item, parsed_items[j])]


def _fmt(v: float | None) -> str:
    return "no amount" if v is None else f"{v:g}"


# ---- performance indicators ---------------------------------------------------------------
Operator = Literal[">=", "<=", "=", ">", "<"]
_OPERATORS = {"≥": ">=", "≤": "<=", "＞=": ">=", "＜=": "<=", "=>": ">=", "=<": "<=", "＝": "=",
              "＞": ">", "＜": "<", "大于等于": ">=", "小于等于": "<=", "不低于": ">=", "不高于": "<=",
              "不少于": ">=", "不超过": "<=", "等于": "=", "大于": ">", "小于": "<"}
INDICATOR_NUMBERS = ("target_value", "actual_value", "weight", "score")


class IndicatorWithQuote(BaseModel):
    name: str = Field(description="三级指标名称，照原文")
    target_raw: str | None = Field(None, description="指标值原文，如 '>=20 项'、'有效提升'")
    operator: Operator | None = Field(None, description="指标值的比较符号；没有为 null")
    target_value: float | None = Field(None, description="指标值中的数字；没有为 null")
    target_unit: str | None = Field(None, description="指标值的单位，如 家、个、%、人次")
    actual_value: float | None = Field(None, description="完成值中的数字（自评表实际完成值；目标表上年完成值）；没有为 null")
    weight: float | None = Field(None, description="分值 / 权重；没有为 null")
    score: float | None = Field(None, description="得分（自评表）；没有为 null")
    quote: str = Field(description="从原文逐字照抄的一段连续文字，含指标名称和所填的每个数字")


class TableIndicators(BaseModel):
    """The LLM's output for one performance table; an empty list is a legal answer, a reply
    without `items` (or with other keys) is schema-invalid."""

    model_config = ConfigDict(extra="forbid")
    items: list[IndicatorWithQuote]


def quote_in_table(quote: str, source: str) -> bool:
    """Verbatim up to white space and the parsing normalisation (LaTeX, <p>, full-width digits)."""
    q = squash(norm(quote))
    return bool(q) and q in squash(norm(source))


def check_indicator(item: IndicatorWithQuote, source: str) -> str | None:
    """Why the indicator cannot be kept, or None: quote not in the source, or a name /
    target text / number the model filled that its quote does not hold."""
    if not quote_in_table(item.quote, source):
        return f"dropped {item.name!r}: its quote is not in the source text: {item.quote[:80]!r}"
    qk = _key(item.quote)
    if not _key(item.name) or _key(item.name) not in qk:
        return f"dropped {item.name!r}: the name is not in its quote {item.quote[:80]!r}"
    if item.target_raw and _canon_ops(_key(item.target_raw)) not in _canon_ops(qk):
        return f"dropped {item.name!r}: target {item.target_raw!r} is not in its quote {item.quote[:80]!r}"
    nums = numbers_in(item.quote)
    for field in INDICATOR_NUMBERS:
        v = getattr(item, field)
        if v is not None and not any(abs(x - v) <= AMOUNT_TOLERANCE for x in nums):
            return f"dropped {item.name!r}: {field} {v:g} does not appear in its quote {item.quote[:80]!r}"
    return None


def fill_indicators(table_text: str, chat: BaseChatModel,
                    settings: Settings) -> tuple[list[IndicatorWithQuote], list[str]]:
    """(kept indicators, problems) for one 绩效目标表 / 绩效自评表 text."""
    sent, problems = fit_source(table_text, render("extract_indicators", table_text=""), TableIndicators, settings)
    messages = render("extract_indicators", table_text=sent)
    result = structured_call(chat, TableIndicators, messages, settings.llm_structured_mode)
    kept = []
    for item in result.items:
        why = check_indicator(item, table_text)
        if why:
            problems.append(why)
        else:
            kept.append(item)
    return kept, problems


def _canon_ops(text: str) -> str:
    """Comparison symbols in one spelling, so '≥90%' and '>=90%' (or '$\\geq 90\\%$') compare equal."""
    for a, b in (("≥", ">="), ("≤", "<="), ("=>", ">="), ("=<", "<="), ("＝", "=")):
        text = text.replace(a, b)
    return text


def norm_operator(op: str | None) -> str | None:
    if op is None:
        return None
    o = norm(op).replace(" ", "")
    return _OPERATORS.get(o, o) or None


def _num_differs(a: float | None, b: float | None) -> bool:
    return (a is None) != (b is None) or (a is not None and abs(a - b) > AMOUNT_TOLERANCE)


def _indicator_diff(item: IndicatorWithQuote, p: Indicator) -> list[str]:
    out = []
    if norm_operator(item.operator) != norm_operator(p.operator):
        out.append(f"{p.name!r} operator: LLM says {item.operator or 'none'}, the parse says {p.operator or 'none'}")
    for field in INDICATOR_NUMBERS:
        a, b = getattr(item, field), getattr(p, field)
        if _num_differs(a, b):
            out.append(f"{p.name!r} {field}: LLM says {_fmtv(a)}, the parse says {_fmtv(b)}")
    if item.target_unit and p.target_unit and norm(item.target_unit) != norm(p.target_unit):
        out.append(f"{p.name!r} target_unit: LLM says {item.target_unit!r}, the parse says {p.target_unit!r}")
    return out


def _fmtv(v: float | None) -> str:
    return "not stated" if v is None else f"{v:g}"


def compare_indicators_with_parse(llm_items: list[IndicatorWithQuote], parsed: list[Indicator]) -> list[str]:
    """Disagreements between the LLM's indicators and the parsed ones, one line each."""
    pairs = pair_with_parse([i.name for i in llm_items], [p.name for p in parsed])
    out = []
    for item, j in zip(llm_items, pairs):
        if j is None:
            out.append(f"LLM indicator {item.name!r} ({item.target_raw or _fmtv(item.target_value)}) is not in the parse")
        else:
            out.extend(_indicator_diff(item, parsed[j]))
    for j, p in enumerate(parsed):
        if j not in pairs:
            out.append(f"parse indicator {p.name!r} ({p.target_raw or _fmtv(p.target_value)}) was not found by the LLM")
    return out


def agreeing_indicators(llm_items: list[IndicatorWithQuote], parsed: list[Indicator]) -> list[str]:
    """Names of the LLM indicators that match a parsed one on every compared field."""
    pairs = pair_with_parse([i.name for i in llm_items], [p.name for p in parsed])
    return [item.name for item, j in zip(llm_items, pairs) if j is not None and not _indicator_diff(item, parsed[j])]
