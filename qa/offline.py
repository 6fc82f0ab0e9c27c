"""Offline answering: pick the stated figure(s) a question names, compute in code, cite.

Order of preference: a parsed table cell, a prose statement, a tab-table row. Arithmetic
(shares, differences, sums, per-unit amounts, a stated percentage re-checked, a year-Y
figure derived from the Y+1 budget as amount − change) is computed here from cited values
and written as an expression the verifier recomputes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budgetqa.core.normalize import norm, squash
from budgetqa.core.vocabulary import VOCABULARY

from budgetqa.core.answer import Citation
from .facts import TABLE_ORDER, DocFacts, Fact, cite_figure, find_value_lines
from budgetqa.core.evidence import NOTHING_ARRANGED

from .text import AMOUNT_UNITS, COUNT_UNITS, clean, coverage, fmt, mentions, states_number, unit_in_class
if TYPE_CHECKING:
    from .execute import Ask as Intent  # the executor's view of one Query node

from .vocab import VOCAB
QUALIFIERS: list[str] = VOCAB["qualifiers"]
STRONG_QUALIFIERS = frozenset(VOCAB["strong_qualifiers"])
SPLIT_PAIRS = [tuple(p) for p in VOCAB["split_pairs"]]
SPLIT_HALVES = frozenset(w for p in SPLIT_PAIRS for w in p)


def _says(phrase: str, key: str) -> bool:
    """The measure phrase writes one of the vocabulary's words of that kind."""
    return any(w in phrase for w in VOCAB[key])


def _codes(phrase: str) -> list[str]:
    """Alphanumeric codes a measure quotes ('SM项目', '2410010U'): letters-first runs of two or
    more, or runs of six or more characters."""
    runs, cur = [], ""
    for c in phrase + " ":
        if c.isascii() and c.isalnum():
            cur += c
        else:
            if cur and ((len(cur) >= 2 and cur[0].isalpha()) or len(cur) >= 6):
                runs.append(cur)
            cur = ""
    return runs


FUND_TERMS = tuple(VOCAB["fund_terms"])
FUNDED_TABLES = {"gpb_expense", "gpb_basic", "gpb_project", "fiscal_summary_income", "fiscal_summary_expense",
                 "gov_fund", "state_capital"}


@dataclass
class Result:
    found: bool
    text: str
    value: float | None = None
    unit: str | None = None
    items: list[str] = field(default_factory=list)
    polarity: str | None = None
    calculation: str | None = None
    figure: str | None = None
    facts: list[Fact] = field(default_factory=list)
    extra_cites: list[Citation] = field(default_factory=list)
    doc: str | None = None
    unproven: str | None = None     # why the cited passage cannot be proven to be the one asked for
    change: float | None = None     # a growth answer's change with its sign (value holds its size)


def in_unit(facts: list[Fact], unit: str | None = None) -> tuple[list[float], list[str], str] | None:
    """The facts' values in one unit (the first fact's, or `unit`), with the arithmetic that
    converts each (`9101.68*10000` for 万元 → 元), so a calculation recomputes from the cited
    figures. None when the units cannot be combined (an amount and a count)."""
    unit = unit or facts[0].unit
    vals, exprs = [], []
    for f in facts:
        if f.unit == unit or not (f.unit in AMOUNT_UNITS and unit in AMOUNT_UNITS):
            if f.unit != unit:
                return None
            vals.append(f.value)
            exprs.append(f"{f.value:.2f}")
            continue
        factor = AMOUNT_UNITS[f.unit] / AMOUNT_UNITS[unit]
        vals.append(f.value * factor)
        exprs.append(f"{f.value:.2f}*{factor:g}" if factor >= 1 else f"{f.value:.2f}/{1 / factor:g}")
    return vals, exprs, unit


def paren(expr: str) -> str:
    """An operand of a calculation: a converted figure ('9101.68*10000') in parentheses."""
    return f"({expr})" if any(op in expr for op in "*/") else expr


def _unit_ok(f: Fact, uc: str | None) -> bool:
    if uc is None:
        return True
    if uc == "amount":
        return f.unit in AMOUNT_UNITS
    if uc == "pct":
        return f.unit == "%"
    if uc == "count":
        return f.unit in COUNT_UNITS
    if uc == "area":
        return f.unit == "平方米"
    if uc == "score":
        return f.unit in ("分", "") or (f.column or "").startswith("得分")
    return True


# How a fact answers a measure: how much of the measure its label and surroundings write
# (character-bigram coverage), less a fixed cost for each way its identity contradicts the
# measure (a contradiction, or a lean the other way), plus a fixed credit for each way the
# measure names its identity, less a little for each qualifier the label adds, plus a
# tie-break order among otherwise equal figures. Five constants, each rule in one class.
CONFLICT = 0.3   # the fact is another figure (基本 vs 项目支出, 非财政 vs 财政, 其他X for X …)
LEAN = 0.1       # the measure's words lean to another figure (收入 asked, a 支出 table; a qualifier missing)
AGREE = 0.15     # the measure names the fact's identity (a quoted code, the column asked for …)
NARROW = 0.05    # one qualifier the label writes and the measure does not: a narrower figure
TIE = 0.02       # one step of preference among otherwise equal figures


_KIND_WORD = re.compile(r"(?:^|(?<=\s))(?:预算|决算)(?=\s|$)")


def _similarity(phrase: str, f: Fact) -> float:
    """The measure's words in the fact's label (and, less, in its table / section and sentence);
    the label's own words missing from the measure count against it."""
    head = f"{f.name} {f.column or ''}"
    bare = _KIND_WORD.sub(" ", phrase)
    if len(clean(bare)) >= 2:
        phrase = bare       # '预算' alone says which document (the scope), not which figure
    row_phrase = phrase
    if f.kind == "tabrow":
        head = f"{f.project} {f.name} {f.column or ''}"
        # which column is asked ('去年实际完成了', '目标定的') is an identity below, not the row's words
        stripped = phrase
        for w in VOCAB["column_words"]:
            stripped = stripped.replace(w, " ")
        if len(clean(stripped)) >= 4:
            row_phrase = stripped
    if f.kind == "cell":
        for term in FUND_TERMS:
            # a fund source the table's own title names ('一般公共预算…表') picks the table, not a
            # row: '一般公共预算基本支出' is that table's total, not its 一般公共服务支出 row
            if term in row_phrase and term in f.context:
                row_phrase = row_phrase.replace(term, " ")
    s = coverage(row_phrase, head) + CONFLICT * coverage(phrase, f.context) + CONFLICT / 2 * coverage(phrase, f.clause)
    name_core = f"{f.project}{f.column or ''}" if f.kind == "tabrow" else re.sub(r"[\d\s.、]+", "", f.name)
    if name_core and not (f.kind == "cell" and f.is_total):
        s += CONFLICT * (coverage(name_core, phrase) - 0.5)
    if f.kind == "tabrow" and not re.search(r"资金|总额|拨款|预算|总分", f.name):
        # the indicator's own words too: '地区行业赛参赛企业数量' is not '参赛企业数量'
        s += CONFLICT * (coverage(re.sub(r"^\S*指标\s+", "", f.name), phrase) - 0.5)
    return s


@dataclass
class Identity:
    """How a fact's identity stands to a measure, each finding named (for the reader, and so
    that no finding hides in a number)."""

    conflicts: list[str] = field(default_factory=list)
    leans: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    narrower: int = 0            # qualifiers the label adds (a strong one counting twice)

    @property
    def cost(self) -> float:
        return CONFLICT * len(self.conflicts) + LEAN * len(self.leans) - AGREE * len(self.agreements) \
            + NARROW * self.narrower


