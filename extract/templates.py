"""The standard tables of the Ministry of Finance template: titles, columns and identities.

Numbers and exact titles vary a little between regions and years, so titles are matched by
pattern and a table's column count is checked against its '※ 1 2 3 …' numbering line when
the document has one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .columns import Identity


@dataclass
class TableTemplate:
    key: str
    title: re.Pattern
    columns: list[str]
    identities: list[Identity] = field(default_factory=list)
    shape: Literal["coded", "two_sided", "named"] = "coded"
    classification: Literal["功能分类", "经济分类", "项目", "名称"] = "功能分类"
    has_projects: bool = False
    # two-sided tables (表1, 表4): the left side's single column and the right side's columns
    left_columns: list[str] = field(default_factory=list)


def _ids(*pairs) -> list[Identity]:
    return [Identity(t, list(p)) for t, p in pairs]


INCOME_COLUMNS = ["总计", "财政拨款小计", "一般公共预算", "上级一般公共预算转移支付", "政府性基金预算",
                  "上级政府性基金转移支付", "国有资本经营预算", "上级国有资本经营预算转移支付",
                  "财政专户", "单位资金", "财政拨款结转", "非财政拨款结转结余"]
PROJECT_COLUMNS = ["合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "债务利息及费用支出",
                   "资本性支出（基本建设）", "资本性支出", "对企业补助（基本建设）", "对企业补助",
                   "对社会保障基金补助", "其他支出"]
CARRYOVER_COLUMNS = ["总计", "财政拨款合计", "财政拨款基本支出人员经费", "财政拨款基本支出公用经费",
                     "财政拨款项目支出", "非财政拨款合计", "非财政拨款基本支出人员经费",
                     "非财政拨款基本支出公用经费", "非财政拨款项目支出"]
FUND_EXPENSE_COLUMNS = ["合计", "基本支出人员经费", "基本支出公用经费", "项目支出"]

TEMPLATES: list[TableTemplate] = [
    TableTemplate("summary", re.compile(r"部门收支(?:预算)?总(?:体情况)?表|收支预算总表"), ["预算数"],
                  shape="two_sided", left_columns=["预算数"]),
    TableTemplate("fiscal_summary", re.compile(r"财政拨款收支(?:预算)?总(?:体情况)?表"),
                  ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"], _ids((0, (1, 2, 3))),
                  shape="two_sided", left_columns=["合计"]),
    TableTemplate("income", re.compile(r"部门收入(?:预算)?总(?:体情况)?表|收入预算总表"), INCOME_COLUMNS,
                  _ids((0, (1, 8, 9, 10, 11)), (1, (2, 3, 4, 5, 6, 7)))),
    TableTemplate("expense", re.compile(r"部门支出(?:预算)?总(?:体情况)?表|支出预算总表"),
                  ["合计", "基本支出", "项目支出"], _ids((0, (1, 2)))),
    TableTemplate("gpb_basic", re.compile(r"一般公共预算(?:财政拨款)?基本支出(?:预算)?(?:情况)?表"),
                  ["合计", "人员经费", "公用经费"], _ids((0, (1, 2))), classification="经济分类"),
    TableTemplate("gpb_project", re.compile(r"一般公共预算(?:财政拨款)?项目支出(?:预算)?(?:情况)?表"),
                  PROJECT_COLUMNS, _ids((0, tuple(range(1, 11)))), has_projects=True),
    TableTemplate("gpb_expense", re.compile(r"一般公共预算(?:财政拨款)?支出(?:预算)?(?:情况)?表"),
                  ["合计", "基本支出", "项目支出"], _ids((0, (1, 2)))),
    TableTemplate("gov_fund", re.compile(r"政府性基金预算(?:财政拨款)?支出(?:预算)?(?:情况)?表"),
                  FUND_EXPENSE_COLUMNS, _ids((0, (1, 2, 3)))),
    TableTemplate("state_capital", re.compile(r"国有资本经营预算(?:财政拨款)?支出(?:预算)?(?:情况)?表"),
                  FUND_EXPENSE_COLUMNS, _ids((0, (1, 2, 3)))),
    TableTemplate("three_public", re.compile(r"三公.{0,2}经费.{0,8}表"),
                  ["合计", "一般公共预算", "政府性基金", "国有资本经营预算"], _ids((0, (1, 2, 3))),
                  shape="named", classification="名称"),
    TableTemplate("carryover", re.compile(r"上年结转结余(?:情况)?明细表|结转结余情况表"), CARRYOVER_COLUMNS,
                  _ids((0, (1, 5)), (1, (2, 3, 4)), (5, (6, 7, 8))), shape="named", classification="项目",
                  has_projects=True),
]

# 表1 income lines -> 表2 columns (the 总计 row of 表2 restates them)
SUMMARY_TO_INCOME = [
    (re.compile(r"一般财力"), "一般公共预算"),
    (re.compile(r"上级一般公共预算安排(?:的)?转移支付"), "上级一般公共预算转移支付"),
    (re.compile(r"^(?:其中[:：])?政府性基金(?:预算)?收入$"), "政府性基金预算"),
    (re.compile(r"上级政府性基金安排(?:的)?转移支付"), "上级政府性基金转移支付"),
    (re.compile(r"^(?:其中[:：])?国有资本经营(?:预算)?收入$"), "国有资本经营预算"),
    (re.compile(r"上级国有资本经营预算安排(?:的)?转移支付"), "上级国有资本经营预算转移支付"),
    (re.compile(r"财政专户(?:核拨|管理资金)"), "财政专户"),
    (re.compile(r"^[\d.、]*单位资金$"), "单位资金"),
    (re.compile(r"财政拨款结转"), "财政拨款结转"),
    (re.compile(r"非财政拨款结转结余"), "非财政拨款结转结余"),
]

THREE_PUBLIC_ROWS = {
    "total": re.compile(r"^合计|^总计"),
    "outbound": re.compile(r"因公出国"),
    "reception": re.compile(r"公务接待"),
    "vehicle_total": re.compile(r"公务用车购置及运行"),
    "vehicle_purchase": re.compile(r"公务用车购置费|公务用车.*·购置费"),
    "vehicle_operation": re.compile(r"公务用车运行|公务用车.*·运行(?:维护)?费"),
}

TABLE_START = re.compile(r"^表\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:\s+(.*))?$")
ORG_SUFFIX = re.compile(r"(局|中心|委员会|研究所|所|院|站|队|学校|馆|办公室|协会|联合会|学会|中学|小学|幼儿园|医院|本级)$")


def match_template(title: str) -> TableTemplate | None:
    t = re.sub(r"\s+", "", title)
    for tpl in TEMPLATES:
        if tpl.title.search(t):
            return tpl
    return None
