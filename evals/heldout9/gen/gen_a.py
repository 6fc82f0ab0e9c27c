"""Writes docs/jx-swdd-2025-bmys.txt: 江西省水网调度管理局 2025年部门预算, copied from a web page.
Each table row is one line; cells are separated by single spaces (empty cells vanish) or by
full-width spaces U+3000 (empty cells kept as an empty field). Units: 万元."""
import sys
from util import D, S, q2, fmt, pct, growth, Facts
from model_a import *

FW = '\u3000'
rows = build()
F = Facts()
OUT = sys.argv[1] if len(sys.argv) > 1 else 'jx-swdd-2025-bmys.txt'
L = []
def P(s=''):
    L.append(s)
def sp(*cells):      # single-space row, empty cells vanish
    return ' '.join(str(c) for c in cells if c not in (None, ''))
def fw(*cells):      # full-width-space row, empty cells kept
    return FW.join('' if c is None else str(c) for c in cells)
def n(x):
    return '' if x is None or D(x) == 0 else fmt(x)

DEPT = '江西省水网调度管理局'
U = {u: name for u, name, _ in UNITS}

# ---------- aggregates ----------
tot = agg(rows)
basic = agg(rows, kind='basic'); proj = agg(rows, kind='proj')
src = {s: agg(rows, src=s) for s in ['gpb', 'fund', 'carry', 'biz', 'other']}
this_year_income = src['gpb'] + src['fund'] + src['biz'] + src['other']
fiscal_total = src['gpb'] + src['fund'] + src['carry']
gpb_basic = agg(rows, src='gpb', kind='basic'); gpb_proj = agg(rows, src='gpb', kind='proj')
ry = {u: sum(D(v) for k, v in ECON_BASIC[u].items() if not k.startswith('302')) for u in ECON_BASIC}
gy = {u: sum(D(v) for k, v in ECON_BASIC[u].items() if k.startswith('302')) for u in ECON_BASIC}
RY = sum(ry.values()); GY = sum(gy.values())
assert RY + GY == gpb_basic
LEI = ['208', '210', '213', '221']

# previous year (2024 预算)
Y24 = dict(total=D('4102.36'), gpb=D('3812.64'), fund=D('0'), biz=D('65.00'), other=D('20.00'), carry=D('204.72'),
           basic=D('1543.04'), proj=None, gpb_basic=D('1515.04'), gpb_proj=None, jgyx=D('148.90'))
Y24['proj'] = Y24['total'] - Y24['basic']
Y24['gpb_proj'] = Y24['gpb'] - Y24['gpb_basic']
assert Y24['gpb'] + Y24['fund'] + Y24['biz'] + Y24['other'] + Y24['carry'] == Y24['total']
XIANG24 = {'2130301': D('601.20'), '2130302': D('0'), '2130304': D('380.00'), '2130306': D('925.00'),
           '2130308': D('802.60'), '2130314': D('190.00'), '2130350': D('448.30')}
LEI24 = {'208': D('301.20'), '210': D('70.10'), '221': D('94.24')}
LEI24['213'] = sum(XIANG24.values())
assert sum(LEI24.values()) == Y24['gpb']
assert sum(v for k, v in XIANG24.items() if k in ('2130301', '2130350')) + LEI24['208'] + LEI24['210'] + LEI24['221'] == Y24['gpb_basic']

sg = {u: tuple(D(x) for x in SANGONG[u]) for u in SANGONG}
sg_tot = tuple(sum(sg[u][i] for u in sg) for i in range(4))  # 出国 接待 购置 运行
sg24 = tuple(D(x) for x in SANGONG_2024)
def sg_sum(t): return t[0] + t[1] + t[2] + t[3]
# consistency with the economic table
assert sg_tot[1] == sum(D(ECON_BASIC[u].get('30217', '0')) for u in ECON_BASIC)
assert sg_tot[3] == sum(D(ECON_BASIC[u].get('30231', '0')) for u in ECON_BASIC)
assert sg_tot[0] == sum(D(ECON_BASIC[u].get('30212', '0')) for u in ECON_BASIC)

