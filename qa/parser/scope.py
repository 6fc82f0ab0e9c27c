"""Which document(s) a question is about: region / department / year / 预算 vs 决算.

A question about a year and kind no indexed document covers is *not* answered from
another year's document — except that a 预算 for year Y+1 states year-Y budget figures
through '比上年增加/减少', which the answerer may use (and says so): `derived_prev`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from budgetqa.core.aliases import ALIASES, department_short_forms
from budgetqa.core.normalize import norm
from budgetqa.core.regions import Region, code_of, name_spans, named_in, within, without_regions
from budgetqa.retrieval.filters import (department_core, department_names, filters_from_question, kinds_in,  # noqa: F401
                                       region_names, scopes_in, years_in)


@dataclass
class Scope:
    docs: list[Any]                       # DocRecord-like (doc_id, source, region, department, year, kind)
    year: int | None = None
    kind: str | None = None
    derived_prev: bool = False            # answer year-Y figures from the Y+1 预算 (amount − change)
    missing: str | None = None            # why nothing fits (then docs is empty)
    scope_words: set[str] = field(default_factory=set)
    alternatives: list[Any] = field(default_factory=list)  # other documents that state the same point in time
    group: list[Any] = field(default_factory=list)  # the question names several departments' documents: one each


def _get(d: Any, k: str):
    return d.get(k) if isinstance(d, dict) else getattr(d, k, None)


def scope_words(docs: list[Any]) -> set[str]:
    """Words that only name the scope (region, department) — removed before matching figures."""
    words: set[str] = set()
    for r, dep in dict.fromkeys((_get(d, "region"), _get(d, "department")) for d in docs):  # each pair once
        if r:
            words |= region_names(r, dep)
        if dep:
            words.add(dep)
            core = department_core(dep, r)
            words.add(core)
            words |= department_names(dep, r)       # 杏岔镇 for 陇岑县杏岔镇人民政府
            words.update(k for k, vals in ALIASES.items() if core in vals or vals[0] in core)
            shorts = department_short_forms(core)
            words |= shorts      # 卫健局 for 卫生健康局
            # '乌市科技局', '桂澄文旅局': a place's short name joined to the office's short form
            words |= {n + f for n in (region_names(r, dep) if r else ()) for f in shorts | {core}}
            if "人民政府" in core:       # 人民政府办公室 is said 政府办公室
                words.add(core.replace("人民政府", "政府"))
    return {w for w in words if len(w) >= 2}


def _pairs(records: list[Any]) -> list[tuple[str, str | None]]:
    """Each indexed (department, region) once: a corpus has thousands of documents, few pairs."""
    return list(dict.fromkeys((_get(r, "department") or "", _get(r, "region")) for r in records))


def _said(named: list[str], pairs: list[tuple[str, str | None]]) -> set[str]:
    """The question's department words that name one of the (department, region) pairs."""
    return {w for w in named if any(_is_department(w, dep, reg) for dep, reg in pairs)}


def departments_named(question: str, records: list[Any]) -> set[str]:
    """The indexed departments the question's department words name ('水网调度局' → one)."""
    named = _named_departments(norm(question), records)
    return {dep for dep, reg in _pairs(records) if dep and any(_is_department(w, dep, reg) for w in named)}


def said_scope_words(question: str, records: list[Any]) -> set[str]:
    """The scope words of every record, and the department words the question itself uses for an
    indexed department ('文广旅局' for 文化广电体育和旅游局), so neither is read as a figure's name."""
    return scope_words(records) | _said(_named_departments(norm(question), records), _pairs(records))


def _by_scope(cands: list[Any], question: str) -> list[Any]:
    """部门预算 (the department with its units) or 单位预算 (one unit): the one the question names;
    when it names neither and both are indexed, the department's, which covers the unit too."""
    want = scopes_in(question)
    if not want and re.search(r"(委|局|办|厅|会)(机关|本级)", norm(question)) and any(_get(c, "scope") == "单位" for c in cands):
        want = ["单位"]   # '商务委机关' is the organ itself: its own 单位预算
    if want:
        return [c for c in cands if _get(c, "scope") in want] or cands
    ranked = sorted(cands, key=lambda c: _get(c, "scope") == "单位")   # stable: 部门 (or unknown) first
    return ranked


