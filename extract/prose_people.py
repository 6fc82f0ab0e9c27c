"""机构设置及人员情况: staffing counts and the list of offices / subordinate units, from the prose.

Shapes (预算): '…编制数 27，实有人数 44 人，其中：在职 25 人，增加 2 人；退休 19 人，减少 3 人；离休 0 人，
增加 0 人。' and (决算) '实有人数195人，其中：在职人员68人，增加2人；离休人员0人，…'. Counts may be
Chinese numerals. Offices: '下设 7 个处室，分别是：办公室（组织人事科）、综合科、…'. Subordinate units:
'无下属预算单位', or '…下属预算单位包括：' followed by numbered lines.
"""
from __future__ import annotations

import re

from .models import Figure, OrgUnits, Paragraph, Staffing
from budgetqa.core.normalize import norm
from .prose_text import COUNT, fig, split_top, to_float, work

_CHANGE = rf"(?:，|,|（|\()?(?:比上年|较上年|同比)?(?P<verb>增加|减少|增长|下降)(?P<c>{COUNT})(?:人|名)"
_PERSON = r"(?:人员|干部|职工)?(?:为|共)?"


def _count(pattern: str, text: str) -> tuple[float | None, float | None]:
    m = re.search(pattern, text)
    if not m:
        return None, None
    v = to_float(m.group("v"))
    c = None
    if "c" in m.groupdict() and m.group("c") is not None:
        c = to_float(m.group("c"))
        if c is not None and m.group("verb") in ("减少", "下降"):
            c = -abs(c)
    return v, c


def _staff_paragraphs(paras: list[Paragraph]) -> list[Paragraph]:
    hits = [p for p in paras if re.search(r"实有(?:人数|人员)|编制(?:数|人数)|在职(?:人员)?\s*\d", p.text)]
    return sorted(hits, key=lambda p: 0 if any("人员" in h for h in p.section_path) else 1)


def extract_staffing(paras: list[Paragraph]) -> Staffing | None:
    """编制数, 实有人数, 在职 / 退休 / 离休 and their signed changes ('个' for 编制数, '人' for people)."""
    s = Staffing()
    for p in _staff_paragraphs(paras):
        t = work(p.text)
        specs = [
            ("authorized", None, rf"(?:编制数|编制人数|核定编制数?|编制)(?:为|共)?(?P<v>{COUNT})(?:个|名|人)?(?![\d年万元%])", "个"),
            ("actual", None, rf"实有(?:人数|人员){_PERSON}(?P<v>{COUNT})(?:人|名)", "人"),
            ("active", "active_change", rf"在职{_PERSON}(?P<v>{COUNT})(?:人|名)(?:{_CHANGE})?", "人"),
            ("retired", "retired_change", rf"(?<!离)退休{_PERSON}(?P<v>{COUNT})(?:人|名)(?:{_CHANGE})?", "人"),
            ("lixiu", "lixiu_change", rf"离休{_PERSON}(?P<v>{COUNT})(?:人|名)(?:{_CHANGE})?", "人"),
        ]
        for key, ckey, pat, unit in specs:
            if getattr(s, key) is not None:
                continue
            v, c = _count(pat, t)
            if v is None:
                continue
            setattr(s, key, fig(v, p, unit))
            if ckey and c is not None:
                setattr(s, ckey, fig(c, p, unit))
    if all(getattr(s, k) is None for k in ("authorized", "actual", "active", "retired", "lixiu")):
        return None
    return s


_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*(?:[、．]|\.(?!\d))|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])\s*")
_OFFICES = re.compile(
    rf"(?:下设|内设)(?:机构)?(?P<n>{COUNT})个(?:内设)?(?:职能)?(?:科室|处室|股室|内设机构|机构|部门|科|处|股)"
    r"[^：。]{0,8}?(?:，|,)?(?:分别(?:是|为)|包括|即|为)?[：:](?P<list>[^。]+)")
