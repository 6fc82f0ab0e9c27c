"""Writes docs/jl-jys-jkzx-2025-dwys.md: 吉林省靖榆市疾病预防控制中心 2025年单位预算 (invented city).
Markdown with # headings; tables in 元 with two-row headers (the second header row sits under the
|---| separator, as PDF-to-markdown converters leave it); prose in 万元. All 元 amounts are multiples
of 100 元 so every 万元 figure in the prose is exact."""
import sys
from util import D, q2, fmt, pct, growth, Facts

OUT = sys.argv[1] if len(sys.argv) > 1 else 'jl-jys-jkzx-2025-dwys.md'
F = Facts(); L = []
def P(s=''): L.append(s)
Z = D(0)
def sm(it): return sum(it, Z)
def y(x): return fmt(x)                      # 元 with separators
def w(x): return fmt(D(x) / 10000)           # 元 -> 万元
def cell(x): return '' if x is None or D(x) == 0 else y(x)
def row(*cells): return '| ' + ' | '.join('' if c is None else str(c) for c in cells) + ' |'
def sep(k): return '|' + '---|' * k

UNIT = '靖榆市疾病预防控制中心'
ECON = {
 '301': '工资福利支出', '30101': '基本工资', '30102': '津贴补贴', '30107': '绩效工资', '30108': '机关事业单位基本养老保险缴费',
 '30109': '职业年金缴费', '30110': '职工基本医疗保险缴费', '30112': '其他社会保障缴费', '30113': '住房公积金',
 '30199': '其他工资福利支出', '302': '商品和服务支出', '30201': '办公费', '30205': '水费', '30206': '电费', '30207': '邮电费',
 '30208': '取暖费', '30211': '差旅费', '30213': '维修（护）费', '30216': '培训费', '30217': '公务接待费', '30218': '专用材料费',
 '30228': '工会经费', '30229': '福利费', '30231': '公务用车运行维护费', '30299': '其他商品和服务支出',
 '303': '对个人和家庭的补助', '30302': '退休费', '30309': '奖励金',
}
EB = {'30101': 4286400, '30102': 1152000, '30107': 3864000, '30108': 1497200, '30109': 748600, '30110': 702400,
      '30112': 58500, '30113': 1123500, '30199': 96000,
      '30201': 186000, '30205': 42000, '30206': 368000, '30207': 64800, '30208': 412600, '30211': 128000,
      '30213': 96000, '30216': 45000, '30217': 12000, '30218': 210000, '30228': 188000, '30229': 164000,
      '30231': 86000, '30299': 58300, '30302': 312000, '30309': 18600}
EB = {k: D(v) for k, v in EB.items()}
assert all(v % 100 == 0 for v in EB.values())
FUNC = {'208': '社会保障和就业支出', '20805': '行政事业单位养老支出', '2080502': '事业单位离退休',
        '2080505': '机关事业单位基本养老保险缴费支出', '2080506': '机关事业单位职业年金缴费支出',
        '210': '卫生健康支出', '21004': '公共卫生', '2100401': '疾病预防控制机构', '2100408': '基本公共卫生服务',
        '2100409': '重大公共卫生服务', '2100410': '突发公共卫生事件应急处理', '2100499': '其他公共卫生支出',
        '21011': '行政事业单位医疗', '2101102': '事业单位医疗',
        '221': '住房保障支出', '22102': '住房改革支出', '2210201': '住房公积金'}
def e2f(c):
    return {'30108': '2080505', '30109': '2080506', '30110': '2101102', '30113': '2210201', '30302': '2080502'}.get(c, '2100401')
