"""Writes docs/sx-kyx-nyncj-2024-bmjs.tsv: 山西省岢峪县农业农村局 2024年度部门决算.
Tables are tab-separated lines (TSV-like) with 行次 and 栏次; prose lines have no tabs. Units: 万元.
PLANTED INCONSISTENCY: the 三公 prose gives 公务接待费 1.68 万元; the 三公 table (and the 基本支出 table,
30217 公务接待费) give 1.86 万元."""
import sys
from util import D, q2, fmt, pct, growth, Facts
from model_b import *

OUT = sys.argv[1] if len(sys.argv) > 1 else 'sx-kyx-nyncj-2024-bmjs.tsv'
rows = build(); F = Facts(); L = []
def P(s=''): L.append(s)
def T(*cells): L.append('\t'.join('' if c is None else str(c) for c in cells))
def n(x): return '' if x is None or D(x) == 0 else fmt(x)
DEPT = '岢峪县农业农村局'
Z = D('0')
def sm(it): return sum(it, Z)

exp_tot = sm(r['amt'] for r in rows); basic = sm(r['amt'] for r in rows if r['kind'] == 'basic'); proj = exp_tot - basic
gpb_exp = sm(r['amt'] for r in rows if r['src'] == 'gpb'); fund_exp = sm(r['amt'] for r in rows if r['src'] == 'fund')
oth_exp = sm(r['amt'] for r in rows if r['src'] == 'other')
# carry-overs
GPB_OPEN = {'2130153': D('120.00'), '2130108': D('66.30')}
GPB_CLOSE = {'2130153': D('60.00'), '2130504': D('38.40')}
FUND_CLOSE = {'2120804': D('30.00')}
NF_OPEN = D('3.10'); OTH_INC = D('12.40')
gpb_open = sm(GPB_OPEN.values()); gpb_close = sm(GPB_CLOSE.values()); fund_close = sm(FUND_CLOSE.values())
gpb_inc = gpb_exp + gpb_close - gpb_open; fund_inc = fund_exp + fund_close
nf_close = NF_OPEN + OTH_INC - oth_exp
inc_tot = gpb_inc + fund_inc + OTH_INC
open_tot = gpb_open + NF_OPEN
close_tot = gpb_close + fund_close + nf_close
grand = inc_tot + open_tot
assert grand == exp_tot + close_tot
fin_inc = gpb_inc + fund_inc; fin_exp = gpb_exp + fund_exp
fin_grand = gpb_open + fin_inc
assert fin_grand == fin_exp + gpb_close + fund_close
ry = {u: sm(D(v) for k, v in ECON_BASIC[u].items() if not k.startswith('302')) for u in ECON_BASIC}
gy = {u: sm(D(v) for k, v in ECON_BASIC[u].items() if k.startswith('302')) for u in ECON_BASIC}
RY = sm(ry.values()); GY = sm(gy.values()); assert RY + GY == basic
# income by function
def inc_by_func(code):
    e_g = sm(r['amt'] for r in rows if r['func'] == code and r['src'] == 'gpb')
    e_f = sm(r['amt'] for r in rows if r['func'] == code and r['src'] == 'fund')
    fin = e_g - GPB_OPEN.get(code, Z) + GPB_CLOSE.get(code, Z) + e_f + FUND_CLOSE.get(code, Z)
    oth = OTH_INC if code == '2130106' else Z
    return fin, oth
# previous year and 年初预算
Y23 = dict(grand=D('5412.66'), fin_grand=D('5380.20'), gpb_exp=D('4962.35'), jgyx=D('86.35'),
           sg=(D('0'), D('2.14'), D('0'), D('13.86')))  # 出国 接待 购置 运行
XB = {'2130101': '428.00', '2130104': '405.60', '2130106': '58.00', '2130108': '236.00', '2130122': '1836.50',
      '2130126': '150.00', '2130135': '180.00', '2130153': '1050.00', '2130504': '520.00',
      '2080501': '41.20', '2080502': '30.40', '2080505': '114.20', '2080506': '57.10',
      '2101101': '25.00', '2101102': '24.10', '2101103': '6.80', '2210201': '85.00'}
