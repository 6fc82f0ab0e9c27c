"""Shared helpers for the heldout9 document generators (amounts held as Decimal)."""
from decimal import Decimal as D, ROUND_HALF_UP
import json

def q2(x):
    return D(x).quantize(D('0.01'), rounding=ROUND_HALF_UP)

def fmt(x, comma=True):
    """1234.5 -> '1,234.50'"""
    x = q2(x)
    return f"{x:,.2f}" if comma else f"{x:.2f}"

def pct(a, b):
    """a/b as a percentage rounded to 2 decimals (Decimal)."""
    return q2(D(a) * 100 / D(b))

def growth(new, old):
    return pct(D(new) - D(old), old)

def S(*xs):
    return sum((D(x) for x in xs), D('0'))

class Facts(dict):
    def dump(self, path):
        def conv(o):
            if isinstance(o, D):
                return str(q2(o))
            if isinstance(o, dict):
                return {k: conv(v) for k, v in o.items()}
            if isinstance(o, (list, tuple)):
                return [conv(v) for v in o]
            return o
        json.dump(conv(dict(self)), open(path, 'w'), ensure_ascii=False, indent=1)
