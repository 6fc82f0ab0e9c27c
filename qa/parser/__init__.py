"""The question parser: the only code in qa/ that reads a question's text. It writes a `Query`.

`parse_query(question, records)` resolves the documents the question is about against the
index's records (`scope.py`), reads what it asks (`words.py`: operation, the figure's words,
the unit it expects) and the cues the executor needs (`cues.py`). Everything downstream —
the executor, the verifier, the presenters — works from the Query alone.
"""
from __future__ import annotations

import re
from typing import Any

from budgetqa.core.normalize import norm
from budgetqa.core.aliases import ALIASES
from budgetqa.core.query import DocScope, Predicate, Query

from . import scope as sc
from .cues import CUE_WORDS, read_cues
from .words import _VOCAB
from .words import Intent, parse as read_intent, unit_class

__all__ = ["parse_query", "read_intent"]

# the executor's op names for the reader's
_OPS = {"lookup": "lookup", "change": "growth", "list": "list", "per_unit": "per_unit", "compare": "rank",
        "share": "share", "growth_check": "growth", "diff": "difference", "sum": "sum", "each": "lookup"}

_SUBQ = re.compile(r"[？?]|[，,](?=[^，,？?]*(呢|吗|为啥|为什么|哪项|去的哪|怎么))")
# '那上年X是多少' / '上年X是多少' / '上一年（2023年）的X': X of the year before the document's ('比上年' compares)
_PREV_OF = re.compile(r"((那|则|那么)\s*(上一?年|去年)|(?<![比较与同])(上一?年|去年)度?\s*([（(]\s*\d{4}\s*年?度?\s*[）)])?的?)"
                      r"(?!结转|结余|末|初|同期|实际|完成|指标)(?P<m>[^，。？?]{0,40}?)(是|为|有)?(多少|几)")
_WHY = re.compile(r"(为(什么|啥)|咋|怎么)(会)?比(上年|去年).{0,4}(多|少|增加|减少|高|低|涨|降|增长|下降)")


def _names_a_figure(words: str) -> bool:
    """'上年项目支出' names the figure after 上年; '项目支出上一年预算' names it before ('预算' alone
    is the column, not a figure)."""
    rest = re.sub(r"预算数?|决算数?|执行数|安排|的|钱|数|金额|资金|经费|来着|大概|大约", "", words)
    return len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", rest)) >= 2


def main_question(question: str) -> str:
    """The first sub-question carries the figure asked for ('X是多少？占…比例呢' → 'X是多少')."""
    parts = [p for p in _SUBQ.split(norm(question)) if p and p not in ("呢", "吗", "为啥", "为什么", "哪项", "去的哪", "怎么")]
    if len(parts) < 2:
        return question
    first = parts[0]
    if re.search(r"为(什么|啥).{0,4}比(上年|去年)", first) or not re.search(r"多少|几|哪|是否|有没有|吗|比例|占比|对", first):
        return question
    return first


def _doc_scope(s: sc.Scope, question: str, records: list[Any], group: bool = False) -> DocScope:
    f = sc.filters_from_question(question, records)
    named = bool(f.region or f.department or sc._named_departments(norm(question), records)
                 or sc.named_in(norm(question)))
    several = group and named and len(s.group) >= 2     # naming nothing, every document fits (all_docs)
    ids = [sc._get(d, "doc_id") for d in (s.group if several else s.docs)]
    scopes = sc.scopes_in(question)
    year, kind = s.year, s.kind
    if several:      # the group's documents may differ in year and kind: each one's own holds
        year = year if len({sc._get(d, "year") for d in s.group}) == 1 else None
        kind = kind if len({sc._get(d, "kind") for d in s.group}) == 1 else None
    return DocScope(doc_ids=ids, alternatives=[sc._get(d, "doc_id") for d in s.alternatives], year=year,
                    kind=kind if kind in ("预算", "决算") else None,
                    scope=scopes[0] if len(scopes) == 1 and scopes[0] in ("部门", "单位") else None,
                    derived_prev=s.derived_prev, named=named, missing=s.missing,
                    scope_words=sorted(s.scope_words), all_docs=not named and len(records) > 1,
                    several=several)