def identity(phrase: str, f: Fact) -> Identity:
    """Compare what the measure says with what the fact is.
    Every rule reads the template vocabulary (qa/vocabulary.json, QUALIFIERS), none a sample."""
    ph, lab = clean(phrase), clean(f"{f.project} {f.name} {f.column or ''}" if f.kind == "tabrow" else f"{f.name} {f.column or ''}")
    ctx, col = clean(f.context), f.column or ""
    where = lab + ctx + (f.table or "")
    it = Identity()
    bad, lean, good = it.conflicts, it.leans, it.agreements
    if "支出" in phrase and "收入" not in phrase and f.table in ("income", "summary_income", "fiscal_summary_income"):
        lean.append("收入表的数，问的是支出")
    if "收入" in phrase and "支出" not in phrase and f.table in ("expense", "summary_expense", "gpb_expense"):
        lean.append("支出表的数，问的是收入")
    for w in QUALIFIERS:
        if w in ph and w not in lab and w not in ctx:
            # one half of a split asked (项目支出), a figure that is not that half: another figure
            (bad if w in SPLIT_HALVES else lean).append(f"问的是{w}")
        elif w in lab and w not in ph:
            it.narrower += 2 if w in STRONG_QUALIFIERS else 1
    for a, b in SPLIT_PAIRS:
        for x, y in ((a, b), (b, a)):
            if x in ph and y not in ph and y in where and x not in where:
                bad.append(f"问的是{x}，这是{y}")
    if f.table == "gpb_project" and "基本支出" in ph:
        bad.append("项目支出表，问的是基本支出")
    for neg in re.findall(r"非([\u4e00-\u9fff]{2,4})", lab):
        if neg in ph and f"非{neg}" not in ph:
            bad.append(f"非{neg}")
    if _says(ph, "total_words") and re.search(r"^[\d\s.、．]*其他", f.name):
        bad.append("其他X是X的一部分")
    if VOCAB["all_sources_marker"] in phrase and (f.table in FUNDED_TABLES or re.search(r"一般公共预算|财政拨款", f.clause + f.context)):
        bad.append("问的是全部资金来源，这是一种来源的数")
    if f.kind == "prose" and re.search(r"指标|[<>≤≥]=?", f.name) and not _says(ph, "indicator_words"):
        bad.append("绩效指标，问的不是指标")
    if f.alloc and coverage(f.alloc, phrase) < 0.5:
        bad.append("项目的一笔分配，问的不是它")
    if f.empty and not _says(ph, "empty_table_words"):
        bad.append("空表")
    if _says(ph, "per_unit_words"):
        (good if any(w in f.name for w in VOCAB["per_unit_labels"]) else lean).append("每单位的数")
    if any(not c.isdigit() and c.lower() in (f.name + " " + f.clause).lower() for c in _codes(phrase)):
        good.append("问题引用的编码")
    if _says(ph, "points_words") and ("得分" in col or f.unit == "分"):
        good.append("得分")
    if f.kind == "tabrow":
        if "上年" in col and _says(ph, "last_year_words"):
            good.append("上年完成值")
        if re.search(r"分值|得分|权重", col) and "分" not in ph:
            bad.append("分值或得分，问的不是分")
        if re.search(r"指标值|完成值|完成情况", col):
            # a column word the row's own name writes ('人才支持计划') names the row, not the column
            named = clean(f"{f.project}{f.name}")
            wants_target, wants_actual = (any(w in ph and w not in named for w in VOCAB[k])
                                          for k in ("target_words", "actual_words"))
            if re.search(r"指标值", col):
                if wants_target and not wants_actual:
                    good.append("目标值")
                elif wants_actual:
                    lean.append("目标值，问的是完成值")
            elif "上年" not in col and (wants_actual or not wants_target):
                good.append("完成值")  # 自评: what was done is the default reading of 'how many'
            elif "上年" not in col:
                lean.append("完成值，问的是目标值")
    if "一般公共预算" in ph and "支出" in ph and "收入" not in ph and f.table == "gpb_expense":
        good.append("一般公共预算支出表")
    return it


def _preference(phrase: str, f: Fact) -> float:
    """Among otherwise equal figures: one the parser named (a project's 预算安排规模, 三公 …), then
    a table cell (the whole-department tables first, a total, the main column), and the
    shorter label."""
    steps = 0.0
    if f.kind == "model":
        steps += 4 + (2 if f.name.endswith("预算安排规模") else 0)
    if f.kind == "cell":
        steps += 3
        if f.table in TABLE_ORDER:
            steps += 1.5 * (len(TABLE_ORDER) - TABLE_ORDER.index(f.table)) / len(TABLE_ORDER)
        if f.is_total and coverage(phrase, f.name) < 0.5:
            steps += 2
        if f.main_col:
            steps += 1
    return TIE * (steps - len(clean(f"{f.name} {f.column or ''}")) / 10)


def score(phrase: str, f: Fact) -> float:
    return _similarity(phrase, f) - identity(phrase, f).cost + _preference(phrase, f)


def rank(phrase: str, facts: list[Fact], uc: str | None, *, need=None) -> list[tuple[float, Fact]]:
    out = []
    # a row one fund source's table repeats from the all-funds table (一般公共预算支出表 beside
    # 支出总表): when the question names no fund source, the department's whole figure comes first
    names_fund = any(t in phrase for t in FUND_TERMS) or "财政" in phrase
    whole = set() if names_fund else {(f.code or f.name) for f in facts
                                      if f.kind == "cell" and f.table and f.table not in FUNDED_TABLES}
    for f in facts:
        if not _unit_ok(f, uc):
            continue
        if need is not None and not need(f):
            continue
        narrower = NARROW if f.kind == "cell" and f.table in FUNDED_TABLES and (f.code or f.name) in whole else 0.0
        out.append((score(phrase, f) - narrower, f))
    out.sort(key=lambda x: (-x[0], x[1].line))
    return out


def best(phrase: str, df: DocFacts, uc: str | None, *, need=None, min_score: float = 0.38) -> Fact | None:
    codes = set(_CODE.findall(phrase))
    if codes and any(f.code in codes for f in df.facts):
        # '2010350 事业运行': a 科目 code the document writes names its row
        base = need
        need = (lambda f: f.code in codes and (base is None or base(f)))  # noqa: E731
    r = rank(phrase, df.facts, uc, need=need)
    if not r or r[0][0] < min_score:
        return None
    return r[0][1]


_CODE = re.compile(r"(?<!\d)(\d{3}(?:\d{2}){1,2})(?!\d)")     # 201 / 20103 / 2010350


def child_rows(df: DocFacts, f0: Fact) -> list[Fact]:
    """The rows a table row adds up, in its table and column: those whose 科目 code extends its
    code, one level down; for a total row with no code ('公用经费合计' closing a section), the
    rows of the section it closes (after the previous total)."""
    if f0.kind != "cell":
        return []
    same = sorted((f for f in df.facts if f.kind == "cell" and f.table == f0.table and f.column == f0.column
                   and f.context == f0.context and not f.empty), key=lambda f: f.line)
    code = (f0.code or "").replace(" ", "")
    if code:
        kids = [f for f in same if (f.code or "").replace(" ", "").startswith(code) and f.level == f0.level + 1]
        return kids
    if not re.search(r"合计$|小计$", f0.name):
        return []
    classes = VOCABULARY["economic_groups"].get(re.sub(r"合计$|小计$", "", squash(f0.name)))
    if classes:
        # '公用经费合计' (no code): the 经济分类 classes it is made of, whatever the layout
        return [f for f in same if f.level == 2 and (f.code or "").replace(" ", "")[:3] in classes]
    before = [f for f in same if f.line < f0.line]
    out: list[Fact] = []
    for f in reversed(before):
        if f.is_total or re.search(r"合计$|小计$|总计$", f.name):
            break
        out.append(f)
    return list(reversed(out))


def peer_rows(df: DocFacts, f0: Fact) -> list[Fact]:
    """The figures that stand beside f0 as its equals: the other rows of its table and column at
    its level (a total's peers are the rows it sums), or the same row of every project's 绩效 table."""
    if f0.kind == "cell":
        rows = [f for f in df.facts if f.kind == "cell" and f.table == f0.table and f.column == f0.column
                and f.context == f0.context and not f.is_total and not f.empty]
        level = f0.level if not f0.is_total else min((f.level for f in rows), default=0)
        return [f for f in rows if f.level == level]
    if f0.kind == "tabrow":
        same = [f for f in df.facts if f.kind == "tabrow" and f.column == f0.column and f.unit == f0.unit and f.project]
        names = Counter(f.name for f in same)
        if not names:
            return []
        # the department's own row (年度总资金) ranks against the projects' common row (年度资金总额)
        name = f0.name if f0.project and f0.name in names else names.most_common(1)[0][0]
        peers = {f.project: f for f in same if f.name == name}
        return list(peers.values()) if len(peers) >= 2 else []
    if f0.kind == "model" and " " in f0.name:
        # '<project> 预算安排规模': the same figure of every project the parser named
        suffix = f0.name.rsplit(" ", 1)[1]
        head = f0.context.split(" ")[0]
        return [f for f in df.facts if f.kind == "model" and f.name.endswith(" " + suffix)
                and f.context.split(" ")[0] == head and not f.alloc]
    return []


def row_label(f: Fact) -> str:
    """What one ranked figure is: its project for a 绩效 row, else its row name."""
    if f.kind == "tabrow" and f.project:
        return f.project
    if f.kind == "model" and " " in f.name:
        return f.name.rsplit(" ", 1)[0]
    return re.sub(r"^[\d\s]+", "", f.name).strip() or f.name


def _supporting(df: DocFacts, f: Fact, phrase: str) -> list[Citation]:
    """The prose sentence that states the same figure, besides the table row."""
    words = [w for w in phrase.split() if len(w) >= 2]
    words += [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", f.name)][:2]
    cites = []
    for loc, text in find_value_lines(df, f.value, words, limit=2):
        if not any(squash(text) == squash(c[1]) for c in f.cites):
            cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=loc, text=text))
    return cites


