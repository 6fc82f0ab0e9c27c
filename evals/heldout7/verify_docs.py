#!/usr/bin/env python3
"""Re-reads the three invented documents in evals/heldout7/ (not the generators) and checks their arithmetic:
parent = sum of children for 类/款/项, 合计 = sum of 类, 合计 = 基本 + 项目, 人员 + 公用 = 基本支出,
三公 合计 = 出国 + 接待 + 用车 with 用车 = 购置 + 运行, 收入总计 = 支出总计.
Reports the one planted prose/table disagreement as expected. Reads only files in evals/heldout7/."""
import os, re, sys
from decimal import Decimal as D, ROUND_HALF_UP
HERE = os.path.dirname(os.path.abspath(__file__))
errs, notes = [], []
def num(s):
    s = s.strip().replace(',', '')
    return D(s) if re.fullmatch(r'-?\d+(\.\d+)?', s) else None
def eq(a, b, what):
    if a != b:
        errs.append(f'{what}: {a} != {b}')

def tree_check(rows, ncols, what, zero=D(0)):
    """rows: list of (code, [values]); checks 类=Σ款, 款=Σ项 for each column and 合计=Σ类."""
    by = dict(rows)
    for code, vals in rows:
        if code == '合计':
            continue
        kids = [c for c, _ in rows if c != '合计' and len(c) > len(code) and c.startswith(code) and
                len(c) == (5 if len(code) == 3 else 7)]
        if kids:
            for j in range(ncols):
                eq(vals[j], sum(by[k][j] for k in kids), f'{what} {code} col{j}')
    if '合计' in by:
        for j in range(ncols):
            eq(by['合计'][j], sum(v[j] for c, v in rows if len(c) == 3), f'{what} 合计 col{j}')

# ---------------- zj (fixed character columns) ----------------
zj = open(os.path.join(HERE, 'zj-zrzy-2025-dwys.txt'), encoding='utf-8').read().split('\n')
def section(lines, start, stop_prefix='附表'):
    i = lines.index(start)
    out = []
    for l in lines[i + 1:]:
        if l.startswith(stop_prefix) and l != start:
            break
        out.append(l)
    return out
def zj_rows(sec, starts):
    rows = []
    for l in sec:
        m = re.match(r'^(\d{3,7})?\s+', l)
        code = l[:12].strip()
        if code == '' and '合计' in l[:60]:
            code = '合计'
        if not (code == '合计' or re.fullmatch(r'\d{3}|\d{5}|\d{7}', code)):
            continue
        vals = []
        for a, b in starts:
            vals.append(num(l[a:b]) or D(0))
        rows.append((code, vals))
    return rows
# column character offsets follow the generator's fixed widths (trow pads by character count)
W2 = [12, 40, 12, 14, 12, 12, 12, 10]
def offs(widths, skip=2):
    pos, o = [], 0
    for w in widths:
        pos.append((o, o + w)); o += w
    pos[-1] = (pos[-1][0], 10 ** 6)
    return pos[skip:]
r2 = zj_rows(section(zj, '附表2'), offs(W2))
tree_check(r2, 6, 'zj 附表2')
for c, v in r2:
    eq(v[0], v[1] + v[2] + v[3] + v[4] + v[5], f'zj 附表2 {c} 合计=Σ来源')
r3 = zj_rows(section(zj, '附表3'), offs([12, 40, 14, 14, 12]))
tree_check(r3, 3, 'zj 附表3')
for c, v in r3:
    eq(v[0], v[1] + v[2], f'zj 附表3 {c} 合计=基本+项目')
r5 = zj_rows(section(zj, '附表5'), offs([12, 40, 14, 14, 12]))
tree_check(r5, 3, 'zj 附表5')
for c, v in r5:
    eq(v[0], v[1] + v[2], f'zj 附表5 {c} 合计=基本+项目')
eq(dict(r2)['合计'][0], dict(r3)['合计'][0], 'zj 附表2 合计 = 附表3 合计')
# 附表6 economic
sec6 = section(zj, '附表6')
e6 = []
for l in sec6:
    code = l[:18].strip()
    if code == '' and '合计' in l[:50]:
        code = '合计'
    if code == '合计' or re.fullmatch(r'\d{3}|\d{5}', code):
        e6.append((code, [num(l[a:b]) or D(0) for a, b in offs([18, 32, 14, 14, 12])]))
