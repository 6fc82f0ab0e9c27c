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

from . import docs as docres
from . import offline as off
from budgetqa.core.answer import Answer, Check, Citation
from budgetqa.core.numeric import close
from .facts import DocFacts, build
from .text import clean, coverage, fmt, mentions, unit_in_class
from .understand import Intent, parse
from budgetqa.verify.answer_check import verify

_CACHE: dict[str, DocFacts] = {}


def doc_facts(ws: Any, doc_id: str) -> DocFacts:
    if doc_id not in _CACHE:
        _CACHE[doc_id] = build(ws.disclosure(doc_id), ws.source(doc_id))
    return _CACHE[doc_id]


def _not_found(question: str, why: str, doc: str | None = None) -> off.Result:
    return off.Result(False, f"文件中没有找到：{why}。", doc=doc)


# words that say nothing about which figure is meant (kept out of the presence check)
_GENERIC = {"预算", "决算", "部门", "支出", "收入", "经费", "资金", "项目", "情况", "多少", "安排", "金额", "总额", "是否",
            "具体", "实际", "花了", "年度", "年底", "公开", "说明", "一共", "合计", "总共",
            "比上年", "较上年", "上年", "同比"}  # the comparison a document writes as 比2024年 is still its 比上年


def _absent_terms(core: str, df: DocFacts) -> list[str]:
    """Content words of the question that the document never writes."""
    from budgetqa.retrieval.lexical import plain_jieba  # the jieba module, its dictionary loaded once (fast cache)
    jieba = plain_jieba()
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" on stderr

    out = []
    text = clean(df.src.text())
    words = [w for tok in core.split() for w in jieba.lcut(clean(tok))]
    for w in words:
        if len(w) < 3 or w in _GENERIC or not re.search(r"[\u4e00-\u9fff]", w) or re.search(r"[多少哪几吗没对谁啥么]", w):
            continue
        grams = [w[i:i + 2] for i in range(len(w) - 1)]
        if w not in text and sum(g in text for g in grams) / len(grams) < 0.5:
            out.append(w)
    return out


def _named_sub_unit(q: str, df: DocFacts) -> str | None:
    """A subordinate unit or office the question names (not the department itself)."""
    dept = squash(df.d.meta.department or "")
    names = list(df.d.org.subordinate_units) + list(df.d.org.offices) if df.d.org else []
    for t in df.d.tables:
        names += [r.name for r in t.rows if r.level == 0 and not r.code and r.name
                  and re.search(r"(中心|所|站|院|馆|队)$", r.name)]
    for u in names:
        base = squash(re.sub(r"[（(].*?[）)]", "", u))
        if len(base) >= 6 and base in squash(q) and base != dept and not dept.startswith(base):
            return base
    return None


def _abstain_reason(question: str, it: Intent, df: DocFacts) -> str | None:
    q = norm(question)
    if it.person:
        return "文件没有列出所问人员的姓名"
    if it.items_of:
        return "文件只给出数量，没有列出名单"
    if re.search(r"不予公开|完全不予公开", df.src.text()) and re.search(r"干什么|用途|怎么分|具体|名称|叫什么|叫啥|真名|依据", q):
        hits = [l.text for l in df.src.lines if "不予公开" in l.text]
        key = [w for w in re.findall(r"[A-Za-z0-9]{5,}", q)]
        if key and any(k in squash(h) for k in key for h in hits) or key and any(
                k in df.text and "不予公开" in df.text for k in key):
            return "该项目的用途与资金分配在文件中写明“不予公开”"
    unit = _named_sub_unit(q, df)
    if unit and it.op != "list" and not re.search(r"项目|结转|结余", q) and off.match_project(df, it.core) is None \
            and re.search(r"编制|人数|在职|退休|基本支出|人员经费|公用经费|三公|收入|支出|机关运行|资产|车|采购", q):
        # the template splits only 项目支出 and 结转结余 by unit; the rest is the department's total
        return f"文件没有分单位列示“{unit}”的该项数据（只给出全部门合计）"
    absent = _absent_terms(it.core, df)
    if absent and len(absent) >= 1 and any(len(a) >= 2 for a in absent):
        big = absent
        if big:
            return f"文件中没有“{'、'.join(big)}”的数据"
    return None


