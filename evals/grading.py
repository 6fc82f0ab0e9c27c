"""Graders for gold questions: the rules of the shared gold README, nothing more, as pure functions.

A grade depends only on the gold record and the `Answer`, so the same functions grade
budgetqa, the baseline and hand-made answers in tests. Rule choice follows the README:
by `type` first (list, yes_no, unanswerable), then number when `value` is set, else text.
On top of every rule for answerable questions: when the gold names its document(s), an
answer whose citations all come from other documents is wrong (a right number from the
wrong document is luck, not an answer).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from budgetqa.core.normalize import norm, squash
from budgetqa.core.answer import Answer
from budgetqa.core.numeric import tolerance

Rule = Literal["number", "list", "yes_no", "unanswerable", "text"]

MONEY = {"元": 1.0, "万元": 1e4, "亿元": 1e8}
PERCENT = {"%", "％", "百分点", "个百分点"}
_UNIT_RE = r"(亿元|万元|元|%|％|个百分点|百分点|万)?"
_NUM_RE = re.compile(r"(?<![\d.])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*" + _UNIT_RE)
_YES = ("是", "对", "有")
_NO = ("不", "否", "没", "无", "未")
_NEGATION = re.compile(r"无法|没有|未(?:披露|提及|列出|公开|找到)|不包含|不能|找不到|未能|不涉及")


class Grade(BaseModel):
    rule: Rule
    correct: bool
    citation_hit: bool | None = None
    reason: str = ""


def _clean(text: str) -> str:
    """Compare form for list items: NFKC, no spaces, no punctuation or symbols."""
    t = unicodedata.normalize("NFKC", text)
    return "".join(c for c in t if not unicodedata.category(c)[0] in "PZSC")


def unit_of(raw: str | None) -> str | None:
    """Canonical unit: 元/万元/亿元/% or the raw word (个, 人, …); '万' alone means 万元."""
    if raw is None:
        return None
    u = unicodedata.normalize("NFKC", raw).strip()
    if not u:
        return None
    if u in PERCENT:
        return "%"
    if u == "万":
        return "万元"
    return u


def unit_matters(gold_unit: str | None) -> bool:
    """Money and percentages change meaning without their unit; counts (个, 人) do not."""
    return unit_of(gold_unit) in MONEY or unit_of(gold_unit) == "%"


def convert(value: float, unit: str | None, gold_unit: str | None) -> float | None:
    """`value` in `unit` expressed in `gold_unit`; None when the units are incompatible."""
    u, g = unit_of(unit), unit_of(gold_unit)
    if g in MONEY:
        if u in MONEY:
            return value * MONEY[u] / MONEY[g]
        return None
    if g == "%":
        return value if u == "%" else None
    # a count or measure: money / percent answers are a different quantity
    if u in MONEY or u == "%":
        return None
    return value




def numbers_in(text: str) -> list[tuple[float, str | None, int, str]]:
    """(value, unit, position, the text right after) of every number in a text, in order."""
    t = norm(text)
    out = []
    for m in _NUM_RE.finditer(t):
        try:
            out.append((float(m.group(1).replace(",", "")), m.group(2), m.start(), t[m.end():m.end() + 6]))
        except ValueError:
            continue
    return out


def number_from_text(text: str, gold_unit: str | None) -> tuple[float, str | None] | None:
    """The answer's figure when the Answer has no `value`. Candidates: numbers whose unit
    fits the gold's (a bare number only where the unit does not matter, and never a year
    or date). Preferred: the first candidate after the last '=' / '≈' (a computation's
    result), then the first candidate written with the gold's own unit word, then the first."""
    g = unit_of(gold_unit)
    t = norm(text)
    cands = []
    for v, u, pos, after in numbers_in(text):
        if u is None:
            if unit_matters(gold_unit) or re.match(r"\s*[年月日号]", after):
                continue
        elif convert(1.0, u, gold_unit) is None:
            continue
        own = unit_of(u) == g or (u is None and g is not None and after.lstrip().startswith(g))
        cands.append((v, u, pos, own))
    if not cands:
        return None
    cut = max(t.rfind("="), t.rfind("≈"))
    for key in (lambda c: cut >= 0 and c[2] > cut, lambda c: c[3], lambda c: True):
        for v, u, _, own in cands:
            if key((v, u, _, own)):
                return v, (u if u is not None else (g if own else None))
    return None


def _docs_of(gold: dict[str, Any]) -> set[str]:
    docs = [gold.get("doc")] if gold.get("doc") else list(gold.get("docs") or [])
    return {Path(d).stem for d in docs if d}


def cited_docs(ans: Answer) -> set[str]:
    return {Path(c.doc).stem for c in ans.citations if c.doc}


