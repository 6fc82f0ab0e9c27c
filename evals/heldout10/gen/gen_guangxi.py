# Generates docs/gx_guicheng_wgtlj_2024_bmjs.xlsx : 广西壮族自治区桂澄市文化广电体育和旅游局 2024年度部门决算
# Invented department, place, people and figures. All nine 决算 tables on ONE sheet, one below another.
# Run with a Python that has openpyxl.
import os, json
from openpyxl import Workbook
OUT = os.path.join(os.path.dirname(__file__), '..', 'docs', 'gx_guicheng_wgtlj_2024_bmjs.xlsx')
r2 = lambda x: round(x + 1e-9, 2)
# code, name, basic_g, proj_g, basic_o, proj_o, proj_f
ITEMS = [
 ('2070101','行政运行',286.42,0,0,0,0),
 ('2070104','图书馆',318.75,42.00,0,0,0),
 ('2070109','群众文化',205.36,68.50,0,0,0),
 ('2070111','文化创作与保护',0,35.00,0,0,0),
 ('2070204','文物保护',0,126.80,0,0,0),
 ('2070205','博物馆',156.20,18.00,0,12.40,0),
 ('2070307','体育场馆',88.64,20.00,0,34.30,0),
 ('2070308','群众体育',0,45.60,0,0,0),
 ('2070604','旅游宣传',0,60.00,0,0,0),
 ('2080505','机关事业单位基本养老保险缴费支出',96.30,0,0,0,0),
 ('2080506','机关事业单位职业年金缴费支出',48.15,0,0,0,0),
 ('2101101','行政单位医疗',14.20,0,0,0,0),
 ('2101102','事业单位医疗',29.80,0,0,0,0),
 ('2210201','住房公积金',72.60,0,0,0,0),
 ('2296003','用于体育事业的彩票公益金支出',0,0,0,0,85.00),
]
KUAN = {'20701':'文化和旅游','20702':'文物','20703':'体育','20706':'旅游','20805':'行政事业单位养老支出',
        '21011':'行政事业单位医疗','22102':'住房改革支出','22960':'彩票公益金安排的支出'}
LEI = {'207':'文化旅游体育与传媒支出','208':'社会保障和就业支出','210':'卫生健康支出','221':'住房保障支出','229':'其他支出'}
# carry-overs attached to items
BF_G = {'2070204':40.00}; EF_G = {'2070111':12.50}
BF_O = {'2070205':8.00};  EF_O = {'2070307':3.70}
OTHER_KIND = {'2070205':'其他收入','2070307':'事业收入'}
def it(code): return [x for x in ITEMS if x[0].startswith(code)]
def s(code, fld):
    idx = {'bg':2,'pg':3,'bo':4,'po':5,'pf':6}
    if fld=='tot': return r2(sum(sum(x[2:7]) for x in it(code)))
    if fld=='basic': return r2(sum(x[2]+x[4] for x in it(code)))
    if fld=='proj': return r2(sum(x[3]+x[5]+x[6] for x in it(code)))
    if fld=='g': return r2(sum(x[2]+x[3] for x in it(code)))
    if fld=='f': return r2(sum(x[6] for x in it(code)))
    if fld=='inc_fin':  # 财政拨款收入
        return r2(sum(x[2]+x[3]+x[6]+EF_G.get(x[0],0)-BF_G.get(x[0],0) for x in it(code)))
    if fld in ('事业收入','其他收入'):
        return r2(sum(x[4]+x[5]+EF_O.get(x[0],0)-BF_O.get(x[0],0) for x in it(code) if OTHER_KIND.get(x[0])==fld))
    return r2(sum(x[idx[fld]] for x in it(code)))
