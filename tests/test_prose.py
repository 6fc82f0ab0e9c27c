"""Facts read from the prose: values checked by reading each sample's text, plus hand-written
paragraphs in other departments' shapes (Chinese numerals, 减少, 元, other labels)."""
from __future__ import annotations

import pytest

from budgetqa.extract.models import Paragraph
from budgetqa.extract.prose_facts import extract_assets, extract_operating_cost, extract_procurement, extract_three_public
from budgetqa.extract.prose_figures import extract_prose_figures
from budgetqa.extract.prose_people import extract_org, extract_staffing
from budgetqa.extract.prose_projects import extract_projects, parse_allocations
from budgetqa.extract.source import Locator


def _pf(d, subject, **where):
    """The prose figures whose subject is `subject` (and whose fields match `where`)."""
    return [f for f in d.prose_figures
            if f.subject == subject and all(getattr(f, k) == v for k, v in where.items())]


def _project(d, name):
    return next(p for p in d.projects if p.name == name)


# ------------------------------------------------------------------ 000 昌吉州 2024 预算

def test_cj2024_staffing_and_org(parsed):
    d = parsed["cj2024"]
    s = d.staffing
    assert (s.authorized.value, s.authorized.unit) == (27, "个")
    assert (s.actual.value, s.actual.unit) == (44, "人")
    assert (s.active.value, s.active_change.value) == (25, 2)
    assert (s.retired.value, s.retired_change.value) == (19, -3)
    assert (s.lixiu.value, s.lixiu_change.value) == (0, 0)
    assert s.actual.loc.line == 111 and "编制数 27" in s.actual.text
    o = d.org
    assert o.no_subordinate and o.subordinate_units == []
    assert o.offices_count.value == 7 and len(o.offices) == 7
    assert o.offices[0] == "办公室（组织人事科）"
    assert "自创区建设与科技合作科（外国专家服务科）" in o.offices


def test_cj2024_projects(parsed):
    d = parsed["cj2024"]
    assert [p.name for p in d.projects] == ["专家顾问服务中心工作经费", "引智工作经费"]
    p = _project(d, "专家顾问服务中心工作经费")
    assert p.scale.value == 50.0 and p.scale.loc.line == 892
    assert p.undertaker == "昌吉回族自治州科学技术局"
    assert p.period == "2024年1月1日—2024年12月31日"
    assert p.policy_basis.startswith("根据自治区专家顾问团办公室")
    # '差旅费 4.00 厄元' is a slip for 万元; '商品和服务支出 50 万元' restates the total
    assert [(a.name, a.amount.value) for a in p.allocations] == [
        ("办公费", 22.0), ("差旅费", 4.0), ("租车费用", 1.0), ("咨询费", 3.0), ("劳务费", 15.0)]
    q = _project(d, "引智工作经费")
    assert q.scale.value == 8.0
    assert [a.amount.value for a in q.allocations] == [3.10, 2.40, 2.50]
    assert all(p.section_path[-2].startswith("七、") for p in d.projects)


def test_cj2024_money_facts(parsed):
    d = parsed["cj2024"]
    oc = d.operating_cost
    assert (oc.amount.value, oc.change.value, oc.change_pct.value) == (44.20, 3.43, 8.41)
    pr = d.procurement
    assert (pr.total.value, pr.goods.value, pr.works.value, pr.services.value) == (93.87, 38.45, 0.0, 55.42)
    assert (pr.sme_reserved.value, pr.small_micro_reserved.value) == (93.87, 93.87)
    a = d.assets
    assert (a.building_area.value, a.building_area.unit, a.building_value.value) == (25.0, "平方米", 0.25)
    assert (a.vehicles.value, a.vehicles.unit, a.vehicles_value.value) == (2, "辆", 46.63)
    assert (a.furniture_value.value, a.other_value.value) == (15.68, 136.87)
    assert (a.equipment_over_50.value, a.equipment_over_100.value) == (1, 0)
    tp = d.three_public_prose
    assert tp.source == "prose"
    assert (tp.total.value, tp.outbound.value, tp.vehicle_purchase.value, tp.vehicle_operation.value,
            tp.reception.value) == (4.78, 0.0, 0.0, 4.30, 0.48)