_LISTING = re.compile(r"哪些|哪几|有哪|都有什么|列出|分别是")
_CHANGE_FILTER = re.compile(r"(比上年|较上年|同比|与上年相比)[^，。？?]{0,4}?(减少|下降|压减|增加|增长|上升)了?(的|[？?]?$)|"
                            r"(减少|下降|压减|增加|增长|上升)了?的")
_THRESHOLD = re.compile(r"(达到或超过|达到或高于|超过|大于|高于|多于|不少于|不低于|至少|达到|少于|低于|小于|不超过|不到)\s*"
                        r"(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|万)(及以上|或以上|以上|以下)?的?")
# '100万元以上的': 以上 / 以下 include the figure itself, as official usage reads them
_BARE_THRESHOLD = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|万)(及以上|或以上|以上|及以下|或以下|以下)的?")
_COMPARE = {"达到或超过": ">=", "达到或高于": ">=", "超过": ">", "大于": ">", "高于": ">", "多于": ">", "不少于": ">=",
            "不低于": ">=", "至少": ">=", "达到": ">=", "少于": "<", "低于": "<", "小于": "<", "不超过": "<=", "不到": "<"}


_ROLE = re.compile(r"(项目负责人|负责人|联系人|法定代表人|单位负责人|局长|主任|书记)")


def _predicate(q: str) -> tuple[Predicate, str] | None:
    """'哪些科目比上年减少了' / '超过100万元的项目有哪些': the rows a filter keeps, and the words it used."""
    if not _LISTING.search(q):
        return None
    m = _THRESHOLD.search(q)
    if m:
        unit = "万元" if m.group(3) == "万" else m.group(3)
        return Predicate(kind="threshold", compare=_COMPARE[m.group(1)], value=float(m.group(2).replace(",", "")),
                         unit=unit), m.group(0)
    m = _BARE_THRESHOLD.search(q)
    if m:
        unit = "万元" if m.group(2) == "万" else m.group(2)
        return Predicate(kind="threshold", compare=">=" if "上" in m.group(3) else "<=",
                         value=float(m.group(1).replace(",", "")), unit=unit), m.group(0)
    m = _CHANGE_FILTER.search(q)
    if m:
        word = m.group(2) or m.group(4)
        return Predicate(kind="change", direction="down" if word in ("减少", "下降", "压减") else "up"), m.group(0)
    return None


def _typed(it: Intent, question: str, ds: DocScope) -> Query:
    """The reader's Intent as a Query: check and yes/no wrap the operation they test."""
    q = norm(question)
    pred = _predicate(q) if it.op in ("list", "lookup") else None
    if pred is not None:
        words = re.sub(r"\s+", " ", it.core.replace(pred[1], " ")).strip()
        fq = Query(op="filter", predicate=pred[0], measure=words, words=it.core, scope=ds, phrase=q,
                   unit_class="amount")
        read_cues(fq, q, it)
        return fq
    phrases = [p for p in it.operands]
    inner = Query(op=_OPS.get(it.op, "lookup"), unit_class=it.unit_class, scope=ds, words=it.core,
                  stated=it.stated, phrase=q)
    if it.op == "compare":
        inner.rank = "min" if re.search(r"最(少|低|小)", q) else "max"
    if len(phrases) >= 2 or it.op in ("share", "diff", "sum", "per_unit"):
        inner.operands = [Query(measure=p, unit_class=it.unit_class, scope=ds) for p in phrases]
        inner.measure = it.core
    else:
        inner.measure = phrases[0] if phrases else it.core
    read_cues(inner, q, it)
    if it.op == "sum" and len(inner.operands) >= 2 and it.stated is None:
        # 'A加B正好等于总计吗': the figure after 等于 is the document's own total to compare with
        m_eq = re.search(r"(?:正好|刚好|恰好)?等于([^，。？?]{2,20}?)(吗|么|嘛|不|没有|[？?]|$)", q)
        if m_eq and re.search(r"[\u4e00-\u9fff]{2,}", m_eq.group(1)) and not re.search(r"\d", m_eq.group(1)):
            inner.equals = m_eq.group(1)
    m_role = _ROLE.search(q) if "asks_person" in inner.cues else None
    if m_role:
        # '引智工作经费的项目负责人叫什么': the role, and the project words that say whose
        inner.role = m_role.group(1)
        inner.field_subject = re.sub(_ROLE.pattern + r"|叫什么|叫啥|名字|姓名|全名|是谁", " ", it.core).strip()
        named = re.search(r"[\u4e00-\u9fff]{1,2}(先生|女士|同志)", q)
        inner.person_named = named.group(0) if named and re.search(r"全名|全称|真名", q) else None
    if it.op == "growth_check" or (it.check and it.stated is not None):
        return inner.model_copy(update={"op": "check", "operands": [inner], "measure": inner.measure}, deep=True)
    if it.yesno:
        return inner.model_copy(update={"op": "yes_no", "operands": [inner], "measure": inner.measure}, deep=True)
    return inner


