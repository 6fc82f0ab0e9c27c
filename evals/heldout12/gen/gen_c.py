"""C. 陕西省骊原市泾华区发展和改革委员会 2025 部门预算 — .md saved from a web page,
tables left as HTML (two-row headers with colspan/rowspan), amounts in 元 with thousands separators.
PLANTED INCONSISTENCY (the only one): the prose gives 机关运行经费 as 73.86 万元; the 三公/机关运行经费
table says 736,800.00 元 (= 73.68 万元). The table is self-consistent; the prose transposes two digits."""
import os, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import Row, tree, econ_tree, check_tree, c, f2s

DEPT = '骊原市泾华区发展和改革委员会'
NAMES = {'201': '一般公共服务支出', '20104': '发展与改革事务', '208': '社会保障和就业支出', '20805': '行政事业单位养老支出',
         '210': '卫生健康支出', '21011': '行政事业单位医疗', '212': '城乡社区支出', '21208': '国有土地使用权出让收入安排的支出',
         '221': '住房保障支出', '22102': '住房改革支出', '223': '国有资本经营预算支出', '22301': '解决历史遗留问题及改革成本支出'}
ECON_NAMES = {'301': '工资福利支出', '302': '商品和服务支出', '303': '对个人和家庭的补助'}
ECON = [
    ('30101', '基本工资', 2418600, 0), ('30102', '津贴补贴', 2965200, 0), ('30103', '奖金', 201550, 0),
    ('30107', '绩效工资', 1284300, 0), ('30108', '机关事业单位基本养老保险缴费', 1027368, 0),
    ('30109', '职业年金缴费', 513684, 0), ('30110', '职工基本医疗保险缴费', 574645, 0),
    ('30112', '其他社会保障缴费', 41096, 0), ('30113', '住房公积金', 856920, 0),
    ('30201', '办公费', 0, 186000), ('30205', '水费', 0, 12000), ('30206', '电费', 0, 64000), ('30207', '邮电费', 0, 28000),
    ('30211', '差旅费', 0, 92000), ('30212', '因公出国（境）费用', 0, 80000), ('30215', '会议费', 0, 30000),
    ('30216', '培训费', 0, 45000), ('30217', '公务接待费', 0, 36000), ('30228', '工会经费', 0, 102600),
    ('30229', '福利费', 0, 88400), ('30231', '公务用车运行维护费', 0, 96000), ('30239', '其他交通费用', 0, 118000),
    ('30299', '其他商品和服务支出', 0, 54000),
    ('30302', '退休费', 612500, 0), ('30305', '生活补助', 72000, 0),
]
econ = econ_tree(ECON, ECON_NAMES)
GB = sum(n['pe'] + n['pu'] for n in econ if len(n['code']) == 3)
fixed = [2748620, 684500, 1027368, 513684, 398215, 176430, 856920]
R = (GB - sum(c(x) for x in fixed)) / 100
ROWS = [
    Row('2010401', '行政运行', gen=(R, 0)),
    Row('2010402', '一般行政管理事务', gen=(0, 1260000)),
    Row('2010404', '战略规划与实施', gen=(0, 2850000)),
    Row('2010408', '物价管理', gen=(0, 486000)),
    Row('2010450', '事业运行', gen=(2748620, 0), unit=(120000, 0)),
    Row('2010499', '其他发展与改革事务支出', gen=(0, 3600000)),
    Row('2080501', '行政单位离退休', gen=(684500, 0)),
    Row('2080505', '机关事业单位基本养老保险缴费支出', gen=(1027368, 0)),
    Row('2080506', '机关事业单位职业年金缴费支出', gen=(513684, 0)),
    Row('2101101', '行政单位医疗', gen=(398215, 0)),
    Row('2101102', '事业单位医疗', gen=(176430, 0)),
    Row('2120899', '其他国有土地使用权出让收入安排的支出', fund=(0, 5000000)),
    Row('2210201', '住房公积金', gen=(856920, 0)),
    Row('2230199', '其他解决历史遗留问题及改革成本支出', soe=(0, 300000)),
]
SG = dict(out=c(80000), rec=c(36000), buy=0, run=c(96000))
SG_PREV = dict(out=c(60000), rec=c(42000), buy=0, run=c(104000))
JGYX = c(736800)          # 机关运行经费 (table)
JGYX_PROSE = '73.86'      # planted: prose figure (should be 73.68)
JGYX_PREV = c(712500)
PREV = dict(total=c(22987300), gen=c(18906400))

