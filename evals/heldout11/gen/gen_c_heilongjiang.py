"""Family C: 黑龙江省嫩泉市发展和改革委员会 2025年部门预算 (invented), .txt
with tables drawn in box-drawing characters (┌─┬─┐ │ ├─┼─┤ └─┴─┘) as some
converters and web pages render them; 款/项 names indented with full-width
spaces; long names wrapped onto a second line inside their cell; amounts in
万元.  Prose is one paragraph per line (web-page style).

PLANTED INCONSISTENCY (the only one): in 第三部分 五、项目支出情况 the prose gives
the 预算安排规模 of 「嫩泉市国民经济和社会发展第十五个五年规划纲要编制经费」 as
PROSE_WRONG (85.00 万元); the tables (表3 支出总表 2010404, 表5, 表10) say 58.00,
and the tables are self-consistent.

嫩泉市, the commission, its units, people and phone numbers are made up.
Run: python gen_c_heilongjiang.py -> ../docs/hlj-nqs-fgw-2025-bmys.txt
"""
import os
from common import Tree, fmt, c, pct, pad, disp_width, wrap_cells

OUT = os.path.join(os.path.dirname(__file__), "..", "docs", "hlj-nqs-fgw-2025-bmys.txt")
DEPT = "嫩泉市发展和改革委员会"
PROSE_WRONG = c("85.00")

# ---------------------------------------------------------------- data model
ECON = [
    ("30101", "基本工资", "p", "298.42"), ("30102", "津贴补贴", "p", "176.35"),
    ("30103", "奖金", "p", "62.40"), ("30107", "绩效工资", "p", "128.60"),
    ("30108", "机关事业单位基本养老保险缴费", "p", "112.86"), ("30109", "职业年金缴费", "p", "56.43"),
    ("30110", "职工基本医疗保险缴费", "p", "48.27"), ("30111", "公务员医疗补助缴费", "p", "9.62"),
    ("30112", "其他社会保障缴费", "p", "6.85"), ("30113", "住房公积金", "p", "84.66"),
    ("30199", "其他工资福利支出", "p", "12.30"),
    ("30201", "办公费", "g", "18.40"), ("30205", "水费", "g", "2.10"), ("30206", "电费", "g", "8.65"),
    ("30207", "邮电费", "g", "4.32"), ("30208", "取暖费", "g", "26.80"), ("30209", "物业管理费", "g", "12.60"),
    ("30211", "差旅费", "g", "9.50"), ("30213", "维修（护）费", "g", "4.20"), ("30216", "培训费", "g", "2.60"),
    ("30217", "公务接待费", "g", "3.20"), ("30228", "工会经费", "g", "10.15"), ("30229", "福利费", "g", "11.40"),
    ("30231", "公务用车运行维护费", "g", "12.80"), ("30239", "其他交通费用", "g", "14.64"),
    ("30299", "其他商品和服务支出", "g", "3.86"),
    ("30301", "离休费", "p", "6.20"), ("30302", "退休费", "p", "38.75"), ("30305", "生活补助", "p", "2.40"),
]
econ = Tree({"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助"},
            [(k, n, {"t": c(v), "p": c(v) if t == "p" else 0, "g": c(v) if t == "g" else 0})
             for k, n, t, v in ECON], ["t", "p", "g"], code_lens=(3, 5))
E = {k: c(v) for k, _, _, v in ECON}
PERS, PUBL = econ.total["p"], econ.total["g"]
BASIC = PERS + PUBL

FNAMES = {"201": "一般公共服务支出", "20104": "发展与改革事务",
          "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
          "210": "卫生健康支出", "21011": "行政事业单位医疗",
          "221": "住房保障支出", "22102": "住房改革支出",
          "222": "粮油物资储备支出", "22201": "粮油物资事务", "22204": "粮油储备"}
