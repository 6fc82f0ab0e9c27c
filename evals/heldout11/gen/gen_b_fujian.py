"""Family B: 福建省岚峰县疾病预防控制中心 2024年度单位决算 (invented), .xlsx.

One sheet per table (附表1 … 附表9), two-row headers made of merged cells,
amounts stored as TEXT strings with thousands separators in 元
("1,234,567.89"), a 「单位：元」 cell, a 行次 column in 附表1 and 附表4,
and the prose (情况说明) on a last sheet `说明`, one paragraph per row, in
万元.  Every figure is computed from the data model below (integers in 分).

岚峰县, the centre, its people and phone numbers are made up.
Run: python gen_b_fujian.py -> ../docs/fj-lfx-jkzx-2024-dwjs.xlsx
"""
import os
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from common import Tree, fmt, c, pct, yuan_to_wan

OUT = os.path.join(os.path.dirname(__file__), "..", "docs", "fj-lfx-jkzx-2024-dwjs.xlsx")
UNIT = "岚峰县疾病预防控制中心"


def w(v):  # 元 (分) -> '12.34' 万元 string
    return fmt(yuan_to_wan(v))


# ---------------------------------------------------------------- data model
# 一般公共预算财政拨款 basic expenditure by economic class, 元
ECON = [
    ("30101", "基本工资", "1586420.00"), ("30102", "津贴补贴", "612380.00"),
    ("30103", "奖金", "132600.00"), ("30107", "绩效工资", "1948736.00"),
    ("30108", "机关事业单位基本养老保险缴费", "1024812.48"), ("30109", "职业年金缴费", "512406.24"),
    ("30110", "职工基本医疗保险缴费", "468235.80"), ("30112", "其他社会保障缴费", "38402.16"),
    ("30113", "住房公积金", "715308.00"), ("30199", "其他工资福利支出", "86214.00"),
    ("30302", "退休费", "386540.00"), ("30305", "生活补助", "24600.00"), ("30309", "奖励金", "8000.00"),
    ("30201", "办公费", "68420.50"), ("30202", "印刷费", "21360.00"), ("30205", "水费", "12840.00"),
    ("30206", "电费", "96518.30"), ("30207", "邮电费", "18236.00"), ("30209", "物业管理费", "84000.00"),
    ("30211", "差旅费", "42615.00"), ("30213", "维修（护）费", "56380.00"), ("30216", "培训费", "14200.00"),
    ("30217", "公务接待费", "6820.00"), ("30218", "专用材料费", "186450.20"), ("30226", "劳务费", "38600.00"),
    ("30228", "工会经费", "71265.00"), ("30229", "福利费", "58800.00"),
    ("30231", "公务用车运行维护费", "78416.50"), ("30239", "其他交通费用", "41280.00"),
    ("30299", "其他商品和服务支出", "23518.40"),
    ("31002", "办公设备购置", "36800.00"),
]
ECON_NAMES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}
econ = Tree(ECON_NAMES, [(k, n, {"v": c(v)}) for k, n, v in ECON], ["v"], code_lens=(3, 5))
E = {k: c(v) for k, _, v in ECON}
PERS = sum(econ.vals[k]["v"] for k in ("301", "303"))
PUBL = sum(econ.vals[k]["v"] for k in ("302", "310"))

# function classes; columns: bg basic 财政, bo basic 非财政, pg project 财政, po project 非财政
FNAMES = {"208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
          "210": "卫生健康支出", "21004": "公共卫生", "21011": "行政事业单位医疗",
          "221": "住房保障支出", "22102": "住房改革支出"}
