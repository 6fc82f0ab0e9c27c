"""The executor: runs a typed `Query` over the fact catalog of the documents it names.

It never sees the question (and does not import the parser): which documents, which figure,
which operation and every cue come from the Query. Each operation is a function of
`qa/offline.py` over one document's facts; this module chooses the documents, runs the
operation on each, and combines across documents (rank, sum, difference, share, "each").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from budgetqa.core.answer import Citation
from budgetqa.core.normalize import norm, squash
from budgetqa.core.query import Query

from budgetqa.retrieval.workspace import LRU, MODEL_CACHE

from . import offline as off
from .facts import DocFacts, doc_view
from .text import clean, coverage, fmt, mentions, states_number, unit_in_class

_VIEWS = LRU(MODEL_CACHE)


def doc_facts(ws: Any, doc_id: str) -> DocFacts:
    """One document's stored catalog, model and lines; the views are cached with the same bound
    as the workspace's models, and rebuilt when the workspace loads the model anew."""
    d = ws.disclosure(doc_id)
    view = _VIEWS.get(d.doc_id)
    if view is None or view.d is not d:
        view = doc_view(d, ws.source(d.doc_id))
        _VIEWS.put(d.doc_id, view)
    return view


def _not_found(why: str, doc: str | None = None) -> off.Result:
    return off.Result(False, f"文件中没有找到：{why}。", doc=doc)


# ---- the operation each offline function expects -----------------------------------
_OLD = {"lookup": "lookup", "growth": "change", "list": "list", "per_unit": "per_unit", "rank": "compare",
        "share": "share", "difference": "diff", "sum": "sum", "filter": "list"}


@dataclass
class Ask:
    """One Query node as the per-document operations read it."""

    op: str
    operands: list[str]
    core: str
    unit_class: str | None = None
    stated: float | None = None
    check: bool = False
    yesno: bool = False
    actual: bool = False
    subject: str = ""           # what a passage should be about (question words removed)
    query: Query = field(default_factory=Query)

    @property
    def flags(self) -> dict:
        return {"less": self.query.has("less")}


def ask_of(query: Query) -> Ask:
    check, yesno = query.op == "check", query.op == "yes_no"
    node = query.operands[0] if (check or yesno) and query.operands else query
    op = _OLD.get(node.op, "lookup")
    if check and node.op == "growth":
        op = "growth_check"
    operands = [o.measure for o in node.operands] if node.operands else ([node.measure] if node.measure else [])
    return Ask(op=op, operands=operands, core=node.words, unit_class=node.unit_class,
               stated=query.stated if query.stated is not None else node.stated, check=check, yesno=yesno,
               actual=node.has("actual"), subject=node.subject, query=node)


# ---- abstaining: the question is about something the document does not hold --------
def _named_sub_unit(query: Query, df: DocFacts) -> str | None:
    """A subordinate unit or office the question names (not the department itself)."""
    dept = squash(df.d.meta.department or "")
    names = list(df.d.org.subordinate_units) + list(df.d.org.offices) if df.d.org else []
    for t in df.d.tables:
        names += [r.name for r in t.rows if r.level == 0 and not r.code and r.name
                  and re.search(r"(中心|所|站|院|馆|队)$", r.name)]
    for u in names:
        base = squash(re.sub(r"[（(].*?[）)]", "", u))
        if len(base) >= 6 and base in squash(query.phrase) and base != dept and not dept.startswith(base):
            return base
    return None


def absent_terms(query: Query, df: DocFacts) -> list[str]:
    """Content words of the question that the document never writes."""
    text = clean(df.src.text())
    out = []
    for w in query.terms:
        grams = [w[i:i + 2] for i in range(len(w) - 1)]
        if w not in text and sum(g in text for g in grams) / len(grams) < 0.5:
            out.append(w)
    return out


def abstain_reason(it: Ask, df: DocFacts) -> str | None:
    query = it.query
    if query.has("asks_person"):
        return "文件没有列出所问人员的姓名"
    if query.has("asks_names"):
        return "文件只给出数量，没有列出名单"
    if re.search(r"不予公开|完全不予公开", df.src.text()) and query.has("asks_use_detail"):
        hits = [l.text for l in df.src.lines if "不予公开" in l.text]
        key = query.codes
        if key and any(k in squash(h) for k in key for h in hits) or key and any(
                k in df.text and "不予公开" in df.text for k in key):
            return "该项目的用途与资金分配在文件中写明“不予公开”"
    unit = _named_sub_unit(query, df)
    if unit and it.op != "list" and not query.has("sub_unit_ok") and off.match_project(df, it.core) is None \
            and query.has("unit_figure"):
        # the template splits only 项目支出 and 结转结余 by unit; the rest is the department's total
        return f"文件没有分单位列示“{unit}”的该项数据（只给出全部门合计）"
    absent = absent_terms(query, df)
    if absent and any(len(a) >= 2 for a in absent):
        return f"文件中没有“{'、'.join(absent)}”的数据"
    return None