def test_cj2024_prose_figures(parsed):
    d = parsed["cj2024"]
    [g] = _pf(d, "一般公共预算", amount=544.67)
    assert (g.share_pct, g.change, g.change_pct, g.base) == (51.10, 61.14, 12.64, "上年预算")
    assert g.loc.line == 720 and g.section_path[-1].startswith("二、")
    [u] = _pf(d, "单位资金")
    assert (u.amount, u.share_pct, u.change, u.change_pct) == (40.00, 3.75, -170.00, -80.95)
    [c] = _pf(d, "财政拨款结转")
    assert (c.amount, c.change_pct) == (461.23, 2229.44)
    basic = _pf(d, "基本支出")
    assert [(f.amount, f.share_pct, f.change) for f in basic] == [(486.67, 45.66, 53.14), (486.67, None, 63.14)]
    [p] = _pf(d, "项目支出", amount=58.0)
    assert (p.change, p.change_pct) == (-2.0, -3.33)
    [k] = _pf(d, "科学技术支出（类）科技条件与服务（款）其他科技条件与服务支出（项）")
    assert (k.amount, k.change, k.change_pct, k.loc.line) == (50.0, 0.0, 0.0, 849)
    [t] = _pf(d, "财政拨款“三公”经费预算")
    assert (t.amount, t.change, t.change_pct) == (None, 0.0, 0.0)


# ------------------------------------------------------------------ 002 巴州 2025 预算

def test_bz2025_staffing_org_facts(parsed):
    d = parsed["bz2025"]
    s = d.staffing
    assert (s.authorized.value, s.actual.value, s.active.value, s.active_change.value) == (39, 68, 36, 2)
    assert (s.retired.value, s.retired_change.value, s.lixiu.value) == (32, 1, 0)
    assert d.org.no_subordinate and d.org.offices_count.value == 6
    assert d.org.offices[-1] == "巴州科技情报研究所"
    assert d.operating_cost.change.value == -0.64 and d.operating_cost.change_pct.value == -1.45
    assert (d.procurement.total.value, d.procurement.services.value) == (124.76, 111.29)
    a = d.assets
    assert (a.building_area.value, a.building_value.value, a.vehicles.value) == (5145.0, 402.17, 4)
    assert (a.equipment_over_50.value, a.equipment_over_50.unit) == (0, "台")


def test_bz2025_projects(parsed):
    d = parsed["bz2025"]
    assert len(d.projects) == 6
    assert _project(d, "高新技术企业认定后奖励项目").scale.value == 1060.0
    sanqu = _project(d, "2025年中央“三区”科技人才支持计划")
    assert sanqu.scale.value == 56.63
    assert [(a.name, a.amount.value) for a in sanqu.allocations] == [
        ("林果类", 23.35), ("农业类", 15.66), ("畜牧类", 10.42), ("农机及其他", 7.2)]
    innov = _project(d, "自治州科学技术创新项目")
    assert [(a.name, a.amount.value) for a in innov.allocations] == [("自治州科技项目支持", 210.0),
                                                                     ("科技项目评审及管理经费", 20.0)]
    # '每家奖励 20 万元，共奖励 1060 万元' are a rate and a total, not items
    assert _project(d, "高新技术企业认定后奖励项目").allocations == []


def test_bz2025_prose_figures(parsed):
    d = parsed["bz2025"]
    [x] = _pf(d, "项目支出", amount=1613.07)
    assert (x.share_pct, x.change, x.change_pct) == (69.01, 369.44, 29.71)
    [b] = _pf(d, "基本支出", share_pct=30.99)
    assert (b.amount, b.change, b.change_pct) == (724.21, -9.29, -1.27)
    # a 项 label wrapped over two lines is one statement, located at its first line
    [r] = _pf(d, "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）")
    assert (r.amount, r.change, r.change_pct, r.loc.line) == (27.84, 6.30, 29.25, 1104)
    [o] = _pf(d, "科学技术支出（类）其他科学技术支出（款）其他科学技术支出（项）")
    assert (o.amount, o.change, o.change_pct) == (0.0, -720.0, -100.0)
    [e] = _pf(d, "教育支出（类）", share_pct=0.08)
    assert e.amount == 1.70


# ------------------------------------------------------------------ 003 乌鲁木齐 2024 决算

