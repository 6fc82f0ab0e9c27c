"""Department, region, year and kind, read from the content (never from the file name)."""
from __future__ import annotations

import re
from collections import Counter

from budgetqa.core.aliases import REGION_CANON, REGION_SUFFIXES

from .models import Meta
from budgetqa.core.normalize import norm
from .source import SourceDoc

_DEPT_LINE = re.compile(r"(?:编制部门|编制单位|部门名称|单位名称|预算单位)[:：]?\s*([^\s:：]{4,40}?)(?:（盖章）)?\s*(?:单位[:：]|$)")
_TITLE = re.compile(r"(\d{4})\s*年(?:度)?\s*([^\s\d][^\d]{2,40}?)(?:（部门）)?\s*(?:部门)?\s*(预算|决算)")
_TITLE2 = re.compile(r"^\s*(?:第一部分\s*)?(\d{4})\s*年(?:度)?\s*(\S{3,40}?)部门概况")
_TITLE3 = re.compile(r"^\s*(\S{3,40}?)(?:（部门）)?\s*(\d{4})\s*年度?\s*部门\s*(预算|决算)")


def region_of(department: str | None) -> str | None:
    if not department:
        return None
    for short, canon in REGION_CANON.items():
        if department.startswith(short):
            return canon
    d = department.removeprefix("新疆维吾尔自治区").removeprefix("新疆")
    best = None
    for suf in REGION_SUFFIXES:
        i = d.find(suf)
        if i > 0 and (best is None or i + len(suf) < best):
            best = i + len(suf)
    region = d[:best] if best else None
    return REGION_CANON.get(region, region) if region else None


def detect_meta(src: SourceDoc) -> Meta:
    lines = [(l, norm(l.text)) for l in src.lines]
    head = [t for _, t in lines[:400] if t]
    text = "\n".join(t for _, t in lines)

    depts = Counter()
    for _, t in lines:
        m = _DEPT_LINE.search(t)
        if m:
            depts[m.group(1).strip()] += 1
    years = Counter()
    kinds = Counter()
    title = None
    title_loc = None
    title_dept = None
    for line, t in lines[:200]:
        for pat in (_TITLE3, _TITLE2, _TITLE):
            m = pat.search(t)
            if m:
                g = m.groups()
                if pat is _TITLE3:
                    title_dept, year, kind = g[0], g[1], g[2]
                elif pat is _TITLE2:
                    year, title_dept, kind = g[0], g[1], None
                else:
                    year, title_dept, kind = g[0], g[1], g[2]
                years[int(year)] += 3
                if kind:
                    kinds[kind] += 3
                if title is None:
                    title, title_loc = t, line.loc
                break
    for y in re.findall(r"(20\d{2})\s*年(?:度)?\s*部门\s*(?:预算|决算)", text):
        years[int(y)] += 1
    kinds["决算"] += len(re.findall(r"决算(?:公开|表|数|情况说明)", text))
    kinds["预算"] += len(re.findall(r"预算(?:公开表|情况说明)|部门预算公开", text))

    department = depts.most_common(1)[0][0] if depts else None
    if department is None and title_dept:
        department = re.sub(r"^(?:关于)?", "", title_dept).strip()
    if department:
        department = department.replace("（部门）", "")
    year = years.most_common(1)[0][0] if years else None
    kind = kinds.most_common(1)[0][0] if kinds and kinds.most_common(1)[0][1] > 0 else None
    unit = "万元"
    m = re.search(r"单位[:：]\s*(万元|元|亿元)", "\n".join(head))
    if m:
        unit = m.group(1)
    return Meta(department=department, region=region_of(department), year=year, kind=kind,
                unit=unit, title=title, loc=title_loc)


def looks_like_disclosure(src: SourceDoc) -> bool:
    """A disclosure mentions its budget/final-account vocabulary many times."""
    t = norm(src.text())
    score = sum(t.count(w) for w in ("预算", "决算", "支出", "收入", "万元", "财政拨款", "功能分类", "三公"))
    return score >= 20 and ("预算" in t or "决算" in t)