# ---- one document -----------------------------------------------------------------
_CHG = re.compile(r"(比上年|较上年|与上年相比)[^，。；]{0,10}?(增加|减少|持平|增长|下降)\s*(\d[\d,]*(?:\.\d+)?)?")


def _change_statement(df: DocFacts, phrase: str, value: float | None = None, subject_only: bool = False):
    """'…比上年增加 0.00 万元' in the sentence that best matches the phrase — and, given `value`,
    that states the figure itself, so a change is never borrowed from another subject's
    sentence: (signed change, citation)."""
    best, best_s = None, 0.0
    for p in df.d.paragraphs:
        for sent in re.split(r"(?<=[。；;])", norm(p.text)):
            m = _CHG.search(sent)
            if not m:
                continue
            before = [x for x in mentions(sent[:m.start()]) if x.unit in ("万元", "元", "亿元")]
            if value is not None and before and not states_number(sent[:m.start()], value):
                continue    # the change of another figure stated in this sentence
            # without a figure to anchor it, the words before the change must name the measure
            sc = coverage(phrase, sent[:m.start()] if subject_only else sent)
            if sc > best_s:
                best, best_s = (p, m, sent), sc
    if best is None or best_s < 0.6:
        return None
    p, m, sent = best
    v = float(m.group(3).replace(",", "")) if m.group(3) else 0.0
    sign = -1 if m.group(2) in ("减少", "下降") else 1
    # the source lines of that sentence (a paragraph's first lines may hold another one)
    key = clean(sent)
    lines = [n for n in p.line_numbers if clean(df.line(n)) and (clean(df.line(n))[:8] in key or key[:8] in clean(df.line(n)))]
    lines = list(range(lines[0], min(lines[0] + 4, p.line_numbers[-1] + 1))) if lines else p.line_numbers[:4]
    raw = "\n".join(df.line(n) for n in lines)
    return sign * v, Citation(doc=df.source, doc_id=df.doc_id, locator=str(p.loc), text=raw)


# ---- one function per operation, over one document's facts ---------------------------
def _op_lookup(it: Ask, df: DocFacts) -> off.Result | None:
    phrase = it.operands[0] if it.operands else it.core
    return off.lookup(it, df, phrase or it.core, derived_prev=it.query.scope.derived_prev)


def _op_growth(it: Ask, df: DocFacts) -> off.Result | None:
    """X's change on last year: the change stated beside X, or the sentence that states one for it."""
    r = off.change_from_last_year(it, df)
    g = off.best(it.operands[0] if it.operands else it.core, df, "amount")
    if g is not None and not it.query.has("asks_pct") and (
            r is None or off.score(it.core, g) - off.score(it.core, r.facts[0]) > 0.15):
        # the figure asked about carries no change of its own: the sentence that states one for it
        ch = _change_statement(df, it.operands[0] if it.operands else g.name, g.value) or \
            _change_statement(df, g.name, g.value)
        if ch is not None:
            v, cite = ch
            return off.Result(True, f"{g.name}{fmt(g.value)}{g.unit}，比上年{'增加' if v >= 0 else '减少'}"
                                    f"{fmt(abs(v))}{g.unit}。", value=abs(v), unit=g.unit,
                              figure=f"{g.name}比上年增减额（文中所述）", facts=[g], extra_cites=[cite], doc=df.source,
                              change=v)
    return r


def _op_sum(it: Ask, df: DocFacts) -> off.Result | None:
    return (off.sum_parts(it, df) if len(it.operands) >= 2 else None) or _op_lookup(it, df)


def _op_difference(it: Ask, df: DocFacts) -> off.Result | None:
    return off.diff_in_doc(it, df) or _op_lookup(it, df)


def _op_rank_rows(it: Ask, df: DocFacts) -> off.Result | None:
    """'哪个自评项目执行率最低' / '哪项支出最多': the rows of one document that state the measure
    (its best figure's peers: same table and column), ranked."""
    if it.query.rank is None:
        return _op_lookup(it, df)
    phrase = it.operands[0] if it.operands else it.core
    f0 = off.best(phrase, df, it.unit_class)
    # 'X里哪一项最多': the rows X adds up (its children), when the question names X itself
    kids = off.child_rows(df, f0) if f0 is not None and \
        off.coverage(re.sub(r"[\d\s.、]+|合计$", "", f0.name), phrase) >= 0.8 else []
    peers = kids if len(kids) >= 2 else (off.peer_rows(df, f0) if f0 is not None else [])
    if len(peers) < 2:
        return _op_lookup(it, df)
    high = it.query.rank == "max"
    ranked = sorted(peers, key=lambda f: f.value, reverse=high)
    top, word = ranked[0], "最高" if high else "最低"
    what = off.row_label(top)
    order = "；".join(f"{off.row_label(f)} {fmt(f.value, f.unit)}{f.unit}" for f in ranked[:5])
    return off.Result(True, f"{what}{word}：{fmt(top.value, top.unit)}{top.unit}。{'从高到低' if high else '从低到高'}："
                            f"{order}{'……' if len(ranked) > 5 else ''}（共 {len(ranked)} 项）。",
                      value=top.value, unit=top.unit, items=[off.row_label(f) for f in ranked],
                      figure=(f"{f0.name}下各项：" if peers is kids else "") + f"{off.describe(top)}（{len(ranked)} 项中{word}）",
                      facts=ranked[:5], doc=df.source)