_OFFICES_B = re.compile(
    rf"内设(?:机构|科室|处室|股室)(?:有|共)?(?P<n>{COUNT})个[^：。]{{0,8}}?(?:，)?(?:(?:分别(?:是|为)|包括|即|为)[：:]?|[：:])(?P<list>[^。]+)")
# '设10个内设机构，包括：' followed by one numbered paragraph per office ('（一）秘书科。负责…')
_OFFICES_HEAD = re.compile(rf"(?:设|有|下设)(?P<n>{COUNT})个(?:内设)?(?:机构|科室|处室|股室|内设机构)[^：。]{{0,8}}?"
                           r"(?:，|,)?(?:分别(?:是|为)|包括|如下)[：:]?$")
_NO_SUB = re.compile(r"(?:无|没有|未设)(?:下属|所属|二级)(?:预算)?单位")
_SUB_COUNT = re.compile(rf"(?:下属|所属)(?:预算)?(?:单位)?(?P<n>{COUNT})(?:家|个)(?:预算)?(?:单位)?")
_SUB_INLINE = re.compile(r"(?:下属|所属)(?:的)?(?:预算)?单位[^。：]{0,30}?(?:分别(?:是|为)|包括|有)[：:]?(?P<list>[^。]+)")


def _names(listed: str) -> list[str]:
    items = [re.sub(r"等$", "", x.strip(" ，,；;")) for x in split_top(listed, "、；;")]
    return [x for x in items if x]


def _item_name(p: Paragraph, raw_lines: dict[int, str] | None) -> str:
    """A numbered list line's name; only its first source line when available (the next
    sentence is sometimes joined onto the last item)."""
    text = p.text
    if raw_lines and p.line_numbers and p.line_numbers[0] in raw_lines:
        text = raw_lines[p.line_numbers[0]]
    text = norm(text)
    text = _ITEM.sub("", text, count=1)
    return re.sub(r"\s+", "", text.split("。")[0]).rstrip("；;，,")


def extract_org(paras: list[Paragraph], raw_lines: dict[int, str] | None = None) -> OrgUnits | None:
    """科室 / 处室 list and count, 下属(预算)单位 list, and '无下属预算单位'."""
    org = OrgUnits()
    found = False
    for i, p in enumerate(paras):
        t = work(p.text)
        if not org.offices:
            m = _OFFICES.search(t) or _OFFICES_B.search(t)
            if m:
                org.offices = _names(m.group("list"))
                n = to_float(m.group("n"))
                if n is not None:
                    org.offices_count = fig(n, p, "个")
                org.loc = org.loc or p.loc
                found = True
            elif (h := _OFFICES_HEAD.search(t)) is not None:
                items = []
                for q in paras[i + 1:]:
                    if not _ITEM.match(norm(q.text)):
                        break
                    items.append(re.split(r"[：:]", _item_name(q, raw_lines))[0])
                if items:
                    org.offices = items
                    n = to_float(h.group("n"))
                    if n is not None:
                        org.offices_count = fig(n, p, "个")
                    org.loc = org.loc or p.loc
                    found = True
        if _NO_SUB.search(t):
            org.no_subordinate = True
            org.loc = org.loc or p.loc
            found = True
        m = _SUB_COUNT.search(t)
        if m and org.subordinate_count is None:
            n = to_float(m.group("n"))
            if n is not None:
                org.subordinate_count = fig(n, p, "个")
                found = True
        if not org.subordinate_units and re.search(r"(?:下属|所属)(?:的)?(?:预算)?单位", t):
            if re.search(r"(?:包括|分别(?:是|为)|如下)[：:]?$", t):
                items = []
                for q in paras[i + 1:]:
                    if not _ITEM.match(norm(q.text)):
                        break
                    items.append(_item_name(q, raw_lines))
                if items:
                    org.subordinate_units = items
                    org.loc = org.loc or p.loc
                    found = True
            elif not _NO_SUB.search(t):
                m = _SUB_INLINE.search(t)
                if m and not re.search(r"下设|内设", m.group(0)):
                    org.subordinate_units = _names(m.group("list"))
                    found = bool(org.subordinate_units) or found
    return org if found else None
