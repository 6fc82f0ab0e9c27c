"""Single facts the prose states in fixed places: "三公"经费, 机关运行经费, 政府采购, 国有资产占用.

Each extractor looks first in paragraphs under its own heading (so that e.g. '车辆 6 辆' in the
三公 paragraph is not read as the asset count), then, if that section is missing, everywhere.
"""
from __future__ import annotations

import re

from .models import Assets, Figure, OperatingCost, Paragraph, Procurement, ThreePublic
from .prose_text import COUNT, NUM, fig, in_section, looks_tabular, search_fig, sign, to_float, work

_V = rf"(?:为|共|合计|共计)?(?P<v>{NUM})"


def _scope(paras: list[Paragraph], *heading_words: str, text_word: str | None = None) -> list[Paragraph]:
    own = [p for p in paras if in_section(p, *heading_words) and not looks_tabular(p)]
    if own:
        return own
    word = text_word or heading_words[0]
    return [p for p in paras if word in p.text and not looks_tabular(p) and not in_section(p, "名词解释")]


# ------------------------------------------------------------------ 三公

_Q = r"[“”\"‘’']?"
_TP_ITEM = r"(?:支出决算数|决算数|预算数|支出|预算|决算)?(?:数)?"
THREE_PUBLIC_PATTERNS = {
    "total": rf"三公{_Q}经费(?:支出决算数|决算数|预算数|支出|预算|决算|数)?(?:数)?(?:合计)?{_V}万元",
    "outbound": rf"因公出国[（(]境[)）]费(?:用)?{_TP_ITEM}{_V}万元",
    "vehicle_total": rf"公务用车购置及运行(?:维护)?费(?:用)?{_TP_ITEM}{_V}万元",
    "vehicle_purchase": rf"公务用车购置费(?:用)?{_TP_ITEM}{_V}万元",
    "vehicle_operation": rf"公务用车运行(?:维护)?费(?:用)?{_TP_ITEM}{_V}万元",
    "reception": rf"公务接待费(?:用)?{_TP_ITEM}{_V}万元",
}


def extract_three_public(paras: list[Paragraph]) -> ThreePublic | None:
    """财政拨款"三公"经费 as the prose states them (source='prose')."""
    scope = _scope(paras, "三公")
    tp = ThreePublic(source="prose")
    for key, pat in THREE_PUBLIC_PATTERNS.items():
        setattr(tp, key, search_fig(pat, scope))
    if tp.total is None and all(getattr(tp, k) is None for k in THREE_PUBLIC_PATTERNS):
        return None
    return tp


# ------------------------------------------------------------------ 机关运行经费

_CHANGE = (rf"(?:，)?(?:比上年(?:预算|决算)?(?:数)?|较上年(?:预算|决算)?|与上年(?:相比|比较)，?|同比)"
           rf"(?P<verb>增加|减少|增长|下降)(?P<c>{NUM})万元(?:，(?P<verb2>增长|下降|增加|减少)(?P<pct>{NUM})%)?")


def extract_operating_cost(paras: list[Paragraph]) -> OperatingCost | None:
    """机关运行经费 amount and its signed change (万元 and %) against last year."""
    scope = _scope(paras, "运行经费", text_word="机关运行经费")
    pat = re.compile(rf"机关运行经费(?:财政拨款)?(?:预算|支出|决算)?(?:数)?{_V}万元(?:{_CHANGE})?")
    for p in scope:
        m = pat.search(work(p.text))
        if not m:
            continue
        oc = OperatingCost(amount=fig(to_float(m.group("v")), p))
        if m.group("c") is not None:
            oc.change = fig(sign(m.group("verb"), to_float(m.group("c"))), p)
        if m.group("pct") is not None:
            oc.change_pct = fig(sign(m.group("verb2"), to_float(m.group("pct"))), p, "%")
        return oc
    return None


# ------------------------------------------------------------------ 政府采购