# the operation each Query op runs in one document (rank and filter across rows are lookups of
# the figure here; across documents `rank_documents` / `filter_rows` combine them)
OPS = {"lookup": _op_lookup, "compare": _op_rank_rows, "change": _op_growth, "sum": _op_sum, "diff": _op_difference,
       "share": off.share, "per_unit": off.per_unit, "list": off.list_answer, "growth_check": off.growth_check}

# a measure that names something other than a template figure, each read by its own function
# and chosen by the Query (its `field`, or a cue the parser set)
NAMED_MEASURES = (
    (lambda q, op: bool(q.field), off.project_field),              # X项目的政策依据 / 实施期限
    (lambda q, op: q.has("which_item"), off.item_by_amount),         # 那笔54.27万是什么项目
    (lambda q, op: q.has("children"), off.row_children),             # X支出具体分哪几项
    (lambda q, op: q.has("each"), off.each_of),                      # A和B分别多少
    (lambda q, op: q.has("allocation_sum"), off.allocation_sum),     # X的明细加起来是多少
    (lambda q, op: q.has("non_fiscal_projects") and (op == "list" or (op in ("sum", "lookup") and q.unit_class == "amount")),
     off.non_fiscal_projects),                                       # 用单位资金安排的项目
)


def _answer_single(it: Ask, df: DocFacts) -> off.Result | None:
    for applies, read in NAMED_MEASURES:
        if applies(it.query, it.op):
            r = read(it, df)
            if r is not None:
                return r
    return OPS.get(it.op, _op_lookup)(it, df)


_MET = {">=": lambda a, t: a >= t - 1e-9, ">": lambda a, t: a > t, "<=": lambda a, t: a <= t + 1e-9,
        "<": lambda a, t: a < t, "=": lambda a, t: abs(a - t) < 1e-9}


def _target_met(it: Ask, r: off.Result, df: DocFacts) -> off.Result | None:
    """'…的目标达到了吗 / 达标没有': a 绩效自评 row's 实际完成值 against its 年度指标值 and operator."""
    if not it.query.has("target_met"):
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


def _yesno(it: Ask, r: off.Result | None, df: DocFacts | None = None) -> off.Result | None:
    if r is None:
        return None
    if df is not None and r.facts:
        met = _target_met(it, r, df)
        if met is not None:
            return met
    if it.query.has("more_than_last") and r.facts:
        f = r.facts[0]
        if f.change is None and df is not None:
            g = off.best(it.core, df, "amount", need=lambda x: x.change is not None and abs(x.value - f.value) < 0.005)
            f = g or f
        if f.change is None and df is not None:
            # the change stated of this figure, else the one the document states of the measure
            phrase = it.query.before_change or it.core
            ch = _change_statement(df, phrase, f.value, subject_only=True) or _change_statement(df, phrase, subject_only=True)
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
        if it.query.has("compares"):
            # 'A比B高吗 / 花超了吗' asks a comparison this figure alone does not make
            r.unproven = "问题要比较两个数，答案只查到其中一个，是或否未经计算"
        elif r.polarity == "yes" and not _names_measure(it.query.measure or it.core, r):
            # '有没有X' answered 有 by a figure whose label does not name X: X's own figure may be 0
            r.unproven = "所引的数的名称与所问项目不符，不能据此说“有”"
    return r


def _sum_equals(it: Ask, r: off.Result, df: DocFacts) -> off.Result | None:
    """'A加B正好等于总计吗': the parts' sum against the document's own total, compared in code.
    None when the total is not found (the sum alone answers nothing asked)."""
    context = " ".join(w for w in it.core.split() if "等于" not in w and w not in (it.query.equals or ""))
    total = off.best(f"{it.query.equals} {context}", df, "amount",
                     need=lambda g: all(g is not f for f in r.facts))
    if total is None or not r.facts or r.value is None:
        return None
    conv = off.in_unit([*r.facts, total])
    if conv is None:
        return None
    vals, exprs, unit = conv
    gap = round(sum(vals[:-1]) - vals[-1], 2)
    same = abs(gap) < 0.005
    parts = " + ".join(f"{f.name} {fmt(f.value)}" for f in r.facts)
    text = (f"是，相等。{parts}，与{total.name} {fmt(total.value)}{total.unit}一致。" if same else
            f"否，不完全相等。{parts}，比{total.name} {fmt(total.value)}{total.unit}"
            f"{'多' if gap > 0 else '少'} {fmt(abs(gap))} {unit}"
            f"{'（分项四舍五入可致的差）' if abs(gap) <= 0.01 * len(r.facts) else ''}。")
    return off.Result(True, text, value=abs(gap), unit=unit, polarity="yes" if same else "no",
                      calculation=" + ".join(exprs[:-1]) + f" - {off.paren(exprs[-1])}" if gap >= 0 else
                      f"{off.paren(exprs[-1])} - ({' + '.join(exprs[:-1])})",
                      figure=f"{'、'.join(f.name for f in r.facts)}之和与{total.name}之差", facts=[*r.facts, total],
                      doc=df.source)


