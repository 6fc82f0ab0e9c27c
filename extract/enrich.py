"""Run the LLM fillers over a parsed disclosure and report, item by item, how they compare.

The deterministic parse stays the source of truth: the LLM's quote-checked items are
listed as agreements or disagreements with it, never written over it. Only where the
parse found nothing (a project without allocation items, a performance table without
indicators) are the LLM's items added to the model, and then they are named in the
report (`llm_sourced`) and in `Disclosure.warnings`, so their provenance is never lost.

A model error on one item is recorded for that item and the run goes on; after
`MAX_CONSECUTIVE_MODEL_ERRORS` in a row the endpoint is taken to be unusable and the rest
is listed as not attempted. `enrich_with_llm` mutates the `Disclosure` it is given.
"""
from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from budgetqa.core.errors import ModelError
from budgetqa.core.settings import Settings

from .facts import build_catalog
from .llm_fill import (AllocationItemWithQuote, IndicatorWithQuote, agreeing_allocations, agreeing_indicators,
                       compare_indicators_with_parse, compare_with_parse, fill_indicators, fill_project_allocations,
                       submitted_count)
from .models import AllocationItem, Disclosure, Figure, Indicator, PerformanceTable, Project
from budgetqa.core.normalize import norm, squash
from .source import Line, Locator, SourceDoc

MAX_CONSECUTIVE_MODEL_ERRORS = 3
MAX_TABLE_LINES = 300        # a performance table's text is cut here when nothing else bounds it
QUOTE_SEARCH_LINES = 300     # how far after a project's heading its quotes are looked for


class ProjectEnrichment(BaseModel):
    """One project's 资金分配情况 as the LLM read it, against the parse."""

    project: str
    loc: Locator
    submitted: int = Field(0, description="items the model submitted, accepted or dropped")
    accepted: list[AllocationItemWithQuote] = []
    dropped: list[str] = Field(default_factory=list, description="items whose quote or amount is not in the source")
    agreements: list[str] = Field(default_factory=list, description="names the LLM and the parse agree on")
    disagreements: list[str] = []
    llm_sourced: list[str] = Field(default_factory=list, description="items added to the model because the parse found none")
    error: str | None = None


class TableEnrichment(BaseModel):
    """One performance table's indicators as the LLM read them, against the parse."""

    kind: str
    project: str | None = None
    loc: Locator
    last_line: Locator | None = Field(None, description="last source line sent to the model")
    submitted: int = Field(0, description="indicators the model submitted, accepted or dropped")
    accepted: list[IndicatorWithQuote] = []
    dropped: list[str] = []
    agreements: list[str] = []
    disagreements: list[str] = []
    llm_sourced: list[str] = []
    error: str | None = None


class EnrichReport(BaseModel):
    doc_id: str
    source_name: str
    projects: list[ProjectEnrichment] = []
    tables: list[TableEnrichment] = []
    model_errors: int = 0
    stopped: str | None = Field(None, description="why the run stopped before the last item")
    not_attempted: list[str] = []

    @property
    def complete(self) -> bool:
        return self.stopped is None


# ---- locating text in the source ---------------------------------------------------------------
def _loc_key(loc: Locator) -> tuple:
    return (loc.page, loc.line, loc.sheet, loc.cell)


def line_index(src: SourceDoc, loc: Locator) -> int | None:
    """Index into src.lines of the line at `loc` (by full locator, else by line number)."""
    key = _loc_key(loc)
    for i, l in enumerate(src.lines):
        if _loc_key(l.loc) == key:
            return i
    if loc.line is not None:
        for i, l in enumerate(src.lines):
            if l.loc.line == loc.line:
                return i
    return None


def locate_quote(quote: str, lines: list[Line]) -> Locator | None:
    """Locator of the line where `quote` (compared without white space) starts."""
    q = squash(norm(quote))
    if not q:
        return None
    starts, parts, pos = [], [], 0
    for l in lines:
        t = squash(norm(l.text))
        starts.append(pos)
        parts.append(t)
        pos += len(t)
    at = "".join(parts).find(q)
    if at < 0:
        return None
    for k, s in enumerate(starts):
        if s <= at < s + len(parts[k]):
            return lines[k].loc
    return None


def table_span(d: Disclosure, src: SourceDoc, t: PerformanceTable) -> tuple[int, int] | None:
    """[start, end) indexes of a performance table's raw lines: from its heading to the next
    table (performance or standard), covering every line the parse read into it."""
    start = line_index(src, t.loc)
    if start is None:
        return None
    others = [line_index(src, x.loc) for x in d.performance if x is not t] + [line_index(src, x.loc) for x in d.tables]
    end = min([i for i in others if i is not None and i > start] + [start + MAX_TABLE_LINES, len(src.lines)])
    covered = [line_index(src, x.loc) for x in [*t.indicators, *t.funds]]
    end = max([end] + [i + 1 for i in covered if i is not None])
    return start, min(end, len(src.lines))


def table_text(lines: list[Line]) -> str:
    """The table's lines as written, blank ones left out (quotes are compared without white space)."""
    return "\n".join(l.text for l in lines if l.text.strip())


