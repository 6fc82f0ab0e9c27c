"""The typed query: the one representation between a question and its answer.

The parser (qa/parser.py) is the only code that reads a question's text; it writes a `Query`.
The executor (qa/execute.py) runs a Query over the fact catalog and never sees the question;
the verifier (verify/identity.py) checks that the facts an answer cites are the ones the
Query asked for. With an LLM configured the model writes the same `Query` (validated by this
schema); it never computes or states a number.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# the closed set of operations (issue 11); operands are Queries
Op = Literal["lookup", "sum", "difference", "share", "growth", "per_unit", "rank", "filter", "list", "yes_no",
             "check"]
OPS: tuple[str, ...] = Op.__args__  # type: ignore[attr-defined]

UnitClass = Literal["amount", "count", "pct", "area", "score"]
Column = Literal["预算数", "年初预算", "全年预算", "决算数", "上年"]

# What the question asks beyond its figure — each a word the parser found, named for what it
# means to the executor (never a phrasing). Closed, so an LLM-written Query cannot invent one.
Cue = Literal[
    "actual", "adds_up", "all_sources", "allocation_sum", "asks_level", "asks_names", "asks_number", "asks_pct", "asks_person",
    "asks_purpose", "asks_ratio", "asks_reason", "asks_use_detail", "carryover", "children", "compares", "dept_own", "describe",
    "each", "economic", "expense_classes", "fiscal", "indicator", "less", "money_words", "more_than_last", "new",
    "non_fiscal_projects", "not_project_list", "numeric", "office", "pct_stated", "people", "performance", "project", "project_notes",
    "standard_cap", "sub_unit_ok", "sub_units", "tables", "target_met", "unit_figure", "uses", "which_item", "whole_dept",
    "why_change",
]


class DocScope(BaseModel):
    """Which documents a Query is about, as the parser resolved it against the index."""

    doc_ids: list[str] = Field(default_factory=list, description="documents to answer from, best first")
    alternatives: list[str] = Field(default_factory=list, description="documents stating the same point in time")
    regions: list[str] = Field(default_factory=list, description="regions the question names")
    departments: list[str] = Field(default_factory=list, description="department words the question names")
    year: int | None = None
    kind: Literal["预算", "决算"] | None = None
    scope: Literal["部门", "单位"] | None = None
    derived_prev: bool = Field(False, description="year-Y figures from the Y+1 document's 比上年 statements")
    named: bool = Field(False, description="the question names a region or department")
    all_docs: bool = Field(False, description="names no document; every indexed document fits")
    several: bool = Field(False, description="names a group (科技局, 普陀的两个部门): doc_ids holds one document "
                                             "of each department that fits, and each one answers")
    missing: str | None = Field(None, description="why no indexed document fits")
    scope_words: list[str] = Field(default_factory=list, description="words that only name the scope")


class Predicate(BaseModel):
    """Which rows a filter keeps: those whose stated change has a sign, or whose amount passes a threshold."""

    kind: Literal["change", "threshold"]
    direction: Literal["up", "down"] | None = None
    compare: Literal[">", ">=", "<", "<="] | None = None
    value: float | None = None
    unit: str | None = None


class Query(BaseModel):
    """One question, typed. `measure` holds the figure's words in the document's vocabulary."""

    op: Op = "lookup"
    measure: str = Field("", description="the figure asked for, in the template's words (科目, row, subject)")
    measure_kind: Literal["concept", "item", "count"] | None = None
    unit_class: UnitClass | None = None
    column: Column | None = Field(None, description="预算数 / 年初预算 / 全年预算 / 决算数 / 上年")
    operands: list["Query"] = Field(default_factory=list)
    scope: DocScope = Field(default_factory=DocScope)
    stated: float | None = Field(None, description="a figure the question states, to check")
    amounts: list[float] = Field(default_factory=list, description="万元 amounts the question quotes")
    per: str | None = Field(None, description="per-unit noun: 辆 / 家 / 人 …")
    per_what: str = Field("", description="what is counted for a per-unit figure ('选派科技人员' of 每名选派科技人员)")
    rank: Literal["max", "min"] | None = None
    rank_k: int = 1
    predicate: Predicate | None = Field(None, description="for op filter: which rows to keep")
    across: bool = Field(False, description="each operand is a figure of its own document")
    rank_over: Literal["documents", "rows"] | None = None
    list_of: str | None = Field(None, description="what to list: offices, units, uses, expense_classes, projects, "
                                                   "carryover_projects, fiscal_projects, performance_projects, noun:<X>")
    indicator_level: str | None = None
    field: str | None = Field(None, description="a project's field asked for (实施周期, 负责人 …)")
    cues: list[Cue] = Field(default_factory=list)
    words: str = Field("", description="the question's content words, scope removed, in the document's vocabulary")
    whole_words: str = Field("", description="content words of the whole question (a compound one asks more)")
    concept_words: list[str] = Field(default_factory=list, description="template words the vocabulary substituted "
                                                                       "for the user's (synonyms of one concept)")
    terms: list[str] = Field(default_factory=list, description="content words the document must write for "
                                                                "the question to be about it")
    codes: list[str] = Field(default_factory=list, description="alphanumeric codes the question names")
    list_noun: str | None = Field(None, description="哪些县 → 县: the kind of item a list asks for")
    field_subject: str | None = Field(None, description="the project whose `field` is asked")
    includes: str | None = Field(None, description="（含X）: a part the figure asked for includes")
    equals: str | None = Field(None, description="'A加B等于总计吗': the figure a sum is asked to equal")
    role: str | None = Field(None, description="'X的项目负责人叫什么': the role whose holder's name is asked")
    person_named: str | None = Field(None, description="a name the question itself writes ('冯先生的全名')")
    excludes: str | None = Field(None, description="（不含X）: a part the figure asked for leaves out")
    without_excluded: str | None = None
    subject: str = Field("", description="what a passage asked about should be about (question words removed)")
    before_change: str = Field("", description="the words before '比上年…': the figure whose change is asked")
    indicator_subject: str = Field("", description="the project whose 绩效指标 are asked (指标 words removed)")
    quoted_counts: list[float] = Field(default_factory=list, description="counts the question quotes ('34个')")
    whole_subject: str = ""
    negation_subject: str = ""
    context_words: str = Field("", description="the question's words, years and question words removed")
    phrase: str = Field("", description="the question normalised: names the document writes are matched "
                                        "against it by coverage, never parsed")
    bare: str = Field("", description="`phrase` without the amounts it quotes")
    otherwise: "Query | None" = Field(None, description="the single-document reading, when a cross-document "
                                                         "one finds the same figure on both sides")

    def has(self, cue: str) -> bool:
        return cue in self.cues

    def describe(self) -> str:
        """A one-line reading of the query, shown with the answer and compared across parsers."""
        parts = [self.op, self.measure or "-"]
        if self.column:
            parts.append(self.column)
        if self.scope.year:
            parts.append(f"{self.scope.year}年")
        if self.scope.kind:
            parts.append(self.scope.kind)
        if self.operands:
            parts.append("[" + "; ".join(o.describe() for o in self.operands) + "]")
        return " · ".join(parts)


Query.model_rebuild()
