"""Check an answer's numbers against its evidence — the same for offline and LLM answers.

Every number the answer states must be written in a cited passage or a parsed table cell
of the cited document, or be the result of the answer's `calculation`, which is
recomputed here from its own numbers (each of which must be in the evidence). A stated
value that the recomputation contradicts is a conflict. Text in a document can never make
a number verified that the evidence does not hold: only quoted figures count.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from budgetqa.core.normalize import norm, parse_number
from budgetqa.core.answer import Answer, Check, Verification
from budgetqa.core.evidence import NOTHING_ARRANGED, strip_instructions
from budgetqa.core.numeric import close, safe_eval_expression

_NUM = re.compile(r"(?<![\d.,A-Za-z])(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)(?![\d.]*[A-Za-z])")
_YEARISH = re.compile(r"^(19|20)\d{2}$")
UNIT_FACTORS = (1e4, 1e8)   # 元 ↔ 万元 ↔ 亿元


def numbers_in(text: str) -> list[float]:
    out = []
    for m in _NUM.finditer(norm(text)):
        v = parse_number(m.group(0))
        if v is not None:
            out.append(v)
    return out


_close = close
# a 科目 code written before its name in the answer ('302 05 水费'): a label, not a figure
_CODE_NAME = re.compile(r"(?<![\d.,])\d{3}(?: \d{2}){1,2}(?= ?[\u4e00-\u9fff])|"
                        r"(?<![\d.,])\d{3}(?= (?!万元|亿元|元|人|名|个|家|辆|台|套|项|次|平方)[\u4e00-\u9fff]{2})")


def _in_pool(v: float, pool: Iterable[float]) -> bool:
    return any(_close(v, p) or _close(abs(v), abs(p)) for p in pool)




_EMPTY = re.compile(NOTHING_ARRANGED)


def _gap_of(v: float, value: float | None, cited: list[float]) -> float | None:
    """The cited number p for which v is the stated gap |value − p| ('相差 5 万元')."""
    if value is None:
        return None
    return next((p for p in cited if p != value and _close(v, round(abs(value - p), 2))), None)


def verify(answer: Answer, evidence_texts: list[str], tables: Iterable[float] = ()) -> Verification:
    """Status and checks for `answer` given the cited texts and the cited docs' table cells.

    The answer's `value` must stand in a cited passage (or be recomputed); other numbers
    in the answer text may also be table cells of the cited document."""
    if not answer.found:
        return Verification(status="not applicable", checks=[])
    cited: list[float] = []
    for t in evidence_texts:
        cited.extend(numbers_in(strip_instructions(t)))
    pool = cited + [float(x) for x in tables]
    checks: list[Check] = []
    calc_value: float | None = None
    calc_operands: list[float] = []
    if answer.calculation:
        try:
            calc_value = safe_eval_expression(answer.calculation)
            calc_operands = numbers_in(answer.calculation)
        except Exception as err:  # unreadable expression: a conflict, never a pass
            checks.append(Check(kind="conflict", detail=f"计算式无法重算: {answer.calculation} ({err})", ok=False))
        if calc_value is not None:
            for v in calc_operands:
                if v in (100.0,) or v in UNIT_FACTORS:
                    continue    # percent, and the 元 / 万元 / 亿元 conversion factors, are no claims
                ok = _in_pool(v, cited) or _in_pool(v, pool)
                checks.append(Check(kind="found" if ok else "missing", ok=ok, got=v,
                                    detail=f"算式中的 {v:g} {'见于引文' if ok else '未见于引文或表格'}"))
            if answer.value is not None:
                ok = _close(round(calc_value, 2), answer.value) or _close(calc_value, answer.value)
                checks.append(Check(kind="calc" if ok else "conflict", ok=ok, expected=round(calc_value, 4),
                                    got=answer.value, detail=f"{answer.calculation} = {calc_value:.4g}"))
    stated: list[float] = []
    if answer.value is not None:
        stated.append(answer.value)
    echoed = numbers_in(answer.question or "")  # the user's own figures, repeated back, are no claims
    for v in numbers_in(_CODE_NAME.sub(" ", norm(answer.answer))):
        if _YEARISH.match(f"{v:g}") or v in stated or (v != answer.value and _in_pool(v, echoed)):
            continue
        stated.append(v)
    for v in stated:
        if calc_value is not None and (_close(v, round(calc_value, 2)) or _close(v, calc_value)):
            continue
        if _in_pool(v, cited if v == answer.value else pool):
            checks.append(Check(kind="found", ok=True, got=v, detail=f"{v:g} 见于引文或表格"))
        elif v == 0 and any(_EMPTY.search(t) for t in evidence_texts):
            checks.append(Check(kind="found", ok=True, got=v, detail="0：引文写明未安排 / 空表"))
        elif answer.items and v == len(answer.items):
            checks.append(Check(kind="calc", ok=True, expected=v, got=v, detail=f"{v:g} = 列出的项数"))
        elif v != answer.value and (ref := _gap_of(v, answer.value, cited)) is not None:
            checks.append(Check(kind="calc", ok=True, expected=v, got=v,
                                detail=f"|{answer.value:g} − {ref:g}| = {v:g}（答案数与引文数之差，已重算）"))
        elif v == answer.value and calc_value is None:
            checks.append(Check(kind="conflict", ok=False, got=v, detail=f"答案数值 {v:g} 不见于任何引文或表格"))
        else:
            checks.append(Check(kind="missing", ok=False, got=v, detail=f"{v:g} 不见于引文或表格"))
    if not checks:
        return Verification(status="verified" if answer.citations else "unverified", checks=[])
    if any(c.kind == "conflict" for c in checks):
        status = "conflict"
    elif all(c.ok for c in checks):
        status = "verified"
    elif any(c.ok for c in checks):
        status = "partly verified"
    else:
        status = "unverified"
    return Verification(status=status, checks=checks)