# ---- one item each ------------------------------------------------------------------------------
def _enrich_project(p: Project, src: SourceDoc, chat: BaseChatModel, settings: Settings,
                    d: Disclosure) -> ProjectEnrichment:
    rep = ProjectEnrichment(project=p.name, loc=p.loc)
    items, rep.dropped = fill_project_allocations(p.allocation_text or "", chat, settings)
    rep.accepted, rep.submitted = items, submitted_count(items, rep.dropped)
    if p.allocations:
        rep.agreements = agreeing_allocations(items, p.allocations)
        rep.disagreements = compare_with_parse(items, p.allocations)
    elif items:
        start = line_index(src, p.loc) or 0
        near = src.lines[start:start + QUOTE_SEARCH_LINES]
        for it in items:
            loc = locate_quote(it.quote, near) or locate_quote(it.quote, src.lines) or p.loc
            amount = Figure(value=it.amount, unit=it.unit or "万元", loc=loc, text=it.quote) if it.amount is not None else None
            p.allocations.append(AllocationItem(name=it.name, amount=amount))
            rep.llm_sourced.append(it.name)
        d.warnings.append(f"LLM-sourced: {len(items)} 资金分配 item(s) added to project {p.name!r} "
                          "(the parse found none; quotes checked against the source)")
    return rep


def _enrich_table(t: PerformanceTable, src: SourceDoc, chat: BaseChatModel, settings: Settings,
                  d: Disclosure) -> TableEnrichment:
    rep = TableEnrichment(kind=t.kind, project=t.project, loc=t.loc)
    span = table_span(d, src, t)
    if span is None:
        rep.error = f"the table's heading line ({t.loc}) is not in the source; nothing sent to the model"
        return rep
    lines = src.lines[span[0]:span[1]]
    rep.last_line = lines[-1].loc
    items, rep.dropped = fill_indicators(table_text(lines), chat, settings)
    rep.accepted, rep.submitted = items, submitted_count(items, rep.dropped)
    if t.indicators:
        rep.agreements = agreeing_indicators(items, t.indicators)
        rep.disagreements = compare_indicators_with_parse(items, t.indicators)
    elif items:
        for it in items:
            t.indicators.append(Indicator(
                name=it.name, target_raw=it.target_raw, operator=it.operator, target_value=it.target_value,
                target_unit=it.target_unit, actual_value=it.actual_value, weight=it.weight, score=it.score,
                loc=locate_quote(it.quote, lines) or t.loc))
            rep.llm_sourced.append(it.name)
        d.warnings.append(f"LLM-sourced: {len(items)} indicator(s) added to {t.kind}表 at {t.loc} "
                          "(the parse found none; quotes checked against the source)")
    return rep


def enrich_with_llm(d: Disclosure, src: SourceDoc, chat: BaseChatModel, settings: Settings) -> EnrichReport:
    """Projects with 资金分配情况 text first, then every performance table; one model call each."""
    report = EnrichReport(doc_id=d.doc_id, source_name=d.source_name)
    jobs: list[tuple[str, object]] = [("project", p) for p in d.projects if (p.allocation_text or "").strip()]
    jobs += [("table", t) for t in d.performance]
    consecutive = 0
    for n, (kind, obj) in enumerate(jobs):
        try:
            if kind == "project":
                report.projects.append(_enrich_project(obj, src, chat, settings, d))   # type: ignore[arg-type]
            else:
                report.tables.append(_enrich_table(obj, src, chat, settings, d))       # type: ignore[arg-type]
            consecutive = 0
        except ModelError as err:
            report.model_errors += 1
            consecutive += 1
            if kind == "project":
                report.projects.append(ProjectEnrichment(project=obj.name, loc=obj.loc, error=str(err)))  # type: ignore[attr-defined]
            else:
                report.tables.append(TableEnrichment(kind=obj.kind, project=obj.project, loc=obj.loc,    # type: ignore[attr-defined]
                                                     error=str(err)))
            if consecutive >= MAX_CONSECUTIVE_MODEL_ERRORS:
                report.not_attempted = [_label(k, o) for k, o in jobs[n + 1:]]
                report.stopped = (f"stopped after {consecutive} consecutive model errors "
                                  f"({len(report.not_attempted)} item(s) not attempted); last error: {err}")
                break
    if any(x.llm_sourced for x in [*report.projects, *report.tables]):
        d.catalog = build_catalog(d, src)  # the figures the model added join the fact catalog
    return report


def _label(kind: str, obj: object) -> str:
    if kind == "project":
        return f"project {obj.name!r}"                                   # type: ignore[attr-defined]
    return f"{obj.kind}表 {obj.project or ''} at {obj.loc}".replace("  ", " ")  # type: ignore[attr-defined]


# ---- text form --------------------------------------------------------------------------------
def format_report(report: EnrichReport) -> str:
    """The report as lines for a terminal (stderr); keys an endpoint echoed are redacted."""
    from budgetqa.llm.client import redact
    return redact(_format_report(report))


def _format_report(report: EnrichReport) -> str:
    out = [f"LLM enrichment of {report.source_name}: {len(report.projects)} project(s), "
           f"{len(report.tables)} performance table(s), {report.model_errors} model error(s)"]
    sections: list[tuple[str, ProjectEnrichment | TableEnrichment]] = [
        (f"project {r.project!r} ({r.loc})", r) for r in report.projects]
    sections += [(f"{r.kind}表{' ' + repr(r.project) if r.project else ''} ({r.loc})", r) for r in report.tables]
    for title, r in sections:
        out.append(f"- {title}")
        if r.error:
            out.append(f"    model error: {r.error}")
            continue
        if not r.accepted:
            out.append(f"    模型提交 {r.submitted} 项，采纳 0 项 (the model submitted {r.submitted} item(s), none accepted)")
        out.append(f"    accepted {len(r.accepted)}, dropped {r.submitted - len(r.accepted)}, agree {len(r.agreements)}, "
                   f"disagree {len(r.disagreements)}")
        out += [f"    added (LLM-sourced, the parse found none): {name}" for name in r.llm_sourced]
        out += [f"    disagreement: {x}" for x in r.disagreements]
        out += [f"    {x}" for x in r.dropped]
    if report.stopped:
        out.append(f"STOPPED: {report.stopped}")
        out += [f"    not attempted: {x}" for x in report.not_attempted]
    return "\n".join(out)