def _answer_single(question: str, it: Intent, df: DocFacts, scope: docres.Scope, ws: Any) -> off.Result | None:
    q = norm(question)
    r = (off.project_field(it, df, q) or off.item_by_amount(df, q) or off.row_children(df, q)
         or off.each_of(it, df, q) or off.allocation_sum(it, df, q))
    if r is None and (it.op == "list" or (it.op in ("sum", "lookup") and it.unit_class == "amount")):
        r = off.non_fiscal_projects(df, q)
    if r is not None:
        return r
    if it.op == "list":
        return off.list_answer(it, df, q)
    if it.op == "share":
        return off.share(it, df)
    if it.op == "growth_check":
        return off.growth_check(it, df)
    if it.op == "per_unit":
        return off.per_unit(it, df, q)
    if it.op == "sum" and len(it.operands) >= 2:
        r = off.sum_parts(it, df)
        if r:
            return r
    if it.op == "change":
        r = off.change_from_last_year(it, df, q)  # 'X比上年多了多少' is X's stated change
        g = off.best(it.operands[0] if it.operands else it.core, df, "amount")
        pct = re.search(r"百分之|%|幅度|增长率|增幅|降幅", q) is not None
        if g is not None and not pct and (r is None or off.score(it.core, g) - off.score(it.core, r.facts[0]) > 0.15):
            # the figure asked about carries no change of its own: the sentence that states one for it
            ch = _change_statement(df, it.operands[0] if it.operands else g.name) or _change_statement(df, g.name)
            if ch is not None:
                v, cite = ch
                return off.Result(True, f"{g.name}{fmt(g.value)}{g.unit}，比上年{'增加' if v >= 0 else '减少'}"
                                        f"{fmt(abs(v))}{g.unit}。", value=abs(v), unit=g.unit,
                                  figure=f"{g.name}比上年增减额（文中所述）", facts=[g], extra_cites=[cite], doc=df.source)
        return r
    if it.op == "diff":
        r = off.diff_in_doc(it, df)
        if r:
            return r
    phrase = it.operands[0] if it.operands else it.core
    return off.lookup(it, df, phrase or it.core, derived_prev=scope.derived_prev)


_CHG = re.compile(r"(比上年|较上年|与上年相比)[^，。；]{0,10}?(增加|减少|持平|增长|下降)\s*(\d[\d,]*(?:\.\d+)?)?")


def _change_statement(df: DocFacts, phrase: str):
    """'…比上年增加 0.00 万元' in the paragraph that best matches the phrase: (signed change, citation)."""
    best_p, best_s = None, 0.0
    for p in df.d.paragraphs:
        t = norm(p.text)
        if not _CHG.search(t):
            continue
        sc = coverage(re.sub(r"比(去年|上年).*$", "", phrase), t)
        if sc > best_s:
            best_p, best_s = p, sc
    if best_p is None or best_s < 0.6:
        return None
    m = _CHG.search(norm(best_p.text))
    v = float(m.group(3).replace(",", "")) if m.group(3) else 0.0
    sign = -1 if m.group(2) in ("减少", "下降") else 1
    raw = "\n".join(df.line(n) for n in best_p.line_numbers[:4])
    return sign * v, Citation(doc=df.source, doc_id=df.doc_id, locator=str(best_p.loc), text=raw)


_MET = {">=": lambda a, t: a >= t - 1e-9, ">": lambda a, t: a > t, "<=": lambda a, t: a <= t + 1e-9,
        "<": lambda a, t: a < t, "=": lambda a, t: abs(a - t) < 1e-9}


