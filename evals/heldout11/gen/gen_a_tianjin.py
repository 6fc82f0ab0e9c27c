"""Family A: 天津市临沽区水务局 2025年部门预算 (invented), as the text a
PDF-to-text converter WITHOUT layout gives: every table cell on its own line
(empty cells dropped), the 科目编码 on one line and the 科目名称 on the next;
in two tables the name line is followed by one line holding all the numbers.
Page footers `— n —`; a table continued on the next page repeats its header.
Prose is wrapped at a fixed measure.  Amounts in 万元 with thousands
separators.  Everything is computed from the data model below.

The district (临沽区), the bureau, its units, people and phone numbers are
made up.  Run: python gen_a_tianjin.py  -> ../docs/tj-lgq-swj-2025-bmys.txt
"""
import os
from common import Tree, fmt, c, pct, wrap_prose

OUT = os.path.join(os.path.dirname(__file__), "..", "docs", "tj-lgq-swj-2025-bmys.txt")
DEPT = "天津市临沽区水务局"
SHORT = "临沽区水务局"
PAGE_LINES = 60

# ---------------------------------------------------------------- data model
# economic classification of the (all 一般公共预算) basic expenditure, 万元
ECON = [
    ("30101", "基本工资", "p", "412.36"),
    ("30102", "津贴补贴", "p", "286.54"),
    ("30103", "奖金", "p", "98.20"),
    ("30107", "绩效工资", "p", "356.80"),
    ("30108", "机关事业单位基本养老保险缴费", "p", "198.64"),
    ("30109", "职业年金缴费", "p", "99.32"),
    ("30110", "职工基本医疗保险缴费", "p", "102.75"),
    ("30112", "其他社会保障缴费", "p", "14.26"),
    ("30113", "住房公积金", "p", "118.96"),
    ("30199", "其他工资福利支出", "p", "21.40"),
    ("30201", "办公费", "g", "28.60"),
    ("30205", "水费", "g", "6.20"),
    ("30206", "电费", "g", "18.90"),
    ("30207", "邮电费", "g", "7.35"),
    ("30211", "差旅费", "g", "5.80"),
    ("30213", "维修（护）费", "g", "16.40"),
    ("30216", "培训费", "g", "3.20"),
    ("30217", "公务接待费", "g", "2.40"),
    ("30228", "工会经费", "g", "22.18"),
    ("30229", "福利费", "g", "26.40"),
    ("30231", "公务用车运行维护费", "g", "18.60"),
    ("30239", "其他交通费用", "g", "31.68"),
    ("30299", "其他商品和服务支出", "g", "9.85"),
    ("30301", "离休费", "p", "8.64"),
    ("30302", "退休费", "p", "56.31"),
    ("30399", "其他对个人和家庭的补助", "p", "35.40"),
]
ECON_NAMES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助"}
econ = Tree(ECON_NAMES,
            [(k, n, {"t": c(v), "p": c(v) if t == "p" else 0, "g": c(v) if t == "g" else 0})
             for k, n, t, v in ECON],
            ["t", "p", "g"], code_lens=(3, 5))
E = {k: c(v) for k, _, _, v in ECON}

# function classification; columns: basic (all 一般公共预算),
# project by source: gp 一般公共预算, gf 政府性基金, oth 其他收入, jz 上年结转
FNAMES = {
    "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
    "210": "卫生健康支出", "21011": "行政事业单位医疗",
    "212": "城乡社区支出", "21214": "污水处理费安排的支出",
    "213": "农林水支出", "21303": "水利",
    "221": "住房保障支出", "22102": "住房改革支出",
}
retire = E["30301"] + E["30302"]
FLEAVES = [
    ("2080501", "行政单位离退休", {"b": c("46.20")}),
    ("2080502", "事业单位离退休", {"b": retire - c("46.20")}),
    ("2080505", "机关事业单位基本养老保险缴费支出", {"b": E["30108"]}),
    ("2080506", "机关事业单位职业年金缴费支出", {"b": E["30109"]}),
    ("2101101", "行政单位医疗", {"b": c("40.18")}),
    ("2101102", "事业单位医疗", {"b": E["30110"] - c("40.18")}),
    ("2121401", "污水处理设施建设和运营", {"gf": c("1260.00")}),
    ("2130301", "行政运行", {"b": None}),            # residual, below
    ("2130302", "一般行政管理事务", {"gp": c("85.60")}),
    ("2130304", "水利行业业务管理", {"gp": c("146.30")}),
    ("2130306", "水利工程运行与维护", {"gp": c("2318.40")}),
    ("2130311", "水资源节约管理与保护", {"gp": c("96.00")}),
    ("2130314", "防汛", {"gp": c("420.00")}),
    ("2130350", "事业运行", {"b": c("918.75")}),
    ("2130399", "其他水利支出", {"gp": c("78.00"), "oth": c("24.00"), "jz": c("36.00")}),
    ("2210201", "住房公积金", {"b": E["30113"]}),
    ("2210203", "购房补贴", {"b": E["30399"]}),
]
basic_total = econ.total["t"]
assigned = sum(v.get("b") or 0 for _, _, v in FLEAVES)
for code, name, v in FLEAVES:
    if code == "2130301":
        v["b"] = basic_total - assigned
