"""Every '<subject> <amount> 万元，占 x%，比上年预算增加 y 万元，增长 z%' statement of the prose.

Partial variants count too: amount with 占 only; amount with a change but no share; a change
without an amount ('“三公”经费预算比上年预算增加 0.00 万元，增长 0.00%', '与上年相比，减少 …');
决算 shapes with ',' and ':' separators, '支出决算数为 …，比上年决算增加 …' and
'年初预算数 X 万元，决算数 Y 万元，预决算差异率 -14.73%'. Decreases (减少 / 下降) are negative.
The audit recomputes shares and growth rates from these; the answerer uses them for 比上年.
"""
from __future__ import annotations

import re

from .models import Paragraph, ProseFigure
from budgetqa.core.normalize import to_wanyuan
from .prose_text import NUM, last_segment, looks_tabular, money_unit, sign, to_float, work

_AMOUNT = re.compile(rf"(?P<v>{NUM})(?P<u>万元|亿元|厄元|元)")
_CHANGE_VERB = r"增加|减少"
_PCT_VERB = r"增长|下降|降低|减少|增加|增幅|降幅|减幅"
_BASE = (r"(?:(?:比上年(?P<base>预算|决算|执行数|预算数|决算数)?(?:数)?|较上年(?P<base2>预算|决算)?(?:数)?)"
         rf"(?:的?{NUM}万元)?|与上年(?:相比|比较)[，]?|同比)")     # '比上年预算数765.21万元增加41.77万元'

_CHANGE = re.compile(
    rf"^(?:，)?(?:{_BASE})?(?P<verb>{_CHANGE_VERB})(?:了)?(?P<c>{NUM})万元"
    rf"(?:，(?P<verb2>{_PCT_VERB})(?:了)?(?P<pct>{NUM})%)?")
_PCT_ONLY = re.compile(rf"^(?:，)?{_BASE}(?P<verb2>增长|下降|降低)(?:了)?(?P<pct>{NUM})%")
_SHARE = re.compile(rf"^(?:，)?占(?:[^，。；%]{{0,24}}?的)?(?:比重|比例|比)?(?:为)?(?P<s>{NUM})%")
_DIFF = re.compile(
    rf"(?:与(?P<which>年初|全年)预算相比，?)?(?P<subj>[^，。；：]*?)(?P<which2>年初|全年)预算(?:数)?(?:为)?(?P<b>{NUM})万元，"
    rf"(?:支出)?决算(?:数)?(?:为)?(?P<a>{NUM})万元，预决算差异率(?:为)?(?P<d>{NUM})%")
_BARE_CHANGE = re.compile(
    rf"(?:{_BASE})?(?P<verb>{_CHANGE_VERB})(?:了)?(?P<c>{NUM})万元(?:，(?P<verb2>{_PCT_VERB})(?:了)?(?P<pct>{NUM})%)?")
_STOP = re.compile(r"主要原因|主要用于|主要包括|原因是|原因为|具体情况")