def _target_met(it: Intent, r: off.Result, q: str, df: DocFacts) -> off.Result | None:
    """'…的目标达到了吗 / 达标没有': a 绩效自评 row's 实际完成值 against its 年度指标值 and operator."""
    if not re.search(r"达到|达标|完成|实现", q):
        return None
    for t in df.d.performance:
        if "自评" not in t.kind:
            continue
        for ind in t.indicators:
            if ind.actual_value is None or ind.target_value is None or (ind.loc.line or 0) not in {f.line for f in r.facts}:
                continue
            op = ind.operator or "="
            met = _MET.get(op, _MET["="])(ind.actual_value, ind.target_value)
            u = ind.target_unit or ""
            r.polarity = "yes" if met else "no"
            r.text = (f"{'是，达到了' if met else '没有达到'}。{squash(ind.name)}：目标 {op}{fmt(ind.target_value)}{u}，"
                      f"实际完成 {fmt(ind.actual_value)}{u}。")
            r.value, r.unit = ind.actual_value, u or r.unit
            return r
    return None


def _yesno(it: Intent, r: off.Result | None, q: str, df: DocFacts | None = None) -> off.Result | None:
    if r is None:
        return None
    if df is not None and r.facts:
        met = _target_met(it, r, q, df)
        if met is not None:
            return met
    if re.search(r"比(去年|上年).{0,4}(多|高|增加|涨)", q) and r.facts:
        f = r.facts[0]
        if f.change is None and df is not None:
            g = off.best(it.core, df, "amount", need=lambda x: x.change is not None and abs(x.value - f.value) < 0.005)
            f = g or f
        if f.change is None and df is not None:
            ch = _change_statement(df, it.core)
            if ch is not None:
                f.change, cite = ch
                r.extra_cites.append(cite)
        if f.change is not None:
            r.polarity = "yes" if f.change > 0 else "no"
            r.text = ("是。" if f.change > 0 else "没有。") + f"{f.name}{fmt(f.value)}{f.unit}，比上年" + \
                     ("增加" if f.change >= 0 else "减少") + f"{fmt(abs(f.change))}{f.unit}。"
            return r
    if r.value is not None:
        r.polarity = "yes" if r.value > 0 else "no"
        r.text = ("有。" if r.value > 0 else "没有。") + r.text
    return r


def _cross(question: str, it: Intent, segs: list[str], records: list[Any], ws: Any) -> off.Result | None:
    """One figure per document, then compare / add / subtract in code."""
    picks = []
    for seg in segs:
        sc = docres.resolve(seg, records)
        if not sc.docs:
            return _not_found(question, sc.missing or "所问文件不在索引中")
        if sc.derived_prev:
            return None     # the year asked is not indexed: the next year's own '比上年' statement answers it
        df = doc_facts(ws, sc.docs[0].doc_id)
        sit = parse(seg + " " + question[len(seg):] if False else seg, sc.scope_words)
        phrase = sit.core or it.core
        # the figure named once for all parts: '…和…的三公经费预算' → use the question's own figure words
        shared = parse(question, docres.scope_words(records)).core
        if not re.search(r"[\u4e00-\u9fff]{2,}", re.sub(r"(年|和|与|比|的|科技局|哪个|高|多)", "", phrase)):
            phrase = shared
        uc = "amount" if it.op == "share" else (it.unit_class or "amount")  # a ratio of two amounts
        f = off.best(phrase if len(clean(phrase)) >= 3 else shared, df, uc)
        if f is None:
            f = off.best(shared, df, uc)
        if f is None or max(off.score(shared, f), off.score(phrase, f)) < 0.5:
            # one side of a comparison missing: say so, never answer from the other side alone
            return _not_found(question, f"{seg.strip('，,的 ')}没有所问的该项数据", df.source)
        picks.append((df, f))
    facts = [f for _, f in picks]
    if len({(f.doc_id, f.line, f.value) for f in facts}) < len(facts):
        return None         # both sides found the same figure: this is no comparison of two documents
    conv = off.in_unit(facts)
    if conv is None:
        return _not_found(question, "两边的数不是同一类单位，不能相加减或比较")
    vals, exprs, unit = conv
    names = [f"{df.d.meta.department or df.source}{df.d.meta.year or ''}年{df.d.meta.kind or ''}" for df, _ in picks]
    if it.op == "share" and len(vals) == 2 and vals[1]:
        v = round(vals[0] / vals[1] * 100, 2)
        return off.Result(True, f"{names[0]} {fmt(vals[0])} ÷ {names[1]} {fmt(vals[1])} ≈ {v:.2f}%。", value=v, unit="%",
                          calculation=f"{off.paren(exprs[0])}/{off.paren(exprs[1])}*100", figure="跨文件比例", facts=facts)
    if it.op == "sum":
        v = round(sum(vals), 2)
        return off.Result(True, " + ".join(f"{n} {fmt(x)}" for n, x in zip(names, vals)) + f" = {fmt(v)} {unit}。",
                          value=v, unit=unit, calculation=" + ".join(exprs),
                          figure="跨文件合计", facts=facts)
    if it.op == "diff" or (it.op == "compare" and len(vals) == 2):
        i = 0 if vals[0] >= vals[1] else 1
        v = round(abs(vals[0] - vals[1]), 2)
        return off.Result(True, f"{names[i]}更高：{fmt(vals[i])} 对 {fmt(vals[1 - i])}，高 {fmt(v)} {unit}。",
                          value=v, unit=unit, calculation=f"{exprs[i]} - {off.paren(exprs[1 - i])}",
                          figure="跨文件比较（差额）", facts=facts)
    i = max(range(len(vals)), key=lambda k: vals[k])
    return off.Result(True, f"{names[i]}最多：{fmt(vals[i], unit)}{unit}（" +
                      "，".join(f"{n} {fmt(x, unit)}" for n, x in zip(names, vals)) + "）。",
                      value=facts[i].value, unit=facts[i].unit, figure="跨文件比较（最大）", facts=facts)