def chg(new, old, unit='万元'):
    d = new - old
    if d > 0: return f'比上年预算增加{fmt(d)}{unit}，增长{growth(new, old)}%'
    if d < 0: return f'比上年预算减少{fmt(-d)}{unit}，下降{fmt(-growth(new, old))}%'
    return '与上年预算持平'

# ---------- page chrome ----------
P('当前位置：首页 > 政务公开 > 财政资金 > 部门预决算')
P('江西省水网调度管理局2025年部门预算公开')
P('发布日期：2025-02-14　　来源：江西省水网调度管理局办公室　　【字体：大 中 小】')
P('')
P('目录')
P('一、部门主要职能')
P('二、部门机构设置及预算单位构成')
P('三、2025年部门预算收支情况说明')
P('四、其他重要事项说明')
P('五、名词解释')
P('六、2025年部门预算公开表（表1-1至表4）')
P('')
P('一、部门主要职能')
P('江西省水网调度管理局是省水利厅管理的副厅级行政机构，承担全省骨干水网的统一调度、运行监测和防汛值守等职责。主要职能是：')
P('（一）组织编制全省骨干水网年度调度计划，统筹湖区、河道和调蓄工程的联合调度。')
P('（二）承担全省水雨情自动监测站网的建设、运行和维护管理，发布水网运行信息。')
P('（三）负责鄱北调蓄工程及其库区设施的运行管理和安全监测。')
P('（四）承担鄱阳湖区汛期防汛值守、会商研判和调度指令下达工作。')
P('（五）完成省委、省政府交办的其他任务。')
P('')
P('二、部门机构设置及预算单位构成')
P('本局机关内设办公室、规划计划处、调度运行处、监测预警处、工程管理处、防汛值守处、财务审计处、人事处8个处室。')
P(f'纳入本部门2025年部门预算编制范围的预算单位共3个，其中：行政单位1个，事业单位2个，分别是：{U["101001"]}（行政单位）、{U["101002"]}（公益一类事业单位）、{U["101003"]}（公益二类事业单位）。')
bz = sum(v[0] for v in PERSONNEL.values()); zz = sum(v[1] for v in PERSONNEL.values()); tx = sum(v[2] for v in PERSONNEL.values())
P(f'截至2024年底，本部门编制{bz}名，实有在职人员{zz}人，其中机关{PERSONNEL["101001"][1]}人、监测中心{PERSONNEL["101002"][1]}人、鄱北中心{PERSONNEL["101003"][1]}人；离退休人员{tx}人。')
F['personnel'] = dict(bz=bz, zz=zz, tx=tx, per_unit=PERSONNEL)
P('')
P('三、2025年部门预算收支情况说明')
P('（一）收支预算总体情况')
P(f'按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理。2025年收入总预算{fmt(tot)}万元，支出总预算{fmt(tot)}万元，{chg(tot, Y24["total"])}，主要原因是鄱北调蓄工程运行维护和水文测报经费增加，新增库区基础设施维护政府性基金项目。')
P('（二）收入预算情况')
P(f'2025年本部门收入预算{fmt(tot)}万元，其中：本年收入{fmt(this_year_income)}万元，上年结转{fmt(src["carry"])}万元。具体是：')
P(f'一般公共预算拨款收入{fmt(src["gpb"])}万元，占收入总计的{pct(src["gpb"], tot)}%，{chg(src["gpb"], Y24["gpb"])}；')
P(f'政府性基金预算拨款收入{fmt(src["fund"])}万元，占{pct(src["fund"], tot)}%，上年未安排；')
P(f'事业收入{fmt(src["biz"])}万元，占{pct(src["biz"], tot)}%，{chg(src["biz"], Y24["biz"])}；')
P(f'其他收入{fmt(src["other"])}万元，占{pct(src["other"], tot)}%，{chg(src["other"], Y24["other"])}；')
P(f'上年结转{fmt(src["carry"])}万元，占{pct(src["carry"], tot)}%，{chg(src["carry"], Y24["carry"])}，均为财政拨款结转。')
P('本部门无国有资本经营预算拨款收入、财政专户管理资金收入和事业单位经营收入。')
P('（三）支出预算情况')
P(f'2025年本部门支出预算{fmt(tot)}万元，其中：基本支出{fmt(basic)}万元，占{pct(basic, tot)}%，{chg(basic, Y24["basic"])}；项目支出{fmt(proj)}万元，占{pct(proj, tot)}%，{chg(proj, Y24["proj"])}。')
F['A'] = dict(tot=tot, basic=basic, proj=proj, src=src, this_year_income=this_year_income, fiscal_total=fiscal_total,
              gpb_basic=gpb_basic, gpb_proj=gpb_proj, RY=RY, GY=GY, ry=ry, gy=gy, Y24=Y24)
