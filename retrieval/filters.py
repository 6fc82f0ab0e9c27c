"""Search filters, and the ones a question implies (region / department, year, 预算 vs 决算).

Only what matches an indexed document becomes a filter: region and department words are
resolved against the indexed documents' metadata (through the aliases users type: 巴州,
乌市, 昌吉州 …). A year is taken at its word: a year no document has is still returned as a
filter, so the search finds nothing rather than silently answering from another year.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, field_validator

from budgetqa.core.aliases import ALIASES, REGION_CANON, REGION_SUFFIXES
from budgetqa.core.normalize import norm

_ETHNIC = ("蒙古族", "蒙古", "回族", "哈萨克族", "哈萨克", "柯尔克孜", "维吾尔", "藏族", "彝族", "苗族", "壮族",
           "土家族", "朝鲜族", "布依族", "侗族", "傣族", "白族", "哈尼族", "黎族", "满族", "羌族")


class SearchFilters(BaseModel):
    """Each field restricts to documents whose metadata is one of the values (None = any).
    Scalars are accepted: SearchFilters(year=2025) == SearchFilters(year=[2025])."""

    doc_ids: list[str] | None = None
    region: list[str] | None = None
    department: list[str] | None = None
    year: list[int] | None = None
    kind: list[str] | None = None

    @field_validator("doc_ids", "region", "department", "year", "kind", mode="before")
    @classmethod
    def _listify(cls, v: Any):
        if v is None or isinstance(v, list):
            return v
        if isinstance(v, (tuple, set)):
            return list(v)
        return [v]

    def is_empty(self) -> bool:
        return not any((self.doc_ids, self.region, self.department, self.year, self.kind))

    def matches(self, doc: Any) -> bool:
        """`doc` has doc_id, region, department, year, kind (a DocRecord or a dict)."""
        get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
        if self.doc_ids is not None and get("doc_id") not in self.doc_ids:
            return False
        if self.region is not None and get("region") not in self.region:
            return False
        if self.department is not None and get("department") not in self.department:
            return False
        if self.year is not None and get("year") not in self.year:
            return False
        if self.kind is not None and get("kind") not in self.kind:
            return False
        return True


@lru_cache(maxsize=4096)
def region_names(region: str, department: str | None = None) -> frozenset[str]:
    """The ways a user may name a region: full name, without its suffix / ethnic part,
    the short forms in the alias tables, 'X州' for a prefecture, and the region word the
    department's own name uses (新疆巴州科学技术局 → 巴州)."""
    names = {region}
    base = region
    for suf in sorted(REGION_SUFFIXES, key=len, reverse=True):
        if base.endswith(suf) and len(base) > len(suf) + 1:
            base = base[: -len(suf)]
            break
    for eth in _ETHNIC:
        if base.endswith(eth) and len(base) > len(eth) + 1:
            base = base[: -len(eth)]
            break
    if len(base) >= 2:
        names.add(base)
    if region.endswith("州") and len(base) >= 2:
        names.update({base + "州", base[0] + "州"})
    names.update(k for k, v in REGION_CANON.items() if v == region)
    names.update(k for k, vals in ALIASES.items() if vals and vals[0] == region)
    for suf in ("省", "自治区", "市"):
        i = region.find(suf)
        if 0 < i and len(region) - i - len(suf) >= 2:   # 上海市普陀区 → 普陀区, 普陀
            local = region[i + len(suf):]
            names.add(local)
            if len(local) >= 3:
                names.add(local[:-1])
            break
    if department:
        d = department.removeprefix("新疆维吾尔自治区").removeprefix("新疆")
        for suf in REGION_SUFFIXES:
            i = d.find(suf)
            if 0 < i <= 8:
                names.add(d[: i + len(suf)])
                break
    return frozenset(n for n in names if len(n) >= 2)


@lru_cache(maxsize=4096)
def department_names(department: str, region: str | None) -> frozenset[str]:
    """The ways a question names a department, besides its short forms: its name without the
    region ('科学技术局'), and for a township's or a street's office its place ('杏岔镇人民政府' →
    杏岔镇, 杏岔镇政府; 'X街道办事处' → X街道)."""
    core = department_core(department, region)
    names = {core}
    for end, forms in (("人民政府", ("", "政府")), ("街道办事处", ("街道", "街道办"))):
        place = core[: -len(end)] if core.endswith(end) else ""
        if len(place) >= 3 and place[-1] in "镇乡" or end == "街道办事处" and len(place) >= 2:
            names.update(place + f for f in forms)
    return frozenset(n for n in names if len(n) >= 2)


