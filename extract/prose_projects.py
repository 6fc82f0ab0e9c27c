"""项目支出情况说明: one `Project` per '（一）项目名称：XXX' block and its labelled fields.

Fields: 设立的政策依据 / 预算安排规模 / 项目承担单位 / 资金分配情况 / 资金执行时间. A name may wrap onto
the next line; a field may say 完全不予公开 (kept as text, no number); fields may be missing.
资金分配情况 is kept as written and also split into items ('办公费 22.00 万元、差旅费 4.00 万元').
"""
from __future__ import annotations

import re

from .models import AllocationItem, Figure, Paragraph, Project
from budgetqa.core.normalize import AMOUNT_UNITS, norm, to_wanyuan
from .prose_text import MONEY_UNIT, NUM, fig, last_segment, money_unit, tidy, to_float, work

_HEAD = re.compile(r"^(?:[（(][一二三四五六七八九十百零〇]+[)）]|\d{1,2}\s*[、．.])?\s*项目(?:名称)?\s*[：:]\s*(?P<name>.*)$")
_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff（）()“”]{2,16})\s*[：:]\s*(?P<val>.*)$", re.S)
FIELDS = {
    "policy_basis": ("政策依据", "立项依据", "设立依据"),
    "scale": ("预算安排规模", "安排规模", "预算规模", "资金规模", "项目预算", "预算金额"),
    "undertaker": ("承担单位", "实施单位", "责任单位"),
    "allocation_text": ("资金分配", "分配情况", "资金使用"),
    "period": ("执行时间", "实施期限", "执行期限", "实施时间", "资金执行", "实施周期"),
}
# the project-description pages of another family ('X专项经费情况说明', numbered sections
# 一、项目概述 … 六、年度预算安排 七、绩效目标): section words → Project fields
DESCRIBED_HEAD = re.compile(r"^(?P<name>[^，。；：:]{2,40}?)(?:项目)?经费情况说明$")
DESCRIBED_FIELDS = {"policy_basis": ("立项依据", "政策依据"), "undertaker": ("实施主体", "实施单位", "承担单位"),
                    "period": ("实施周期", "执行时间", "实施期限"), "allocation_text": ("年度预算安排", "预算安排", "资金安排"),
                    "overview": ("项目概述",)}
WITHHELD = "不予公开"


def _field_of(label: str) -> str | None:
    for key, words in FIELDS.items():
        if any(w in label for w in words):
            return key
    return None


def project_heading(p: Paragraph) -> str | None:
    """The project name when the paragraph is a '（一）项目名称：XXX' heading."""
    m = _HEAD.match(norm(p.text))
    return m.group("name").strip() if m else None


def _scale(val: str, p: Paragraph) -> Figure | None:
    if WITHHELD in val:
        return None
    m = re.search(rf"(?P<v>{NUM})\s*(?P<u>{MONEY_UNIT})?", work(val))
    if not m:
        return None
    v = to_float(m.group("v"))
    if v is None:
        return None
    unit = money_unit(m.group("u") or "万元")
    if unit in AMOUNT_UNITS and unit != "万元":
        v = round(to_wanyuan(v, unit), 6)
    return fig(v, p, "万元")


_ALLOC_AMOUNT = re.compile(rf"(?P<v>{NUM})(?P<u>{MONEY_UNIT})")
_NAME_PREFIX = re.compile(r"^(?:其中|主要用于|主要是|用于|包括|安排|另|及|和|以及|主要)+")
_RATE = re.compile(r"^(?:每|平均|人均|单个|最高|不超过)|不超过|不少于|不低于|以上|以内|左右")
_TOTAL = re.compile(r"^(?:共|合计|总计|共计|累计)|(?:共计|合计|总计|共)$")


def _alloc_name(raw: str) -> str:
    _, seg = last_segment(raw, "，。；：:")
    for marker in ("发生的", "产生的", "支付的"):
        if marker in seg:
            seg = seg.rsplit(marker, 1)[1]
    seg = re.sub(r"^对.{1,20}?(?:予以|给予)", "", seg)
    seg = _NAME_PREFIX.sub("", seg)
    return seg.strip("、，“”\"' ")