def _pick(cands: list[Any], years: list[int], kinds: list[str], question: str) -> Scope:
    """Choose among one department's documents by year, kind and scope (部门 / 单位)."""
    if not cands:
        return Scope(docs=[], missing="索引中没有与问题所指地区/部门相符的文件")
    cands = _by_scope(cands, question)
    kind = kinds[0] if len(kinds) == 1 else None
    if not years:
        pool = [c for c in cands if kind is None or _get(c, "kind") == kind] or cands
        # latest year; a 预算 before a 决算 of the same year unless asked
        pool.sort(key=lambda c: (_get(c, "year") or 0, _get(c, "kind") == "预算"), reverse=True)
        return Scope(docs=pool[:1], kind=kind)
    for y in years:
        exact = [c for c in cands if _get(c, "year") == y and (kind is None or _get(c, "kind") == kind)]
        if exact:
            if kind is None and len(exact) > 1:
                exact.sort(key=lambda c: _get(c, "kind") == "预算", reverse=True)
            return Scope(docs=exact[:1], year=y, kind=kind or _get(exact[0], "kind"))
    y = years[0]
    # year N asked, the N+1 document of the same kind states '比上年增加 X': N is derivable
    for k in ([kind] if kind else ["预算", "决算"]):
        nxt = [c for c in cands if _get(c, "year") == y + 1 and _get(c, "kind") == k]
        if nxt:
            return Scope(docs=nxt[:1], year=y, kind=k, derived_prev=True)
    what = f"{y}年{kind or ''}".strip()
    have = "、".join(sorted({f"{_get(c, 'year')}年{_get(c, 'kind') or ''}" for c in cands}))
    return Scope(docs=[], year=y, kind=kind, missing=f"索引中没有该部门{what}的文件（现有：{have}）")


_DEPT_WORDS = r"局|委员会|委(?![托员屈])|厅|科协|联合会|办公室|府办"   # what a department's name ends with (政府办 = 人民政府办公室)
_DEPT_SUFFIX = re.compile(rf"({_DEPT_WORDS})(?![\u4e00-\u9fff]{{0,1}}(本级|长))")
_DEPT_STOP = set("的和与及、占里个年比跟同各在给对向几两三家哪些份这那每")


def _named_departments(q: str, records: list[Any]) -> list[str]:
    """Department words the question uses ('教育局', '科技局'), with region names taken out."""
    # each (region, department) once: a corpus has thousands of documents, few such pairs
    for reg, dep in dict.fromkeys((_get(r, "region"), _get(r, "department")) for r in records):
        for n in sorted(region_names(reg, dep) if reg else [], key=len, reverse=True):
            q = q.replace(n, " ")
    q = without_regions(q)      # '新疆科技局': a region no document is indexed under is no department word
    out = []
    for m in _DEPT_SUFFIX.finditer(q):
        i = m.start()
        while i > 0 and m.start() - i < 8 and "\u4e00" <= q[i - 1] <= "\u9fff" and q[i - 1] not in _DEPT_STOP:
            i -= 1
        word = re.sub(r"^[州市县区盟旗省]", "", q[i:m.end()])
        if len(word) - len(m.group(1)) >= 2 or m.group(1) == "科协" or word in ALIASES:  # '委' alone is no department
            out.append(word)
    # a '…中心' is a department word only when it names an indexed department (疾控中心 for
    # 岚峰县疾病预防控制中心); a sub-unit's name (乌鲁木齐科技信息服务中心) is content
    for m in re.finditer(r"中心", q):
        i = m.start()
        while i > 0 and m.start() - i < 8 and "\u4e00" <= q[i - 1] <= "\u9fff" and q[i - 1] not in _DEPT_STOP:
            i -= 1
        word = re.sub(r"^[州市县区盟旗省]", "", q[i:m.end()])
        if len(word) >= 4 and _said([word], _pairs(records)):
            out.append(word)
    return out


