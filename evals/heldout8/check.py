"""Checker for evals/heldout8/heldout8.jsonl.

Reads only: evals/heldout8/ (records, invented documents), samples/ (Xinjiang texts), evals/gold/seeds/ (PDFs).
Run with a Python that has pdfplumber and openpyxl:  python evals/heldout8/check.py [--selftest]

Document text, as the evidence rule sees it (whitespace removed inside each line):
  .txt / .md  the file as stored, split on '\n'
  .pdf        pdfplumber extract_text() of every page, pages joined with '\n'
  .xlsx       one line per row of every sheet: the cells joined by '\t', a number shown as its cell format shows it
              ('#,##0.00' -> 1,234.56), an empty cell as ''
"""
import ast
import copy
import json
import operator
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))          # the project root (…/main)
DIRS = [os.path.join(ROOT, 'samples'), os.path.join(ROOT, 'evals', 'gold', 'seeds'), os.path.join(HERE, 'docs')]
RECORDS = os.path.join(HERE, 'heldout8.jsonl')
FIELDS = ['id', 'doc', 'question', 'type', 'answer', 'value', 'unit', 'evidence', 'calc', 'note']
TYPES = {'table_lookup', 'text_lookup', 'arithmetic', 'list', 'yes_no', 'unanswerable'}
_cache = {}
_raw = {}


def path_of(doc):
    for d in DIRS:
        p = os.path.join(d, doc)
        if os.path.isfile(p):
            return p
    return None


def cell_text(cell):
    v = cell.value
    if v is None:
        return ''
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        f = cell.number_format or 'General'
        if '#,##0.00' in f:
            return f'{v:,.2f}'
        if f == '0.00':
            return f'{v:.2f}'
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    return str(v)


def doc_lines(doc):
    if doc in _cache:
        return _cache[doc]
    p = path_of(doc)
    if p.endswith('.pdf'):
        import pdfplumber
        with pdfplumber.open(p) as pdf:
            text = '\n'.join((pg.extract_text() or '') for pg in pdf.pages)
        lines = text.split('\n')
    elif p.endswith('.xlsx'):
        import openpyxl
        wb = openpyxl.load_workbook(p)
        lines = ['\t'.join(cell_text(c) for c in row) for ws in wb.worksheets for row in ws.iter_rows()]
    else:
        with open(p, encoding='utf-8') as f:
            lines = f.read().split('\n')
    _cache[doc] = [re.sub(r'\s+', '', l) for l in lines]
    _raw[doc] = lines
    return _cache[doc]


def raw_lines_with(doc, s):
    """the document lines (as stored, whitespace kept) whose whitespace-free form contains s"""
    s = re.sub(r'\s+', '', s)
    stripped = doc_lines(doc)
    return [_raw[doc][i] for i, l in enumerate(stripped) if s in l]


