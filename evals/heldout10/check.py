"""Checks heldout10.jsonl. Reads only evals/heldout10/, samples/ and evals/gold/seeds/.
Run with a Python that has pdfplumber and openpyxl:  python evals/heldout10/check.py [--selftest]"""
import json, os, re, sys, copy
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
SAMPLES = os.path.join(ROOT, 'samples'); SEEDS = os.path.join(ROOT, 'evals', 'gold', 'seeds'); DOCS = os.path.join(HERE, 'docs')
FIELDS = ['id', 'doc', 'question', 'type', 'answer', 'value', 'unit', 'evidence', 'calc', 'note']
TYPES = {'table_lookup', 'text_lookup', 'arithmetic', 'list', 'yes_no', 'unanswerable'}
OPS = ['lookup', 'sum', 'difference', 'share', 'growth', 'per-unit', 'rank', 'filter', 'list', 'yes/no', 'check-a-stated-figure']
WS = re.compile(r'\s+')
_cache = {}

def doc_path(doc):
    for d in (SAMPLES, SEEDS, DOCS):
        p = os.path.join(d, doc)
        if os.path.isfile(p): return p
    return None

def xlsx_lines(path):
    from openpyxl import load_workbook
    wb = load_workbook(path, data_only=True); out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if v is None: cells.append('')
                elif isinstance(v, (int, float)) and c.number_format == '0.00': cells.append(f'{v:.2f}')
                else: cells.append(str(v))
            while cells and cells[-1] == '': cells.pop()
            out.append('\t'.join(cells))
    return out

def lines(doc):
    if doc in _cache: return _cache[doc]
    p = doc_path(doc)
    if p.endswith('.pdf'):
        import pdfplumber
        with pdfplumber.open(p) as pdf:
            text = '\n'.join((pg.extract_text() or '') for pg in pdf.pages)
        ls = text.split('\n')
    elif p.endswith('.xlsx'):
        ls = xlsx_lines(p)
    else:
        ls = open(p, encoding='utf-8').read().split('\n')
    _cache[doc] = [WS.sub('', l) for l in ls]
    return _cache[doc]

def found(ev, doc):
    e = WS.sub('', ev)
    return bool(e) and any(e in l for l in lines(doc))

def tol(v): return max(0.005, abs(v) * 0.0005)

def fmts(v):
    c = {f'{v:.2f}', f'{v:.1f}', f'{v:g}'}
    if float(v).is_integer(): c.add(str(int(v)))
    return c

def norm(s): return re.sub(r'[\s\W_]+', '', s)

def check_records(recs):
    errs = []
    ids = [r.get('id') for r in recs]
    for d in {i for i in ids if ids.count(i) > 1}: errs.append(f'duplicate id {d}')
    for r in recs:
        rid = r.get('id', '?')
        E = lambda m: errs.append(f'{rid}: {m}')
        for f in FIELDS:
            if f not in r: E(f'missing field {f}')
        if r.get('type') not in TYPES: E(f'bad type {r.get("type")}'); continue
        if not re.fullmatch(r'h10-\d{3}', str(rid)): E('bad id form')
        note = r.get('note') or ''
        if not note.startswith('操作: '): E('note does not start with 操作:')
        elif not any(op in note.split('。')[0] for op in OPS): E('note names no known operation')
        docs = [r['doc']] if r['doc'] is not None else r.get('docs')
        if docs is None: E('doc null without docs'); continue
        bad = [d for d in docs if not doc_path(d)]
        if bad: E(f'unknown docs {bad}'); continue
        ev = r.get('evidence') or []
        if r['type'] == 'unanswerable':
            if r['value'] is not None or ev: E('unanswerable carries value/evidence')
        else:
            if not ev: E('answerable without evidence')
            for e in ev:
                if not any(found(e, d) for d in docs): E(f'evidence not found: {e[:40]!r}')
            if r['doc'] is None:
                for d in docs:
                    if not any(found(e, d) for e in ev): E(f'doc {d} not backed by evidence')
        v = r['value']
        if v is not None:
            if not isinstance(v, (int, float)): E('value not a number')
            if not r.get('unit'): E('value without unit')
            ans = r['answer'].replace(',', '')
            if not any(x in ans for x in fmts(v)): E(f'answer does not state value {v}')
        if r['type'] == 'arithmetic':
            if not r.get('calc') or v is None: E('arithmetic without calc/value')
        if r.get('calc'):
            try: cv = eval(r['calc'], {'__builtins__': {}})
            except Exception as ex: E(f'calc error {ex}'); cv = None
            if cv is not None and v is not None and abs(cv - v) > tol(v): E(f'calc {cv} != value {v}')
            # second check against the document: every operand of calc is a figure in the evidence
            evn = WS.sub('', ''.join(ev)).replace(',', '')
            for lit in re.findall(r'\d+(?:\.\d+)?', r['calc']):
                if lit in ('100', '10000'): continue
                fv = float(lit)
                if not any(x in evn for x in fmts(fv) | {lit}): E(f'calc operand {lit} not in evidence')
        elif v is not None and r['type'] != 'arithmetic':
            evn = WS.sub('', ''.join(ev)).replace(',', '')
            if not any(x in evn for x in fmts(v)): E(f'looked-up value {v} not in its evidence')
        if r['type'] == 'list':
            items = r.get('items')
            if not items: E('list without items')
            else:
                a = norm(r['answer']); hit = sum(1 for it in items if norm(it) in a)
                if hit < 0.8 * len(items): E('gold answer fails its own list rule')
        if r['type'] == 'yes_no' and r['answer'][:1] not in ('是', '否'): E('yes_no answer must open with 是/否')
    return errs