retire = E["30301"] + E["30302"] + E["30305"]
FLEAVES = [
    ("2010401", "行政运行", {"b": None}),
    ("2010402", "一般行政管理事务", {"gp": c("36.50")}),
    ("2010404", "战略规划与实施", {"gp": c("58.00")}),
    ("2010405", "日常经济运行调节", {"gp": c("24.60")}),
    ("2010408", "物价管理", {"gp": c("31.20")}),
    ("2010450", "事业运行", {"b": c("96.30")}),
    ("2010499", "其他发展与改革事务支出", {"gp": c("25.00"), "jz": c("20.00")}),
    ("2080501", "行政单位离退休", {"b": c("32.15")}),
    ("2080502", "事业单位离退休", {"b": retire - c("32.15")}),
    ("2080505", "机关事业单位基本养老保险缴费支出", {"b": E["30108"]}),
    ("2080506", "机关事业单位职业年金缴费支出", {"b": E["30109"]}),
    ("2101101", "行政单位医疗", {"b": c("28.40")}),
    ("2101102", "事业单位医疗", {"b": E["30110"] - c("28.40")}),
    ("2101103", "公务员医疗补助", {"b": E["30111"]}),
    ("2210201", "住房公积金", {"b": E["30113"]}),
    ("2220106", "专项业务活动", {"gp": c("27.80")}),
    ("2220150", "事业运行", {"b": c("142.80")}),
    ("2220401", "储备粮油补贴", {"gp": c("486.00")}),
]
assigned = sum(v.get("b") or 0 for _, _, v in FLEAVES)
for k, n, v in FLEAVES:
    if k == "2010401":
        v["b"] = BASIC - assigned
COLS = ["b", "gp", "jz"]
fn = Tree(FNAMES, [(k, n, {x: v.get(x, 0) or 0 for x in COLS}) for k, n, v in FLEAVES], COLS)
T = fn.total


def tot(v): return v["b"] + v["gp"] + v["jz"]
def proj(v): return v["gp"] + v["jz"]
def gpub(v): return v["b"] + v["gp"]


TOTAL, PROJ, GP, JZ = tot(T), proj(T), gpub(T), T["jz"]
assert T["b"] == BASIC

PROJECTS = [  # name, code, unit, basis, allocation
    ("营商环境评价与政务服务经费", "2010402", "嫩泉市发展和改革委员会",
     "《优化营商环境条例》和《黑龙江省优化营商环境条例》",
     "用于开展全市营商环境评价、政务服务“好差评”第三方调查和营商环境监督员培训"),
    ("嫩泉市国民经济和社会发展第十五个五年规划纲要编制经费", "2010404", "嫩泉市发展和改革委员会",
     "市委、市政府关于开展“十五五”规划编制工作的部署",
     "用于前期重大课题研究、基础调查、专家论证和纲要文本印制"),
    ("经济运行监测分析经费", "2010405", "嫩泉市发展和改革委员会",
     "市政府经济运行调度工作制度",
     "用于重点企业和重点项目运行监测、季度经济形势分析和监测平台维护"),
    ("重要民生商品价格监测及成本调查经费", "2010408", "嫩泉市价格认证中心",
     "《中华人民共和国价格法》《政府制定价格成本监审办法》",
     "用于46个品种重要民生商品价格监测、价格监测点补助和农产品成本调查"),
    ("重大项目前期工作经费", "2010499", "嫩泉市发展和改革委员会",
     "市政府重大项目谋划储备工作机制",
     "用于重大项目可行性研究、项目建议书编制和专家评审，其中上年结转资金20.00万元"),
    ("粮食质量安全检验监测经费", "2220106", "嫩泉市粮食和物资储备服务中心",
     "《粮食质量安全监管办法》",
     "用于收获粮食质量调查、库存粮食质量抽检和检验设备维护"),
    ("市级储备粮油利息和保管费用补贴", "2220401", "嫩泉市粮食和物资储备服务中心",
     "《嫩泉市市级储备粮管理办法》",
     "用于市级储备粮3.5万吨、储备食用油1200吨的贷款利息和保管费用补贴"),
]
PREV = {"total": c("1736.52"), "basic": c("1152.40"), "proj": c("584.12"), "gp": c("1721.08"),
        "jgyx": c("82.10")}
assert PREV["basic"] + PREV["proj"] == PREV["total"]
JGYX = c("78.46")
SG25 = dict(cg=0, gz=0, yx=E["30231"], jd=E["30217"])
SG24 = dict(cg=0, gz=0, yx=c("13.20"), jd=c("3.60"))