def test_wlmq2024js_staffing_org_facts(parsed):
    d = parsed["wlmq2024js"]
    s = d.staffing
    assert s.authorized is None
    assert (s.actual.value, s.active.value, s.active_change.value, s.retired.value, s.lixiu.value) == (195, 68, 2, 127, 0)
    o = d.org
    assert not o.no_subordinate and o.offices_count.value == 6 and "组织人事科" in o.offices
    assert o.subordinate_units == ["乌鲁木齐市科学技术局（本级）", "乌鲁木齐科技信息服务中心",
                                   "乌鲁木齐市技术创新研发与科技成果转化中心"]
    oc = d.operating_cost
    assert (oc.amount.value, oc.change.value, oc.change_pct.value) == (53.55, -4.67, -8.02)
    pr = d.procurement
    assert (pr.total.value, pr.goods.value, pr.services.value) == (12.20, 1.68, 10.53)
    assert (pr.sme_reserved.value, pr.small_micro_reserved.value, pr.sme_share_pct.value) == (6.33, 3.29, 51.89)
    a = d.assets
    assert (a.building_area.value, a.vehicles.value, a.vehicles_value.value) == (148.0, 6, 155.86)
    assert a.equipment_over_100.value == 0 and a.furniture_value is None
    tp = d.three_public                       # no 表10 in a 决算 text: the prose is the source
    assert tp.source == "prose"
    assert (tp.total.value, tp.outbound.value, tp.vehicle_total.value, tp.vehicle_operation.value,
            tp.reception.value) == (15.54, 4.90, 10.64, 10.64, 0.0)


def test_wlmq2024js_prose_figures(parsed):
    d = parsed["wlmq2024js"]
    assert d.projects == []
    [inc] = _pf(d, "财政拨款收入")
    assert (inc.amount, inc.share_pct) == (3391.36, 99.25)
    [tot] = _pf(d, "收入支出总体")
    assert (tot.amount, tot.change, tot.change_pct, tot.base) == (None, -2273.63, -38.52, "上年决算")
    gpb = _pf(d, "一般公共预算财政拨款支出")
    assert [(f.amount, f.share_pct, f.change, f.change_pct, f.base) for f in gpb] == [
        (3381.51, 95.10, -1807.21, -34.83, "上年决算"), (3381.51, None, None, -14.98, "年初预算")]
    [diff] = _pf(d, "财政拨款收入支出总体", base="年初预算")
    assert (diff.amount, diff.change_pct) == (3391.36, -14.73)
    [adm] = _pf(d, "科学技术支出(类)科学技术管理事务(款)一般行政管理事务(项)")
    assert (adm.amount, adm.change, adm.change_pct) == (27.66, 8.46, 44.06)
    [wrapped] = _pf(d, "科学技术支出(类)科技条件与服务(款)其他科技条件与服务支出(项)")
    assert (wrapped.amount, wrapped.change) == (648.39, -949.64)
    [ob] = _pf(d, "因公出国（境）费支出")
    assert (ob.amount, ob.share_pct, ob.change, ob.change_pct) == (4.90, 31.53, -0.47, -8.75)


# ------------------------------------------------------------------ 004 乌鲁木齐 2025 预算

def test_wlmq2025_staffing_org(parsed):
    d = parsed["wlmq2025"]
    s = d.staffing
    assert (s.authorized.value, s.actual.value, s.active.value, s.active_change.value) == (71, 195, 68, 1)
    o = d.org
    assert o.subordinate_count.value == 2
    # the staffing sentence joined onto the last list item is not part of the unit's name
    assert o.subordinate_units[-1] == "乌鲁木齐市技术创新研发与科技成果转化中心（全额拨款事业单位）"
    assert len(o.subordinate_units) == 3 and o.offices_count.value == 6


def test_wlmq2025_projects(parsed):
    d = parsed["wlmq2025"]
    names = [p.name for p in d.projects]
    assert len(names) == 11
    assert names[0] == "关于提前下达2025年中央“三区”科技人才支持计划预算的通知"      # wrapped heading
    assert "2025年人才发展资金--重点领域科技创新攻关“揭榜挂帅”项目" in names
    assert "“小微企业创业创新综合管理信息服务大平台”机房运行维护费" in names
    hidden = _project(d, "特定目标2410010U")
    assert hidden.scale.value == 101.31 and hidden.allocations == []
    assert "不予公开" in hidden.policy_basis and "不予公开" in hidden.allocation_text
    assert hidden.undertaker == "乌鲁木齐科技信息服务中心"
    coop = _project(d, "对外合作交流工作经费")
    assert [(a.name, a.amount.value) for a in coop.allocations] == [
        ("差旅费", 12.5), ("租赁费", 1.5), ("委托业务费", 30.2), ("其他交通费用", 1.8)]
    assert [(a.name, a.amount.value) for a in d.projects[0].allocations] == [("生活补助", 54.76)]