# ---------- second, independent check of the invented documents' arithmetic ----------
def num(s): return float(s.replace(',', '')) if s not in ('', None) else 0.0
def r2(x): return round(x + 1e-9, 2)

def check_docs():
    errs = []; found_incons = []
    # A: 安徽 list text
    A = open(os.path.join(DOCS, 'ah_qinglan_nyncj_2025_bmys.txt'), encoding='utf-8').read().split('\n')
    rows = {}
    for l in A:
        m = re.match(r'\s*[●○-]\s*(\d{3,7}) (\S+)：合计([\d,.]+)万元／基本支出([\d,.]+)万元／项目支出([\d,.]+)万元', l)
        if m: rows[m[1]] = tuple(num(m[i]) for i in (3, 4, 5))
    for c, (t, b, p) in rows.items():
        if r2(b + p) != t: errs.append(f'A {c}: 合计 != 基本+项目')
        kids = [k for k in rows if len(k) == len(c) + 2 and k.startswith(c)]
        if kids and r2(sum(rows[k][0] for k in kids)) != t: errs.append(f'A {c}: parent != sum of children')
    tot = r2(sum(v[0] for k, v in rows.items() if len(k) == 3))
    kv = {m[1]: num(m[2]) for l in A for m in [re.match(r'(收支总预算|收入合计|支出合计|基本支出|项目支出|“三公”经费合计|因公出国（境）费|公务接待费|公务用车购置及运行费)：([\d,.]+)万元', l.strip())] if m}
    for k in ('收支总预算', '收入合计', '支出合计'):
        if kv[k] != tot: errs.append(f'A {k} != Σ类')
    if r2(kv['基本支出'] + kv['项目支出']) != tot: errs.append('A 基本+项目 != 总计')
    inc = [num(m[1]) for l in A for m in [re.match(r'\d\. (?:一般公共预算拨款|政府性基金预算拨款|国有资本经营预算拨款|单位资金|上年财政拨款结转)：([\d,.]+)万元', l)] if m]
    if r2(sum(inc)) != kv['收入合计']: errs.append('A 收入各项 != 收入合计')
    econ = {m[1]: num(m[2]) for l in A for m in [re.match(r'\s*(\d{3,5}) \S+：([\d,.]+)万元$', l)] if m}
    for c in ('301', '302', '303'):
        if r2(sum(v for k, v in econ.items() if len(k) == 5 and k.startswith(c))) != econ[c]: errs.append(f'A econ {c}')
    if r2(econ['301'] + econ['302'] + econ['303']) != kv['基本支出']: errs.append('A econ != 基本支出')
    m = re.search(r'人员经费：([\d,.]+)万元，公用经费：([\d,.]+)万元', '\n'.join(A))
    if r2(num(m[1]) + num(m[2])) != kv['基本支出'] or num(m[2]) != econ['302']: errs.append('A 人员+公用')
    car = [num(m[1]) for l in A for m in [re.match(r'\s*(?:其中：)?公务用车(?:购置费|运行费)：([\d,.]+)万元', l.strip())] if m]
    if r2(sum(car)) != kv['公务用车购置及运行费'] or r2(kv['因公出国（境）费'] + kv['公务接待费'] + kv['公务用车购置及运行费']) != kv['“三公”经费合计']: errs.append('A 三公')
    projs = [num(m[1]) for l in A for m in [re.match(r'\d\. .+?：([\d,.]+)万元（科目', l)] if m]
    if r2(sum(projs)) != kv['项目支出']: errs.append('A projects != 项目支出')
    # C: 宁夏 ｜ tables in 元
    C = open(os.path.join(DOCS, 'nx_shaquan_jkzx_2025_dwys.txt'), encoding='utf-8').read().split('\n')
    tables, cur = {}, None
    for l in C:
        m = re.match(r'(表[一二三四五六七八])　', l)
        if m: cur = m[1]; tables[cur] = []; continue
        if cur and '｜' in l: tables[cur].append(l.split('｜'))
        if l.startswith('第三部分'): cur = None
    for t in ('表二', '表三', '表五', '表六'):
        rs = [r for r in tables[t] if re.fullmatch(r'\d{3,7}|　', r[0])]
        vals = {r[0]: [num(x) for x in r[3:]] for r in rs}
        for c, vs in vals.items():
            if c == '　': continue
            if t in ('表三', '表五', '表六') and r2(vs[1] + vs[2]) != vs[0]: errs.append(f'C {t} {c}: 合计 != parts')
            if t == '表二' and r2(sum(vs[1:])) != vs[0]: errs.append(f'C {t} {c}: 合计 != parts')
            step = 2
            kids = [k for k in vals if k != '　' and len(k) == len(c) + step and k.startswith(c)]
            if kids and any(r2(sum(vals[k][i] for k in kids)) != vs[i] for i in range(len(vs))): errs.append(f'C {t} {c}: parent != Σ children')
        tops = [k for k in vals if k != '　' and len(k) == 3]
        if any(r2(sum(vals[k][i] for k in tops)) != vals['　'][i] for i in range(len(vals['　']))): errs.append(f'C {t}: 合计 != Σ top rows')
    sg = [num(x) for x in tables['表七'][-1][2:]]
    if r2(sg[1] + sg[2] + sg[5]) != sg[0] or r2(sg[3] + sg[4]) != sg[2]: errs.append('C 三公 table')
    t1 = {r[0]: r for r in tables['表一']}
    if num(t1['收入总计'][2]) != num(t1['收入总计'][5]): errs.append('C 收入总计 != 支出总计')
    prose = '\n'.join(C[C.index(next(l for l in C if l.startswith('第三部分'))):])
    m = re.search(r'公务接待费([\d.]+)万元', prose)
    if abs(num(m[1]) * 10000 - sg[5]) > 0.5: found_incons.append(f'C prose 公务接待费 {m[1]}万元 vs 表七 {sg[5]:.2f}元')
    m = re.search(r'“三公”经费预算([\d.]+)万元', prose)
    if abs(num(m[1]) * 10000 - sg[0]) > 0.5: found_incons.append('C prose 三公合计 vs table')
    for lab, col in (('人员经费', 4), ('公用经费', 5)):
        m = re.search(lab + r'([\d.]+)万元', prose)
        t6 = next(r for r in tables['表六'] if r[0] == '　')
        if abs(num(m[1]) * 10000 - num(t6[col])) > 50: found_incons.append(f'C prose {lab}')
    # B: 广西 xlsx
    X = [l.split('\t') for l in xlsx_lines(os.path.join(DOCS, 'gx_guicheng_wgtlj_2024_bmjs.xlsx'))]
    def block(title):
        i = next(k for k, r in enumerate(X) if len(r) > 1 and r[1] == title)
        out = []
        for r in X[i + 1:]:
            if r == [''] or r == []: break
            out.append(r)
        return out
    for title, ncol in (('支出决算表', 3), ('一般公共预算财政拨款支出决算表', 3), ('收入决算表', 7)):
        rs = [r for r in block(title) if r and re.fullmatch(r'\d{3,7}|', r[0]) and len(r) > 2 and r[1] not in ('科目名称',)]
        vals = {r[0]: [num(x) for x in (r[2:2 + ncol] + [''] * ncol)[:ncol]] for r in rs}
        for c, vs in vals.items():
            if r2(sum(vs[1:])) != vs[0]: errs.append(f'B {title} {c}: 合计 != parts')
            if c:
                kids = [k for k in vals if k and len(k) == len(c) + 2 and k.startswith(c)]
                if kids and any(r2(sum(vals[k][i] for k in kids)) != vs[i] for i in range(ncol)): errs.append(f'B {title} {c}: parent')
        if any(r2(sum(vals[k][i] for k in vals if len(k) == 3)) != vals[''][i] for i in range(ncol)): errs.append(f'B {title}: 合计 != Σ类')
    t1 = block('收入支出决算总表')
    d = {r[0]: r for r in t1}
    left = r2(sum(num(r[2]) for r in t1 if len(r) > 2 and re.match(r'[一二三四五六七八]、', r[0])))
    right = r2(sum(num(r[5]) for r in t1 if len(r) > 5 and re.match(r'[一二三四五六七八]、', r[3])))
    if left != num(d['本年收入合计'][2]) or right != num(d['本年收入合计'][5]): errs.append('B 表一 sums')
    if r2(num(d['本年收入合计'][2]) + num(d['年初结转和结余'][2])) != num(d['总计'][2]) or r2(num(d['本年收入合计'][5]) + num(d['年初结转和结余'][5])) != num(d['总计'][5]) or d['总计'][2] != d['总计'][5]:
        errs.append('B 表一 总计')
    t6 = block('一般公共预算财政拨款基本支出决算表')
    pers = r2(sum(num(r[2]) for r in t6 if re.fullmatch(r'\d{5}', r[0])))
    pub = r2(sum(num(r[5]) for r in t6 if len(r) > 5 and re.fullmatch(r'\d{5}', r[3])))
    tr = next(r for r in t6 if len(r) > 1 and r[1] == '人员经费合计'); br = next(r for r in t6 if len(r) > 1 and r[1] == '基本支出合计')
    if pers != num(tr[2]) or pub != num(tr[5]) or r2(pers + pub) != num(br[2]): errs.append('B 表六')
    t5 = {r[0]: r for r in block('一般公共预算财政拨款支出决算表')}
    if num(t5[''][3]) != num(br[2]): errs.append('B 表六 != 表五 基本支出')
    for r in [x for x in block('财政拨款“三公”经费支出决算表') if x[0] in ('预算数', '决算数')]:
        v = [num(x) for x in r[1:]]
        if r2(v[1] + v[2] + v[5]) != v[0] or r2(v[3] + v[4]) != v[2]: errs.append(f'B 三公 {r[0]}')
    return errs, found_incons