d6 = dict(e6)
for c, v in e6:
    eq(v[0], v[1] + v[2], f'zj 附表6 {c} 合计=人员+公用')
    if len(c) == 3:
        eq(v[0], sum(x[0] for k, x in e6 if len(k) == 5 and k.startswith(c)), f'zj 附表6 {c}=Σ款')
eq(d6['合计'][0], sum(v[0] for c, v in e6 if len(c) == 3), 'zj 附表6 合计=Σ类')
eq(d6['合计'][0], dict(r5)['合计'][1], 'zj 附表6 合计 = 附表5 基本支出')
# 附表7 三公
s7 = {}
for l in section(zj, '附表7'):
    parts = l.split()
    if parts and parts[0] in ('合计', '1．因公出国（境）费', '2．公务接待费', '3．公务用车购置及运行维护费', '其中：（1）公务用车购置费', '（2）公务用车运行维护费'):
        s7[parts[0]] = [num(x) for x in parts[1:4]]
for j in range(3):
    eq(s7['合计'][j], s7['1．因公出国（境）费'][j] + s7['2．公务接待费'][j] + s7['3．公务用车购置及运行维护费'][j], f'zj 三公 合计 col{j}')
    eq(s7['3．公务用车购置及运行维护费'][j], s7['其中：（1）公务用车购置费'][j] + s7['（2）公务用车运行维护费'][j], f'zj 三公 用车 col{j}')
eq(s7['2．公务接待费'][1], d6['30217'][0], 'zj 三公接待 = 30217')
eq(s7['（2）公务用车运行维护费'][1], d6['30231'][0], 'zj 三公运行 = 30231')
# 附表1 totals
s1 = section(zj, '附表1')
t1 = [l for l in s1 if l.startswith('收  入  总  计')][0].split()
eq(num(t1[4]), num(t1[9]) if len(t1) > 9 else num(t1[-1]), 'zj 收入总计=支出总计')
eq(num(t1[-1]), dict(r3)['合计'][0], 'zj 附表1 总计 = 附表3 合计')
# 附表10
s10 = section(zj, '附表10')
p10 = [l.split() for l in s10 if re.search(r'\d{7}', l)]
tot10 = [l.split() for l in s10 if l.startswith('合计')][0]
eq(num(tot10[1]), sum(num(p[2]) for p in p10), 'zj 附表10 合计=Σ项目')
eq(num(tot10[1]), dict(r3)['合计'][2], 'zj 附表10 合计 = 附表3 项目支出')
# prose vs tables: the planted disagreement
prose = '\n'.join(zj)
m = re.search(r'公务用车运行维护费(\d+\.\d+)万元，比上年减少', prose)
if m and D(m.group(1)) != d6['30231'][0]:
    notes.append(f'zj planted: prose 公务用车运行维护费 {m.group(1)} vs 附表6/附表7 {d6["30231"][0]} (expected)')
for lab, val in [('人员经费', d6['合计'][1]), ('公用经费', d6['合计'][2])]:
    mm = re.search(lab + r'(\d[\d,]*\.\d+)万元', prose)
    eq(num(mm.group(1)), val, f'zj prose {lab}')

# ---------------- gs (pipe tables) ----------------
gs = open(os.path.join(HERE, 'gs-xcz-2025-bmys.txt'), encoding='utf-8').read().split('\n')
def pipe_table(title):
    i = gs.index(title)
    rows = []
    for l in gs[i + 1:]:
        if l.startswith('表') and l != title:
            break
        if l.startswith('|'):
            rows.append([c.strip() for c in l.strip('|').split('|')])
    return rows
for t in ['表三 2025年部门支出总表', '表五 2025年一般公共预算支出表']:
    rows = []
    for r in pipe_table(t)[2:]:
        code = r[0] + r[1] + r[2] if r[0] else '合计'
        rows.append((code, [num(x) or D(0) for x in r[4:7]]))
    tree_check(rows, 3, 'gs ' + t)
    for c, v in rows:
        eq(v[0], v[1] + v[2], f'gs {t} {c} 合计=基本+项目')
    total3 = dict(rows)['合计']