P('（四）财政拨款收支预算情况')
P(f'2025年本部门财政拨款收支预算{fmt(fiscal_total)}万元，其中：一般公共预算拨款{fmt(src["gpb"])}万元，政府性基金预算拨款{fmt(src["fund"])}万元，上年财政拨款结转{fmt(src["carry"])}万元。')
P('（五）一般公共预算当年拨款情况')
P(f'1．规模变化。2025年一般公共预算当年拨款{fmt(src["gpb"])}万元，{chg(src["gpb"], Y24["gpb"])}。其中：基本支出{fmt(gpb_basic)}万元，{chg(gpb_basic, Y24["gpb_basic"])}；项目支出{fmt(gpb_proj)}万元，{chg(gpb_proj, Y24["gpb_proj"])}。')
lei_g = {c: agg(rows, prefix=c, src='gpb') for c in LEI}
P('2．结构情况。' + '；'.join(f'{FUNC[c]}{fmt(lei_g[c])}万元，占{pct(lei_g[c], src["gpb"])}%' for c in LEI) + '。')
F['A']['lei_gpb'] = lei_g
P('3．具体使用情况。')
reasons = {
 '2130301': '机关在职人员调资和工资标准调整',
 '2130302': '新增机关办公楼维修改造项目',
 '2130304': '全省水网联合调度运行保障任务增加',
 '2130306': '鄱北调蓄工程运行维护面积扩大，并安排公务用车更新购置',
 '2130308': '水雨情自动监测站点增加及水网调度信息平台升级',
 '2130314': '防汛值守经费按实际需求压减',
 '2130350': '事业单位人员调资',
}
xg = {}
for i, c in enumerate(['2130301', '2130302', '2130304', '2130306', '2130308', '2130314', '2130350'], 1):
    v = agg(rows, func=c, src='gpb'); xg[c] = v
    old = XIANG24[c]
    if old == 0:
        tail = f'上年未安排，主要原因是{reasons[c]}'
    else:
        tail = f'{chg(v, old)}，主要原因是{reasons[c]}'
    P(f'（{i}）农林水支出（类）水利（款）{FUNC[c]}（项）{fmt(v)}万元，{tail}。')
use = {'208': '主要用于离退休人员经费及机关事业单位基本养老保险、职业年金缴费，减少的主要原因是部分退休人员经费调整为社保统筹支付',
       '210': '主要用于在职人员基本医疗保险和公务员医疗补助缴费，减少的主要原因是医保缴费基数调整',
       '221': '主要用于按规定为在职职工缴存住房公积金'}
for j, c in enumerate(['208', '210', '221'], 8):
    P(f'（{j}）{FUNC[c]}（类）{fmt(lei_g[c])}万元，{chg(lei_g[c], LEI24[c])}，{use[c]}。')