def fact_cites(df: DocFacts, f: Fact) -> list[Citation]:
    return [Citation(doc=df.source, doc_id=df.doc_id, locator=loc, text=text) for loc, text in f.cites]


def describe(f: Fact) -> str:
    return f.label


# ---- operations --------------------------------------------------------------------
def lookup(it: Intent, df: DocFacts, phrase: str, derived_prev: bool = False) -> Result | None:
    uc = it.unit_class
    if derived_prev:
        f = best(phrase, df, "amount", need=lambda x: x.change is not None)
        if f is None:
            return None
        prev = round(f.value - f.change, 2)
        inc = it.query.includes     # '（含上级转移支付）': the parser read the part the figure includes
        x = best(inc, df, "amount", need=lambda g: g.change is not None and g is not f
                 and abs(g.value - f.value) > 0.005 and g.value < f.value) if inc else None
        if x is not None and clean(inc)[:4] not in clean(f.name + f.clause):
            # '（含上级转移支付）' and the figure found is stated without it: both derived, then added
            px = round(x.value - x.change, 2)
            total = round(prev + px, 2)
            return Result(True, f"{phrase}上年（由本年{df.d.meta.kind or '公开'}数倒推）为 {fmt(total)} 万元："
                                f"{f.name} {fmt(f.value)} − ({fmt(f.change)}) = {fmt(prev)}，{x.name} {fmt(x.value)} − "
                                f"({fmt(x.change)}) = {fmt(px)}，合计 {fmt(total)} 万元。",
                          value=total, unit=f.unit,
                          calculation=f"({f.value:.2f} - ({f.change:.2f})) + ({x.value:.2f} - ({x.change:.2f}))",
                          figure=f"上年数（{f.name} + {x.name}，各由本年数 − 比上年增减额推算）", facts=[f, x],
                          doc=df.source)
        u = f.unit or "万元"
        return Result(True, f"{f.name}上年（由本年{df.d.meta.kind or '公开'}数倒推）为 {fmt(prev)} {u}：本年 {fmt(f.value)} {u}，比上年"
                            f"{'增加' if f.change >= 0 else '减少'} {fmt(abs(f.change))} {u}。",
                      value=prev, unit=f.unit, calculation=f"{f.value:.2f} - ({f.change:.2f})",
                      figure=f"上年数（{f.name}，由本年数 − 比上年增减额推算）", facts=[f], doc=df.source)
    if it.query.has("all_sources") and VOCAB["all_sources_marker"] not in phrase:
        phrase = f"{phrase} {VOCAB['all_sources_marker']}"  # a marker, not the words: '结转' would pick the 结转 column
    f = best(phrase, df, uc)
    if it.stated is not None and not it.check:
        # the question names its subject by an amount ('揭榜挂帅600万准备支持几个项目'): a figure
        # stated in the same sentence as that amount is the one asked about
        anchored = [(sc + 0.15, g) for sc, g in rank(phrase, df.facts, uc)[:20]
                    if abs(g.value - it.stated) > 0.005 and states_number(g.clause, it.stated)]
        if anchored and anchored[0][0] >= 0.38 and (f is None or anchored[0][0] > score(phrase, f)):
            f = anchored[0][1]
    if f is None and uc in ("count", "area", "score"):
        f = best(phrase, df, None, need=lambda x: x.unit in COUNT_UNITS if uc == "count" else
                 x.unit not in AMOUNT_UNITS and x.unit != "%")
    if f is None:
        return None
    if it.actual and not re.search(r"完成值|完成情况|执行数", f.column or "") and \
            re.search(r"目标|突破|不少于|不低于|>=|≥|＞", f.context + f.clause + f.name):
        return Result(False, "文件只给出目标值，没有所问的实际数。", doc=df.source)
    unit = f.unit or ""
    extra = _supporting(df, f, phrase) if f.kind == "cell" else []
    name = re.sub(r"^[\d ]+", "", f.name).strip()
    if it.check and it.stated is not None and f.unit in AMOUNT_UNITS and not it.query.has("pct_stated"):
        # 'X是Y万元，对吗': the document's figure against the one quoted
        in_wan = f.value / 1e4 if f.unit == "元" else f.value * 1e4 if f.unit == "亿元" else f.value  # stated in 万元
        ok = abs(in_wan - it.stated) < 0.005
        verdict = "对。" if ok else f"不对：文件写的是 {fmt(f.value)} {f.unit}，不是 {fmt(it.stated, '万元')} 万元。"
        return Result(True, verdict + f"{re.sub(r'^[0-9 ]+', '', f.name)}：{fmt(f.value)} {f.unit}。", value=f.value, unit=f.unit,
                      polarity="yes" if ok else "no", figure=describe(f), facts=[f], doc=df.source)
    op = {">=": "≥", "<=": "≤", "=": "", ">": "＞", "<": "＜"}.get(f.operator or "", "")
    txt = f"{name}{('（' + f.column + '）') if f.column and f.kind != 'prose' else ''}：{op}{fmt(f.value, unit)} {unit}。"
    facts = [f]
    calc = None
    why = _breakdown(df, f)
    if why is not None:
        clause_fact, expr = why
        calc = expr
        txt += f"依据：{clause_fact.clause.strip()}"
        facts.append(clause_fact)
    elif f.kind == "prose" and f.clause:
        txt = f"{fmt(f.value, unit)} {unit}。原文：{f.clause.strip()}"
    return Result(True, txt, value=f.value, unit=unit, figure=describe(f), facts=facts, extra_cites=extra,
                  calculation=calc, doc=df.source)


_PER = re.compile(r"(\d+(?:\.\d+)?)\s*(家|个|人|名|项|辆|台|套)[^\d。；]{0,8}?每(?:家|个|人|名|项|辆|台|套)?[^\d。；]{0,8}?"
                  r"(\d+(?:\.\d+)?)\s*(万元|元)")


def _breakdown(df: DocFacts, f: Fact) -> tuple[Fact, str] | None:
    """A prose statement of the same amount as count × per-unit amount ('53 家，每家奖励 20 万元，共
    奖励 1060 万元'): returned so the answer can show the check, recomputed by the verifier."""
    for g in df.facts:
        if g.kind != "prose" or abs(g.value - f.value) > 0.005 or g.unit != f.unit:
            continue
        m = _PER.search(g.clause)
        if m and abs(float(m.group(1)) * float(m.group(3)) - f.value) < 0.01:
            return g, f"{m.group(1)}*{m.group(3)}"
    return None


def _pair(it: Intent, dfa: DocFacts, dfb: DocFacts, pa: str, pb: str, uc: str = "amount"):
    a = best(pa, dfa, uc)
    # a figure compared with itself is never what is asked
    b = best(pb, dfb, uc, need=(lambda x: a is None or (x is not a and abs(x.value - a.value) > 0.005)))
    return a, b