def in_one_line(doc, s):
    s = re.sub(r'\s+', '', s)
    return bool(s) and any(s in l for l in doc_lines(doc))


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def safe_eval(expr):
    def ev(n):
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return n.value
        if isinstance(n, ast.BinOp) and type(n.op) in _OPS:
            return _OPS[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -ev(n.operand)
        raise ValueError(f'not plain arithmetic: {expr!r}')
    return ev(ast.parse(expr, mode='eval'))


def tol(v):
    return max(0.005, abs(v) * 0.0005)


def norm(s):
    """for the list rule: no spaces, no punctuation"""
    return re.sub(r'[\s\W_]+', '', s)


def num_forms(v):
    """how a figure may be written: 1,234.50 / 1234.50 / 1234.5 / 1234"""
    forms = {f'{v:.2f}', f'{v:,.2f}'}
    t = f'{v:.2f}'.rstrip('0').rstrip('.')
    forms.add(t)
    forms.add(f'{float(t):,}'.rstrip('0').rstrip('.') if '.' in t else f'{int(float(t)):,}')
    return forms


def has_number(text, v):
    """v written as a figure of its own in text (whitespace kept, so table cells stay apart)"""
    flat = text
    nocomma = flat.replace(',', '')
    for f in num_forms(v):
        for cand in (f, f.replace(',', '')):
            hay = flat if ',' in cand else nocomma
            for m in re.finditer(re.escape(cand), hay):
                before = hay[m.start() - 1] if m.start() else ''
                after = hay[m.end()] if m.end() < len(hay) else ''
                if not (before.isdigit() or before == '.') and not (after.isdigit() or (after == '.' and m.end() + 1 < len(hay) and hay[m.end() + 1].isdigit())):
                    return True
    return False


def figure_in_evidence(docs, s, v):
    """v is written in the evidence string, and stands as a figure of its own (not part of a longer number)
    in a document line that carries that evidence"""
    flat = re.sub(r'\s+', '', s)
    if not any(f in flat or f in flat.replace(',', '') for f in num_forms(v)):
        return False
    return any(has_number(line, v) for d in docs for line in raw_lines_with(d, s))


def check(records):
    errs = []
    seen = set()
    for r in records:
        rid = r.get('id', '?')
        e = lambda m: errs.append(f'{rid}: {m}')
        for f in FIELDS:
            if f not in r:
                e(f'missing field {f}')
        if rid in seen:
            e('duplicate id')
        seen.add(rid)
        if not re.fullmatch(r'h8-\d{3}', str(rid)):
            e('bad id format')
        t = r.get('type')
        if t not in TYPES:
            e(f'bad type {t}')
            continue
        if not str(r.get('note', '')).startswith('操作:'):
            e('note must start with 操作:')
        docs = [r['doc']] if r.get('doc') is not None else r.get('docs')
        if r.get('doc') is None and 'docs' not in r:
            e('doc null but no docs')
            docs = []
        for d in docs:
            if path_of(d) is None:
                e(f'unknown doc {d}')
        if any(path_of(d) is None for d in docs):
            continue
        v = r.get('value')
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            e('value not a number')
            v = None
        if v is not None and not r.get('unit'):
            e('value without unit')
        ev = r.get('evidence') or []
        if t == 'unanswerable':
            if v is not None or ev:
                e('unanswerable with value or evidence')
        else:
            if not ev:
                e('answerable without evidence')
            backed = set()
            for s in ev:
                hit = [d for d in docs if in_one_line(d, s)]
                if not hit:
                    e(f'evidence not found in one line: {s!r}')
                backed.update(hit)
            for d in docs:
                if d not in backed:
                    e(f'listed doc not backed by evidence: {d}')
        if t == 'arithmetic':
            if not r.get('calc') or v is None:
                e('arithmetic without calc/value')
            else:
                try:
                    got = safe_eval(r['calc'])
                    if abs(got - v) > tol(v):
                        e(f'calc {r["calc"]} = {got} != value {v}')
                except Exception as ex:  # noqa
                    e(f'calc error {ex}')
        if t == 'list':
            items = r.get('items')
            if not items:
                e('list without items')
            else:
                a = norm(r.get('answer', ''))
                ok = sum(1 for it in items if norm(it) in a)
                if ok < 0.8 * len(items):
                    e(f'gold answer passes only {ok}/{len(items)} items')
        if t == 'yes_no':
            if not r.get('answer', '').startswith(('是', '否')):
                e('yes_no answer must open with 是 or 否')
        if v is not None:
            if not has_number(r.get('answer', ''), v):
                e(f'answer does not state its value {v}')
            if t != 'arithmetic' and not any(figure_in_evidence(docs, s, v) for s in ev):
                e(f'looked-up value {v} not a figure in its evidence')
    return errs


def load():
    with open(RECORDS, encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]


def selftest(records):
    """each mutation must be rejected"""
    by = {r['id']: r for r in records}
    def first(pred):
        return next(r['id'] for r in records if pred(r))
    muts = []
    rid = first(lambda r: r['type'] == 'table_lookup' and r['value'] == 598212.40)
    muts.append(('wrong looked-up figure', rid, lambda r: r.update(value=598221.40, answer=r['answer'].replace('598,212.40', '598,221.40'))))
    rid = first(lambda r: r['type'] == 'arithmetic')
    muts.append(('wrong arithmetic value', rid, lambda r: r.update(value=r['value'] * 1.01 + 1)))
    rid = first(lambda r: r['doc'] == '000_fbfe44e17c8967fa.txt' and r['type'] == 'arithmetic' and len(r['evidence']) == 2)
    muts.append(('evidence across a line break', rid, lambda r: r.update(evidence=[r['evidence'][0] + r['evidence'][1]])))
    rid = first(lambda r: r['type'] == 'text_lookup')
    muts.append(('invented evidence', rid, lambda r: r.update(evidence=['这句话不在任何文件里'])))
    rid = first(lambda r: r['type'] == 'unanswerable')
    muts.append(('unanswerable with a value', rid, lambda r: r.update(value=1.0, unit='万元')))
    rid = first(lambda r: r['type'] == 'list')
    muts.append(('list without items', rid, lambda r: r.pop('items')))
    rid = first(lambda r: r['doc'] and r['doc'].endswith('.xlsx') and r['type'] == 'table_lookup')
    muts.append(('xlsx figure mistyped', rid, lambda r: r.update(evidence=[s.replace('520.00', '502.00') for s in r['evidence']])))
    rid = first(lambda r: r['doc'] is None and len(r.get('docs', [])) >= 2)
    muts.append(('cross-doc evidence missing for one doc', rid, lambda r: r.update(evidence=r['evidence'][:1])))
    muts.append(('duplicate id', None, None))
    passed = 0
    for name, rid, fn in muts:
        recs = copy.deepcopy(records)
        if rid is None:
            recs.append(copy.deepcopy(recs[0]))
        else:
            fn(next(r for r in recs if r['id'] == rid))
        errs = check(recs)
        ok = bool(errs)
        passed += ok
        print(f'  {"rejected" if ok else "NOT REJECTED"}: {name} ({rid})')
    print(f'selftest {"passed" if passed == len(muts) else "FAILED"}   ({passed} of {len(muts)} mutations rejected)')
    return passed == len(muts)


if __name__ == '__main__':
    recs = load()
    errs = check(recs)
    for x in errs:
        print(x)
    from collections import Counter
    print(f'{len(recs)} records, {len(errs)} errors')
    print('by type:', dict(Counter(r['type'] for r in recs)))
    if '--selftest' in sys.argv:
        ok = selftest(recs)
        sys.exit(0 if (ok and not errs) else 1)
    sys.exit(1 if errs else 0)