# ---------------------------------------------------------------- box tables
def box(widths, header_rows, body_rows, aligns, sep_every=False):
    """header_rows/body_rows: lists of cell lists.  A body cell may be longer
    than its column; it then wraps onto continuation lines (other cells blank)."""
    def hline(l, m, r):
        return l + m.join("─" * w for w in widths) + r

    def render(cells, is_header=False):
        pieces = []
        for cell, wdt in zip(cells, widths):
            pieces.append(wrap_cells(cell, wdt - 1) if cell else [""])
        n = max(len(p) for p in pieces)
        out = []
        for i in range(n):
            parts = []
            for j, (p, wdt) in enumerate(zip(pieces, widths)):
                txt = p[i] if i < len(p) else ""
                if i > 0 and txt and j >= 1 and not is_header and aligns[j] == "left" and cells[j].startswith("　"):
                    # continuation of an indented name keeps the indent
                    lead = len(cells[j]) - len(cells[j].lstrip("　"))
                    txt = "　" * lead + txt if disp_width("　" * lead + txt) <= wdt else txt
                parts.append(pad(txt, wdt, "center" if is_header else aligns[j]))
            out.append("│" + "│".join(parts) + "│")
        return out

    lines = [hline("┌", "┬", "┐")]
    for hr in header_rows:
        lines += render(hr, True)
    lines.append(hline("├", "┼", "┤"))
    for i, r in enumerate(body_rows):
        lines += render(r)
        if sep_every and i < len(body_rows) - 1:
            lines.append(hline("├", "┼", "┤"))
    lines.append(hline("└", "┴", "┘"))
    return lines


def indent(code, name):
    return "　" * ({3: 0, 5: 1, 7: 2}[len(code)]) + name


def m(v):
    return fmt(v) if v else ""


out = []
W = out.append


def table(no, title, widths, headers, rows, aligns, sep_every=False, note=None):
    W("")
    W(f"表{no}")
    W(f"{DEPT}2025年{title}")
    W(pad("", sum(widths) + len(widths) - 10) + "单位：万元")
    out.extend(box(widths, headers, rows, aligns, sep_every))
    if note:
        W(note)


# ---- part 1
W(f"{DEPT}2025年部门预算")
W("")
W("第一部分 部门概况")
W("一、主要职能")
W("嫩泉市发展和改革委员会是市政府工作部门，加挂嫩泉市粮食和物资储备局牌子。主要职责是：拟订并组织实施全市国民经济和社会发展战略、中长期规划和年度计划；统筹提出全市经济社会发展目标，监测预测预警宏观经济运行态势；承担全市固定资产投资综合管理和重大项目推进工作；负责价格监督管理和成本调查工作；承担优化营商环境的统筹协调工作；负责全市粮食和物资储备的行政管理，管理市级储备粮油。")
W("二、机构设置")
W("本部门内设7个科室：办公室、综合规划科（“十五五”规划办公室）、经济运行科、投资和项目管理科、价格和收费管理科、粮食和物资储备科、营商环境建设科。下属事业单位2个：嫩泉市粮食和物资储备服务中心、嫩泉市价格认证中心。纳入本部门2025年部门预算编制范围的单位共3个，即委本级和上述2个事业单位。")
W("三、人员情况")
W("本部门编制62名，其中行政编制34名、事业编制28名；年末实有在职人员57人，离退休人员33人，其中离休1人、退休32人。")
W("")
W("第二部分 部门预算表")

# 表1 部门收支总表
left = [("一、一般公共预算拨款", GP), ("二、政府性基金预算拨款", 0), ("三、国有资本经营预算拨款", 0),
        ("四、财政专户管理资金", 0), ("五、单位资金", 0)]
classes = [(k, fn.names[k]) for k in sorted(fn.vals) if len(k) == 3]
rows = []
for i in range(max(len(left), len(classes))):
    r = ["", "", "", ""]
    if i < len(left):
        r[0], r[1] = left[i][0], fmt(left[i][1])
    if i < len(classes):
        k, nm = classes[i]
        r[2], r[3] = f"{k} {nm}", m(tot(fn.vals[k]))
    rows.append(r)