def build():
    allt = tree(ROWS, NAMES); check_tree(allt)
    gent = tree(ROWS, NAMES, only=['gen']); check_tree(gent)
    fundt = tree(ROWS, NAMES, only=['fund']); soet = tree(ROWS, NAMES, only=['soe'])
    lei = [n for n in allt if len(n.code) == 3]
    T = sum(n.basic + n.proj for n in lei); B = sum(n.basic for n in lei); P = T - B
    G = sum(r.total(['gen']) for r in ROWS); GBx = sum(r.basic(['gen']) for r in ROWS); GP = G - GBx
    assert GBx == GB
    F = sum(r.total(['fund']) for r in ROWS); S = sum(r.total(['soe']) for r in ROWS); U = sum(r.total(['unit']) for r in ROWS)
    assert G + F + S + U == T
    PE = sum(n['pe'] for n in econ if len(n['code']) == 3); PU = sum(n['pu'] for n in econ if len(n['code']) == 3)
    assert PE + PU == GB
    e = {n['code']: n for n in econ}
    assert e['30217']['pu'] == SG['rec'] and e['30231']['pu'] == SG['run'] and e['30212']['pu'] == SG['out']
    sg = sum(SG.values()); sgp = sum(SG_PREV.values())
    y = f2s
    w = lambda v: f'{v / 1000000:,.2f}'   # hundredths of 元 -> 万元
    L = []; a = L.append
    def z(v): return y(v) if v else ''
    def table(head_rows, body):
        a('<table>')
        for hr in head_rows:
            a('<tr>' + ''.join(hr) + '</tr>')
        for r in body:
            a('<tr>' + ''.join(f'<td>{x}</td>' for x in r) + '</tr>')
        a('</table>')
        a('')
    def th(t, cs=1, rs=1):
        at = (f' colspan="{cs}"' if cs > 1 else '') + (f' rowspan="{rs}"' if rs > 1 else '')
        return f'<th{at}>{t}</th>'
    a(f'# {DEPT}2025年部门预算公开')
    a('')
    a('> 来源：骊原市泾华区人民政府网站 › 政务公开 › 财政资金 › 部门预算　发布时间：2025-02-20 10:30　浏览次数：316')
    a('')
    a('[首页](https://www.example.invalid/) / [政务公开](https://www.example.invalid/zwgk/) / 部门预算')
    a('')
    a('## 第一部分 部门概况')
    a('')
    a('### 一、主要职能')
    a('')
    a('泾华区发展和改革委员会是区政府工作部门，负责拟订并组织实施全区国民经济和社会发展战略、中长期规划和年度计划，统筹推进重大项目谋划储备和前期工作，承担价格管理和成本监审工作，推进营商环境优化和社会信用体系建设。')
    a('')
    a('### 二、机构设置及人员情况')
    a('')
    a(f'{DEPT}部门预算由委机关和所属2个事业单位（泾华区价格认证中心、泾华区重点项目服务中心）的预算组成。委机关内设办公室、规划科、投资科、价格科、经济运行科、营商环境科6个科室。编制数56名，实有人数71人，其中：在职52人，退休19人。')
    a('')
    a('## 第二部分 2025年部门预算表')
    a('')
    # 1 收支总表
    a('**表1 部门收支总表**'); a(''); a('单位：元'); a('')
    inc = [('一、一般公共预算拨款收入', G), ('二、政府性基金预算拨款收入', F), ('三、国有资本经营预算拨款收入', S),
           ('四、财政专户管理资金收入', None), ('五、单位资金', U), ('六、上年结转', None)]
    cn = '一二三四五六七八'
    exp = [(f'{cn[i]}、{n.name}', n.basic + n.proj) for i, n in enumerate(lei)]
    body = []
    for i in range(max(len(inc), len(exp))):
        l = inc[i] if i < len(inc) else ('', None); r = exp[i] if i < len(exp) else ('', None)
        body.append([l[0], y(l[1]) if l[1] is not None else '', r[0], y(r[1]) if r[1] is not None else ''])
    body.append(['收入总计', y(T), '支出总计', y(T)])
    table([[th('收入', 2), th('支出', 2)], [th('项目'), th('预算数'), th('项目'), th('预算数')]], body)
    # 2 收入总表
    a('**表2 部门收入总表**'); a(''); a('单位：元'); a('')
    body = [[n.code, n.name, y(n.basic + n.proj), z(n.by['gen']), z(n.by['fund']), z(n.by['soe']), z(n.by['unit']), ''] for n in allt]
    body.append(['', '合计', y(T), y(G), y(F), y(S), y(U), ''])
    table([[th('科目编码', rs=2), th('科目名称', rs=2), th('合计', rs=2), th('本年收入', 4), th('上年结转', rs=2)],
           [th('一般公共预算'), th('政府性基金预算'), th('国有资本经营预算'), th('单位资金')]], body)
    # 3 支出总表
    a('**表3 部门支出总表**'); a(''); a('单位：元'); a('')
    body = [[n.code, n.name, y(n.basic + n.proj), z(n.basic), z(n.proj)] for n in allt]
    body.append(['', '合计', y(T), y(B), y(P)])
    table([[th('科目编码', rs=2), th('科目名称', rs=2), th('合计', rs=2), th('其中', 2)], [th('基本支出'), th('项目支出')]], body)
    # 4 财政拨款收支总表
    a('**表4 财政拨款收支总表**'); a(''); a('单位：元'); a('')
    flei = [n for n in tree(ROWS, NAMES, only=['gen', 'fund', 'soe']) if len(n.code) == 3]
    fin = [('一、一般公共预算拨款', G), ('二、政府性基金预算拨款', F), ('三、国有资本经营预算拨款', S)]
    body = []
    for i in range(max(len(fin), len(flei))):
        l = fin[i] if i < len(fin) else ('', None)
        if i < len(flei):
            n = flei[i]; r = [f'{cn[i]}、{n.name}', y(n.by['gen'] + n.by['fund'] + n.by['soe']), z(n.by['gen']), z(n.by['fund']), z(n.by['soe'])]
        else:
            r = ['', '', '', '', '']
        body.append([l[0], y(l[1]) if l[1] is not None else ''] + r)
    body.append(['收入总计', y(G + F + S), '支出总计', y(G + F + S), y(G), y(F), y(S)])
    table([[th('收入', 2), th('支出', 5)], [th('项目'), th('预算数'), th('项目'), th('合计'), th('一般公共预算'), th('政府性基金预算'), th('国有资本经营预算')]], body)
    # 5 一般公共预算支出表
    a('**表5 一般公共预算支出表**'); a(''); a('单位：元'); a('')
    body = [[n.code, n.name, y(n.basic + n.proj), z(n.basic), z(n.proj)] for n in gent]
    body.append(['', '合计', y(G), y(GB), y(GP)])
    table([[th('科目编码', rs=2), th('科目名称', rs=2), th('合计', rs=2), th('其中', 2)], [th('基本支出'), th('项目支出')]], body)
    # 6 基本支出
    a('**表6 一般公共预算基本支出表**'); a(''); a('单位：元'); a('')
    body = [[n['code'], n['name'], y(n['pe'] + n['pu']), z(n['pe']), z(n['pu'])] for n in econ]
    body.append(['', '合计', y(GB), y(PE), y(PU)])
    table([[th('经济分类科目编码', rs=2), th('科目名称', rs=2), th('合计', rs=2), th('其中', 2)], [th('人员经费'), th('公用经费')]], body)
    # 7 三公 + 机关运行经费
    a('**表7 一般公共预算“三公”经费及机关运行经费预算表**'); a(''); a('单位：元'); a('')
    table([[th('项目', rs=2), th('“三公”经费', 6), th('机关运行经费', rs=2)],
           [th('合计'), th('因公出国（境）费'), th('公务接待费'), th('公务用车购置及运行费'), th('公务用车购置费'), th('公务用车运行费')]],
          [['2025年预算数', y(sg), y(SG['out']), y(SG['rec']), y(SG['buy'] + SG['run']), y(SG['buy']), y(SG['run']), y(JGYX)],
           ['2024年预算数', y(sgp), y(SG_PREV['out']), y(SG_PREV['rec']), y(SG_PREV['buy'] + SG_PREV['run']), y(SG_PREV['buy']), y(SG_PREV['run']), y(JGYX_PREV)]])
    # 8 政府性基金
    a('**表8 政府性基金预算支出表**'); a(''); a('单位：元'); a('')
    body = [[n.code, n.name, y(n.basic + n.proj), z(n.basic), z(n.proj)] for n in fundt]
    body.append(['', '合计', y(F), '', y(F)])
    table([[th('科目编码', rs=2), th('科目名称', rs=2), th('合计', rs=2), th('其中', 2)], [th('基本支出'), th('项目支出')]], body)
    # 9 国有资本经营
    a('**表9 国有资本经营预算支出表**'); a(''); a('单位：元'); a('')
    body = [[n.code, n.name, y(n.basic + n.proj), z(n.basic), z(n.proj)] for n in soet]
    body.append(['', '合计', y(S), '', y(S)])
    table([[th('科目编码', rs=2), th('科目名称', rs=2), th('合计', rs=2), th('其中', 2)], [th('基本支出'), th('项目支出')]], body)
    # prose (万元)
    pct = lambda x, yv: f'{abs(x - yv) / yv * 100:.2f}%'
    a('## 第三部分 2025年部门预算情况说明'); a('')
    a('### 一、收支预算总体情况'); a('')
    a(f'2025年{DEPT}收支总预算{w(T)}万元，比上年增加{w(T - PREV["total"])}万元，增长{pct(T, PREV["total"])}，主要原因是重点片区规划及项目前期经费增加。收入包括：一般公共预算拨款收入{w(G)}万元，政府性基金预算拨款收入{w(F)}万元，国有资本经营预算拨款收入{w(S)}万元，单位资金（事业收入）{w(U)}万元。支出包括：基本支出{w(B)}万元，项目支出{w(P)}万元。')
    a('')
    a('### 二、一般公共预算支出情况'); a('')
    a(f'2025年一般公共预算支出{w(G)}万元，比上年增加{w(G - PREV["gen"])}万元，增长{pct(G, PREV["gen"])}。其中：基本支出{w(GB)}万元，包括人员经费{w(PE)}万元、公用经费{w(PU)}万元；项目支出{w(GP)}万元。')
    a('')
    a('### 三、“三公”经费预算情况'); a('')
    a(f'2025年“三公”经费预算{w(sg)}万元，比上年增加{w(sg - sgp)}万元，增长{pct(sg, sgp)}。其中：因公出国（境）费{w(SG["out"])}万元，比上年增加{w(SG["out"] - SG_PREV["out"])}万元，主要原因是按区委安排组织赴德国开展产业合作和招商考察1批次；公务接待费{w(SG["rec"])}万元，比上年减少{w(SG_PREV["rec"] - SG["rec"])}万元，主要原因是严格执行公务接待标准；公务用车购置及运行费{w(SG["buy"] + SG["run"])}万元，其中公务用车购置费0万元，公务用车运行费{w(SG["run"])}万元，比上年减少{w(SG_PREV["run"] - SG["run"])}万元，主要原因是车辆使用年限延长、维修费用压减。')
    a('')
    a('### 四、机关运行经费'); a('')
    a(f'2025年委机关机关运行经费预算{JGYX_PROSE}万元，比上年增加{w(JGYX - JGYX_PREV)}万元，增长{pct(JGYX, JGYX_PREV)}，主要原因是新增营商环境科办公场所水电及物业支出。')
    a('')
    a('### 五、政府采购情况'); a('')
    a('2025年政府采购预算228.00万元，其中：政府采购货物预算42.00万元，政府采购工程预算0万元，政府采购服务预算186.00万元。')
    a('')
    a('### 六、国有资产占有使用情况'); a('')
    a('截至2024年12月31日，本部门共有车辆3辆，其中：机要通信用车1辆，一般公务用车2辆；单价100万元（含）以上设备0台（套）。2025年部门预算未安排购置车辆。')
    a('')
    a('### 七、项目支出情况'); a('')
    a('1. “十五五”规划编制及重大课题研究项目：预算安排285.00万元，用于全区“十五五”规划纲要编制和6项重大课题研究，承担单位为委机关规划科，资金执行时间为2025年全年。')
    a('')
    a('2. 重点项目谋划储备及前期工作项目：预算安排360.00万元，用于重点项目可研、评估和项目库动态管理。')
    a('')
    a('3. 发展改革综合业务经费：预算安排126.00万元，用于营商环境评价、社会信用体系建设和统计监测。')
    a('')
    a('4. 价格监测与成本调查项目：预算安排48.60万元，承担单位为泾华区价格认证中心，用于重要民生商品价格监测和定价成本监审。')
    a('')
    a('5. 重点片区规划及项目前期经费：预算安排500.00万元，资金来源为政府性基金预算（国有土地使用权出让收入），用于沣东新片区控制性详细规划和基础设施项目前期工作。')
    a('')
    a('6. 区属国有企业改革成本补助：预算安排30.00万元，资金来源为国有资本经营预算，用于区属国有企业退休人员社会化管理移交补助。')
    a('')
    a('### 八、名词解释'); a('')
    a('1. 一般公共预算拨款收入：指区财政当年拨付的资金。')
    a('')
    a('2. 政府性基金预算拨款收入：指依法向特定对象征收、收取或以其他方式筹集，专项用于特定公共事业发展的资金。')
    a('')
    a('3. 基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。')
    a('')
    a('4. 项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。')
    a('')
    a('5. “三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。')
    a('')
    a('6. 机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算安排的基本支出中的日常公用经费支出。')
    a('')
    a('联系方式：泾华区发展和改革委员会办公室　刘静怡　029-83276150')
    return '\n'.join(L) + '\n'

if __name__ == '__main__':
    out = os.path.join(os.path.dirname(__file__), '..', 'docs', 'sx-jinghua-fgw-2025-bmys.md')
    open(out, 'w', encoding='utf-8').write(build()); print('wrote', out)