e = pipe_table('表六 2025年一般公共预算基本支出表')[2:]
ed = {r[0] or '合计': [num(x) or D(0) for x in r[2:5]] for r in e}
for c, v in ed.items():
    eq(v[0], v[1] + v[2], f'gs 表六 {c}')
    if len(c) == 3:
        eq(v[0], sum(x[0] for k, x in ed.items() if len(k) == 5 and k.startswith(c)), f'gs 表六 {c}=Σ款')
eq(ed['合计'][0], total3[1], 'gs 表六合计 = 基本支出')
s = [num(x) for x in pipe_table('表七 2025年一般公共预算“三公”经费支出表')[2]]
eq(s[0], s[1] + s[2] + s[3], 'gs 三公合计'); eq(s[3], s[4] + s[5], 'gs 用车')
eq(s[2], ed['30217'][0], 'gs 接待=30217'); eq(s[5], ed['30231'][0], 'gs 运行=30231')
t2 = pipe_table('表二 2025年部门收入总表')[2:]
eq(num(t2[0][1]), sum(num(r[1]) for r in t2[1:]), 'gs 表二 合计=Σ单位')
t10 = pipe_table('表十 2025年项目支出表')[2:]
eq(num(t10[-1][2]), sum(num(r[2]) for r in t10[:-1]), 'gs 表十 合计')
eq(num(t10[-1][2]), total3[2], 'gs 表十 = 项目支出')
t1 = pipe_table('表一 2025年部门收支总表')[2:]
eq(num(t1[-1][1]), num(t1[-1][3]), 'gs 收入总计=支出总计')
eq(num(t1[-1][3]), sum(num(r[3]) for r in t1[:-1] if r[3]), 'gs 表一 支出=Σ类')

# ---------------- hn (xlsx) ----------------
import openpyxl
wb = openpyxl.load_workbook(os.path.join(HERE, 'hn-lyj-2024-bmjs.xlsx'))
def dv(x): return D(str(x)).quantize(D('0.01')) if isinstance(x, (int, float)) else D(0)
def coderows(ws, ncols, start=3):
    rows = []
    for r in ws.iter_rows(min_row=7, values_only=True):
        code = str(r[0]) if r[0] is not None else ('合计' if r[1] == '合计' else None)
        if code and (code == '合计' or re.fullmatch(r'\d{3}|\d{5}|\d{7}', code)):
            rows.append((code, [dv(x) for x in r[start - 1:start - 1 + ncols]]))
    return rows
inc = coderows(wb['收入决算表'], 7); tree_check(inc, 7, 'hn 收入决算表')
for c, v in inc:
    eq(v[0], sum(v[1:]), f'hn 收入决算表 {c} 合计=Σ来源')
sp = coderows(wb['支出决算表'], 6); tree_check(sp, 6, 'hn 支出决算表')
for c, v in sp:
    eq(v[0], sum(v[1:]), f'hn 支出决算表 {c} 合计=Σ')
gp = coderows(wb['一般公共预算财政拨款支出决算表'], 3); tree_check(gp, 3, 'hn 一般公共预算表')
for c, v in gp:
    eq(v[0], v[1] + v[2], f'hn 一般公共预算表 {c}')
ws = wb['一般公共预算财政拨款基本支出决算表']
L, Rr = {}, {}
for r in ws.iter_rows(min_row=6, values_only=True):
    if r[0] is not None and str(r[0]).isdigit(): L[str(r[0])] = dv(r[2])
    if r[3] is not None and str(r[3]).isdigit(): Rr[str(r[3])] = dv(r[5])
    if r[0] == '人员经费合计': pt, gt = dv(r[2]), dv(r[5])
for side in (L, Rr):
    for c, v in side.items():
        if len(c) == 3:
            eq(v, sum(x for k, x in side.items() if len(k) == 5 and k.startswith(c)), f'hn 基本支出表 {c}')
eq(pt, sum(v for c, v in L.items() if len(c) == 3), 'hn 人员经费合计')
eq(gt, sum(v for c, v in Rr.items() if len(c) == 3), 'hn 公用经费合计')
eq(pt + gt, dict(gp)['合计'][1], 'hn 人员+公用 = 一般公共预算基本支出')
sg = [dv(x) for x in next(wb['财政拨款“三公”经费支出决算表'].iter_rows(min_row=8, max_row=8, values_only=True))]
for o in (0, 6):
    eq(sg[o], sg[o + 1] + sg[o + 2] + sg[o + 5], f'hn 三公合计 {o}'); eq(sg[o + 2], sg[o + 3] + sg[o + 4], f'hn 用车 {o}')