def _names_measure(measure: str, r: off.Result) -> bool:
    """Every word of the measure (by its bigrams) written in the cited figure's label."""
    if not r.facts:
        return False
    f = r.facts[0]
    # a prose figure's label carries its section path: only its own name says what it is
    label = f.name if f.kind == "prose" else off.describe(f)
    words = [w for w in re.split(r"\s+", measure) if len(w) >= 2]
    return bool(words) and all(coverage(w, label) >= 0.5 for w in words)


def _changed(it: Ask, r: off.Result) -> off.Result:
    """'比上年增加了吗 / 减少了吗 / 有变化吗' over a stated change: yes or no by its sign."""
    v = r.change or 0.0
    if it.query.has("more_than_last"):
        yes = v > 0.005
    elif it.query.has("less"):
        yes = v < -0.005
    else:
        yes = abs(v) > 0.005
    r.polarity = "yes" if yes else "no"
    directed = it.query.has("more_than_last") or it.query.has("less")
    head = ("是。" if yes else "没有。") if directed else ("有变化。" if yes else "没有变化。")
    r.text = head + r.text
    return r


def _text_fallback(it: Ask, df: DocFacts, ws: Any) -> off.Result | None:
    """Retrieved evidence: the number next to the question's words in the best chunk."""
    try:
        from budgetqa.retrieval.filters import SearchFilters

        hits = ws.search(it.query.phrase, k=5, filters=SearchFilters(doc_ids=[df.doc_id]))
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


def _why_change(it: Ask, df: DocFacts) -> off.Result | None:
    """'X为什么比上年少了': X with its stated change and the passage(s) giving the reason."""
    q = it.query
    f = off.best(q.subject, df, "amount", need=lambda x: x.change is not None)
    if f is None:
        return None
    # every passage giving this change (documents sometimes give two different reasons)
    more = [g for g in df.facts if g is not f and g.kind == "prose" and g.change is not None
            and abs(g.value - f.value) < 0.005 and abs(g.change - f.change) < 0.005]
    asks_level = q.has("asks_level")
    return off.Result(True, f"{f.name}{fmt(f.value)}{f.unit}，比上年{'增加' if f.change >= 0 else '减少'}"
                            f"{fmt(abs(f.change))}{f.unit}。原文：{f.clause.strip()}",
                      value=f.value if asks_level else abs(f.change), unit=f.unit,
                      figure=f.name if asks_level else f"{f.name}比上年增减额（原因见原文）", facts=[f, *more[:3]],
                      doc=df.source)


def _passes(query: Query, f) -> bool:
    p = query.predicate
    if p.kind == "change":
        return f.change is not None and abs(f.change) > 0.005 and (f.change < 0) == (p.direction == "down")
    factor = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}
    v = f.value * factor.get(f.unit, 1.0)
    t = (p.value or 0) * factor.get(p.unit or "万元", 1.0)
    return {">": v > t, ">=": v >= t - 1e-9, "<": v < t, "<=": v <= t + 1e-9}[p.compare or ">"]


def _project_table_rows(df: DocFacts) -> list[Any]:
    """The rows of a table of projects the catalogue does not know ('项目支出表', '项目支出预算表'):
    each row's first value column, its total and its 绩效 tables left out."""
    return [f for f in df.facts if f.kind == "cell" and f.main_col and not f.is_total
            and not re.match(r"^\s*(?:合\s*计|总\s*计|小\s*计)", f.name)
            and re.search(r"项目(?:支出)?[^表，。]{0,6}表", f.context or "") and "绩效" not in (f.context or "")]