COLS = ["b", "gp", "gf", "oth", "jz"]
fn = Tree(FNAMES, [(k, n, {x: v.get(x, 0) or 0 for x in COLS}) for k, n, v in FLEAVES], COLS)


def tot(v):
    return sum(v[x] for x in COLS)


def proj(v):
    return v["gp"] + v["gf"] + v["oth"] + v["jz"]


def gpub(v):  # 一般公共预算 part of a row
    return v["b"] + v["gp"]


T = fn.total
TOTAL = tot(T)
BASIC = T["b"]
PROJ = proj(T)
GP = gpub(T)
GF = T["gf"]
OTH = T["oth"]
JZ = T["jz"]
PERS = econ.total["p"]
PUBL = econ.total["g"]
assert PERS + PUBL == BASIC

# previous year (2024 budget) figures used in the prose
PREV = {
    "total": c("6118.27"), "basic": c("1936.52"), "proj": c("4181.75"),
    "gp": c("4905.60"), "gf": c("1150.00"),
    "2130301": c("452.10"), "2130302": c("62.30"), "2130304": c("146.30"),
    "2130306": c("2132.00"), "2130311": c("80.00"), "2130314": c("460.00"),
    "2130350": c("905.40"), "2130399": c("90.00"),
    "jgyx": c("68.90"),
}
assert PREV["basic"] + PREV["proj"] == PREV["total"]
# 三公 (一般公共预算), 万元: (出国, 购置, 运行, 接待)
SG25 = dict(cg=c("0.00"), gz=c("28.00"), yx=E["30231"], jd=E["30217"])
SG24 = dict(cg=c("0.00"), gz=c("0.00"), yx=c("21.30"), jd=c("3.00"))
JGYX = c("71.26")   # 机关运行经费: 本级行政单位公用经费 only


def sg_row(s):
    car = s["gz"] + s["yx"]
    return [s["cg"] + car + s["jd"], s["cg"], car, s["gz"], s["yx"], s["jd"]]


# ---------------------------------------------------------------- rendering
class Doc:
    def __init__(self):
        self.pages = [[]]
        self.header = None  # header lines repeated on continuation pages

    def line(self, s):
        if len(self.pages[-1]) >= PAGE_LINES:
            self.new_page(cont=True)
        self.pages[-1].append(s)

    def lines(self, ls):
        for s in ls:
            self.line(s)

    def new_page(self, cont=False):
        self.pages.append([])
        if cont and self.header:
            for h in self.header:
                self.pages[-1].append(h)

    def block(self, ls):
        """keep a small group of lines (one table row) on one page"""
        if len(self.pages[-1]) + len(ls) > PAGE_LINES:
            self.new_page(cont=True)
        for s in ls:
            self.pages[-1].append(s)

    def text(self):
        out = []
        for i, p in enumerate(self.pages, 1):
            out.extend(p)
            out.append(f"— {i} —")
        return "\n".join(out) + "\n"


doc = Doc()
W = doc.line


def para(s):
    for ln in wrap_prose(s, 40):
        W(ln)


def start_table(title, header):
    doc.header = None
    if doc.pages[-1]:
        doc.new_page()
    W(title)
    W(f"部门：{DEPT}")
    W("单位：万元")
    doc.lines(header)
    doc.header = header


def end_table():
    doc.header = None


def nums(vals, keep_zero=False):
    return [fmt(v) for v in vals if v or keep_zero]