def _part_of(df: DocFacts, part: str, whole: str, quoted: list[float] = ()) -> tuple[Fact | None, Fact | None]:
    """A share's two figures: the whole first, then a part of it — never larger than the
    whole, and preferably stated where the whole is (same table or same section). A 决算 over
    its 预算 ('完成年初预算的107.30%') is no part of a whole: it may exceed it."""
    completion = part.endswith("决算数") and whole.endswith("预算数")
    # 'X 8万块里，Y占几成': the whole the question quotes is the X stated with that amount
    b = (best(whole, df, "amount", need=lambda x: x.unit == "万元" and any(abs(x.value - q) < 0.005 for q in quoted))
         if quoted else None) or best(whole, df, "amount")
    if b is None:
        return None, None
    if b.kind == "cell" and not b.is_total:
        # 'X里，公用经费占多少': X is a row, the part one of its columns — the cell in X's own row
        def same_row(f: Fact, g: Fact) -> bool:
            return f.table == g.table and f.line == g.line and f.name == g.name
        # that row in the table that has the part's column (a 功能分类 row's 人员 / 公用经费 split)
        for f in df.facts:
            if f.kind == "cell" and f is not b and f.column and coverage(part, f.column) >= 0.9 and \
                    (same_row(f, b) or re.sub(r"[\d\s.、]+", "", f.name) == re.sub(r"[\d\s.、]+", "", b.name)):
                whole_cell = b if same_row(f, b) else next(
                    (g for g in df.facts if g.kind == "cell" and g.main_col and same_row(g, f)), None)
                if whole_cell is not None and 0 <= f.value <= whole_cell.value + 0.005:
                    return f, whole_cell
    # a table's total row is no part of one of its rows ('合计 · 公用经费' is not 社保支出's 公用经费)
    row_whole = b.kind == "cell" and not b.is_total and not completion
    b_code, b_name = (b.code or "").replace(" ", ""), re.sub(r"[\d\s.、]+", "", b.name)

    def inside(x: Fact) -> bool:
        """A part of a table row: a cell of that row, a row under it, or a sentence naming it."""
        if not row_whole:
            return True
        if x.kind == "cell":
            return (x.table == b.table and x.line == b.line) or bool(
                b_code and x.table == b.table and (x.code or "").replace(" ", "").startswith(b_code))
        return b_name in squash(x.clause or "")
    ranked = rank(part, df.facts, "amount", need=lambda x: x is not b and 0 < x.value
                  and (completion or x.value <= b.value + 0.005) and abs(x.value - b.value) > 0.005 and inside(x))
    dept = squash(df.d.meta.department or "")
    if re.search(r"(局|机关|单位|部门|厅|委)本级", part) and dept:
        # '局本级' is the department's own row in the tables split by unit (项目支出, 结转结余)
        own = [f for f in df.facts if f.kind == "cell" and squash(re.sub(r"[\d\s]+", "", f.name)) == dept
               and f.main_col and 0 < f.value < b.value - 0.005]
        if own:
            a = max(own, key=lambda f: coverage(whole, f.context + (f.column or "")) + (0.2 if f.table == b.table else 0))
            return a, b
    if not ranked:
        return None, b
    def near(f: Fact) -> float:
        same = 0.15 if (f.table and f.table == b.table) or (f.context and f.context == b.context) else 0.0
        # a part named by a column ('人员经费' of 基本支出) is that column's total row, not one row of it
        column_total = 0.2 if f.kind == "cell" and f.is_total and coverage(part, f.column or "") >= 0.9 else 0.0
        return same + column_total
    sc, a = max(((s + near(f), f) for s, f in ranked[:12]), key=lambda x: x[0])
    return (a if sc >= 0.38 else None), b


def _excluding(df: DocFacts, a: Fact, query) -> Fact:
    """'X（不含Y）': when the document also states X − Y (a figure g with g + Y = X), that is
    the X asked for; the arithmetic, not the wording, decides (the parser read Y)."""
    if not query.excludes:
        return a
    y = best(query.excludes, df, "amount", need=lambda x: 0 < x.value < a.value)
    if y is None:
        return a
    same = [g for g in df.facts if g.unit == a.unit and abs(g.value + y.value - a.value) < 0.011]
    same.sort(key=lambda g: -score(query.without_excluded or query.words, g))
    return same[0] if same else a


def share(it: Intent, df: DocFacts) -> Result | None:
    ops = list(it.operands)
    names_a_column = len(ops) >= 2 and any(clean(ops[0]) == clean(f.column or "") for f in df.facts if f.kind == "cell")
    if len(ops) >= 2 and ops[1] and len(clean(ops[0])) <= 4 and not names_a_column:
        ops[0] = f"{ops[0]} {ops[1]}"  # '政府采购中服务类' → the 服务 part of 政府采购
    if len(ops) >= 2 and ops[1]:
        a, b = _part_of(df, ops[0], ops[1], it.query.amounts if not it.check else [])
        if a is None or b is None:
            return None
        a = _excluding(df, a, it.query)
        if "执行" in ops[0] and "执行" not in b.name + (b.column or "") and a.kind == "tabrow":
            pass
        conv = in_unit([a, b])
        if conv is None:
            return None
        (av, bv), (ae, be), _ = conv
        v = round(av / bv * 100, 2) if bv else None
        if v is None:
            return None
        if it.check and it.stated is not None and abs(v - it.stated) > 0.011 and av and \
                abs(round(bv / av * 100, 2) - it.stated) <= 0.011:
            # '完成年初预算的107.30%': the stated share is the other way round (决算 over 年初预算)
            a, b, av, bv, ae, be = b, a, bv, av, be, ae
            v = round(av / bv * 100, 2)
        def named(f: Fact) -> str:   # a total row is named by its column ('支出总计 · 人员经费')
            return f"{f.name}（{f.column}）" if f.kind == "cell" and f.column and f.is_total else f.name
        txt = f"{named(a)}{fmt(a.value)}{a.unit} ÷ {named(b)}{fmt(b.value)}{b.unit} ≈ {v:.2f}%。"
        verdict = None
        if it.check and it.stated is not None:
            verdict = "yes" if abs(v - it.stated) <= 0.011 else "no"
            txt = ("对。" if verdict == "yes" else "不对。") + txt + f"（文中 {it.stated:g}%）"
        return Result(True, txt, value=v, unit="%", calculation=f"{paren(ae)}/{paren(be)}*100",
                      figure=f"{a.name} 占 {b.name} 的比例", facts=[a, b], doc=df.source, polarity=verdict)
    a = best(ops[0] if ops else it.core, df, "amount", need=lambda x: x.share_pct is not None)
    if a is None:
        return None
    return Result(True, f"{a.name}{fmt(a.value)}{a.unit}，占 {a.share_pct:.2f}%。", value=a.share_pct, unit="%",
                  figure=f"{a.name}占比（文中所述）", facts=[a], doc=df.source)


def growth_check(it: Intent, df: DocFacts) -> Result | None:
    f = best(it.operands[0] if it.operands else it.core, df, "amount",
             need=lambda x: x.change is not None and x.change_pct is not None)
    if f is None:
        return None
    base = f.value - f.change
    v = round(f.change / base * 100, 2) if base else None
    if v is None:
        return None
    ok = it.stated is not None and abs(v - it.stated) <= 0.011     # (the parser signs a stated fall)
    moved = f"比上年{'增加' if f.change >= 0 else '减少'}{fmt(abs(f.change))}万元"
    txt = (f"{'对' if ok else '不对'}。{f.name}{fmt(f.value)}万元，{moved}，上年为"
           f"{fmt(base)}万元，{fmt(f.change)}÷{fmt(base)}≈{v:.2f}%（文中 {f.change_pct:g}%）。")
    return Result(True, txt, value=v, unit="%", calculation=f"{f.change:.2f}/({f.value:.2f}-{f.change:.2f})*100",
                  figure=f"{f.name}比上年增长率（重算）", facts=[f], doc=df.source,
                  polarity=("yes" if ok else "no") if it.stated is not None else None)


def per_unit(it: Intent, df: DocFacts) -> Result | None:
    w = it.query.per
    phrase = it.core
    # the document states the per-unit amount itself ('平均每家企业奖励不超过 10 万元'): that is the answer
    per = r"每|人均|平均" if w in (None, "个") else (r"每" + w + r"|人均|每名|每位" if w in ("人", "名", "位") else r"每" + w)
    stated = best(phrase, df, "amount", need=lambda x: x.kind in ("prose", "tabrow")
                  and re.search(per, x.name) is not None)
    if stated is not None:
        return lookup(it, df, phrase)
    if it.query.has("standard_cap"):
        return None  # a rate or a cap is stated or it is not; an average is no 标准
    phrase = it.operands[0] if it.operands else phrase   # the operands are totals
    people = it.query.has("people")
    def counted(x) -> bool:
        return (x.unit in ("人", "名", "人次", "位") if people else (w is None or x.unit == w or (w == "人" and x.unit == "名")))
    # what is counted is named by its own words ('在职', '车辆'), else by the whole's
    per_what = it.query.per_what
    cnt = (best(per_what, df, "count", need=counted) if per_what and len(clean(per_what)) >= 2 else None) \
        or best(phrase, df, "count", need=counted)
    if cnt is None:
        return None
    whole = phrase
    if it.query.per_what and len(clean(phrase.replace(it.query.per_what, ""))) >= 2:
        whole = phrase.replace(it.query.per_what, " ")   # the money is the whole's, not a cost of what is counted
    # the money named (人员经费), else an asset's value ('每辆车账面值' → 价值 / 金额)
    forms = [f"{whole} 价值 金额", whole] if "值" in whole or not clean(whole) else [whole, f"{whole} 价值 金额"]
    amt = next((a for a in (best(p, df, "amount", need=lambda x: x.value > 0) for p in forms) if a is not None), None)
    if amt is None or not cnt.value:
        return None
    if amt.kind == "prose" and cnt.line != amt.line:
        # '补贴3,275万元，覆盖126家': the count stated with the amount is the one it divides by
        beside = [f for f in df.facts if f.kind == "prose" and f.line == amt.line and counted(f) and f.value]
        if beside:
            cnt = beside[0]
    v = round(amt.value / cnt.value, 2)
    if people and w in (None, "个"):
        w = cnt.unit if cnt.unit in ("人", "名", "人次", "位") else w     # '每个在职人员': per person
    return Result(True, f"{fmt(amt.value)}{amt.unit} ÷ {fmt(cnt.value, cnt.unit)}{cnt.unit} ≈ {fmt(v)}{amt.unit}/{w or '单位'}。",
                  value=v, unit=amt.unit, calculation=f"{amt.value:.2f}/{cnt.value:g}",
                  figure=f"平均每{w or '单位'}金额", facts=[amt, cnt], doc=df.source)