rows += [["本年收入合计", fmt(GP), "本年支出合计", fmt(TOTAL)],
         ["上年结转结余", fmt(JZ), "年末结转结余", ""],
         ["收入总计", fmt(TOTAL), "支出总计", fmt(TOTAL)]]
table(1, "部门收支总表", [28, 12, 28, 12], [["收入项目", "预算数", "支出项目", "预算数"]], rows,
      ["left", "right", "left", "right"], sep_every=True)

# 表2 部门收入总表
rows = [["", "合计", fmt(TOTAL), m(GP), "", "", "", "", m(JZ)]]
for k, nm, v in fn.rows():
    rows.append([k, indent(k, nm), m(tot(v)), m(gpub(v)), "", "", "", "", m(v["jz"])])
table(2, "部门收入总表", [9, 30, 10, 10, 10, 10, 10, 8, 10],
      [["科目编码", "科目名称", "合计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款",
        "财政专户管理资金", "单位资金", "上年结转结余"]], rows,
      ["left", "left"] + ["right"] * 7)

# 表3 部门支出总表
rows = [["", "合计", fmt(TOTAL), fmt(BASIC), fmt(PROJ)]]
for k, nm, v in fn.rows():
    rows.append([k, indent(k, nm), m(tot(v)), m(v["b"]), m(proj(v))])
table(3, "部门支出总表", [9, 30, 12, 12, 12], [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], rows,
      ["left", "left", "right", "right", "right"])

# 表4 财政拨款收支总表
left = [("一、本年收入", GP), ("（一）一般公共预算拨款", GP), ("（二）政府性基金预算拨款", 0),
        ("（三）国有资本经营预算拨款", 0), ("二、上年结转", JZ), ("（一）一般公共预算拨款", JZ)]
rows = []
for i in range(max(len(left), len(classes))):
    r = ["", "", "", "", "", "", ""]
    if i < len(left):
        r[0], r[1] = left[i][0], m(left[i][1])
    if i < len(classes):
        k, nm = classes[i]
        v = fn.vals[k]
        r[2], r[3], r[4] = f"{k} {nm}", m(tot(v)), m(tot(v))
    rows.append(r)
