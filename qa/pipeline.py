"""answer_question: parse the question into a Query, execute it over the fact catalog, verify.

With an LLM configured the model writes the question's Query too (qa/llm_query.py), through the
configured structured-output mode; when its reading differs from the parser's, the executor runs
it and the answer says how the readings differ (`_llm_reading`). The model never states a number.

The Workspace-dependent part is thin: `ws.docs()`, `ws.disclosure()`, `ws.source()` and
`ws.search()`. Everything else works on the fact catalog extract/ stored at ingest (extract/facts.py).
"""
from __future__ import annotations

import re
import time
from typing import Any

from budgetqa.core.normalize import squash

from budgetqa.core.answer import Answer, Check, Citation, FactRef, Verification
from budgetqa.core.query import Query
from budgetqa.verify.answer_check import verify
from budgetqa.verify.identity import check_identity

from . import offline as off
from .execute import doc_facts, execute
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


def _report_contradictions(ans: Answer, r: off.Result, views: dict[str, DocFacts], query: Query | None) -> None:
    """A cited sentence whose figure the document's own table row states otherwise: the answer
    is a conflict, both places are cited and named — the disclosure is not silently corrected.
    A figure looked up from that sentence is answered with the table's (the statement the
    sentence restates), the sentence's figure beside it; '说明和表一致吗' is answered 否."""
    from budgetqa.verify.consistency import contradicting
    from budgetqa.verify.identity import asks_agreement

    single = len(r.facts) == 1 and r.value is not None and not r.calculation
    for f in r.facts:
        df = views[f.doc_id]
        g = contradicting(f, df.facts, df.d.meta.year)
        if g is None:
            continue
        where = g.context or g.table or "表格"
        detail = (f"文件自身不一致：正文写{f.name} {off.fmt(f.value)} {f.unit}，{where}的“{g.name}”"
                  f"{('（' + g.column + '）') if g.column else ''}为 {off.fmt(g.value)} {g.unit}")
        ans.verification.checks.append(Check(kind="conflict", ok=False, detail=detail))
        ans.verification.status = "conflict"
        ans.citations.extend(c for c in off.fact_cites(df, g) if c not in ans.citations)
        if asks_agreement(query):
            ans.polarity, ans.value, ans.unit = "no", None, None
            ans.answer = f"否。{detail}。"
            continue
        elif single and abs(r.value - f.value) < 0.005:
            ans.value, ans.unit = g.value, g.unit
            conv = off.in_unit([g], f.unit) if f.unit != g.unit else None
            also = f"（即 {off.fmt(conv[0][0])} {f.unit}）" if conv else ""
            ans.answer = (f"按{where}：{g.name}{('（' + g.column + '）') if g.column else ''} {off.fmt(g.value)} {g.unit}{also}。"
                          f"（注意：{detail}，两处不一致，请向编制单位核实。）")
            continue
        ans.answer += f"（注意：{detail}。）"


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


def fact_ref(f, df: DocFacts | None) -> FactRef:
    meta = df.d.meta if df else None
    table = df.d.table(f.table) if df is not None and f.kind == "cell" and f.table else None
    return FactRef(columns=list(table.columns) if table is not None else [],doc_id=f.doc_id, source=f.source, name=f.name, value=f.value, unit=f.unit, kind=f.kind,
                   table=f.table, context=f.context or "", clause=f.clause or "", column=f.column, is_total=f.is_total,
                   part=f.alloc or None, line=f.line, year=meta.year if meta else None, doc_kind=meta.kind if meta else None,
                   department=meta.department if meta else None)