def match_project(df: DocFacts, core: str, *, with_allocations: bool = False):
    """The 项目支出 block whose name the question uses (by character coverage both ways)."""
    scored = sorted(((coverage(p.name, core) + coverage(core, p.name), p) for p in df.d.projects
                     if p.allocations or not with_allocations), key=lambda x: -x[0])
    return scored[0][1] if scored and scored[0][0] > 0.6 else None


def allocation_sum(it: Intent, df: DocFacts) -> Result | None:
    """'X项目的明细加起来是多少，跟预算安排规模对得上吗': the items of its 资金分配 summed in
    code and compared with the stated scale (a mismatch is the document's, reported as such)."""
    if not it.query.has("allocation_sum"):
        return None
    p = match_project(df, it.core, with_allocations=True)
    items = [a for a in p.allocations if a.amount is not None] if p else []
    if len(items) < 2:
        return None
    total = round(sum(a.amount.value for a in items), 2)
    expr = " + ".join(f"{a.amount.value:.2f}" for a in items)
    txt = " + ".join(f"{a.name}{fmt(a.amount.value)}" for a in items) + f" = {fmt(total)} 万元。"
    cites = [Citation(doc=df.source, doc_id=df.doc_id, locator=cite_figure(df.src, items[0].amount)[0],
                      text=_lines_with(df, [a.name for a in items], items[0].amount.loc.line or 0))]
    ref = p.scale.value if p.scale is not None else it.stated
    verdict = None
    if ref is not None:
        ok = abs(total - ref) < 0.005
        verdict = "yes" if ok else "no"
        txt = ("对得上。" if ok else "对不上。") + txt + (
            f"与{'预算安排规模' if p.scale is not None else '所问金额'} {fmt(ref)} 万元" +
            ("一致。" if ok else f"相差 {fmt(abs(total - ref))} 万元。"))
        if p.scale is not None:
            loc, text = cite_figure(df.src, p.scale)
            cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=loc, text=text))
    return Result(True, txt, value=total, unit="万元", calculation=expr, figure=f"{p.name} 资金分配明细之和",
                  extra_cites=cites, polarity=verdict, doc=df.source)


def sum_parts(it: Intent, df: DocFacts) -> Result | None:
    parts = []
    for p in it.operands:
        f = best(p, df, it.unit_class or "amount", need=lambda x: all(x is not y for y in parts))
        if f is None:
            return None
        parts.append(f)
    conv = in_unit(parts)
    if conv is None:
        return None
    vals, exprs, unit = conv
    total = round(sum(vals), 2)
    expr = " + ".join(exprs)
    txt = " + ".join(f"{f.name}{fmt(f.value)}{'' if f.unit == unit else f.unit}" for f in parts) + f" = {fmt(total)} {unit}。"
    verdict = None
    if it.check and it.stated is not None:
        ok = abs(total - it.stated) < 0.011
        verdict = "yes" if ok else "no"
        txt = ("对。" if ok else "不对。") + txt + ("与 {:g} 对得上。" if ok else "与 {:g} 对不上。").format(it.stated)
    return Result(True, txt, value=total, unit=parts[0].unit, calculation=expr, figure="各部分之和", facts=parts,
                  doc=df.source, polarity=verdict)


def diff_in_doc(it: Intent, df: DocFacts) -> Result | None:
    if len(it.operands) < 2:
        return None
    pa, pb = it.operands[0], it.operands[1]   # the parser named the 自评表 columns and the shared subject
    a, b = _pair(it, df, df, pa, pb, it.unit_class or "amount")
    if a is None or b is None:
        return None
    if a.kind == "tabrow" and a.column and b.line != a.line:
        # two columns of one 自评 money row: the other figure is on the same row
        same = best(pb, df, it.unit_class or "amount", need=lambda x: x.line == a.line and x.column != a.column
                    and x.kind == "tabrow", min_score=0.0)
        b = same or b
    if it.flags.get("less"):  # 'A比B少/压减了多少' asks for B − A
        a, b = b, a
    conv = in_unit([a, b])
    if conv is None:
        return None
    (av, bv), (ae, be), unit = conv
    v = round(av - bv, 2)

    def lab(f: Fact) -> str:
        return f"{f.name}（{f.column}）" if f.column and f.kind in ("tabrow", "cell") else f.name
    return Result(True, f"{lab(a)} {fmt(a.value)}{a.unit} − {lab(b)} {fmt(b.value)}{b.unit} = {fmt(v)} {unit}。", value=v, unit=unit,
                  calculation=f"{ae} - {paren(be)}", figure="两数之差", facts=[a, b], doc=df.source)


# ---- lists ---------------------------------------------------------------------------
_RUN = re.compile(r"[\u4e00-\u9fff（）()“”]{1,20}(?:[、][\u4e00-\u9fff（）()“”]{1,20}){2,}")


def _enumeration(df: DocFacts, core: str, noun: str | None = None,
                 quoted: list[float] | None = None) -> tuple[list[str], list[Citation]]:
    """The '、'-separated run in the paragraph that best matches the question; a run of the
    kind asked for ('哪些县' → a run ending in '等县' or naming 县) counts more."""
    best_s, best_p, best_run = 0.0, None, None
    quoted = quoted or []
    for p in df.passages:
        t = norm(p.text)
        runs = _RUN.findall(t)
        if not runs or (quoted and not any(states_number(t, v) for v in quoted)):
            continue
        sc = coverage(core, t)
        if noun:
            good = [r for r in runs if noun in r or noun in t[t.find(r) + len(r): t.find(r) + len(r) + 3]]
            if good:
                runs, sc = good, sc + 0.3
            elif len(noun) >= 2:
                continue  # '哪几类人才': a run that names no 人才 is some other list
        if sc > best_s:
            best_s, best_p, best_run = sc, p, max(runs, key=len)
    if best_p is None or best_s < 0.5:
        return [], []
    items = [x for x in best_run.split("、") if x]
    # the verb before the first item and the noun after the last are the sentence's, not items
    items[0] = re.sub(r"^(加挂|包括|设有|下设|涵盖|含有?|有)", "", items[0]) or items[0]
    items[-1] = re.sub(r"(牌子|等\S{0,4})$", "", items[-1]) or items[-1]
    raw = "\n".join(df.line(n) for n in best_p.line_numbers if df.line(n).strip())
    return items, [Citation(doc=df.source, doc_id=df.doc_id, locator=str(best_p.loc), text=raw)]
def _lines_with(df: DocFacts, items: list[str], near: int, span: int = 12) -> str:
    """Raw lines from `near` on that carry the items (a list wraps over several PDF lines)."""
    lines = []
    keys = [squash(i)[:4] for i in items if i]
    for n in range(max(1, near - 1), min(len(df.src.lines), near + span) + 1):
        t = df.line(n)
        if t.strip() and (any(k and k in squash(t) for k in keys) or (lines and n - lines[-1] <= 2)):
            lines.append(n)
        if lines and n - lines[-1] > 2:
            break
    return "\n".join(df.line(n) for n in lines) or df.line(near)
def _unit_blocks(t) -> dict[int, str]:
    """Line → the unit whose block (a level-0 name row such as '乌鲁木齐科技信息服务中心') holds it."""
    out, unit = {}, None
    for r in t.rows:
        if r.level == 0 and not r.code and r.name and not re.search(r"合计|总计", r.name):
            unit = r.name
        out[r.loc.line or 0] = unit
    return out


def _project_rows(df: DocFacts, table: str) -> list[Fact]:
    seen, out = set(), []
    for f in df.facts:
        if f.table == table and f.kind == "cell" and not f.is_total and f.main_col:
            t = df.d.table(table)
            row = next((r for r in t.rows if (r.loc.line or 0) == f.line), None) if t else None
            name = (row.project or (row.name if row and row.level == 0 and not row.code else None)) if row else None
            if name and name not in seen and not any(name == (df.d.meta.department or "") for _ in [0]):
                if re.search(r"(局|中心|单位|所|院|站)$", name) and row and row.level == 0 and table != "carryover":
                    continue
                if row and row.level == 0 and table == "carryover" and name.endswith(("局", "中心")) and len(name) < 20:
                    continue
                seen.add(name)
                out.append(f)
    return out


def _fund(t, pattern: str) -> tuple[float | None, object]:
    for row in t.funds:
        if re.search(pattern, row.name):
            v = next((x for x in row.values.values() if x is not None), None)
            return v, row
    return None, None


