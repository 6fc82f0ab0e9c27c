"""B. 湖北省漳河市农业技术推广中心 2024 单位决算 — .xlsx, one sheet per table,
科目编码 split into 类 | 款 | 项 columns, names indented, numbers as numbers (#,##0.00, 万元)."""
import os, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import Row, tree, econ_tree, check_tree, c
from openpyxl import Workbook
from openpyxl.styles import Alignment

UNIT = '漳河市农业技术推广中心'
NAMES = {'213': '农林水支出', '21301': '农业农村', '208': '社会保障和就业支出', '20805': '行政事业单位养老支出',
         '210': '卫生健康支出', '21011': '行政事业单位医疗', '221': '住房保障支出', '22102': '住房改革支出'}
ECON_NAMES = {'301': '工资福利支出', '302': '商品和服务支出', '303': '对个人和家庭的补助'}
ECON = [
    ('30101', '基本工资', 96.48, 0), ('30102', '津贴补贴', 18.36, 0), ('30107', '绩效工资', 72.90, 0),
    ('30108', '机关事业单位基本养老保险缴费', 41.64, 0), ('30109', '职业年金缴费', 20.82, 0),
    ('30110', '职工基本医疗保险缴费', 17.35, 0), ('30112', '其他社会保障缴费', 2.18, 0), ('30113', '住房公积金', 31.23, 0),
    ('30201', '办公费', 0, 5.60), ('30202', '印刷费', 0, 1.20), ('30207', '邮电费', 0, 1.45), ('30211', '差旅费', 0, 6.80),
    ('30213', '维修（护）费', 0, 3.10), ('30216', '培训费', 0, 2.40), ('30217', '公务接待费', 0, 0.86),
    ('30228', '工会经费', 0, 3.62), ('30229', '福利费', 0, 4.30), ('30231', '公务用车运行维护费', 0, 4.75),
    ('30239', '其他交通费用', 0, 2.90),
    ('30302', '退休费', 31.40, 0), ('30399', '其他对个人和家庭的补助', 3.80, 0),
]
econ = econ_tree(ECON, ECON_NAMES)
GB = sum(n['pe'] + n['pu'] for n in econ if len(n['code']) == 3)
fixed = [35.20, 41.64, 20.82, 17.35, 31.23]
R = (GB - sum(c(x) for x in fixed)) / 100
# 决算 spending by row; 'unit' = 事业收入, 'soe' slot reused for 其他收入 (no SOE money in this unit)
ROWS = [
    Row('2130104', '事业运行', gen=(R, 0), soe=(4.10, 0)),
    Row('2130106', '科技转化与推广服务', gen=(0, 126.40), unit=(0, 38.50)),
    Row('2130108', '病虫害控制', gen=(0, 64.80)),
    Row('2130119', '防灾救灾', gen=(0, 22.00)),
    Row('2130135', '农业生态资源保护', gen=(0, 47.36)),
    Row('2080502', '事业单位离退休', gen=(35.20, 0)),
    Row('2080505', '机关事业单位基本养老保险缴费支出', gen=(41.64, 0)),
    Row('2080506', '机关事业单位职业年金缴费支出', gen=(20.82, 0)),
    Row('2101102', '事业单位医疗', gen=(17.35, 0)),
    Row('2210201', '住房公积金', gen=(31.23, 0)),
]
CARRY_IN = {'2130108': c(15.60)}   # 年初财政拨款结转 used on this row
CARRY_OUT = {'2130135': c(9.20)}   # 年末财政拨款结转
SG_BUD = dict(out=0, rec=c(1.20), buy=0, run=c(5.00))
SG_ACT = dict(out=0, rec=c(0.86), buy=0, run=c(4.75))
SG_PREV = dict(out=0, rec=c(1.05), buy=0, run=c(5.32))
PREV_EXP, PREV_INC = c(641.85), c(655.20)
GEN_BUDGET0 = c(610.00)   # 一般公共预算财政拨款 年初预算数