_ITEM_MARK = re.compile(r"^(?:\d{1,2}(?:、|．|\.(?=\d{4}年)|\.(?!\d))|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_YEAR = re.compile(r"^\d{4}年(?:度)?(?:的)?")
_ORG_YEAR = re.compile(r"^[\u4e00-\u9fff（）()“”]{2,40}?(?:局|委员会|委|厅|办公室|办|院|中心|站|所|馆|部|会|处|队|社|校|政府)"
                       r"(?:[（(]部门[)）])?(?:本级)?(?=\d{4}年)")
_GENERIC = {"", "预算数", "决算数", "支出决算数", "预算", "决算", "支出", "金额", "数", "合计", "其中", "本年",
            "年初预算数", "全年预算数", "执行数", "预算安排", "安排"}


class _Ctx:
    def __init__(self, department: str | None):
        self.dept = [d for d in {department or "", re.sub(r"[（(]部门[)）]$", "", department or "")} if d]


def clean_subject(raw: str, ctx: _Ctx | None = None) -> str:
    """The noun phrase of a statement: list markers, '其中', the department name, the year and
    a trailing '为' removed ('2024年度一般公共预算财政拨款支出' -> '一般公共预算财政拨款支出')."""
    s = raw.strip("，：；、。 ")
    for _ in range(3):
        before = s
        s = _ITEM_MARK.sub("", s)
        s = re.sub(r"^\d{1,3}(?=[\u4e00-\u9fff“])(?!\d*年)", "", s)   # a page number run into the text
        s = re.sub(r"^(?:其中|包括|另外|此外|同时|全年|本年度|本年|当年)[，：]?", "", s)
        s = _YEAR.sub("", s)
        for d in (ctx.dept if ctx else []):
            if s.startswith(d):
                s = s[len(d):]
        s = re.sub(r"^[（(]部门[)）]", "", s)
        s = _ORG_YEAR.sub("", s)
        s = _YEAR.sub("", s)
        s = re.sub(r"^(?:的|本部门|本单位|我单位|部门)", "", s)
        s = re.sub(r"^(?:[（(][^）)]*单位[^）)]*[)）])+", "", s)
        if s == before:
            break
    s = re.sub(r"(?:为|是|达到|共计|共)$", "", s)
    # '区民政局安排' (the office, short of its region) leaves only the verb; '在X方面' is X
    s = re.sub(r"^[\u4e00-\u9fff]{1,8}?(?:局|委员会|委|办公室|厅)(?=安排|预算|支出|$)", "", s)
    s = re.sub(r"^在(?=[\u4e00-\u9fff“「])", "", s)
    s = re.sub(r"方面$", "", s)
    return s.strip("，：；、 ")


def _subject_before(sentence: str, start: int, ctx: _Ctx) -> str:
    """Subject for an amount at `start`: the phrase after the last separator; when that is only
    '2024年预算数为' (a '…（项）：2024年预算数为 X' line), the label before the colon."""
    head, tail = last_segment(sentence[:start])
    subj = clean_subject(tail, ctx)
    while subj in _GENERIC and head:
        head, tail = last_segment(head)
        subj = clean_subject(tail, ctx)
    return subj


def _base(m: re.Match, kind: str | None) -> str | None:
    b = m.groupdict().get("base") or m.groupdict().get("base2")
    if b:
        return "上年" + b.replace("数", "")
    if kind in ("预算", "决算"):
        return "上年" + kind
    return "上年"


def _join_continued(paras: list[Paragraph]) -> list[tuple[Paragraph, str, str]]:
    """(paragraph, working text) with a numbered label line that has no amount and does not end a
    sentence joined to the next paragraph ('4、科学技术支出（类）…（款）其他…支出' + '（项）：2025 年
    预算数为 …'); the joined statement keeps the first paragraph's locator."""
    out: list[tuple[Paragraph, str, str]] = []
    pending: tuple[Paragraph, str, str] | None = None
    for p in paras:
        if looks_tabular(p):
            pending = None
            continue
        t = work(p.text)
        if pending is not None:
            if pending[0].section_path == p.section_path and not _ITEM_MARK.match(t):
                out.append((pending[0], pending[1] + t, pending[2] + p.text))
                pending = None
                continue
            out.append(pending)
            pending = None
        if _ITEM_MARK.match(t) and not _AMOUNT.search(t) and not t.endswith(("。", "；")) and len(t) <= 80:
            pending = (p, t, p.text)
            continue
        out.append((p, t, p.text))
    if pending is not None:
        out.append(pending)
    return out


def _figure(p: Paragraph, subject: str, text: str, **kw) -> ProseFigure:
    return ProseFigure(subject=subject, text=text, loc=p.loc, section_path=list(p.section_path), **kw)


def figures_in_text(t: str, p: Paragraph, kind: str | None = None, department: str | None = None,
                    raw: str | None = None) -> list[ProseFigure]:
    """All statements in one paragraph's working text `t` (see module doc); `raw` is what
    `ProseFigure.text` quotes (the paragraph's text unless given)."""
    ctx = _Ctx(department)
    out: list[ProseFigure] = []
    raw = p.text if raw is None else raw
    for sentence in _sentences(t):
        used: list[tuple[int, int]] = []
        for m in _DIFF.finditer(sentence):
            subj = clean_subject(m.group("subj"), ctx)
            if subj in _GENERIC:
                subj = out[-1].subject if out else _subject_before(sentence, m.start(), ctx)
            which = (m.group("which2") or m.group("which") or "年初") + "预算"
            out.append(_figure(p, subj, raw, amount=to_float(m.group("a")),
                               change_pct=to_float(m.group("d")), base=which))
            used.append((m.start(), m.end()))
        amounts = [m for m in _AMOUNT.finditer(sentence)
                   if not any(a <= m.start() < b for a, b in used) and not _is_change_amount(sentence, m.start())]
        skip: set[int] = set()
        for i, m in enumerate(amounts):
            if i in skip:
                continue
            end = amounts[i + 1].start() if i + 1 < len(amounts) else len(sentence)
            tail = sentence[m.end():end]
            if tail.startswith(("（", "(")):
                # '36.20万元（其中：购置费18.00万元，运行费18.20万元），比上年增加16.80万元': the
                # change after the bracket is the figure's before it, not the bracket's last one
                close = sentence.find("）" if tail.startswith("（") else ")", m.end())
                if close > 0:
                    inner = [k for k in range(i + 1, len(amounts)) if amounts[k].start() < close]
                    nxt = next((a.start() for a in amounts if a.start() > close), len(sentence))
                    if _CHANGE.match(sentence[close + 1:nxt]):
                        skip.update(inner)
                        tail = sentence[close + 1:nxt]
            if i + 1 < len(amounts) and re.fullmatch(r"，?(?:比上年|较上年)(?:预算|决算|执行)?数?(?:为|的)?", tail):
                # '806.98万元，比上年预算数765.21万元增加41.77万元': the base figure is part of the change
                skip.add(i + 1)
                end = amounts[i + 2].start() if i + 2 < len(amounts) else len(sentence)
                tail = sentence[m.end():end]
            stop = _STOP.search(tail)
            if stop:
                tail = tail[:stop.start()]
            share = change = pct = None
            base = None
            sm = _SHARE.match(tail)
            if sm:
                share = to_float(sm.group("s"))
                tail = tail[sm.end():]
            cm = _CHANGE.match(tail)
            if cm:
                change = sign(cm.group("verb"), to_float(cm.group("c")))
                if cm.group("pct") is not None:
                    pct = sign(cm.group("verb2") or cm.group("verb"), to_float(cm.group("pct")))
                base = _base(cm, kind)
                used.append((m.end() + (sm.end() if sm else 0), m.end() + (sm.end() if sm else 0) + cm.end()))
            elif (pm := _PCT_ONLY.match(tail)) is not None:
                pct = sign(pm.group("verb2"), to_float(pm.group("pct")))
                base = _base(pm, kind)
            if share is None and change is None and pct is None:
                continue
            subj = _subject_before(sentence, m.start(), ctx)
            if not subj:
                continue
            amount = to_float(m.group("v"))
            unit = money_unit(m.group("u"))
            if unit != "万元":
                amount, unit = round(to_wanyuan(amount, unit), 6), "万元"
            out.append(_figure(p, subj, raw, amount=amount, share_pct=share, change=change,
                               change_pct=pct, base=base))
        # changes stated without an amount
        for cm in _BARE_CHANGE.finditer(sentence):
            if any(a <= cm.start() < b for a, b in used) or _STOP.search(sentence[:cm.start()]):
                continue
            has_base = bool(re.match(_BASE, cm.group(0)))
            if not has_base and cm.group("pct") is None:
                continue
            change = sign(cm.group("verb"), to_float(cm.group("c")))
            pct = (sign(cm.group("verb2") or cm.group("verb"), to_float(cm.group("pct")))
                   if cm.group("pct") is not None else None)
            subj = _subject_before(sentence, cm.start(), ctx) if cm.start() else ""
            subj = re.sub(r"(?:与上年相比|比上年.*)$", "", subj)
            if not subj or subj in _GENERIC:
                prev = out[-1] if out else None
                if prev is not None and prev.change is None and prev.loc == p.loc:
                    prev.change, prev.change_pct, prev.base = change, pct, _base(cm, kind)
                    continue
                if prev is None:
                    continue
                subj = prev.subject
            out.append(_figure(p, subj, raw, change=change, change_pct=pct, base=_base(cm, kind)))
    return out


def _is_change_amount(s: str, i: int) -> bool:
    return bool(re.search(r"(?:增加|减少|增长|下降|压缩|节约|降低)(?:了)?$", s[max(0, i - 3):i]))


def _sentences(t: str) -> list[str]:
    """Split at '。' and '；', not inside brackets."""
    out, buf, depth = [], [], 0
    for ch in t:
        if ch in "（(【[“《":
            depth += 1
        elif ch in "）)】]”》" and depth:
            depth -= 1
        if ch in "。；" and depth == 0:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return [s for s in out if s]


def extract_prose_figures(paras: list[Paragraph], kind: str | None = None,
                          department: str | None = None) -> list[ProseFigure]:
    """All prose figures of a document, in order; `kind` ('预算'/'决算') names an unstated base."""
    out: list[ProseFigure] = []
    for p, t, raw in _join_continued(paras):
        if "万元" not in t and "%" not in t:
            continue
        out.extend(figures_in_text(t, p, kind, department, raw))
    return out