def _non_fiscal_projects(df: DocFacts) -> tuple[list[str], list[float], list[Citation]]:
    """Projects whose 绩效目标表 gives 财政拨款 0 and the whole amount as 其他资金: (labels, amounts, cites)."""
    items, amounts, cites = [], [], []
    for t in df.d.performance:
        if not t.project or not t.kind.startswith("项目"):
            continue
        fiscal, _ = _fund(t, r"财政拨款")
        other, row = _fund(t, r"其他资金")
        if other and other > 0 and not fiscal:
            name = squash(t.project)
            items.append(f"{name}（{fmt(other)}万元）")
            amounts.append(other)
            first, last = t.loc.line or 1, row.loc.line or t.loc.line or 1
            span = [n for n in range(first, last + 1) if re.search(r"项目名称|预算总额|财政|其他资金", df.line(n))] \
                if 0 <= last - first <= 60 else [first, last]
            cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(t.loc),
                                  text="\n".join(df.line(n) for n in span if df.line(n).strip())))
    return items, amounts, cites


def non_fiscal_projects(it: Intent, df: DocFacts) -> Result | None:
    """'哪些项目用单位资金安排' / '用单位资金安排的项目一共多少钱' — from the 绩效目标表 funding rows."""
    if not it.query.has("non_fiscal_projects"):
        return None
    items, amounts, cites = _non_fiscal_projects(df)
    if not items:
        return None
    total = round(sum(amounts), 2)
    return Result(True, f"共{len(items)}个：" + "；".join(items) + f"。合计 {fmt(total)} 万元（绩效目标表中财政拨款为 0、"
                  "全部为其他资金的项目）。", items=items, figure="非财政拨款项目", extra_cites=cites, doc=df.source,
                  value=total, unit="万元", calculation=" + ".join(f"{a:.2f}" for a in amounts))


def indicator_list(it: Intent, df: DocFacts, core: str) -> Result | None:
    """'部门整体绩效目标里有哪些数量指标': the 三级指标 of the table asked for, at the level asked for."""
    if not it.query.has("indicator") or not df.d.performance:
        return None
    tables = [t for t in df.d.performance if t.kind.startswith("部门整体")] if it.query.has("whole_dept") else []
    if not tables:
        ask = it.query.indicator_subject or core
        scored = sorted(((max(coverage(squash(t.project or ""), ask), coverage(ask, t.project or "")), t)
                         for t in df.d.performance if t.project), key=lambda x: -x[0])
        tables = [scored[0][1]] if scored and scored[0][0] >= 0.6 else []
    if not tables:
        return None
    lv = it.query.indicator_level
    items, cites = [], []
    for t in tables[:1]:
        for ind in t.indicators:
            if lv and lv not in f"{ind.level1 or ''}{ind.level2 or ''}":
                continue
            items.append(squash(ind.name) + (f"（{ind.target_raw.strip()}）" if ind.target_raw else ""))
            n = ind.loc.line or 0
            cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(ind.loc),
                                  text="\n".join(df.line(k) for k in (n - 1, n) if df.line(k).strip())))
    if not items:
        return None
    return Result(True, f"共{len(items)}项：" + "；".join(items) + "。", items=items, figure="绩效指标列举",
                  extra_cites=cites, doc=df.source)


def list_answer(it: Intent, df: DocFacts) -> Result | None:
    core = it.core
    cue = it.query.has
    items: list[str] = []
    cites: list[Citation] = []
    r = indicator_list(it, df, core)
    if r is not None:
        return r
    org = df.d.org
    if cue("tables") and df.d.tables:
        # '公开哪几张表': the document's tables by their titles, in the order it prints them
        tables = sorted(df.d.tables, key=lambda t: (t.loc.page or 0, t.loc.line or 0) if t.loc else (0, 0))
        # a table printed in two halves (收入 / 支出 of 表1) is one table
        items = list(dict.fromkeys(re.sub(r"[（(](收入|支出)[）)]$", "", squash(t.title)) for t in tables
                                     if t.title and not t.title.startswith("未命名")))
        cites = [Citation(doc=df.source, doc_id=df.doc_id, locator=str(t.loc), text=t.title) for t in tables[:12]
                 if t.title]
        return Result(True, f"共 {len(items)} 张表：" + "；".join(items) + "。", items=items, extra_cites=cites,
                      figure="文件所列的表", doc=df.source)
    if org and cue("office") and org.offices:
        items = list(org.offices)
        if org.offices_count:
            cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=cite_figure(df.src, org.offices_count)[0],
                                  text=_lines_with(df, items[:2], org.offices_count.loc.line or 0)))
    elif org and cue("sub_units") and org.subordinate_units:
        items = list(org.subordinate_units)
        cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(org.loc or "?"),
                              text=_lines_with(df, items, (org.loc.line if org.loc else 0) or 0)))
    elif cue("uses") and df.d.projects:
        p = match_project(df, core, with_allocations=True)
        if p is not None:
            items = [f"{a.name}{fmt(a.amount.value)}万元" if a.amount else a.name for a in p.allocations]
            fig = next((a.amount for a in p.allocations if a.amount), None)
            if fig is not None:
                loc, text = cite_figure(df.src, fig)
                cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=loc,
                                      text=_lines_with(df, [a.name for a in p.allocations], fig.loc.line or 0)))
    if items:
        pass
    elif cue("expense_classes"):
        # 经济分类 (301 工资福利 / 302 商品和服务 / 303 对个人和家庭) is the 基本支出 table's split
        t = (df.d.table("gpb_basic") if cue("economic") else None) or df.d.table("expense") or df.d.table("gpb_expense")
        if t:
            rows = [r for r in t.rows if r.level == 1]
            items = [r.name for r in rows]
            cites = [Citation(doc=df.source, doc_id=df.doc_id, locator=str(r.loc), text=r.raw) for r in rows]
    elif cue("project") and not cue("not_project_list"):
        table = None
        if cue("carryover"):
            table = "carryover"
        elif cue("fiscal") and not cue("performance"):
            table = "gpb_project"
        if table:
            t = df.d.table(table)
            unit_of = _unit_blocks(t) if t else {}
            named = next((u for u in set(unit_of.values()) if u and len(clean(u)) >= 6 and clean(u) in clean(it.query.phrase)
                          and clean(u) != clean(df.d.meta.department or "")), None)
            if named is None and cue("dept_own"):  # the department's own block
                named = next((u for u in set(unit_of.values()) if u and clean(u) == clean(df.d.meta.department or "")), None)
            for f in _project_rows(df, table):
                row = next(r for r in t.rows if (r.loc.line or 0) == f.line)
                if named and unit_of.get(f.line) != named:
                    continue  # the question names one unit's block of the table
                items.append(re.sub(r"\s+(?=\d{4}|年)|(?<=\d)\s+(?=年)", "", row.project or row.name))
                cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(row.loc), text=row.raw))
        elif cue("project_notes") and df.d.projects:
            # the document's project descriptions (项目支出情况说明 / X专项经费情况说明), by name
            for pr in df.d.projects:
                items.append(pr.name)
                cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(pr.loc), text=df.line(pr.loc.line or 0)
                                      or pr.name))
        elif cue("performance"):
            for n, line in enumerate(df.src.lines, start=1):
                m = re.search(r"项目名称[\s\t]*[:：]?\s*(.+)$", norm(line.text))
                if m and n > len(df.src.lines) * 0.5:
                    name = m.group(1).split("\t")[0].strip()
                    name = re.sub(r"(主管部门|实施单位).*$", "", name).strip()
                    if name and name not in items:
                        items.append(name)
                        cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(line.loc), text=line.text))
    if not items and cue("new"):
        for f in df.facts:
            if f.kind == "prose" and f.change_pct is not None and abs(f.change_pct - 100) < 0.01:
                m = re.findall(r"([\u4e00-\u9fff]+)\(项\)|([\u4e00-\u9fff]+)（项）", f.name + f.clause)
                nm = next((a or b for a, b in m[::-1]), f.name)
                if nm not in items:
                    items.append(nm)
                    cites.extend(fact_cites(df, f))
    unproven = None
    if not items:
        unproven = "清单取自原文中与问题字面最相近的一段，未能核实就是所问的清单"
        scored = []
        for block in df.lists:
            heading, its, cite = block.heading, block.items, block.cite
            s = coverage(core, heading + " " + cite[1][:80])
            scored.append((s, heading, its, cite))
        scored.sort(key=lambda x: -x[0])
        if scored and scored[0][0] >= 0.34:
            _, heading, its, cite = scored[0]
            items = its
            cites = [Citation(doc=df.source, doc_id=df.doc_id, locator=cite[0], text=cite[1])]
    if not items:
        noun = it.query.list_noun
        items, cites = _enumeration(df, core, noun, it.query.quoted_counts)
        if not items and noun and len(noun) == 2:  # '哪些县服务': the noun is 县
            items, cites = _enumeration(df, core, noun[0], it.query.quoted_counts)
    if not items:
        return None
    return Result(True, "包括：" + "；".join(items) + "。", items=items, figure="列举",
                  extra_cites=cites, doc=df.source, unproven=unproven)