eq(sg[11], Rr['30217'], 'hn 接待=30217'); eq(sg[10], Rr['30231'], 'hn 运行=30231')
ws = wb['收入支出决算总表']
vals = {r[0]: dv(r[2]) for r in ws.iter_rows(min_row=7, values_only=True) if r[0]}
vals_r = {r[3]: dv(r[5]) for r in ws.iter_rows(min_row=7, values_only=True) if r[3]}
eq(vals['本年收入合计'], sum(v for k, v in vals.items() if re.match(r'[一二三四五六七八]、', k)), 'hn 本年收入合计')
eq(vals['本年收入合计'], dict(inc)['合计'][0], 'hn 总表收入 = 收入决算表')
eq(vals_r['本年支出合计'], dict(sp)['合计'][0], 'hn 总表支出 = 支出决算表')
eq(vals['本年收入合计'] + vals['年初结转和结余'], vals['总计'], 'hn 收入总计')
eq(vals_r['本年支出合计'] + vals_r['年末结转和结余'], vals_r['总计'], 'hn 支出总计')
eq(vals['总计'], vals_r['总计'], 'hn 收入总计=支出总计')
ws = wb['财政拨款收入支出决算总表']
rows = list(ws.iter_rows(min_row=7, values_only=True))
d4 = {r[0]: r for r in rows if r[0]}
eq(dv(d4['本年收入合计'][2]) + dv(d4['年初财政拨款结转和结余'][2]), dv(d4['总计'][2]), 'hn 财政拨款收入总计')
eq(dv(d4['本年收入合计'][5]) + dv(d4['年初财政拨款结转和结余'][5]), dv(d4['总计'][5]), 'hn 财政拨款支出总计')
eq(dv(d4['本年收入合计'][5]), dv(d4['本年收入合计'][6]) + dv(d4['本年收入合计'][7]), 'hn 财政拨款支出=一般+基金')
eq(dv(d4['本年收入合计'][6]), dict(gp)['合计'][0], 'hn 财政拨款总表一般 = 一般公共预算表')
eq(d4['本年收入合计'][3], '本年支出合计', 'hn 财政拨款总表 layout')
eq(dv(d4['总计'][2]), dv(d4['总计'][5]), 'hn 财政拨款收支总计相等')
# prose (万元) vs tables (元), rounded
prose = '\n'.join(str(r[0]) for r in wb['部门决算情况说明'].iter_rows(values_only=True) if r[0])
def wan(x): return (x / 10000).quantize(D('0.01'), ROUND_HALF_UP)
for pat, val in [(r'本年收入合计([\d,]+\.\d\d)万元', vals['本年收入合计']), (r'本年支出合计([\d,]+\.\d\d)万元', vals_r['本年支出合计']),
                 (r'收、支总计([\d,]+\.\d\d)万元', vals['总计']), (r'人员经费([\d,]+\.\d\d)万元', pt), (r'公用经费([\d,]+\.\d\d)万元', gt),
                 (r'支出决算为([\d,]+\.\d\d)万元，完成预算', sg[6]), (r'公务接待费支出([\d,]+\.\d\d)万元，完成', sg[11]),
                 (r'一般公共预算财政拨款支出([\d,]+\.\d\d)万元，占本年', dict(gp)['合计'][0])]:
    mm = re.search(pat, prose)
    if not mm:
        errs.append(f'hn prose pattern missing {pat}')
    else:
        eq(num(mm.group(1)), wan(val), f'hn prose {pat}')

print('rows parsed: zj 附表2/3/5/6:', len(r2), len(r3), len(r5), len(e6), ' gs 表六:', len(ed), ' hn 收入/支出/一般/基本L/R:', len(inc), len(sp), len(gp), len(L), len(Rr))
for n in notes:
    print('NOTE', n)
for e in errs:
    print('ERROR', e)
print(f'verify_docs: {len(errs)} errors, {len(notes)} expected notes')
sys.exit(1 if errs else 0)