def _text_fallback(question: str, it: Intent, df: DocFacts, ws: Any) -> off.Result | None:
    """Retrieved evidence: the number next to the question's words in the best chunk."""
    try:
        from budgetqa.retrieval.filters import SearchFilters

        hits = ws.search(question, k=5, filters=SearchFilters(doc_ids=[df.doc_id]))
    except Exception:
        return None
    for h in hits:
        text = norm(h.chunk.text.split("】", 1)[-1])
        # the number must stand right after the question's words, not merely in the same chunk
        ms = [m for m in mentions(text) if m.unit and (it.unit_class is None or unit_in_class(m.unit, it.unit_class))
              and coverage(it.core, re.split(r"[，。；;,、：:]", text[max(0, m.start - 40):m.start])[-1]) >= 0.6]
        if not ms:
            continue
        m = ms[0]
        loc = h.chunk.metadata.get("locator", "?")
        return off.Result(True, f"{fmt(m.value, m.unit)} {m.unit}。原文：{text[max(0, m.start - 60): m.end + 20]}",
                          value=m.value, unit=m.unit, figure="检索到的原文数字",
                          extra_cites=[Citation(doc=df.source, doc_id=df.doc_id, locator=loc,
                                                text=h.chunk.text.split("】", 1)[-1].strip())], doc=df.source)
    return None


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


def _to_answer(question: str, id: str | None, r: off.Result, ws: Any, t0: float) -> Answer:
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
    ans.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
    return ans


_SUBQ = re.compile(r"[？?]|[，,](?=[^，,？?]*(呢|吗|为啥|为什么|哪项|去的哪|怎么))")


def main_question(question: str) -> str:
    """The first sub-question carries the figure asked for ('X是多少？占…比例呢' → 'X是多少');
    the scope words of the whole question are kept in front if the first part lacks them."""
    parts = [p for p in _SUBQ.split(norm(question)) if p and p not in ("呢", "吗", "为啥", "为什么", "哪项", "去的哪", "怎么")]
    if len(parts) < 2:
        return question
    first = parts[0]
    if re.search(r"为(什么|啥).{0,4}比(上年|去年)", first) or not re.search(r"多少|几|哪|是否|有没有|吗|比例|占比|对", first):
        return question
    return first