def _cross_query(question: str, it: Intent, op: str, segs: list[str], records: list[Any]) -> Query | None:
    """One operand per document named: compare / add / subtract / divide across documents."""
    shared = read_intent(question, sc.scope_words(records)).core
    operands = []
    years = sc.years_in(question)
    for seg in segs:
        # a year or kind said once for all parts ('政府办和商务委2025年的…') holds for each
        said = seg + ("" if sc.years_in(seg) or len(set(years)) != 1 else f" {years[0]}年")
        s = sc.resolve(said, records)
        if s.docs and s.derived_prev:
            return None     # the year asked is not indexed: the next year's own '比上年' statement answers it
        ds = _doc_scope(s, seg, records)
        sit = read_intent(seg, s.scope_words)
        phrase = sit.core or it.core
        if not re.search(r"[\u4e00-\u9fff]{2,}", re.sub(r"(年|和|与|比|的|科技局|哪个|高|多)", "", phrase)):
            phrase = shared   # the figure named once for all parts: '…和…的三公经费预算'
        from .words import clean_cjk
        if len(clean_cjk(phrase)) < 3:
            phrase = shared
        operands.append(Query(op="lookup", measure=phrase, words=shared, scope=ds, unit_class=it.unit_class,
                              phrase=norm(seg)))
    uc = "amount" if op == "share" else (it.unit_class or "amount")
    for o in operands:
        o.unit_class = uc
    top = Query(op=_OPS[op], measure=shared, words=shared, unit_class="pct" if op == "share" else uc, operands=operands,
                scope=DocScope(doc_ids=[d for o in operands for d in o.scope.doc_ids], named=True),
                rank=("min" if re.search(r"最(少|低|小)", norm(question)) else "max") if op == "compare" else None,
                rank_over="documents" if op == "compare" else None, across=True, phrase=norm(question))
    return top


def _ranked_regions(question: str, records: list[Any]) -> list[str]:
    q = norm(question)
    regs, segs = [], []
    for rec in records:
        if rec.region and rec.region not in regs and any(n in q for n in sc.region_names(rec.region, rec.department)):
            regs.append(rec.region)
    for reg in regs:
        rec = next(x for x in records if x.region == reg)
        names = sorted(sc.region_names(reg, rec.department), key=len)
        segs.append(next(n for n in names if n in q))
    return segs


def _by_main_name(q: str, records: list[Any]) -> str:
    """A department named by another of its plates (加挂…牌子: 普陀区经委 is the 商务委员会) is
    asked by the name its documents are indexed under."""
    for r in records:
        dep, reg = getattr(r, "department", None), getattr(r, "region", None)
        if not dep or not getattr(r, "other_names", None):
            continue
        main = sc.department_core(dep, reg)
        if len(main) >= 2 and main in q:
            continue
        for name in r.other_names:
            core = sc.department_core(name, reg)
            forms = [name, core] + [k for k, vals in ALIASES.items() if core in vals or any(v == core for v in vals)]
            for form in sorted(forms, key=len, reverse=True):
                if len(form) >= 2 and form in q:
                    return q.replace(form, main, 1)
    return q