def _is_department(word: str, department: str, region: str | None = None) -> bool:
    core = re.sub(rf"({_DEPT_WORDS})$", "", word)
    names = [word, core] + [v for k, vals in ALIASES.items() if k == word for v in vals]
    if any(len(n) >= 2 and n in department for n in names):
        return True
    if region and any(n == word or n == core for n in department_names(department, region)):
        return True     # 杏岔镇 is 陇岑县杏岔镇人民政府
    # '卫健局' for 卫生健康局: the abbreviation Chinese makes of the name, generated
    own = department_core(department, region) if region else department
    bare = re.sub(r"^[市州县区]", "", word)
    return word in department_short_forms(own) or bare in department_short_forms(own) or _abbreviates(bare, own)


def _abbreviates(word: str, name: str) -> bool:
    """'文广旅局' for 文化广电体育和旅游局, '疾控中心' for 疾病预防控制中心: a short form keeps the
    name's first character and its ending (局, 中心 …) and picks characters of the rest in order."""
    m = re.search(rf"({_DEPT_WORDS}|中心)$", word)
    if not m or not name.endswith(m.group(1)) or len(word) - len(m.group(1)) < 2 or len(word) >= len(name):
        return False
    body, rest = word[: m.start()], name[: len(name) - len(m.group(1))]
    if body[0] != rest[0]:
        return False
    it = iter(rest)
    return all(ch in it for ch in body)


def _region_of(r: Any) -> Region | None:
    return code_of(_get(r, "region")) or code_of(_get(r, "department"))


def regions_named(question: str, records: list[Any]) -> tuple[list[Region], list[Any]]:
    """Regions of China the question names (the national vocabulary, not only the indexed
    ones) and the indexed documents that lie inside one of them."""
    named = named_in(norm(question))
    if not named:
        return [], list(records)
    return named, [r for r in records if any(within(_region_of(r), n) for n in named)]


_PLACEHOLDER = re.compile(r"XX|ＸＸ|××|xx|\*\*")


def _templates(question: str, records: list[Any]) -> list[Any]:
    """'这份决算模板' names the template a finance bureau publishes for its departments: the indexed
    document whose publisher is a placeholder (上海市XX局)."""
    if not re.search(r"模板|样表|样本|空表", norm(question)):
        return []
    return [r for r in records if _PLACEHOLDER.search(_get(r, "department") or "")]


def resolve(question: str, records: list[Any]) -> Scope:
    """The document(s) for a single-scope question."""
    if (tpl := _templates(question, records)):
        # a template names no real region or department: the year and kind choose among them
        sc = _pick(tpl, years_in(question), kinds_in(question), question)
        if sc.docs:
            qn = norm(question)     # '普陀区2024年决算模板': the place only says whose template it is
            sc.scope_words = scope_words(tpl) | {"模板", "样表"} | {qn[i:j] for i, j, _ in name_spans(qn)}
            return sc
    named_regions, inside = regions_named(question, records)
    f = filters_from_question(question, records)
    if f.region:
        inside = list(records)   # an indexed region is named: other places are content ('巴州…请河北院士')
    elif named_regions and not inside:
        # a region the index holds no document of is never answered from another region
        have = "、".join(sorted({_get(r, "region") or "?" for r in records}))
        return Scope(docs=[], missing=f"索引中没有{named_regions[0].name}的文件（现有：{have}）",
                     scope_words=scope_words(records))
    cands = [r for r in inside if (f.region is None or _get(r, "region") in f.region)
             and (f.department is None or _get(r, "department") in f.department)]
    named = _named_departments(norm(question), records)
    said: set[str] = set()
    if named and cands:
        # a department the index does not hold is never answered from another one
        same = [c for c in cands if any(_is_department(w, _get(c, "department") or "", _get(c, "region"))
                                        for w in named)]
        if not same:
            have = "、".join(sorted({_get(c, "department") or "?" for c in records}))
            return Scope(docs=[], missing=f"索引中没有“{named[0]}”的文件（现有：{have}）",
                         scope_words=scope_words(records))
        cands = same
        said = _said(named, _pairs(cands))
    years = years_in(question)
    q = norm(question)
    # 'at the end of year N' counts for the N 决算 and the N+1 预算; keep the year of the
    # figures asked for first unless the question is about a point in time
    # 'at the end of year N': the year-N 决算 reports it first, the N+1 预算 restates it
    # (years_in lists N before N+1, which is the order wanted)
    kinds = kinds_in(question)
    sc = _pick(cands, years, kinds, question)
    sc.scope_words = scope_words(cands or records) | said   # '文广旅局' as the question says it
    sc.group = _group(cands, years, kinds, question) if sc.docs else []
    if named_regions and sc.docs:
        # '新疆科技局': a region that contains the answering documents only names the scope
        qn = norm(question)
        sc.scope_words |= {qn[i:j] for i, j, reg in name_spans(qn) if j - i >= 2
                           and any(within(_region_of(d), reg) for d in (sc.group or sc.docs))}
    if sc.docs and len(years) >= 2 and re.search(r"\d{2,4}\s*年\s*(底|末|12\s*月\s*31\s*日)", q):
        first = _get(sc.docs[0], "doc_id")
        sc.alternatives = [c for y in years for c in cands if _get(c, "year") == y and _get(c, "doc_id") != first]
    return sc