F['A']['xiang_gpb'] = xg; F['A']['xiang24'] = XIANG24; F['A']['lei24'] = LEI24
P('（六）一般公共预算基本支出情况')
P(f'2025年一般公共预算基本支出{fmt(gpb_basic)}万元，其中：人员经费{fmt(RY)}万元，主要包括基本工资、津贴补贴、奖金、绩效工资、社会保障缴费、住房公积金、退休费等；公用经费{fmt(GY)}万元，主要包括办公费、水费、电费、邮电费、物业管理费、差旅费、维修（护）费、公务接待费、公务用车运行维护费等。')
P('（七）政府性基金预算支出情况')
P(f'2025年政府性基金预算拨款支出{fmt(src["fund"])}万元，全部为农林水支出（类）大中型水库库区基金安排的支出（款）基础设施建设和经济发展（项），用于鄱北调蓄工程库区基础设施维护。')
P('（八）国有资本经营预算支出情况')
P('本部门2025年无国有资本经营预算拨款安排的支出。')
P('（九）一般公共预算“三公”经费预算情况')
d3 = sg_sum(sg_tot) - sg_sum(sg24)
P(f'2025年一般公共预算“三公”经费预算{fmt(sg_sum(sg_tot))}万元，比上年预算增加{fmt(d3)}万元，增长{growth(sg_sum(sg_tot), sg_sum(sg24))}%。其中：因公出国（境）费{fmt(sg_tot[0])}万元，与上年持平；公务接待费{fmt(sg_tot[1])}万元，比上年减少{fmt(sg24[1]-sg_tot[1])}万元；公务用车购置及运行费{fmt(sg_tot[2]+sg_tot[3])}万元（其中：公务用车购置费{fmt(sg_tot[2])}万元，公务用车运行费{fmt(sg_tot[3])}万元），比上年增加{fmt(sg_tot[2]+sg_tot[3]-sg24[2]-sg24[3])}万元。增加的主要原因是鄱北调蓄工程服务中心按规定更新1辆已达报废标准的公务用车。')
F['A']['sg'] = dict(per_unit=sg, tot=sg_tot, y24=sg24, total=sg_sum(sg_tot), total24=sg_sum(sg24))
P('')
P('四、其他重要事项说明')
P('（一）机关运行经费')
P(f'2025年本部门机关运行经费（行政单位使用一般公共预算安排的公用经费）预算{fmt(gy["101001"])}万元，{chg(gy["101001"], Y24["jgyx"])}，主要原因是机关物业管理面积增加。')
F['A']['jgyx'] = gy['101001']
GP = dict(goods=D('128.60'), works=D('52.00'), serv=D('386.40'), sme=D('480.20'), micro=D('326.50'))
GP['total'] = GP['goods'] + GP['works'] + GP['serv']
P('（二）政府采购情况')
P(f'2025年本部门政府采购预算{fmt(GP["total"])}万元，其中：货物类{fmt(GP["goods"])}万元，工程类{fmt(GP["works"])}万元，服务类{fmt(GP["serv"])}万元。面向中小企业预留采购份额{fmt(GP["sme"])}万元，其中预留给小微企业{fmt(GP["micro"])}万元。')
F['A']['gp'] = GP
P('（三）国有资产占用情况')
P('截至2024年12月31日，本部门共有房屋建筑面积6,820.00平方米；车辆14辆，其中：一般公务用车5辆、应急保障用车3辆、特种专业技术用车6辆；单位价值100万元以上大型设备4台（套）。2025年部门预算安排购置车辆1辆（一般公务用车），安排购置单位价值100万元以上大型设备0台（套）。')
P('（四）预算绩效目标情况')
P(f'2025年本部门全部{len(PROJECTS)}个项目均编制了绩效目标，涉及资金{fmt(proj)}万元。')
P('')
P('五、名词解释')
P('（一）一般公共预算拨款收入：指省级财政当年拨付的一般公共预算资金。')
P('（二）政府性基金预算拨款收入：指省级财政当年拨付的政府性基金预算资金。')
P('（三）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。')
P('（四）上年结转：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。')
P('（五）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。')
P('（六）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。')
P('（七）“三公”经费：指用一般公共预算拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。')
P('（八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算安排的基本支出中的日常公用经费支出。')
P('')
P('六、2025年部门预算公开表')
P('')
# ---------- 表1-1 ----------
P('表1-1 部门收支总表')
P('部门：江西省水网调度管理局 单位：万元')
P('收入 支出')
P('项目 预算数 项目 预算数')
left = [('一、一般公共预算拨款收入', src['gpb']), ('二、政府性基金预算拨款收入', src['fund']), ('三、国有资本经营预算拨款收入', None),
        ('四、财政专户管理资金收入', None), ('五、事业收入', src['biz']), ('六、事业单位经营收入', None), ('七、上级补助收入', None),
        ('八、附属单位上缴收入', None), ('九、其他收入', src['other'])]