# ---- cover and contents
W(DEPT)
W("2025年部门预算")
W("二〇二五年二月")
doc.new_page()
W("目    录")
for s in ["第一部分 临沽区水务局概况", "一、部门主要职责", "二、部门机构设置及人员情况",
          "第二部分 临沽区水务局2025年部门预算表",
          "一、部门收支总表", "二、部门收入总表", "三、部门支出总表", "四、财政拨款收支总表",
          "五、一般公共预算支出表", "六、一般公共预算基本支出表",
          "七、一般公共预算“三公”经费支出表", "八、政府性基金预算支出表",
          "九、国有资本经营预算支出表",
          "第三部分 临沽区水务局2025年部门预算情况说明", "第四部分 名词解释"]:
    W(s)
doc.new_page()

# ---- part 1
W("第一部分 临沽区水务局概况")
W("一、部门主要职责")
for s in [
    "临沽区水务局是区政府工作部门，负责全区水资源的合理开发利用和节约保护，组织实施河湖长制，"
    "负责区管河道、闸站、排涝泵站和堤防的运行管理，承担全区防汛抗旱和排水的日常工作，"
    "指导农村供水和坑塘水系治理，负责城镇污水处理设施运营的监督管理。",
    "主要职责包括：（一）贯彻执行国家和本市水务工作的法律法规和方针政策，拟订全区水务发展规划和年度计划；"
    "（二）负责全区水资源的统一管理和节约用水工作，落实最严格水资源管理制度；"
    "（三）负责区管水利工程的建设与运行管理；（四）承担区防汛抗旱指挥部的日常工作；"
    "（五）负责城镇排水和污水处理的监督管理；（六）完成区委、区政府交办的其他任务。",
]:
    para(s)
W("二、部门机构设置及人员情况")
for s in [
    "临沽区水务局部门预算由水务局本级和所属2个事业单位的预算组成，包括：临沽区水务局（本级，行政单位）、"
    "临沽区河道管理所（公益一类事业单位）、临沽区排水管理所（公益一类事业单位）。"
    "水务局本级内设6个科室：办公室、规划计划科、水资源管理科（节约用水办公室）、河湖管理科、"
    "工程建设与运行管理科、水旱灾害防御科。",
    "本部门编制96名，其中行政编制28名、事业编制68名；年末实有在职人员88人，"
    "离退休人员43人，其中离休2人、退休41人。",
]:
    para(s)

# ---- table 1 部门收支总表
INC_LEFT = [
    ("一、一般公共预算拨款收入", GP), ("二、政府性基金预算拨款收入", GF),
    ("三、国有资本经营预算拨款收入", 0), ("四、财政专户管理资金收入", 0),
    ("五、事业收入", 0), ("六、事业单位经营收入", 0), ("七、上级补助收入", 0),
    ("八、附属单位上缴收入", 0), ("九、其他收入", OTH),
]
CLASSES = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
           "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出",
           "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
           "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出",
           "住房保障支出", "粮油物资储备支出", "灾害防治及应急管理支出", "其他支出"]
CN = "一二三四五六七八九十"