@lru_cache(maxsize=4096)
def department_core(department: str, region: str | None) -> str:
    """The department without its region words: 乌鲁木齐市科学技术局 → 科学技术局."""
    d = department.removeprefix("新疆维吾尔自治区").removeprefix("新疆")
    for n in sorted(region_names(region, department) if region else [], key=len, reverse=True):
        if d.startswith(n):
            return d[len(n):]
    return d


_YEAR4 = re.compile(r"(?<!\d)(20\d{2})(?!\d)\s*年?")   # not the 2010 of a 科目 code 2010350
_YEAR2 = re.compile(r"(?<![\d.])(\d{2})\s*年(?!\d)")
_YEAR_END = re.compile(r"(?:截至|截止|到)?\s*(20\d{2})\s*年\s*(?:底|末|12\s*月\s*31\s*日)")
# fund words that contain 预算 but say nothing about the document's kind
_NOT_KIND = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|年初预算|全年预算|"
                       r"调整预算|预算数|预决算|预算执行|预算绩效|预算单位|预算拨款|预算安排|预算支出|预算收入")


def years_in(question: str) -> list[int]:
    """Years the question names: 2024, 2024年, 25年 → 2025. 'At the end of year N' is a
    point in time reported by the year-N 决算 and by the year-N+1 预算 (its 国有资产 and
    staffing sections), so both years count."""
    q = norm(question)
    years: list[int] = []
    for m in _YEAR4.finditer(q):
        years.append(int(m.group(1)))
    for m in _YEAR2.finditer(q):
        y = 2000 + int(m.group(1))
        if 2000 <= y <= 2099 and not re.search(rf"20{m.group(1)}\s*年", q):
            years.append(y)
    for m in _YEAR_END.finditer(q):
        years.append(int(m.group(1)) + 1)
    return list(dict.fromkeys(years))


_SCOPE_WORDS = {"单位": re.compile(r"单位(?:的)?(?:预算|决算|口径)|预算单位"), "部门": re.compile(r"部门(?:的)?(?:预算|决算|口径)")}


def scopes_in(question: str) -> list[str]:
    """'单位预算' / '部门预算' named in a question: which scope of document it asks for."""
    q = norm(question)
    return [k for k, pat in _SCOPE_WORDS.items() if pat.search(q)]


def kinds_in(question: str) -> list[str]:
    q = norm(question)
    has_js = "决算" in q
    stripped = _NOT_KIND.sub("", q.replace("预决算", ""))
    has_ys = "预算" in stripped
    if has_js and not has_ys:
        return ["决算"]
    if has_ys and not has_js:
        return ["预算"]
    return []


def filters_from_question(question: str, docs: Iterable[Any]) -> SearchFilters:
    """Filters implied by the question, resolved against the indexed documents' metadata."""
    docs = list(docs)
    get = lambda d, k: d.get(k) if isinstance(d, dict) else getattr(d, k, None)  # noqa: E731
    q = norm(question)
    for k, vals in ALIASES.items():  # 科技局 → 科学技术局 etc., for department matching
        if k in q:
            q += " " + " ".join(vals)

    regions: list[str] = []
    by_region: dict[str, set[str]] = {}
    for d in docs:
        r = get(d, "region")
        if r:
            by_region.setdefault(r, set()).update(region_names(r, get(d, "department")))
    # longest names first, and a name inside an already matched longer one does not count
    spans: list[tuple[int, int]] = []
    for name, region in sorted(((n, r) for r, ns in by_region.items() for n in ns), key=lambda x: -len(x[0])):
        for m in re.finditer(re.escape(name), q):
            if any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            spans.append((m.start(), m.end()))
            if region not in regions:
                regions.append(region)

    if not regions:
        regions = _regions_of_level(q, docs)

    departments: list[str] = []
    pool = [d for d in docs if not regions or get(d, "region") in regions]
    for d in pool:
        dep = get(d, "department")
        if dep and dep not in departments:
            if any(n in q for n in department_names(dep, get(d, "region"))):
                departments.append(dep)
    # a department filter only helps when it singles out some of the candidate documents
    if departments and all(get(d, "department") in departments for d in pool):
        departments = []

    kinds = [k for k in kinds_in(question) if any(get(d, "kind") == k for d in docs)]
    years = years_in(question)
    scope = [d for d in pool if not departments or get(d, "department") in departments]
    years, kinds, doc_ids = _previous_year_budget(years, kinds, scope)
    return SearchFilters(doc_ids=doc_ids, region=regions or None, department=departments or None,
                         year=years or None, kind=kinds or None)