# ---- passages: questions answered by what the document says, not by a number ----------
def _sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[。；;！？])", norm(text)) if len(clean(x)) >= 4]


_ENUMERATED = re.compile(r"；.{2,40}；|(^|[。；：:\s])[（(]?[1-9一二三四五六][)）.．、]|[一二三四五]是")


def _with_body(df: DocFacts, p):
    """A heading ('X项目经费情况说明') matched by its words says nothing itself: the passages
    after it, up to a few hundred characters, are what it heads."""
    if len(clean(p.text)) >= 40 or re.search(r"[。；;]|\d", p.text):
        return p        # a sentence (or a figure) is its own answer; only a bare heading heads others
    ps = df.passages
    i = next((k for k, x in enumerate(ps) if x is p), None)
    if i is None:
        return p
    text, lines = p.text, list(p.line_numbers)
    for nxt in ps[i + 1:i + 4]:
        if len(clean(text)) >= 300:
            break
        text, lines = text + "\n" + nxt.text, lines + list(nxt.line_numbers)
    return p.model_copy(update={"text": text, "line_numbers": lines})


def passage(it: Intent, df: DocFacts, near_line: int | None = None, enumerated: bool = False) -> Result | None:
    """The passage that says what is asked (用途, 原因, 内容): its best sentences as the answer,
    its source lines as the citation. `near_line` prefers the passage holding that line (the
    figure a compound question also asks for)."""
    q = it.query
    core = it.subject
    if len(clean(core)) < 3:
        return None
    amounts = q.amounts
    # the question's own words too: a name that contains a scope word ('昌吉州科技项目经费')
    whole = q.context_words
    # what kind of passage answers it: a purpose (用于…) or a reason (主要原因是…)
    wants = (r"用于|用途" if q.has("asks_purpose") else r"原因|由于|因为" if q.has("asks_reason") else None)
    best_p, best_s, second = None, 0.0, 0.0
    for p in df.passages:
        t = norm(p.text)
        if enumerated and not _ENUMERATED.search(t):
            continue
        sc = (coverage(core, t) + coverage(whole, t)) / 2 - (0.1 if enumerated else 0)
        if wants and re.search(wants, t):
            sc += 0.1
        if any(states_number(t, a) for a in amounts):
            sc += 0.4  # the question names the item by its amount
        if near_line and p.line_numbers and p.line_numbers[0] <= near_line <= p.line_numbers[-1]:
            sc += 0.3
        if sc > best_s:
            best_p, best_s, second = p, sc, best_s
        elif sc > second:
            second = sc
    # a clear winner is enough even when the user's words and the document's differ
    if best_p is None or not (best_s >= 0.55 or (best_s >= 0.4 and best_s - second >= 0.1)):
        return None
    best_p = _with_body(df, best_p)
    sents = _sentences(best_p.text)
    ranked = sorted(range(len(sents)), key=lambda i: -(coverage(core, sents[i])
                                                        + (0.3 if wants and re.search(wants, sents[i]) else 0)))[:2]
    if it.op == "list":  # '干哪几件事': the whole passage is the list
        ranked = list(range(len(sents)))[:8]
    chosen = [sents[i] for i in sorted(ranked)]
    if not chosen:
        return None
    lines = [n for n in best_p.line_numbers if any(clean(df.line(n))[:6] in clean(c) or clean(c)[:6] in clean(df.line(n))
                                                    for c in chosen)] or best_p.line_numbers
    value = unit = None
    if it.unit_class in ("amount", "count", "pct"):
        top = sents[ranked[0]]  # the figure of the best sentence, not of the first one in the text
        ms = [m for c in [top] + chosen for m in mentions(c) if m.unit and unit_in_class(m.unit, it.unit_class)]
        if ms:
            value, unit = ms[0].value, ms[0].unit
    first, last = min(lines), max(lines)
    span = [n for n in best_p.line_numbers if first - 1 <= n <= last + 2][:12]
    raw = "\n".join(df.line(n) for n in span if df.line(n).strip())
    return Result(True, "据原文：" + "".join(chosen).strip(), figure="原文段落", value=value, unit=unit,
                  unproven=None if any(states_number(norm(best_p.text), a) for a in amounts)   # names the amount asked
                  else "所引段落按与问题的字面相近选出，未能核实就是所问的内容",
                  extra_cites=[Citation(doc=df.source, doc_id=df.doc_id, locator=str(df.src.lines[span[0] - 1].loc),
                                        text=raw)], doc=df.source)


_NEGATION = re.compile(NOTHING_ARRANGED + r"|没有|无此|为零|为 ?0(?:\.00)? ?万元|未开展|未列支|不安排|"
                       r"不属于[\u4e00-\u9fff]{2,12}范围|(?:^|[，,；;。\d年])无(?=[\u4e00-\u9fff]{2,})")


def negative_statement(it: Intent, df: DocFacts) -> Result | None:
    """A yes/no question the figures cannot settle: the sentence that says it did not happen
    ('上级一般公共预算安排的转移支付资金未安排') answers 'no' and is cited."""
    core = it.query.negation_subject
    best_s, best = 0.0, None
    for p in df.passages:
        for sent in _sentences(p.text):
            if not _NEGATION.search(sent):
                continue
            sc = coverage(core, sent)
            if sc > best_s:
                best_s, best = sc, (p, sent)
    long_words = [w for w in core.split() if len(w) >= 4 and all("\u4e00" <= c <= "\u9fff" for c in w)]
    if best is None or best_s < 0.5 or (best_s < 0.6 and not any(w[-4:] in clean(best[1]) for w in long_words)):
        return None
    p, sent = best
    lines = [n for n in p.line_numbers if clean(df.line(n))[:8] and clean(df.line(n))[:8] in clean(sent)] or p.line_numbers[:3]
    span = [n for n in p.line_numbers if min(lines) <= n <= max(lines) + 1][:6]
    raw = "\n".join(df.line(n) for n in span if df.line(n).strip())
    return Result(True, f"没有。原文：{sent.strip()}", polarity="no", figure="原文（否定陈述）", doc=df.source,
                  extra_cites=[Citation(doc=df.source, doc_id=df.doc_id, locator=str(df.src.lines[span[0] - 1].loc),
                                        text=raw)])


def change_from_last_year(it: Intent, df: DocFacts) -> Result | None:
    """'X比上年多了多少 / 少了百分之多少': the change the document states beside X."""
    pct = it.query.has("asks_pct") or it.query.has("asks_ratio")
    phrase = it.operands[0] if it.operands else it.core
    f = best(phrase, df, "amount", need=(lambda x: x.change_pct is not None) if pct else (lambda x: x.change is not None))
    if f is None and pct:
        # the document states the change in money only: the rate is recomputed from it
        g = best(phrase, df, "amount", need=lambda x: x.change is not None and abs(x.value - x.change) > 0.005)
        if g is None:
            return None
        base = round(g.value - g.change, 2)
        v = round(g.change / base * 100, 2)
        word = "增长" if v >= 0 else "下降"
        return Result(True, f"{g.name}{fmt(g.value)}{g.unit}，比上年{'增加' if g.change >= 0 else '减少'}{fmt(abs(g.change))}"
                            f"{g.unit}，{word} {fmt(abs(v), '%')}%（增减额 ÷ 上年数）。原文：{g.clause.strip()}",
                      value=abs(v), unit="%",
                      calculation=f"{abs(g.change):.2f}/({g.value:.2f}{'+' if g.change < 0 else '-'}{abs(g.change):.2f})*100",
                      figure=f"{g.name}比上年增减幅度（由文中增减额重算）", facts=[g], doc=df.source, change=v)
    if f is None:
        return None
    v = f.change_pct if pct else f.change
    unit = "%" if pct else f.unit
    word = "增加" if v >= 0 else "减少"
    return Result(True, f"{f.name}{fmt(f.value)}{f.unit}，比上年{word}{fmt(abs(v))}{unit}。原文：{f.clause.strip()}",
                  value=abs(v), unit=unit, figure=f"{f.name}比上年{'增减幅度' if pct else '增减额'}（文中所述）",
                  facts=[f], doc=df.source, change=v)


_WHICH_ITEM = re.compile(r"(什么|哪个|哪一个|啥|哪一)(项目|项|事|经费|资金)|是哪个项目|属于哪")


