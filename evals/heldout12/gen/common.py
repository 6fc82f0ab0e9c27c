"""Shared data-model helpers for the heldout12 invented documents.
Amounts are kept in integer cents (or integer yuan*100) so every total is exact."""
from collections import OrderedDict

def c(x):
    """amount -> integer hundredths"""
    return int(round(float(x) * 100))

def f2(v):
    """hundredths -> '1234.56'"""
    return f"{v/100:.2f}"

def f2s(v):
    """hundredths -> '1,234.56'"""
    return f"{v/100:,.2f}"

SRC = ('gen', 'fund', 'soe', 'unit')

class Row:
    def __init__(self, code, name, **src):
        self.code, self.name = code, name
        # src: key -> (basic, project) in display units
        self.src = {k: (c(v[0]), c(v[1])) for k, v in src.items()}
    def basic(self, only=None):
        return sum(b for k, (b, p) in self.src.items() if only is None or k in only)
    def proj(self, only=None):
        return sum(p for k, (b, p) in self.src.items() if only is None or k in only)
    def total(self, only=None):
        return self.basic(only) + self.proj(only)

class Node:
    def __init__(self, code, name):
        self.code, self.name = code, name
        self.basic = self.proj = 0
        self.by = {k: 0 for k in SRC}

def tree(rows, names, only=None):
    """rows: list of Row (项 level, 7-digit codes). names: code->name for 类/款.
    Returns ordered list of Node for 类, 款, 项 (only rows with money under `only`)."""
    out = OrderedDict()
    for r in rows:
        if r.total(only) == 0:
            continue
        for code in (r.code[:3], r.code[:5], r.code):
            nm = r.name if code == r.code else names[code]
            n = out.setdefault(code, Node(code, nm))
            n.basic += r.basic(only); n.proj += r.proj(only)
            for k in SRC:
                if only is None or k in only:
                    n.by[k] += r.total([k]) if k in r.src else 0
    order = sorted(out.values(), key=lambda n: (n.code[:3], n.code[3:5] if len(n.code) > 3 else '', n.code[5:] if len(n.code) > 5 else ''))
    return order

def econ_tree(items, names):
    """items: list of (5-digit code, name, personnel, public) -> nodes for 类 and 款"""
    out = OrderedDict()
    for code, nm, pe, pu in items:
        for cd in (code[:3], code):
            n = out.setdefault(cd, {'code': cd, 'name': nm if cd == code else names[cd], 'pe': 0, 'pu': 0})
            n['pe'] += c(pe); n['pu'] += c(pu)
    return list(out.values())

def check_tree(nodes):
    """assert parent = sum of children"""
    d = {n.code: n for n in nodes}
    for n in nodes:
        kids = [m for m in nodes if len(m.code) == len(n.code) + (2 if len(n.code) >= 3 else 0) and m.code.startswith(n.code) and m.code != n.code]
        if kids:
            assert sum(k.basic for k in kids) == n.basic and sum(k.proj for k in kids) == n.proj, n.code
    return True