bg_2100401 = PERS + PUBL - E["30302"] - E["30108"] - E["30109"] - E["30110"] - E["30113"]
FLEAVES = [
    ("2080502", "事业单位离退休", {"bg": E["30302"]}),
    ("2080505", "机关事业单位基本养老保险缴费支出", {"bg": E["30108"]}),
    ("2080506", "机关事业单位职业年金缴费支出", {"bg": E["30109"]}),
    ("2100401", "疾病预防控制机构", {"bg": bg_2100401, "bo": c("993348.80"), "po": c("312000.00")}),
    ("2100408", "基本公共卫生服务", {"pg": c("1485600.00")}),
    ("2100409", "重大公共卫生服务", {"pg": c("2236480.50")}),
    ("2100410", "突发公共卫生事件应急处理", {"pg": c("418900.00")}),
    ("2101102", "事业单位医疗", {"bg": E["30110"]}),
    ("2210201", "住房公积金", {"bg": E["30113"]}),
]
COLS = ["bg", "bo", "pg", "po"]
fn = Tree(FNAMES, [(k, n, {x: v.get(x, 0) for x in COLS}) for k, n, v in FLEAVES], COLS)
T = fn.total


def tot(v): return sum(v[x] for x in COLS)
def basic(v): return v["bg"] + v["bo"]
def projt(v): return v["pg"] + v["po"]
def gexp(v): return v["bg"] + v["pg"]      # 一般公共预算财政拨款支出


SPEND = tot(T)
BASIC = basic(T)
PROJ = projt(T)
GEXP = gexp(T)
assert E["30302"] + E["30108"] + E["30109"] + E["30110"] + E["30113"] + bg_2100401 == PERS + PUBL
assert T["bg"] == PERS + PUBL

JZ0_F, JZ0_O = c("512000.00"), c("172210.35")     # 年初结转和结余: 财政拨款 / 非财政
JZ1_F, JZ1_O = c("86400.00"), c("205600.15")      # 年末结转和结余
SYSR, QTSR = c("1286420.00"), c("52318.60")       # 事业收入, 其他收入
GINC = GEXP - JZ0_F + JZ1_F                        # 本年一般公共预算财政拨款收入
assert SYSR + QTSR + JZ0_O - JZ1_O == T["bo"] + T["po"]
INC = GINC + SYSR + QTSR                           # 本年收入合计
TOTAL = INC + JZ0_F + JZ0_O
assert TOTAL == SPEND + JZ1_F + JZ1_O


def gov_income(code):
    g = gexp(fn.vals[code])
    if "2100409".startswith(code):           # 210, 21004, 2100409 carry the 结转 effect
        g = g - JZ0_F + JZ1_F
    return g


def non_income(code):
    return (SYSR, QTSR) if "2100401".startswith(code) else (0, 0)


# 年初预算 (一般公共预算财政拨款) by 项, 元
BUDGET = {"2080502": c("392000.00"), "2080505": c("1030000.00"), "2080506": c("515000.00"),
          "2100401": c("5450000.00"), "2100408": c("1500000.00"), "2100409": c("1800000.00"),
          "2100410": c("300000.00"), "2101102": c("470000.00"), "2210201": c("720000.00")}
BUDGET_T = sum(BUDGET.values())
PREV = {"total": c("11861540.27"), "gexp": c("10126300.45"), "fin_total": c("10318950.00"),
        "publ": c("1012468.80")}
# 三公 (元): 预算 / 决算 / 2023决算  -> (出国, 购置, 运行维护, 接待)
SG_B = dict(cg=0, gz=0, yx=c("86000.00"), jd=c("12000.00"))
SG_A = dict(cg=0, gz=0, yx=E["30231"], jd=E["30217"])
SG_P = dict(cg=0, gz=0, yx=c("91250.00"), jd=c("9400.00"))


def sg(s):
    car = s["gz"] + s["yx"]
    return [s["cg"] + car + s["jd"], s["cg"], car, s["gz"], s["yx"], s["jd"]]


# ---------------------------------------------------------------- workbook
wb = Workbook()
wb.remove(wb.active)
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def money(v, zero="0.00"):
    if v == 0:
        return zero
    return fmt(v)