def filter_rows(query: Query, df: DocFacts) -> off.Result | None:
    """'哪些科目比上年减少了' / '超过100万元的项目有哪些': every stated figure of the kind asked whose
    change (or amount) passes the predicate, named with its figure."""
    wants_projects = "项目" in query.measure
    if query.predicate.kind == "change":
        pool = [f for f in df.facts if f.change is not None and f.kind in ("prose", "model")]
        m = query.measure.replace("项目", "")
        if any(w in m for w in ("科目", "类", "款", "项")):
            # 科目 are the 类 / 款 / 项 of the functional classification, as the prose names them
            pool = [f for f in pool if re.search(r"（(类|款|项)）", f.name)] or pool
    elif wants_projects:
        pool = [f for f in df.facts if f.kind == "model" and f.name.endswith("预算安排规模")] or \
            off._project_rows(df, "gpb_project") or _project_table_rows(df)
    else:
        pool = [f for f in df.facts if f.kind == "prose" and f.unit in ("万元", "元", "亿元") and "（项）" in f.name]
    if query.measure.strip() and not wants_projects:
        scored = [(off.score(query.measure, f), f) for f in pool]
        pool = [f for s, f in scored if s >= 0.2] or pool
    kept, seen = [], set()
    for f in sorted(pool, key=lambda g: g.line):
        name = re.sub(r"^[、，,\s\d]+|\s*预算安排规模$|\s*\d{0,4}\s*年?(预算|决算)数?为$", "", f.name).strip()
        name = re.sub(r"\s+\d{5,7}\s.*$", "", name)      # a project row's 科目 written after its name
        key = (round(f.value, 2), None if f.change is None else round(f.change, 2))
        if name in seen or key in seen or not _passes(query, f):
            continue
        seen.update({name, key})
        kept.append((name, f))
    if not pool:
        return None
    if not kept:
        return off.Result(True, "没有符合条件的项。", items=[], figure="按条件筛选（无）", doc=df.source,
                          facts=[], value=0, unit="项")
    def what(f) -> str:
        if query.predicate.kind == "change":
            return f"比上年{'减少' if f.change < 0 else '增加'} {fmt(abs(f.change), f.unit)}{f.unit}"
        return f"{fmt(f.value, f.unit)}{f.unit}"
    items = [name for name, _ in kept]
    text = f"共 {len(items)} 项：" + "；".join(f"{n}（{what(f)}）" for n, f in kept) + "。"
    return off.Result(True, text, items=items, figure="按条件筛选的项", facts=[f for _, f in kept][:40],
                      doc=df.source)


def in_document(query: Query, df: DocFacts, ws: Any) -> off.Result:
    """Run a single-document Query on `df`."""
    if query.op == "filter" and query.predicate is not None:
        r = filter_rows(query, df)
        if r is not None:
            return r
    it = ask_of(query)
    scope = query.scope
    if it.query.has("why_change") and it.op == "lookup":
        r = _why_change(it, df)
        if r is not None:
            return r
    if it.query.has("asks_person"):
        r = off.named_person(it, df)     # a name the document does write, before saying it writes none
        if r is not None:
            return r
    why = abstain_reason(it, df)
    if why:
        return _not_found(why, df.source)
    if scope.derived_prev and not it.query.has("money_words"):
        return _not_found(f"{scope.year}年的该项数据（{df.source} 只给出本年目标/预算）", df.source)
    # '分别是什么项目' / '具体是哪些' ask for names, not for what a passage says
    describe = it.query.has("describe")
    numeric = it.query.has("numeric")
    if describe and not numeric and it.op not in ("share", "sum", "diff", "per_unit") \
            and not (it.op == "compare" and it.query.rank):
        r = off.passage(it, df)
        if r is not None:
            return r
    r = _answer_single(it, df)
    if r is not None and describe and r.found:
        # a compound question ('有多少钱，用来做什么'): the passage that says what for, too
        line = r.facts[0].line if r.facts else None
        whole = Ask(op="lookup", operands=[], core=it.query.whole_words or it.core, unit_class=it.unit_class,
                    subject=it.query.whole_subject or it.subject, query=it.query)
        more = off.passage(whole, df, near_line=line)
        if more is not None:
            r.extra_cites.extend(more.extra_cites)
            if more.text not in r.text:
                r.text += more.text
    if r is None and (describe or it.op == "list"):
        # a list written as running text ('科技创新领军人才，…；外国高端人才，…；青年拔尖人才，…')
        r = off.passage(it, df, enumerated=not describe)
    if r is None and it.op not in ("list",) and not scope.derived_prev:
        r = off.indicator_row(it, df)  # an indicator named word for word, values like '1.95:1'
    if r is None and it.op not in ("list",) and not it.yesno and not scope.derived_prev:
        # (a derived previous-year figure never falls back to this year's number in a chunk)
        r = _text_fallback(it, df, ws)
    if it.yesno and it.op == "change" and r is not None and r.found and r.change is not None:
        r = _changed(it, r)
    if it.yesno and it.op == "diff" and r is not None and r.found and r.value is not None and r.calculation:
        # 'A是不是比B多（少）': the difference was computed in the order asked; its sign answers
        r.polarity = "yes" if r.value > 0 else "no"
        r.text = ("是。" if r.value > 0 else "否。") + r.text
    if it.yesno and it.op == "sum" and it.query.equals and r is not None and r.found:
        r = _sum_equals(it, r, df) or r
    if it.yesno and it.op == "lookup" and r is not None and r.found and r.facts:
        # a figure that is not what was asked, beside a sentence saying there is none of it
        # ('不属于机关运行经费统计范围，无机关运行经费预算'): the sentence answers
        f0 = r.facts[0]
        if off.coverage(it.query.negation_subject, f"{f0.name} {f0.column or ''}") < 0.5:
            r = off.negative_statement(it, df) or r
    if it.yesno and it.op == "lookup":
        r = _yesno(it, r, df) if r is not None else (off.negative_statement(it, df) or off.Result(
            True, "没有。文件中没有该项的安排（未列出金额）。", polarity="no", doc=df.source))
    if r is None:
        return _not_found("文件中没有能回答该问题的数据", df.source)
    if scope.derived_prev and r.figure and "上年" not in (r.figure or "") and r.figure != "原文段落":
        r.text += f"（注：{scope.year}年数由 {df.source} 推算）"
    r.doc = r.doc or df.source
    return r


