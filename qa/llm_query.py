"""LLM mode, reading: the model writes the question's `Query`, and nothing numeric it should not decide.

`llm_query(question, documents, chat_model, settings)` asks the configured model, in the
configured structured-output mode (BUDGETQA_LLM_STRUCTURED_MODE), for the same typed Query the
offline parser writes. The reply is validated (the schema, then `reply_problems`: document ids
it was not given, empty nodes, a rank without a direction), re-asked once with the validation
error, and then refused with ModelOutputError (budgetqa.llm.client.structured_call).

The model never computes or states a number: the Query has no field for an answer, extra keys a
model sends (``"value": 9999``) are ignored, `stated` / `amounts` keep only numbers the question
itself writes, text fields lose any number the question does not write, and a year must be one
the question or an indexed document names. Every removal is a note on the reading. Whether a
number is "written in the question" is a substring test of the number's spellings — this module
never parses the question (the parser, qa/parser/, is the only code that does).

The model decides the reading (op, measure, column, scope, cues …); the fields the parser derives
mechanically from the question's text (`phrase`, `terms`, `subject` …) are not asked of it:
`with_parser_text(model_query, offline_query)` copies them from the offline Query.

`query_differences(offline, model)` names, in short Chinese phrases, where the two readings
differ (op, figure words, rank direction, unit class, column, year, kind, documents);
`measure_in_document` / `absent_measure` let the pipeline say 「文件中没有“X”」 when the model
asks for a figure the document does not have.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from budgetqa.core.errors import ModelError, ModelOutputError
from budgetqa.core.normalize import NUMBER_RE, cn_to_int, norm, parse_number, squash
from budgetqa.core.query import Column, Cue, DocScope, Op, Query, UnitClass
from budgetqa.core.settings import Settings
from budgetqa.llm.client import MESSAGE_OVERHEAD, REASK_RESERVE, context_error, redact, redact_error, structured_call
from budgetqa.llm.prompts import render

__all__ = ["QueryReply", "ScopeReply", "QueryReading", "CUE_MEANINGS", "llm_query", "llm_query_reading",
           "describe_documents", "format_documents", "reply_problems", "to_query", "with_parser_text",
           "query_differences", "measure_in_document", "absent_measure", "written_in"]


# ---- the wire schema: the Query fields the model decides ---------------------------------
def _lean(schema: Any, *, top: bool = True) -> Any:
    """A JSON schema without the informational `default`s and the properties' `title`s; a
    model's own title stays (LangChain names the forced tool after it)."""
    if isinstance(schema, list):
        return [_lean(x, top=False) for x in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for k, v in schema.items():
        if k == "$defs":                            # keys here are names, not schema keywords
            out[k] = {name: _lean(sub, top=True) for name, sub in v.items()}
        elif k == "properties":
            out[k] = {name: _lean(sub, top=False) for name, sub in v.items()}
        elif k == "default" or (k == "title" and not top):
            continue
        else:
            out[k] = _lean(v, top=False)
    return out


# No docstrings or field descriptions on these models: pydantic would send them as schema
# descriptions, and prompts/query.md already explains every field (the schema costs context).
class _Reply(BaseModel):
    # ignores keys the schema does not have, and remembers which ones the model sent
    model_config = ConfigDict(extra="ignore")
    _extra_keys: list[str] = PrivateAttr(default_factory=list)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # what every mode sends: the openai SDK, LangChain and the json_object prompt all call this
        return _lean(super().model_json_schema(*args, **kwargs))

    @model_validator(mode="wrap")
    @classmethod
    def _note_extra(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, dict):
            obj._extra_keys = sorted(str(k) for k in data if k not in cls.model_fields)
        return obj


class ScopeReply(_Reply):
    # `DocScope` as the model fills it; the parser's bookkeeping (alternatives, derived_prev,
    # missing, scope_words) stays the parser's, `named` is derived
    doc_ids: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    departments: list[str] = Field(default_factory=list)
    year: int | None = None
    kind: Literal["预算", "决算"] | None = None
    scope: Literal["部门", "单位"] | None = None
    all_docs: bool = False


class QueryReply(_Reply):
    # `Query` as the model writes it: the Query's own field names and types (Op, Column, Cue …),
    # without the text the parser derives mechanically, and no field for an answer
    op: Op = "lookup"
    measure: str = ""
    measure_kind: Literal["concept", "item", "count"] | None = None
    unit_class: UnitClass | None = None
    column: Column | None = None
    operands: list["QueryReply"] = Field(default_factory=list)
    scope: ScopeReply = Field(default_factory=ScopeReply)
    stated: float | None = None
    amounts: list[float] = Field(default_factory=list)
    per: str | None = None
    rank: Literal["max", "min"] | None = None
    rank_k: int = 1
    rank_over: Literal["documents", "rows"] | None = None
    list_of: str | None = None
    list_noun: str | None = None
    indicator_level: str | None = None
    field: Literal["policy_basis", "period", "undertaker"] | None = None
    field_subject: str | None = None
    includes: str | None = None
    excludes: str | None = None
    cues: list[Cue] = Field(default_factory=list)
    words: str = ""
    codes: list[str] = Field(default_factory=list)


QueryReply.model_rebuild()

_TEXT_FIELDS = ("measure", "per", "list_of", "list_noun", "indicator_level", "field_subject", "includes", "excludes",
                "words")

# what each cue means, as the prompt explains it (rendered into prompts/query.md)
CUE_MEANINGS: dict[str, str] = {
    "actual": "实际、执行数", "adds_up": "用户要把几个数加起来", "all_sources": "含结转、单位资金等全口径", "allocation_sum": "资金分配明细加起来", "compares": "A比B高吗、超预算吗",
    "asks_level": "问现在是多少而不是变化了多少", "asks_names": "问名单", "asks_number": "问多少、几",
    "asks_pct": "问百分比、增幅、增长率", "asks_person": "问人名", "asks_purpose": "问用途、用来干什么",
    "asks_ratio": "问比例", "asks_reason": "问原因", "asks_use_detail": "问具体名称、用途、依据",
    "carryover": "结转", "children": "由哪几项构成、明细", "dept_own": "局本级、机关本级",
    "describe": "问原文怎么说", "each": "分别回答各个数", "economic": "经济分类",
    "expense_classes": "哪几类支出", "fiscal": "一般公共预算、财政拨款口径", "indicator": "绩效指标",
    "less": "“A 比 B 少”的问法", "money_words": "问的是钱（预算、支出、经费）", "more_than_last": "是否比上年多",
    "new": "新增", "non_fiscal_projects": "非财政拨款项目", "not_project_list": "列的不是项目",
    "numeric": "问一个数", "office": "科室、内设机构", "pct_stated": "问题写出了一个百分比",
    "people": "平均到每人", "performance": "绩效", "project": "项目",
    "project_notes": "项目说明（X专项经费情况说明）", "standard_cap": "标准、上限、最高额",
    "sub_unit_ok": "可按单位拆分的数（项目、结转）", "sub_units": "下属单位", "tables": "文件有哪些表", "target_met": "是否达到、达标、完成",
    "unit_figure": "部门整体才有的数（编制、三公）", "uses": "钱花在哪些方面、怎么分配",
    "which_item": "哪个项目", "whole_dept": "部门整体", "why_change": "为什么比上年多或少",
}


def format_cues() -> str:
    """The closed cue set with what each means: `Cue` itself, so the prompt cannot go stale."""
    return "；".join(f"{c} {CUE_MEANINGS.get(c, '')}".strip() for c in Cue.__args__)  # type: ignore[attr-defined]


# ---- documents, as the model sees them -------------------------------------------------------
_DOC_KEYS = ("doc_id", "region", "department", "year", "kind", "scope")


def describe_documents(records: Iterable[Any]) -> list[dict]:
    """The index's DocRecords (or dicts) as the short descriptions `llm_query` takes."""
    out = []
    for r in records:
        out.append({k: (r.get(k) if isinstance(r, dict) else getattr(r, k, None)) for k in _DOC_KEYS})
    return out


def _doc_line(d: dict) -> str:
    year = f"{d.get('year')}年" if d.get("year") else "年度未知"
    region, dept = d.get("region") or "", d.get("department") or ""
    # '昌吉回族自治州科学技术局' names its region already: the line says it once (context is scarce)
    cells = [f"id={d.get('doc_id')}"] + ([] if region and dept.startswith(region) else [region or "地区未知"])
    cells += [dept or "部门未知", year, d.get("kind") or "预算/决算未知", d.get("scope") or "部门/单位未知"]
    # a document's own words are data: no line break or tag from them reaches the prompt's structure
    return "- " + " | ".join(re.sub(r"[\r\n<>|]+", " ", str(c)).strip() for c in cells)


def format_documents(documents: list[dict]) -> str:
    return "\n".join(_doc_line(d) for d in documents) if documents else "（索引中没有文件）"


# ---- the context budget ---------------------------------------------------------------------
def estimate_tokens(text: str) -> int:
    """An upper bound for mixed text: one token a non-ASCII character, one per two ASCII ones.
    (llm.client.estimate_tokens counts every character as a token — right for Chinese evidence,
    but three to four times over for the schema's and the examples' ASCII JSON: at the default
    BUDGETQA_LLM_CONTEXT_TOKENS the Query schema and instructions would not fit by that count.)"""
    ascii_chars = sum(c.isascii() for c in text)
    return len(text) - ascii_chars + (ascii_chars + 1) // 2


def _schema_tokens() -> int:
    """The schema as the largest form a mode sends: the strict json_schema (the SDK inlines the
    recursive root) or the indented text json_object mode puts in the prompt."""
    forms = [json.dumps(QueryReply.model_json_schema(), ensure_ascii=False, indent=1)]
    try:
        from openai.lib._pydantic import to_strict_json_schema
        forms.append(json.dumps(to_strict_json_schema(QueryReply), ensure_ascii=False))
    except Exception:  # a private helper of the SDK: the estimate falls back to the plain schema
        pass
    return max(estimate_tokens(f) for f in forms) + 64     # + the json_object instruction / wrapper


def documents_budget(settings: Settings, messages: list[tuple[str, str]]) -> int:
    """Tokens left for the document list next to `messages` (rendered without it), the schema,
    the completion and a re-ask."""
    fixed = sum(estimate_tokens(t) + MESSAGE_OVERHEAD for _, t in messages) + _schema_tokens()
    return settings.llm_context_tokens - max(0, settings.llm_max_tokens) - REASK_RESERVE - fixed


def _fit_documents(documents: list[dict], budget: int) -> list[dict]:
    kept, used = [], 0
    for d in documents:
        cost = estimate_tokens(_doc_line(d)) + 1
        if used + cost > budget:
            break
        kept.append(d)
        used += cost
    return kept


# ---- semantic validation (re-asked) -----------------------------------------------------------
def _nodes(r: QueryReply, path: str = "") -> Iterable[tuple[str, QueryReply]]:
    yield path or "(root)", r
    for i, o in enumerate(r.operands):
        yield from _nodes(o, f"{path + '.' if path else ''}operands.{i}")


def reply_problems(reply: QueryReply, known_ids: set[str]) -> list[str]:
    """Problems of a schema-valid reply; each is sent back in the re-ask."""
    problems = []
    for where, node in _nodes(reply):
        unknown = [d for d in node.scope.doc_ids if d not in known_ids]
        if unknown:
            problems.append(f"{where}: scope.doc_ids {unknown} are not among the listed document ids "
                            f"{sorted(known_ids)}")
        if not (node.measure.strip() or node.operands or node.list_of or node.list_noun or node.words.strip()):
            problems.append(f"{where}: measure, operands, list_of and words are all empty: say what is asked")
        if node.op == "rank" and node.rank is None:
            problems.append(f"{where}: op is rank but rank is null: give max or min")
        if node.rank_k < 1:
            problems.append(f"{where}: rank_k must be at least 1")
    return problems


# ---- is a number written in the question? (spellings of the number, never a parse of the question)
_CN_DIGIT = "零一二三四五六七八九"
_CN_CHARS = set("零〇一二两三四五六七八九十百千")      # what a longer numeral continues with (万 / 亿 are units)


def _cn_spellings(n: int) -> set[str]:
    """Chinese numerals for 0 ≤ n < 100000: 30 → 三十, 12 → 十二 / 一十二, 2 → 二 / 两, 205 → 二百零五."""
    if n < 0 or n >= 100000:
        return set()
    if n == 0:
        return {"零", "〇"}
    digits = [int(c) for c in str(n)]
    units = ["", "十", "百", "千", "万"][:len(digits)][::-1]
    out, zero = [], False
    for d, u in zip(digits, units):
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        out.append(_CN_DIGIT[d] + u)
    s = "".join(out)
    forms = {s}
    if s.startswith("一十"):
        forms.add(s[1:])
    if n == 2:
        forms.add("两")
    return forms


def _number_spellings(v: float) -> set[str]:
    forms = {f"{v:g}", f"{v:.2f}", f"{v:,.2f}", f"{v:.1f}"}
    if float(v).is_integer():
        forms |= {str(int(v)), f"{int(v):,}"}
    return {f for f in forms if parse_number(f) is not None and abs(parse_number(f) - v) < 1e-9}


def _occurs(hay: str, needle: str, boundary: set[str]) -> bool:
    """`needle` in `hay`, not as part of a longer run of `boundary` characters."""
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = hay[start - 1] if start else ""
        after = hay[end] if end < len(hay) else ""
        # '4' inside '2024' or '14.36' is not the number 4; '4.' before a digit neither
        if before not in boundary and not (after in boundary or (after in ".," and hay[end + 1:end + 2].isdigit())):
            return True
        start = hay.find(needle, start + 1)
    return False


_ARABIC = set("0123456789.")
_CN_COUNTED = set("个名项家位人辆次台套万元倍成年")


def written_in(v: float, question: str) -> bool:
    """True when the question writes the number `v` (Arabic in any usual spelling — 1060, 1,060,
    1060.00 — or a Chinese numeral, 三十 / 前三), not as a part of a longer number."""
    q = squash(norm(question))
    if any(_occurs(q, f, _ARABIC | {","}) for f in _number_spellings(v)):
        return True
    if not float(v).is_integer():
        return False
    for f in _cn_spellings(int(v)):
        if len(f) > 1:
            if _occurs(q, f, _CN_CHARS):
                return True
            continue
        # one character ('三') is a number only as a count or a rank ('三个', '前三'), not in '三公'
        for i, c in enumerate(q):
            if c == f and (q[i + 1:i + 2] in _CN_COUNTED or q[i - 1:i] in ("前", "第")) \
                    and q[i - 1:i] not in _CN_CHARS and q[i + 1:i + 2] not in _CN_CHARS:
                return True
    return False


def _year_written(y: int, question: str) -> bool:
    q = squash(norm(question))
    return written_in(y, question) or _occurs(q, f"{y % 100:02d}年", _ARABIC)


# ---- nothing numeric the model should not decide -----------------------------------------------
_UNIT_AFTER = r"(?:\s*(?:万元|亿元|元|%|％|个|人|辆|家|项|年度|年))?"
_ARABIC_IN_TEXT = re.compile(rf"(?<![\d.])\d[\d,]*(?:\.\d+)?{_UNIT_AFTER}")
_CN_IN_TEXT = re.compile(rf"[零〇一二两三四五六七八九十百千万亿]{{2,}}{_UNIT_AFTER}")


def _scrub_text(text: str, question: str, notes: list[str], what: str) -> str:
    """The model's `text` without numbers the question does not write (and the unit after them)."""
    sq = squash(norm(question))
    dropped: list[str] = []

    def arabic(m: re.Match[str]) -> str:
        tok = NUMBER_RE.match(m.group(0))
        v = parse_number(tok.group(0)) if tok else None
        if v is not None and written_in(v, question):
            return m.group(0)
        dropped.append(m.group(0).strip())
        return ""

    def chinese(m: re.Match[str]) -> str:
        run = m.group(0).rstrip("万亿元%％个人辆家项年度 ") or m.group(0)
        if run in sq or cn_to_int(run) is None:    # '十四五' is a name the question writes, not a figure
            return m.group(0)
        dropped.append(m.group(0).strip())
        return ""

    out = _CN_IN_TEXT.sub(chinese, _ARABIC_IN_TEXT.sub(arabic, norm(text)))
    if not dropped:
        return text
    notes.append(f"模型在 {what} 中写了问题里没有的数（{'、'.join(dropped)}），已删去：数字只由文件给出")
    return re.sub(r"\s{2,}", " ", out).strip(" ·,，、")


@dataclass
class QueryReading:
    """The model's Query and what was removed from its reply on the way (Chinese notes)."""

    query: Query
    notes: list[str] = field(default_factory=list)


def to_query(reply: QueryReply, question: str, documents: list[dict], notes: list[str] | None = None) -> Query:
    """The reply as a `Query`, validated by the Query schema itself, with everything numeric the
    model should not decide removed (each removal appended to `notes`)."""
    notes = notes if notes is not None else []
    doc_years = {int(d["year"]) for d in documents if d.get("year")}
    all_ids = [str(d.get("doc_id")) for d in documents]
    sq = squash(norm(question)).lower()

    def convert(r: QueryReply, where: str) -> dict:
        at = lambda name: f"{where}.{name}" if where else name  # noqa: E731
        if r._extra_keys:
            notes.append(f"模型回复的 {where or 'Query'} 多出字段 {'、'.join(r._extra_keys)}，不属于 Query，已忽略")
        if r.scope._extra_keys:
            notes.append(f"模型回复的 {at('scope')} 多出字段 {'、'.join(r.scope._extra_keys)}，已忽略")
        data = r.model_dump(exclude={"operands", "scope"})
        if r.stated is not None and not written_in(r.stated, question):
            notes.append(f"模型给出的核对数 {r.stated:g} 不是问题写出的数，已忽略")
            data["stated"] = None
        data["amounts"] = [a for a in r.amounts if written_in(a, question)]
        if len(data["amounts"]) != len(r.amounts):
            gone = "、".join(f"{a:g}" for a in r.amounts if not written_in(a, question))
            notes.append(f"模型给出的金额 {gone} 不是问题写出的数，已忽略")
        for name in _TEXT_FIELDS:
            if data.get(name):
                data[name] = _scrub_text(data[name], question, notes, at(name)) or None
        data["measure"] = data["measure"] or ""
        data["words"] = data["words"] or ""
        data["codes"] = [c for c in r.codes if c and squash(c).lower() in sq]
        if len(data["codes"]) != len(r.codes):
            notes.append(f"模型给出的代码 {'、'.join(c for c in r.codes if c not in data['codes'])} 不在问题中，已忽略")
        if r.rank_k > 1 and not written_in(r.rank_k, question):
            notes.append(f"模型给出“前 {r.rank_k} 个”，问题没有写这个数，按 1 个")
            data["rank_k"] = 1
        s = r.scope
        scope = s.model_dump()
        if s.year is not None and not (_year_written(s.year, question) or s.year in doc_years
                                       or s.year + 1 in doc_years):
            notes.append(f"模型给出的年度 {s.year} 既不在问题中，也不是索引文件的年度，已忽略")
            scope["year"] = None
        for name in ("regions", "departments"):
            scope[name] = [w for w in (_scrub_text(x, question, notes, at(f"scope.{name}")) for x in getattr(s, name))
                           if w]
        if s.all_docs and not s.doc_ids:
            scope["doc_ids"] = list(all_ids)
        scope["named"] = bool(scope["regions"] or scope["departments"])
        data["scope"] = scope
        data["operands"] = [convert(o, at(f"operands[{i}]")) for i, o in enumerate(r.operands)]
        return data

    try:
        return Query.model_validate(convert(reply, ""))
    except ValidationError as err:      # the two schemas drifted apart: our bug, said as a model error
        raise redact_error(ModelOutputError(f"the model's Query did not validate as Query: {err.errors()[0]['msg']}",
                                            last_completion=reply.model_dump_json())) from err


def with_parser_text(model: Query, offline: Query) -> Query:
    """The model's reading with the fields the parser derives from the question's text (`phrase`,
    `bare`, `terms`, `subject`, `context_words` …: every Query field the model is not asked for)
    taken from the offline Query — for the top node, and for operands pairwise when both readings
    have as many; the scope's resolution notes (alternatives, derived_prev, missing) only when
    the model chose the same documents and year. `otherwise` (the parser's alternative reading)
    is not carried over, and `across` follows the model's operands (each on its own document)."""
    text_fields = [f for f in Query.model_fields if f not in QueryReply.model_fields and f != "otherwise"]

    def merge(m: Query, o: Query) -> Query:
        update: dict[str, Any] = {f: getattr(o, f) for f in text_fields}
        if len(m.operands) == len(o.operands):
            update["operands"] = [merge(a, b) for a, b in zip(m.operands, o.operands)]
        keep = {"scope_words": o.scope.scope_words}
        if m.scope.doc_ids == o.scope.doc_ids and m.scope.year == o.scope.year:
            # how the parser resolved these documents holds only for the same documents and year
            keep.update(alternatives=o.scope.alternatives, derived_prev=o.scope.derived_prev, missing=o.scope.missing)
        update["scope"] = m.scope.model_copy(update=keep)
        # `across` (each operand a figure of its own document) is the reading's structure, not the
        # question's text: the model's operands say it, whatever the parser read
        docs = [tuple(x.scope.doc_ids) for x in m.operands]
        update["across"] = len(docs) >= 2 and all(docs) and len(set(docs)) >= 2
        return m.model_copy(update=update, deep=True)

    return merge(model, offline)


# ---- the call -------------------------------------------------------------------------------
def llm_query_reading(question: str, documents: list[dict], chat_model: BaseChatModel,
                      settings: Settings) -> QueryReading:
    """`llm_query` with notes on what was removed from the model's reply."""
    notes: list[str] = []
    fixed = render("query", question=question, documents="", cues=format_cues())
    budget = documents_budget(settings, fixed)
    if budget < 0:
        raise context_error(settings.llm_context_tokens - budget, settings)
    shown = _fit_documents(documents, budget)
    if len(shown) < len(documents):
        notes.append(f"索引中有 {len(documents)} 个文件，只有前 {len(shown)} 个能放进模型的上下文")
    messages = render("query", question=question, documents=format_documents(shown), cues=format_cues())
    known = {str(d.get("doc_id")) for d in shown}
    try:
        reply = structured_call(chat_model, QueryReply, messages, settings.llm_structured_mode,
                                check=lambda r: reply_problems(r, known))
    except ModelError as err:
        raise redact_error(err)
    query = to_query(reply, question, documents, notes)
    return QueryReading(query=query, notes=[redact(n) for n in notes])


def llm_query(question: str, documents: list[dict], chat_model: BaseChatModel, settings: Settings) -> Query:
    """The model's reading of `question` as a validated `Query`. `documents` are short
    descriptions of the indexed documents (doc_id, region, department, year, kind, scope;
    `describe_documents(records)` makes them). Raises ModelOutputError when the reply does not
    validate after one re-ask, ModelContextError when the instructions cannot fit, and the
    transport errors of budgetqa.llm.client — all ModelError, all redacted of keys."""
    return llm_query_reading(question, documents, chat_model, settings).query


# ---- comparing two readings ---------------------------------------------------------------------
OP_NAMES = {"lookup": "查数", "sum": "求和", "difference": "求差", "share": "占比", "growth": "增减",
            "per_unit": "单位平均", "rank": "排序", "filter": "筛选", "list": "列举", "yes_no": "是非判断",
            "check": "核对所给的数"}
_RANK_NAMES = {"max": "最高", "min": "最低"}
_UNIT_NAMES = {"amount": "金额", "count": "个数", "pct": "百分比", "area": "面积", "score": "分值"}
_PUNCT = re.compile(r"[\s“”\"'‘’·•・、，,。:：()（）《》\-—_/]+")


def _tree(q: Query) -> list[Query]:
    out = [q]
    for o in q.operands:
        out.extend(_tree(o))
    return out


def _measure_key(m: str) -> str:
    return _PUNCT.sub("", norm(m))


def _measures(q: Query) -> list[str]:
    """The figure words of a reading: its own measure, else its operands' (in order)."""
    if q.measure.strip():
        return [q.measure.strip()]
    return [m for o in q.operands for m in _measures(o)]


def _values(q: Query, get) -> set:
    return {v for n in _tree(q) if (v := get(n)) is not None}


def _fmt_set(vals: set, suffix: str = "") -> str:
    return "、".join(f"{v}{suffix}" for v in sorted(vals, key=str))


def query_differences(offline: Query, model: Query) -> list[str]:
    """Where the model's reading differs from the offline one, as short Chinese phrases (op,
    figure words, rank direction, unit class, column, year, kind, documents); empty when they agree
    on those. A field only one side specifies is no difference (the other's default resolves
    against the same documents); rank directions, unit classes, columns, years, kinds and documents
    are compared as the sets each reading uses, operands included; figure words after removing
    spaces and punctuation."""
    diffs = []
    if offline.op != model.op:
        diffs.append(f"运算不同：离线读作“{OP_NAMES.get(offline.op, offline.op)}”，"
                     f"模型读作“{OP_NAMES.get(model.op, model.op)}”")
    mo, mm = _measures(offline), _measures(model)
    if mo and mm and [_measure_key(x) for x in mo] != [_measure_key(x) for x in mm]:
        diffs.append(f"所问的数不同：离线为“{'；'.join(mo)}”，模型为“{'；'.join(mm)}”")
    for label, get, suffix in (("排序方向", lambda n: _RANK_NAMES.get(n.rank or ""), ""),
                               ("数的类别", lambda n: _UNIT_NAMES.get(n.unit_class or ""), ""),
                               ("栏目", lambda n: n.column, ""), ("年度", lambda n: n.scope.year, "年"),
                               ("预算/决算", lambda n: n.scope.kind, "")):
        a, b = _values(offline, get), _values(model, get)
        if a and b and a != b:
            diffs.append(f"{label}不同：离线为{_fmt_set(a, suffix)}，模型为{_fmt_set(b, suffix)}")
    da = {d for n in _tree(offline) for d in n.scope.doc_ids}
    db = {d for n in _tree(model) for d in n.scope.doc_ids}
    if da and db and da != db:
        diffs.append(f"所用文件不同：离线用 {_fmt_set(da)}，模型用 {_fmt_set(db)}")
    return diffs


# ---- does the document have the figure the model names? ---------------------------------------
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
MEASURE_COVERAGE = 0.6


def _content_words(measure: str) -> list[str]:
    return [w for w in _CJK_RUN.findall(norm(measure)) if len(w) >= 2]


def _word_present(word: str, text: str) -> bool:
    if word in text:
        return True
    grams = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(g in text for g in grams) / len(grams) >= MEASURE_COVERAGE


def _measure_present(measure: str, text: str) -> bool:
    # each word on its own: a compound measure whose table part is present ('政府性基金预算支出 ·')
    # must not carry a row the document lacks ('彩票公益金') through the overall coverage
    return all(_word_present(w, text) for w in _content_words(measure))


def measure_in_document(query: Query, document_text: str) -> bool:
    """True when the document's text has the figure `query` names: every content word of its
    measure (each CJK run of ≥ 2 characters) occurs in the text with white space removed, or
    ≥ 60 % of that word's 2-character grams do. A Query without a measure is checked through
    its operands (all must be present); a measure with no CJK word is not refused."""
    text = squash(norm(document_text))
    return all(_measure_present(m, text) for m in _measures(query))


def absent_measure(query: Query, document_text: str) -> str | None:
    """「文件中没有“X”」 for the first figure of `query` the document lacks, else None."""
    text = squash(norm(document_text))
    for m in _measures(query):
        if not _measure_present(m, text):
            return f"文件中没有“{m}”"
    return None
