"""Department, region, year and kind, read from the content (never from the file name)."""
from __future__ import annotations

import re
from collections import Counter

from budgetqa.core.aliases import REGION_CANON, REGION_SUFFIXES

from .models import Meta
from budgetqa.core.normalize import norm
from .source import SourceDoc

_DEPT_LINE = re.compile(r"(?:(?:编制部门|编制单位|预算单位|预算主管部门)[:：]|(?:部门名称|单位名称)[:：]?)\s*([^\s:：]{4,40}?)(?:（盖章）)?\s*(?:单位[:：]|$)")
# the cover: an organisation's name alone on a line, the next line '2024 年度部门决算'
_COVER_YEAR = re.compile(r"^\s*(\d{4})\s*年度?\s*(?:区级|市级|省级|县级)?\s*(部门|单位)?\s*(预算|决算)\s*"
                         r"(?:公开|公开表|公开文本|信息公开|情况说明)?\s*$")
_ORG_END = re.compile(r"(局|委员会|委|办公室|办|厅|院|中心|所|站|队|馆|会|部|处|社|校|学|园|街道办事处|街道|镇|乡|政府)$")
_SCOPE_UNIT = re.compile(r"单位预算|单位决算|预算单位[^，。；]{0,20}表|编制单位[:：]")
_SCOPE_DEPT = re.compile(r"部门预算|部门决算|编制部门[:：]|预算主管部门[:：]")
_TITLE = re.compile(r"(\d{4})\s*年(?:度)?\s*([^\s\d][^\d]{2,40}?)(?:（部门）)?\s*(?:部门)?\s*(预算|决算)")
_TITLE2 = re.compile(r"^\s*(?:第一部分\s*)?(\d{4})\s*年(?:度)?\s*(\S{3,40}?)部门概况")
_TITLE3 = re.compile(r"^\s*#*\s*(\S{3,40}?)(?:（部门）)?\s*(\d{4})\s*年度?\s*(?:部门|单位)\s*(预算|决算)")


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
    if region and not region.endswith(("区", "县", "旗")):
        # a district or county right after its city or province: 上海市普陀区, 浙江省杭州市西湖区
        m = re.match(r"[\u4e00-\u9fff]{1,6}?(?:市|区|县|旗|州)", d[best:])
        if m and len(m.group(0)) >= 2 and not re.search(r"(政府|科学|技术|教育|财政|人民)", m.group(0)):
            region += m.group(0)
    return REGION_CANON.get(region, region) if region else None


# an office's name: Chinese characters ending in what offices are called, no quotes or colons
_ORG = re.compile(r"[\u4e00-\u9fff]{2,24}(?:局|委员会|委|办公室|厅|中心|协会|联合会|院|所|站|馆|人民政府|街道办事处"
                  r"|学校|中学|小学|幼儿园|医院)")   # a township's budget is its 人民政府's
_OFFICE_IN_TEXT = re.compile(r"(?<![\u4e00-\u9fff])?([\u4e00-\u9fff]{2,14}?(?:区|市|县|州|省|盟|旗)[\u4e00-\u9fff]{2,10}?"
                             r"(?:局|委员会|办公室|厅))")


def _most_named_office(text: str) -> str | None:
    """The office a text names most often with its place ('潮白区民政局'), at least twice."""
    counts = Counter(m.group(1) for m in _OFFICE_IN_TEXT.finditer(text))
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None


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
                    dept, year, kind = g[0], g[1], g[2]
                elif pat is _TITLE2:
                    year, dept, kind = g[0], g[1], None
                else:
                    year, dept, kind = g[0], g[1], g[2]
                if title_dept is None or (not _ORG.fullmatch(title_dept) and _ORG.fullmatch(dept or "")):
                    title_dept = dept      # the first title naming an office names the document; later lines quote it
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
    if department is None:
        department = _cover_department(src)
    if department is None and title_dept and _ORG.fullmatch(re.sub(r"^(?:关于)?", "", title_dept).strip()):
        department = re.sub(r"^(?:关于)?", "", title_dept).strip()
    if department is None:
        # a news article or a web page: the office it is about is the one it names most
        department = _most_named_office(text)
    if department:
        department = department.replace("（部门）", "")
    year = years.most_common(1)[0][0] if years else None
    kind = kinds.most_common(1)[0][0] if kinds and kinds.most_common(1)[0][1] > 0 else None
    unit = "万元"
    m = re.search(r"单位[:：]\s*(万元|元|亿元)", "\n".join(head))
    if m:
        unit = m.group(1)
    n_unit, n_dept = len(_SCOPE_UNIT.findall(text)), len(_SCOPE_DEPT.findall(text))
    scope = "单位" if n_unit > n_dept else "部门" if n_dept else None
    cover = " ".join(t for t in head[:6])       # the title page names what the document is
    if re.search(r"部门(?:预算|决算)", cover) and not re.search(r"单位(?:预算|决算)", cover):
        scope = "部门"      # '编制单位：' under every table is a form label, not a 单位预算
    elif re.search(r"单位(?:预算|决算)", cover) and not re.search(r"部门(?:预算|决算)", cover):
        scope = "单位"
    return Meta(department=department, region=region_of(department), year=year, kind=kind, scope=scope,
                unit=unit, title=title, loc=title_loc, other_names=plate_names(text, department))


_PLATES = re.compile(r"加挂([^。；;]{4,90}?)的?牌子")


def plate_names(text: str, department: str | None = None) -> list[str]:
    """The names a department also goes by: '…委员会，加挂上海市普陀区经济委员会、…储备局牌子'
    (one office, several plates; the 主要职能 section writes it)."""
    out: list[str] = []
    for m in _PLATES.finditer(re.sub(r"\s+", "", text)):
        for name in re.split(r"[、，,]|以及", m.group(1)):
            name = name.strip("“”\"‘’（）()")
            if len(name) >= 4 and name != department and name not in out:
                out.append(name)
    return out


def _cover_department(src: SourceDoc) -> str | None:
    """The organisation named on the cover, on the line above its '2024 年度部门决算' line."""
    first = [l for l in src.lines[:40] if (l.loc.page or 1) <= 2]
    for a, b in zip(first, first[1:]):
        name = re.sub(r"\s+", "", norm(a.text))
        if _COVER_YEAR.match(norm(b.text)) and 3 <= len(name) <= 40 and _ORG_END.search(name):
            return name
    return None


def looks_like_disclosure(src: SourceDoc) -> bool:
    """A disclosure, or a page restating one's figures, speaks of a 预算/决算 and of the money in it.

    A full disclosure mentions this vocabulary many times (score >= 20); a news article or web
    page that restates a few figures is let through too (it is parsed as prose only): it needs
    预算/决算 and at least one more budget word or an amount such as '3,256.78万元'. Only a text
    with no budget vocabulary is refused."""
    t = norm(src.text())
    if "预算" not in t and "决算" not in t:
        return False
    score = sum(t.count(w) for w in ("预算", "决算", "支出", "收入", "万元", "财政拨款", "功能分类", "三公"))
    if score >= 20:
        return True
    amounts = len(re.findall(r"\d(?:[\d,，.]*\d)?\s*(?:万元|亿元|元)", t))
    return score >= 2 and (amounts >= 1 or score >= 4)