EXP = s('', 'tot'); BASIC = s('', 'basic'); PROJ = s('', 'proj')
GEXP = s('', 'g'); FEXP = s('', 'f')
GP_INC = r2(GEXP + sum(EF_G.values()) - sum(BF_G.values())); GF_INC = FEXP
SY = s('', '事业收入'); QT = s('', '其他收入')
INC = r2(GP_INC + GF_INC + SY + QT)
BF = r2(sum(BF_G.values()) + sum(BF_O.values())); EF = r2(sum(EF_G.values()) + sum(EF_O.values()))
TOTAL = r2(INC + BF); assert TOTAL == r2(EXP + EF), (TOTAL, EXP, EF)
assert r2(BASIC + PROJ) == EXP
# 基本支出 经济分类 (一般公共预算财政拨款)
PERS = [('30101','基本工资',248.36),('30102','津贴补贴',403.62),('30103','奖金',42.10),('30107','绩效工资',171.84),
        ('30108','机关事业单位基本养老保险缴费',96.30),('30109','职业年金缴费',48.15),('30110','职工基本医疗保险缴费',44.00),
        ('30113','住房公积金',72.60),('30199','其他工资福利支出',18.25),('30302','退休费',12.40),('30305','生活补助',6.80)]
PUB = [('30201','办公费',21.35),('30205','水费',6.42),('30206','电费',28.90),('30207','邮电费',4.18),('30211','差旅费',16.73),
       ('30213','维修（护）费',9.60),('30217','公务接待费',2.86),('30228','工会经费',13.40),('30229','福利费',7.20),
       ('30231','公务用车运行维护费',8.74),('30239','其他交通费用',24.36),('30299','其他商品和服务支出',8.26)]
P_T = r2(sum(v for *_,v in PERS)); U_T = r2(sum(v for *_,v in PUB)); B_G = s('', 'bg')
assert r2(P_T + U_T) == B_G, (P_T, U_T, B_G, r2(B_G-P_T-U_T))
# 三公 (万元): budget and actual
SG_B = dict(out=6.00, buy=0.00, run=9.50, rec=3.50)
SG_A = dict(out=4.62, buy=0.00, run=8.74, rec=2.86)
for d in (SG_B, SG_A):
    d['car'] = r2(d['buy']+d['run']); d['tot'] = r2(d['out']+d['car']+d['rec'])
JGYX = 63.58
wb = Workbook(); ws = wb.active; ws.title = '2024年度部门决算公开表'
ROW = [0]
def w(*cells):
    ROW[0] += 1
    for j, v in enumerate(cells, 1):
        if v is None or v == '': continue
        c = ws.cell(row=ROW[0], column=j, value=v)
        if isinstance(v, float):
            c.number_format = '0.00'
def blank(): ROW[0] += 1
def num(x): return float(r2(x))
UNIT = '桂澄市文化广电体育和旅游局'
w('桂澄市文化广电体育和旅游局2024年度部门决算公开表')
w('（广西壮族自治区桂澄市，本表各部分金额单位：万元）')
blank()
# 表一
w('表一', '收入支出决算总表'); w('公开01表', '', '', '', '', '单位：万元')
w('收入', '', '', '支出')
w('项目', '行次', '金额', '项目', '行次', '金额')
left = [('一、一般公共预算财政拨款收入',GP_INC),('二、政府性基金预算财政拨款收入',GF_INC),('三、国有资本经营预算财政拨款收入',None),
        ('四、上级补助收入',None),('五、事业收入',SY),('六、经营收入',None),('七、附属单位上缴收入',None),('八、其他收入',QT)]
right = [(f'{i+1}、{n}', s(k,'tot')) for i,(k,n) in enumerate(LEI.items())]
cn = '一二三四五六七八'
right = [(f'{cn[i]}、{n}', s(k,'tot')) for i,(k,n) in enumerate(LEI.items())]
for i in range(max(len(left), len(right))):
    l = left[i] if i < len(left) else ('', None); r = right[i] if i < len(right) else ('', None)
    w(l[0], i+1 if l[0] else '', num(l[1]) if l[1] is not None else '', r[0], i+1 if r[0] else '', num(r[1]) if r[1] is not None else '')
