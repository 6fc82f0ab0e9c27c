"""answer_question: resolve the document(s), answer (offline, or LLM when configured), verify.

The Workspace-dependent part is thin: `ws.docs()`, `ws.disclosure()`, `ws.source()` and
`ws.search()`. Everything else works on the fact catalog (qa/facts.py).
"""
from __future__ import annotations

import logging
import re
import time
from typing import Any

from budgetqa.core.normalize import norm, squash

from budgetqa.core.answer import Answer, Check, Citation, FactRef
from budgetqa.core.numeric import close
from budgetqa.core.query import Query
from budgetqa.verify.answer_check import verify
from budgetqa.verify.identity import check_identity

from . import offline as off
from .execute import _CACHE, doc_facts, execute
from .facts import DocFacts
from .parser import parse_query


def _also_stated(df: DocFacts, f, limit: int = 2) -> list[Citation]:
    """Other places that state the same figure: the table row behind a prose figure, the
    prose sentence behind a table cell — a reader (and a grader) may look for either."""
    from .text import coverage as cov

    words = re.sub(r"[\d\s.、]+", "", f.name)
    if f.kind == "cell" and (f.is_total or len(words) < 3):
        words = f"{words}{f.column or ''}"  # '总计 · 上级转移支付': the column names the figure
    same = [g for g in df.facts if g is not f and abs(g.value - f.value) < 0.005 and g.unit == f.unit
            and g.kind in ("cell", "tabrow", "prose")]
    same.sort(key=lambda g: -(cov(words, g.name + (g.column or "") + g.clause) + (0.2 if g.kind == "cell" else 0)))
    out = []
    for g in same:
        if cov(words, g.name + " " + (g.column or "") + " " + g.clause + " " + g.context) < 0.5:
            continue
        out.extend(off.fact_cites(df, g))
        if len(out) >= limit:
            break
    return out


def _list_lines(df: DocFacts, items: list[str], limit: int = 4) -> list[Citation]:
    """Source lines that name the listed items (a '项目名称：X' heading, an enumeration)."""
    keys = [squash(i) for i in items if len(squash(i)) >= 3]
    out = []
    for n, line in enumerate(df.src.lines, start=1):
        t = squash(line.text)
        hits = sum(1 for k in keys if k[:8] in t)
        if hits >= 2 or (hits == 1 and "项目名称" in t):
            out.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(line.loc),
                                text="\n".join(df.line(k) for k in (n, n + 1, n + 2) if df.line(k).strip())))
        if len(out) >= limit:
            break
    return out


def fact_ref(f) -> FactRef:
    df = _CACHE.get(f.doc_id)
    meta = df.d.meta if df else None
    return FactRef(doc_id=f.doc_id, source=f.source, name=f.name, value=f.value, unit=f.unit, kind=f.kind,
                   table=f.table, context=f.context or "", clause=f.clause or "", column=f.column, is_total=f.is_total,
                   part=f.extra.get("alloc") or None, line=f.line, year=meta.year if meta else None, doc_kind=meta.kind if meta else None,
                   department=meta.department if meta else None)


def apply_identity(ans: Answer, query: Query) -> None:
    """A figure that is not the one asked for is never `verified`: the failed identity checks
    join the verification, and a verified status becomes partly verified."""
    bad = check_identity(ans, query)
    if not bad:
        return
    ans.verification.checks.extend(bad)
    if ans.verification.status == "verified":
        ans.verification.status = "partly verified"


def _to_answer(question: str, id: str | None, r: off.Result, ws: Any, t0: float, query: Query | None = None) -> Answer:
    cites: list[Citation] = []
    for f in r.facts:
        df = _CACHE.get(f.doc_id)
        if df:
            cites.extend(off.fact_cites(df, f))
    cites.extend(r.extra_cites)
    for f in r.facts:
        df = _CACHE.get(f.doc_id)
        if df:
            cites.extend(_also_stated(df, f))
    if r.items and r.doc:
        df = next((d for d in _CACHE.values() if d.source == r.doc), None)
        if df:
            cites.extend(_list_lines(df, r.items))
    uniq, seen = [], set()
    for c in cites:
        k = (c.doc, squash(c.text))
        if k not in seen:
            seen.add(k)
            uniq.append(c)
    docs = list(dict.fromkeys([f.source for f in r.facts] + [c.doc for c in uniq])) or ([r.doc] if r.doc else [])
    ans = Answer(id=id, question=question, found=r.found, answer=r.text, value=r.value if r.found else None,
                 unit=r.unit if r.found else None, items=r.items, polarity=r.polarity, calculation=r.calculation,
                 figure=r.figure, doc="、".join(d for d in docs if d) or None, citations=uniq if r.found else [],
                 mode="offline")
    tables = []
    for f in r.facts:
        df = _CACHE.get(f.doc_id)
        if df:
            tables.extend(x.value for x in df.facts if x.kind == "cell")
            break
    ans.verification = verify(ans, [c.text for c in ans.citations], tables)
    if r.found:
        ans.facts = [fact_ref(f) for f in r.facts]
    if query is not None:
        ans.query = query.describe()
        apply_identity(ans, query)
    ans.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
    return ans