def _group(cands: list[Any], years: list[int], kinds: list[str], question: str) -> list[Any]:
    """'科技局的X' / '普陀两个部门的X': what the question names fits several departments' documents.
    One document each (chosen as for one department); empty when one department fits."""
    by_dep: dict[str, list[Any]] = {}
    for c in cands:
        by_dep.setdefault(_get(c, "department") or "?", []).append(c)
    if len(by_dep) < 2:
        return []
    out = []
    for group in by_dep.values():
        pick = _pick(group, years, kinds, question)
        if pick.docs and not pick.derived_prev:
            out.extend(pick.docs)
    if not years and re.search(r"现在|目前|当前|今年|本年", norm(question)):
        # 'now' is the latest year the group's documents reach: an older year's figure is not now
        latest = max((_get(d, "year") or 0) for d in out)
        out = [d for d in out if (_get(d, "year") or 0) == latest]
    return out if len(out) >= 2 else []


_SPLIT = re.compile(r"和|与|跟|及|、|比|相比|对比|还是")


def segments(question: str, records: list[Any]) -> list[str]:
    """Split a cross-document question into the parts naming each document, e.g.
    '巴州科技局2025年和昌吉州科技局2024年的三公经费' → ['巴州科技局2025年', '昌吉州科技局2024年'].
    Returns [] when the question names one scope only."""
    q = norm(question)
    names: list[tuple[int, str]] = []
    seen_regions: list[str] = []
    for r in records:
        reg = _get(r, "region")
        if not reg or reg in seen_regions:
            continue
        seen_regions.append(reg)
        for n in sorted(region_names(reg, _get(r, "department")), key=len, reverse=True):
            i = q.find(n)
            if i >= 0:
                names.append((i, reg))
                break
    names.sort()
    if len(names) < 2:
        names = _department_positions(q, records)   # two departments of one region: '政府办和商务委'
    if len(names) >= 2:
        cuts = [i for i, _ in names] + [len(q)]
        return [q[cuts[k]:cuts[k + 1]] for k in range(len(names))]
    # one department, two (year, kind) scopes: '2025年部门预算比2024年决算的本年支出'
    ys = list(re.finditer(r"(?<!\d)(?:20)?\d{2}\s*年", q))
    if len(ys) >= 2 and _SPLIT.search(q[ys[0].end():ys[1].start()]):
        head = q[:ys[0].start()]
        return [head + q[ys[0].start():ys[1].start()], head + q[ys[1].start():]]
    return []


def _department_positions(q: str, records: list[Any]) -> list[tuple[int, str]]:
    """Where the question names each of two or more indexed departments (by full name, by the
    name without its region, or by a short form the vocabulary lists)."""
    found: dict[str, int] = {}
    words = _named_departments(q, records)
    for r in records:
        dep = _get(r, "department")
        if not dep or dep in found:
            continue
        core = department_core(dep, _get(r, "region"))
        cands = [dep, core] + [w for w in words if _is_department(w, dep, _get(r, "region"))]
        pos = [q.find(c) for c in cands if len(c) >= 2 and q.find(c) >= 0]
        if pos:
            found[dep] = min(pos)
    if len(set(found.values())) < 2:
        return []
    return sorted((i, d) for d, i in found.items())