def parse_allocations(text: str, p: Paragraph, scale: float | None = None) -> list[AllocationItem]:
    """Items 'NAME AMOUNT 万元' in a 资金分配情况 text. An item equal to the whole scale that is
    followed by more items is the restated total, not an item; rates ('每家奖励 20 万元') and
    totals ('共奖励 1060 万元') are not items either."""
    t = work(text)
    if WITHHELD in t:
        return []
    m = re.match(rf"^(?P<v>{NUM})(?P<u>{MONEY_UNIT})(?:全部|均)?用于(?P<name>[^，。；]+)", t)
    if m:
        return [AllocationItem(name=m.group("name"), amount=_amount(m.group("v"), m.group("u"), p))]
    items: list[AllocationItem] = []
    prev_end = 0
    for m in _ALLOC_AMOUNT.finditer(t):
        name = _alloc_name(t[prev_end:m.start()])
        prev_end = m.end()
        if not name or _RATE.search(name) or _TOTAL.search(name) or re.search(r"\d", name[-1:]):
            continue
        amt = _amount(m.group("v"), m.group("u"), p)
        if amt is not None:
            items.append(AllocationItem(name=name, amount=amt))
    if scale is not None and len(items) > 1 and items[0].amount and abs(items[0].amount.value - scale) < 0.005:
        items = items[1:]
    return items


def _amount(v: str, u: str, p: Paragraph) -> Figure | None:
    x = to_float(v)
    if x is None:
        return None
    unit = money_unit(u)
    if unit != "万元":
        x = round(to_wanyuan(x, unit), 6)
    return fig(x, p, "万元")


def extract_projects(paras: list[Paragraph]) -> list[Project]:
    """Every project block, in document order, with the section path of its heading."""
    out: list[Project] = []
    cur: Project | None = None
    container: list[str] = []
    field: str | None = None
    field_para: Paragraph | None = None
    name_open = False
    for p in paras:
        name = project_heading(p)
        if name is not None:
            cur = Project(name=tidy(name), loc=p.loc, section_path=list(p.section_path))
            out.append(cur)
            path = list(p.section_path)
            # the section holding the blocks: without the '（一）项目名称：…' heading when that is on the path
            container = path[:-1] if path and "项目" in path[-1] and _HEAD.match(path[-1]) else path
            field, name_open = None, True
            continue
        if cur is None:
            continue
        if p.section_path[:len(container)] != container or len(p.section_path) < len(container):
            cur, field = None, None          # left the project section
            continue
        t = norm(p.text)
        m = _LABEL.match(t)
        if m:
            name_open = False
            field, field_para = _field_of(m.group("label")), p
            if field is None:
                continue
            val = tidy(m.group("val"))
            if field == "scale":
                if cur.scale is None:
                    cur.scale = _scale(val, p)
            elif getattr(cur, field) is None:
                setattr(cur, field, val)
                if field == "allocation_text":
                    cur.allocations = parse_allocations(val, p, cur.scale.value if cur.scale else None)
            continue
        if name_open and len(t) <= 40 and "。" not in t:
            cur.name = tidy(cur.name + t)    # the heading wrapped onto this line
            continue
        name_open = False
        if field in ("policy_basis", "allocation_text", "undertaker", "period") and getattr(cur, field):
            setattr(cur, field, getattr(cur, field) + tidy(t))
            if field == "allocation_text":
                cur.allocations = parse_allocations(cur.allocation_text, field_para or p,
                                                    cur.scale.value if cur.scale else None)
    # a '项目名称：' line with none of the fields after it (e.g. inside a target table) is no block
    return [p for p in out if any(getattr(p, k) is not None for k in FIELDS)]


def _described_field(heading: str) -> str | None:
    for key, words in DESCRIBED_FIELDS.items():
        if any(w in heading for w in words):
            return key
    return None


def extract_described_projects(paras: list[Paragraph]) -> list[Project]:
    """'生命健康专项（政策资金）经费情况说明' pages: a heading paragraph, then one paragraph per
    numbered section; 年度预算安排 gives the total (项目总预算 X 万) and its split."""
    out: list[Project] = []
    cur: Project | None = None
    for p in paras:
        t = norm(p.text).strip()
        m = DESCRIBED_HEAD.match(re.sub(r"\s+", "", t))
        if m:
            cur = Project(name=tidy(m.group("name")), loc=p.loc, section_path=list(p.section_path))
            out.append(cur)
            continue
        if cur is None:
            continue
        heading = p.section_path[-1] if p.section_path else ""
        if "绩效目标" in heading:
            cur = None
            continue
        field = _described_field(heading)
        if field is None or field == "overview" or not t:
            continue
        if field == "allocation_text":
            cur.allocation_text = (cur.allocation_text or "") + tidy(t)
            tot = re.search(rf"(?:总预算|预算总额|安排)\s*(?P<v>{NUM})\s*(?P<u>{MONEY_UNIT}|万)", work(t))
            if cur.scale is None and tot:
                cur.scale = _scale(tot.group("v") + (tot.group("u") if tot.group("u") != "万" else "万元"), p)
            split = re.sub(r"(\d)万(?!元)", r"\1万元", re.sub(r"^.*?其中[:：]?", "", cur.allocation_text))
            cur.allocations = parse_allocations(split, p,
                                                cur.scale.value if cur.scale else None)
        elif getattr(cur, field) is None:
            setattr(cur, field, tidy(t))
    return [p for p in out if p.scale is not None or p.allocations]