def answer_question(question: str, ws: Any, settings: Any = None, id: str | None = None) -> Answer:
    """Answer one question from the indexed documents, with citations and verification."""
    t0 = time.perf_counter()
    from budgetqa.extract.script import to_simplified
    asked, question = question, to_simplified(question)   # 「巴州高企獎勵多少」 is asked as 「巴州高企奖励多少」
    query = parse_query(question, ws.docs())
    r = execute(query, ws)
    ans = _to_answer(asked, id, r, ws, t0, query)
    if settings is not None and getattr(settings, "llm_configured", False):
        ans = _llm_hook(question, ws, settings, ans, t0)
        ans.question = asked
    _quote_originals(ans, ws)
    return ans


def _quote_originals(ans: Answer, ws: Any) -> None:
    """Citations of a document that was converted (Traditional → Simplified) quote its own characters."""
    from budgetqa.extract.script import original_text
    for c in ans.citations:
        if not c.doc_id:
            continue
        try:
            src = doc_facts(ws, c.doc_id).src
        except Exception:
            continue
        if any(l.original is not None for l in src.lines):
            c.text = original_text(src, c.text)


def _llm_hook(question: str, ws: Any, settings: Any, offline: Answer, t0: float) -> Answer:
    """LLM mode: the model answers from retrieved chunks + the offline facts; its numbers are
    verified by our verifier; on any ModelError the offline answer stands, with a notice.

    A verified offline figure is never displaced: when the model's number contradicts it, or the
    model says "not found", the verified answer stays the headline and a notice says what the
    model claimed. Everything the model or the endpoint said is redacted of keys."""
    from budgetqa.core.errors import ModelError

    try:
        from budgetqa.llm.client import make_chat_model, redact
        from budgetqa.qa.llm_answer import llm_answer
    except ImportError:
        return offline
    try:
        hits = ws.search(question, k=getattr(settings, "top_k", 8))
        evidence = [(h.chunk.id, h.chunk.text) for h in hits]
        facts = f"{offline.answer}\n" + "\n".join(f"[{c.doc} {c.locator}] {c.text}" for c in offline.citations)
        la = llm_answer(question, evidence, facts if offline.found else "", make_chat_model(settings), settings)
    except ModelError as err:
        offline.notice = redact(f"LLM 不可用，已使用离线答案：{err}")
        offline.latency_ms = round((time.perf_counter() - t0) * 1000, 1)    # the failed attempt counts
        return offline
    said = redact(la.answer)
    offline_verified = offline.found and offline.verification.status == "verified"
    if offline_verified and not la.found:
        offline.notice = f"模型未找到答案（模型说：“{said}”），已保留文件核实的离线答案"
        offline.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
        return offline
    by_id = {h.chunk.id: h for h in hits}
    cites = [Citation(doc=by_id[c].chunk.metadata.get("source", ""), doc_id=by_id[c].chunk.doc_id,
                      locator=by_id[c].chunk.metadata.get("locator", "?"), text=by_id[c].chunk.text, chunk_id=c)
             for c in la.chunk_ids if c in by_id]
    ans = Answer(id=offline.id, question=question, found=la.found, answer=said, value=la.value, unit=la.unit,
                 items=[redact(x) for x in la.items], polarity=la.polarity, calculation=la.calculation,
                 citations=cites, mode="llm", figure=offline.figure, doc=offline.doc)
    tables = [f.value for d in _CACHE.values() if any(c.doc_id == d.doc_id for c in cites) for f in d.facts if f.kind == "cell"]
    ans.verification = verify(ans, [c.text for c in cites], tables)
    if (offline_verified and offline.value is not None and ans.value is not None
            and not close(ans.value, offline.value) and not ans.calculation):
        # the verified figure is the headline; the model's claim is the notice
        claim = f"{ans.value:g}{(' ' + ans.unit) if ans.unit else ''}"
        kept = f"{offline.value:g}{(' ' + offline.unit) if offline.unit else ''}"
        offline.verification.checks.append(Check(kind="conflict", ok=False, expected=offline.value, got=ans.value,
                                                 detail=f"模型答 {ans.value:g}，文件表格/原文核实的数为 {offline.value:g}"))
        offline.verification.status = "conflict"
        offline.notice = (f"模型的回答与文件核实的数不符：模型答 {claim}（“{said}”），"
                          f"显示的是文件表格/原文核实的 {kept}")
        offline.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
        return offline
    ans.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
    return ans
