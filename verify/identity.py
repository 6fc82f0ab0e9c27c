"""Is the cited figure the one the question asked for? Identity checks beside the number checks.

`answer_check.verify` proves every number stands in the evidence; this module proves the
evidence is about what the Query asked: the documents in its scope, the unit class it
expects (money, a count, a percentage), the column (决算 vs 年初预算), a figure stated by the
document rather than worked back, every document of a ranking, and the measure's words in
the cited figure's label. An answer failing one of them is never `verified`.
"""
from __future__ import annotations

import re
from typing import Any

from budgetqa.core.answer import Answer, Check
from budgetqa.core.normalize import norm, squash
from budgetqa.core.query import Query
from budgetqa.verify.consistency import words_before_each

AMOUNT_UNITS = {"元", "万元", "亿元", "千元"}
_CJK = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
# words of a question that name no figure: they never count for or against a label
_FILLER = re.compile(r"多少|是多少|有多少|一共|合计|总共|全部|所有|整个|预算|决算|年度|部门|单位|的|了|是|有|和|与|及|年|数|金额|钱|情况")
MIN_COVERAGE = 0.34
_CHANGE = re.compile(r"增长|增加|减少|下降|增幅|降幅|变化|增减")


def _bigrams(text: str) -> set[str]:
    t = _CJK.sub("", norm(text))
    return {t[i:i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def coverage(words: str, label: str) -> float:
    """Share of the measure's character bigrams found in the label."""
    a = _bigrams(_FILLER.sub(" ", words))
    if not a:
        return 1.0
    if all(len(g) == 1 for g in a):      # a measure of one character ('车'): written in the label or not
        return float(all(g in _CJK.sub("", norm(label)) for g in a))
    return len(a & _bigrams(label)) / len(a)


def _a_word_named(measure: str, label: str) -> bool:
    """One word of the measure (≥ 3 characters) written whole in the label: the template's
    concept words come in synonyms ('收入总计 收支总预算'), one of which names the figure."""
    lab = _CJK.sub("", norm(label))
    return any(len(w) >= 3 and w in lab for w in (_CJK.sub("", t) for t in measure.split()))


def _unnamed_item(node: Query, label: str) -> str | None:
    """A word of the measure the user wrote (not a template synonym put in for her), of four
    characters or more, that shares not one character pair with the cited figure's label:
    '商业创新专项' answered by '收支总预算' is another figure."""
    concepts = {_CJK.sub("", w) for w in node.concept_words}
    lab = _bigrams(label)
    for t in node.measure.split():
        w = _CJK.sub("", _FILLER.sub("", t))
        item = len(w) >= 4 or (len(w) == 3 and w[-1] in "费金款税")     # '取暖费' is an item too
        if item and w not in concepts and not (_bigrams(w) & lab):
            return w
    return None


_HALVES = ("基本支出", "项目支出")


def _half_missing(measure: str, label: str) -> str | None:
    """The half of a split the measure asks ('一般公共预算项目支出') that the figure's label does
    not write: the whole (一般公共预算拨款支出), or the other half, is another figure."""
    m, lab = _CJK.sub("", norm(measure)), _CJK.sub("", norm(label))
    if all(w in m for w in _HALVES):
        return None     # both halves named: which one the figure is, its own name says
    for w in _HALVES:
        if w in m and w not in lab:
            return w
    return None


def _allowed_docs(q: Query) -> set[str] | None:
    """The documents the Query admits; None when it names none (every document fits)."""
    if q.scope.all_docs:
        return None
    out = set(q.scope.doc_ids) | set(q.scope.alternatives)
    for sub in [*q.operands, q.otherwise]:
        if sub is not None:
            more = _allowed_docs(sub)
            if more is None:
                return None
            out |= more
    return out


def _leaf(q: Query) -> Query:
    """The node whose figure is answered (check and yes/no test another operation)."""
    return q.operands[0] if q.op in ("check", "yes_no") and q.operands else q


def _beside(f) -> str:
    """The words a prose figure stands with: its clause from the last break before the number
    up to the number ('组织40家以上企业参加大赛，…调研企业数不少于10家' → '调研企业数不少于10')."""
    text = norm(f.clause or "")
    for form in (f"{f.value:,.2f}", f"{f.value:.2f}", f"{f.value:g}", f"{f.value:,.0f}"):
        i = text.find(form)
        if i >= 0:
            start = max(text.rfind(p, 0, i) for p in "，。；;：:,")
            return text[start + 1:i + len(form)]
    return text


def _label(f) -> str:
    near = _beside(f) if f.kind == "prose" else f.clause
    return f"{f.name} {f.column or ''} {f.context} {near}"


def _scope_checks(answer: Answer, query: Query, node: Query) -> list[Check]:
    out = []
    allowed = _allowed_docs(query)
    stray = sorted({f.source for f in answer.facts if allowed and f.doc_id not in allowed})
    if stray:
        out.append(Check(kind="identity", ok=False, detail=f"引用的数来自问题所指之外的文件：{'、'.join(stray)}"))
    derived = query.scope.derived_prev or node.scope.derived_prev
    if derived:
        out.append(Check(kind="identity", ok=False,
                         detail=f"{query.scope.year or ''}年的数由本年数与“比上年增减”倒推，文件没有直接写出"))
    year = node.scope.year or query.scope.year
    other = sorted({f.year for f in answer.facts if year and f.year and f.year != year})
    if other and not derived and not query.across and node.column != "上年":
        out.append(Check(kind="identity", ok=False,
                         detail=f"问的是{year}年，引用的是{'、'.join(map(str, other))}年文件的数"))
    return out


def _unit_checks(answer: Answer, query: Query, node: Query) -> list[Check]:
    uc, unit = node.unit_class, answer.unit or ""
    if answer.value is None or query.op == "yes_no" or not uc:
        return []
    if uc == "amount" and unit and unit not in AMOUNT_UNITS:
        return [Check(kind="identity", ok=False, detail=f"问的是金额，答案的数是 {unit} 计的数量")]
    if uc == "count" and unit in AMOUNT_UNITS and query.op != "per_unit":
        # ('按在职人数算…人均多少': the count is the divisor of a per-unit amount)
        return [Check(kind="identity", ok=False, detail="问的是数量，答案的数是金额")]
    if uc == "pct" and unit != "%" and node.op in ("lookup", "share", "growth"):
        return [Check(kind="identity", ok=False, detail="问的是比例，答案的数不是百分比")]
    return []


def _column_checks(answer: Answer, node: Query) -> list[Check]:
    col = node.column if node.op in ("lookup", "rank") else None   # a difference may span two columns
    out = []
    for f in answer.facts:
        if f.kind == "prose" and col in ("决算数", "年初预算") and answer.value is not None \
                and abs(f.value - answer.value) < 0.005:
            # a sentence stating both ('年初预算为2.50万元，支出决算为1.68万元'): the words right before
            # the figure say which it is
            befores = words_before_each(f)
            says_final = any(re.search(r"决算|执行|实际", b) for b in befores)
            says_initial = bool(befores) and not says_final and any(re.search(r"年初预算|预算数?为?$", b) for b in befores)
            if col == "决算数" and says_initial:
                out.append(Check(kind="identity", ok=False, detail="问的是决算（实际）数，引用的是句中的预算数"))
            elif col == "年初预算" and says_final:
                out.append(Check(kind="identity", ok=False, detail="问的是年初预算数，引用的是句中的决算数"))
            continue
        if f.kind not in ("cell", "tabrow") or not f.column:
            continue
        if col == "决算数" and "预算" in f.column and not re.search(r"决算|执行|实际", f.column):
            out.append(Check(kind="identity", ok=False, detail=f"问的是决算（执行）数，引用的是“{f.column}”列"))
        elif col == "年初预算" and re.search(r"决算|执行|实际", f.column):
            out.append(Check(kind="identity", ok=False, detail=f"问的是年初预算数，引用的是“{f.column}”列"))
        elif col == "上年" and f.kind == "tabrow" and "上年" not in f.column:
            out.append(Check(kind="identity", ok=False, detail=f"问的是上年数，引用的是“{f.column}”列"))
        elif node.op == "lookup" and f.kind == "cell" and f.columns:
            # '职业技术学校的事业收入': the measure names another column of the cited table
            lab = _CJK.sub("", norm(f.name))
            for t in node.measure.split():
                w = _CJK.sub("", t)
                named = [c for c in f.columns if len(w) >= 3 and c != f.column and _CJK.sub("", c) == w]
                if named and w not in lab and w not in _CJK.sub("", f.column):
                    out.append(Check(kind="identity", ok=False,
                                     detail=f"问的是“{named[0]}”列，引用的是“{f.column}”列"))
                    break
    return out


def _measure_checks(answer: Answer, node: Query) -> list[Check]:
    out = []
    one_sum = node.op == "sum" and len(node.operands) < 2 and not node.across     # 'X一共多少': X itself
    if (node.op in ("lookup", "growth", "rank") or one_sum) and node.measure.strip():
        # every figure answered (one for a lookup, one per document for a ranking) is the measure
        several = len({f.doc_id for f in answer.facts}) >= 2
        for f in answer.facts if node.op == "rank" or several else answer.facts[:1]:
            # a ranking of the rows under a row names that row in its figure ('公用经费下各项')
            label = _label(f) + (" " + answer.figure if node.op == "rank" and answer.figure else "")
            missing = _unnamed_item(node, label)
            cov = coverage(node.measure, label)
            if missing:
                out.append(Check(kind="identity", ok=False, detail=f"所问“{missing}”不在引用的数的名称或原文里"))
                break
            if cov < MIN_COVERAGE and not _a_word_named(node.measure, label):
                out.append(Check(kind="identity", ok=False,
                                 detail=f"引用的数是“{f.name}”，与所问“{node.measure.strip()}”的字面重合不足（{cov:.0%}）"))
                break
            half = _half_missing(node.measure, label)
            if half:
                out.append(Check(kind="identity", ok=False, detail=f"问的是{half}，引用的数没有写明是{half}"))
                break
    if node.op == "rank" and len(answer.facts) >= 2 and "下各项" not in (answer.figure or "") \
            and len({f.doc_id for f in answer.facts}) == 1:
        # 'X里哪一块最大' names X: a ranking of X's peers with X on top compares the wrong rows
        top = _CJK.sub("", answer.facts[0].name)
        named = [w for w in (_CJK.sub("", _FILLER.sub("", t)) for t in node.measure.split()) if len(w) >= 5]
        if any(w in top for w in named):
            out.append(Check(kind="identity", ok=False,
                             detail=f"问的是“{top}”里面的各项，答案比较的是与它并列的项"))
    if node.op == "lookup" and "项目" in node.measure:
        for f in answer.facts:
            project = f.name.replace(f.part or "", " ").strip()
            if f.part and project and coverage(node.measure, project) >= coverage(node.measure, f.part):
                out.append(Check(kind="identity", ok=False,
                                 detail=f"引用的是项目下的一项分配（{f.part}），不是所问项目的合计"))
                break
    if node.op == "lookup" and _CHANGE.search(node.measure) and answer.value is not None and any(
            abs(f.value - answer.value) < 0.005 for f in answer.facts):
        out.append(Check(kind="identity", ok=False, detail="问的是比上年的增减，答案给的是本年数"))
    return out


def _same_figure_checks(answer: Answer, node: Query) -> list[Check]:
    """One measure answered from several documents (a ranking, 'each', a sum over documents):
    every document's figure must be named by the same words of the measure. '三公经费' in two
    documents and '财政拨款支出预算' in a third is no ranking of one figure."""
    if node.op not in ("rank", "lookup", "sum") or len(node.operands) >= 2 or not node.measure.strip():
        return []
    first: dict[str, Any] = {}
    for f in answer.facts:
        first.setdefault(f.doc_id, f)
    if len(first) < 2:
        return []
    words = [w for w in (_CJK.sub("", _FILLER.sub("", t)) for t in node.measure.split()) if len(w) >= 2]
    named = {d: frozenset(w for w in words if coverage(w, _label(f)) >= 0.99) for d, f in first.items()}
    if len(set(named.values())) > 1:
        a, b = sorted(set(named.values()), key=len, reverse=True)[:2]
        return [Check(kind="identity", ok=False,
                      detail=f"各文件引用的不是同一个数：有的名称含“{'、'.join(sorted(a - b)) or '—'}”，有的没有")]
    return []


def _operand_checks(answer: Answer, node: Query) -> list[Check]:
    if node.op not in ("share", "sum", "difference") or len(node.operands) < 2:
        return []
    if node.op == "share" and len(answer.facts) <= 2 and \
            re.search(r"[\u4e00-\u9fff]{2,}(?:加上?|和|与|\+|＋)[\u4e00-\u9fff]{2,}", node.operands[0].measure):
        # '总部经济（区级加市级）占多少': the part is a sum of two, the division used one figure for it
        return [Check(kind="identity", ok=False, detail=f"所问的部分“{node.operands[0].measure.strip()}”由几项相加，算式只用了一项")]
    if node.op != "share" and not answer.calculation and len(answer.facts) < 2:
        return [Check(kind="identity", ok=False, detail="问的是两个（或几个）数的计算，答案只给了一个数")]
    if node.op == "sum" and len({(f.doc_id, f.name, f.value) for f in answer.facts}) > len(node.operands) + bool(node.equals):
        # 'A和B加起来': two parts asked, a third figure added in is another sum
        return [Check(kind="identity", ok=False,
                      detail=f"问题要加 {len(node.operands)} 个数，算式用了 {len(answer.facts)} 个")]
    if len(answer.facts) < 2:
        return []
    labels = [_label(f) for f in answer.facts]
    out = []
    # words every operand shares after its own name ('人员经费 一般公共服务支出' and '公用经费
    # 一般公共服务支出'): the row they all stand in, which each cited figure must name
    tails = [set(o.measure.split()[1:]) for o in node.operands if len(o.measure.split()) >= 2]
    shared = set.intersection(*tails) if len(tails) == len(node.operands) and tails and not node.across else set()
    for w in (x for x in shared if len(_CJK.sub("", x)) >= 3 and not re.search(r"(部门|单位)?(预算|决算)$", x)):
        for f, lab in zip(answer.facts, labels):
            if coverage(w, lab) < 0.6:
                return [Check(kind="identity", ok=False, detail=f"算式中的“{f.name}”不是所问“{w}”的数")]
    for o in node.operands:
        # each operand is one of the figures the calculation used (in any order); its own name
        # (the first words: '上年结转' of '上年结转 红山…项目') must be there, not only the project
        # or table it stands in, which every figure of that project shares
        own = o.measure.split()[0] if len(o.measure.split()) >= 2 and not node.across else o.measure
        # the figure standing for this operand (its best-covering label) must name the half it asks
        mine = max(labels, key=lambda lab: coverage(o.measure, lab))
        half = _half_missing(o.measure, mine)
        if half:
            out.append(Check(kind="identity", ok=False, detail=f"算式中代表“{o.measure.strip()}”的数没有写明是{half}"))
        for words in dict.fromkeys([o.measure, own]):
            cov = max(coverage(words, lab) for lab in labels)
            if words.strip() and cov < MIN_COVERAGE and not any(_a_word_named(words, lab) for lab in labels):
                out.append(Check(kind="identity", ok=False,
                                 detail=f"算式中没有与所问“{words.strip()}”相符的数（字面重合 {cov:.0%}）"))
                break
    return out


def _one_row_of_a_column(measure: str, f) -> bool:
    """The measure names a column ('人员经费') and the figure is one row of it ('养老保险缴费'):
    a part of the column's total, not the total."""
    if not (f.kind == "cell" and not f.is_total and f.column):
        return False
    if coverage(measure, f.column) >= 0.9 and coverage(measure, f.name) < 0.3:
        return True
    # one word of a longer measure ('基本支出 公用经费') is the column, and the row names none of it
    words = [w for w in (_CJK.sub("", t) for t in measure.split()) if len(w) >= 4]
    return any(_CJK.sub("", f.column) == w and coverage(w, f.name) < 0.3 and not any(
        coverage(v, f.name) >= 0.5 for v in words if v != w) for w in words)


def _row_checks(answer: Answer, node: Query) -> list[Check]:
    measures = [o.measure for o in node.operands] if node.op in ("share", "sum", "difference") else [node.measure]
    out = []
    for m in (x for x in measures if x.strip()):
        for f in answer.facts:
            if _one_row_of_a_column(m, f) and not any(coverage(m, g.name) >= 0.9 for g in answer.facts):
                out.append(Check(kind="identity", ok=False,
                                 detail=f"问的是“{m.strip()}”合计，引用的是“{f.name}”一行的“{f.column}”"))
                break
    return out


def check_identity(answer: Answer, query: Query) -> list[Check]:
    """Failed identity checks of a found answer (empty when it is what was asked)."""
    if not answer.found:
        return []
    node = _leaf(query)
    if query.op == "yes_no" and answer.polarity is None and not answer.items:
        # a figure (or a sum) shown for '…等于总计吗' answers nothing that was asked
        return [Check(kind="identity", ok=False, detail="问的是“是不是”，答案没有给出是或否")]
    if (query.op == "check" or (query.op == "lookup" and _ASKS_AGREEMENT.search(norm(query.phrase or "")))) \
            and answer.polarity is None and not answer.items:
        # 'the document says 102.32 %, is that right?', '说明里写的和表里的一致吗': right or wrong
        return [Check(kind="identity", ok=False, detail="问的是文件所写的数对不对，答案没有给出对或不对")]
    if (node.field or node.has("asks_person")) and answer.value is not None:
        # '谁负责 / 政策依据是什么' asks a text field: a figure is not its answer
        return [Check(kind="identity", ok=False, detail="问的是人或文字内容，答案给的是一个数")]
    if node.op == "list" and node.measure.strip() and (answer.items or answer.facts):
        # the items listed are the ones asked about: the measure's words in what they stand under
        where = " ".join([answer.answer] + [c.text for c in answer.citations[:12]] +
                         [f"{f.context} {f.name}" for f in answer.facts[:12]])
        cov = coverage(node.measure, where)
        if cov < MIN_COVERAGE and not _a_word_named(node.measure, where):
            return [Check(kind="identity", ok=False,
                          detail=f"列出的各项与所问“{node.measure.strip()}”的字面重合不足（{cov:.0%}）")]
    if not answer.facts:
        return _per_unit_checks(answer, node)
    broken = next((f for f in answer.facts if f.kind == "cell" and re.search(r"\d[\d,]*\.\d{2}", f.name)), None)
    if broken is not None:
        # a row name holding another amount ('绩效工资 747.98 30207 邮电费'): two rows read as one
        return [Check(kind="identity", ok=False, detail=f"表格行没有读准：行名“{broken.name[:30]}”里含另一个数")]
    out = _scope_checks(answer, query, node) + _unit_checks(answer, query, node) + _column_checks(answer, node)
    if node.op == "rank" and len({f.doc_id for f in answer.facts}) < 2 and (node.rank_over == "documents"
                                                                           or node.scope.all_docs):
        out.append(Check(kind="identity", ok=False, detail="问题比较多个文件，答案只用了一个文件的数"))
    elif node.op == "rank" and len(answer.facts) < 2 and not answer.items:
        # a ranking of rows answered by one figure: nothing was compared
        out.append(Check(kind="identity", ok=False, detail="问题要在多项中比较高低，答案只给出一个数，没有比较"))
    return out + _measure_checks(answer, node) + _operand_checks(answer, node) + _row_checks(answer, node) + \
        _per_unit_checks(answer, node) + _two_column_checks(answer, node) + _same_figure_checks(answer, node) + \
        _share_column_checks(answer, node) + _equals_checks(answer, query) + _unnamed_scope_checks(answer, query) + \
        _change_checks(answer, query)


_AGREE = r"一致吗|相符吗|对得上吗|是否一致|是否相符"
_ASKS_AGREEMENT = re.compile(_AGREE + r"|对不对|对吗")          # a figure right or wrong
_ASKS_SAME = re.compile(_AGREE + r"|一样吗|相同吗|一样不")         # two places of the document the same


def asks_agreement(query: Query | None) -> bool:
    """'说明里写的和表里的一样吗': two places of the document compared (the Query's own words)."""
    return query is not None and bool(_ASKS_SAME.search(norm(query.phrase or "")))
_CHANGE_ASKED = re.compile(r"(?:涨|增|增加|提高|上调|多|减|减少|降|下降|下调|少|压减|节约|节省|省|省下|超|超出|多花|少花)"
                           r"(?:了|出|下)?多少|有?多少没(?:花|用)完")   # ('还剩多少' asks a balance: a level)


def _change_checks(answer: Answer, query: Query) -> list[Check]:
    """'低保标准涨了多少' asks a change: a level the sentence states (1,450 元 of '由1,450元调整为
    1,520元') is not it. A stated change (比上年增加 X) or a computed difference is."""
    if query.op in ("growth", "share", "yes_no", "check", "rank", "filter", "list") or answer.calculation:
        return []       # (a difference answered without its subtraction is caught here too)
    phrase = norm(query.phrase or "")
    if not _CHANGE_ASKED.search(phrase) or answer.value is None or phrase.count("多少") >= 2:
        return []       # ('机关运行经费多少？比去年涨了多少？' asks the level too)
    if any(abs(f.value - answer.value) < 0.005 for f in answer.facts):
        return [Check(kind="identity", ok=False, detail="问的是变化了多少，答案给的是一个数额本身，不是变化")]
    return []


def _share_column_checks(answer: Answer, node: Query) -> list[Check]:
    """A share of two rows of one table is taken in one column: 高中教育's 基本支出 over 教育支出's
    合计 is no share of anything. (One row split into its columns — 人员经费 over 基本支出 — is.)"""
    if node.op != "share" or len(answer.facts) < 2:
        return []
    part, whole = answer.facts[0], answer.facts[1]
    if part.kind == whole.kind == "cell" and part.doc_id == whole.doc_id and part.table == whole.table \
            and squash(part.name) != squash(whole.name) and (part.column or "") != (whole.column or ""):
        return [Check(kind="identity", ok=False,
                      detail=f"部分（{part.name}·{part.column}）与整体（{whole.name}·{whole.column}）取自表中不同的列")]
    return []


def _equals_checks(answer: Answer, query: Query) -> list[Check]:
    """'A加B等于基本支出吗': the figure the sum is compared with must be the one named."""
    if not query.equals or len(answer.facts) < 2:
        return []
    target = answer.facts[-1]
    if coverage(query.equals, _label(target)) < MIN_COVERAGE and not _a_word_named(query.equals, _label(target)):
        return [Check(kind="identity", ok=False,
                      detail=f"问的是与“{query.equals}”比较，答案比较的是“{target.name}”")]
    return []


def _unnamed_scope_checks(answer: Answer, query: Query) -> list[Check]:
    """A sum or difference whose question names no indexed document (several are indexed) and
    that was answered from one of them: which document was meant is a guess, not a proof."""
    sc = query.scope
    if query.op in ("filter", "list") and sc.all_docs and not sc.named and not query.across \
            and len({f.doc_id for f in answer.facts}) == 1 and len(sc.doc_ids) <= 1:
        # '哪些部门的X比上年减少了' over every document, answered from the rows of one
        return [Check(kind="identity", ok=False, detail="问题没有指明文件，答案只查了索引中的一个文件")]
    if query.op not in ("sum", "difference") or not sc.all_docs or sc.several or query.across:
        return []
    if len({f.doc_id for f in answer.facts}) == 1 and len(sc.doc_ids) <= 1 and sc.alternatives == [] \
            and not sc.named:       # (all_docs: the index holds several documents)
        return [Check(kind="identity", ok=False,
                      detail="问题没有指明是哪个文件，算式只用了索引中的一个文件")]
    return []



def _per_unit_checks(answer: Answer, node: Query) -> list[Check]:
    """An average asked ('平均每人多少钱') is a whole divided by a count: a single figure cited
    without that division is what is counted or a stated figure of another kind, not proven."""
    if node.op != "per_unit" or answer.calculation:
        return []
    if len(answer.facts) == 1 and answer.facts[0].unit == answer.unit and answer.unit in AMOUNT_UNITS:
        return []           # a per-unit figure the document states itself ('人均 2.00 万元')
    return [Check(kind="identity", ok=False, detail="问的是平均数（总额 ÷ 数量），答案没有算这个除法")]


_COLUMN_WORDS = ("年初预算", "全年预算", "调整预算", "决算", "执行数")


def _two_column_checks(answer: Answer, node: Query) -> list[Check]:
    """'X决算比年初预算少了多少': two columns of one row. A difference of two different rows is
    not the difference asked."""
    if node.op != "difference" or len(answer.facts) != 2:
        return []
    said = [w for w in _COLUMN_WORDS if w in node.phrase]
    if len(said) < 2:
        return []
    a, b = answer.facts
    same_row = squash(a.name) == squash(b.name) and a.doc_id == b.doc_id
    if same_row and (a.column or "") != (b.column or ""):
        return []
    return [Check(kind="identity", ok=False,
                  detail=f"问的是同一项的{said[0]}与{said[1]}之差，答案用的是两个不同的项（{a.name}、{b.name}）")]
