"""Typed model of one disclosure (部门预算 / 部门决算公开).

Amounts are floats in the unit stated (万元 unless said otherwise). What the document
does not state is `None` / absent, never 0. Every value keeps a `Locator`.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .source import Locator

Kind = Literal["预算", "决算"]


class Figure(BaseModel):
    """A stated number with its unit and where it stands."""

    value: float
    unit: str = "万元"
    loc: Locator
    text: str | None = Field(None, description="the raw line(s) it was read from")


class Meta(BaseModel):
    department: str | None = None
    region: str | None = None
    year: int | None = None
    kind: Kind | None = None
    scope: Literal["部门", "单位"] | None = Field(None, description="部门预算 (the department with its units) or 单位预算 (one unit)")
    unit: str = "万元"
    title: str | None = None
    loc: Locator | None = None
    other_names: list[str] = Field(default_factory=list, description="names the department also goes by (加挂…牌子)")


class Staffing(BaseModel):
    """机构设置及人员情况: 编制数, 实有人数, 在职 / 退休 / 离休 and their changes (signed)."""

    authorized: Figure | None = None      # 编制数
    actual: Figure | None = None          # 实有人数
    active: Figure | None = None          # 在职
    active_change: Figure | None = None
    retired: Figure | None = None         # 退休
    retired_change: Figure | None = None
    lixiu: Figure | None = None           # 离休
    lixiu_change: Figure | None = None


class OrgUnits(BaseModel):
    offices: list[str] = []               # 科室 / 处室
    offices_count: Figure | None = None
    subordinate_units: list[str] = []     # 下属(预算)单位
    subordinate_count: Figure | None = None
    no_subordinate: bool = False          # '无下属预算单位'
    loc: Locator | None = None


class TableRow(BaseModel):
    code: str | None = Field(None, description="classification code, digits only: '2060499'")
    code_parts: list[str] = Field(default_factory=list, description="['206','04','99'] = 类 / 款 / 项")
    name: str
    project: str | None = Field(None, description="project name on 表7 / 表11-like rows")
    values: dict[str, float | None] = Field(default_factory=dict, description="column -> value; None = cell left blank")
    is_total: bool = False
    level: int = Field(0, description="0 total / unit row, 1 类, 2 款, 3 项")
    loc: Locator
    raw: str
    parent: int | None = Field(None, description="index of the row this one adds up into (总计 > 单位 > 类 > 款 > 项)")
    ambiguous: bool = False
    alternatives: list[dict[str, float | None]] = Field(default_factory=list, description="other column assignments that fit the identities equally")
    cell_boxes: dict[str, tuple[float, float, float, float]] = Field(default_factory=dict, description="PDF grid: column -> the cell's bbox on its page (loc.page)")


class Table(BaseModel):
    key: str = Field(description="template key, e.g. 'summary_income', 'expense', 'three_public'")
    number: str | None = None             # '表1'
    title: str
    unit: str = "万元"
    columns: list[str]
    rows: list[TableRow] = []
    loc: Locator
    empty_note: str | None = Field(None, description="the sentence saying the table is empty (空表)")
    header_paths: list[list[str]] = Field(default_factory=list, description="PDF grid: each column's header path, top to bottom (项目 / 功能分类科目编码 / 类)")
    generic: bool = Field(False, description="a table the catalogue does not know: kept with its own title and headers")

    def row(self, code: str | None = None, name: str | None = None) -> TableRow | None:
        for r in self.rows:
            if code is not None and r.code == code.replace(" ", ""):
                return r
            if name is not None and code is None and r.name == name:
                return r
        return None


class AllocationItem(BaseModel):
    name: str
    amount: Figure | None = None


class Project(BaseModel):
    """一个项目支出说明: 项目名称, 政策依据, 预算安排规模, 承担单位, 资金分配, 执行时间."""

    name: str
    policy_basis: str | None = None
    scale: Figure | None = None           # 预算安排规模
    undertaker: str | None = None         # 项目承担单位
    allocation_text: str | None = None    # 资金分配情况, as written
    allocations: list[AllocationItem] = []
    period: str | None = None             # 资金执行时间
    loc: Locator
    section_path: list[str] = []


class ThreePublic(BaseModel):
    """财政拨款"三公"经费. `source` says whether read from the table or the prose."""

    total: Figure | None = None
    outbound: Figure | None = None          # 因公出国（境）费
    reception: Figure | None = None         # 公务接待费
    vehicle_total: Figure | None = None     # 公务用车购置及运行费
    vehicle_purchase: Figure | None = None  # 公务用车购置费
    vehicle_operation: Figure | None = None # 公务用车运行(维护)费
    source: Literal["table", "prose"] = "table"


class OperatingCost(BaseModel):
    """机关运行经费."""

    amount: Figure | None = None
    change: Figure | None = None            # signed, 比上年 增加(+)/减少(-)
    change_pct: Figure | None = None


class Procurement(BaseModel):
    """政府采购."""

    total: Figure | None = None
    goods: Figure | None = None
    works: Figure | None = None
    services: Figure | None = None
    sme_reserved: Figure | None = None          # 面向中小企业预留 / 授予中小企业合同金额
    small_micro_reserved: Figure | None = None  # 小微企业
    sme_share_pct: Figure | None = None


class Assets(BaseModel):
    """国有资产占用."""

    building_area: Figure | None = None      # 平方米
    building_value: Figure | None = None
    vehicles: Figure | None = None           # 辆
    vehicles_value: Figure | None = None
    furniture_value: Figure | None = None
    other_value: Figure | None = None
    equipment_over_50: Figure | None = None  # 单位价值50万元以上 台/套
    equipment_over_100: Figure | None = None


class Indicator(BaseModel):
    level1: str | None = None
    level2: str | None = None
    name: str                                # 三级指标
    target_raw: str | None = None            # 指标值 as written
    operator: str | None = None              # '>=', '<=', '=', '>', '<'
    target_value: float | None = None
    target_unit: str | None = None
    actual_raw: str | None = None            # 完成值 (自评) / 上年完成值 (目标表)
    actual_value: float | None = None
    weight: float | None = None              # 分值 / 权重
    score: float | None = None               # 得分 (自评)
    basis: str | None = None
    deviation: str | None = None             # 偏差原因
    loc: Locator


class FundRow(BaseModel):
    """A money line in a 绩效 table: 年度资金总额 / 其中财政拨款 / 其他资金 …"""

    name: str
    values: dict[str, float | None] = {}     # e.g. {'年初预算数': 950.0, '全年预算数': ..., '全年执行数': ..., '执行率': ..., '得分': ...}
    loc: Locator


class PerformanceTable(BaseModel):
    kind: Literal["部门整体绩效目标", "项目支出绩效目标", "部门整体支出绩效自评", "项目支出绩效自评"]
    project: str | None = None
    department: str | None = None
    funds: list[FundRow] = []
    goal: str | None = None
    indicators: list[Indicator] = []
    total_score: float | None = None
    loc: Locator


class ProseFigure(BaseModel):
    """A statement in the prose: '<subject> 544.67 万元，占 51.10%，比上年预算增加 61.14 万元，增长 12.64%'."""

    subject: str
    amount: float | None = None
    unit: str = "万元"
    share_pct: float | None = None
    change: float | None = None              # signed
    change_pct: float | None = None          # signed
    base: str | None = None                  # '上年预算' / '上年决算' / '年初预算'
    text: str
    loc: Locator
    section_path: list[str] = []


class Paragraph(BaseModel):
    """Prose joined back across the PDF's line breaks, with its section path."""

    section_path: list[str]
    text: str
    loc: Locator                             # first line
    end_line: int | None = None
    line_numbers: list[int] = []