def cn_num(i):
    if i <= 10:
        return CN[i - 1]
    if i < 20:
        return "十" + CN[i - 11]
    if i % 10 == 0:
        return CN[i // 10 - 1] + "十"
    return CN[i // 10 - 1] + "十" + CN[i % 10 - 1]


class_amt = {fn.names[k]: tot(fn.vals[k]) for k in fn.vals if len(k) == 3}
start_table("2025年部门收支总表", ["收入", "支出", "项目", "预算数", "项目", "预算数"])
for i, cls in enumerate(CLASSES, 1):
    row = []
    if i <= len(INC_LEFT):
        nm, v = INC_LEFT[i - 1]
        row.append(nm)
        if v:
            row.append(fmt(v))
    row.append(f"{cn_num(i)}、{cls}")
    if class_amt.get(cls):
        row.append(fmt(class_amt[cls]))
    doc.block(row)
doc.block(["本年收入合计", fmt(TOTAL - JZ), "本年支出合计", fmt(TOTAL)])
doc.block(["上年结转结余", fmt(JZ), "年末结转结余"])
doc.block(["收入总计", fmt(TOTAL), "支出总计", fmt(TOTAL)])
end_table()

# ---- table 2 部门收入总表
# columns: 合计, 上年结转, 一般公共预算拨款, 政府性基金预算拨款, 国有资本经营预算拨款,
#          财政专户管理资金, 事业收入, 事业单位经营收入, 其他收入
def inc_vec(v):
    return [tot(v), v["jz"], gpub(v), v["gf"], 0, 0, 0, 0, v["oth"]]


start_table("2025年部门收入总表", ["科目编码", "科目名称", "合计", "上年结转", "一般公共预算拨款",
                               "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金",
                               "事业收入", "事业单位经营收入", "其他收入"])
doc.block(["合计"] + nums(inc_vec(T)))
for code, name, v in fn.rows():
    doc.block([code, name] + nums(inc_vec(v)))
end_table()

# ---- table 3 部门支出总表
start_table("2025年部门支出总表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
doc.block(["合计"] + nums([TOTAL, BASIC, PROJ]))
for code, name, v in fn.rows():
    doc.block([code, name] + nums([tot(v), v["b"], proj(v)]))
end_table()

# ---- table 4 财政拨款收支总表
fin_classes = [(k, fn.names[k], fn.vals[k]) for k in sorted(fn.vals) if len(k) == 3]
start_table("2025年财政拨款收支总表", ["收入", "支出", "项目", "预算数", "项目", "合计",
                                  "一般公共预算", "政府性基金预算", "国有资本经营预算"])
left = [("一、本年收入", GP + GF), ("（一）一般公共预算拨款", GP), ("（二）政府性基金预算拨款", GF),
        ("（三）国有资本经营预算拨款", 0), ("二、上年结转", 0), ("（一）一般公共预算拨款", 0),
        ("（二）政府性基金预算拨款", 0), ("（三）国有资本经营预算拨款", 0)]
right = []
for i, cls in enumerate(CLASSES, 1):
    k = [x for x in fn.vals if len(x) == 3 and fn.names[x] == cls]
    v = fn.vals[k[0]] if k else None
    vals = [gpub(v) + v["gf"], gpub(v), v["gf"], 0] if v else []
    right.append((f"{cn_num(i)}、{cls}", vals))
for i in range(max(len(left), len(right))):
    row = []
    if i < len(left):
        row.append(left[i][0])
        if left[i][1]:
            row.append(fmt(left[i][1]))
    if i < len(right):
        row.append(right[i][0])
        row += nums(right[i][1])
    doc.block(row)
doc.block(["收入总计", fmt(GP + GF), "支出总计"] + nums([GP + GF, GP, GF, 0]))
end_table()

# ---- table 5 一般公共预算支出表 (code+name on one line, numbers on the next)
start_table("2025年一般公共预算支出表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
doc.block(["合计", " ".join(nums([GP, BASIC, T["gp"]]))])
for code, name, v in fn.rows():
    if gpub(v) == 0:
        continue
    doc.block([f"{code} {name}", " ".join(nums([gpub(v), v["b"], v["gp"]]))])
end_table()

# ---- table 6 一般公共预算基本支出表
start_table("2025年一般公共预算基本支出表", ["科目编码", "科目名称", "合计", "人员经费", "公用经费"])
doc.block(["合计"] + nums([BASIC, PERS, PUBL]))
for code, name, v in econ.rows():
    doc.block([code, name] + nums([v["t"], v["p"], v["g"]]))
end_table()

# ---- table 7 三公 (row label, then one line with all six numbers incl. 0.00)
start_table("2025年一般公共预算“三公”经费支出表",
            ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "小计", "公务用车购置费",
             "公务用车运行费", "公务接待费"])
doc.block(["2024年预算数", " ".join(fmt(x) for x in sg_row(SG24))])
doc.block(["2025年预算数", " ".join(fmt(x) for x in sg_row(SG25))])
end_table()

# ---- table 8 政府性基金预算支出表
start_table("2025年政府性基金预算支出表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
doc.block(["合计"] + nums([GF, 0, GF]))
for code, name, v in fn.rows():
    if v["gf"]:
        doc.block([code, name] + nums([v["gf"], 0, v["gf"]]))
end_table()

# ---- table 9 国有资本经营预算支出表
start_table("2025年国有资本经营预算支出表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
W("合计")
W("本部门2025年无国有资本经营预算拨款安排的支出，本表为空表。")
end_table()

# ---------------------------------------------------------------- prose
doc.new_page()


def chg(now, prev, unit="万元"):
    d = now - prev
    if d == 0:
        return "与上年持平"
    word = "增加" if d > 0 else "减少"
    word2 = "增长" if d > 0 else "下降"
    return f"比2024年{word}{fmt(abs(d))}{unit}，{word2}{pct(abs(d), prev)}%"


W("第三部分 临沽区水务局2025年部门预算情况说明")
W("一、收支预算总体情况")
para(f"2025年，{SHORT}收入预算{fmt(TOTAL)}万元，其中：一般公共预算拨款收入{fmt(GP)}万元，"
     f"政府性基金预算拨款收入{fmt(GF)}万元，其他收入{fmt(OTH)}万元，上年结转结余{fmt(JZ)}万元。"
     f"支出预算{fmt(TOTAL)}万元，其中：基本支出{fmt(BASIC)}万元，占{pct(BASIC, TOTAL)}%；"
     f"项目支出{fmt(PROJ)}万元，占{pct(PROJ, TOTAL)}%。")
para(f"收支预算总额{chg(TOTAL, PREV['total'])}，主要原因是区管闸站泵站自动化监控系统建成后"
     f"运行维护范围扩大，以及新建污水处理厂投入运营后运营费用增加。其中基本支出{chg(BASIC, PREV['basic'])}，"
     f"主要是人员正常晋级晋档；项目支出{chg(PROJ, PREV['proj'])}。")
W("二、一般公共预算拨款支出预算情况")
para(f"2025年一般公共预算拨款支出预算{fmt(GP)}万元，{chg(GP, PREV['gp'])}。"
     f"其中：基本支出{fmt(BASIC)}万元，项目支出{fmt(T['gp'])}万元。主要支出科目情况如下：")
items = [
    ("2130301", "农林水支出（类）水利（款）行政运行（项）", "主要是人员经费正常增长"),
    ("2130302", "农林水支出（类）水利（款）一般行政管理事务（项）", "主要是安排更新1辆应急保障用车"),
    ("2130304", "农林水支出（类）水利（款）水利行业业务管理（项）", "主要用于河湖长制巡河、水质监测和考核"),
    ("2130306", "农林水支出（类）水利（款）水利工程运行与维护（项）", "主要是新增5座闸站纳入自动化监控运维范围"),
    ("2130311", "农林水支出（类）水利（款）水资源节约管理与保护（项）", "主要是开展节水型单位和节水型小区创建"),
    ("2130314", "农林水支出（类）水利（款）防汛（项）", "主要是上年已完成防汛物资集中补充，本年相应压减"),
    ("2130350", "农林水支出（类）水利（款）事业运行（项）", "主要是事业单位人员经费正常增长"),
    ("2130399", "农林水支出（类）水利（款）其他水利支出（项）", "主要是农村坑塘水系治理任务减少"),
]
for i, (code, label, why) in enumerate(items, 1):
    now = gpub(fn.vals[code])
    para(f"{i}.{label}{fmt(now)}万元，{chg(now, PREV[code])}，{why}。")
para(f"{len(items) + 1}.社会保障和就业支出（类）{fmt(gpub(fn.vals['208']))}万元，主要用于离退休人员经费和"
     f"机关事业单位基本养老保险、职业年金缴费；卫生健康支出（类）{fmt(gpub(fn.vals['210']))}万元，"
     f"主要用于基本医疗保险缴费；住房保障支出（类）{fmt(gpub(fn.vals['221']))}万元，主要用于住房公积金和购房补贴。")
W("三、一般公共预算基本支出情况")
para(f"2025年一般公共预算基本支出{fmt(BASIC)}万元，其中：人员经费{fmt(PERS)}万元，主要包括基本工资、"
     f"津贴补贴、奖金、绩效工资、社会保障缴费、住房公积金、离退休费等；公用经费{fmt(PUBL)}万元，"
     f"主要包括办公费、水电费、邮电费、差旅费、维修（护）费、工会经费、福利费、公务用车运行维护费等。")
W("四、政府性基金预算支出情况")
para(f"2025年政府性基金预算拨款支出预算{fmt(GF)}万元，{chg(GF, PREV['gf'])}，"
     f"全部为城乡社区支出（类）污水处理费安排的支出（款）污水处理设施建设和运营（项），"
     f"主要用于临沽区第二污水处理厂和北塘排水分区管网的运营维护。")
W("五、国有资本经营预算支出情况")
para("本部门2025年无国有资本经营预算拨款安排的支出。")
W("六、“三公”经费预算情况")
s25, s24 = sg_row(SG25), sg_row(SG24)
para(f"2025年一般公共预算“三公”经费预算{fmt(s25[0])}万元，{chg(s25[0], s24[0])}。其中：因公出国（境）费"
     f"{fmt(SG25['cg'])}万元，与上年持平，本部门2025年未安排因公出国（境）团组；公务用车购置费"
     f"{fmt(SG25['gz'])}万元，比2024年增加{fmt(SG25['gz'] - SG24['gz'])}万元，主要原因是1辆防汛应急保障用车"
     f"已使用16年、达到报废标准，按规定更新；公务用车运行费{fmt(SG25['yx'])}万元，{chg(SG25['yx'], SG24['yx'])}，"
     f"主要原因是推行车辆集中调度、严格油耗和维修管理；公务接待费{fmt(SG25['jd'])}万元，"
     f"{chg(SG25['jd'], SG24['jd'])}，主要原因是严格执行公务接待标准、压减接待批次。")
W("七、机关运行经费预算情况")
para(f"2025年本部门机关运行经费预算{fmt(JGYX)}万元，{chg(JGYX, PREV['jgyx'])}，主要原因是办公用房"
     f"物业和取暖面积调整。机关运行经费仅指水务局本级（行政单位）的公用经费，所属2个事业单位的公用经费未计入。")
W("八、政府采购预算情况")
para("2025年本部门政府采购预算1,532.60万元，其中：政府采购货物预算212.40万元、政府采购工程预算986.00万元、"
     "政府采购服务预算334.20万元。本部门面向中小企业预留政府采购项目预算金额1,205.00万元，"
     "其中预留给小型和微型企业的政府采购项目预算金额860.00万元。")
W("九、国有资产占有使用情况")
para("截至2024年12月31日，本部门共有车辆12辆，其中：主要领导干部用车0辆、机要通信用车0辆、"
     "应急保障用车5辆、执法执勤用车2辆、特种专业技术用车4辆、离退休干部服务用车0辆、其他用车1辆；"
     "单价100万元（含）以上设备（不含车辆）3台（套）。2025年部门预算安排购置车辆1辆，为应急保障用车；"
     "安排购置单价100万元（含）以上设备0台（套）。")
W("十、预算绩效目标情况")
projects = [
    ("2130306", "水利工程运行维护经费",
     "主要用于全区12座闸站、9座排涝泵站和46.8公里堤防的日常运行、维修养护和自动化监控运维",
     "闸站泵站设备完好率≥95%，堤防巡查覆盖率100%，汛期排涝泵站开机响应时间≤30分钟"),
    ("2121401", "污水处理设施运营经费",
     "主要用于临沽区第二污水处理厂（设计规模4万立方米/日）和北塘排水分区管网的运营维护",
     "出水水质达标率100%，管网清淤长度≥60公里"),
    ("2130314", "防汛抗旱专项经费",
     "主要用于防汛物资储备、抢险队伍演练和汛期值守",
     "防汛物资储备完好率≥98%，开展防汛演练≥3次"),
    ("2130304", "河湖长制工作经费",
     "主要用于河湖巡查、水质监测和河湖长制考核",
     "区级河道巡查频次≥每周1次，重点断面水质监测每月1次"),
    ("2130399", "农村坑塘水系治理经费",
     "主要用于清淤整治农村坑塘和连通沟渠",
     "完成坑塘治理≥14个"),
    ("2130311", "节水型社会建设经费",
     "主要用于节水型单位、节水型小区创建和节水宣传",
     "新创建节水型单位≥20家、节水型小区≥8个"),
    ("2130302", "机关综合业务经费",
     "主要用于信息化运维、档案整理和更新1辆应急保障用车",
     "公务用车更新1辆，信息系统正常运行率≥99%"),
]
para(f"2025年本部门实行绩效目标管理的项目{len(projects)}个，涉及预算金额{fmt(PROJ)}万元，主要项目如下：")
for i, (code, name, use, goal) in enumerate(projects):
    amt = proj(fn.vals[code])
    para(f"（{CN[i]}）{name}。预算安排{fmt(amt)}万元，{use}。绩效目标：{goal}。")
W("十一、其他需要说明的事项")
para("本部门联系人：郑立群，联系电话：022-27316658。")
W("第四部分 名词解释")
for s in [
    "一、一般公共预算拨款收入：指区级财政当年拨付的一般公共预算资金。",
    "二、政府性基金预算拨款收入：指区级财政当年拨付的政府性基金预算资金，本部门为污水处理费安排的资金。",
    "三、上年结转结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "四、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    "五、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "六、“三公”经费：指用一般公共预算拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "七、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
]:
    para(s)

with open(OUT, "w", encoding="utf-8") as f:
    f.write(doc.text())
print("wrote", OUT, "total", fmt(TOTAL), "basic", fmt(BASIC), "proj", fmt(PROJ), "gp", fmt(GP))