def wrong_document(gold: dict[str, Any], ans: Answer) -> str | None:
    """Why the answer came from the wrong document(s), or None. Judged on the citations,
    else on `Answer.doc`; an answer with neither is not judged here."""
    want = _docs_of(gold)
    if not want:
        return None
    got = cited_docs(ans) or ({Path(ans.doc).stem} if ans.doc else set())
    if got and not (got & want):
        return f"cites only {sorted(got)}, the answer is in {sorted(want)}"
    return None


def citation_hit(gold: dict[str, Any], ans: Answer) -> bool:
    ev = [squash(norm(e)) for e in gold.get("evidence") or [] if e.strip()]
    texts = [squash(norm(c.text)) for c in ans.citations]
    return any(e in t for e in ev for t in texts)


def rule_for(gold: dict[str, Any]) -> Rule:
    t = gold.get("type")
    if t in ("list", "yes_no", "unanswerable"):
        if t == "list" and not gold.get("items"):
            return "number" if gold.get("value") is not None else "text"
        return t
    return "number" if gold.get("value") is not None else "text"


def polarity_of_text(text: str) -> Literal["yes", "no"] | None:
    """The first-word rule: 不/否/没有/无 → no; 是/对/有 → yes (negatives checked first)."""
    t = "".join(c for c in unicodedata.normalize("NFKC", text) if not unicodedata.category(c)[0] in "PZ")
    if t.startswith(_NO):
        return "no"
    if t.startswith(_YES):
        return "yes"
    return None


def grade_number(gold: dict[str, Any], ans: Answer) -> tuple[bool, str]:
    g, gu = float(gold["value"]), gold.get("unit")
    if ans.value is not None:
        v, u = ans.value, ans.unit
        if u is None and unit_matters(gu):
            return False, f"{v:g} without a unit (gold {g:g} {gu})"
    else:
        found = number_from_text(ans.answer, gu)
        if found is None:
            return False, f"no number in {gu or 'the gold unit'} in the answer"
        v, u = found
    conv = convert(v, u, gu)
    if conv is None:
        return False, f"{v:g} {u} cannot be expressed in {gu}"
    diff = abs(conv - g)
    ok = diff <= tolerance(g)
    return ok, f"{v:g} {u or ''} = {conv:g} {gu or ''} vs gold {g:g} (diff {diff:.4g}, tol {tolerance(g):.4g})"


def grade_list(gold: dict[str, Any], ans: Answer) -> tuple[bool, str]:
    hay = _clean(ans.answer + "".join(ans.items))
    items = gold["items"]
    hit = [i for i in items if _clean(i) and _clean(i) in hay]
    ok = len(hit) >= 0.8 * len(items)
    missing = [i for i in items if i not in hit]
    return ok, f"{len(hit)}/{len(items)} items" + (f"; missing {missing}" if missing else "")


def grade_yes_no(gold: dict[str, Any], ans: Answer) -> tuple[bool, str]:
    want = polarity_of_text(gold["answer"])
    got = ans.polarity or polarity_of_text(ans.answer)
    if want is None:
        return False, "gold answer has no yes/no first word"
    return got == want, f"answer {got or 'neither yes nor no'}, gold {want}"


def grade_unanswerable(gold: dict[str, Any], ans: Answer) -> tuple[bool, str]:
    if ans.found:
        return False, "answered a question the documents cannot answer"
    if ans.value is not None:
        return False, f"abstained but states {ans.value:g} {ans.unit or ''} as the answer"
    head = norm(ans.answer)
    if not _NEGATION.search(head) and re.search(r"(?:为|是|共|约|合计)\s*-?\d", head):
        return False, "abstained but the text states a figure as the answer"
    return True, "abstained"


def grade_text(gold: dict[str, Any], ans: Answer) -> tuple[bool, str]:
    ok = citation_hit(gold, ans)
    return ok, "a citation contains the evidence" if ok else "no citation contains the evidence"


_GRADERS = {"number": grade_number, "list": grade_list, "yes_no": grade_yes_no,
            "unanswerable": grade_unanswerable, "text": grade_text}


def grade(gold: dict[str, Any], ans: Answer) -> Grade:
    """Grade one answer against one gold record."""
    rule = rule_for(gold)
    if rule == "unanswerable":
        ok, why = grade_unanswerable(gold, ans)
        return Grade(rule=rule, correct=ok, citation_hit=None, reason=why)
    hit = citation_hit(gold, ans)
    if not ans.found:
        return Grade(rule=rule, correct=False, citation_hit=hit, reason="abstained on an answerable question")
    ok, why = _GRADERS[rule](gold, ans)
    wrong_doc = wrong_document(gold, ans)
    if ok and wrong_doc:
        ok, why = False, f"wrong document: {wrong_doc} ({why})"
    return Grade(rule=rule, correct=ok, citation_hit=hit, reason=why)
