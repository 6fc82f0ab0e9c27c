#!/usr/bin/env python3
"""Checker for evals/heldout7/heldout7.jsonl.

Reads only: evals/heldout7/, samples/, evals/gold/seeds/, evals/heldout5/other/.
Run with the project venv (needs pdfplumber and openpyxl):
    .venv/bin/python evals/heldout7/check.py            # check the records
    .venv/bin/python evals/heldout7/check.py --selftest # also prove it rejects broken records
"""
import copy, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
DIRS = [HERE, os.path.join(ROOT, 'samples'), os.path.join(ROOT, 'evals', 'gold', 'seeds'),
        os.path.join(ROOT, 'evals', 'heldout5', 'other')]
FIELDS = ['id', 'doc', 'question', 'type', 'answer', 'value', 'unit', 'evidence', 'calc', 'note']
TYPES = {'table_lookup', 'text_lookup', 'arithmetic', 'list', 'yes_no', 'unanswerable'}
WS = re.compile(r'\s+')


def find(doc):
    for d in DIRS:
        p = os.path.join(d, doc)
        if os.path.isfile(p):
            return p
    return None


def xlsx_lines(path):
    """One line per worksheet row: cells joined by tabs; numbers shown with their number format (#,##0.00)."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if v is None:
                    cells.append('')
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    cells.append(f'{v:,.2f}' if '0.00' in (c.number_format or '') else str(v))
                else:
                    cells.append(str(v))
            out.append('\t'.join(cells))
    return out


_cache = {}
def lines(doc):
    if doc in _cache:
        return _cache[doc]
    p = find(doc)
    if p is None:
        return None
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


def in_one_line(ev, doc):
    e = WS.sub('', ev)
    ls = lines(doc)
    return ls is not None and e != '' and any(e in l for l in ls)


def tol(v):
    return max(0.005, abs(v) * 0.0005)


NUM = re.compile(r'-?\d+(?:\.\d+)?')
def numbers(s):
    return [float(x) for x in NUM.findall(s.replace(',', '').replace('，', ''))]


def norm(s):
    return re.sub(r'[\s\W_]+', '', s)


def check(records):
    errs = []
    ids = set()
    for r in records:
        rid = r.get('id', '?')
        def E(m):
            errs.append(f'{rid}: {m}')
        if rid in ids:
            E('duplicate id')
        ids.add(rid)
        for f in FIELDS:
            if f not in r:
                E(f'missing field {f}')
        t = r.get('type')
        if t not in TYPES:
            E(f'bad type {t}')
            continue
        doc = r.get('doc')
        if doc is None:
            if 'docs' not in r or not isinstance(r['docs'], list):
                E('doc null but no docs list')
                docs = []
            else:
                docs = r['docs']
        else:
            docs = [doc]
        for d in docs:
            if find(d) is None:
                E(f'unknown document {d}')
        v, ev = r.get('value'), r.get('evidence') or []
        if v is not None and not isinstance(v, (int, float)):
            E('value not a number')
        if v is not None and not r.get('unit'):
            E('value without unit')
        if t == 'unanswerable':
            if v is not None or ev:
                E('unanswerable record carries value or evidence')
            continue
        if not ev:
            E('answerable record without evidence')
        backed = set()
        for e in ev:
            hit = [d for d in docs if in_one_line(e, d)]
            if not hit:
                E(f'evidence not found in one line of {docs}: {e!r}')
            backed.update(hit)
        if doc is None:
            for d in docs:
                if d not in backed:
                    E(f'listed doc not backed by any evidence: {d}')
        if t == 'arithmetic':
            if not r.get('calc'):
                E('arithmetic without calc')
            else:
                try:
                    got = eval(r['calc'], {'__builtins__': {}}, {})
                except Exception as x:
                    E(f'calc does not evaluate: {x}')
                    got = None
                if got is not None and v is not None and abs(got - v) > tol(v):
                    E(f'calc {r["calc"]} = {got} but value {v}')
        if t == 'list':
            items = r.get('items')
            if not items:
                E('list without items')
            else:
                a = norm(r.get('answer', ''))
                hit = sum(1 for it in items if norm(it) in a)
                if hit < 0.8 * len(items):
                    E(f'gold answer passes only {hit}/{len(items)} items')
        if t == 'yes_no':
            a = r.get('answer', '').strip()
            if not (a[:1] in '是对有' or a[:1] in '否不没无'):
                E('yes_no answer does not open with yes/no word')
        if v is not None:
            a_nums = numbers(r.get('answer', ''))
            if not any(abs(x - v) <= tol(v) for x in a_nums):
                E(f'answer does not state the value {v}')
            if t != 'arithmetic':
                ev_nums = [x for e in ev for x in numbers(e)]
                cands = [v, v * 10000, v / 10000]
                if not any(abs(x - c) <= tol(c) for x in ev_nums for c in cands):
                    E(f'looked-up value {v} not a figure in its evidence')
    return errs


def selftest(records):
    muts = []
    def mut(name, f):
        rs = copy.deepcopy(records)
        f(rs)
        muts.append((name, bool(check(rs))))
    first = lambda t, rs, cond=lambda r: True: next(r for r in rs if r['type'] == t and cond(r))
    mut('wrong looked-up figure', lambda rs: first('table_lookup', rs).__setitem__('value', first('table_lookup', rs)['value'] + 1.11))
    mut('wrong arithmetic value', lambda rs: first('arithmetic', rs).__setitem__('value', first('arithmetic', rs)['value'] * 1.01))
    def span(rs):
        r = first('text_lookup', rs, lambda r: r['doc'] == 'zj-zrzy-2025-dwys.txt' or True)
        r['evidence'] = ['2025年本单位收入预算1,109.16万元，支出预算1,109.16万元，收支预算总额比上年增加366.80万元']
        r['doc'] = 'zj-zrzy-2025-dwys.txt'
    mut('evidence spanning a line break', span)
    mut('invented evidence', lambda rs: first('yes_no', rs)['evidence'].append('本单位2025年安排因公出国团组3个'))
    mut('unanswerable with a value', lambda rs: first('unanswerable', rs).update(value=1.0, unit='万元'))
    mut('list without items', lambda rs: first('list', rs).pop('items'))
    mut('duplicate id', lambda rs: rs[1].__setitem__('id', rs[0]['id']))
    mut('unknown document', lambda rs: first('table_lookup', rs).__setitem__('doc', 'no-such-doc.txt'))
    mut('xlsx evidence from another sheet row merged', lambda rs: first('table_lookup', rs, lambda r: r['doc'].endswith('.xlsx') if r['doc'] else False)['evidence'].__setitem__(0, '2130209 森林生态效益补偿 6,135,720.00 2130201 行政运行'))
    return muts


if __name__ == '__main__':
    path = os.path.join(HERE, 'heldout7.jsonl')
    recs = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
    errs = check(recs)
    for e in errs:
        print('ERROR', e)
    from collections import Counter
    print(f'{len(recs)} records, {len(errs)} errors')
    print('by type:', dict(Counter(r['type'] for r in recs)))
    if '--selftest' in sys.argv:
        m = selftest(recs)
        for name, caught in m:
            print(('  rejected ' if caught else '  MISSED   ') + name)
        ok = all(c for _, c in m)
        print(f'selftest {"passed" if ok else "FAILED"}   ({sum(c for _, c in m)} of {len(m)} mutations rejected)')
        if not ok:
            sys.exit(1)
    sys.exit(1 if errs else 0)