def test_wlmq2025_money_facts_and_figures(parsed):
    d = parsed["wlmq2025"]
    assert (d.operating_cost.amount.value, d.operating_cost.change.value) == (121.18, 4.82)
    assert (d.procurement.sme_reserved.value, d.procurement.small_micro_reserved.value) == (108.00, 68.21)
    assert (d.assets.vehicles_value.value, d.assets.other_value.value) == (155.87, 582.84)
    # a page number ('20') run into the text is not part of the subject
    [c] = _pf(d, "财政拨款结转")
    assert (c.amount, c.share_pct, c.change, c.change_pct) == (1452.61, 24.49, 1431.60, 6813.90)
    [k] = _pf(d, "科学技术支出（类）基础研究（款）科技人才队伍建设（项）")
    assert (k.amount, k.change, k.change_pct) == (718.00, -687.00, -48.90)
    assert all(f.loc.line and f.section_path for f in d.prose_figures)


# ------------------------------------------------------------------ other departments, other shapes

def _para(text: str, *path: str, line: int = 1) -> Paragraph:
    return Paragraph(section_path=list(path) or ["第三部分"], text=text, loc=Locator(page=1, line=line),
                     line_numbers=[line])


def test_staffing_chinese_numerals_and_decrease():
    p = _para("某某县教育局编制数一百二十，实有人数一百零五人，其中：在职八十人，减少三人；"
              "退休二十五人，增加两人；离休零人，增加零人。", "第一部分", "二、机构设置及人员情况")
    s = extract_staffing([p])
    assert (s.authorized.value, s.actual.value, s.active.value, s.active_change.value) == (120, 105, 80, -3)
    assert (s.retired.value, s.retired_change.value, s.lixiu.value) == (25, 2, 0)
    assert s.active.unit == "人" and s.authorized.unit == "个"
    assert extract_staffing([_para("在职人员增加 2 人，主要原因是新招录。")]) is None
    s2 = extract_staffing([_para("实有人数 30 人，其中在职 20 人（比上年减少 1 人），退休 10 人。")])
    assert (s2.active.value, s2.active_change.value, s2.retired.value, s2.retired_change) == (20, -1, 10, None)


def test_org_inline_subordinates_and_other_labels():
    p = _para("本部门下设5个内设机构，分别为：办公室、财务科、基础教育科（督导室）、职业教育科。"
              "本部门下属预算单位2家，分别是：某某县第一中学、某某县实验小学。", "第一部分", "二、机构设置及人员情况")
    o = extract_org([p])
    assert o.offices == ["办公室", "财务科", "基础教育科（督导室）", "职业教育科"]
    assert o.offices_count.value == 5 and o.subordinate_count.value == 2
    assert o.subordinate_units == ["某某县第一中学", "某某县实验小学"] and not o.no_subordinate
    o2 = extract_org([_para("内设机构 3 个：综合科、医政科、疾控科。无下属预算单位。")])
    assert o2.offices == ["综合科", "医政科", "疾控科"] and o2.no_subordinate and o2.subordinate_units == []


def test_prose_figures_other_shapes():
    paras = [
        _para("1、教育支出（类）普通教育（款）小学教育（项）：2023 年预算数为 1,234.56 万元，比上年预算减少 100.00 万元，"
              "下降 7.49%，主要原因是学生人数减少。", line=10),
        _para("卫生健康支出 300.00 万元，占 12.50%。", line=12),
        _para("其他收入 50,000 元，占 0.10%；事业收入 200.00 万元，同比增长 5.26%。", line=13),
        _para("商品和服务支出 80.00 万元，占比 8.00%，比上年增加 8.00 万元，增幅 11.11%。", line=15),
        _para("某某县卫生健康委员会2023年度“三公”经费支出决算 12.00 万元，较上年决算减少 3.00 万元，下降 20.00%。", line=14),
    ]
    figs = extract_prose_figures(paras, kind="预算", department="某某县卫生健康委员会")
    by = {f.subject: f for f in figs}
    f = by["教育支出（类）普通教育（款）小学教育（项）"]
    assert (f.amount, f.change, f.change_pct, f.base, f.loc.line) == (1234.56, -100.0, -7.49, "上年预算", 10)
    assert (by["卫生健康支出"].amount, by["卫生健康支出"].share_pct) == (300.0, 12.5)
    assert (by["其他收入"].amount, by["其他收入"].unit, by["其他收入"].share_pct) == (5.0, "万元", 0.1)
    assert (by["事业收入"].change, by["事业收入"].change_pct) == (None, 5.26)
    g = by["商品和服务支出"]
    assert (g.share_pct, g.change, g.change_pct, g.base) == (8.0, 8.0, 11.11, "上年预算")
    t = by["“三公”经费支出决算"]
    assert (t.amount, t.change, t.change_pct, t.base) == (12.0, -3.0, -20.0, "上年决算")