lei_all = {c: agg(rows, prefix=c) for c in LEI}
right = [('一、社会保障和就业支出', lei_all['208']), ('二、卫生健康支出', lei_all['210']), ('三、农林水支出', lei_all['213']), ('四、住房保障支出', lei_all['221'])]
for i in range(len(left)):
    l = left[i]; r = right[i] if i < len(right) else (None, None)
    P(sp(l[0], n(l[1]), r[0], n(r[1]) if r[0] else None))
P(sp('本年收入合计', fmt(this_year_income), '本年支出合计', fmt(tot)))
P(sp('上年结转', fmt(src['carry']), '年末结转', None))
P(sp('收入总计', fmt(tot), '支出总计', fmt(tot)))
F['A']['lei_all'] = lei_all
P('')
# ---------- 表1-2 ----------
P('表1-2 部门收入总表')
P('部门：江西省水网调度管理局　单位：万元')
P(fw('单位编码', '单位名称', '合计', '上年结转', '本年收入', None, None, None, None, None, None))
P(fw(None, None, None, None, '一般公共预算拨款收入', '政府性基金预算拨款收入', '国有资本经营预算拨款收入', '财政专户管理资金收入', '事业收入', '事业单位经营收入', '其他收入'))
def inc_row(code, name, rr):
    g = lambda s: sum((r['amt'] for r in rr if r['src'] == s), D('0'))
    t = sum((r['amt'] for r in rr), D('0'))
    return fw(code, name, n(t), n(g('carry')), n(g('gpb')), n(g('fund')), None, None, n(g('biz')), None, n(g('other')))
P(inc_row(None, '合计', rows))
unit_src = {}
for u, name, _ in UNITS:
    rr = [r for r in rows if r['unit'] == u]
    P(inc_row(u, name, rr))
    unit_src[u] = {s: sum((r['amt'] for r in rr if r['src'] == s), D('0')) for s in ['gpb', 'fund', 'carry', 'biz', 'other']}
    unit_src[u]['total'] = sum((r['amt'] for r in rr), D('0'))
F['A']['unit_src'] = unit_src
P('')
# ---------- 表1-3 ----------
P('表1-3 部门支出总表')
P('部门：江西省水网调度管理局 单位：万元')
P('单位编码 科目编码 单位名称（科目） 合计 基本支出 项目支出')
def tree(rr, codes_filter=None):
    """yield (code, name, total, basic, proj) for 类, 款, 项 present in rr"""
    codes = sorted(set(r['func'] for r in rr))
    out = []
    for lei in sorted(set(c[:3] for c in codes)):
        for lvl in [lei] + sorted(set(c[:5] for c in codes if c.startswith(lei))):
            pass
    for lei in sorted(set(c[:3] for c in codes)):
        sel = [r for r in rr if r['func'].startswith(lei)]
        out.append((lei, FUNC[lei], sum(r['amt'] for r in sel), sum(r['amt'] for r in sel if r['kind'] == 'basic'), sum(r['amt'] for r in sel if r['kind'] == 'proj')))
        for kuan in sorted(set(c[:5] for c in codes if c.startswith(lei))):
            sel = [r for r in rr if r['func'].startswith(kuan)]
            out.append((kuan, FUNC[kuan], sum(r['amt'] for r in sel), sum(r['amt'] for r in sel if r['kind'] == 'basic'), sum(r['amt'] for r in sel if r['kind'] == 'proj')))
            for xiang in sorted(set(c for c in codes if c.startswith(kuan))):
                sel = [r for r in rr if r['func'] == xiang]
                out.append((xiang, FUNC[xiang], sum(r['amt'] for r in sel), sum(r['amt'] for r in sel if r['kind'] == 'basic'), sum(r['amt'] for r in sel if r['kind'] == 'proj')))
    return out