# a place name is followed by a region word or a department's ('巴洲科技局'): '上年' is no 上海
_PLACE_TAIL = re.compile(r"(市|州|区|县|地区|盟)?[\u4e00-\u9fff]{0,3}(局|委|办|厅|科协|政府)")


def _by_typo_of_a_place(q: str, records: list[Any]) -> str:
    """'巴洲科技局': a place no region of China is called, one character off an indexed region's
    name (same first character), is that region — when exactly one indexed region fits."""
    if sc.named_in(q) or sc.filters_from_question(q, records).region:
        return q
    fits: dict[str, tuple[str, str]] = {}
    # each (region, department) once: a province's index repeats them across years and kinds
    for reg, dep in dict.fromkeys((getattr(r, "region", None), getattr(r, "department", None)) for r in records):
        if not reg:
            continue
        for name in sc.region_names(reg, dep):
            if len(name) < 2:
                continue
            for i in range(len(q) - len(name) + 1):
                part = q[i:i + len(name)]
                if part[0] == name[0] and sum(a != b for a, b in zip(part, name)) == 1 \
                        and all("\u4e00" <= c <= "\u9fff" for c in part) and _PLACE_TAIL.match(q[i + len(name):]):
                    fits.setdefault(reg, (part, name))
    if len(fits) != 1:
        return q
    part, name = next(iter(fits.values()))
    return q.replace(part, name, 1)


def parse_query(question: str, records: list[Any]) -> Query:
    """The question as one typed Query, its documents resolved against `records`."""
    if not records:
        return Query(scope=DocScope(missing="索引中还没有文件。请先运行 `budgetqa ingest samples/`"), phrase=question)
    question = _by_typo_of_a_place(_by_main_name(norm(question), records), records)
    q = question
    single = _single(question, records)
    segs = sc.segments(question, records)
    if len(segs) >= 2:
        it = read_intent(question, sc.said_scope_words(question, records))
        op = it.op
        if op in ("lookup", "list"):
            op = "compare" if re.search(r"哪个|最", q) else "sum" if re.search(r"加起来|一共|合计|总共", q) else op
        yes_compare = it.yesno and op in ("lookup", "diff") and re.search(CUE_WORDS["compares"], q)
        if yes_compare:
            op = "diff"     # 'A的X比B的高吗': the difference of the two, its sign the answer
        if op == "compare" and len(segs) == 2 and re.search(_VOCAB["gap_words"], q):
            op = "diff"     # '谁多、多多少': the gap between the two is the figure asked
        if op in ("lookup", "list") and not it.yesno and re.search(_VOCAB["each_words"], q):
            op = "each"     # 'A、B、C各自的X是多少': X in each document named
        all_of = it.yesno and op == "lookup" and re.search(_VOCAB["all_words"], q)
        if all_of:
            op = "each"     # 'A和B都没有X吧': X in each, the yes/no over all of them
        if op in ("sum", "diff", "compare", "share", "each"):
            cq = _cross_query(question, it, op, segs, records)
            if cq is not None and all_of:
                # yes when every document's figure is nil ('都没有…吧'), or when every one has it ('都有…吗')
                cq.op = "yes_no"
                cq.stated = 0.0 if re.search(_VOCAB["none_words"], q) else None
            if cq is not None:
                cq.otherwise = single
                if it.flags.get("less"):
                    cq.cues.append("less")
                if yes_compare:
                    cq.cues.append("compares")
                    if re.search(r"比[^，。？?]{1,30}(低|少|小)|(低|少)于", q):
                        cq.cues.append("less")
                return cq
    if re.search(r"哪个.{0,8}(最多|最高|最大|最少|最低)|三个|几个.{0,6}(局|部门)里", q) and len(records) > 1:
        it = read_intent(question, sc.said_scope_words(question, records))
        segs = _ranked_regions(question, records)
        if len(segs) >= 2:
            cq = _cross_query(question, it, "compare", segs, records)
            if cq is not None:
                cq.otherwise = single
                return cq
    return single