def selftest(recs):
    def mut(f):
        rs = copy.deepcopy(recs); f(rs); return bool(check_records(rs))
    byid = lambda rs, i: next(r for r in rs if r['id'] == i)
    tests = {
        'wrong looked-up figure': lambda rs: byid(rs, 'h10-016').__setitem__('value', 360.57),
        'wrong arithmetic value': lambda rs: byid(rs, 'h10-002').__setitem__('value', 279.06),
        'evidence across a line break': lambda rs: byid(rs, 'h10-046').__setitem__('evidence', ['动费用 3.10 万元；承担自治州外国专家服务工作费用 2.40 万元；承办全州有关国（境）外智力']),
        'invented evidence': lambda rs: byid(rs, 'h10-001').__setitem__('evidence', ['2130108 病虫害控制：合计210.00万元']),
        'unanswerable with value': lambda rs: byid(rs, 'h10-010').__setitem__('value', 14.10),
        'list without items': lambda rs: byid(rs, 'h10-007').pop('items'),
        'duplicate id': lambda rs: rs.append(copy.deepcopy(rs[0])),
        'calc operand not in document': lambda rs: byid(rs, 'h10-015').__setitem__('calc', '845.70 - 612.53'),
        'note without 操作': lambda rs: byid(rs, 'h10-003').__setitem__('note', 'share'),
    }
    res = {k: mut(f) for k, f in tests.items()}
    for k, v in res.items(): print(('  rejected  ' if v else '  MISSED    ') + k)
    return all(res.values()), len(res)

if __name__ == '__main__':
    recs = [json.loads(l) for l in open(os.path.join(HERE, 'heldout10.jsonl'), encoding='utf-8') if l.strip()]
    errs = check_records(recs)
    derrs, inc = check_docs()
    for e in errs + derrs: print('ERROR', e)
    print(f'{len(recs)} records, {len(errs)} record errors, {len(derrs)} document-identity errors')
    print('inconsistencies found in the invented documents:', inc)
    if len(inc) != 1: print('ERROR expected exactly one planted inconsistency'); errs.append('incons')
    from collections import Counter
    print('by type:', dict(Counter(r['type'] for r in recs)))
    if '--selftest' in sys.argv:
        ok, n = selftest(recs); print('selftest', 'passed' if ok else 'FAILED', f'({n} mutations)')
        if not ok: errs.append('selftest')
    sys.exit(1 if errs or derrs else 0)