def which_figure(figure: str | None, facts: list[FactRef], views: dict[str, DocFacts]) -> str | None:
    """The figure in words with the document(s) it stands in: 「一般公共预算支出 · 基本支出（表5），
    乌鲁木齐市科学技术局 2025年 部门预算」 — every document the answer used is named."""
    docs = []
    for f in facts:
        df = views.get(f.doc_id)
        scope = getattr(df.d.meta, "scope", None) if df else None
        label = f"{f.department or f.source} {f.year or ''}年 {scope or ''}{f.doc_kind or ''}".replace("  ", " ").strip()
        if label not in docs:
            docs.append(label)
    if not figure or not docs:
        return figure
    return f"{figure}，{'；'.join(docs)}"


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
    views = {i: doc_facts(ws, i) for i in dict.fromkeys(f.doc_id for f in r.facts)}
    for f in r.facts:
        cites.extend(off.fact_cites(views[f.doc_id], f))
    cites.extend(r.extra_cites)
    for f in r.facts:
        cites.extend(_also_stated(views[f.doc_id], f))
    if r.items and r.doc:
        doc_id = next((c.doc_id for c in r.extra_cites if c.doc == r.doc and c.doc_id), None) or next(
            (x.doc_id for x in ws.docs() if x.source == r.doc), None)
        if doc_id is not None:
            cites.extend(_list_lines(doc_facts(ws, doc_id), r.items))
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
    for f in r.facts[:1]:
        tables.extend(x.value for x in views[f.doc_id].facts if x.kind == "cell")
    ans.verification = verify(ans, [c.text for c in ans.citations], tables)
    if r.found:
        ans.facts = [fact_ref(f, views.get(f.doc_id)) for f in r.facts]
        ans.figure = which_figure(ans.figure, ans.facts, views)
    if r.found:
        _report_contradictions(ans, r, views, query)
    if r.found and r.unproven:
        ans.verification.checks.append(Check(kind="identity", ok=False, detail=r.unproven))
        if ans.verification.status == "verified":
            ans.verification.status = "partly verified"
    if query is not None:
        ans.query = query.describe()
        apply_identity(ans, query)
    ans.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
    return ans


def answer_question(question: str, ws: Any, settings: Any = None, id: str | None = None) -> Answer:
    """Answer one question from the indexed documents, with citations and verification.

    Offline, the parser writes the Query. With an LLM configured the model writes one too
    (`_llm_reading`); the model never states a number — every figure comes from the executor."""
    t0 = time.perf_counter()
    from budgetqa.extract.script import to_simplified
    asked, question = question, to_simplified(question)   # 「巴州高企獎勵多少」 is asked as 「巴州高企奖励多少」
    records = ws.docs()
    query = parse_query(question, records)
    r = execute(query, ws)
    ans = _to_answer(asked, id, r, ws, t0, query)
    if settings is not None and getattr(settings, "llm_configured", False):
        ans = _llm_reading(question, asked, id, ws, settings, records, query, ans, t0)
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


_STATUS = {"verified": "已核验", "partly verified": "部分核验", "conflict": "与文件不符", "unverified": "未核验",
           "not applicable": "无可核验的数"}


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)


def _verified(a: Answer) -> bool:
    return a.found and a.verification.status == "verified"


def _short(a: Answer, limit: int = 80) -> str:
    """An answer in one short clause for a notice: its first sentence (cut at a comma when long),
    without the full stop, and its figure when the cut left it out."""
    from .text import fmt

    text = " ".join(a.answer.split())
    cut = text.find("。")
    text = text[:cut] if cut >= 0 else text
    if len(text) > limit:
        comma = max(text.rfind(c, 0, limit) for c in "，；,;")
        text = (text[:comma] if comma > 0 else text[:limit]) + "…"
    text = text.rstrip("。；，")
    if a.found and a.value is not None and fmt(a.value, a.unit) not in text:
        text += f"（{fmt(a.value, a.unit)}{(' ' + a.unit) if a.unit else ''}）"
    return text


def _status(a: Answer) -> str:
    """Why an answer is or is not trusted, in a few words: its status and first failed check."""
    if not a.found:
        return "没有找到答案"
    failed = [c.detail for c in a.verification.checks if not c.ok]
    status = _STATUS.get(a.verification.status, a.verification.status)
    return status + (f"：{failed[0]}" if failed and a.verification.status != "verified" else "")