def test_projects_other_shapes():
    path = ("第三部分", "七、项目支出情况说明")      # '1.项目名称' is not a heading on the path
    paras = [
        _para("1.项目名称：校舍维修改造", *path, line=1),
        _para("立项依据：《某某县校舍安全工程实施方案》", *path, line=2),
        _para("预算安排规模：500,000 元", *path, line=3),
        _para("资金分配情况：维修费 40.00 万元、设计费 10.00 万元", *path, line=4),
        _para("资金执行时间：2023年全年", *path, line=5),
        _para("本部门 2023 年没有使用政府性基金预算拨款安排的支出。", "第三部分", "八、关于政府性基金的说明", line=6),
    ]
    [p] = extract_projects(paras)
    assert p.period == "2023年全年"
    assert p.name == "校舍维修改造" and p.policy_basis.startswith("《某某县")
    assert (p.scale.value, p.scale.unit) == (50.0, "万元")
    assert [(a.name, a.amount.value) for a in p.allocations] == [("维修费", 40.0), ("设计费", 10.0)]
    items = parse_allocations("对立项企业予以项目补助 80 万元，平均每家不超过 10 万元", paras[3])
    assert [(a.name, a.amount.value) for a in items] == [("项目补助", 80.0)]


def test_money_facts_other_shapes():
    s3 = ("第三部分", "十、“三公”经费预算情况说明")
    tp = extract_three_public([_para("2023年财政拨款“三公”经费预算数为 12.30 万元，其中：因公出国（境）费 2.00 万元，"
                                     "公务用车购置及运行费 8.30 万元（其中，公务用车购置费 0 万元，公务用车运行费 8.30 万元），"
                                     "公务接待费 2.00 万元。", *s3)])
    assert (tp.total.value, tp.outbound.value, tp.vehicle_total.value, tp.vehicle_purchase.value,
            tp.vehicle_operation.value, tp.reception.value) == (12.3, 2.0, 8.3, 0.0, 8.3, 2.0)
    oc = extract_operating_cost([_para("2023年本部门机关运行经费财政拨款预算 80.00 万元，比上年预算减少 5.00 万元，下降 5.88%。",
                                       "第三部分", "十二、其他", "(一) 机关运行经费")])
    assert (oc.amount.value, oc.change.value, oc.change_pct.value) == (80.0, -5.0, -5.88)
    pr = extract_procurement([_para("2023年，本部门政府采购预算 200.00 万元，其中：政府采购货物预算 50.00 万元，"
                                    "政府采购工程预算 100.00 万元，政府采购服务预算 50.00 万元。", "十二、其他", "(二) 政府采购情况")])
    assert (pr.total.value, pr.goods.value, pr.works.value, pr.services.value) == (200.0, 50.0, 100.0, 50.0)
    a = extract_assets([_para("1.房屋 1,200.50 平方米，价值 300.00 万元。2.车辆 3 辆，价值 60.00 万元。"
                              "单位价值 50 万元以上大型设备 2 台，单位价值 100 万元以上大型设备 1 台。",
                              "十二、其他", "(三) 国有资产占用情况")])
    assert (a.building_area.value, a.building_value.value, a.vehicles.value, a.vehicles_value.value) == (1200.5, 300.0, 3, 60.0)
    assert (a.equipment_over_50.value, a.equipment_over_100.value) == (2, 1)


@pytest.mark.parametrize("key", ["cj2024", "bz2025", "wlmq2024js", "wlmq2025"])
def test_every_figure_has_a_number_and_a_clean_subject(parsed, key):
    d = parsed[key]
    assert len(d.prose_figures) >= 15
    for f in d.prose_figures:
        assert f.amount is not None or f.change is not None or f.change_pct is not None
        assert f.subject and not f.subject[0].isdigit() and "万元" not in f.subject
        assert f.text and f.loc.line is not None
