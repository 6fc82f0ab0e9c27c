"""Checker for evals/heldout9/heldout9.jsonl.

Reads only evals/heldout9/ (the records and docs/), samples/ (the Xinjiang texts) and evals/gold/seeds/
(the Shanghai PDFs, read with pdfplumber extract_text(), pages joined by newlines).
Run with the project venv (pdfplumber):  .venv/bin/python evals/heldout9/check.py [--selftest]
"""
import copy, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
DOC_DIRS = [os.path.join(HERE, 'docs'), os.path.join(ROOT, 'samples'), os.path.join(ROOT, 'evals', 'gold', 'seeds')]
TYPES = {'table_lookup', 'text_lookup', 'arithmetic', 'list', 'yes_no', 'unanswerable'}
FIELDS = ['id', 'doc', 'question', 'type', 'answer', 'value', 'unit', 'evidence', 'calc', 'note']
UNITS = {'元', '万元', '亿元', '%', '人', '辆', '分', '个', '台（套）'}
WS = re.compile(r'\s+')
PUNCT = re.compile(r'[\s\.,，。、；;：:（）()“”"\'《》【】\-—·/％%]+')
_cache = {}

def doc_path(name):
    for d in DOC_DIRS:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return None

def doc_lines(name):
    if name in _cache:
        return _cache[name]
    p = doc_path(name)
    if p is None:
        return None
    if p.endswith('.pdf'):
        import pdfplumber
        with pdfplumber.open(p) as pdf:
            text = '\n'.join((pg.extract_text() or '') for pg in pdf.pages)
    else:
        text = open(p, encoding='utf-8').read()
    lines = text.split('\n')
    _cache[name] = (lines, [WS.sub('', l) for l in lines])
    return _cache[name]

def in_one_line(ev, name):
    """(verbatim, whitespace-free) occurrence inside one line of the document."""
    got = doc_lines(name)
    if got is None:
        return False, False
    raw, flat = got
    e = WS.sub('', ev)
    return any(ev in l for l in raw), bool(e) and any(e in l for l in flat)

def numbers(s):
    return [float(x.replace(',', '')) for x in re.findall(r'-?\d[\d,]*\.?\d*', s)]

def tol(v):
    return max(0.005, abs(v) * 0.0005)

def yes_no_word(a):
    a = a.strip()
    for w, yn in [('没有', 'no'), ('不', 'no'), ('否', 'no'), ('无', 'no'), ('是', 'yes'), ('对', 'yes'), ('有', 'yes')]:
        if a.startswith(w):
            return yn
    return None

def check(records):
    errs = []
    ids = set()
    for r in records:
        rid = r.get('id', '?')
        def E(msg):
            errs.append(f'{rid}: {msg}')
        for f in FIELDS:
            if f not in r:
                E(f'missing field {f}')
        if rid in ids:
            E('duplicate id')
        ids.add(rid)
        if not re.fullmatch(r'h9-\d{3}', str(rid)):
            E('bad id')
        t = r.get('type')
        if t not in TYPES:
            E(f'bad type {t}')
        if not str(r.get('note', '')).startswith('操作:'):
            E('note must start with 操作:')
        doc = r.get('doc')
        if doc is None:
            docs = r.get('docs')
            if not isinstance(docs, list):
                E('doc null without docs'); docs = []
        else:
            docs = [doc]
        for d in docs:
            if doc_path(d) is None:
                E(f'unknown doc {d}')
        v = r.get('value')
        if v is not None and not isinstance(v, (int, float)):
            E('value not numeric')
        if v is not None and not r.get('unit'):
            E('value without unit')
        if r.get('unit') and r.get('unit') not in UNITS:
            E(f'unexpected unit {r.get("unit")}')
        ev = r.get('evidence') or []
        if t == 'unanswerable':
            if v is not None or ev:
                E('unanswerable with value or evidence')
            continue
        if not ev:
            E('answerable without evidence')
        backed = set()
        for e in ev:
            hit = False
            for d in docs:
                verb, flat = in_one_line(e, d)
                if flat:
                    hit = True; backed.add(d)
                    if not verb:
                        E(f'evidence matches only after removing whitespace in {d}: {e[:40]}')
            if not hit:
                E(f'evidence not in one line of {docs}: {e[:50]}')
        for d in docs:
            if d not in backed:
                E(f'listed doc {d} backed by no evidence')
        if t == 'arithmetic':
            if not r.get('calc') or v is None:
                E('arithmetic needs calc and value')
            else:
                try:
                    got = eval(r['calc'], {'__builtins__': {}}, {})
                    if abs(got - v) > tol(v):
                        E(f'calc {r["calc"]} = {got} != value {v}')
                except Exception as ex:
                    E(f'calc error {ex}')
        elif v is not None:
            if not any(abs(n - v) <= tol(v) for e in ev for n in numbers(e)):
                E(f'looked-up value {v} not a figure in its evidence')
        if v is not None and not any(abs(n - v) <= tol(v) for n in numbers(r.get('answer', ''))):
            E(f'answer does not state value {v}')
        if t == 'list':
            items = r.get('items')
            if not items:
                E('list without items')
            else:
                a = PUNCT.sub('', r.get('answer', ''))
                hit = sum(1 for it in items if PUNCT.sub('', it) in a)
                if hit < 0.8 * len(items):
                    E(f'gold answer fails its own list rule ({hit}/{len(items)})')
        if t == 'yes_no' and yes_no_word(r.get('answer', '')) is None:
            E('yes_no answer does not open with a yes/no word')
    return errs