def _same_figure(a: Answer, b: Answer) -> bool:
    return (a.found and b.found and a.value is not None and b.value is not None and a.unit == b.unit
            and abs(a.value - b.value) < 0.005)


def _absent(model_q: Query, ws: Any) -> tuple[str, list[str]] | None:
    """(「文件中没有“X”」, the documents' names) when a figure the model's reading names is in none
    of the documents that reading uses: each node with a measure is checked against its own
    documents (its scope's, else the enclosing node's), so a difference across two documents
    checks each side in its own."""
    from .llm_query import absent_measure

    def walk(node: Query, docs: list[str]) -> tuple[str, list[str]] | None:
        docs = node.scope.doc_ids or docs
        if node.measure.strip() and docs:
            try:
                dfs = [doc_facts(ws, d) for d in dict.fromkeys(docs)]
            except Exception:       # an id the index no longer has: the executor says so
                return None
            msgs = [absent_measure(node.model_copy(update={"operands": []}), df.src.text()) for df in dfs]
            if all(msgs):
                return msgs[0], [df.source for df in dfs]
        for o in node.operands:
            found = walk(o, docs)
            if found:
                return found
        return None

    return walk(model_q, [])


def _llm_reading(question: str, asked: str, id: str | None, ws: Any, settings: Any, records: list[Any],
                 offline_q: Query, offline: Answer, t0: float) -> Answer:
    """LLM mode: the model writes the question's Query (qa/llm_query.py); the executor runs it.

    - a ModelError: the offline answer stands, with a notice (and the failed attempt's time);
    - the same reading as the parser's: the offline answer, mode "llm";
    - another reading: the model's reading is run over the facts; its answer is shown when
      verified, and a verified offline answer is never displaced by one that is not (a "not in
      the document" included) — the notice names the differences and what the other reading gave.
    The model states no number: the Query has none, and every figure comes from the facts.
    Everything the model or the endpoint said is redacted of keys."""
    from budgetqa.core.errors import ModelError
    from budgetqa.llm.client import make_chat_model, redact, redact_model

    from .llm_query import describe_documents, llm_query_reading, query_differences, with_parser_text

    try:
        reading = llm_query_reading(question, describe_documents(records), make_chat_model(settings), settings)
    except ModelError as err:
        offline.notice = redact(f"LLM 不可用，已使用离线答案：{err}")
        offline.latency_ms = _ms(t0)    # the failed attempt counts
        return offline
    notes = f"模型回复的处理：{'；'.join(reading.notes)}" if reading.notes else ""
    diffs = query_differences(offline_q, reading.query)
    if not diffs:
        offline.mode = "llm"
        offline.notice = notes or None
        offline.latency_ms = _ms(t0)
        return redact_model(offline)

    model_q = with_parser_text(reading.query, offline_q)
    absent = _absent(model_q, ws)
    if absent:
        model = Answer(id=id, question=asked, found=False, answer=absent[0], doc="、".join(absent[1]), mode="llm",
                       query=model_q.describe(), verification=Verification(status="not applicable"))
    else:
        model = _to_answer(asked, id, execute(model_q, ws), ws, t0, model_q)
        model.mode = "llm"
    head = f"模型与离线解析的读法不同：{'；'.join(diffs)}"
    if not _verified(model) and _verified(offline):
        # a verified figure is never displaced by an answer that is not (nor by "not found")
        shown = offline
        shown.mode = "llm"
        said = _short(model) + (f"（{_status(model)}）" if model.found else "")
        notice = f"{head}。按模型的读法：{said}，未采用；显示的是按离线读法核验过的答案"
    elif _same_figure(model, offline):
        shown = model
        notice = f"{head}；按离线读法答案相同"
    else:
        shown = model
        said = _short(offline) + (f"（{_status(offline)}）" if offline.found else "")
        notice = f"{head}；按离线读法：{said}"
    shown.notice = "。".join(x for x in (notice, notes) if x)
    shown.latency_ms = _ms(t0)
    return redact_model(shown)