def extract_procurement(paras: list[Paragraph]) -> Procurement | None:
    """政府采购 total / 货物 / 工程 / 服务 and the amounts reserved for (granted to) SMEs."""
    scope = _scope(paras, "政府采购")
    pr = Procurement(
        total=search_fig(rf"政府采购(?:预算|支出总额|合同总额|支出|总额|金额)(?:总额)?{_V}万元", scope),
        goods=search_fig(rf"(?:政府采购)?货物(?:类)?(?:采购)?(?:预算|支出|合同)?(?:金额)?{_V}万元", scope),
        works=search_fig(rf"(?:政府采购)?工程(?:类)?(?:采购)?(?:预算|支出|合同)?(?:金额)?{_V}万元", scope),
        services=search_fig(rf"(?:政府采购)?服务(?:类)?(?:采购)?(?:预算|支出|合同)?(?:金额)?{_V}万元", scope),
        sme_reserved=search_fig(rf"(?:面向|授予|预留给?)中小企业(?:预留)?(?:的)?(?:政府采购)?(?:项目)?(?:预算|合同)?(?:金额)?{_V}万元",
                                scope),
        small_micro_reserved=search_fig(rf"(?:面向|授予|预留给?)?小微企业(?:预留)?(?:的)?(?:政府采购)?(?:项目)?(?:预算|合同)?(?:金额)?{_V}万元",
                                        scope),
        sme_share_pct=search_fig(rf"中小企业(?:预留)?(?:政府采购)?(?:项目)?(?:预算|合同)?(?:金额)?{NUM}万元，占[^%。；]{{0,20}}?的?(?P<v>{NUM})%",
                                 scope, unit="%"),
    )
    if all(getattr(pr, k) is None for k in Procurement.model_fields):
        return None
    return pr


# ------------------------------------------------------------------ 国有资产

_PIECES = r"(?P<u>台（套）|台\(套\)|台/套|台|套)"


def _count_fig(pattern: str, paras: list[Paragraph]) -> Figure | None:
    for p in paras:
        m = re.search(pattern, work(p.text))
        if m:
            v = to_float(m.group("v"))
            if v is not None:
                return fig(v, p, m.groupdict().get("u") or "台")
    return None


def _equipment(threshold: int, paras: list[Paragraph]) -> Figure | None:
    pat = (rf"(?:单位|部门|单台|单件)?(?:价值|单价){threshold}万元(?:（含）|\(含\))?(?:及)?以上(?:的)?(?:大型)?(?:专用)?设备"
           rf"(?:（不含车辆）|\(不含车辆\))?(?:共|为)?(?P<v>{COUNT}){_PIECES}")
    return _count_fig(pat, paras)


def extract_assets(paras: list[Paragraph]) -> Assets | None:
    """房屋 area and value, 车辆 count and value, 家具 / 其他资产 value, large equipment counts."""
    scope = _scope(paras, "国有资产", "资产占用", text_word="国有资产")
    a = Assets(
        building_area=search_fig(rf"房屋(?:建筑物)?(?:面积)?{_V}(?:平方米|㎡|m2)", scope, unit="平方米"),
        building_value=search_fig(rf"房屋(?:建筑物)?(?:面积)?{NUM}(?:平方米|㎡|m2)，?(?:价值|账面价值|原值)(?:为)?(?P<v>{NUM})万元", scope),
        vehicles=search_fig(rf"车辆(?:共|为)?(?P<v>{COUNT})辆", scope, unit="辆"),
        vehicles_value=search_fig(rf"车辆(?:共|为)?{COUNT}辆，?(?:价值|账面价值|原值)(?:为)?(?P<v>{NUM})万元", scope),
        furniture_value=search_fig(rf"(?:办公)?家具(?:价值|账面价值|原值)?{_V}万元", scope),
        other_value=search_fig(rf"其他(?:资产|固定资产)(?:价值|账面价值|原值)?{_V}万元", scope),
        equipment_over_50=_equipment(50, scope),
        equipment_over_100=_equipment(100, scope),
    )
    if all(getattr(a, k) is None for k in Assets.model_fields):
        return None
    return a