rows.append(["收入总计", fmt(TOTAL), "支出总计", fmt(TOTAL), fmt(TOTAL), "", ""])
table(4, "财政拨款收支总表", [26, 10, 24, 10, 12, 14, 16],
      [["收入项目", "预算数", "支出项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]], rows,
      ["left", "right", "left", "right", "right", "right", "right"], sep_every=True)

# 表5 一般公共预算支出表 (本年一般公共预算拨款 only; 上年结转 not included)
rows = [["", "合计", fmt(GP), fmt(BASIC), fmt(T["gp"])]]
for k, nm, v in fn.rows():
    if gpub(v):
        rows.append([k, indent(k, nm), m(gpub(v)), m(v["b"]), m(v["gp"])])
table(5, "一般公共预算支出表", [9, 30, 12, 12, 12], [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], rows,
      ["left", "left", "right", "right", "right"],
      note="注：本表反映当年一般公共预算拨款安排的支出，不含上年结转资金安排的支出。")

# 表6 一般公共预算基本支出表
rows = [["", "合计", fmt(BASIC), fmt(PERS), fmt(PUBL)]]
for k, nm, v in econ.rows():
    rows.append([k, ("　" if len(k) == 5 else "") + nm, m(v["t"]), m(v["p"]), m(v["g"])])
table(6, "一般公共预算基本支出表", [9, 30, 12, 12, 12],
      [["经济科目编码", "经济科目名称", "合计", "人员经费", "公用经费"]], rows,
      ["left", "left", "right", "right", "right"])


# 表7 三公
def sgv(s):
    car = s["gz"] + s["yx"]
    return [s["cg"] + s["jd"] + car, s["cg"], s["jd"], car, s["gz"], s["yx"]]


labels = ["合计", "1.因公出国（境）费", "2.公务接待费", "3.公务用车购置及运行费", "　其中：（1）公务用车购置费",
          "　　　　（2）公务用车运行费"]
a24, a25 = sgv(SG24), sgv(SG25)
rows = []
for lab, x, y in zip(labels, a24, a25):
    d = y - x
    rate = "—" if x == 0 else (pct(d, x) + "%")
    rows.append([lab, fmt(x), fmt(y), fmt(d), rate])
table(7, "一般公共预算“三公”经费支出表", [30, 14, 14, 10, 10],
      [["项目", "2024年预算数", "2025年预算数", "增减额", "增减率"]], rows,
      ["left", "right", "right", "right", "right"], sep_every=True)

# 表8, 表9 empty
table(8, "政府性基金预算支出表", [9, 30, 12, 12, 12], [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
      [["", "合计", "", "", ""]], ["left", "left", "right", "right", "right"],
      note="注：本部门2025年没有使用政府性基金预算拨款安排的支出，本表为空表。")
table(9, "国有资本经营预算支出表", [9, 30, 12, 12, 12], [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
      [["", "合计", "", "", ""]], ["left", "left", "right", "right", "right"],
      note="注：本部门2025年没有使用国有资本经营预算拨款安排的支出，本表为空表。")

# 表10 部门项目支出预算表
rows = [["合计", "", "", fmt(PROJ), fmt(T["gp"]), fmt(JZ)]]
for nm, code, unit, _, _ in PROJECTS:
    v = fn.vals[code]
    rows.append([nm, code, fn.names[code], fmt(proj(v)), m(v["gp"]), m(v["jz"])])
table(10, "部门项目支出预算表", [30, 9, 24, 10, 14, 10],
      [["项目名称", "科目编码", "科目名称", "合计", "一般公共预算拨款", "上年结转"]], rows,
      ["left", "left", "left", "right", "right", "right"])


# ---------------------------------------------------------------- prose
def chg(now, prev):
    d = now - prev
    if d == 0:
        return "与上年持平"
    return f"比上年{'增加' if d > 0 else '减少'}{fmt(abs(d))}万元，{'增长' if d > 0 else '下降'}{pct(abs(d), prev)}%"


W("")
W("第三部分 部门预算情况说明")
W("一、收支预算总体情况")
W(f"2025年{DEPT}收入预算{fmt(TOTAL)}万元，其中：一般公共预算拨款{fmt(GP)}万元，上年结转结余{fmt(JZ)}万元。"
  f"支出预算{fmt(TOTAL)}万元，其中：基本支出{fmt(BASIC)}万元，占{pct(BASIC, TOTAL)}%；项目支出{fmt(PROJ)}万元，"
  f"占{pct(PROJ, TOTAL)}%。收支预算总额{chg(TOTAL, PREV['total'])}，主要原因是启动“十五五”规划纲要编制、"
  f"市级储备粮油补贴标准提高；基本支出{chg(BASIC, PREV['basic'])}，项目支出{chg(PROJ, PREV['proj'])}。")
W("二、财政拨款收支预算情况")
W(f"2025年财政拨款收支预算总额{fmt(TOTAL)}万元，均为一般公共预算，其中本年一般公共预算拨款{fmt(GP)}万元、"
  f"上年一般公共预算拨款结转{fmt(JZ)}万元。本部门无政府性基金预算拨款和国有资本经营预算拨款。")
W("三、一般公共预算支出情况")
parts = []
for k in sorted(x for x in fn.vals if len(x) == 3):
    g = gpub(fn.vals[k])
    parts.append(f"{fn.names[k]}{fmt(g)}万元，占{pct(g, GP)}%")
W(f"2025年本年一般公共预算拨款支出{fmt(GP)}万元，{chg(GP, PREV['gp'])}。按支出功能分类：" + "；".join(parts) + "。")
W("四、一般公共预算基本支出情况")
W(f"2025年一般公共预算基本支出{fmt(BASIC)}万元，其中：人员经费{fmt(PERS)}万元，主要包括基本工资、津贴补贴、奖金、"
  f"绩效工资、社会保障缴费、住房公积金、离退休费等；公用经费{fmt(PUBL)}万元，主要包括办公费、水电费、邮电费、"
  f"取暖费、物业管理费、差旅费、公务接待费、工会经费、福利费、公务用车运行维护费等。")
W("五、项目支出情况")
W(f"2025年本部门安排项目支出{fmt(PROJ)}万元，共{len(PROJECTS)}个项目，具体如下：")
CN = "一二三四五六七八九十"
for i, (nm, code, unit, basis, alloc) in enumerate(PROJECTS):
    amt = proj(fn.vals[code])
    shown = PROSE_WRONG if code == "2010404" else amt          # <- the planted inconsistency
    W(f"（{CN[i]}）项目名称：{nm}")
    W(f"设立依据：{basis}。")
    W(f"预算安排规模：{fmt(shown)}万元")
    W(f"项目承担单位：{unit}")
    W(f"资金分配情况：{alloc}。")
    W("资金执行时间：2025年1月1日—2025年12月31日")
W("六、“三公”经费预算情况")
W(f"2025年一般公共预算“三公”经费预算{fmt(a25[0])}万元，{chg(a25[0], a24[0])}。其中：因公出国（境）费"
  f"{fmt(a25[1])}万元，与上年持平，本部门2025年未安排因公出国（境）计划；公务接待费{fmt(a25[2])}万元，"
  f"{chg(a25[2], a24[2])}，主要原因是严格执行公务接待标准，减少陪餐人数；公务用车购置及运行费{fmt(a25[3])}万元，"
  f"{chg(a25[3], a24[3])}，其中：公务用车购置费{fmt(a25[4])}万元，未安排购置车辆；公务用车运行费{fmt(a25[5])}万元，"
  f"{chg(a25[5], a24[5])}，主要原因是1辆公务用车按规定报废后不再更新，车辆保险和维修费用相应减少。")
W("七、机关运行经费")
W(f"2025年本部门机关运行经费预算{fmt(JGYX)}万元，{chg(JGYX, PREV['jgyx'])}，主要原因是压减一般性支出、"
  "取暖面积调减。机关运行经费为委本级（行政单位）的公用经费，2个事业单位的公用经费不在其中。")
W("八、政府采购情况")
W("2025年本部门政府采购预算126.40万元，其中：政府采购货物预算18.60万元，政府采购工程预算0.00万元，"
  "政府采购服务预算107.80万元。面向中小企业预留政府采购项目预算金额126.40万元，其中预留给小微企业96.00万元。")
W("九、国有资产占有使用情况")
W("截至2024年12月31日，本部门共有车辆5辆，其中：主要领导干部用车0辆、机要通信用车1辆、应急保障用车0辆、"
  "执法执勤用车0辆、特种专业技术用车1辆（粮食质量检测车）、离退休干部服务用车0辆、其他用车3辆；"
  "单价100万元（含）以上设备（不含车辆）0台（套）。2025年部门预算未安排购置车辆和单价100万元（含）以上设备。")
W("十、预算绩效管理情况")
W(f"2025年本部门{len(PROJECTS)}个项目全部编制了绩效目标，涉及项目预算资金{fmt(PROJ)}万元。主要绩效指标："
  "市级储备粮油储存数量达标率100%、储备粮油质量宜存率≥95%；重要民生商品价格监测品种≥46个、价格监测报表按时报送率100%；"
  "“十五五”规划纲要于2025年12月底前形成送审稿；营商环境评价覆盖市直部门≥38个。")
W("十一、政府性基金预算和国有资本经营预算情况")
W("本部门2025年没有政府性基金预算和国有资本经营预算拨款安排的支出，表8、表9为空表。")
W("")
W("第四部分 名词解释")
for s in ["1.一般公共预算拨款：指市级财政当年拨付的一般公共预算资金。",
          "2.上年结转结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
          "3.基本支出：指为保障机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费。",
          "4.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
          "5.“三公”经费：指部门用一般公共预算拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
          "6.机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
          "7.储备粮油补贴：指用于市级储备粮油的贷款利息、保管费用和轮换费用的补贴。"]:
    W(s)
W("")
W("联系人：韩雪峰　联系电话：0456-6127735")

with open(OUT, "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print("wrote", OUT, "total", fmt(TOTAL), "basic", fmt(BASIC), "proj", fmt(PROJ), "gp", fmt(GP),
      "pers", fmt(PERS), "publ", fmt(PUBL))