def _pick_document(query: Query, ws: Any) -> DocFacts:
    """The document to answer from; among documents stating the same point in time, the one
    whose figures match the Query best (ties keep the first)."""
    df = doc_facts(ws, query.scope.doc_ids[0])
    if not query.scope.alternatives:
        return df
    it = ask_of(query)

    def top(d: DocFacts) -> float:
        r = off.rank(it.operands[0] if it.operands else it.core, d.facts, it.unit_class)
        return r[0][0] - (0.5 if abstain_reason(it, d) else 0) if r else -9.0
    alts = [doc_facts(ws, a) for a in query.scope.alternatives]
    return max([df] + alts, key=lambda d: top(d) - (0 if d is df else 0.05))


# ---- across documents ---------------------------------------------------------------
def _label(df: DocFacts) -> str:
    m = df.d.meta
    return f"{m.department or df.source}{m.year or ''}年{getattr(m, 'scope', None) or ''}{m.kind or ''}"


def across(query: Query, ws: Any) -> off.Result | None:
    """One figure per operand document, then compare / add / subtract / divide in code."""
    picks = []
    for o in query.operands:
        if not o.scope.doc_ids:
            return _not_found(o.scope.missing or "所问文件不在索引中")
        df = doc_facts(ws, o.scope.doc_ids[0])
        uc = o.unit_class or "amount"
        f = off.best(o.measure, df, uc) or off.best(query.measure, df, uc)
        if f is None or max(off.score(query.measure, f), off.score(o.measure, f)) < 0.5:
            # one side of a comparison missing: say so, never answer from the other side alone
            return _not_found(f"{_label(df)}没有所问的该项数据", df.source)
        picks.append((df, f))
    facts = [f for _, f in picks]
    if len({(f.doc_id, f.line, f.value) for f in facts}) < len(facts):
        return None         # both sides found the same figure: this is no comparison of two documents
    conv = off.in_unit(facts)
    if conv is None:
        return _not_found("两边的数不是同一类单位，不能相加减或比较")
    vals, exprs, unit = conv
    names = [_label(df) for df, _ in picks]
    op = query.op
    if op == "yes_no":
        # 'A和B都没有X吧': yes when every figure is nil (or, without the nil, when none is)
        nil = [abs(v) < 0.005 for v in vals]
        yes = all(nil) if query.stated == 0.0 else not any(nil)
        rows = "；".join(f"{n}：{f.name} {fmt(f.value, f.unit)}{f.unit}" for n, f in zip(names, facts))
        return off.Result(True, f"{'是' if yes else '否'}。{rows}。", polarity="yes" if yes else "no",
                          figure=f"{facts[0].name}（各文件）", facts=facts)
    if op == "lookup":
        # 'A、B、C各自的X': each document's own figure, cited; no one figure stands for them all
        same = len({(round(f.value, 2), f.unit) for f in facts}) == 1
        rows = "；".join(f"{n}：{f.name} {fmt(f.value, f.unit)}{f.unit}" for n, f in zip(names, facts))
        return off.Result(True, f"{_cn(len(facts))}个文件分别是：{rows}。", value=facts[0].value if same else None,
                          unit=facts[0].unit if same else None, figure=f"{facts[0].name}（各文件）", facts=facts,
                          items=[f"{n} {fmt(f.value, f.unit)}{f.unit}" for n, f in zip(names, facts)])
    if op == "share" and len(vals) == 2 and vals[1]:
        v = round(vals[0] / vals[1] * 100, 2)
        return off.Result(True, f"{names[0]} {fmt(vals[0])} ÷ {names[1]} {fmt(vals[1])} ≈ {v:.2f}%。", value=v, unit="%",
                          calculation=f"{off.paren(exprs[0])}/{off.paren(exprs[1])}*100", figure="跨文件比例", facts=facts)
    if op == "sum":
        v = round(sum(vals), 2)
        return off.Result(True, " + ".join(f"{n} {fmt(x, unit)}" for n, x in zip(names, vals)) + f" = {fmt(v, unit)} {unit}。",
                          value=v, unit=unit, calculation=" + ".join(exprs), figure="跨文件合计", facts=facts)
    if op == "difference" and query.has("compares") and len(vals) == 2:
        # 'A的X比B的高吗': yes or no by the sign of A − B, both figures cited
        less = query.has("less")
        yes = vals[0] < vals[1] - 1e-9 if less else vals[0] > vals[1] + 1e-9
        v = round(vals[0] - vals[1], 2)
        hi = 0 if vals[0] >= vals[1] else 1
        word = "低" if less else "高"
        return off.Result(True, f"{'是' if yes else '不是'}。{names[0]} {fmt(vals[0], unit)}{unit}，{names[1]} "
                                f"{fmt(vals[1], unit)}{unit}，相差 {fmt(abs(v), unit)} {unit}（问的是前者是否更{word}）。",
                          value=abs(v), unit=unit, calculation=f"{exprs[hi]} - {off.paren(exprs[1 - hi])}",
                          figure="跨文件比较（差额）", facts=facts, polarity="yes" if yes else "no")
    if op == "difference" or (op == "rank" and len(vals) == 2 and query.rank_over != "documents_all"):
        i = 0 if vals[0] >= vals[1] else 1
        v = round(abs(vals[0] - vals[1]), 2)
        if op == "rank":
            # '谁的X高': the answer is who, and the figure is theirs; the gap is said beside it
            return off.Result(True, f"{names[i]}更高：{fmt(vals[i], unit)} {unit}（{names[1 - i]} {fmt(vals[1 - i], unit)} {unit}，"
                                    f"高 {fmt(v, unit)} {unit}）。", value=vals[i], unit=unit,
                              figure="跨文件比较", facts=facts, items=[names[i]])
        return off.Result(True, f"{names[i]}更高：{fmt(vals[i], unit)} 对 {fmt(vals[1 - i], unit)}，高 {fmt(v, unit)} {unit}。",
                          value=v, unit=unit, calculation=f"{exprs[i]} - {off.paren(exprs[1 - i])}",
                          figure="跨文件比较（差额）", facts=facts)
    pick = min if query.rank == "min" else max
    i = pick(range(len(vals)), key=lambda k: vals[k])
    word = "最少" if query.rank == "min" else "最多"
    return off.Result(True, f"{names[i]}{word}：{fmt(vals[i], unit)}{unit}（" +
                      "，".join(f"{n} {fmt(x, unit)}" for n, x in zip(names, vals)) + "）。",
                      value=facts[i].value, unit=facts[i].unit, figure=f"跨文件比较（{word}）", facts=facts)