def sheet(name, title, code, ncols):
    ws = wb.create_sheet(name)
    ws.cell(1, 1, title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.cell(1, 1).alignment = CENTER
    ws.cell(2, ncols, code)
    ws.cell(3, 1, f"单位名称：{UNIT}")
    ws.cell(3, ncols, "单位：元")
    for col in range(1, ncols + 1):
        ws.column_dimensions[chr(64 + col)].width = 16 if col > 2 else 34
    return ws


def merge(ws, r1, c1, r2, c2, text):
    ws.cell(r1, c1, text).alignment = CENTER
    ws.cell(r1, c1).font = BOLD
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def put(ws, r, vals):
    for i, v in enumerate(vals, 1):
        if v is not None and v != "":
            ws.cell(r, i, v)


CLASSES = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
           "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
           "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
           "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
           "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "抗疫特别国债安排的支出"]
CN = "一二三四五六七八九十"


def cn_num(i):
    if i <= 10:
        return CN[i - 1]
    if i < 20:
        return "十" + CN[i - 11]
    if i % 10 == 0:
        return CN[i // 10 - 1] + "十"
    return CN[i // 10 - 1] + "十" + CN[i % 10 - 1]


cls_by_name = {fn.names[k]: k for k in fn.vals if len(k) == 3}

# ---- 附表1 收入支出决算总表
ws = sheet("附表1", "收入支出决算总表", "公开01表", 6)
merge(ws, 4, 1, 4, 3, "收入")
merge(ws, 4, 4, 4, 6, "支出")
for i, h in enumerate(["项目", "行次", "金额", "项目", "行次", "金额"], 1):
    merge(ws, 5, i, 5, i, h)
put(ws, 6, ["栏次", "", "1", "栏次", "", "2"])
left = [("一、一般公共预算财政拨款收入", GINC), ("二、政府性基金预算财政拨款收入", 0),
        ("三、国有资本经营预算财政拨款收入", 0), ("四、上级补助收入", 0), ("五、事业收入", SYSR),
        ("六、经营收入", 0), ("七、附属单位上缴收入", 0), ("八、其他收入", QTSR)]
r = 7
for i, cls in enumerate(CLASSES):
    row = ["", "", "", f"{cn_num(i + 1)}、{cls}", 13 + i, ""]
    if i < len(left):
        row[0], row[1], row[2] = left[i][0], i + 1, money(left[i][1])
    k = cls_by_name.get(cls)
    row[5] = money(tot(fn.vals[k])) if k else ""
    put(ws, r, row)
    r += 1
for a, b in [(("本年收入合计", 9, money(INC)), ("本年支出合计", 37, money(SPEND))),
             (("使用非财政拨款结余", 10, "0.00"), ("结余分配", 38, "0.00")),
             (("年初结转和结余", 11, money(JZ0_F + JZ0_O)), ("年末结转和结余", 39, money(JZ1_F + JZ1_O))),
             (("总计", 12, money(TOTAL)), ("总计", 40, money(SPEND + JZ1_F + JZ1_O)))]:
    put(ws, r, list(a) + list(b))
    r += 1
ws.cell(r + 1, 1, "注：本表反映单位本年度的总收支和年末结转结余情况。")


# ---- helpers for the function-class sheets
def fn_sheet(name, title, code, heads, rowfun, top_label="合计"):
    """heads: list of column names after 科目编码/科目名称; two-row header:
    「项目」 merged over the two code/name columns, each amount column merged
    down over the two header rows, except groups given as (group, [subcols])."""
    ncols = 2 + sum(len(h[1]) if isinstance(h, tuple) else 1 for h in heads)
    ws = sheet(name, title, code, ncols)
    merge(ws, 4, 1, 4, 2, "项目")
    merge(ws, 5, 1, 5, 1, "科目编码")
    merge(ws, 5, 2, 5, 2, "科目名称")
    col = 3
    for h in heads:
        if isinstance(h, tuple):
            merge(ws, 4, col, 4, col + len(h[1]) - 1, h[0])
            for j, sub in enumerate(h[1]):
                merge(ws, 5, col + j, 5, col + j, sub)
            col += len(h[1])
        else:
            merge(ws, 4, col, 5, col, h)
            col += 1
    put(ws, 6, ["栏次", ""] + [str(i) for i in range(1, ncols - 1)])
    r = 7
    put(ws, r, ["", top_label] + [money(x, "") for x in rowfun(None)])
    r += 1
    for k, nm, v in fn.rows():
        vals = rowfun(k)
        if not any(vals):
            continue
        put(ws, r, [k, nm] + [money(x, "") for x in vals])
        r += 1
    return ws, r


def r2(k):
    if k is None:
        return [INC, GINC, 0, SYSR, 0, 0, QTSR]
    g = gov_income(k)
    s, q = non_income(k)
    return [g + s + q, g, 0, s, 0, 0, q]


ws, r = fn_sheet("附表2", "收入决算表", "公开02表",
                 ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
                  "其他收入"], r2)
ws.cell(r + 1, 1, "注：本表反映单位本年度取得的各项收入情况。")


def r3(k):
    v = T if k is None else fn.vals[k]
    return [tot(v), basic(v), projt(v), 0, 0, 0]


ws, r = fn_sheet("附表3", "支出决算表", "公开03表",
                 ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"], r3)
ws.cell(r + 1, 1, "注：本表反映单位本年度各项支出情况。")

# ---- 附表4 财政拨款收入支出决算总表
ws = sheet("附表4", "财政拨款收入支出决算总表", "公开04表", 9)
merge(ws, 4, 1, 4, 3, "收入")
merge(ws, 4, 4, 4, 9, "支出")
for i, h in enumerate(["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款",
                       "政府性基金预算财政拨款", "国有资本经营预算财政拨款"], 1):
    merge(ws, 5, i, 5, i, h)
put(ws, 6, ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"])
left = [("一、一般公共预算财政拨款", GINC), ("二、政府性基金预算财政拨款", 0), ("三、国有资本经营预算财政拨款", 0)]
r = 7
for i, cls in enumerate(CLASSES):
    row = ["", "", "", f"{cn_num(i + 1)}、{cls}", 33 + i, "", "", "", ""]
    if i < len(left):
        row[0], row[1], row[2] = left[i][0], i + 1, money(left[i][1])
    k = cls_by_name.get(cls)
    if k and gexp(fn.vals[k]):
        g = gexp(fn.vals[k])
        row[5], row[6], row[7], row[8] = money(g), money(g), "0.00", "0.00"
    put(ws, r, row)
    r += 1
rows4 = [
    (("本年收入合计", 4, money(GINC)), ("本年支出合计", 57, money(GEXP), money(GEXP), "0.00", "0.00")),
    (("年初财政拨款结转和结余", 5, money(JZ0_F)), ("年末财政拨款结转和结余", 58, money(JZ1_F), money(JZ1_F), "0.00", "0.00")),
    (("一般公共预算财政拨款", 6, money(JZ0_F)), ("", "", "", "", "", "")),
    (("政府性基金预算财政拨款", 7, "0.00"), ("", "", "", "", "", "")),
    (("国有资本经营预算财政拨款", 8, "0.00"), ("", "", "", "", "", "")),
    (("总计", 9, money(GINC + JZ0_F)), ("总计", 59, money(GEXP + JZ1_F), money(GEXP + JZ1_F), "0.00", "0.00")),
]
for a, b in rows4:
    put(ws, r, list(a) + list(b))
    r += 1
ws.cell(r + 1, 1, "注：本表反映单位本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。")


# ---- 附表5 一般公共预算财政拨款支出决算表 (「本年支出」 merged over 小计/基本支出/项目支出)
def r5(k):
    v = T if k is None else fn.vals[k]
    return [gexp(v), v["bg"], v["pg"]]


ws, r = fn_sheet("附表5", "一般公共预算财政拨款支出决算表", "公开05表",
                 [("本年支出", ["小计", "基本支出", "项目支出"])], r5)
ws.cell(r + 1, 1, "注：本表反映单位本年度一般公共预算财政拨款实际支出情况。")

# ---- 附表6 一般公共预算财政拨款基本支出决算表
ws = sheet("附表6", "一般公共预算财政拨款基本支出决算表", "公开06表", 6)
merge(ws, 4, 1, 4, 3, "人员经费")
merge(ws, 4, 4, 4, 6, "公用经费")
for i, h in enumerate(["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"], 1):
    merge(ws, 5, i, 5, i, h)
pl = [(k, n, v["v"]) for k, n, v in econ.rows() if k[:3] in ("301", "303")]
gl = [(k, n, v["v"]) for k, n, v in econ.rows() if k[:3] in ("302", "310")]
r = 6
for i in range(max(len(pl), len(gl))):
    row = ["", "", "", "", "", ""]
    if i < len(pl):
        row[0], row[1], row[2] = pl[i][0], pl[i][1], money(pl[i][2])
    if i < len(gl):
        row[3], row[4], row[5] = gl[i][0], gl[i][1], money(gl[i][2])
    put(ws, r, row)
    r += 1
put(ws, r, ["人员经费合计", "", money(PERS), "公用经费合计", "", money(PUBL)])
ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=5)
ws.cell(r + 2, 1, "注：本表反映单位本年度一般公共预算财政拨款基本支出明细情况。")

# ---- 附表7 财政拨款“三公”经费支出决算表
ws = sheet("附表7", "财政拨款“三公”经费支出决算表", "公开07表", 12)
merge(ws, 4, 1, 4, 6, "预算数")
merge(ws, 4, 7, 4, 12, "决算数")
heads7 = ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费", "公务用车运行维护费",
          "公务接待费"]
for i, h in enumerate(heads7 + heads7, 1):
    merge(ws, 5, i, 5, i, h)
put(ws, 6, [str(i) for i in range(1, 13)])
put(ws, 7, [money(x) for x in sg(SG_B)] + [money(x) for x in sg(SG_A)])
ws.cell(9, 1, "注：本表反映单位本年度财政拨款“三公”经费支出预决算情况。")

# ---- 附表8 / 附表9 (empty)
for name, title, code, word in [("附表8", "政府性基金预算财政拨款收入支出决算表", "公开08表", "政府性基金"),
                                ("附表9", "国有资本经营预算财政拨款收入支出决算表", "公开09表", "国有资本经营")]:
    ws = sheet(name, title, code, 8)
    merge(ws, 4, 1, 4, 2, "项目")
    merge(ws, 4, 3, 5, 3, "年初结转和结余")
    merge(ws, 4, 4, 5, 4, "本年收入")
    merge(ws, 4, 5, 4, 7, "本年支出")
    merge(ws, 4, 8, 5, 8, "年末结转和结余")
    for i, h in [(1, "科目编码"), (2, "科目名称"), (5, "小计"), (6, "基本支出"), (7, "项目支出")]:
        merge(ws, 5, i, 5, i, h)
    put(ws, 6, ["", "合计"])
    ws.cell(8, 1, f"注：本单位2024年度无{word}预算财政拨款收入、支出及结转和结余，本表为空表。")

# ---------------------------------------------------------------- 说明 sheet (万元)
P = []
add = P.append


def chg_w(now, prev):
    d = now - prev
    wd = yuan_to_wan(abs(d))
    if d == 0:
        return "与上年持平"
    return f"{'增加' if d > 0 else '减少'}{fmt(wd)}万元，{'增长' if d > 0 else '下降'}{pct(abs(d), prev)}%"


add(f"{UNIT}2024年度单位决算情况说明")
add("（本说明金额单位：万元）")
add("一、单位基本情况")
add(f"{UNIT}是岚峰县卫生健康局所属公益一类事业单位，主要承担全县传染病、慢性病和地方病的监测与防制，"
    "免疫规划和预防接种管理，突发公共卫生事件的调查处置，卫生检验检测和健康教育等工作。"
    "中心内设7个科室：办公室、传染病防制科、免疫规划科、慢性病防制科、卫生监测科、检验科、健康教育科。")
add("2024年末，中心编制42名，实有人员56人，其中在职人员39人、退休人员17人。")
add("二、收入支出决算总体情况说明")
add(f"2024年度收入总计{w(TOTAL)}万元，其中：本年收入合计{w(INC)}万元，年初结转和结余{w(JZ0_F + JZ0_O)}万元；"
    f"支出总计{w(TOTAL)}万元，其中：本年支出合计{w(SPEND)}万元，年末结转和结余{w(JZ1_F + JZ1_O)}万元。"
    f"与2023年度相比，收入支出总计{chg_w(TOTAL, PREV['total'])}，主要原因是重大公共卫生服务项目和"
    "突发公共卫生事件应急处理经费增加。")
add("三、收入决算情况说明")
add(f"2024年度本年收入合计{w(INC)}万元，其中：财政拨款收入{w(GINC)}万元，占{pct(GINC, INC)}%；"
    f"事业收入{w(SYSR)}万元，占{pct(SYSR, INC)}%；其他收入{w(QTSR)}万元，占{pct(QTSR, INC)}%。"
    "事业收入主要是卫生检验检测和预防性健康体检服务收入。")
add("四、支出决算情况说明")
add(f"2024年度本年支出合计{w(SPEND)}万元，其中：基本支出{w(BASIC)}万元，占{pct(BASIC, SPEND)}%；"
    f"项目支出{w(PROJ)}万元，占{pct(PROJ, SPEND)}%。")
add("五、财政拨款收入支出决算总体情况说明")
FT = GINC + JZ0_F
add(f"2024年度财政拨款收入总计{w(FT)}万元，其中：本年一般公共预算财政拨款收入{w(GINC)}万元，"
    f"年初财政拨款结转和结余{w(JZ0_F)}万元；财政拨款支出总计{w(FT)}万元，其中：本年财政拨款支出"
    f"{w(GEXP)}万元，年末财政拨款结转和结余{w(JZ1_F)}万元。与2023年度相比，财政拨款收入支出总计"
    f"{chg_w(FT, PREV['fin_total'])}，主要原因是年中追加重大公共卫生服务和突发公共卫生事件应急处理经费。")
add("六、一般公共预算财政拨款支出决算情况说明")
add("（一）一般公共预算财政拨款支出决算总体情况")
add(f"2024年度一般公共预算财政拨款支出{w(GEXP)}万元，占本年支出合计的{pct(GEXP, SPEND)}%。与2023年度相比，"
    f"一般公共预算财政拨款支出{chg_w(GEXP, PREV['gexp'])}，主要原因是重大公共卫生服务支出增加。")
add("（二）一般公共预算财政拨款支出决算结构情况")
parts = []
for k in ("210", "208", "221"):
    g = gexp(fn.vals[k])
    parts.append(f"{fn.names[k]}（类）{w(g)}万元，占{pct(g, GEXP)}%")
add(f"2024年度一般公共预算财政拨款支出{w(GEXP)}万元，主要用于以下方面：" + "；".join(parts) + "。")
add("（三）一般公共预算财政拨款支出决算具体情况")
add(f"2024年度一般公共预算财政拨款支出年初预算为{w(BUDGET_T)}万元，支出决算为{w(GEXP)}万元，"
    f"完成年初预算的{pct(GEXP, BUDGET_T)}%。决算数大于年初预算数的主要原因是年中追加重大公共卫生服务、"
    "突发公共卫生事件应急处理经费和使用上年结转资金。其中：")
label = {"208": "社会保障和就业支出（类）", "20805": "行政事业单位养老支出（款）",
         "210": "卫生健康支出（类）", "21004": "公共卫生（款）", "21011": "行政事业单位医疗（款）",
         "221": "住房保障支出（类）", "22102": "住房改革支出（款）"}
why = {"2080502": "退休人员减少1人", "2080505": "按实际缴费基数缴纳", "2080506": "按实际缴费基数缴纳",
       "2100401": "严控一般性支出", "2100408": "部分培训改为线上开展，节约经费",
       "2100409": "年中追加艾滋病、结核病防治和免疫规划冷链更新经费并使用上年结转资金",
       "2100410": "年中追加登革热等输入性传染病应急处置经费", "2101102": "按实际缴费基数缴纳",
       "2210201": "按实际缴费基数缴纳"}
for i, k in enumerate(sorted(BUDGET), 1):
    g = gexp(fn.vals[k])
    b = BUDGET[k]
    cmp = "大于" if g > b else "小于"
    add(f"{i}.{label[k[:3]]}{label[k[:5]]}{fn.names[k]}（项）。年初预算为{w(b)}万元，支出决算为{w(g)}万元，"
        f"完成年初预算的{pct(g, b)}%。决算数{cmp}年初预算数的主要原因是{why[k]}。")
add("七、一般公共预算财政拨款基本支出决算情况说明")
add(f"2024年度一般公共预算财政拨款基本支出{w(PERS + PUBL)}万元，其中：人员经费{w(PERS)}万元，主要包括基本工资、"
    f"津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、"
    f"其他社会保障缴费、住房公积金、其他工资福利支出、退休费、生活补助、奖励金；公用经费{w(PUBL)}万元，"
    f"主要包括办公费、印刷费、水费、电费、邮电费、物业管理费、差旅费、维修（护）费、培训费、公务接待费、"
    f"专用材料费、劳务费、工会经费、福利费、公务用车运行维护费、其他交通费用、其他商品和服务支出、办公设备购置。")
add("八、财政拨款“三公”经费支出决算情况说明")
add("（一）“三公”经费财政拨款支出决算总体情况说明")
b7, a7, p7 = sg(SG_B), sg(SG_A), sg(SG_P)
add(f"2024年度“三公”经费财政拨款支出年初预算为{w(b7[0])}万元，支出决算为{w(a7[0])}万元，完成预算的"
    f"{pct(a7[0], b7[0])}%，其中：因公出国（境）费支出决算为{w(a7[1])}万元，与预算持平；公务用车购置及运行维护费"
    f"支出决算为{w(a7[2])}万元，完成预算的{pct(a7[2], b7[2])}%；公务接待费支出决算为{w(a7[5])}万元，完成预算的"
    f"{pct(a7[5], b7[5])}%。决算数小于预算数的主要原因是严格落实中央八项规定精神，公务用车实行集中调度，"
    "压减公务接待批次。")
add(f"2024年度“三公”经费财政拨款支出决算数比2023年度{chg_w(a7[0], p7[0])}，其中：因公出国（境）费支出决算与上年持平；"
    f"公务用车购置及运行维护费支出决算{chg_w(a7[2], p7[2])}；公务接待费支出决算{chg_w(a7[5], p7[5])}。"
    "公务用车购置及运行维护费支出减少的主要原因是1辆服役超过12年的采样车停驶待报废，燃料和维修费用相应减少；"
    "公务接待费支出减少的主要原因是上级业务督导更多采用视频方式开展。")
add("（二）“三公”经费财政拨款支出决算具体情况说明")
add(f"2024年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算{w(a7[1])}万元，占{pct(a7[1], a7[0])}%；"
    f"公务用车购置及运行维护费支出决算{w(a7[2])}万元，占{pct(a7[2], a7[0])}%；公务接待费支出决算{w(a7[5])}万元，"
    f"占{pct(a7[5], a7[0])}%。具体情况如下：")
add(f"1.因公出国（境）费支出{w(a7[1])}万元。全年未安排因公出国（境）团组。")
add(f"2.公务用车购置及运行维护费支出{w(a7[2])}万元。其中：公务用车购置支出{w(a7[3])}万元，本年未购置公务用车；"
    f"公务用车运行维护支出{w(a7[4])}万元，主要用于疫情监测采样、流行病学调查和疫苗冷链配送等工作所需公务用车的"
    "燃料费、维修费、过路过桥费和保险费。2024年，本单位开支财政拨款的公务用车保有量为6辆。")
add(f"3.公务接待费支出{w(a7[5])}万元。其中：国内公务接待支出{w(a7[5])}万元（含外宾接待支出0.00万元），主要用于"
    "接待上级业务督导和兄弟单位交流考察，共接待国内公务接待9批次、63人次，其中接待外宾0批次、0人次。")
add("九、政府性基金预算财政拨款收入支出决算情况说明")
add("本单位2024年度无政府性基金预算财政拨款收入、支出及结转和结余，附表8为空表。")
add("十、国有资本经营预算财政拨款收入支出决算情况说明")
add("本单位2024年度无国有资本经营预算财政拨款收入、支出及结转和结余，附表9为空表。")
add("十一、预算绩效管理情况")
perf = [("重大公共卫生服务项目", c("2322880.50"), fn.vals["2100409"]["pg"], "94.50"),
        ("基本公共卫生服务项目", c("1500000.00"), fn.vals["2100408"]["pg"], "96.00"),
        ("突发公共卫生事件应急处置项目", c("418900.00"), fn.vals["2100410"]["pg"], "98.00"),
        ("检验检测设备运行维护项目", c("320000.00"), fn.vals["2100401"]["po"], "92.00")]
ptot_b = sum(x[1] for x in perf)
ptot_a = sum(x[2] for x in perf)
add(f"2024年度本单位对{len(perf)}个项目开展了绩效自评，涉及全年预算数{w(ptot_b)}万元，全年执行数{w(ptot_a)}万元。"
    "各项目自评情况如下：")
for i, (nm, b, a, score) in enumerate(perf, 1):
    add(f"{i}.{nm}：全年预算数{w(b)}万元，全年执行数{w(a)}万元，执行率{pct(a, b)}%，自评得分{score}分。")
add("重大公共卫生服务项目未执行完毕的8.64万元为免疫规划冷链设备尾款，已结转至2025年继续使用。")
add("十二、其他重要事项的情况说明")
add("（一）机关运行经费支出情况")
add(f"本单位为公益一类事业单位，不属于行政单位和参照公务员法管理的事业单位，2024年度无机关运行经费支出。"
    f"2024年度一般公共预算财政拨款公用经费支出{w(PUBL)}万元，比2023年度{chg_w(PUBL, PREV['publ'])}。")
add("（二）政府采购支出情况")
add("2024年度政府采购支出总额42.87万元，其中：政府采购货物支出26.84万元、政府采购工程支出0.00万元、"
    "政府采购服务支出16.03万元。授予中小企业合同金额35.20万元，占政府采购支出总额的82.11%，"
    "其中：授予小微企业合同金额28.65万元，占政府采购支出总额的66.83%。")
add("（三）国有资产占有使用情况")
add("截至2024年12月31日，本单位共有车辆6辆，其中：主要领导干部用车0辆、机要通信用车0辆、应急保障用车2辆、"
    "执法执勤用车0辆、特种专业技术用车4辆、离退休干部服务用车0辆、其他用车0辆。"
    "单价100万元（含）以上设备（不含车辆）2台（套），为气相色谱-质谱联用仪和电感耦合等离子体质谱仪。")
add("十三、名词解释")
for s in ["1.财政拨款收入：指单位本年度从同级财政部门取得的财政拨款。",
          "2.事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
          "3.其他收入：指单位取得的除上述收入以外的各项收入，主要是存款利息收入等。",
          "4.年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
          "5.年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
          "6.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
          "7.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
          "8.“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
          "9.机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"]:
    add(s)
add("联系人：林雅琴　联系电话：0598-5812307")
# rounded 万元 figures in the prose must add up as the tables do
Y = yuan_to_wan
assert Y(a7[2]) + Y(a7[5]) + Y(a7[1]) == Y(a7[0])
assert sum(Y(gexp(fn.vals[k])) for k in ("210", "208", "221")) == Y(GEXP)
assert Y(PERS) + Y(PUBL) == Y(PERS + PUBL)
assert Y(BASIC) + Y(PROJ) == Y(SPEND)
assert Y(GINC) + Y(SYSR) + Y(QTSR) == Y(INC)
assert Y(INC) + Y(JZ0_F + JZ0_O) == Y(TOTAL) and Y(SPEND) + Y(JZ1_F + JZ1_O) == Y(TOTAL)
assert Y(GINC) + Y(JZ0_F) == Y(FT) and Y(GEXP) + Y(JZ1_F) == Y(FT)
assert sum(Y(x[1]) for x in perf) == Y(ptot_b) and sum(Y(x[2]) for x in perf) == Y(ptot_a)
ws = wb.create_sheet("说明")
ws.column_dimensions["A"].width = 120
for i, s in enumerate(P, 1):
    ws.cell(i, 1, s).alignment = Alignment(wrap_text=True, vertical="top")

wb.save(OUT)
print("wrote", OUT)
print("TOTAL", fmt(TOTAL), "INC", fmt(INC), "SPEND", fmt(SPEND), "BASIC", fmt(BASIC), "PROJ", fmt(PROJ),
      "GEXP", fmt(GEXP), "GINC", fmt(GINC), "PERS", fmt(PERS), "PUBL", fmt(PUBL),
      "bg_2100401", fmt(bg_2100401), "BUDGET_T", fmt(BUDGET_T))