# '州科技局', '市教育局', '县财政局': the administrative level of an unnamed region, said
# just before the department's words
_LEVEL = re.compile(r"(?:^|[^\u4e00-\u9fff]|[年的和与及、])(州|市|县|区|旗|盟)(?=[\u4e00-\u9fff]{1,8}(?:局|委|厅|办|院|会|部|中心|站|所|馆))")
_LEVEL_SUFFIX = {"州": ("州",), "市": ("市",), "县": ("县",), "区": ("区",), "旗": ("旗",), "盟": ("盟",)}


def _regions_of_level(q: str, docs: list[Any]) -> list[str]:
    """Regions of the level a question names without naming the region ('州科技局' → the
    indexed 自治州 / 州 regions, not a 市). Empty when no level word, or when it would
    leave nothing or everything."""
    m = _LEVEL.search(q)
    if not m:
        return []
    sufs = _LEVEL_SUFFIX[m.group(1)]
    regions = sorted({r for d in docs if (r := (d.get("region") if isinstance(d, dict) else getattr(d, "region", None)))})
    keep = [r for r in regions if r.endswith(sufs) and not (m.group(1) == "区" and r.endswith("自治区"))]
    return keep if keep and len(keep) < len(regions) else []


def _previous_year_budget(years: list[int], kinds: list[str], scope: list[Any]) -> tuple[list[int], list[str], list[str] | None]:
    """A year-Y question that is not about a 决算, when no document in scope is a 预算 of
    year Y but one is a 预算 of year Y+1: that document states the year-Y budget figures
    ('比上年预算增加 …'), so it is searched too. A 决算 question for a year nothing covers
    keeps its year and finds nothing."""
    if not years or kinds == ["决算"]:
        return years, kinds, None
    get = lambda d, k: d.get(k) if isinstance(d, dict) else getattr(d, k, None)  # noqa: E731
    have = {(get(d, "year"), get(d, "kind")) for d in scope}
    covered = {get(d, "year") for d in scope if not kinds or get(d, "kind") in kinds}
    add = [y + 1 for y in years if y not in covered and (y, "预算") not in have and (y + 1, "预算") in have
           and y + 1 not in years]
    if not add:
        return years, kinds, None
    ids = [get(d, "doc_id") for d in scope
           if (get(d, "year") in years and (not kinds or get(d, "kind") in kinds))
           or (get(d, "year") in add and get(d, "kind") == "预算")]
    return years + add, kinds, ids


def strip_scope(question: str, filters: SearchFilters | None, docs: Iterable[Any]) -> str:
    """The question without the words that only name its scope (region, department, year):
    once they are filters they say nothing about *which passage* answers, and they would
    otherwise pull every heading that repeats the department's name and year."""
    if filters is None or filters.is_empty():
        return question
    get = lambda d, k: d.get(k) if isinstance(d, dict) else getattr(d, k, None)  # noqa: E731
    q = norm(question)
    words: set[str] = set()
    for d in docs:
        if not filters.matches(d):
            continue
        r, dep = get(d, "region"), get(d, "department")
        if r and filters.region:
            words |= region_names(r, dep)
        if dep:
            core = department_core(dep, r)
            words.add(dep)
            words.add(core)
            words.update(k for k, vals in ALIASES.items() if core in vals)
    words = {w for w in words if len(w) >= 2}
    if words:  # one pass, leftmost-longest: 巴州科技局 → 巴州 + 科技局, not 巴 + 州科技局
        q = re.sub("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), " ", q)
    if filters.year:
        q = re.sub(r"(?<!\d)(?:20)?\d{2}\s*年度?", " ", q)
    return re.sub(r"\s+", " ", q).strip() or question