# projects: name, func, source, amount(元); source gpb / carry(上年财政拨款结转) / biz(事业收入) / other
PROJ = [
 ('免疫规划与预防接种管理', '2100408', 'gpb', 1280000),
 ('慢性病及营养监测', '2100408', 'gpb', 420000),
 ('重点传染病监测与防控', '2100409', 'gpb', 2460000),
 ('地方病防治', '2100409', 'gpb', 360000),
 ('实验室检测能力提升（上年结转）', '2100409', 'carry', 650000),
 ('突发公共卫生事件应急物资储备', '2100410', 'gpb', 850000),
 ('检验检测业务运行', '2100401', 'biz', 1260000),
 ('健康教育宣传', '2100499', 'other', 120000),
]
BIZ_BASIC = D(600000)   # 事业收入安排的基本支出（绩效工资），人员经费
rows = []
for c, a in EB.items():
    rows.append(dict(func=e2f(c), kind='basic', src='gpb', amt=a, econ=c, ry=not c.startswith('302')))
rows.append(dict(func='2100401', kind='basic', src='biz', amt=BIZ_BASIC, econ=None, ry=True))
for nm, f, s, a in PROJ:
    rows.append(dict(func=f, kind='proj', src=s, amt=D(a), econ=None, ry=None, name=nm))
def A(**k):
    out = Z
    for r in rows:
        ok = True
        for kk, v in k.items():
            if kk == 'prefix':
                ok = ok and r['func'].startswith(v)
            else:
                ok = ok and r.get(kk) == v
        if ok: out += r['amt']
    return out
tot = A(); basic = A(kind='basic'); proj = A(kind='proj')
src = {s: A(src=s) for s in ['gpb', 'carry', 'biz', 'other']}
inc_this = src['gpb'] + src['biz'] + src['other']
gpb_basic = A(src='gpb', kind='basic'); gpb_proj = A(src='gpb', kind='proj')
RY = sm(v for k, v in EB.items() if not k.startswith('302')); GY = sm(v for k, v in EB.items() if k.startswith('302'))
assert RY + GY == gpb_basic
codes = sorted(set(r['func'] for r in rows))
def levels():
    out = []
    for lei in sorted(set(c[:3] for c in codes)):
        out.append(lei)
        for k in sorted(set(c[:5] for c in codes if c.startswith(lei))):
            out.append(k); out += sorted(c for c in codes if c.startswith(k))
    return out
LV = levels()
# 2024 (上年预算) figures, 元
Y24 = dict(tot=D(23215000), gpb=D(20965000), biz=D(1750000), other=D(100000), carry=D(400000),
           sg=(D(0), D(15000), D(0), D(92000)))  # 出国 接待 购置 运行
assert Y24['gpb'] + Y24['biz'] + Y24['other'] + Y24['carry'] == Y24['tot']
G24 = {'2100401': D(11210000), '2100408': D(1780000), '2100409': D(2960000), '2100410': D(720000),
       '2080502': D(318000), '2080505': D(1462000), '2080506': D(731000), '2101102': D(688000), '2210201': D(1096000)}
G24['2100499'] = Z
def g24(code): return sm(v for k, v in G24.items() if k.startswith(code))
assert g24('') == Y24['gpb'], (g24(''), Y24['gpb'])
SG = (D(0), EB['30217'], D(0), EB['30231']); SG24 = Y24['sg']
def s4(t): return t[0] + t[1] + t[2] + t[3]
def chg(new, old, unit='万元', conv=True):
    d = new - old; f = w if conv else y
    if d > 0: return f'比上年增加{f(d)}{unit}，增长{growth(new, old)}%'
    if d < 0: return f'比上年减少{f(-d)}{unit}，下降{fmt(-growth(new, old))}%'
    return '与上年持平'