XB = {k: D(v) for k, v in XB.items()}
GPB_BUDGET = sm(XB.values())
FUND_BUDGET = D('400.00')
FIN_BUDGET = GPB_BUDGET + FUND_BUDGET   # 财政拨款支出年初预算
SG_B = (D('0'), D('2.50'), D('17.00'), D('13.20'))
SG_A = (D('0'), sm(D(ECON_BASIC[u].get('30217', '0')) for u in ECON_BASIC), D('16.80'), sm(D(ECON_BASIC[u].get('30231', '0')) for u in ECON_BASIC))
def s4(t): return t[0] + t[1] + t[2] + t[3]
PLANT_JD = D('1.68')   # the wrong prose figure
assert PLANT_JD != SG_A[1]

# ===================== document =====================
P('岢峪县农业农村局（部门）2024年度部门决算公开')
P('目录')
P('第一部分 部门概况')
P('第二部分 2024年度部门决算表')
P('第三部分 2024年度部门决算情况说明')
P('第四部分 名词解释')
P('第五部分 附件（绩效自评表）')
P('')
P('第一部分 部门概况')
P('一、部门职责')
P('岢峪县农业农村局是县人民政府工作部门，负责统筹研究和组织实施全县“三农”工作，主要承担农业产业发展、农田建设管理、农村社会事业促进、农业技术推广、动物防疫和农业综合行政执法等职责。')
P('二、机构设置')
P('本局内设办公室、计划财务股、农业产业发展股、农田建设管理股、农村社会事业促进股、乡村振兴股、农业综合行政执法队7个股室（队）。纳入2024年度部门决算编制范围的单位共3个，包括：岢峪县农业农村局（本级）、岢峪县农业技术推广中心、岢峪县畜牧兽医发展中心。')
P('2024年末，本部门编制68名，其中行政编制22名、事业编制46名；实有在职人员61人，退休人员30人。')
P('')
P('第二部分 2024年度部门决算表')
P('')
# ---- 表1 收入支出决算总表
P('表1')
P('收入支出决算总表')
P('公开01表')
P(f'部门：{DEPT}\t\t\t\t\t金额单位：万元')
T('收入', '', '', '支出', '', '')
T('项目', '行次', '金额', '项目', '行次', '金额')
T('栏次', '', '1', '栏次', '', '2')
LEI_ALL = ['一般公共服务支出', '外交支出', '国防支出', '公共安全支出', '教育支出', '科学技术支出', '文化旅游体育与传媒支出',
           '社会保障和就业支出', '卫生健康支出', '节能环保支出', '城乡社区支出', '农林水支出', '交通运输支出',
           '资源勘探工业信息等支出', '商业服务业等支出', '金融支出', '援助其他地区支出', '自然资源海洋气象等支出',
           '住房保障支出', '粮油物资储备支出', '国有资本经营预算支出', '灾害防治及应急管理支出', '其他支出']
CN = '一二三四五六七八九十'
def cnum(i):
    if i <= 10: return CN[i - 1]
    if i < 20: return '十' + CN[i - 11]
    return '二十' + ('' if i == 20 else CN[i - 21])
lei_amt = {}
for c in ['208', '210', '212', '213', '221']:
    lei_amt[FUNC[c]] = sm(r['amt'] for r in rows if r['func'].startswith(c))
left = [('一、一般公共预算财政拨款收入', gpb_inc), ('二、政府性基金预算财政拨款收入', fund_inc), ('三、国有资本经营预算财政拨款收入', None),
        ('四、上级补助收入', None), ('五、事业收入', None), ('六、经营收入', None), ('七、附属单位上缴收入', None), ('八、其他收入', OTH_INC)]
for i, nm in enumerate(LEI_ALL, 1):
    l = left[i - 1] if i <= len(left) else (None, None)
    T(l[0] or '', i if l[0] else '', n(l[1]) if l[0] else '', f'{cnum(i)}、{nm}', 30 + i, n(lei_amt.get(nm)))