class Fact(BaseModel):
    """One stated figure: its value and unit, what it is (row, column, table kind or prose
    subject) and the raw line(s) that state it."""

    doc_id: str
    source: str
    name: str = Field(description="the row (with its 科目 code) or prose subject as written")
    context: str = Field(description="table number and title, or the section path")
    value: float
    unit: str
    kind: Literal["cell", "prose", "tabrow", "model"] = Field(
        description="cell: a parsed table's cell; tabrow: a row of a table read by its header line "
                    "(绩效 tables); prose: a figure of a sentence; model: a figure the parser named "
                    "(staffing, 三公, projects)")
    cites: list[tuple[str, str]] = Field(description="(locator, raw text) the figure stands on")
    table: str | None = Field(None, description="the catalogue's table kind of a cell")
    column: str | None = Field(None, description="the column header path as written")
    code: str = Field("", description="the row's 功能分类 / 经济分类 code, joined")
    is_total: bool = False
    level: int = 0
    line: int = 0
    loc: Locator | None = Field(None, description="page / line / bbox of the cell or line")
    clause: str = Field("", description="the sentence a prose figure stands in")
    change: float | None = Field(None, description="the change on last year the document states with it")
    change_pct: float | None = None
    share_pct: float | None = None
    main_col: bool = Field(False, description="a cell of its table's first value column (合计 / 本年预算)")
    project: str = Field("", description="the project (项目) the figure belongs to")
    alloc: str | None = Field(None, description="the allocation line of a project it is (资金分配)")
    cell: str | None = Field(None, description="the cell text of a tabrow figure ('≥95%')")
    operator: str | None = Field(None, description="the comparison of a 绩效 target ('>=', '<=')")
    empty: bool = Field(False, description="stated by an empty-table note (空表): 0 because nothing was arranged")

    @property
    def label(self) -> str:
        col = f" · {self.column}" if self.column else ""
        return f"{self.name}{col}（{self.context}）" if self.context else f"{self.name}{col}"


class ListBlock(BaseModel):
    """An enumeration stated in the prose ('下设 7 个科室，分别是：A、B、C', numbered lines)."""

    heading: str
    items: list[str]
    cite: tuple[str, str]


class FactCatalog(BaseModel):
    """Every figure, enumeration and 绩效 goal text of one document."""

    facts: list[Fact] = []
    lists: list[ListBlock] = []
    goals: list[Paragraph] = Field(default_factory=list, description="年度绩效目标 texts of the 绩效 tables, as paragraphs")


class Disclosure(BaseModel):
    doc_id: str
    source_name: str
    format: str
    pages: int | None = None
    meta: Meta
    staffing: Staffing | None = None
    org: OrgUnits | None = None
    tables: list[Table] = []
    projects: list[Project] = []
    three_public: ThreePublic | None = None
    three_public_prose: ThreePublic | None = Field(None, description="the 三公 figures as the prose states them, for cross-checking")
    operating_cost: OperatingCost | None = None
    procurement: Procurement | None = None
    assets: Assets | None = None
    performance: list[PerformanceTable] = []
    prose_figures: list[ProseFigure] = []
    paragraphs: list[Paragraph] = []
    warnings: list[str] = []
    prose_only: bool = Field(False, description="no 预算/决算 tables: a web page or news article restating figures in prose")
    notices: list[str] = Field(default_factory=list, description="how the document was read (prose only, converted script)")
    catalog: FactCatalog | None = Field(None, description="every stated figure, typed and located: the last stage of parsing")

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)