def _single(question: str, records: list[Any]) -> Query:
    q = norm(question)
    s = sc.resolve(question, records)
    ys = sorted(set(sc.years_in(question)))
    prev_of = _PREV_OF.search(q)
    if s.docs and not s.derived_prev and len(ys) <= 1 and prev_of:
        # 'X增长77.37%，那上年X是多少': the previous year from this document's own 比上年 statement
        d0 = s.docs[0]
        s = sc.Scope(docs=[d0], year=(d0.year or 1) - 1, kind=d0.kind, derived_prev=True, scope_words=s.scope_words)
    if len(ys) == 2 and ys[1] == ys[0] + 1 and re.search(r"推", q) and s.docs:
        same = {(d.region, d.department) for d in s.docs}
        nxt = [d for d in records if d.year == ys[1] and (d.region, d.department) in same]
        nxt.sort(key=lambda d: d.kind != (s.kind or "预算"))
        if nxt:
            s = sc.Scope(docs=nxt[:1], year=ys[0], kind=nxt[0].kind, derived_prev=True, scope_words=s.scope_words)
    ds = _doc_scope(s, question, records, group=True)
    if not s.docs:
        return Query(scope=ds, phrase=q)
    mq = main_question(question)
    y0 = s.docs[0].year
    if y0 and not s.derived_prev or (s.derived_prev and y0 and s.year == y0 - 1):
        # in a year-Y document, '比 Y−1 年' is its own '比上年' comparison (the template's wording)
        mq = re.sub(rf"(比|较|与|同){y0 - 1}\s*年度?(?:预算(?:执行数)?)?", r"\1上年", mq)
    it = read_intent(mq, s.scope_words)
    if prev_of and s.derived_prev and _names_a_figure(prev_of.group('m')):
        it.operands = [prev_of.group('m')]  # '那上年项目支出是多少': the figure is 项目支出
    if it.unit_class is None and mq != question:
        it.unit_class = unit_class(q)
    if it.yesno and not re.search(r"多少|几", q):
        it.unit_class = None
    query = _typed(it, question, ds)
    if it.op == "compare" and not ds.all_docs and len(sc.departments_named(question, records)) != 1:
        # '新疆三个科技局谁的X最高': the region (or department kind) names several departments' documents
        # (one department named — '水网调度局三个预算单位里哪个单位…' — ranks that department's rows)
        f = sc.filters_from_question(question, records)
        pool = [r for r in records if (f.region is None or r.region in f.region)
                and (f.department is None or r.department in f.department) and (not ys or r.year in ys)]
        if len({r.department for r in pool}) >= 2:
            query.scope.doc_ids = [r.doc_id for r in pool]
            query.rank_over = "documents"
    m_why = _WHY.search(mq)
    if m_why and it.op == "lookup":
        for node in (query, *query.operands):
            node.cues.append("why_change")
            node.subject = re.sub(r"((为(什么|啥))|咋|怎么)?(会)?\s*比(上年|去年).*$", "", it.core)
            if re.search(r"(是|有|现在|今年|本年|决算|预算)多少|多少钱", q) and not re.search(r"(多|少|增加|减少|涨|降)了?多少", q):
                node.cues.append("asks_level")
    # the whole question (not only its first part): a compound question also asks what for
    whole = read_intent(question, s.scope_words)
    from .cues import DESCRIBE
    for node in (query, *query.operands):
        node.whole_words = whole.core
        node.whole_subject = re.sub(r"\d+(?:\.\d+)?\s*万元?|那笔|这笔|今年|主要|是个|一下", " ", re.sub(DESCRIBE, " ", whole.core))
        if re.search(r"多少|几[个家项人名辆次天]|比例|占比|是否|有没有|吗", norm(mq)) is None and "numeric" in node.cues:
            node.cues.remove("numeric")   # the figure is asked in the first sub-question only
    return query