T('本年收入合计', 9, fmt(inc_tot), '本年支出合计', 54, fmt(exp_tot))
T('使用非财政拨款结余', 10, '', '结余分配', 55, '')
T('年初结转和结余', 11, fmt(open_tot), '年末结转和结余', 56, fmt(close_tot))
T('总计', 12, fmt(grand), '总计', 57, fmt(grand))
P('注：本表反映部门本年度的总收支和年末结转结余情况。')
P('')
# ---- 表2 收入决算表
P('表2')
P('收入决算表')
P('公开02表')
P(f'部门：{DEPT}\t\t\t\t\t\t\t\t金额单位：万元')
T('项目', '', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入')
T('科目编码', '科目名称', '', '', '', '', '', '', '')
T('栏次', '', '1', '2', '3', '4', '5', '6', '7')
codes = sorted(set(r['func'] for r in rows))
inc_rows = []
def inc_agg(prefix):
    fin = sm(inc_by_func(c)[0] for c in codes if c.startswith(prefix)); oth = sm(inc_by_func(c)[1] for c in codes if c.startswith(prefix))
    return fin, oth
T('', '合计', fmt(inc_tot), fmt(fin_inc), '', '', '', '', fmt(OTH_INC))
inc_table = {}
for lei in sorted(set(c[:3] for c in codes)):
    for code in [lei] + [k for k in sorted(set(c[:5] for c in codes if c.startswith(lei)))]:
        levels = [code] + ([x for x in codes if x.startswith(code)] if len(code) == 5 else [])
        for cc in levels:
            fin, oth = inc_agg(cc); inc_table[cc] = (fin + oth, fin, oth)
            T(cc, FUNC[cc], fmt(fin + oth), n(fin), '', '', '', '', n(oth))
assert inc_table['213'][0] + inc_table['208'][0] + inc_table['210'][0] + inc_table['212'][0] + inc_table['221'][0] == inc_tot
P('注：本表反映部门本年度取得的各项收入情况。')
P('')
# ---- 表3 支出决算表
P('表3')
P('支出决算表')
P('公开03表')
P(f'部门：{DEPT}\t\t\t\t\t\t\t金额单位：万元')
T('项目', '', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出')
T('科目编码', '科目名称', '', '', '', '', '', '')
T('栏次', '', '1', '2', '3', '4', '5', '6')
T('', '合计', fmt(exp_tot), fmt(basic), fmt(proj), '', '', '')
TREE = tree(rows)
for code, nm, a, b, p in TREE:
    T(code, nm, fmt(a), n(b), n(p), '', '', '')
P('注：本表反映部门本年度各项支出情况。')
P('')
# ---- 表4 财政拨款收入支出决算总表
P('表4')
P('财政拨款收入支出决算总表')
P('公开04表')
P(f'部门：{DEPT}\t\t\t\t\t\t\t金额单位：万元')
T('收入', '', '', '支出', '', '', '', '', '')
T('项目', '行次', '金额', '项目', '行次', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款')
T('栏次', '', '1', '栏次', '', '2', '3', '4', '5')
fl = {}
for c in ['208', '210', '212', '213', '221']:
    g = sm(r['amt'] for r in rows if r['func'].startswith(c) and r['src'] == 'gpb')
    f_ = sm(r['amt'] for r in rows if r['func'].startswith(c) and r['src'] == 'fund')
    fl[FUNC[c]] = (g + f_, g, f_)
left4 = [('一、一般公共预算财政拨款', gpb_inc), ('二、政府性基金预算财政拨款', fund_inc), ('三、国有资本经营预算财政拨款', None)]
for i, nm in enumerate(LEI_ALL, 1):
    l = left4[i - 1] if i <= 3 else (None, None)
    v = fl.get(nm)
    T(l[0] or '', i if l[0] else '', n(l[1]) if l[0] else '', f'{cnum(i)}、{nm}', 30 + i,
      n(v[0]) if v else '', n(v[1]) if v else '', n(v[2]) if v else '', '')
T('本年收入合计', 4, fmt(fin_inc), '本年支出合计', 54, fmt(fin_exp), fmt(gpb_exp), fmt(fund_exp), '')
T('年初财政拨款结转和结余', 5, fmt(gpb_open), '年末财政拨款结转和结余', 55, fmt(gpb_close + fund_close), fmt(gpb_close), fmt(fund_close), '')
T('一般公共预算财政拨款', 6, fmt(gpb_open), '', '', '', '', '', '')
T('政府性基金预算财政拨款', 7, '', '', '', '', '', '', '')
T('国有资本经营预算财政拨款', 8, '', '', '', '', '', '', '')
T('总计', 9, fmt(fin_grand), '总计', 56, fmt(fin_grand), fmt(gpb_exp + gpb_close), fmt(fund_exp + fund_close), '')
P('注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。')
P('')
# ---- 表5 一般公共预算财政拨款支出决算表
P('表5')
P('一般公共预算财政拨款支出决算表')
P('公开05表')
P(f'部门：{DEPT}\t\t\t\t金额单位：万元')
T('项目', '', '本年支出', '', '')
T('科目编码', '科目名称', '合计', '基本支出', '项目支出')
T('栏次', '', '1', '2', '3')
grows = [r for r in rows if r['src'] == 'gpb']
gbasic = sm(r['amt'] for r in grows if r['kind'] == 'basic')
T('', '合计', fmt(gpb_exp), fmt(gbasic), fmt(gpb_exp - gbasic))
GTREE = tree(grows)
for code, nm, a, b, p in GTREE:
    T(code, nm, fmt(a), n(b), n(p))
P('注：本表反映部门本年度一般公共预算财政拨款支出情况。')
P('')
# ---- 表6 基本支出决算表
P('表6')
P('一般公共预算财政拨款基本支出决算表')
P('公开06表')
P(f'部门：{DEPT}\t\t\t\t\t金额单位：万元')
T('人员经费', '', '', '公用经费', '', '')
T('科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数')
ec = {}
for u in ECON_BASIC:
    for c, a in ECON_BASIC[u].items():
        ec[c] = ec.get(c, Z) + D(a)
pers = ['301'] + sorted(k for k in ec if k.startswith('301')) + ['303'] + sorted(k for k in ec if k.startswith('303'))
pub = ['302'] + sorted(k for k in ec if k.startswith('302'))
def ev(c): return sm(v for k, v in ec.items() if k.startswith(c)) if len(c) == 3 else ec[c]
for i in range(max(len(pers), len(pub))):
    a = pers[i] if i < len(pers) else None; b = pub[i] if i < len(pub) else None
    T(a or '', ECON[a] if a else '', fmt(ev(a)) if a else '', b or '', ECON[b] if b else '', fmt(ev(b)) if b else '')
T('人员经费合计', '', fmt(RY), '公用经费合计', '', fmt(GY))
P('注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。')
P('')
# ---- 表7 三公
P('表7')
P('一般公共预算财政拨款“三公”经费支出决算表')
P('公开07表')
P(f'部门：{DEPT}\t\t\t\t\t\t\t\t\t\t\t金额单位：万元')
T('预算数', '', '', '', '', '', '决算数', '', '', '', '', '')
T('合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费', '合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费')
T('', '', '小计', '公务用车购置费', '公务用车运行费', '', '', '', '小计', '公务用车购置费', '公务用车运行费', '')
T('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12')
def sgcells(t): return [fmt(s4(t)), fmt(t[0]), fmt(t[2] + t[3]), fmt(t[2]), fmt(t[3]), fmt(t[1])]
T(*(sgcells(SG_B) + sgcells(SG_A)))
P('注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。')
P('')
# ---- 表8 政府性基金
P('表8')
P('政府性基金预算财政拨款收入支出决算表')
P('公开08表')
P(f'部门：{DEPT}\t\t\t\t\t\t\t金额单位：万元')
T('项目', '', '年初结转和结余', '本年收入', '本年支出', '', '', '年末结转和结余')
T('科目编码', '科目名称', '', '', '小计', '基本支出', '项目支出', '')
T('栏次', '', '1', '2', '3', '4', '5', '6')
T('', '合计', '', fmt(fund_inc), fmt(fund_exp), '', fmt(fund_exp), fmt(fund_close))
for code in ['212', '21208', '2120804']:
    T(code, FUNC[code], '', fmt(fund_inc), fmt(fund_exp), '', fmt(fund_exp), fmt(fund_close))
P('注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。')
P('')
P('表9')
P('国有资本经营预算财政拨款收入支出决算表')
P('公开09表')
P(f'部门：{DEPT}\t\t\t\t\t金额单位：万元')
T('项目', '', '年初结转和结余', '本年收入', '本年支出', '年末结转和结余')
T('栏次', '', '1', '2', '3', '4')
P('说明：本部门2024年度没有国有资本经营预算财政拨款收入、支出及结转和结余，故本表无数据。')
P('')
# ===================== prose =====================
P('第三部分 2024年度部门决算情况说明')
P('一、收入支出决算总体情况说明')
dg = grand - Y23['grand']
P(f'2024年度收入总计{fmt(grand)}万元、支出总计{fmt(grand)}万元，与2023年度相比，收入、支出总计各增加{fmt(dg)}万元，增长{growth(grand, Y23["grand"])}%。主要原因是：高标准农田建设任务增加，以及新增土地出让收入安排的农田基础设施资金。')
P('二、收入决算情况说明')
P(f'2024年度本年收入合计{fmt(inc_tot)}万元，其中：财政拨款收入{fmt(fin_inc)}万元，占{pct(fin_inc, inc_tot)}%；其他收入{fmt(OTH_INC)}万元，占{pct(OTH_INC, inc_tot)}%。上级补助收入、事业收入、经营收入和附属单位上缴收入均为0。')
P('三、支出决算情况说明')
P(f'2024年度本年支出合计{fmt(exp_tot)}万元，其中：基本支出{fmt(basic)}万元，占{pct(basic, exp_tot)}%；项目支出{fmt(proj)}万元，占{pct(proj, exp_tot)}%。')
P('四、财政拨款收入支出决算总体情况说明')
P(f'2024年度财政拨款收入总计{fmt(fin_grand)}万元，其中：年初财政拨款结转和结余{fmt(gpb_open)}万元，本年财政拨款收入{fmt(fin_inc)}万元。财政拨款支出总计{fmt(fin_grand)}万元，其中：本年财政拨款支出{fmt(fin_exp)}万元，年末财政拨款结转和结余{fmt(gpb_close + fund_close)}万元。')
P(f'与2023年度相比，财政拨款收入支出总计增加{fmt(fin_grand - Y23["fin_grand"])}万元，增长{growth(fin_grand, Y23["fin_grand"])}%。与年初预算相比，本年财政拨款支出年初预算为{fmt(FIN_BUDGET)}万元，决算数为{fmt(fin_exp)}万元，决算数大于年初预算数{fmt(fin_exp - FIN_BUDGET)}万元，主要原因是年中追加高标准农田建设和衔接推进乡村振兴资金。')
P('五、一般公共预算财政拨款支出决算情况说明')
P('（一）一般公共预算财政拨款支出决算总体情况')
P(f'2024年度一般公共预算财政拨款支出{fmt(gpb_exp)}万元，占本年支出合计的{pct(gpb_exp, exp_tot)}%。与2023年度相比，一般公共预算财政拨款支出增加{fmt(gpb_exp - Y23["gpb_exp"])}万元，增长{growth(gpb_exp, Y23["gpb_exp"])}%。主要原因是高标准农田建设和畜禽粪污资源化利用项目支出增加。')
P('（二）一般公共预算财政拨款支出决算结构情况')
glei = {c: sm(r['amt'] for r in grows if r['func'].startswith(c)) for c in ['208', '210', '213', '221']}
P('2024年度一般公共预算财政拨款支出' + fmt(gpb_exp) + '万元，主要用于以下方面：' + '；'.join(f'{FUNC[c]}（类）{fmt(glei[c])}万元，占{pct(glei[c], gpb_exp)}%' for c in ['208', '210', '213', '221']) + '。')
P('（三）一般公共预算财政拨款支出决算具体情况')
P(f'2024年度一般公共预算财政拨款支出年初预算为{fmt(GPB_BUDGET)}万元，支出决算为{fmt(gpb_exp)}万元，完成年初预算的{pct(gpb_exp, GPB_BUDGET)}%。其中：')
reason = {
 '2130101': '机关人员工资调标', '2130104': '事业单位人员绩效工资调整', '2130108': '使用上年结转资金开展统防统治和强制免疫，并购置动物防疫应急用车',
 '2130126': '部分人居环境整治项目未完工，资金结转下年', '2130135': '年中追加畜禽粪污资源化利用资金', '2130153': '年中追加高标准农田建设任务并使用上年结转资金',
 '2130504': '年中追加衔接推进乡村振兴资金', '2080501': '离休退休人员经费据实结算', '2080502': '事业单位退休人员增加',
 '2080505': '缴费基数调整', '2080506': '缴费基数调整', '2101101': '医保缴费基数调整', '2101102': '医保缴费基数调整', '2210201': '缴存基数调整',
}
xact = {}
k = 0
for code, nm, a, b, p in GTREE:
    if len(code) != 7: continue
    k += 1
    parent_l = FUNC[code[:3]]; parent_k = FUNC[code[:5]]
    bud = XB[code]; xact[code] = a
    if a > bud: cmp_ = f'决算数大于预算数的主要原因是{reason[code]}。'
    elif a < bud: cmp_ = f'决算数小于预算数的主要原因是{reason[code]}。'
    else: cmp_ = '决算数与预算数持平。'
    P(f'{k}、{parent_l}（类）{parent_k}（款）{nm}（项）。年初预算为{fmt(bud)}万元，支出决算为{fmt(a)}万元，完成年初预算的{pct(a, bud)}%。{cmp_}')
P('六、一般公共预算财政拨款基本支出决算情况说明')
P(f'2024年度一般公共预算财政拨款基本支出{fmt(basic)}万元，其中：人员经费{fmt(RY)}万元，主要包括基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、公务员医疗补助缴费、其他社会保障缴费、住房公积金、其他工资福利支出、退休费、生活补助；公用经费{fmt(GY)}万元，主要包括办公费、水费、电费、邮电费、取暖费、差旅费、维修（护）费、培训费、公务接待费、工会经费、福利费、公务用车运行维护费、其他交通费用、其他商品和服务支出。')
P('七、一般公共预算财政拨款“三公”经费支出决算情况说明')
P('（一）“三公”经费财政拨款支出决算总体情况说明')
P(f'2024年度“三公”经费财政拨款支出年初预算为{fmt(s4(SG_B))}万元，支出决算为{fmt(s4(SG_A))}万元，完成预算的{pct(s4(SG_A), s4(SG_B))}%。其中：因公出国（境）费年初预算为0万元，支出决算为0万元；公务用车购置及运行维护费年初预算为{fmt(SG_B[2] + SG_B[3])}万元，支出决算为{fmt(SG_A[2] + SG_A[3])}万元，完成预算的{pct(SG_A[2] + SG_A[3], SG_B[2] + SG_B[3])}%；公务接待费年初预算为{fmt(SG_B[1])}万元，支出决算为{fmt(PLANT_JD)}万元。决算数小于预算数的主要原因是严格落实过紧日子要求，压减公务用车运行和公务接待支出。')
P(f'2024年度“三公”经费财政拨款支出决算数比2023年度增加{fmt(s4(SG_A) - s4(Y23["sg"]))}万元，增长{growth(s4(SG_A), s4(Y23["sg"]))}%。其中：因公出国（境）费支出决算与上年持平；公务用车购置及运行维护费支出决算增加{fmt(SG_A[2] + SG_A[3] - Y23["sg"][2] - Y23["sg"][3])}万元，主要原因是畜牧兽医发展中心购置1辆动物防疫应急用车；公务接待费支出决算比上年有所减少，主要原因是严格执行公务接待标准。')
P('（二）“三公”经费财政拨款支出决算具体情况说明')
P('1、因公出国（境）费支出0万元。全年安排因公出国（境）团组0个、累计0人次。')
P(f'2、公务用车购置及运行维护费支出{fmt(SG_A[2] + SG_A[3])}万元。其中：公务用车购置支出{fmt(SG_A[2])}万元，购置动物防疫应急用车1辆；公务用车运行维护支出{fmt(SG_A[3])}万元，主要用于农业综合执法检查、动物疫病防控和技术指导等所需的公务用车燃料费、维修费、保险费等。截至2024年底，本部门开支财政拨款的公务用车保有量为7辆。')
P('3、公务接待费支出。国内公务接待14批次、86人次（其中外宾接待0批次、0人次），主要用于上级部门检查指导农业农村工作发生的工作餐费用。')
P('八、政府性基金预算财政拨款收入支出决算情况说明')
P(f'2024年度政府性基金预算财政拨款收入{fmt(fund_inc)}万元，支出{fmt(fund_exp)}万元，年末结转和结余{fmt(fund_close)}万元。支出具体情况如下：城乡社区支出（类）国有土地使用权出让收入安排的支出（款）农村基础设施建设（项），年初预算为{fmt(FUND_BUDGET)}万元，支出决算为{fmt(fund_exp)}万元，完成年初预算的{pct(fund_exp, FUND_BUDGET)}%，决算数大于预算数的主要原因是年中追加高标准农田配套设施建设资金。')
P('九、国有资本经营预算财政拨款收入支出决算情况说明')
P('本部门2024年度无国有资本经营预算财政拨款收入和支出。')
P('十、其他重要事项的情况说明')
P('（一）机关运行经费支出情况')
jg = gy['001']
P(f'2024年度本部门机关运行经费支出{fmt(jg)}万元，比2023年度减少{fmt(Y23["jgyx"] - jg)}万元，下降{fmt(-growth(jg, Y23["jgyx"]))}%。主要原因是压减办公费和差旅费支出。')
GP = dict(goods=D('68.20'), works=D('158.00'), serv=D('60.20'), sme=D('241.70'), micro=D('175.30'))
GP['total'] = GP['goods'] + GP['works'] + GP['serv']
P('（二）政府采购支出情况')
P(f'2024年度本部门政府采购支出总额{fmt(GP["total"])}万元，其中：政府采购货物支出{fmt(GP["goods"])}万元、政府采购工程支出{fmt(GP["works"])}万元、政府采购服务支出{fmt(GP["serv"])}万元。授予中小企业合同金额{fmt(GP["sme"])}万元，占政府采购支出总额的{pct(GP["sme"], GP["total"])}%，其中：授予小微企业合同金额{fmt(GP["micro"])}万元，占政府采购支出总额的{pct(GP["micro"], GP["total"])}%。')
P('（三）国有资产占有使用情况')
P('截至2024年12月31日，本部门共有车辆7辆，其中：主要领导干部用车0辆、机要通信用车0辆、应急保障用车1辆、执法执勤用车1辆、特种专业技术用车3辆、离退休干部服务用车0辆、其他用车2辆（一般公务用车）。车辆账面价值合计186.40万元。单价100万元（含）以上设备（不含车辆）0台（套）。')
# performance
PERF = [  # name, 全年预算数, score
 ('高标准农田建设', '1320.00', '95.02'), ('高标准农田建设（土地出让收入安排）', '450.00', '91.00'),
 ('耕地地力保护补贴', '1836.50', '98.00'), ('衔接推进乡村振兴产业路建设', '678.40', '88.60'),
 ('农村人居环境整治', '150.00', '91.20'), ('农作物病虫害统防统治', '96.40', '96.00'),
 ('基层农技推广体系建设', '58.00', '90.50'), ('农业实用技术培训', '12.40', '87.00'),
 ('动物疫病强制免疫', '142.30', '97.50'), ('动物防疫应急用车购置', '17.00', '95.00'),
 ('畜禽粪污资源化利用', '210.00', '86.40'),
]
pname_amt = {p[1]: D(p[4]) for p in PROJECTS}
avg = q2(sm(D(s) for _, _, s in PERF) / len(PERF))
you = sum(1 for _, _, s in PERF if D(s) >= 90); liang = len(PERF) - you
P('（四）预算绩效管理情况')
P(f'本部门对2024年度{len(PERF)}个项目全部开展了绩效自评，涉及资金{fmt(proj)}万元，平均得分{avg}分，其中绩效评级为“优”的项目{you}个，为“良”的项目{liang}个。部门整体支出绩效自评得分92.60分。自评结果详见附件。')
P('')
P('第四部分 名词解释')
P('一、财政拨款收入：指单位从同级政府财政部门取得的财政预算资金。')
P('二、其他收入：指单位取得的除上述收入以外的各项收入，主要是农业技术培训收入。')
P('三、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。')
P('四、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。')
P('五、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。')
P('六、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。')
P('七、“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。')
P('八、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。')
P('')
P('第五部分 附件')
P('附件1')
P('部门整体支出绩效自评表')
P('（2024年度）')
T('部门名称', DEPT, '', '', '', '', '', '')
T('部门资金（万元）', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分')
T('', '年度资金总额', '5,780.00', fmt(grand), fmt(exp_tot), '10', f'{pct(exp_tot, grand)}%', '9.78')
T('总分', '', '', '', '', '100', '', '92.60')
P('')
P('附件2')
P('项目支出绩效自评结果汇总表')
P('（2024年度）\t\t\t\t\t\t金额单位：万元')
T('序号', '项目名称', '实施单位', '全年预算数', '全年执行数', '执行率', '自评得分', '评价等级')
uname = {u: nm for u, nm, _ in UNITS}
perf_out = []
for i, (nm, bud, sc) in enumerate(PERF, 1):
    unit = [p[0] for p in PROJECTS if p[1] == nm][0]
    ex = pname_amt[nm]; rate = pct(ex, D(bud))
    lvl = '优' if D(sc) >= 90 else '良'
    T(i, nm, uname[unit], fmt(D(bud)), fmt(ex), f'{rate}%', sc, lvl)
    perf_out.append(dict(name=nm, unit=uname[unit], budget=D(bud), exec=ex, rate=rate, score=D(sc), level=lvl))
P('')
P('附件3')
P('项目支出绩效自评表')
P('（2024年度）')
T('项目名称', '高标准农田建设', '', '', '', '', '', '', '')
T('主管部门', DEPT, '', '实施单位', '岢峪县农业农村局（本级）', '', '', '', '')
T('项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '')
T('', '年度资金总额', '1,050.00', '1,320.00', '1,260.00', '10', '95.45%', '9.55', '')
T('', '其中：当年财政拨款', '1,050.00', '1,200.00', '1,140.00', '—', '—', '—', '')
T('', '上年结转资金', '0.00', '120.00', '120.00', '—', '—', '—', '')
T('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '')
T('产出指标', '数量指标', '新建高标准农田面积', '≥1.2万亩', '1.2万亩', '20', '20', '', '')
T('', '质量指标', '工程验收合格率', '=100%', '100%', '15', '15', '', '')
T('', '时效指标', '项目完工率', '≥95%', '90%', '10', '9.47', '2处灌排设施受汛期影响延期完工，已督促施工单位于2025年4月底前完成', '')
T('效益指标', '经济效益指标', '项目区亩均粮食产能提高', '≥50公斤', '55公斤', '20', '20', '', '')
T('', '社会效益指标', '项目区农户亩均增收', '≥100元', '60元', '10', '6', '新建农田当年只种植一季，增收效果需在后续年度显现', '')
T('满意度指标', '服务对象满意度指标', '项目区群众满意度', '≥90%', '93%', '15', '15', '', '')
T('总分', '', '', '', '', '100', '95.02', '', '')
assert D('9.55') + 20 + 15 + D('9.47') + 20 + 6 + 15 == D('95.02')
assert D('1140.00') + D('120.00') == D('1260.00')
# ---------- facts ----------
F['B'] = dict(grand=grand, inc_tot=inc_tot, exp_tot=exp_tot, basic=basic, proj=proj, gpb_inc=gpb_inc, fund_inc=fund_inc,
              oth_inc=OTH_INC, open_tot=open_tot, close_tot=close_tot, gpb_open=gpb_open, gpb_close=gpb_close,
              fund_close=fund_close, nf_close=nf_close, fin_inc=fin_inc, fin_exp=fin_exp, fin_grand=fin_grand,
              gpb_exp=gpb_exp, fund_exp=fund_exp, RY=RY, GY=GY, ry=ry, gy=gy, jgyx=jg, Y23=Y23, FIN_BUDGET=FIN_BUDGET,
              GPB_BUDGET=GPB_BUDGET, FUND_BUDGET=FUND_BUDGET, XB=XB, xact=xact, SG_B=SG_B, SG_A=SG_A, PLANT_JD=PLANT_JD, GP=GP, glei=glei,
              tree=[list(x) for x in TREE], gtree=[list(x) for x in GTREE], inc_table=inc_table, econ=ec, perf=perf_out,
              perf_avg=avg, lei_amt=lei_amt)
open(OUT, 'w').write('\n'.join(L) + '\n')
F.dump(sys.argv[2] if len(sys.argv) > 2 else OUT + '.facts.json')
print(OUT, len(L), 'lines')