def build(path):
    allt = tree(ROWS, NAMES); check_tree(allt)
    gent = tree(ROWS, NAMES, only=['gen']); check_tree(gent)
    lei = [n for n in allt if len(n.code) == 3]
    EXP = sum(n.basic + n.proj for n in lei); EB = sum(n.basic for n in lei); EP = EXP - EB
    G = sum(r.total(['gen']) for r in ROWS); GBx = sum(r.basic(['gen']) for r in ROWS); GP = G - GBx
    assert GBx == GB
    BIZ = sum(r.total(['unit']) for r in ROWS); OTH = sum(r.total(['soe']) for r in ROWS)
    CI = sum(CARRY_IN.values()); CO = sum(CARRY_OUT.values())
    GINC = G - CI + CO
    INC = GINC + BIZ + OTH
    assert INC + CI == EXP + CO
    PE = sum(n['pe'] for n in econ if len(n['code']) == 3); PU = sum(n['pu'] for n in econ if len(n['code']) == 3)
    assert PE + PU == GB
    e = {n['code']: n for n in econ}
    assert e['30217']['pu'] == SG_ACT['rec'] and e['30231']['pu'] == SG_ACT['run']
    wb = Workbook(); wb.remove(wb.active)
    FMT = '#,##0.00'
    def sheet(title, unit_line='单位：万元'):
        ws = wb.create_sheet(title)
        ws.append([title]); ws.append([f'编制单位：{UNIT}', '', '', '', '', unit_line])
        return ws
    def put(ws, row):
        vals = [(None if (isinstance(v, int) and not isinstance(v, bool) and v == 0 and i >= 4) else v) for i, v in enumerate(row)]
        ws.append([v / 100 if isinstance(v, int) and not isinstance(v, bool) else v for v in vals])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = FMT
    def parts(code):
        if len(code) == 3: return [code, '', '']
        if len(code) == 5: return [code[:3], code[3:5], '']
        return [code[:3], code[3:5], code[5:7]]
    def ind(n):
        return ' ' * (0 if len(n.code) == 3 else 2 if len(n.code) == 5 else 4) + n.name
    # 1 收入支出决算总表
    ws = sheet('收入支出决算总表')
    ws.append(['收入', '', '支出', ''])
    ws.append(['项目', '决算数', '项目', '决算数'])
    inc = [('一、一般公共预算财政拨款收入', GINC), ('二、政府性基金预算财政拨款收入', None), ('三、国有资本经营预算财政拨款收入', None),
           ('四、上级补助收入', None), ('五、事业收入', BIZ), ('六、经营收入', None), ('七、附属单位上缴收入', None), ('八、其他收入', OTH)]
    cn = '一二三四五六七八'
    exp = [(f'{cn[i]}、{n.name}', n.basic + n.proj) for i, n in enumerate(lei)]
    for i in range(len(inc)):
        l = inc[i]; r = exp[i] if i < len(exp) else ('', None)
        ws.append([l[0], l[1] / 100 if l[1] is not None else None, r[0], r[1] / 100 if r[1] is not None else None])
    ws.append(['本年收入合计', INC / 100, '本年支出合计', EXP / 100])
    ws.append(['使用非财政拨款结余', None, '结余分配', None])
    ws.append(['年初结转和结余', CI / 100, '年末结转和结余', CO / 100])
    ws.append(['总计', (INC + CI) / 100, '总计', (EXP + CO) / 100])
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, float): cell.number_format = FMT
    # 2 收入决算表
    ws = sheet('收入决算表')
    ws.append(['科目编码', '', '', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'])
    ws.append(['类', '款', '项', '', '', '', '', '', '', '', ''])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=3)
    def inc_row(code):  # income of a row = spending - carry in + carry out (财政拨款 only)
        return sum((r.total(['gen']) - CARRY_IN.get(r.code, 0) + CARRY_OUT.get(r.code, 0)) for r in ROWS if r.code.startswith(code) and r.total(['gen']))
    for n in allt:
        gi = inc_row(n.code); bi = n.by['unit']; oi = n.by['soe']
        put(ws, parts(n.code) + [ind(n), gi + bi + oi, gi, 0, bi, 0, 0, oi])
    put(ws, ['', '', '', '合计', INC, GINC, 0, BIZ, 0, 0, OTH])
    # 3 支出决算表
    ws = sheet('支出决算表')
    ws.append(['科目编码', '', '', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'])
    ws.append(['类', '款', '项', '', '', '', '', '', '', ''])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=3)
    for n in allt:
        put(ws, parts(n.code) + [ind(n), n.basic + n.proj, n.basic, n.proj, 0, 0, 0])
    put(ws, ['', '', '', '合计', EXP, EB, EP, 0, 0, 0])
    # 4 财政拨款收入支出决算总表
    ws = sheet('财政拨款收入支出决算总表')
    ws.append(['收入', '', '支出', '', '', '', ''])
    ws.append(['项目', '决算数', '项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'])
    glei = [n for n in gent if len(n.code) == 3]
    fin = [('一、一般公共预算财政拨款', GINC), ('二、政府性基金预算财政拨款', None), ('三、国有资本经营预算财政拨款', None)]
    for i in range(max(len(fin), len(glei))):
        l = fin[i] if i < len(fin) else ('', None)
        row = [l[0], l[1] / 100 if l[1] is not None else None]
        if i < len(glei):
            n = glei[i]; row += [f'{cn[i]}、{n.name}', (n.basic + n.proj) / 100, (n.basic + n.proj) / 100, None, None]
        ws.append(row)
    ws.append(['本年收入合计', GINC / 100, '本年支出合计', G / 100, G / 100, None, None])
    ws.append(['年初财政拨款结转和结余', CI / 100, '年末财政拨款结转和结余', CO / 100, CO / 100, None, None])
    ws.append(['总计', (GINC + CI) / 100, '总计', (G + CO) / 100, (G + CO) / 100, None, None])
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, float): cell.number_format = FMT
    # 5 一般公共预算财政拨款支出决算表
    ws = sheet('一般公共预算财政拨款支出决算表')
    ws.append(['科目编码', '', '', '科目名称', '本年支出合计', '基本支出', '项目支出'])
    ws.append(['类', '款', '项', '', '', '', ''])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=3)
    for n in gent:
        put(ws, parts(n.code) + [ind(n), n.basic + n.proj, n.basic, n.proj])
    put(ws, ['', '', '', '合计', G, GB, GP])
    # 6 基本支出决算表
    ws = sheet('一般公共预算财政拨款基本支出决算表')
    ws.append(['经济分类科目编码', '', '科目名称', '合计', '人员经费', '公用经费'])
    ws.append(['类', '款', '', '', '', ''])
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=2)
    for n in econ:
        cd = n['code']; p = [cd[:3], cd[3:5] if len(cd) == 5 else '']
        nm = ('  ' if len(cd) == 5 else '') + n['name']
        ws.append(p + [nm] + [v / 100 if v else None for v in (n['pe'] + n['pu'], n['pe'], n['pu'])])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float): cell.number_format = FMT
    ws.append(['', '', '合计', GB / 100, PE / 100, PU / 100])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, float): cell.number_format = FMT
    # 7 三公
    ws = sheet('财政拨款“三公”经费支出决算表')
    ws.append(['', '合计', '因公出国（境）费', '公务用车购置及运行费', '', '', '公务接待费'])
    ws.append(['', '', '', '小计', '公务用车购置费', '公务用车运行费', ''])
    ws.merge_cells(start_row=3, start_column=4, end_row=3, end_column=6)
    for label, d in (('预算数', SG_BUD), ('决算数', SG_ACT)):
        tot = sum(d.values())
        ws.append([label, tot / 100, d['out'] / 100, (d['buy'] + d['run']) / 100, d['buy'] / 100, d['run'] / 100, d['rec'] / 100])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float): cell.number_format = FMT
    # 8, 9 empty
    for t, word in (('政府性基金预算财政拨款收入支出决算表', '政府性基金预算'), ('国有资本经营预算财政拨款收入支出决算表', '国有资本经营预算')):
        ws = sheet(t)
        ws.append(['项目', '年初结转和结余', '本年收入', '本年支出', '', '', '年末结转和结余'])
        ws.append(['', '', '', '小计', '基本支出', '项目支出', ''])
        ws.append(['合计', None, None, None, None, None, None])
        ws.append([f'注：{UNIT}2024年度没有{word}财政拨款收入，也没有使用{word}财政拨款安排的支出，本表无数据。'])
    # prose
    ws = wb.create_sheet('情况说明', 0)
    pct = lambda x, y: f'{abs(x - y) / y * 100:.2f}%'
    m = lambda v: f'{v / 100:,.2f}'
    sgA = sum(SG_ACT.values()); sgB = sum(SG_BUD.values()); sgP = sum(SG_PREV.values())
    P = [
        f'{UNIT}2024年度单位决算',
        '第一部分 单位概况',
        f'一、主要职能。{UNIT}是漳河市农业农村局所属公益一类事业单位，主要承担全市农业新技术、新品种的试验示范与推广，农作物重大病虫害监测预警和统防统治，耕地质量监测与农业面源污染防治技术服务等工作。单位设办公室、推广科、植保科、土肥科、信息科5个科室，地址位于湖北省漳河市青湾区汉滨路118号，联系电话0724-3361259。',
        f'二、人员情况。{UNIT}编制数42名，年末实有人数58人，其中：在职39人，退休19人。',
        '第二部分 2024年度单位决算情况说明',
        f'一、收入支出决算总体情况说明。2024年度收入总计{m(INC + CI)}万元、支出总计{m(EXP + CO)}万元。其中本年收入合计{m(INC)}万元，比上年增加{m(INC - PREV_INC)}万元，增长{pct(INC, PREV_INC)}；本年支出合计{m(EXP)}万元，比上年增加{m(EXP - PREV_EXP)}万元，增长{pct(EXP, PREV_EXP)}，主要原因是重大病虫害统防统治任务增加。年初结转和结余{m(CI)}万元，年末结转和结余{m(CO)}万元。',
        f'二、收入决算情况说明。本年收入合计{m(INC)}万元，其中：一般公共预算财政拨款收入{m(GINC)}万元，占{GINC / INC * 100:.2f}%；事业收入{m(BIZ)}万元，占{BIZ / INC * 100:.2f}%，主要是农业技术服务收入；其他收入{m(OTH)}万元，占{OTH / INC * 100:.2f}%。',
        f'三、支出决算情况说明。本年支出合计{m(EXP)}万元，其中：基本支出{m(EB)}万元，占{EB / EXP * 100:.2f}%；项目支出{m(EP)}万元，占{EP / EXP * 100:.2f}%。',
        f'四、财政拨款收入支出决算总体情况说明。2024年度财政拨款收入总计{m(GINC + CI)}万元，其中年初财政拨款结转和结余{m(CI)}万元、本年财政拨款收入{m(GINC)}万元；财政拨款支出总计{m(G + CO)}万元，其中本年财政拨款支出{m(G)}万元、年末财政拨款结转和结余{m(CO)}万元。',
        f'五、一般公共预算财政拨款支出决算情况说明。2024年度一般公共预算财政拨款支出{m(G)}万元，完成年初预算{m(GEN_BUDGET0)}万元的{G / GEN_BUDGET0 * 100:.2f}%，决算数大于年初预算数，主要原因是年中追加重大病虫害应急防控资金并使用了上年结转资金。其中：农林水支出{m([n for n in glei if n.code == "213"][0].basic + [n for n in glei if n.code == "213"][0].proj)}万元，社会保障和就业支出{m([n for n in glei if n.code == "208"][0].basic)}万元，卫生健康支出{m([n for n in glei if n.code == "210"][0].basic)}万元，住房保障支出{m([n for n in glei if n.code == "221"][0].basic)}万元。',
        f'六、一般公共预算财政拨款基本支出决算情况说明。2024年度一般公共预算财政拨款基本支出{m(GB)}万元，其中：人员经费{m(PE)}万元，主要包括基本工资、津贴补贴、绩效工资、社会保障缴费、住房公积金、退休费等；公用经费{m(PU)}万元，主要包括办公费、印刷费、邮电费、差旅费、维修（护）费、培训费、公务接待费、公务用车运行维护费等。',
        f'七、财政拨款“三公”经费支出决算情况说明。2024年度财政拨款“三公”经费支出{m(sgA)}万元，完成预算{m(sgB)}万元的{sgA / sgB * 100:.2f}%，比上年减少{m(sgP - sgA)}万元，下降{pct(sgA, sgP)}。其中：因公出国（境）费0.00万元，本单位全年未安排因公出国（境）团组；公务用车购置及运行维护费{m(SG_ACT["buy"] + SG_ACT["run"])}万元，其中公务用车购置费0.00万元，公务用车运行维护费{m(SG_ACT["run"])}万元，比上年减少{m(SG_PREV["run"] - SG_ACT["run"])}万元，主要原因是田间调查用车实行统一派车、合并出行；公务接待费{m(SG_ACT["rec"])}万元，比上年减少{m(SG_PREV["rec"] - SG_ACT["rec"])}万元，全年国内公务接待6批次、38人次，主要原因是严格控制陪餐人数和接待标准。',
        '八、政府性基金预算财政拨款收入支出决算情况说明。本单位2024年度无政府性基金预算财政拨款收入和支出，政府性基金预算财政拨款收入支出决算表为空表。',
        '九、国有资本经营预算财政拨款收入支出决算情况说明。本单位2024年度无国有资本经营预算财政拨款收入和支出，国有资本经营预算财政拨款收入支出决算表为空表。',
        f'十、机关运行经费情况说明。本单位为公益一类事业单位，不属于行政单位和参照公务员法管理的事业单位，2024年度无机关运行经费支出。本单位一般公共预算财政拨款公用经费支出{m(PU)}万元，比上年减少2.14万元，下降5.47%，主要原因是压减会议和印刷支出。',
        '十一、政府采购情况说明。2024年度政府采购支出总额52.30万元，其中：政府采购货物支出31.80万元、政府采购工程支出0.00万元、政府采购服务支出20.50万元。授予中小企业合同金额52.30万元，占政府采购支出总额的100.00%。',
        '十二、国有资产占用情况说明。截至2024年12月31日，本单位共有房屋2,460.00平方米；车辆3辆，其中：特种专业技术用车2辆（病虫害监测用车），其他用车1辆；单价50万元（含）以上通用设备0台（套），单价100万元（含）以上专用设备2台（套）。',
        '十三、项目支出情况说明。（一）农业技术推广与示范项目，决算数164.90万元，其中财政拨款126.40万元、事业收入38.50万元，建设水稻、油菜绿色高产示范片8个，开展技术培训42期；（二）重大病虫害监测与统防统治项目，决算数64.80万元（含使用上年结转资金15.60万元），完成统防统治面积18.6万亩；（三）农业防灾减灾技术服务项目，决算数22.00万元；（四）耕地质量与农业面源污染监测项目，决算数47.36万元，年末结转9.20万元用于2025年监测点补建。',
        '第三部分 名词解释',
        '（一）财政拨款收入：指单位从同级财政部门取得的财政预算资金。（二）事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。（三）年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。（四）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。（五）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。（六）“三公”经费：指单位用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。（七）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。',
    ]
    for p in P:
        ws.append([p])
    ws.column_dimensions['A'].width = 160
    for row in ws.iter_rows():
        row[0].alignment = Alignment(wrap_text=True)
    wb.save(path)

if __name__ == '__main__':
    out = os.path.join(os.path.dirname(__file__), '..', 'docs', 'hb-zhanghe-njtgzx-2024-dwjs.xlsx')
    build(out); print('wrote', out)