# ============ document ============
P(f'# {UNIT}2025年单位预算')
P('')
P('> 吉林省靖榆市卫生健康委员会所属事业单位　　公开日期：2025年2月20日')
P('')
P('## 目录')
P('')
P('- 第一部分 单位概况')
P('- 第二部分 2025年单位预算公开表')
P('- 第三部分 2025年单位预算情况说明')
P('- 第四部分 名词解释')
P('')
P('## 第一部分 单位概况')
P('')
P('### 一、主要职能')
P('')
P('靖榆市疾病预防控制中心是靖榆市卫生健康委员会所属的公益一类事业单位，主要承担全市传染病、地方病、慢性非传染性疾病的监测与预防控制，免疫规划管理，突发公共卫生事件应急处置，卫生检验检测和健康教育等工作。')
P('')
P('### 二、机构设置和人员情况')
P('')
P('本单位内设办公室、财务科、质量管理科、急性传染病防制科、免疫规划科、艾滋病性病防制科、结核病防制科、慢性病防制科、地方病防制科、健康教育科、检验科11个科室。本单位无下属单位，2025年单位预算仅包括本级。')
P('')
P('截至2024年12月31日，本单位事业编制96名，实有在职人员88人（其中专业技术人员76人），退休人员41人。')
P('')
P('## 第二部分 2025年单位预算公开表')
P('')
# 表一
P('### 表一 收支总表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('收入', '', '支出', ''))
P(sep(4))
P(row('项目', '预算数', '项目', '预算数'))
lei_tot = {c: A(prefix=c) for c in ['208', '210', '221']}
L1 = [('一、一般公共预算拨款收入', src['gpb']), ('二、政府性基金预算拨款收入', None), ('三、国有资本经营预算拨款收入', None),
      ('四、财政专户管理资金收入', None), ('五、事业收入', src['biz']), ('六、事业单位经营收入', None), ('七、上级补助收入', None),
      ('八、其他收入', src['other'])]
R1 = [('一、社会保障和就业支出', lei_tot['208']), ('二、卫生健康支出', lei_tot['210']), ('三、住房保障支出', lei_tot['221'])]
for i, l in enumerate(L1):
    r = R1[i] if i < len(R1) else ('', None)
    P(row(l[0], cell(l[1]), r[0], cell(r[1])))
P(row('本年收入合计', y(inc_this), '本年支出合计', y(tot)))
P(row('上年结转', y(src['carry']), '结转下年', ''))
P(row('收入总计', y(tot), '支出总计', y(tot)))
P('')
# 表二
P('### 表二 收入总表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('科目编码', '科目名称', '合计', '上年结转', '一般公共预算拨款收入', '政府性基金预算拨款收入', '事业收入', '事业单位经营收入', '其他收入'))
P(sep(9))
P(row('', '', '', '财政拨款结转', '', '', '', '', ''))
def inc_cells(prefix):
    t = A(prefix=prefix) if prefix else tot
    g = lambda s: (A(prefix=prefix, src=s) if prefix else src[s])
    return [y(t), cell(g('carry')), cell(g('gpb')), '', cell(g('biz')), '', cell(g('other'))]
P(row('', '合计', *inc_cells('')))
for c in LV:
    P(row(c, FUNC[c], *inc_cells(c)))
P('')
# 表三
P('### 表三 支出总表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('科目编码', '科目名称', '合计', '基本支出', '', '项目支出'))
P(sep(6))
P(row('', '', '', '人员经费', '公用经费', ''))
def ex_cells(prefix):
    sel = [r for r in rows if r['func'].startswith(prefix)]
    t = sm(r['amt'] for r in sel); ry = sm(r['amt'] for r in sel if r['kind'] == 'basic' and r['ry'])
    gy_ = sm(r['amt'] for r in sel if r['kind'] == 'basic' and not r['ry']); p = sm(r['amt'] for r in sel if r['kind'] == 'proj')
    return t, ry, gy_, p
t_, ry_, gy_, p_ = ex_cells('')
P(row('', '合计', y(t_), y(ry_), y(gy_), y(p_)))
EXP = {}
for c in LV:
    t, a, b, p = ex_cells(c); EXP[c] = (t, a, b, p)
    P(row(c, FUNC[c], y(t), cell(a), cell(b), cell(p)))
P('')
# 表四
P('### 表四 财政拨款收支总表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
fin_tot = src['gpb'] + src['carry']
P(row('收入', '', '支出', '', '', ''))
P(sep(6))
P(row('项目', '预算数', '项目', '合计', '一般公共预算', '政府性基金预算'))
flei = {c: A(prefix=c, src='gpb') + A(prefix=c, src='carry') for c in ['208', '210', '221']}
L4 = [('一、本年收入', src['gpb']), ('（一）一般公共预算拨款', src['gpb']), ('（二）政府性基金预算拨款', None), ('二、上年结转', src['carry']),
      ('（一）一般公共预算拨款', src['carry']), ('（二）政府性基金预算拨款', None)]
R4 = [('一、社会保障和就业支出', flei['208']), ('二、卫生健康支出', flei['210']), ('三、住房保障支出', flei['221'])]
for i, l in enumerate(L4):
    r = R4[i] if i < len(R4) else ('', None)
    P(row(l[0], cell(l[1]), r[0], cell(r[1]), cell(r[1]), ''))
P(row('收入总计', y(fin_tot), '支出总计', y(fin_tot), y(fin_tot), ''))
P('')
# 表五
P('### 表五 一般公共预算支出表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('科目编码', '科目名称', '2024年预算数', '2025年预算数', '', ''))
P(sep(6))
P(row('', '', '', '合计', '基本支出', '项目支出'))
P(row('', '合计', y(Y24['gpb']), y(src['gpb']), y(gpb_basic), y(gpb_proj)))
GTAB = {}
for c in LV:
    a = A(prefix=c, src='gpb'); b = A(prefix=c, src='gpb', kind='basic'); p = A(prefix=c, src='gpb', kind='proj')
    if a == 0 and g24(c) == 0: continue
    GTAB[c] = (g24(c), a, b, p)
    P(row(c, FUNC[c], cell(g24(c)), cell(a), cell(b), cell(p)))
P('')
# 表六
P('### 表六 一般公共预算基本支出表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('经济分类科目', '', '2025年基本支出预算数', '', ''))
P(sep(5))
P(row('科目编码', '科目名称', '合计', '人员经费', '公用经费'))
P(row('', '合计', y(gpb_basic), y(RY), y(GY)))
for lei in ['301', '302', '303']:
    v = sm(a for c, a in EB.items() if c.startswith(lei))
    pu = lei == '302'
    P(row(lei, ECON[lei], y(v), '' if pu else y(v), y(v) if pu else ''))
    for c in sorted(k for k in EB if k.startswith(lei)):
        P(row(c, ECON[c], y(EB[c]), '' if pu else y(EB[c]), y(EB[c]) if pu else ''))
P('')
# 表七
P('### 表七 一般公共预算“三公”经费支出表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('年度', '合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费'))
P(sep(7))
P(row('', '', '', '小计', '公务用车购置费', '公务用车运行费', ''))
for lab, t in [('2024年预算数', SG24), ('2025年预算数', SG)]:
    P(row(lab, y(s4(t)), y(t[0]), y(t[2] + t[3]), y(t[2]), y(t[3]), y(t[1])))
P('')
P('### 表八 政府性基金预算支出表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('科目编码', '科目名称', '合计', '基本支出', '项目支出'))
P(sep(5))
P('')
P('本单位2025年没有使用政府性基金预算拨款安排的支出，本表为空表。')
P('')
P('### 表九 国有资本经营预算支出表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('科目编码', '科目名称', '合计', '基本支出', '项目支出'))
P(sep(5))
P('')
P('本单位2025年没有使用国有资本经营预算拨款安排的支出，本表为空表。')
P('')
P('### 表十 项目支出预算表')
P('')
P(f'单位：{UNIT}　　　　金额单位：元')
P('')
P(row('项目名称', '功能科目编码', '合计', '财政拨款', '', '事业收入', '其他收入'))
P(sep(7))
P(row('', '', '', '当年一般公共预算', '上年结转', '', ''))
P(row('合计', '', y(proj), y(gpb_proj), y(src['carry']), y(A(src='biz', kind='proj')), y(src['other'])))
for nm, f, s, a in PROJ:
    c = {'gpb': '', 'carry': '', 'biz': '', 'other': ''}; c[s] = y(D(a))
    P(row(nm, f, y(D(a)), c['gpb'], c['carry'], c['biz'], c['other']))
P('')
# ============ prose ============
P('## 第三部分 2025年单位预算情况说明')
P('')
P('### 一、收支预算总体情况')
P('')
P(f'按照全口径预算的原则，本单位2025年所有收入和支出均纳入单位预算管理。2025年收入预算{w(tot)}万元，支出预算{w(tot)}万元，{chg(tot, Y24["tot"])}。主要原因是人员工资标准调整及重点传染病监测任务增加。')
P('')
P('### 二、收入预算情况')
P('')
P(f'2025年收入预算{w(tot)}万元，其中：一般公共预算拨款收入{w(src["gpb"])}万元，占{pct(src["gpb"], tot)}%，{chg(src["gpb"], Y24["gpb"])}；事业收入{w(src["biz"])}万元，占{pct(src["biz"], tot)}%，主要是卫生检验检测服务收入；其他收入{w(src["other"])}万元，占{pct(src["other"], tot)}%；上年结转{w(src["carry"])}万元，占{pct(src["carry"], tot)}%，为实验室检测能力提升项目的上年财政拨款结转。')
P('')
P('### 三、支出预算情况')
P('')
P(f'2025年支出预算{w(tot)}万元，其中：基本支出{w(basic)}万元，占{pct(basic, tot)}%；项目支出{w(proj)}万元，占{pct(proj, tot)}%。')
P('')
P('### 四、财政拨款收支预算情况')
P('')
P(f'2025年财政拨款收支预算{w(fin_tot)}万元，其中：一般公共预算拨款{w(src["gpb"])}万元，上年财政拨款结转{w(src["carry"])}万元。本单位无政府性基金预算和国有资本经营预算拨款。')
P('')
P('### 五、一般公共预算当年拨款情况')
P('')
P('#### （一）规模变化')
P('')
P(f'2025年一般公共预算当年拨款{w(src["gpb"])}万元，{chg(src["gpb"], Y24["gpb"])}。其中：基本支出{w(gpb_basic)}万元，项目支出{w(gpb_proj)}万元。')
P('')
P('#### （二）结构情况')
P('')
P('；'.join(f'{FUNC[c]}{w(A(prefix=c, src="gpb"))}万元，占{pct(A(prefix=c, src="gpb"), src["gpb"])}%' for c in ['208', '210', '221']) + '。')
P('')
P('#### （三）具体使用情况')
P('')
why = {'2100401': '人员工资标准调整和取暖费标准提高', '2100408': '慢性病及营养监测经费按工作量压减',
       '2100409': '地方病防治项目调整，部分监测任务并入重点传染病监测', '2100410': '应急物资储备品种增加',
       '2080502': '退休人员经费据实核定', '2080505': '缴费基数调整', '2080506': '缴费基数调整',
       '2101102': '缴费基数调整', '2210201': '缴存基数调整'}
k = 0
for c in ['2100401', '2100408', '2100409', '2100410', '2080502', '2080505', '2080506', '2101102', '2210201']:
    k += 1
    a = A(prefix=c, src='gpb')
    P(f'{k}．{FUNC[c[:3]]}（类）{FUNC[c[:5]]}（款）{FUNC[c]}（项）{w(a)}万元，{chg(a, G24[c])}，主要原因是{why[c]}。')
    P('')
P('### 六、一般公共预算基本支出情况')
P('')
P(f'2025年一般公共预算基本支出{w(gpb_basic)}万元，其中：人员经费{w(RY)}万元，主要包括基本工资、津贴补贴、绩效工资、社会保障缴费、住房公积金、退休费等；公用经费{w(GY)}万元，主要包括办公费、水电费、取暖费、差旅费、专用材料费、公务用车运行维护费等。')
P('')
P('### 七、“三公”经费预算情况')
P('')
P(f'2025年“三公”经费预算{w(s4(SG))}万元，{chg(s4(SG), s4(SG24))}。其中：因公出国（境）费0万元；公务用车购置及运行费{w(SG[2] + SG[3])}万元（公务用车购置费0万元，公务用车运行费{w(SG[3])}万元），{chg(SG[2] + SG[3], SG24[2] + SG24[3])}，主要原因是车辆保险和维修费用压减；公务接待费{w(SG[1])}万元，{chg(SG[1], SG24[1])}。')
P('')
P('### 八、其他重要事项说明')
P('')
P('#### （一）机关运行经费')
P('')
P(f'本单位为公益一类事业单位，不属于机关运行经费的统计范围。2025年一般公共预算安排的公用经费为{w(GY)}万元。')
P('')
GP = dict(goods=D(1865000), works=D(0), serv=D(742000), sme=D(2196000), micro=D(1358000))
GP['total'] = GP['goods'] + GP['works'] + GP['serv']
P('#### （二）政府采购情况')
P('')
P(f'2025年本单位政府采购预算{w(GP["total"])}万元，其中：货物类{w(GP["goods"])}万元（主要为检验检测试剂和实验室设备），工程类0万元，服务类{w(GP["serv"])}万元。面向中小企业预留政府采购项目预算{w(GP["sme"])}万元，其中预留给小微企业{w(GP["micro"])}万元。')
P('')
P('#### （三）国有资产占用情况')
P('')
P('截至2024年12月31日，本单位共有车辆6辆，其中：应急保障用车2辆、特种专业技术用车3辆（疫苗冷链运输车2辆、流动采样车1辆）、其他用车1辆；单价100万元（含）以上设备7台（套），主要为实验室检测设备。2025年单位预算未安排购置车辆。')
P('')
P('#### （四）预算绩效目标情况')
P('')
P(f'2025年本单位{len(PROJ)}个项目全部编制了绩效目标，涉及项目资金{w(proj)}万元。以“重点传染病监测与防控”项目为例，绩效目标如下：')
P('')
P(row('一级指标', '二级指标', '三级指标', '指标值'))
P(sep(4))
P(row('产出指标', '数量指标', '法定传染病网络直报审核数', '≥12000例'))
P(row('', '数量指标', '哨点医院流感样病例监测', '≥52周'))
P(row('', '质量指标', '法定传染病报告及时率', '≥98%'))
P(row('', '时效指标', '突发疫情初步调查到达现场时间', '≤2小时'))
P(row('效益指标', '社会效益指标', '重点传染病暴发疫情处置率', '=100%'))
P(row('满意度指标', '服务对象满意度指标', '医疗机构满意度', '≥90%'))
P('')
P('## 第四部分 名词解释')
P('')
P('1．一般公共预算拨款收入：指市级财政当年拨付的一般公共预算资金。')
P('')
P('2．事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。')
P('')
P('3．上年结转：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。')
P('')
P('4．基本支出：指为保障机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费。')
P('')
P('5．项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。')
P('')
P('6．“三公”经费：指用一般公共预算拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。')
open(OUT, 'w').write('\n'.join(L) + '\n')
F['C'] = dict(tot=tot, basic=basic, proj=proj, src=src, inc_this=inc_this, gpb_basic=gpb_basic, gpb_proj=gpb_proj, RY=RY, GY=GY,
              fin_tot=fin_tot, Y24=Y24, G24=G24, SG=SG, SG24=SG24, GP=GP, EB=EB, EXP=EXP, GTAB=GTAB, proj_list=PROJ,
              lei_gpb={c: A(prefix=c, src='gpb') for c in ['208', '210', '221']})
F.dump(sys.argv[2] if len(sys.argv) > 2 else OUT + '.facts.json')
print(OUT, len(L), 'lines')