def item_by_amount(it: Intent, df: DocFacts) -> Result | None:
    """'那笔54.27万的结转资金是什么项目': the row or sentence whose amount is the one quoted."""
    if not it.query.has("which_item"):
        return None
    amounts = it.query.amounts
    if not amounts:
        return None
    v = amounts[0]
    cands = []
    for f in df.facts:
        if f.unit != "万元" or abs(f.value - v) > 0.005 or f.is_total:
            continue
        name = f.project if f.kind == "tabrow" else f.name
        if f.kind == "cell":
            t = df.d.table(f.table) if f.table else None
            row = next((r for r in t.rows if (r.loc.line or 0) == f.line), None) if t else None
            name = (row.project or row.name) if row else f.name
        name = re.sub(r"^[\d\s.、．]+|预算安排规模$", "", name).strip()
        if len(clean(name)) < 4 or re.search(r"合计|总计|小计|^其中", name):
            continue
        # words of the question beside the amount ('结转') make the reading more likely
        cands.append((coverage(it.query.bare, f.context + f.name + (f.table or "")), name, f))
    if not cands:
        return None
    cands.sort(key=lambda x: -x[0])
    names = list(dict.fromkeys(n for _, n, _ in cands))
    _, name, f = cands[0]
    return Result(True, f"{fmt(v)} 万元是“{name}”。", value=f.value, unit="万元", items=[name],
                  figure="按金额找到的项目", facts=[f], doc=df.source) if len(names) >= 1 else None


def _plain_name(f: Fact) -> str:
    return re.sub(r"^[\d\s]+", "", f.name)


def each_of(it: Intent, df: DocFacts) -> Result | None:
    """'A和B分别（各）花了多少': every part answered; the first is the answer's value."""
    if not it.query.has("each") or len(it.operands) < 2:
        return None
    found = []
    tops = [best(p, df, it.unit_class or "amount") for p in it.operands]
    if all(t is not None for t in tops) and len({id(t) for t in tops}) == 1:
        # every part leads to one figure that names them together ('研发项目、奖励补助共计 1600'):
        # the document gives no split
        t = tops[0]
        return Result(False, f"文件只给出合计（{t.name} {fmt(t.value)}{t.unit}），没有分别列出各部分。", doc=df.source)
    for p in it.operands:
        f = best(p, df, it.unit_class or "amount", need=lambda x: all(x is not g for g in found))
        if f is None:
            return None
        found.append(f)
    text = "；".join(_plain_name(f) + f"{fmt(f.value, f.unit)} {f.unit}" for f in found) + "。"
    return Result(True, text, value=found[0].value, unit=found[0].unit, figure="分别列出", facts=found, doc=df.source)


def indicator_row(it: Intent, df: DocFacts) -> Result | None:
    """A 绩效 indicator the question names almost word for word, whose values are not plain
    numbers ('带动社会投入与引导资金投入比例 >=3:1 … =1.95:1'): the row, quoted."""
    best_s, best = 0.0, None
    for t in df.d.performance:
        for ind in t.indicators:
            name = squash(ind.name)
            if len(clean(name)) < 6:
                continue
            sc = coverage(name, it.query.phrase) + 0.2 * coverage(squash(t.project or ""), it.query.phrase)
            if sc > best_s:
                best_s, best = sc, (t, ind)
    if best is None or best_s < (0.7 if len(clean(best[1].name)) >= 10 else 0.8):
        return None
    t, ind = best
    parts = [f"指标值 {ind.target_raw.strip()}" if ind.target_raw else "",
             f"{'完成值' if '自评' in t.kind else '上年完成值'} {ind.actual_raw.strip()}" if ind.actual_raw else "",
             f"分值 {ind.weight:g}" if ind.weight is not None else "", f"得分 {ind.score:g}" if ind.score is not None else "",
             f"偏差原因：{ind.deviation.strip()}" if ind.deviation else ""]
    n = ind.loc.line or 0
    raw = "\n".join(df.line(k) for k in (n - 1, n) if df.line(k).strip())
    return Result(True, f"{squash(ind.name)}（{t.kind}表 {t.project or ''}）：" + "，".join(p for p in parts if p) + "。",
                  figure="绩效指标", doc=df.source,
                  extra_cites=[Citation(doc=df.source, doc_id=df.doc_id, locator=str(ind.loc), text=raw)])


_FIELD = [("policy_basis", "设立的政策依据"), ("period", "资金执行时间"), ("undertaker", "项目承担单位")]


def project_field(it: Intent, df: DocFacts) -> Result | None:
    """'X项目的政策依据 / 执行时间 / 承担单位是啥': the field of the project block, quoted."""
    label = dict(_FIELD).get(it.query.field or "")
    if label is None:
        return None
    attr = it.query.field
    core = it.query.field_subject or it.core
    p = match_project(df, core)
    value = getattr(p, attr, None) if p is not None else None
    if not value:
        return None
    key = squash(value)[:10]
    start = p.loc.line or 1
    lines = []
    for n in range(start, min(len(df.src.lines), start + 40) + 1):
        if label[-4:] in df.line(n) or (lines and key and n - lines[-1] <= 2 and squash(df.line(n))[:6] in squash(value)):
            lines.append(n)
        elif lines:
            break
    raw = "\n".join(df.line(n) for n in lines if df.line(n).strip()) or value
    return Result(True, f"{p.name}的{label}：{value.strip()}", figure=label, doc=df.source,
                  extra_cites=[Citation(doc=df.source, doc_id=df.doc_id,
                                        locator=str(df.src.lines[lines[0] - 1].loc) if lines else str(p.loc), text=raw)])


def row_children(it: Intent, df: DocFacts) -> Result | None:
    """'卫生健康支出具体分哪几项' / '商品和服务支出都有哪些，各多少钱': the rows under a row the question
    names, from the table that breaks it down furthest, with their amounts."""
    if not it.query.has("children"):
        return None
    q = it.query.phrase
    best_t, best_row, best_kids = None, None, []
    for t in df.d.tables:
        rows = t.rows
        for i, r in enumerate(rows):
            name = squash(r.name or "")
            if len(name) < 4 or name not in squash(q) or not r.code:
                continue
            kids = []
            for r2 in rows[i + 1:]:
                if not r2.code or not str(r2.code).startswith(str(r.code)) or r2.code == r.code:
                    break
                kids.append(r2)
            deepest = max((k.level for k in kids), default=0)
            kids = [k for k in kids if k.level == deepest]
            if len(kids) > len(best_kids):
                best_t, best_row, best_kids = t, r, kids
    if not best_kids:
        return None
    items, cites = [], []
    for k in best_kids:
        v = next((x for x in k.values.values() if x is not None), None) if hasattr(k, "values") and isinstance(k.values, dict) else None
        items.append(f"{squash(k.name)}{'' if v is None else ' ' + fmt(float(getattr(v, 'value', v)), '万元') + '万元'}")
        cites.append(Citation(doc=df.source, doc_id=df.doc_id, locator=str(k.loc), text=k.raw))
    return Result(True, f"{best_row.name}分为{len(items)}项：" + "；".join(items) + "。", items=items, figure="表内明细",
                  extra_cites=[Citation(doc=df.source, doc_id=df.doc_id, locator=str(best_row.loc), text=best_row.raw)] + cites,
                  doc=df.source)


# ---- a person named in the document --------------------------------------------------------
_NAME_AFTER = r"[\s:：]*([\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])"


def named_person(it: "Intent", df: DocFacts) -> Result | None:
    """'X项目的负责人叫什么': the name the document writes after the role label ('项目名称 引智
    工作经费 项目负责人 王嘉晨'), on the line that names X or within a few lines before it.
    None when the document writes no name for that role, or only the one the question writes."""
    role = it.query.role
    if not role:
        return None
    words = [w for w in clean(it.query.field_subject or "").split() if len(w) >= 2]
    lines = df.src.lines
    label = re.compile(re.escape(role) + _NAME_AFTER)
    best_hit: tuple[float, int, str] | None = None
    for n, line in enumerate(lines, start=1):
        hit = label.search(line.text)
        if not hit:
            continue
        near = squash(" ".join(x.text for x in lines[max(0, n - 6):n]))
        score = max((coverage(w, near) for w in words), default=0.0)
        if words and score < 0.6:
            continue
        if best_hit is None or score > best_hit[0]:
            best_hit = (score, n, hit.group(1))
    if best_hit is None:
        return None
    _, n, name = best_hit
    given = it.query.person_named
    if given and (name == given or re.search(r"(先生|女士|同志)$", name)):
        return None     # the name the question already writes ('冯先生的全名'): the document says no more
    line = lines[n - 1]
    return Result(True, f"{role}：{name}。原文：{line.text.strip()}", items=[name], figure=f"{role}（原文）",
                  extra_cites=[Citation(doc=df.source, doc_id=df.doc_id, locator=str(line.loc), text=line.text)],
                  doc=df.source)