P(sp(None, None, '合计', fmt(tot), fmt(basic), fmt(proj)))
unit_exp = {}
for u, name, _ in UNITS:
    rr = [r for r in rows if r['unit'] == u]
    t = sum(r['amt'] for r in rr); b = sum(r['amt'] for r in rr if r['kind'] == 'basic'); p_ = sum(r['amt'] for r in rr if r['kind'] == 'proj')
    unit_exp[u] = dict(total=t, basic=b, proj=p_, tree=tree(rr))
    P(sp(u, None, name, fmt(t), n(b), n(p_)))
    for code, nm, a, b2, p2 in unit_exp[u]['tree']:
        P(sp(None, code, nm, fmt(a), n(b2), n(p2)))
F['A']['unit_exp'] = {u: dict(total=v['total'], basic=v['basic'], proj=v['proj'], tree=[list(x) for x in v['tree']]) for u, v in unit_exp.items()}
P('')
# ---------- 表2-1 ----------
P('表2-1 财政拨款收支总表')
P('部门：江西省水网调度管理局 单位：万元')
P('收入 支出')
P('项目 预算数 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算')
fr = [r for r in rows if r['src'] in ('gpb', 'fund', 'carry')]
fl = {c: (sum(r['amt'] for r in fr if r['func'].startswith(c)),
          sum(r['amt'] for r in fr if r['func'].startswith(c) and r['src'] in ('gpb', 'carry')),
          sum(r['amt'] for r in fr if r['func'].startswith(c) and r['src'] == 'fund')) for c in LEI}
lines_l = [('一、本年收入', src['gpb'] + src['fund']), ('（一）一般公共预算拨款', src['gpb']), ('（二）政府性基金预算拨款', src['fund']),
           ('（三）国有资本经营预算拨款', None), ('二、上年结转', src['carry']), ('（一）一般公共预算拨款', src['carry']), ('（二）政府性基金预算拨款', None)]
lines_r = [('一、社会保障和就业支出', fl['208']), ('二、卫生健康支出', fl['210']), ('三、农林水支出', fl['213']), ('四、住房保障支出', fl['221'])]
for i in range(len(lines_l)):
    l = lines_l[i]
    if i < len(lines_r):
        r = lines_r[i]
        P(sp(l[0], n(l[1]), r[0], n(r[1][0]), n(r[1][1]), n(r[1][2])))
    else:
        P(sp(l[0], n(l[1])))
P(sp('收入总计', fmt(fiscal_total), '支出总计', fmt(fiscal_total), fmt(src['gpb'] + src['carry']), fmt(src['fund'])))
F['A']['fiscal_lei'] = fl
P('')
# ---------- 表2-2 ----------
P('表2-2 一般公共预算支出表')
P('部门：江西省水网调度管理局　单位：万元')
P(fw('科目编码', '科目名称', '2025年预算数', None, None))
P(fw(None, None, '合计', '基本支出', '项目支出'))
gr = [r for r in rows if r['src'] == 'gpb']
P(fw(None, '合计', fmt(src['gpb']), fmt(gpb_basic), fmt(gpb_proj)))
gtree = tree(gr)
for code, nm, a, b2, p2 in gtree:
    indent = {3: '', 5: FW, 7: FW * 2}[len(code)]
    P(fw(code, indent + nm if indent else nm, fmt(a), n(b2), n(p2)))