def offline_result(question: str, ws: Any) -> off.Result:
    records = ws.docs()
    if not records:
        return off.Result(False, "索引中还没有文件。请先运行 `budgetqa ingest samples/`。")
    q = norm(question)
    segs = docres.segments(question, records)
    if len(segs) >= 2:
        it = parse(question, docres.scope_words(records))
        if it.op in ("lookup", "list"):
            it.op = "compare" if re.search(r"哪个|最", q) else "sum" if re.search(r"加起来|一共|合计|总共", q) else it.op
        if it.op in ("sum", "diff", "compare", "share"):
            r = _cross(question, it, segs, records, ws)
            if r is not None:
                return r
    if re.search(r"哪个.{0,8}(最多|最高|最大)|三个|几个.{0,6}(局|部门)里", q) and len(records) > 1:
        it = parse(question, docres.scope_words(records))
        it.op = "compare"
        regs = []
        for rec in records:
            if rec.region and rec.region not in regs and any(n in q for n in docres.region_names(rec.region, rec.department)):
                regs.append(rec.region)
        if len(regs) >= 2:
            segs = []
            for reg in regs:
                rec = next(x for x in records if x.region == reg)
                names = sorted(docres.region_names(reg, rec.department), key=len)
                segs.append(next(n for n in names if n in q))
            r = _cross(question, it, segs, records, ws)
            if r is not None:
                return r
    scope = docres.resolve(question, records)
    ys = sorted(set(docres.years_in(question)))
    prev_of = re.search(r"((那|则|那么)\s*(上年|去年)|(上年|去年)的)(?!结转|结余)([^，。？?]{0,12}?)(是|为|有)?多少", q)
    if scope.docs and not scope.derived_prev and len(ys) <= 1 and prev_of:
        # 'X增长77.37%，那上年X是多少': the previous year from this document's own 比上年 statement
        d0 = scope.docs[0]
        scope = docres.Scope(docs=[d0], year=(d0.year or 1) - 1, kind=d0.kind, derived_prev=True,
                             scope_words=scope.scope_words)
    if len(ys) == 2 and ys[1] == ys[0] + 1 and re.search(r"推", q) and scope.docs:
        same = {(d.region, d.department) for d in scope.docs}
        nxt = [d for d in records if d.year == ys[1] and (d.region, d.department) in same]
        nxt.sort(key=lambda d: d.kind != (scope.kind or "预算"))
        if nxt:
            scope = docres.Scope(docs=nxt[:1], year=ys[0], kind=nxt[0].kind, derived_prev=True,
                                 scope_words=scope.scope_words)
    if not scope.docs:
        return _not_found(question, scope.missing or "没有相符的文件")
    df = doc_facts(ws, scope.docs[0].doc_id)
    mq = main_question(question)
    y0 = scope.docs[0].year
    if y0 and not scope.derived_prev or (scope.derived_prev and y0 and scope.year == y0 - 1):
        # in a year-Y document, '比 Y−1 年' is its own '比上年' comparison (the template's wording)
        mq = re.sub(rf"(比|较|与|同){y0 - 1}\s*年度?(?:预算(?:执行数)?)?", r"\1上年", mq)
    it = parse(mq, scope.scope_words)
    if prev_of and scope.derived_prev and len(clean(prev_of.group(5))) >= 2:
        it.operands = [prev_of.group(5)]  # '那上年项目支出是多少': the figure is 项目支出
    if scope.alternatives:
        # 'at the end of year N' is stated by the N 决算 and restated by the N+1 预算: read the
        # one whose figures match the question best (ties keep the 决算)
        def top(d: DocFacts) -> float:
            r = off.rank(it.operands[0] if it.operands else it.core, d.facts, it.unit_class)
            return r[0][0] - (0.5 if _abstain_reason(question, it, d) else 0) if r else -9.0
        alts = [doc_facts(ws, a.doc_id) for a in scope.alternatives]
        best_df = max([df] + alts, key=lambda d: top(d) - (0 if d is df else 0.05))
        df = best_df
    if it.unit_class is None and mq != question:
        from .understand import unit_class

        it.unit_class = unit_class(norm(question))
    if it.yesno and not re.search(r"多少|几", q):
        it.unit_class = None
    m_why = re.search(r"(为(什么|啥)|咋|怎么)(会)?比(上年|去年).{0,4}(多|少|增加|减少|高|低|涨|降|增长|下降)", mq)
    if m_why and it.op == "lookup":
        core = re.sub(r"((为(什么|啥))|咋|怎么)?(会)?\s*比(上年|去年).*$", "", it.core)
        # '…为啥比上年少了？现在是多少' asks the figure; '…为啥多了，多了多少' asks the change
        asks_level = re.search(r"(是|有|现在|今年|本年|决算|预算)多少|多少钱", q) and not re.search(
            r"(多|少|增加|减少|涨|降)了?多少", q)
        f = off.best(core, df, "amount", need=lambda x: x.change is not None)
        if f is not None:
            # every passage giving this change (documents sometimes give two different reasons)
            more = [g for g in df.facts if g is not f and g.kind == "prose" and g.change is not None
                    and abs(g.value - f.value) < 0.005 and abs(g.change - f.change) < 0.005]
            return off.Result(True, f"{f.name}{fmt(f.value)}{f.unit}，比上年{'增加' if f.change >= 0 else '减少'}"
                                    f"{fmt(abs(f.change))}{f.unit}。原文：{f.clause.strip()}",
                              value=f.value if asks_level else abs(f.change), unit=f.unit,
                              figure=f.name if asks_level else f"{f.name}比上年增减额（原因见原文）", facts=[f, *more[:3]],
                              doc=df.source)
    why = _abstain_reason(question, it, df)
    if why:
        return _not_found(question, why, df.source)
    if scope.derived_prev and not re.search(r"预算|决算|结转|拨款|经费|支出|收入|花|执行|投入|安排|资金", q):
        return _not_found(question, f"{scope.year}年的该项数据（{df.source} 只给出本年目标/预算）", df.source)
    # '分别是什么项目' / '具体是哪些' ask for names, not for what a passage says
    describe = off.DESCRIBE.search(q) is not None and not re.search(r"分别|各是|都是|具体是哪|哪些|哪几个", q)
    numeric = re.search(r"多少|几[个家项人名辆次天]|比例|占比|是否|有没有|吗", mq) is not None
    if describe and not numeric and it.op not in ("share", "sum", "diff", "per_unit"):
        r = off.passage(it, df, q)
        if r is not None:
            return r
    r = _answer_single(question, it, df, scope, ws)
    if r is not None and describe and r.found:
        # a compound question ('有多少钱，用来做什么'): the passage that says what for, too
        line = r.facts[0].line if r.facts else None
        more = off.passage(parse(question, scope.scope_words), df, q, near_line=line)
        if more is not None:
            r.extra_cites.extend(more.extra_cites)
            if more.text not in r.text:
                r.text += more.text
    if r is None and (describe or it.op == "list"):
        # a list written as running text ('科技创新领军人才，…；外国高端人才，…；青年拔尖人才，…')
        r = off.passage(it, df, q, enumerated=not describe)
    if r is None and it.op not in ("list",) and not scope.derived_prev:
        r = off.indicator_row(df, q)  # an indicator named word for word, values like '1.95:1'
    if r is None and it.op not in ("list",) and not it.yesno and not scope.derived_prev:
        # (a derived previous-year figure never falls back to this year's number in a chunk)
        r = _text_fallback(question, it, df, ws)
    if it.yesno and it.op == "lookup":
        r = _yesno(it, r, q, df) if r is not None else (off.negative_statement(it, df) or off.Result(
            True, "没有。文件中没有该项的安排（未列出金额）。", polarity="no", doc=df.source))
    if r is None:
        return _not_found(question, "文件中没有能回答该问题的数据", df.source)
    if scope.derived_prev and r.figure and "上年" not in (r.figure or "") and r.figure != "原文段落":
        r.text += f"（注：{scope.year}年数由 {df.source} 推算）"
    r.doc = r.doc or df.source
    return r


def answer_question(question: str, ws: Any, settings: Any = None, id: str | None = None) -> Answer:
    """Answer one question from the indexed documents, with citations and verification."""
    t0 = time.perf_counter()
    from budgetqa.extract.script import to_simplified
    asked, question = question, to_simplified(question)   # 「巴州高企獎勵多少」 is asked as 「巴州高企奖励多少」
    r = offline_result(question, ws)
    ans = _to_answer(asked, id, r, ws, t0)
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
