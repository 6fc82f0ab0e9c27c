"""The answer every mode returns (CLI --json, app, evals read this)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Citation(BaseModel):
    doc: str = Field(description="source file name of the document")
    doc_id: str | None = None
    locator: str = Field(description="page / line or sheet / cell, human readable")
    text: str = Field(description="the cited passage, verbatim")
    chunk_id: str | None = None


class Check(BaseModel):
    """One verification step: a stated number found in evidence, or a recomputed calculation."""

    kind: Literal["found", "calc", "table_identity", "identity", "missing", "conflict"]
    detail: str
    ok: bool
    expected: float | None = None
    got: float | None = None


class FactRef(BaseModel):
    """What a cited figure is: its document, table, row, column and unit — the identity the
    verifier compares with what the Query asked for."""

    doc_id: str
    source: str
    name: str
    value: float
    unit: str
    kind: str = Field(description="cell | prose | tabrow | model")
    table: str | None = None
    context: str = ""
    clause: str = Field("", description="the sentence a prose figure stands in")
    part: str | None = Field(None, description="the allocation of a project this figure is (资金分配 item)")
    column: str | None = None
    columns: list[str] = Field(default_factory=list, description="the cited table's column headers (a cell's)")
    is_total: bool = False
    line: int = 0
    year: int | None = None
    doc_kind: str | None = None
    department: str | None = None


class Verification(BaseModel):
    status: Literal["verified", "partly verified", "conflict", "unverified", "not applicable"] = "unverified"
    checks: list[Check] = []


class Answer(BaseModel):
    id: str | None = None
    question: str
    found: bool
    answer: str
    value: float | None = None
    unit: str | None = None
    items: list[str] = []
    polarity: Literal["yes", "no"] | None = None
    calculation: str | None = None
    figure: str | None = Field(None, description="which figure was answered, e.g. '部门收支总预算 (表1)'")
    doc: str | None = Field(None, description="the document that answered")
    citations: list[Citation] = []
    verification: Verification = Verification()
    mode: Literal["offline", "llm"] = "offline"
    facts: list[FactRef] = Field(default_factory=list, description="the figures the answer used")
    query: str | None = Field(None, description="the typed query the answer ran, in one line")
    notice: str | None = None
    latency_ms: float | None = None
