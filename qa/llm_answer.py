"""LLM mode: compose an answer from given evidence chunks (pure inputs; retrieval is elsewhere).

The model must cite chunk ids it was given and write any calculation as an arithmetic
expression over cited numbers, so the deterministic verifier can recompute it with
`safe_eval_expression`. Output that cites unknown ids or an unreadable expression is
sent back once (see budgetqa.llm.client.structured_call), then refused.
"""
from __future__ import annotations

import json
import re
from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from budgetqa.core.numeric import UnsafeExpressionError, safe_eval_expression
from budgetqa.core.settings import Settings
from budgetqa.llm.client import context_error, evidence_budget, structured_call
from budgetqa.llm.prompts import PROMPTS_DIR, PromptError, render


class LLMAnswer(BaseModel):
    """What the model returns; mapped onto budgetqa.core.answer.Answer by the caller."""

    answer: str = Field(description="一到两句中文回答，含数字与单位；找不到时说明未找到")
    found: bool = Field(description="证据中是否有答案")
    value: float | None = Field(None, description="答案数值，不带千分位和单位；无数值时为 null")
    unit: str | None = Field(None, description="数值单位，如 万元、%、人、辆")
    items: list[str] = Field(default_factory=list, description="列举题的各项")
    polarity: Literal["yes", "no"] | None = Field(None, description="是非题的 yes / no，其他题为 null")
    chunk_ids: list[str] = Field(default_factory=list, description="所依据证据片段的 id")
    calculation: str | None = Field(None, description="计算题的算式，只含数字与 + - * / ( )，如 53*20")


# ---- prompt and call -----------------------------------------------------------------
def format_evidence(evidence: list[tuple[str, str]]) -> str:
    """Numbered, tagged chunks. Tags inside the text are defused so a chunk cannot close
    its own tag and pose as instructions."""
    blocks = []
    for n, (chunk_id, text) in enumerate(evidence, 1):
        safe = re.sub(r"<(/?)(evidence|facts)", r"‹\1\2", text, flags=re.I)
        blocks.append(f'<evidence n="{n}" id="{chunk_id}">\n{safe}\n</evidence>')
    return "\n\n".join(blocks) if blocks else "（没有检索到证据）"


class AnswerExample(BaseModel):
    """A few-shot example, typed: its answer must validate as LLMAnswer and pass the same
    checks as a real reply, so the prompt never teaches a shape the validator rejects."""

    question: str
    evidence: list[tuple[str, str]]
    answer: LLMAnswer


def load_examples() -> list[AnswerExample]:
    data = json.loads((PROMPTS_DIR / "answer_examples.json").read_text(encoding="utf-8"))
    examples = [AnswerExample.model_validate(d) for d in data]
    for ex in examples:
        problems = answer_problems(ex.answer, {cid for cid, _ in ex.evidence})
        if problems:
            raise PromptError(f"prompts/answer_examples.json: example {ex.question!r}: {problems}")
    return examples


def format_examples(examples: list[AnswerExample]) -> str:
    blocks = []
    for ex in examples:
        ev = "\n".join(f'<example_evidence id="{cid}">{text}</example_evidence>' for cid, text in ex.evidence)
        out = ex.answer.model_dump_json()
        blocks.append(f"问题：{ex.question}\n{ev}\n输出：{out}")
    return "\n\n".join(blocks)


def answer_problems(ans: LLMAnswer, known_ids: set[str]) -> list[str]:
    """Semantic checks on a schema-valid answer; each problem is sent back in the re-ask."""
    problems = []
    unknown = [c for c in ans.chunk_ids if c not in known_ids]
    if unknown:
        problems.append(f"chunk_ids {unknown} are not among the evidence ids {sorted(known_ids)}")
    if ans.found and not ans.chunk_ids:
        problems.append("found is true but chunk_ids is empty: cite the evidence you used")
    if not ans.found and (ans.value is not None or ans.calculation):
        problems.append("found is false but value/calculation are set")
    if ans.calculation:
        try:
            safe_eval_expression(ans.calculation)
        except UnsafeExpressionError as err:
            problems.append(f"calculation: {err}")
    return problems


TRUNCATED = "…（以下截断）"
MIN_PARTIAL_CHARS = 120     # a passage cut shorter than this is left out instead


def fit_evidence(evidence: list[tuple[str, str]], budget: int) -> list[tuple[str, str]]:
    """The best-ranked passages (in the order given) whose tagged text fits `budget` characters;
    the first one that does not fit whole is cut, if enough of it fits to be worth sending."""
    kept: list[tuple[str, str]] = []
    used = 0
    for chunk_id, text in evidence:
        cost = len(format_evidence([(chunk_id, text)])) + 2
        if used + cost <= budget:
            kept.append((chunk_id, text))
            used += cost
            continue
        room = budget - used - (cost - len(text)) - len(TRUNCATED)
        if room >= MIN_PARTIAL_CHARS:
            kept.append((chunk_id, text[:room] + TRUNCATED))
        break
    return kept


def llm_answer(question: str, evidence: list[tuple[str, str]], facts: str,
               chat: BaseChatModel, settings: Settings) -> LLMAnswer:
    """Ask the model to answer `question` from `evidence` ((chunk_id, text) pairs) and `facts`.
    Evidence is trimmed (lowest-ranked passages first) to fit BUDGETQA_LLM_CONTEXT_TOKENS;
    the instructions, examples, question and facts are never cut."""
    parts = dict(question=question, facts=facts.strip() or "（无）", examples=format_examples(load_examples()))
    fixed = render("answer", evidence="", **parts)
    budget = evidence_budget(settings, fixed, LLMAnswer)
    if budget < 0:
        raise context_error(settings.llm_context_tokens - budget, settings)
    evidence = fit_evidence(evidence, budget)
    messages = render("answer", evidence=format_evidence(evidence), **parts)
    known = {cid for cid, _ in evidence}
    return structured_call(chat, LLMAnswer, messages, settings.llm_structured_mode,
                           check=lambda a: answer_problems(a, known))