w('本年收入合计', 9, num(INC), '本年支出合计', 9, num(EXP))
w('使用非财政拨款结余', 10, '', '结余分配', 10, '')
w('年初结转和结余', 11, num(BF), '年末结转和结余', 11, num(EF))
w('总计', 12, num(TOTAL), '总计', 12, num(TOTAL))
blank()
# 表二 收入决算表
w('表二', '收入决算表'); w('公开02表', '', '', '', '', '', '', '单位：万元')
w('科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入')
def cell(x): return num(x) if x else ''
def incrow(code, name):
    fi = s(code,'inc_fin'); sy = s(code,'事业收入'); qt = s(code,'其他收入')
    w(code, name, num(fi+sy+qt), cell(fi), '', cell(sy), '', '', cell(qt))
w('', '合计', num(INC), num(GP_INC+GF_INC), '', num(SY), '', '', num(QT))
def tree(fn):
    for lk, ln in LEI.items():
        fn(lk, ln)
        for kk, kn in KUAN.items():
            if not kk.startswith(lk): continue
            fn(kk, kn)
            for x in ITEMS:
                if x[0].startswith(kk): fn(x[0], x[1])
tree(incrow)
blank()
# 表三 支出决算表
w('表三', '支出决算表'); w('公开03表', '', '', '', '', '', '', '单位：万元')
w('科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出')
w('', '合计', num(EXP), num(BASIC), num(PROJ))
tree(lambda c, n: w(c, n, num(s(c,'tot')), cell(s(c,'basic')), cell(s(c,'proj'))))
blank()
# 表四 财政拨款收入支出决算总表
w('表四', '财政拨款收入支出决算总表'); w('公开04表', '', '', '', '', '', '单位：万元')
w('收入', '', '支出')
w('项目', '金额', '项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款')
fl = [('一、一般公共预算财政拨款', GP_INC), ('二、政府性基金预算财政拨款', GF_INC), ('三、国有资本经营预算财政拨款', None)]
fr = [(f'{cn[i]}、{n}', k) for i,(k,n) in enumerate(LEI.items())]
for i in range(len(fr)):
    l = fl[i] if i < len(fl) else ('', None); k = fr[i][1]
    w(l[0], num(l[1]) if l[1] is not None else '', fr[i][0], num(s(k,'g')+s(k,'f')), cell(s(k,'g')), cell(s(k,'f')), '')
FIN_EXP = r2(GEXP+FEXP)
w('本年收入合计', num(GP_INC+GF_INC), '本年支出合计', num(FIN_EXP), num(GEXP), num(FEXP), '')
w('年初财政拨款结转和结余', num(sum(BF_G.values())), '年末财政拨款结转和结余', num(sum(EF_G.values())), num(sum(EF_G.values())), '', '')
FT = r2(GP_INC+GF_INC+sum(BF_G.values())); assert FT == r2(FIN_EXP+sum(EF_G.values()))
w('总计', num(FT), '总计', num(FT), num(r2(GEXP+sum(EF_G.values()))), num(FEXP), '')
blank()
# 表五 一般公共预算财政拨款支出决算表
w('表五', '一般公共预算财政拨款支出决算表'); w('公开05表', '', '', '', '单位：万元')
w('科目编码', '科目名称', '合计', '基本支出', '项目支出')
w('', '合计', num(GEXP), num(s('', 'bg')), num(s('', 'pg')))
def grow(c, n):
    if s(c,'g'): w(c, n, num(s(c,'g')), cell(s(c,'bg')), cell(s(c,'pg')))
tree(grow)
blank()
# 表六 基本支出
w('表六', '一般公共预算财政拨款基本支出决算表'); w('公开06表', '', '', '', '', '单位：万元')
w('人员经费', '', '', '公用经费')
w('科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数')
for i in range(max(len(PERS), len(PUB))):
    a_ = PERS[i] if i < len(PERS) else ('', '', None); b_ = PUB[i] if i < len(PUB) else ('', '', None)
    w(a_[0], a_[1], num(a_[2]) if a_[2] is not None else '', b_[0], b_[1], num(b_[2]) if b_[2] is not None else '')