F['A']['gpb_tree'] = [list(x) for x in gtree]
P('')
# ---------- 表2-3 ----------
P('表2-3 一般公共预算基本支出表')
P('部门：江西省水网调度管理局 单位：万元')
P('经济分类科目 2025年基本支出')
P('科目编码 科目名称 合计 人员经费 公用经费')
ec = {}
for u in ECON_BASIC:
    for c, a in ECON_BASIC[u].items():
        ec[c] = ec.get(c, D('0')) + D(a)
P(sp(None, '合计', fmt(gpb_basic), fmt(RY), fmt(GY)))
econ_tot = {}
for lei in ['301', '302', '303']:
    v = sum(a for c, a in ec.items() if c.startswith(lei)); econ_tot[lei] = v
    P(sp(lei, ECON[lei], fmt(v), fmt(v) if lei != '302' else None, fmt(v) if lei == '302' else None))
    for c in sorted(k for k in ec if k.startswith(lei)):
        P(sp(c, ECON[c], fmt(ec[c]), fmt(ec[c]) if lei != '302' else None, fmt(ec[c]) if lei == '302' else None))
F['A']['econ'] = ec; F['A']['econ_lei'] = econ_tot
P('')
# ---------- 表2-4 ----------
P('表2-4 一般公共预算“三公”经费支出表')
P('部门：江西省水网调度管理局　单位：万元')
P(fw('单位编码', '单位名称', '合计', '因公出国（境）费', '公务接待费', '公务用车购置及运行费', None, None))
P(fw(None, None, None, None, None, '小计', '公务用车购置费', '公务用车运行费'))
def sgrow(code, name, t):
    return fw(code, name, fmt(sg_sum(t)), n(t[0]), n(t[1]), n(t[2] + t[3]), n(t[2]), n(t[3]))
P(sgrow(None, '合计', sg_tot))
for u, name, _ in UNITS:
    P(sgrow(u, name, sg[u]))
P('')
# ---------- 表3-1 ----------
P('表3-1 政府性基金预算支出表')
P('部门：江西省水网调度管理局 单位：万元')
P('科目编码 科目名称 合计 基本支出 项目支出')
fundr = [r for r in rows if r['src'] == 'fund']
P(sp(None, '合计', fmt(src['fund']), None, fmt(src['fund'])))
for code, nm, a, b2, p2 in tree(fundr):
    P(sp(code, nm, fmt(a), n(b2), n(p2)))
P('')
P('表3-2 国有资本经营预算支出表')
P('部门：江西省水网调度管理局 单位：万元')
P('科目编码 科目名称 合计 基本支出 项目支出')
P('注：本部门2025年无国有资本经营预算拨款安排的支出，本表无数据。')
P('')
# ---------- 表4 ----------
P('表4 部门项目支出预算表')
P('部门：江西省水网调度管理局 单位：万元')
P('单位名称 项目名称 科目编码 合计 一般公共预算 政府性基金 上年结转 事业收入 其他收入')
P(sp('合计', None, None, fmt(proj), fmt(gpb_proj), fmt(src['fund']), fmt(src['carry']), fmt(agg(rows, kind='proj', src='biz')), fmt(src['other'])))
for u, nm, f, s, a in PROJECTS:
    cols = {k: None for k in ['gpb', 'fund', 'carry', 'biz', 'other']}; cols[s] = fmt(a)
    P(sp(U[u], nm, f, fmt(a), cols['gpb'], cols['fund'], cols['carry'], cols['biz'], cols['other']))
P('')
P('【打印本页】【关闭窗口】')
P('主办：江西省水网调度管理局　网站标识码：3600000051')
F['A']['projects'] = [list(p) for p in PROJECTS]
open(OUT, 'w').write('\n'.join(L) + '\n')
F.dump(sys.argv[2] if len(sys.argv) > 2 else OUT + '.facts.json')
print(OUT, len(L), 'lines')