def selftest(records):
    """Each mutation must be rejected."""
    def find(pred):
        return next(i for i, r in enumerate(records) if pred(r))
    muts = []
    def m_lookup(rs):
        i = find(lambda r: r['type'] == 'table_lookup' and r['value'] == 1360.04); rs[i]['value'] = 1306.04
    def m_arith(rs):
        i = find(lambda r: r['type'] == 'arithmetic'); rs[i]['value'] = rs[i]['value'] + 1
    def m_span(rs):
        i = find(lambda r: r['doc'] == '000_fbfe44e17c8967fa.txt' and r['type'] == 'list')
        rs[i]['evidence'] = ['下设 7 个处室，分别是：办公室（组织人事科）']
    def m_invent(rs):
        i = find(lambda r: r['doc'] == 'sx-kyx-nyncj-2024-bmjs.txt' and r['value'] == 241.70); rs[i]['evidence'] = ['授予中小企业合同金额214.70万元']
    def m_unans(rs):
        i = find(lambda r: r['type'] == 'unanswerable'); rs[i]['value'] = 1.0; rs[i]['unit'] = '万元'
    def m_items(rs):
        i = find(lambda r: r['type'] == 'list'); rs[i].pop('items')
    def m_dup(rs):
        rs[1]['id'] = rs[0]['id']
    def m_pdf(rs):
        i = find(lambda r: r['doc'] == 'shpt-swwyh-2025-bmys.pdf' and r['type'] == 'text_lookup'); rs[i]['evidence'] = ['2025年度本部门政府采购预算38.02万元']
    def m_docs(rs):
        i = find(lambda r: r['doc'] is None and len(r['docs']) == 3); rs[i]['docs'].append('004_ad81c3092455a930.txt')
    def m_listrule(rs):
        i = find(lambda r: r['type'] == 'list'); rs[i]['answer'] = '见表。'
    for f in [m_lookup, m_arith, m_span, m_invent, m_unans, m_items, m_dup, m_pdf, m_docs, m_listrule]:
        rs = copy.deepcopy(records); f(rs)
        muts.append((f.__name__, bool(check(rs))))
    return muts

def main():
    path = os.path.join(HERE, 'heldout9.jsonl')
    records = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
    errs = check(records)
    for e in errs:
        print(e)
    from collections import Counter
    print(f'{len(records)} records, {len(errs)} errors')
    print('by type:', dict(Counter(r['type'] for r in records)))
    if '--selftest' in sys.argv:
        res = selftest(records)
        ok = sum(1 for _, rej in res if rej)
        for n, rej in res:
            if not rej:
                print('selftest: mutation NOT rejected:', n)
        print(f'selftest {"passed" if ok == len(res) else "FAILED"}   ({ok} of {len(res)} mutations rejected)')
    sys.exit(1 if errs else 0)

if __name__ == '__main__':
    main()