w('', '人员经费合计', num(P_T), '', '公用经费合计', num(U_T))
w('', '基本支出合计', num(B_G))
blank()
# 表七 三公
w('表七', '财政拨款“三公”经费支出决算表'); w('公开07表', '', '', '', '', '单位：万元')
w('项目', '合计', '因公出国（境）费', '公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费', '公务接待费')
for lab, d in (('预算数', SG_B), ('决算数', SG_A)):
    w(lab, num(d['tot']), num(d['out']), num(d['car']), num(d['buy']), num(d['run']), num(d['rec']))
blank()
# 表八 政府性基金
w('表八', '政府性基金预算财政拨款收入支出决算表'); w('公开08表', '', '', '', '', '', '', '单位：万元')
w('科目编码', '科目名称', '年初结转和结余', '本年收入', '本年支出合计', '基本支出', '项目支出', '年末结转和结余')
w('', '合计', '', num(GF_INC), num(FEXP), '', num(FEXP), '')
for c in ('229', '22960', '2296003'):
    n = LEI.get(c) or KUAN.get(c) or '用于体育事业的彩票公益金支出'
    w(c, n, '', num(s(c,'f')), num(s(c,'f')), '', num(s(c,'f')), '')
blank()
# 表九 国资
w('表九', '国有资本经营预算财政拨款收入支出决算表'); w('公开09表', '', '', '', '', '', '', '单位：万元')
w('科目编码', '科目名称', '年初结转和结余', '本年收入', '本年支出合计', '基本支出', '项目支出', '年末结转和结余')
w('', '合计')
w('注：本部门2024年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。')
blank()
# 说明
w('附：决算情况简要说明')
w(f'1. 部门构成：纳入本部门2024年度部门决算编制范围的单位共4个，即局机关、桂澄市图书馆、桂澄市群众艺术馆、桂澄市博物馆（挂桂澄市文物管理所牌子）。')
w('2. 人员情况：年末实有人数96人，其中在职人员71人、退休人员25人；编制数74名。')
w(f'3. 收支总体情况：2024年度收入总计、支出总计均为{TOTAL:,.2f}万元。本年支出合计{EXP:,.2f}万元，其中基本支出{BASIC:,.2f}万元、项目支出{PROJ:,.2f}万元。')
w(f'4. “三公”经费：2024年度财政拨款“三公”经费支出决算{SG_A["tot"]:.2f}万元，完成预算的{SG_A["tot"]/SG_B["tot"]*100:.2f}%。因公出国（境）团组1个、3人次（赴越南开展边境文化旅游交流）；公务接待21批次、186人次；年末公务用车保有量3辆，本年未购置公务用车。')
w(f'5. 机关运行经费：2024年度局机关机关运行经费支出{JGYX:.2f}万元，比上年减少4.12万元。')
w('6. 政府采购：2024年度政府采购支出总额132.46万元，其中货物68.20万元、工程0.00万元、服务64.26万元；授予中小企业合同金额118.05万元。')
w('7. 国有资产：截至2024年12月31日，本部门共有车辆4辆，其中一般公务用车3辆、其他用车（流动图书服务车）1辆；单价100万元以上设备2台（套）。')
w('8. 绩效评价：本部门对2024年度15个项目开展了绩效自评，涉及资金416.90万元，自评结果均为“优”或“良”；“桂澄市公共图书馆总分馆建设”项目年初预算42.00万元，全年执行42.00万元，执行率100.00%。')
w('联系人：韦丽萍　联系电话：0771-6204518')
wb.save(OUT)
json.dump({'TOTAL':TOTAL,'INC':INC,'EXP':EXP,'BASIC':BASIC,'PROJ':PROJ,'GP_INC':GP_INC,'GF_INC':GF_INC,'SY':SY,'QT':QT,
  'BF':BF,'EF':EF,'GEXP':GEXP,'P_T':P_T,'U_T':U_T,'B_G':B_G,'SG_B':SG_B,'SG_A':SG_A,
  'lei':{k:s(k,'tot') for k in LEI}}, open('/tmp/heldout10_work/gx_model.json','w'), ensure_ascii=False, indent=1)
print(open('/tmp/heldout10_work/gx_model.json').read())