def _candidates(query: Query, ws: Any) -> list[Any]:
    """Every indexed document the Query's scope admits (year, kind, 部门/单位 when it names them)."""
    sc = query.scope
    pool = ws.docs()
    if len(sc.doc_ids) >= 2:
        pool = [d for d in pool if d.doc_id in sc.doc_ids]
    out = [d for d in pool if (sc.year is None or d.year == sc.year) and (sc.kind is None or d.kind == sc.kind)
           and (sc.scope is None or getattr(d, "scope", None) in (None, sc.scope))]
    if sc.scope != "单位":
        # a 单位预算 restates part of its department's 部门预算: one figure per department
        whole = {(d.department, d.year, d.kind) for d in out if getattr(d, "scope", None) != "单位"}
        out = [d for d in out if getattr(d, "scope", None) != "单位" or (d.department, d.year, d.kind) not in whole]
    return out


def _figure_in(node: Query, df: DocFacts, min_score: float) -> Any:
    it = ask_of(node)
    if abstain_reason(it, df):
        return None
    phrase = it.operands[0] if it.operands else it.core
    f = off.best(phrase or it.core, df, it.unit_class or "amount")
    return f if f is not None and off.score(phrase or it.core, f) >= min_score else None


def _figure_per_document(query: Query, ws: Any, min_score: float) -> list[tuple[DocFacts, Any]]:
    """The measure's figure in each document in scope that states it (score ≥ min_score)."""
    picks = []
    for rec in _candidates(query, ws):
        df = doc_facts(ws, rec.doc_id)
        f = _figure_in(query, df, min_score)
        if f is not None:
            picks.append((df, f))
    return picks


def rank_documents(query: Query, ws: Any) -> off.Result | None:
    """'哪个部门的X最高' with no document named: X in every document in scope, ranked."""
    picks = _figure_per_document(query, ws, 0.5)
    conv = off.in_unit([f for _, f in picks]) if len(picks) >= 2 else None
    if conv is None:
        return None
    vals, _, unit = conv
    order = sorted(range(len(picks)), key=lambda k: vals[k], reverse=query.rank != "min")
    word = "最少" if query.rank == "min" else "最多"
    top_df, top = picks[order[0]]
    rows = "；".join(f"{_label(picks[i][0])} {fmt(picks[i][1].value, picks[i][1].unit)}{picks[i][1].unit}" for i in order)
    head = f"{_label(top_df)}{word}：{fmt(top.value, top.unit)}{top.unit}（{top.name}）。"
    return off.Result(True, head + ("从少到多：" if query.rank == "min" else "从多到少：") + rows + "。",
                      value=top.value, unit=top.unit, figure=f"{top.name}（{len(picks)} 个文件中{word}）",
                      facts=[picks[i][1] for i in order], doc=top_df.source)


def each_document(query: Query, ws: Any, picks: list | None = None) -> off.Result | None:
    """A question that names no document while several state the figure: every one of them,
    never one silently. None when at most one document states it."""
    picks = _figure_per_document(query, ws, 0.6) if picks is None else picks
    if len(picks) == 1:
        return in_document(query, picks[0][0], ws)   # the one document that states it
    if not picks:
        return None
    same = len({(round(f.value, 2), f.unit) for _, f in picks}) == 1
    rows = "；".join(f"{_label(df)}：{f.name} {fmt(f.value, f.unit)}{f.unit}" for df, f in picks)
    # the count is said in words: a bare '3' would be one more figure for the verifier to find
    head = "问题没有指明文件；" + (f"{_cn(len(picks))}个文件所列相同：" if same else f"{_cn(len(picks))}个文件分别是：")
    return off.Result(True, head + rows + "。", value=picks[0][1].value if same else None,
                      unit=picks[0][1].unit if same else None, figure=f"{picks[0][1].name}（各文件）",
                      facts=[f for _, f in picks], doc="、".join(df.source for df, _ in picks))


def _cn(n: int) -> str:
    return "零一两三四五六七八九十"[n] if 0 <= n <= 10 else str(n)


def _without_department(name: str, df: DocFacts) -> str:
    dep = df.d.meta.department or ""
    return name.replace(dep, "").strip() or name if dep else name


def sum_documents(query: Query, ws: Any, picks: list | None = None) -> off.Result | None:
    """'三个科技局的X加起来多少': X in each document in scope, added in code, every one cited.
    None when fewer than two documents state it or their units cannot be added."""
    picks = _figure_per_document(query, ws, 0.6) if picks is None else picks
    conv = off.in_unit([f for _, f in picks]) if len(picks) >= 2 else None
    if conv is None:
        return None
    vals, exprs, unit = conv
    total = round(sum(vals), 2)
    name = _without_department(picks[0][1].name, picks[0][0])
    rows = " + ".join(f"{_label(df)} {fmt(v, unit)}" for (df, _), v in zip(picks, vals))
    return off.Result(True, f"{_cn(len(picks))}个文件的{name}加起来 {fmt(total, unit)} {unit}：{rows}。",
                      value=total, unit=unit, calculation=" + ".join(exprs),
                      figure=f"{name}（{_cn(len(picks))}个文件之和）",
                      facts=[f for _, f in picks], doc="、".join(df.source for df, _ in picks))


def execute(query: Query, ws: Any) -> off.Result:
    """The Query's answer with the facts it used — never a figure from outside its scope."""
    if query.across:
        r = across(query, ws)
        if r is not None:
            return r
        if query.otherwise is not None:
            return execute(query.otherwise, ws)
        return _not_found("没有相符的文件")
    if (query.scope.all_docs or query.scope.several or query.rank_over == "documents") and not query.scope.derived_prev:
        if query.op == "rank":
            r = rank_documents(query, ws)
            if r is not None:
                return r
        elif query.op == "lookup" or (query.op == "sum" and len(query.operands) <= 1):
            # the figure in each document in scope, found once: added up when asked, else listed
            picks = _figure_per_document(query, ws, 0.6)
            r = sum_documents(query, ws, picks) if query.op == "sum" and query.has("adds_up") else None
            r = r or each_document(query, ws, picks)
            if r is not None:
                return r
    if not query.scope.doc_ids:
        if not ws.docs():
            return off.Result(False, "索引中还没有文件。请先运行 `budgetqa ingest samples/`。")
        return _not_found(query.scope.missing or "没有相符的文件")
    df = _pick_document(query, ws)
    r = in_document(query, df, ws)
    if not r.found and query.scope.scope is None:
        # 部门预算 covers its units, 单位预算 describes the organ itself (its offices, their
        # duties): what one does not state, its sibling of the same year and kind may
        for sib in _siblings(df, ws):
            r2 = in_document(query, doc_facts(ws, sib.doc_id), ws)
            if r2.found:
                query.scope.alternatives.append(sib.doc_id)
                r2.text += f"（{df.source} 未写，据同年{getattr(sib, 'scope', '') or ''}预算 {sib.source}）"
                return r2
    return r


def _siblings(df: DocFacts, ws: Any) -> list[Any]:
    """The other scope's documents of the same department, year and kind (部门 for 单位 and back);
    copies of one disclosure (the same figures' fingerprint) count once."""
    m = df.d.meta
    out, seen = [], set()
    for d in ws.docs():
        if d.doc_id != df.doc_id and d.department == m.department and d.year == m.year and d.kind == m.kind \
                and getattr(d, "scope", None) != getattr(m, "scope", None):
            key = getattr(d, "fingerprint", None) or d.doc_id
            if key not in seen:
                seen.add(key)
                out.append(d)
    return out
